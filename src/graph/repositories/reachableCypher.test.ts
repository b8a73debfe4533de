import { LineageDirection } from '../../domain/lineage';
import { NodeType } from '../../domain/nodeType';
import { reachableCypher } from './lineageRepository';

/** The statement of `ModelVersion.reports` as it was before the typed fields took clocks. */
const BEFORE_CLOCKS = `
UNWIND $ids AS key
MATCH (root0:ModelVersion {id: key})
OPTIONAL MATCH (pr:Run)-[pe:PRODUCED WHERE pe.until IS NULL]->(root0)
  WITH key, root0, [root0] + collect(pr) AS starts UNWIND starts AS root
CALL (root, root0) {
  MATCH p = ANY SHORTEST (root)(()-[r:PARENT_OF|INPUT_TO|PRODUCED|REGISTERED_AS|FEEDS]->(x) WHERE r.until IS NULL){1,7}(t:Report)
  WHERE t <> root0
  RETURN t, [y IN nodes(p) | y.id] AS path
  LIMIT $limit
}
WITH key, t, path ORDER BY size(path)
WITH key, t, head(collect(path)) AS path
RETURN key, t{.*} AS node, path`;

describe('reachableCypher on the two clocks', () => {
  const reports = (clocks?: { asOf: boolean; validAt: boolean }) => reachableCypher(NodeType.MODEL_VERSION, LineageDirection.DOWNSTREAM, NodeType.REPORT, 7, true, clocks);

  it('is the statement it always was when no clock is asked for', () => {
    expect(reports()).toBe(BEFORE_CLOCKS);
    expect(reports({ asOf: false, validAt: false })).toBe(BEFORE_CLOCKS);
  });

  it('puts the clock conditions on the root, the producing run and inside the walk, with the instants as parameters', () => {
    const both = reports({ asOf: true, validAt: true });
    expect(both).toMatch(/MATCH \(root0:ModelVersion \{id: key\}\)\nWHERE coalesce\(CASE .* END, \$validAt\) <= \$validAt\n/);
    expect(both).toContain('[pe:PRODUCED WHERE (pe.since IS NULL OR pe.since <= $asOf) AND (pe.until IS NULL OR pe.until > $asOf)]->(root0) WHERE coalesce(CASE WHEN pr:Run');
    expect(both).toMatch(/\(x\) WHERE \(r\.since IS NULL OR r\.since <= \$asOf\) AND \(r\.until IS NULL OR r\.until > \$asOf\) AND coalesce\(CASE WHEN x:Run .* <= \$validAt\)\{1,7\}/);
    expect(reports({ asOf: true, validAt: false })).not.toContain('$validAt');
    expect(reports({ asOf: false, validAt: true })).not.toContain('$asOf');
  });
});
