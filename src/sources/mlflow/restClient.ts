import { type Dispatcher, fetch } from 'undici';
import { BadInputError, StoreReadError } from '../../domain/errors';
import { type MlflowTrackingAccess, NO_ACCESS, authorization, tlsDispatcher } from './restAccess';
import { DEFAULT_RETRY, RETRYABLE, type RetryPolicy, retryDelayMs } from './restRetry';

export interface RestOptions {
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** Upper bound on pages per listing; a server that keeps answering with new tokens is stopped here. */
  readonly maxPages?: number;
  /** Largest response body read. */
  readonly maxBodyBytes?: number;
  /** Credentials and TLS trust (MLFLOW_TRACKING_* variables). */
  readonly access?: MlflowTrackingAccess;
  /** Back-off on HTTP 429 / 503. */
  readonly retry?: RetryPolicy;
}

/**
 * The server has no such endpoint (an older MLflow): HTTP 404 without an MLflow error code of
 * its own, or the `ENDPOINT_NOT_FOUND` error MLflow answers for unknown API paths.
 */
export class EndpointNotOfferedError extends StoreReadError {
  constructor(
    readonly endpoint: string,
    url: string,
    status: number,
  ) {
    super('uri', `MLflow server ${url} does not offer ${endpoint} (HTTP ${status})`);
  }
}

const MAX_REDIRECTS = 5;

type Json = Record<string, unknown>;

/**
 * A small JSON client for MLflow's REST API (`/api/2.0/mlflow/...`). Every failure names the
 * URL: unreachable server, non-2xx answer, non-JSON body, or a page token that repeats.
 */
export class MlflowRestClient {
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly maxBodyBytes: number;
  private readonly origin: string;
  private readonly authorization: string | null;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly retry: RetryPolicy;

  constructor(
    private readonly base: string,
    options: RestOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPages = options.maxPages ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.origin = new URL(base).origin;
    const access = options.access ?? NO_ACCESS;
    this.authorization = authorization(access);
    this.dispatcher = tlsDispatcher(access);
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async get(path: string, query: Record<string, string | number | undefined>): Promise<Json> {
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return this.withRetry('GET', path, `${this.base}/api/2.0/mlflow/${path}${qs ? `?${qs}` : ''}`);
  }

  async post(path: string, body: Json): Promise<Json> {
    return this.withRetry('POST', path, `${this.base}/api/2.0/mlflow/${path}`, body);
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  /**
   * Follows `next_page_token` until it is empty. A token seen before, or more than `maxPages`
   * pages, means the server is misbehaving; both stop with an error naming the URL.
   */
  async *pages(what: string, fetchPage: (token: string | undefined) => Promise<Json>): AsyncIterable<Json> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= this.maxPages) {
        throw new BadInputError('uri', `MLflow server ${this.base} kept returning page tokens for ${what} after ${this.maxPages} pages; stopped`);
      }
      const body = await fetchPage(token);
      yield body;
      const next = typeof body.next_page_token === 'string' && body.next_page_token.length > 0 ? body.next_page_token : undefined;
      if (!next) return;
      if (seen.has(next)) {
        throw new BadInputError('uri', `MLflow server ${this.base} returned the same page token twice for ${what}; stopped to avoid an endless loop`);
      }
      seen.add(next);
      token = next;
    }
  }

  /** A busy server (429 / 503) is retried with back-off; after the last attempt the error names the URL and status. */
  private async withRetry(method: string, endpoint: string, url: string, body?: Json): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(method, url, body);
      const text = await this.boundedText(res, url);
      if (RETRYABLE.has(res.status) && attempt + 1 < this.retry.attempts) {
        await new Promise((r) => setTimeout(r, retryDelayMs(this.retry, attempt, res.headers.get('retry-after'))));
        continue;
      }
      if (res.ok) return this.json(text, url);
      throw this.failure(endpoint, url, res.status, text, attempt + 1);
    }
  }

  private failure(endpoint: string, url: string, status: number, text: string, attempts: number): StoreReadError {
    const code = errorCode(text);
    if (code === 'ENDPOINT_NOT_FOUND' || (status === 404 && code === null)) return new EndpointNotOfferedError(endpoint, url, status);
    const detail = `body: ${text.slice(0, 2000)}`;
    if (RETRYABLE.has(status)) return new StoreReadError('uri', `MLflow server ${url} answered HTTP ${status} ${attempts} times; gave up`, detail);
    if (status === 401 || status === 403) {
      const sent = this.authorization ? 'the credentials given were refused' : 'no credentials were given (MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN)';
      return new StoreReadError('uri', `MLflow server ${url} answered HTTP ${status}: ${sent}`, detail);
    }
    return new StoreReadError('uri', `MLflow server ${url} answered HTTP ${status}`, detail);
  }

  private json(text: string, url: string): Json {
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw new StoreReadError('uri', `MLflow server ${url} answered with a body that is not JSON`);
    }
  }

  /**
   * Redirects are followed by hand and only within the store's origin: one to another origin
   * would let a listed server send the ingester (and its credentials) to an address that is
   * not listed. Error messages name the URL and the status, never the body, which may be
   * another service's.
   */
  private async send(method: string, url: string, body?: Json): Promise<Response> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (this.authorization) headers.authorization = this.authorization;
    let current = url;
    for (let hop = 0; ; hop++) {
      let res: Response;
      try {
        res = (await fetch(current, {
          method,
          headers,
          body: body ? JSON.stringify(body) : undefined,
          redirect: 'manual',
          signal,
          dispatcher: this.dispatcher,
        })) as unknown as Response;
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new BadInputError('uri', `MLflow server ${url} is unreachable (${cause})`);
      }
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) return res;
      await res.body?.cancel();
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new StoreReadError('uri', `MLflow server ${url} answered with a redirect that is not a URL; not followed`);
      }
      if (next.origin !== this.origin) {
        throw new StoreReadError('uri', `MLflow server ${url} redirected to another origin; not followed`, `redirect to ${next.href}`);
      }
      if (hop >= MAX_REDIRECTS) throw new StoreReadError('uri', `MLflow server ${url} redirected more than ${MAX_REDIRECTS} times; stopped`);
      current = next.href;
    }
  }

  private async boundedText(res: Response, url: string): Promise<string> {
    const tooLarge = () => new StoreReadError('uri', `MLflow server ${url} answered with a body larger than the read limit of ${this.maxBodyBytes} bytes`);
    if (Number(res.headers.get('content-length') ?? 0) > this.maxBodyBytes) {
      await res.body?.cancel();
      throw tooLarge();
    }
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let total = 0;
    // The reader, not `for await`: the DOM typings the browser tests compile with lack the iterator.
    const reader = res.body.getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        total += part.value.byteLength;
        if (total > this.maxBodyBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        chunks.push(part.value);
      }
    } catch (err) {
      if (err instanceof StoreReadError) throw err;
      throw new BadInputError('uri', `MLflow server ${url} stopped answering part-way (${(err as Error).name})`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** MLflow's `error_code` in an error body, or null when the body is not an MLflow error. */
function errorCode(text: string): string | null {
  try {
    const v = (JSON.parse(text) as Json).error_code;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
