import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_FILE_DIR, REPORT_FILE_NAME } from './format';
import { sha256File } from './manifest';
import { OutputError } from './writePackage';

/**
 * The registered report file itself, so an inspector can check its hash: from `--report-file`,
 * or from the report's registered URI when that is a readable local path (`file://…`, an
 * absolute path, or one relative to the working folder). A package must not carry a file that
 * is not the one that was registered and signed: a --report-file whose SHA-256 is not the
 * registered content hash stops the export before anything is written; a file found at the
 * registered URI with another hash is left out with a warning naming both hashes, so that one
 * report's moved file does not stop the export of a date range.
 */
export interface ReportFile {
  readonly reportId: string;
  /** Name inside the package: `report-file/<name>`. */
  readonly name: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  /** Where it was read from, for the PDF and export-info.json. */
  readonly source: string;
}

export interface RegisteredReport {
  readonly id: string;
  readonly contentHash: string;
  readonly uri: string | null;
}

/** A local problem with the report file (exit 2, like the other --out and --since problems). */
export class ReportFileError extends OutputError {}

/** A registered URI as a local path, or null when it is not one (s3://, https://, …). */
export function localPath(uri: string): string | null {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return null;
  return isAbsolute(uri) ? uri : resolve(uri);
}

/** The package name of a file: its base name with anything a manifest line cannot hold replaced. */
export function packageName(file: string): string {
  const safe = basename(file).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return REPORT_FILE_NAME.test(safe) ? safe : 'report';
}

export function collectReportFiles(reports: readonly RegisteredReport[], explicit: string | null): { files: ReportFile[]; warnings: string[] } {
  const files: ReportFile[] = [];
  const warnings: string[] = [];
  if (explicit !== null) {
    if (reports.length !== 1) throw new ReportFileError('--report-file is for the export of one report');
    let bytes: Buffer;
    try {
      bytes = readFileSync(explicit);
    } catch (err) {
      throw new ReportFileError(`--report-file ${explicit} cannot be read: ${(err as Error).message}`);
    }
    files.push(checked(reports[0], bytes, explicit, `--report-file ${explicit}`));
  } else {
    for (const r of reports) {
      const path = r.uri ? localPath(r.uri) : null;
      if (!path) continue;
      if (!existsSync(path) || !statSync(path).isFile()) {
        warnings.push(`the registered file of ${r.id} (${r.uri}) is not readable here, so the package does not carry it (pass --report-file)`);
        continue;
      }
      try {
        files.push(checked(r, readFileSync(path), path, `the registered file ${r.uri}`));
      } catch (err) {
        if (!(err instanceof ReportFileError)) throw err;
        warnings.push(`${err.message.replace(/, and no package was written$/, '')}; the package does not carry it`);
      }
    }
  }
  // Two reports whose files share a base name: the second is named after its report too.
  const used = new Set<string>();
  const named = files.map((f) => {
    const name = used.has(f.name) ? `${REPORT_FILE_DIR}/${packageName(f.reportId.replace(/^report:/, ''))}-${f.name.slice(REPORT_FILE_DIR.length + 1)}` : f.name;
    used.add(name);
    return { ...f, name };
  });
  return { files: named, warnings };
}

function checked(r: RegisteredReport, bytes: Buffer, source: string, what: string): ReportFile {
  const sha256 = sha256File(bytes);
  if (sha256 !== r.contentHash) {
    throw new ReportFileError(`${what} has SHA-256 ${sha256}, but ${r.id} is registered with content hash ${r.contentHash}; it is not the registered report file, and no package was written`);
  }
  return { reportId: r.id, name: `${REPORT_FILE_DIR}/${packageName(source)}`, bytes, sha256, source };
}
