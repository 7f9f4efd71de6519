// The one error type of lectio. The CLI turns `code` into an exit status and the
// HTTP layer into a response status, each in one place; callers never parse messages.

export type ErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'ambiguous'
  | 'conflict'
  | 'corrupt_db'
  | 'busy'
  | 'network'
  /** Some of the work was done and kept, some could not be (the network failed part way). */
  | 'partial'
  | 'internal';

export class LectioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LectioError';
  }
}
