// The one way lectio's network clients make a request: a per-attempt timeout, retries
// with exponential back-off for failures that may pass (network errors, timeouts, 5xx,
// 429), Retry-After honoured, a minimum spacing between requests (arXiv asks for 3 s),
// and a cap on the body size. The fetch function, the clock and the sleep are passed in,
// so tests run against a real server on loopback without waiting for real seconds.

import { LectioError } from '../core/errors.js';

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface HttpFetcherOptions {
  fetch?: FetchFn;
  /** Waits between attempts and for the rate limit. Tests pass one that only advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; used for spacing requests and for HTTP-date Retry-After. */
  now?: () => number;
  /** Least time between the starts of two requests made through this fetcher. */
  minIntervalMs?: number;
  /** Retries after the first attempt; 4 means at most 5 requests for one call. */
  maxRetries?: number;
  /** Per attempt, from sending the request to the last byte of the body. */
  timeoutMs?: number;
  /** First back-off; it doubles on every retry, up to maxBackoffMs. */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  /** A server that asks for a longer pause than this is given up on at once. */
  maxRetryAfterMs?: number;
  /** Bodies larger than this are refused: feeds are untrusted and read into memory. */
  maxBytes?: number;
  userAgent?: string;
  /** Names the service in messages: "arXiv did not answer...". */
  serviceName?: string;
}

export interface HttpResult {
  url: string;
  status: number;
  statusText: string;
  headers: Headers;
  bytes: Uint8Array;
}

export const DEFAULT_USER_AGENT = 'lectio/0.1 (reading-list manager)';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An attempt that failed in a way that may pass: worth another try after a pause. */
class TransientFailure {
  constructor(
    readonly reason: string,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {}
}

export class HttpFetcher {
  private readonly fetchFn: FetchFn;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly minIntervalMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly retryBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxBytes: number;
  private readonly userAgent: string;
  private readonly serviceName: string;
  /** When the last request started, on the injected clock; spacing is per fetcher. */
  private lastStart: number | null = null;

  constructor(options: HttpFetcherOptions = {}) {
    this.fetchFn = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.minIntervalMs = options.minIntervalMs ?? 0;
    this.maxRetries = options.maxRetries ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryBaseMs = options.retryBaseMs ?? 2_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.serviceName = options.serviceName ?? 'the server';
  }

  /**
   * GETs `url`. Resolves with the first answer that is final: any 2xx, 3xx left after
   * redirects, or a 4xx other than 408/429 (the caller reads error bodies such as arXiv's
   * 400 error feed). Rejects with LectioError('network') once the retries are spent.
   */
  async get(url: string, accept: string): Promise<HttpResult> {
    const host = hostOf(url);
    const attempts = this.maxRetries + 1;
    let notBefore = 0;
    let last: TransientFailure | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.lastStart !== null) notBefore = Math.max(notBefore, this.lastStart + this.minIntervalMs);
      const wait = notBefore - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastStart = this.now();

      const outcome = await this.attempt(url, accept);
      if (!(outcome instanceof TransientFailure)) return outcome;
      last = outcome;
      if (attempt === attempts) break;
      // No jitter: one CLI process talks to each service, so there is no herd to spread.
      let pause = Math.min(this.retryBaseMs * 2 ** (attempt - 1), this.maxBackoffMs);
      if (outcome.retryAfterMs !== null) {
        if (outcome.retryAfterMs > this.maxRetryAfterMs) {
          throw new LectioError(
            'network',
            `${this.serviceName} (${host}) asked to wait ${Math.ceil(outcome.retryAfterMs / 1000)} s ` +
              `before retrying (${outcome.reason}); try again later`,
            { url, attempts: attempt, status: outcome.status, gaveUp: true },
          );
        }
        pause = outcome.retryAfterMs;
      }
      notBefore = this.now() + pause;
    }
    throw new LectioError(
      'network',
      `${this.serviceName} (${host}) gave no usable answer after ${attempts} ` +
        `attempt${attempts === 1 ? '' : 's'}: ${last?.reason ?? 'no attempt made'}; try again later`,
      { url, attempts, status: last?.status ?? null, gaveUp: true },
    );
  }

  private async attempt(url: string, accept: string): Promise<HttpResult | TransientFailure> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    try {
      const response = await this.fetchFn(url, {
        headers: { accept, 'user-agent': this.userAgent },
        signal: controller.signal,
        redirect: 'follow',
      });
      const { status } = response;
      if (status === 429 || status === 408 || (status >= 500 && status !== 501 && status !== 505)) {
        // The body of a 503 is an HTML apology page: not worth reading, but it must be
        // released so that the connection can be reused.
        await response.body?.cancel().catch(() => undefined);
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.now());
        return new TransientFailure(describeStatus(status, response.statusText), retryAfter, status);
      }
      const bytes = await this.readBody(response, url);
      return {
        url: response.url || url,
        status,
        statusText: response.statusText,
        headers: response.headers,
        bytes,
      };
    } catch (err) {
      if (err instanceof LectioError) throw err;
      if (timedOut) return new TransientFailure(`no answer within ${formatSeconds(this.timeoutMs)}`);
      return new TransientFailure(describeFetchError(err));
    } finally {
      clearTimeout(timer);
    }
  }

  private async readBody(response: Response, url: string): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw this.tooLarge(url);
    }
    if (response.body === null) return new Uint8Array(0);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw this.tooLarge(url);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  private tooLarge(url: string): LectioError {
    return new LectioError(
      'network',
      `${this.serviceName} (${hostOf(url)}) sent more than ${formatBytes(this.maxBytes)}; refused`,
      { url },
    );
  }
}

/**
 * Milliseconds to wait according to a Retry-After header: delta-seconds ("120") or an
 * HTTP-date (RFC 9110, 10.2.3). Null when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with a day name; V8's Date.parse would read "-5" as a year.
  const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

function describeStatus(status: number, statusText: string): string {
  const text = statusText.trim() === '' ? '' : ` ${statusText.trim()}`;
  return `HTTP ${status}${text}`;
}

/** One line for a rejected fetch: undici hides the useful part ("ECONNREFUSED") in `cause`. */
function describeFetchError(err: unknown): string {
  const cause = err instanceof Error ? (err as Error & { cause?: unknown }).cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause
      ? String((cause as { code: unknown }).code)
      : '';
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (offline?)';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    default: {
      const message =
        cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
      return oneLine(message || 'request failed');
    }
  }
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${Number((n / 1024 / 1024).toFixed(1))} MB`
    : `${Number((n / 1024).toFixed(1))} kB`;
}

/** True for the error HttpFetcher.get throws when it stops trying: the service is unreachable. */
export function isGiveUp(err: unknown): boolean {
  return err instanceof LectioError && (err.details as { gaveUp?: unknown } | undefined)?.gaveUp === true;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
