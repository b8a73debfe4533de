import { canonicalJson, sha256Hex } from './audit/canonical';
import { ProvenanceChangeKind, diffProvenance } from './provenanceDiff';
import { type UpstreamFacts, type UpstreamNodeFacts, buildProvenanceManifest, manifestJson, parseManifest, provenanceDigest } from './provenanceManifest';

const node = (over: Partial<UpstreamNodeFacts> & { id: string; type: string }): UpstreamNodeFacts => ({
  status: null,
  lifecycleStage: null,
  fingerprint: null,
  gitCommit: null,
  name: null,
  version: null,
  runId: null,
  source: null,
  hashTags: [],
  figures: [],
  ...over,
});

const facts = (over: Partial<UpstreamFacts> = {}): UpstreamFacts => ({
  reportId: 'report:R1',
  version: 1,
  depth: 20,
  truncated: false,
  nodes: [
    node({ id: 'run:s:b', type: 'Run', status: 'FINISHED', lifecycleStage: 'active', fingerprint: 'f-b', gitCommit: 'c0ffee' }),
    node({ id: 'run:s:a', type: 'Run', status: 'FINISHED', lifecycleStage: 'active', fingerprint: 'f-a' }),
    node({ id: 'dataset:s3:faers', type: 'Dataset', fingerprint: null }),
    node({ id: 'modelversion:s:m:1', type: 'ModelVersion', name: 'm', version: 1, runId: 'a', source: 'models:/m-1', hashTags: [null, 'h1', null, null], status: 'READY' }),
    node({ id: 'signal:S1', type: 'Signal', figures: ['2.5', null, '4', '3', '26.0'] }),
  ],
  edges: [
    { from: 'dataset:s3:faers', type: 'INPUT_TO', to: 'run:s:a', fromType: 'Dataset', context: 'training', digest: 'd1' },
    { from: 'run:s:a', type: 'PRODUCED', to: 'modelversion:s:m:1', fromType: 'Run', context: null, digest: null },
  ],
  jobs: [['job:ns:etl', 'run:s:b']],
  ...over,
});

describe('provenance manifest', () => {
  it('sorts every section by its key and splits dataset inputs, code commits and links out', () => {
    const m = buildProvenanceManifest(facts());
    expect(m.runs.map((r) => r.id)).toEqual(['run:s:a', 'run:s:b']);
    expect(m.codeCommits).toEqual([{ runId: 'run:s:b', commit: 'c0ffee' }]);
    expect(m.datasetInputs).toEqual([{ datasetId: 'dataset:s3:faers', runId: 'run:s:a', context: 'training', digest: 'd1' }]);
    expect(m.modelVersions).toEqual([{ id: 'modelversion:s:m:1', name: 'm', version: 1, sourceRunId: 'a', source: 'models:/m-1', hash: 'h1' }]);
    expect(m.links).toEqual([
      { from: 'job:ns:etl', type: 'HAS_RUN', to: 'run:s:b' },
      { from: 'run:s:a', type: 'PRODUCED', to: 'modelversion:s:m:1' },
    ]);
    expect(m.nodes).toEqual([
      { id: 'dataset:s3:faers', type: 'Dataset', fingerprint: null, figures: null },
      { id: 'signal:S1', type: 'Signal', fingerprint: null, figures: '2.5 /  / 4 / 3 / 26.0' },
    ]);
  });

  it('gives the same digest whatever order the graph returned things in', () => {
    const f = facts();
    const shuffled = facts({ nodes: [...f.nodes].reverse(), edges: [...f.edges].reverse() });
    expect(provenanceDigest(buildProvenanceManifest(shuffled))).toBe(provenanceDigest(buildProvenanceManifest(f)));
  });

  it('is the SHA-256 of the RFC 8785 canonical JSON of the manifest', () => {
    const m = buildProvenanceManifest(facts());
    expect(manifestJson(m)).toBe(canonicalJson(JSON.parse(JSON.stringify(m))));
    expect(provenanceDigest(m)).toBe(sha256Hex(manifestJson(m)));
    expect(provenanceDigest(m)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the digest when a digest read, a run status or a parent link changes, but not for a model stage or status', () => {
    const base = provenanceDigest(buildProvenanceManifest(facts()));
    const f = facts();
    const digestRead = facts({ edges: [{ ...f.edges[0], digest: 'd2' }, f.edges[1]] });
    const failed = facts({ nodes: f.nodes.map((n) => (n.id === 'run:s:a' ? { ...n, status: 'FAILED' } : n)) });
    const parent = facts({ edges: [...f.edges, { from: 'run:ol:x', type: 'PARENT_OF', to: 'run:s:a', fromType: 'Run', context: null, digest: null }] });
    for (const other of [digestRead, failed, parent]) expect(provenanceDigest(buildProvenanceManifest(other))).not.toBe(base);
    const promoted = facts({ nodes: f.nodes.map((n) => (n.type === 'ModelVersion' ? { ...n, status: 'PENDING_REGISTRATION' } : n)) });
    expect(provenanceDigest(buildProvenanceManifest(promoted))).toBe(base);
  });

  it('reads a stored manifest back, and refuses text that is not one', () => {
    const m = buildProvenanceManifest(facts());
    expect(parseManifest(manifestJson(m))).toEqual(m);
    expect(parseManifest('not json')).toBeNull();
    expect(parseManifest('{"v":99}')).toBeNull();
    expect(parseManifest(JSON.stringify({ ...m, runs: 'x' }))).toBeNull();
  });
});

describe('provenance diff', () => {
  const signed = buildProvenanceManifest(facts());

  it('is empty for the same provenance', () => {
    expect(diffProvenance(signed, buildProvenanceManifest(facts()))).toEqual([]);
  });

  it('names an added run and the link that attached it', () => {
    const f = facts();
    const now = buildProvenanceManifest(
      facts({
        nodes: [...f.nodes, { ...f.nodes[0], id: 'run:ol:x', status: 'RUNNING', fingerprint: null, gitCommit: null }],
        edges: [...f.edges, { from: 'run:ol:x', type: 'PARENT_OF', to: 'run:s:a', fromType: 'Run', context: null, digest: null }],
        jobs: [...f.jobs, ['job:attacker-ns:poison-job', 'run:ol:x']],
      }),
    );
    const changes = diffProvenance(signed, now);
    expect(changes.map((c) => [c.kind, c.section, c.entity])).toEqual([
      [ProvenanceChangeKind.ADDED, 'runs', 'run:ol:x'],
      [ProvenanceChangeKind.ADDED, 'links', 'job:attacker-ns:poison-job -HAS_RUN-> run:ol:x'],
      [ProvenanceChangeKind.ADDED, 'links', 'run:ol:x -PARENT_OF-> run:s:a'],
    ]);
    expect(changes[0]).toMatchObject({ field: null, before: null, after: expect.stringContaining('"status":"RUNNING"') });
    expect(changes[2].summary).toBe('links added run:ol:x -PARENT_OF-> run:s:a');
  });

  it('lists a changed digest read and a removed entry, field by field', () => {
    const f = facts();
    const now = buildProvenanceManifest(facts({ edges: [{ ...f.edges[0], digest: 'd2' }], jobs: [] }));
    expect(diffProvenance(signed, now)).toEqual([
      expect.objectContaining({ kind: 'CHANGED', section: 'datasetInputs', entity: 'dataset:s3:faers -INPUT_TO-> run:s:a (training)', field: 'digest', before: 'd1', after: 'd2', summary: 'datasetInputs dataset:s3:faers -INPUT_TO-> run:s:a (training): digest d1 → d2' }),
      expect.objectContaining({ kind: 'REMOVED', section: 'links', entity: 'job:ns:etl -HAS_RUN-> run:s:b', after: null }),
      expect.objectContaining({ kind: 'REMOVED', section: 'links', entity: 'run:s:a -PRODUCED-> modelversion:s:m:1' }),
    ]);
  });

  it('reports a changed bound of the walk and a code commit rewritten', () => {
    const f = facts();
    const now = buildProvenanceManifest(facts({ truncated: true, nodes: f.nodes.map((n) => (n.id === 'run:s:b' ? { ...n, gitCommit: 'deadbeef' } : n)) }));
    expect(diffProvenance(signed, now).map((c) => c.summary)).toEqual(['manifest report:R1 v1: truncated false → true', 'codeCommits run:s:b: commit c0ffee → deadbeef']);
  });
});
