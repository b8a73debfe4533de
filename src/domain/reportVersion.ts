import { canonicalJson, sha256Hex } from './audit/canonical';
import { BadInputError } from './errors';
import { ReportKind } from './report';

/**
 * One immutable version of a report: what a report builder registered, plus who registered it
 * and when. A revision is a new version; earlier versions stay as they were, so anything a
 * signature covers can always be re-read and re-hashed.
 */
export interface ReportVersionFields {
  /** Typed id of the report, `report:<reportId>`. */
  readonly reportId: string;
  /** 1 for the registration, then one more per revision. */
  readonly version: number;
  readonly title: string;
  readonly kind: ReportKind;
  readonly period: string | null;
  /** SHA-256 of the report file, 64 lower-case hex digits. */
  readonly contentHash: string;
  readonly uri: string | null;
  /** Typed node ids of what the report was generated from. */
  readonly generatedFromRuns: readonly string[];
  readonly modelVersions: readonly string[];
  readonly datasets: readonly string[];
  readonly signals: readonly string[];
  /** Server time of the registration, ISO-8601 UTC with milliseconds. */
  readonly createdAt: string;
  /** Account id of the author (the caller that registered this version). */
  readonly createdBy: string;
  /** The author's printed name at that moment. */
  readonly createdByName: string;
}

export interface ReportVersion extends ReportVersionFields {
  /** SHA-256 of the RFC 8785 canonical JSON of the fields above: what a signature covers. */
  readonly recordHash: string;
}

export const CONTENT_HASH = /^[0-9a-f]{64}$/;
/** A caller-chosen report id: what follows `report:` in the typed id. */
export const REPORT_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const MAX_TITLE = 500;
export const MAX_PERIOD = 50;
export const MAX_URI = 2048;
export const MAX_SOURCES = 1000;

const ids = (xs: readonly string[]) => [...new Set(xs)].sort();

/**
 * The canonical form of a version: every field, id lists sorted and de-duplicated, so the same
 * version always has the same bytes whatever order a builder listed its sources in.
 */
export function canonicalVersion(v: ReportVersionFields): ReportVersionFields {
  return {
    reportId: v.reportId,
    version: v.version,
    title: v.title,
    kind: v.kind,
    period: v.period,
    contentHash: v.contentHash,
    uri: v.uri,
    generatedFromRuns: ids(v.generatedFromRuns),
    modelVersions: ids(v.modelVersions),
    datasets: ids(v.datasets),
    signals: ids(v.signals),
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    createdByName: v.createdByName,
  };
}

/** SHA-256 (hex) over the RFC 8785 canonical JSON of the version's fields. */
export function versionRecordHash(v: ReportVersionFields): string {
  return sha256Hex(canonicalJson(canonicalVersion(v)));
}

/** The version in canonical form with its record hash. */
export function sealVersion(v: ReportVersionFields): ReportVersion {
  const fields = canonicalVersion(v);
  return { ...fields, recordHash: versionRecordHash(fields) };
}

/** The fields a builder supplies; the server adds id, version number, time and author. */
export interface ReportContentInput {
  readonly title: string;
  readonly kind: ReportKind;
  readonly period?: string | null;
  readonly contentHash: string;
  readonly uri?: string | null;
}

export interface ReportContent {
  readonly title: string;
  readonly kind: ReportKind;
  readonly period: string | null;
  readonly contentHash: string;
  readonly uri: string | null;
}

const printable = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);

function optionalText(value: string | null | undefined, argument: string, max: number): string | null {
  if (value === null || value === undefined) return null;
  const t = value.trim();
  if (t.length === 0) return null;
  if (t.length > max || !printable(t)) throw new BadInputError(argument, `${argument} must be at most ${max} printable characters`);
  return t;
}

/** Validates and normalises what a builder sent; throws BAD_USER_INPUT naming the field. */
export function checkReportContent(input: ReportContentInput, prefix = 'input'): ReportContent {
  const title = input.title.trim();
  if (title.length === 0 || title.length > MAX_TITLE || !printable(title)) {
    throw new BadInputError(`${prefix}.title`, `The title must be 1-${MAX_TITLE} printable characters`);
  }
  if (!Object.values(ReportKind).includes(input.kind)) throw new BadInputError(`${prefix}.kind`, `Unknown report kind "${String(input.kind)}"`);
  return {
    title,
    kind: input.kind,
    period: optionalText(input.period, `${prefix}.period`, MAX_PERIOD),
    contentHash: checkContentHash(input.contentHash, `${prefix}.contentHash`),
    uri: optionalText(input.uri, `${prefix}.uri`, MAX_URI),
  };
}

export function checkContentHash(hash: string, argument = 'contentHash'): string {
  if (!CONTENT_HASH.test(hash)) {
    throw new BadInputError(argument, `${argument} must be the SHA-256 of the report file as 64 lower-case hex digits, got "${hash.slice(0, 80)}"`);
  }
  return hash;
}

export function checkReportKey(key: string, argument = 'input.reportId'): string {
  if (!REPORT_KEY.test(key)) {
    throw new BadInputError(argument, `${argument} must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  return key;
}

/** The fields of a version that differ from the previous one, for the audit trail's old → new. */
export function changedFields(previous: ReportVersion, next: ReportVersion): { oldValue: Record<string, unknown>; newValue: Record<string, unknown> } {
  const a: Record<string, unknown> = { ...canonicalVersion(previous) };
  const b: Record<string, unknown> = { ...canonicalVersion(next) };
  const oldValue: Record<string, unknown> = { version: previous.version, recordHash: previous.recordHash };
  const newValue: Record<string, unknown> = { version: next.version, recordHash: next.recordHash };
  for (const key of Object.keys(b)) {
    if (key === 'version' || key === 'createdAt' || key === 'createdBy' || key === 'createdByName') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
      oldValue[key] = a[key];
      newValue[key] = b[key];
    }
  }
  return { oldValue, newValue };
}
