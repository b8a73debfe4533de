import type { ChangeFlag, ReportSubject, SignalSubject, SignatureRecord, UpstreamChangeRecord } from './format';
import { ApiError, type GraphQLClient } from './graphqlClient';
import { REPORT, REPORT_PAGE, SIGNAL } from './queries';

/**
 * The records an export is about: one report, one signal, or every report registered in a date
 * range. What the API answers is kept as it is; which versions and signatures fall inside the
 * checkpoint is decided later, once the audit events are known.
 */
/** A report as the API answers it: its package record before lineage, flags and the signature re-checks are added. */
export type ApiReport = Omit<ReportSubject, 'type' | 'lineage' | keyof ChangeFlag>;

/** A signal as the API answers it. */
export type ApiSignal = Omit<SignalSubject, 'type' | 'lineage' | 'detectedByRun' | keyof ChangeFlag> & { readonly run: { id: string } | null };

export type ApiSubject = ({ readonly type: 'REPORT' } & ApiReport) | ({ readonly type: 'SIGNAL' } & ApiSignal);

/** A refusal the user can act on, with the id they gave. */
export class SubjectNotFoundError extends Error {
  override readonly name = 'SubjectNotFoundError';
}

type RawSignature = Omit<SignatureRecord, 'valid' | 'invalidReason' | 'coversLatest' | 'upstreamChanged' | 'upstreamChanges'>;

export async function fetchReport(client: GraphQLClient, id: string): Promise<ApiSubject> {
  type Answer = {
    report: Omit<ApiReport, 'signatures'> & { signatures: RawSignature[] };
    verifySignatures: { valid: boolean; reason: string | null; coversLatest: boolean; upstreamChanged: boolean | null; upstreamChanges: UpstreamChangeRecord[]; signature: { id: string } }[];
  };
  const data = await notFoundAs(`report ${id}`, () => client.request<Answer>(REPORT, { id }));
  const checks = new Map(data.verifySignatures.map((v) => [v.signature.id, v]));
  const signatures = data.report.signatures.map((s): SignatureRecord => {
    const check = checks.get(s.id);
    return {
      ...s,
      valid: check?.valid ?? false,
      invalidReason: check ? check.reason : 'not re-checked by verifySignatures',
      coversLatest: check?.coversLatest ?? false,
      upstreamChanged: check?.upstreamChanged ?? null,
      upstreamChanges: check?.upstreamChanges ?? [],
    };
  });
  return { type: 'REPORT', ...data.report, signatures };
}

export async function fetchSignal(client: GraphQLClient, id: string): Promise<ApiSubject> {
  const data = await notFoundAs(`signal ${id}`, () => client.request<{ signal: ApiSignal }>(SIGNAL, { id }));
  return { type: 'SIGNAL', ...data.signal };
}

/** Ids of reports registered in [from, to), oldest first; the API has no date filter, so every page is read. */
export async function reportIdsBetween(client: GraphQLClient, from: Date, to: Date): Promise<string[]> {
  const found: { id: string; createdAt: string }[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { reports: { edges: { node: { id: string; createdAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const data: Page = await client.request<Page>(REPORT_PAGE, { after });
    for (const { node } of data.reports.edges) {
      const t = Date.parse(node.createdAt);
      if (t >= from.getTime() && t < to.getTime()) found.push(node);
    }
    if (!data.reports.pageInfo.hasNextPage || !data.reports.pageInfo.endCursor) break;
    after = data.reports.pageInfo.endCursor;
  }
  return found.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1)).map((r) => r.id);
}

async function notFoundAs<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') throw new SubjectNotFoundError(`${what} does not exist (NOT_FOUND)`);
    if (err instanceof ApiError && err.code === 'BAD_USER_INPUT') throw new SubjectNotFoundError(`${what} is not a valid id: ${err.errors[0].message}`);
    throw err;
  }
}
