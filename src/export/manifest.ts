import { createHash } from 'node:crypto';

/**
 * MANIFEST.sha256 in the format `sha256sum` writes and `sha256sum -c` checks: one line per
 * file, `<64 hex digits><two spaces><file name>`, sorted by name. Parsing is strict so a
 * changed byte anywhere in the manifest is caught.
 */
export const sha256File = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function formatManifest(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `${sha256File(files.get(name)!)}  ${name}\n`)
    .join('');
}

export type ManifestParse = { ok: true; entries: Map<string, string> } | { ok: false; reason: string };

/** A top-level file, or one inside the report-file/ folder (format.ts REPORT_FILE_DIR). */
const LINE = /^([0-9a-f]{64}) {2}((?:report-file\/)?[A-Za-z0-9._-]+)$/;

export function parseManifest(text: string): ManifestParse {
  if (!text.endsWith('\n')) return { ok: false, reason: 'the last line does not end with a newline' };
  const entries = new Map<string, string>();
  const lines = text.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const m = LINE.exec(line);
    if (!m) return { ok: false, reason: `line ${i + 1} is not "<sha256>  <file name>": ${JSON.stringify(line.slice(0, 100))}` };
    if (entries.has(m[2])) return { ok: false, reason: `line ${i + 1} lists ${m[2]} a second time` };
    entries.set(m[2], m[1]);
  }
  const names = [...entries.keys()];
  if (names.join('\n') !== [...names].sort().join('\n')) return { ok: false, reason: 'the lines are not sorted by file name' };
  return { ok: true, entries };
}
