import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import type { GraphExecutor } from '../../src/graph/executor';
import { createApp } from '../../src/http/app';

export interface TestApi {
  readonly url: string;
  readonly server: Server;
  /** POSTs a GraphQL operation and returns the parsed body. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  readonly status: number;
  readonly data?: T;
  readonly errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/** The real Express + Apollo app on an ephemeral loopback port, over the given executor. */
export async function startTestApi(graph: GraphExecutor, env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ NEO4J_PASSWORD: 'unused-by-the-app', ...env });
  const server = createServer();
  const { app, apollo } = await createApp({ config, graph, log: pino({ level: 'silent' }), isStarted: () => true }, server);
  server.on('request', app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    async gql(query, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await apollo.stop();
    },
  };
}
