import { createHash } from 'node:crypto';
import { ReportKind } from './report';
import { type ReportVersionFields, changedFields, checkContentHash, checkReportContent, sealVersion, versionRecordHash } from './reportVersion';

const v: ReportVersionFields = {
  reportId: 'report:SDR-2024Q1',
  version: 1,
  title: 'Quarterly signal detection report 2024Q1',
  kind: ReportKind.SIGNAL_DETECTION,
  period: '2024Q1',
  contentHash: 'b'.repeat(64),
  uri: null,
  generatedFromRuns: ['run:s:2', 'run:s:1'],
  modelVersions: ['modelversion:s:m:1'],
  datasets: [],
  signals: ['signal:B', 'signal:A'],
  createdAt: '2024-04-30T00:00:00.000Z',
  createdBy: 'alice',
  createdByName: 'Dr Alice',
};

describe('report versions', () => {
  it('hashes the RFC 8785 form: sorted keys, sorted id lists, no whitespace', () => {
    const expected =
      '{"contentHash":"' + 'b'.repeat(64) + '","createdAt":"2024-04-30T00:00:00.000Z","createdBy":"alice","createdByName":"Dr Alice",' +
      '"datasets":[],"generatedFromRuns":["run:s:1","run:s:2"],"kind":"SIGNAL_DETECTION","modelVersions":["modelversion:s:m:1"],' +
      '"period":"2024Q1","reportId":"report:SDR-2024Q1","signals":["signal:A","signal:B"],"title":"Quarterly signal detection report 2024Q1","uri":null,"version":1}';
    expect(versionRecordHash(v)).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('does not depend on the order a builder listed sources in', () => {
    expect(versionRecordHash({ ...v, generatedFromRuns: ['run:s:1', 'run:s:2', 'run:s:1'] })).toBe(versionRecordHash(v));
  });

  it('changes with any field', () => {
    const base = versionRecordHash(v);
    for (const patch of [{ title: 'x' }, { version: 2 }, { period: null }, { uri: 'a.pdf' }, { datasets: ['dataset:a:b'] }, { createdByName: 'Alice' }]) {
      expect(versionRecordHash({ ...v, ...patch })).not.toBe(base);
    }
  });

  it('seals a version in canonical form with its hash', () => {
    const sealed = sealVersion(v);
    expect(sealed.generatedFromRuns).toEqual(['run:s:1', 'run:s:2']);
    expect(sealed.recordHash).toBe(versionRecordHash(v));
  });

  it('lists only the fields a revision changed, with both version numbers and hashes', () => {
    const a = sealVersion(v);
    const b = sealVersion({ ...v, version: 2, contentHash: 'c'.repeat(64), generatedFromRuns: ['run:s:3'], createdAt: '2024-05-01T00:00:00.000Z' });
    expect(changedFields(a, b)).toEqual({
      oldValue: { version: 1, recordHash: a.recordHash, contentHash: 'b'.repeat(64), generatedFromRuns: ['run:s:1', 'run:s:2'] },
      newValue: { version: 2, recordHash: b.recordHash, contentHash: 'c'.repeat(64), generatedFromRuns: ['run:s:3'] },
    });
  });

  it('validates what a builder sends, naming the field', () => {
    expect(checkReportContent({ title: ' T ', kind: ReportKind.AD_HOC, contentHash: 'a'.repeat(64), period: ' ', uri: null })).toEqual({
      title: 'T',
      kind: ReportKind.AD_HOC,
      period: null,
      contentHash: 'a'.repeat(64),
      uri: null,
    });
    expect(() => checkContentHash('A'.repeat(64))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => checkReportContent({ title: 't', kind: 'NOPE' as ReportKind, contentHash: 'a'.repeat(64) })).toThrow(
      expect.objectContaining({ details: { argument: 'input.kind' } }),
    );
  });
});
