import { type IntakeLogger } from '@sg/mail';

/** Keeps every line logged, to check what a source says and what it never says. */
export class RecordingLogger implements IntakeLogger {
  readonly lines: string[] = [];

  log(message: string): void {
    this.lines.push(`log: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
