/**
 * What a mail source reports through: Nest's Logger fits it, so a module can hand one in. A
 * source never passes a message's content or a password to it.
 */
export interface IntakeLogger {
  log(message: string): void;
  warn(message: string): void;
}
