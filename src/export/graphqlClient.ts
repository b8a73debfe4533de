/**
 * The export's only way to the data: POSTs GraphQL operations with an API token, as any other
 * client does, so an export passes the same authorisation and limits. Failures are sorted into
 * what the API refused (it answered with errors) and what never got an answer (the server is
 * down or died mid-request), because the user fixes them differently.
 */

export interface GqlErrorBody {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** The API answered and refused: the message carries each error's code and facts. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly errors: readonly GqlErrorBody[],
    readonly status: number,
  ) {
    super(errors.map(describeError).join('\n'));
  }

  get code(): string | null {
    const code = this.errors[0]?.extensions?.code;
    return typeof code === 'string' ? code : null;
  }
}

/** No answer: connection refused, reset or timed out, or a body that is not a GraphQL answer. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

function describeError(e: GqlErrorBody): string {
  const { code, http: _http, ...facts } = e.extensions ?? {};
  const extra = Object.keys(facts).length > 0 ? ` ${JSON.stringify(facts)}` : '';
  return `${String(code ?? 'ERROR')}: ${e.message}${extra}`;
}

export interface ClientOptions {
  readonly url: string;
  readonly token: string;
  /** Per-request limit; a stalled server must not hang an export forever. */
  readonly timeoutMs?: number;
}

export interface GraphQLClient {
  readonly url: string;
  readonly requests: number;
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function createClient(options: ClientOptions): GraphQLClient {
  const timeoutMs = options.timeoutMs ?? 120_000;
  let requests = 0;
  return {
    url: options.url,
    get requests() {
      return requests;
    },
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      requests += 1;
      let res: Response;
      let text: string;
      try {
        res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
      } catch (err) {
        throw new ConnectionError(`the API at ${options.url} did not answer: ${causeOf(err)}`);
      }
      let body: { data?: T; errors?: GqlErrorBody[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new ConnectionError(`the API at ${options.url} answered HTTP ${res.status} without a GraphQL body${res.status === 429 ? ' (rate limited: PVL_RATE_LIMIT_PER_MINUTE)' : ''}`);
      }
      if (body.errors && body.errors.length > 0) throw new ApiError(body.errors, res.status);
      if (body.data === undefined || body.data === null) throw new ConnectionError(`the API at ${options.url} answered HTTP ${res.status} with no data`);
      return body.data;
    },
  };
}

/** undici hides the socket error in `cause`; that is the part a person can act on. */
function causeOf(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'no answer within the time limit';
  const cause = e?.cause;
  if (cause?.code || cause?.message) return [cause.code, cause.message].filter(Boolean).join(' ');
  return e?.message ?? String(err);
}
