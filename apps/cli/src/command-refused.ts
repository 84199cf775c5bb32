/**
 * The command could not do its work, or not safely (a target that is not empty, a tool that is
 * missing, a store with problems): the CLI prints the message, without the usage, and exits 1.
 */
export class CommandRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandRefused';
  }
}
