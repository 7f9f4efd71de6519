// Errors as HTTP: `{"error": {"code", "message"}}` with the status that fits, decided here
// only (the CLI's one place is EXIT_CODES in src/cli/cli-context.ts).

import { type ErrorCode, LectioError } from '../core/errors.js';

/** Codes the HTTP layer adds to the core's: refusals that only exist on the network. */
export type HttpErrorCode = ErrorCode | 'unauthorized' | 'forbidden' | 'method_not_allowed' | 'too_large';

export const HTTP_STATUS: Record<HttpErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  ambiguous: 409,
  conflict: 409,
  too_large: 413,
  internal: 500,
  corrupt_db: 500,
  network: 502,
  partial: 502,
  busy: 503,
};

export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(error: unknown): {
  status: number;
  body: { error: { code: string; message: string } };
} {
  if (error instanceof HttpError || error instanceof LectioError) {
    return { status: HTTP_STATUS[error.code], body: { error: { code: error.code, message: error.message } } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 'internal', message: `unexpected error: ${message}` } } };
}
