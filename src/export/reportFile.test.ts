import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectReportFiles, localPath, packageName } from './reportFile';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the registered report file in the package', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pvl-report-file-'));
    fs.writeFileSync(path.join(dir, 'SDR 2024Q1.pdf'), 'the report');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads local URIs only', () => {
    expect(localPath('s3://bucket/a.pdf')).toBeNull();
    expect(localPath('https://x/a.pdf')).toBeNull();
    expect(localPath(pathToFileURL('/tmp/a b.pdf').href)).toBe('/tmp/a b.pdf');
    expect(localPath('rel/a.pdf')).toBe(path.resolve('rel/a.pdf'));
    expect(packageName('/x/SDR 2024Q1.pdf')).toBe('SDR_2024Q1.pdf');
    expect(packageName('/x/.hidden')).toBe('_hidden');
  });

  it('carries --report-file when its hash is the registered one, and refuses it naming both hashes when not', () => {
    const file = path.join(dir, 'SDR 2024Q1.pdf');
    const { files } = collectReportFiles([{ id: 'report:R', contentHash: sha('the report'), uri: null }], file);
    expect(files.map((f) => [f.name, f.sha256, f.reportId])).toEqual([['report-file/SDR_2024Q1.pdf', sha('the report'), 'report:R']]);
    expect(() => collectReportFiles([{ id: 'report:R', contentHash: sha('other'), uri: null }], file)).toThrow(
      `has SHA-256 ${sha('the report')}, but report:R is registered with content hash ${sha('other')}`,
    );
    expect(() => collectReportFiles([{ id: 'report:R', contentHash: 'x', uri: null }], path.join(dir, 'missing'))).toThrow(/cannot be read/);
  });

  it('reads a registered local URI, and only warns about one that is not readable here', () => {
    const uri = pathToFileURL(path.join(dir, 'SDR 2024Q1.pdf')).href;
    const found = collectReportFiles([{ id: 'report:A', contentHash: sha('the report'), uri }, { id: 'report:B', contentHash: sha('the report'), uri }, { id: 'report:C', contentHash: 'h', uri: 's3://b/c.pdf' }], null);
    expect(found.files.map((f) => f.name)).toEqual(['report-file/SDR_2024Q1.pdf', 'report-file/B-SDR_2024Q1.pdf']);
    const missing = collectReportFiles([{ id: 'report:D', contentHash: 'h', uri: path.join(dir, 'nope.pdf') }], null);
    expect(missing.files).toEqual([]);
    expect(missing.warnings[0]).toMatch(/registered file of report:D .* is not readable here/);
    // A file at the registered URI that is not the registered one is left out, naming both hashes.
    const other = collectReportFiles([{ id: 'report:E', contentHash: sha('other'), uri }], null);
    expect(other.files).toEqual([]);
    expect(other.warnings).toEqual([`the registered file ${uri} has SHA-256 ${sha('the report')}, but report:E is registered with content hash ${sha('other')}; it is not the registered report file; the package does not carry it`]);
  });
});
