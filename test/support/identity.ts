import { Role } from '../../src/domain/role';
import type { GraphExecutor } from '../../src/graph/executor';
import type { IdentityService } from '../../src/services/identity/identityService';
import { provisionTestToken } from './api';
import { testRoot } from './composition';
import { resetGraph, testGraph } from './graph';

/** A bearer token for a fresh test account holding exactly `roles` (ids are unique per call). */
let counter = 0;
export async function tokenWithRoles(roles: readonly Role[]): Promise<string> {
  counter += 1;
  return provisionTestToken(roles, `t${Date.now().toString(36)}.${counter}`);
}

export const ALL_ROLES = Object.values(Role);

/**
 * Node and relationship counts of records, leaving out the audit log's own bookkeeping: security
 * events that failed authentications record, and checkpoints that reading `auditCheckpoint` issues.
 */
export async function countWithoutSecurityEvents(graph: GraphExecutor): Promise<{ nodes: number; relationships: number }> {
  const [row] = await graph.query(
    'test.countNoEvents',
    'CALL () { MATCH (n) WHERE NOT n:AuditLog AND NOT n:AuditCheckpoint AND NOT (n:AuditEvent AND n.category = "SECURITY") RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return { nodes: row.nodes as number, relationships: row.relationships as number };
}

export async function securityEventTypes(graph: GraphExecutor, subject?: string): Promise<string[]> {
  const rows = await graph.query('test.events', "MATCH (e:AuditEvent {category: 'SECURITY'}) WHERE $subject IS NULL OR e.entityId = $subject RETURN e.action AS type ORDER BY e.seq", { subject: subject ?? null });
  return rows.map((r) => String(r.type));
}

/** What `clockedIdentity` gives a test: the database, and an identity service on a clock the test moves. */
export interface ClockedIdentity {
  graph: GraphExecutor;
  now: Date;
  service: IdentityService;
  advance(ms: number): void;
}

/**
 * Registers hooks for a describe block: an emptied database, and before each test a fresh
 * identity service (over `env`) whose clock reads `now`, so expiry and lockout windows need no sleeps.
 */
export function clockedIdentity(env: Record<string, string>): ClockedIdentity {
  const ctx = {
    now: new Date(),
    advance(ms: number) {
      ctx.now = new Date(ctx.now.getTime() + ms);
    },
  } as ClockedIdentity;
  beforeAll(async () => {
    ctx.graph = testGraph();
    await resetGraph(ctx.graph);
  });
  beforeEach(() => {
    ctx.now = new Date();
    ctx.service = testRoot(ctx.graph, env, { now: () => ctx.now }).identity;
  });
  afterAll(async () => {
    await ctx.graph.close();
  });
  return ctx;
}
