import { assertOk, verifyCheckpoint, verifyConsistencyProof } from '../src/verifier';
import type { GraphExecutor } from '../src/graph/executor';
import type { Repositories } from '../src/graph/repositories';
import type { AuditServices } from '../src/services/audit/auditService';
import { probeDraft, testSigningKey } from './support/audit';
import { testRoot } from './support/composition';
import { resetGraph, testGraph } from './support/graph';

/**
 * Requirement: 16 concurrent writers for 30 seconds leave a linear log (no forks, gaps or
 * duplicate sequence numbers) that verifies. PVL_AUDIT_CONCURRENCY_SECONDS shortens it locally.
 */
const WRITERS = 16;
const SECONDS = Number(process.env.PVL_AUDIT_CONCURRENCY_SECONDS ?? 30);

let graph: GraphExecutor;
let repos: Repositories;
let audit: AuditServices;

beforeAll(async () => {
  graph = testGraph();
  ({ repos, audit } = testRoot(graph));
  await resetGraph(graph);
});

afterAll(async () => {
  await resetGraph(graph);
  await graph.close();
});

it(`keeps the log linear under ${WRITERS} concurrent writers for ${SECONDS} s`, async () => {
  const deadline = Date.now() + SECONDS * 1000;
  const midway: string[] = [];
  const writer = async (w: number): Promise<number> => {
    let n = 0;
    let iterations = 0;
    while (Date.now() < deadline) {
      // Each change writes one record and queues one event; every fifth carries three changes.
      const changes = n % 5 === 4 ? 3 : 1;
      await repos.writer.write('test.concurrent', async (tx) => {
        for (let c = 0; c < changes; c++) {
          await tx.run('CREATE (:Probe {writer: $w, n: $n, c: $c})', { w, n, c });
          tx.audit(probeDraft(n, `writer-${w}`));
        }
      });
      n += changes;
      if (w === 0 && ++iterations % 20 === 0) midway.push((await audit.checkpoints.current()).note);
    }
    return n;
  };
  const started = Date.now();
  const written = (await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))).reduce((a, b) => a + b, 0);

  process.stdout.write(`[audit] ${written} audited changes in ${(Date.now() - started) / 1000}s\n`);
  const [row] = await graph.query(
    't.linear',
    `MATCH (e:AuditEvent)
     WITH count(e) AS n, count(DISTINCT e.seq) AS d, min(e.seq) AS lo, max(e.seq) AS hi
     MATCH (l:AuditLog {id: 'main'})
     RETURN n, d, lo, hi, l.size AS size`,
  );
  const [probes] = await graph.query('t.probes', 'MATCH (p:Probe) RETURN count(p) AS n');
  expect(written).toBeGreaterThan(WRITERS);
  expect(row.n).toBe(written);
  expect(row.d).toBe(written);
  expect(row.lo).toBe(0);
  expect(row.hi).toBe(written - 1);
  expect(row.size).toBe(written);
  expect(probes.n).toBe(written);

  const final = await audit.checkpoints.current();
  expect(await audit.verifier.verify(final.note)).toMatchObject({ ok: true, checkedEvents: written });

  // Every checkpoint issued while writers ran is a prefix of the final log.
  const keys = [testSigningKey().verifierKey];
  expect(midway.length).toBeGreaterThan(0);
  for (const note of midway) {
    const earlier = assertOk(verifyCheckpoint(note, keys));
    const proof = await audit.proofs.consistency(earlier.treeSize, final.treeSize);
    expect(proof.fromRoot).toBe(earlier.rootHash);
    expect(verifyConsistencyProof({ fromSize: earlier.treeSize, toSize: final.treeSize, fromRoot: earlier.rootHash, toRoot: final.rootHash, proof: proof.proof })).toMatchObject({ ok: true });
  }
}, (SECONDS + 120) * 1000);
