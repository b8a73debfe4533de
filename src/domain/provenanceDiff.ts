import { MANIFEST_SECTIONS, type ManifestSection, type ProvenanceManifest, entryKey } from './provenanceManifest';

export enum ProvenanceChangeKind {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}

/** One difference between the manifest signed and the provenance now. */
export interface ProvenanceChange {
  readonly kind: ProvenanceChangeKind;
  /** The manifest section: `runs`, `codeCommits`, `datasetInputs`, `modelVersions`, `links`, `nodes`, or `manifest` for the walk's bounds. */
  readonly section: ManifestSection | 'manifest';
  /** The entry's key: a node id, or an edge as `from -TYPE-> to`. */
  readonly entity: string;
  /** The field that changed; null for an entry added or removed. */
  readonly field: string | null;
  /** The value signed (JSON text for an entry removed); null when there was none. */
  readonly before: string | null;
  /** The value now (JSON text for an entry added); null when there is none. */
  readonly after: string | null;
  /** One line for people, e.g. `runs run:abc: status FINISHED → FAILED`. */
  readonly summary: string;
}

type Entry = object;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
const shown = (v: string | null) => v ?? '(none)';

function change(kind: ProvenanceChangeKind, section: ProvenanceChange['section'], entity: string, field: string | null, before: string | null, after: string | null): ProvenanceChange {
  const what = field === null ? `${kind === ProvenanceChangeKind.ADDED ? 'added' : 'removed'} ${entity}` : `${entity}: ${field} ${shown(before)} → ${shown(after)}`;
  return { kind, section, entity, field, before, after, summary: `${section} ${what}` };
}

function sectionChanges(section: ManifestSection, before: readonly Entry[], after: readonly Entry[]): ProvenanceChange[] {
  const key = (e: Entry) => entryKey(section, e);
  const old = new Map(before.map((e) => [key(e), e]));
  const now = new Map(after.map((e) => [key(e), e]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort();
  const out: ProvenanceChange[] = [];
  for (const k of keys) {
    const a = old.get(k);
    const b = now.get(k);
    if (!a && b) out.push(change(ProvenanceChangeKind.ADDED, section, k, null, null, JSON.stringify(b)));
    else if (a && !b) out.push(change(ProvenanceChangeKind.REMOVED, section, k, null, JSON.stringify(a), null));
    else if (a && b) {
      const x0 = a as Readonly<Record<string, unknown>>;
      const y0 = b as Readonly<Record<string, unknown>>;
      for (const field of [...new Set([...Object.keys(x0), ...Object.keys(y0)])].sort()) {
        const x = text(x0[field]);
        const y = text(y0[field]);
        if (x !== y) out.push(change(ProvenanceChangeKind.CHANGED, section, k, field, x, y));
      }
    }
  }
  return out;
}

/**
 * What changed upstream between the manifest signed and the one computed now: entries added,
 * removed, and each changed field, in section order (MANIFEST_SECTIONS), then by key, then by
 * field name. Empty when the two manifests are the same provenance.
 */
export function diffProvenance(signed: ProvenanceManifest, now: ProvenanceManifest): ProvenanceChange[] {
  const out: ProvenanceChange[] = [];
  for (const field of ['depth', 'truncated'] as const) {
    if (signed[field] !== now[field]) out.push(change(ProvenanceChangeKind.CHANGED, 'manifest', `${signed.reportId} v${signed.version}`, field, text(signed[field]), text(now[field])));
  }
  for (const section of MANIFEST_SECTIONS) out.push(...sectionChanges(section, signed[section], now[section]));
  return out;
}
