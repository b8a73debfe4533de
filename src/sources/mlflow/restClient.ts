import { BadInputError, StoreReadError } from '../../domain/errors';

export interface RestOptions {
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** Upper bound on pages per listing; a server that keeps answering with new tokens is stopped here. */
  readonly maxPages?: number;
  /** Largest response body read. */
  readonly maxBodyBytes?: number;
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

  constructor(
    private readonly base: string,
    options: RestOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPages = options.maxPages ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.origin = new URL(base).origin;
  }

  async get(path: string, query: Record<string, string | number | undefined>): Promise<Json> {
    const qs = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return this.request('GET', `${this.base}/api/2.0/mlflow/${path}${qs ? `?${qs}` : ''}`);
  }

  async post(path: string, body: Json): Promise<Json> {
    return this.request('POST', `${this.base}/api/2.0/mlflow/${path}`, body);
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

  /**
   * Redirects are followed by hand and only within the store's origin: one to another origin
   * would let a listed server send the ingester to an address that is not listed. Error
   * messages name the URL and the status, never the body, which may be another service's.
   */
  private async request(method: string, url: string, body?: Json): Promise<Json> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let current = url;
    for (let hop = 0; ; hop++) {
      try {
        res = await fetch(current, {
          method,
          headers: body ? { 'content-type': 'application/json' } : undefined,
          body: body ? JSON.stringify(body) : undefined,
          redirect: 'manual',
          signal,
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new BadInputError('uri', `MLflow server ${url} is unreachable (${cause})`);
      }
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (location === null) break;
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
    const text = await this.boundedText(res, url);
    if (!res.ok) {
      throw new StoreReadError('uri', `MLflow server ${url} answered HTTP ${res.status}`, `body: ${text.slice(0, 2000)}`);
    }
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw new StoreReadError('uri', `MLflow server ${url} answered with a body that is not JSON`);
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
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > this.maxBodyBytes) throw tooLarge();
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof StoreReadError) throw err;
      throw new BadInputError('uri', `MLflow server ${url} stopped answering part-way (${(err as Error).name})`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
