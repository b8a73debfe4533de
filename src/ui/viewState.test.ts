import { formatId } from '../domain/ids';
import { LineageDirection, LineageNodeType } from '../domain/lineage';
import { NodeType } from '../domain/nodeType';
import { DEFAULT_VIEW, formatView, idProblem, parseView } from './viewState';

const report = formatId(NodeType.REPORT, 'SDR-2024Q1');
const dataset = formatId(NodeType.DATASET, 's3://pv-data', 'faers/2024Q1/drug_event.parquet');

describe('view state in the address bar', () => {
  it('round-trips a full view', () => {
    const view = { id: dataset, direction: LineageDirection.DOWNSTREAM, depth: 7, types: [LineageNodeType.RUN, LineageNodeType.REPORT], asOf: '2026-01-30T12:00:00.000Z', validAt: '2024-06-30T12:00:00.000Z', limit: 2000 };
    expect(parseView(formatView(view), 20)).toEqual({ view, problems: [] });
  });

  it('keeps the two clocks apart: either may be given alone', () => {
    expect(parseView('?validAt=2024-06-30T12:00:00Z', 20).view).toMatchObject({ asOf: null, validAt: '2024-06-30T12:00:00.000Z' });
    expect(formatView({ ...DEFAULT_VIEW, validAt: '2024-06-30T12:00:00.000Z' })).toContain('validAt=2024-06-30T12%3A00%3A00.000Z');
    expect(formatView({ ...DEFAULT_VIEW, validAt: '2024-06-30T12:00:00.000Z' })).not.toContain('asOf');
  });

  it('keeps defaults when the address holds nothing', () => {
    expect(parseView('', 20)).toEqual({ view: DEFAULT_VIEW, problems: [] });
  });

  it.each([
    ['?id=bogus', /not valid: Malformed id "bogus".*unknown type prefix "bogus"/],
    ['?id=report:a:b', /not valid: .*report:<reportId>/],
    ['?id=run:%ZZ:x', /not valid/],
    ['?id=actor:someone', /not a lineage node/],
    ['?direction=SIDEWAYS', /Unknown direction "SIDEWAYS"/],
    ['?depth=0', /Depth "0".*1 to 20/],
    ['?depth=21', /Depth "21"/],
    ['?depth=2.5', /Depth "2.5"/],
    ['?limit=10001', /Limit "10001"/],
    ['?types=RUN,PLANET', /Unknown node types/],
    ['?asOf=yesterday', /"as of" value "yesterday"/],
    ['?validAt=2024-06-30', /"valid at" value "2024-06-30"/],
  ])('reports %s and falls back to the default', (search, message) => {
    const { view, problems } = parseView(search, 20);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(view).toEqual(DEFAULT_VIEW);
  });

  it('accepts an id exactly when the API would', () => {
    expect(idProblem(report)).toBeNull();
    expect(idProblem(dataset)).toBeNull();
    // Not canonical: the API refuses it, so the page does too.
    expect(idProblem('dataset:s3://pv-data:faers')).toMatch(/Malformed/);
  });

  it('honours the configured maximum depth', () => {
    expect(parseView('?depth=30', 40).view.depth).toBe(30);
    expect(parseView('?depth=30', 20).problems).toHaveLength(1);
  });
});
