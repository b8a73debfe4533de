import { parseCheckpoint } from './checkpoint';
import { formatPackageStatement, parsePackageStatement, type PackageStatement } from './packageStatement';

const statement: PackageStatement = {
  origin: 'pv-lineage.test/audit',
  manifestSha256: 'ab'.repeat(32),
  signedAt: '2026-01-02T03:04:05.678Z',
  signedBy: 'qa.1',
  subjectIds: ['report:A', 'signal:B'],
};

describe('the package statement the audit key signs', () => {
  it('reads back what it says, in one spelling', () => {
    const text = formatPackageStatement(statement);
    expect(text).toBe('pv-lineage compliance package\norigin pv-lineage.test/audit\nmanifest-sha256 ' + 'ab'.repeat(32) + '\nsigned-at 2026-01-02T03:04:05.678Z\nsigned-by qa.1\nsubject report:A\nsubject signal:B\n');
    expect(parsePackageStatement(text)).toEqual(statement);
  });

  it('can never be taken for a checkpoint, which the same key signs', () => {
    expect(() => parseCheckpoint(formatPackageStatement(statement))).toThrow();
  });

  it('refuses any other spelling or content', () => {
    const text = formatPackageStatement(statement);
    for (const bad of [
      text.slice(0, -1),
      text.replace('ab'.repeat(32), 'AB'.repeat(32)),
      text.replace('subject report:A\nsubject signal:B\n', 'subject signal:B\nsubject report:A\n'),
      text.replace('subject report:A\nsubject signal:B\n', ''),
      text.replace('signed-at 2026-01-02T03:04:05.678Z', 'signed-at 2026-01-02'),
      text.replace('origin ', 'origin: '),
      `${text}extra\n`,
      text.replace('pv-lineage compliance package', 'pv-lineage.test/audit'),
    ]) {
      expect(() => parsePackageStatement(bad)).toThrow(/package statement/);
    }
    expect(() => formatPackageStatement({ ...statement, subjectIds: ['report:A', 'report:A'] })).toThrow(/sorted, each once/);
  });
});
