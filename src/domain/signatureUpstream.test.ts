import { buildProvenanceManifest, manifestJson, provenanceDigest, type UpstreamFacts } from './provenanceManifest';
import { checkUpstream } from './signatureUpstream';

const facts = (status: string): UpstreamFacts => ({
  reportId: 'report:R',
  version: 1,
  depth: 5,
  truncated: false,
  nodes: [{ id: 'run:s:a', type: 'Run', status, lifecycleStage: 'active', fingerprint: 'f', gitCommit: null, name: null, version: null, runId: 'a', source: null, hashTags: [], figures: [] }],
  edges: [],
  jobs: [],
});

describe('checking the upstream a signature froze', () => {
  const signed = buildProvenanceManifest(facts('FINISHED'));
  const sig = { provenanceDigest: provenanceDigest(signed), provenanceManifest: manifestJson(signed) };

  it('says unchanged for the same provenance', () => {
    expect(checkUpstream(sig, buildProvenanceManifest(facts('FINISHED')))).toEqual({ upstreamChanged: false, changes: [], problem: null });
  });

  it('says changed, with the difference', () => {
    const c = checkUpstream(sig, buildProvenanceManifest(facts('FAILED')));
    expect(c.upstreamChanged).toBe(true);
    expect(c.changes.map((x) => x.summary)).toEqual(['runs run:s:a: status FINISHED → FAILED']);
  });

  it('raises no alarm for a signature made before provenance was frozen', () => {
    expect(checkUpstream({ provenanceDigest: null, provenanceManifest: null }, signed)).toEqual({ upstreamChanged: null, changes: [], problem: null });
  });

  it('names a stored manifest edited after signing', () => {
    const edited = { ...sig, provenanceManifest: manifestJson(buildProvenanceManifest(facts('FAILED'))) };
    expect(checkUpstream(edited, signed)).toMatchObject({ upstreamChanged: null, problem: expect.stringContaining('no longer has the digest') });
    expect(checkUpstream({ ...sig, provenanceManifest: 'garbage' }, signed).problem).not.toBeNull();
  });
});
