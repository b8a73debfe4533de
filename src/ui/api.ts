/**
 * The explorer's GraphQL client: one POST per operation, and every failure turned into a
 * sentence a person can act on (the page must never go blank on an error).
 */
export type ProblemKind = 'NETWORK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAVAILABLE' | 'OTHER';

export class ApiProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    /** The GraphQL `extensions.code`, when the server sent one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const KIND_BY_CODE: Record<string, ProblemKind> = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'UNAVAILABLE',
};

export class GraphQLClient {
  constructor(
    private readonly endpoint: string,
    private readonly token: () => string | null,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = this.token();
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ApiProblem('NETWORK', `Cannot reach the pv-lineage server at ${new URL(this.endpoint, location.href).origin}. Check that it is running, then try again.`);
    }
    let body: GraphQLResponse<T>;
    try {
      body = (await res.json()) as GraphQLResponse<T>;
    } catch {
      // A proxy's HTML error page, or a server that went away mid-answer.
      throw new ApiProblem('UNAVAILABLE', `The server answered HTTP ${res.status} without a GraphQL response. Try again shortly.`);
    }
    const first = body.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? null;
      throw new ApiProblem(code ? (KIND_BY_CODE[code] ?? 'OTHER') : 'OTHER', first.message, code);
    }
    if (!res.ok || body.data == null) throw new ApiProblem('UNAVAILABLE', `The server answered HTTP ${res.status}. Try again shortly.`);
    return body.data;
  }
}
