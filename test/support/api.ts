import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { compose } from '../../src/composition/root';
import { loadConfig } from '../../src/config';
import { Role } from '../../src/domain/role';
import type { GraphExecutor } from '../../src/graph/executor';
import { createApp } from '../../src/http/app';
import type { IdentityService } from '../../src/services/identity/identityService';
import { testAuditEnv } from './audit';
import { testGraph } from './graph';

export interface TestApi {
  readonly url: string;
  readonly server: Server;
  readonly identity: IdentityService;
  /** The bearer token `gql` sends by default (null with `anonymous: true`). */
  readonly token: string | null;
  /** POSTs a GraphQL operation and returns the parsed body, authenticated as the test user unless told otherwise. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlOptions {
  /** Send no Authorization header. */
  readonly anonymous?: boolean;
  /** Send this bearer token instead of the default one. */
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

export interface StartOptions {
  /** Requests carry no token by default. */
  readonly anonymous?: boolean;
  /** The address to listen on and to call the API by; loopback unless given. */
  readonly host?: string;
}

export interface GqlResult<T> {
  readonly status: number;
  readonly data?: T;
  readonly errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/** The default caller of other engineers' tests: every role a test needs except ADMIN. */
export const TEST_USER_ID = 'test.api';
const TEST_ROLES = [Role.VIEWER, Role.SCIENTIST, Role.PIPELINE, Role.REVIEWER, Role.QA];

/**
 * Creates (or re-uses) the test account and issues it an API token. The account is written
 * through the repository because it holds PIPELINE together with people's roles, which the
 * service refuses for real accounts; it exists only in test databases.
 */
export async function provisionTestToken(roles: readonly Role[] = TEST_ROLES, id = TEST_USER_ID): Promise<string> {
  // Its own executor with the normal test timeout: some tests give the app a deliberately tiny one.
  const graph = testGraph();
  try {
    const { repos, identity } = compose(loadConfig({ NEO4J_PASSWORD: 'unused' }), { graph });
    const repo = repos.identity;
    const now = new Date();
    if (!(await repo.byId(id))) {
      await repo.createAccount({ id, displayName: `Test ${id}`, kind: 'USER', roles, passwordHash: null }, { type: 'USER_CREATED', subject: id, actor: 'test', address: null, detail: {} }, now);
    }
    return (await identity.issueApiToken({ id: 'test', address: null }, id, 1, 'test')).secret;
  } finally {
    await graph.close();
  }
}

/** The real Express + Apollo app on an ephemeral loopback port, over the given executor. */
export async function startTestApi(graph: GraphExecutor, env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApi> {
  const config = loadConfig({ NEO4J_PASSWORD: 'unused-by-the-app', PVL_RATE_LIMIT_PER_MINUTE: '1000000', ...testAuditEnv(), ...env });
  const server = createServer();
  const { app, apollo, identity } = await createApp({ root: compose(config, { graph }), log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  let token: string | null = options.anonymous ? null : await provisionTestToken();
  const post = async (query: string, variables: Record<string, unknown> | undefined, bearer: string | null, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  // Warm the token cache so tests that count statements per request see only their own.
  if (token) await post('{ me { id } }', undefined, token);
  const api: TestApi = {
    url,
    server,
    identity,
    get token() {
      return token;
    },
    async gql(query, variables, opts = {}) {
      const bearer = opts.anonymous ? null : (opts.token ?? token);
      let res = await post(query, variables, bearer, opts.headers);
      // A test file that empties the database also removes the test account: provision it again.
      if (res.status === 401 && bearer && bearer === token && !opts.token) {
        token = await provisionTestToken();
        res = await post(query, variables, token, opts.headers);
      }
      return res as GqlResult<never>;
    },
    async close() {
      await apollo.stop();
    },
  };
  return api;
}
