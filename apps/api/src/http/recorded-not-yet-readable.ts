/**
 * A command was recorded, but this node's read model has not caught up with it within the wait
 * allowed: the answer is 202 Accepted with the command's outcome and where to poll, so the client
 * never reads a list that does not yet show its own change without being told.
 */
export class RecordedNotYetReadable extends Error {
  constructor(
    readonly location: string,
    readonly etag: string,
    readonly body: object,
  ) {
    super(`Recorded; the read model has not shown it yet: poll ${location}`);
    this.name = 'RecordedNotYetReadable';
  }
}
