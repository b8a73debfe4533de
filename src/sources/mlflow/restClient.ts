import { BadInputError } from '../../domain/errors';

export interface RestOptions {
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** Upper bound on pages per listing; a server that keeps answering with new tokens is stopped here. */
  readonly maxPages?: number;
}

type Json = Record<string, unknown>;

/**
 * A small JSON client for MLflow's REST API (`/api/2.0/mlflow/...`). Every failure names the
 * URL: unreachable server, non-2xx answer, non-JSON body, or a page token that repeats.
 */
export class MlflowRestClient {
  private readonly timeoutMs: number;
  private readonly maxPages: number;

  constructor(
    private readonly base: string,
    options: RestOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPages = options.maxPages ?? 10_000;
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

  private async request(method: string, url: string, body?: Json): Promise<Json> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new BadInputError('uri', `MLflow server ${url} is unreachable (${cause})`);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new BadInputError('uri', `MLflow server ${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`);
    }
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw new BadInputError('uri', `MLflow server ${url} answered with a body that is not JSON`);
    }
  }
}
