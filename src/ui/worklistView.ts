import { elapsedDays } from '../domain/elapsedDays';
import { ApiProblem, type GraphQLClient } from './api';
import { h } from './dom';
import { WORKLIST } from './queries';

interface ReportRef {
  id: string;
  title: string;
}

export interface WorklistAnswer {
  asOf: string;
  toSign: { report: ReportRef; version: number; meaning: string; author: string; waitingSince: string }[] | null;
  lapsedSignatures: { report: ReportRef; signatureId: string; meaning: string; signedVersion: number; signedAt: string; latestVersion: number; latestAt: string }[] | null;
  signalStages: { status: string; count: number; oldest: { signal: { id: string; drug: string; eventTerm: string }; inStageSince: string | null; daysInStage: number | null }[] }[] | null;
  ingestions: { id: string; storeUri: string; status: string; startedAt: string; finishedAt: string | null; error: string | null; added: number; updated: number; deleted: number; skippedCount: number; skipped: string[] }[] | null;
  auditCheckpoint: { checkpoint: { treeSize: number; issuedAt: string; keyId: string }; signatureValid: boolean; logSize: number } | null;
}

/** What the landing page does when a record on it is picked: draw that record's lineage; `sign` also opens the report's signing form with that meaning. */
export type OpenRecord = (id: string, sign?: { meaning: string }) => void;

/** The demo's quarterly report (`SDR-2024Q1`, loaded by `npm run demo`), where the tour starts. */
export const DEMO_REPORT = 'report:SDR-2024Q1';

const days = (n: number | null): string => (n === null ? 'age unknown' : n === 1 ? '1 day' : `${n} days`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const cell = (text: string) => h('td', { text });

function table(caption: string, head: readonly string[], rows: HTMLElement[]): HTMLElement {
  return h('table', {}, h('caption', { class: 'visually-hidden', text: caption }), h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col', text: t })))), h('tbody', {}, ...rows));
}

function section(id: string, title: string, ...body: (Node | string)[]): HTMLElement {
  return h('section', { class: 'work', 'data-section': id, 'aria-labelledby': `work-${id}` }, h('h3', { id: `work-${id}`, text: title }), ...body);
}

const recordButton = (id: string, text: string, open: OpenRecord) => {
  const b = h('button', { type: 'button', class: 'link', 'data-id': id, text });
  b.addEventListener('click', () => open(id));
  return b;
};

function signButton(t: { report: ReportRef; version: number; meaning: string }, open: OpenRecord): HTMLElement {
  const b = h('button', { type: 'button', class: 'sign', text: 'Sign', 'aria-label': `Sign ${t.report.title} v${t.version} ${t.meaning}` });
  b.addEventListener('click', () => open(t.report.id, { meaning: t.meaning }));
  return b;
}

function toSign(w: WorklistAnswer, open: OpenRecord): HTMLElement | null {
  if (!w.toSign) return null;
  const now = new Date(w.asOf);
  if (w.toSign.length === 0) return section('to-sign', 'Awaiting your signature', h('p', { class: 'hint', text: 'Nothing waits for your signature.' }));
  const rows = w.toSign.map((t) =>
    h('tr', { 'data-id': t.report.id, 'data-meaning': t.meaning },
      h('td', {}, recordButton(t.report.id, t.report.title, open)),
      cell(`v${t.version}`), cell(t.meaning), cell(t.author), cell(`${t.waitingSince.slice(0, 10)} (${days(elapsedDays(t.waitingSince, now))})`),
      h('td', {}, signButton(t, open))),
  );
  return section('to-sign', `Awaiting your signature (${w.toSign.length})`,
    h('p', { class: 'hint', text: 'Oldest first; “Sign” opens the report with its signing form. This list follows the rules signing checks.' }),
    table('Reports awaiting your signature', ['Report', 'Version', 'Meaning', 'Author', 'Waiting since', 'Action'], rows));
}

function lapsed(w: WorklistAnswer, open: OpenRecord): HTMLElement | null {
  if (!w.lapsedSignatures) return null;
  if (w.lapsedSignatures.length === 0) return section('lapsed', 'Signatures that no longer cover the latest version', h('p', { class: 'hint', text: 'Each of your signatures covers its report’s latest version.' }));
  const rows = w.lapsedSignatures.map((s) =>
    h('tr', { 'data-id': s.report.id },
      h('td', {}, recordButton(s.report.id, s.report.title, open)),
      cell(`${s.meaning} on v${s.signedVersion} (${s.signedAt.slice(0, 10)})`), cell(`v${s.latestVersion} since ${s.latestAt.slice(0, 10)}`)),
  );
  return section('lapsed', `Signatures that no longer cover the latest version (${w.lapsedSignatures.length})`,
    table('Your signatures on superseded versions', ['Report', 'You signed', 'Latest version'], rows));
}

function signals(w: WorklistAnswer, open: OpenRecord): HTMLElement | null {
  if (!w.signalStages) return null;
  const rows = w.signalStages.map((s) =>
    h('tr', { 'data-status': s.status },
      h('th', { scope: 'row', text: s.status }), cell(String(s.count)),
      h('td', {}, ...s.oldest.map((o) => h('div', {}, recordButton(o.signal.id, `${o.signal.drug} · ${o.signal.eventTerm}`, open), ` ${days(o.daysInStage)}`))),
    ),
  );
  return section('signals', 'Signals by GVP IX stage', table('Signals per lifecycle stage, longest in stage first', ['Stage', 'Signals', 'Longest in stage'], rows));
}

function ingestions(w: WorklistAnswer): HTMLElement | null {
  if (!w.ingestions) return null;
  if (w.ingestions.length === 0) return section('ingestions', 'Latest ingestions', h('p', { class: 'hint', text: 'Nothing has been ingested yet.' }));
  const rows = w.ingestions.map((i) =>
    h('tr', { 'data-status': i.status },
      cell(i.startedAt.replace('T', ' ').slice(0, 19)), h('td', { class: 'mono', text: i.storeUri }), cell(i.status),
      cell(`+${i.added} ~${i.updated} −${i.deleted}`),
      h('td', {}, ...[i.error ? `Failed: ${i.error}` : null, i.skippedCount > 0 ? `${plural(i.skippedCount, 'item')} skipped` : null, ...i.skipped.slice(0, 3)].filter((x): x is string => x !== null).map((t) => h('div', { text: t }))),
    ),
  );
  return section('ingestions', 'Latest ingestions', table('The latest ingestions, newest first', ['Started (UTC)', 'Store', 'Status', 'Runs added, updated, deleted', 'Failures and skips'], rows));
}

function audit(w: WorklistAnswer): HTMLElement | null {
  const a = w.auditCheckpoint;
  if (!a) return null;
  const since = a.logSize - a.checkpoint.treeSize;
  return section('audit', 'Audit trail',
    h('p', { text: `Latest signed checkpoint: ${plural(a.checkpoint.treeSize, 'event')}, signed ${a.checkpoint.issuedAt} by ${a.checkpoint.keyId}${a.signatureValid ? '' : ' — its signature does not verify with this server’s keys'}. The log holds ${plural(a.logSize, 'event')} now${since > 0 ? ` (${since} since the checkpoint)` : ''}.` }),
    h('p', { class: 'hint', text: 'The server does not record when the trail was last verified: this is when it was last sealed. Verify it with verifyAuditTrail against this checkpoint.' }));
}

/** The worklist, section by section; a section the account's roles do not cover is left out. */
export function renderWorklist(w: WorklistAnswer, open: OpenRecord): HTMLElement {
  const parts = [toSign(w, open), lapsed(w, open), signals(w, open), ingestions(w), audit(w)].filter((x): x is HTMLElement => x !== null);
  if (parts.length === 0) parts.push(h('p', { class: 'hint', text: 'Your roles have no worklist: search for a record to draw its lineage.' }));
  return h('div', { class: 'worklist' }, ...parts);
}

/** The short tour an anonymous visitor gets instead of a worklist. */
export function renderTour(open: OpenRecord): HTMLElement {
  return h('div', { class: 'tour' },
    h('p', { text: 'This explorer draws where pharmacovigilance results come from: reports, the runs and models behind them, and the FAERS data those read.' }),
    h('ol', {},
      h('li', {}, recordButton(DEMO_REPORT, 'Draw the upstream lineage of the demo’s 2024 Q1 signal detection report', open), ' and pick a node to see its details.'),
      h('li', { text: 'Search for a drug, a FAERS extract or an MLflow run id in “Find a node” above.' }),
      h('li', { text: 'Switch on “Columns” to see which fields feed which, and use “As of” to see the graph as it stood on a day.' }),
      h('li', { text: 'Sign in as demo.reviewer or demo.qa (their passwords are in the demo’s sign-ins file) to see their work here: reports to sign, signals by stage, ingestions, the audit trail.' }),
    ));
}

/**
 * The landing page: with no record in the address, the signed-in account's worklist (one
 * `worklist` request), or the tour for a visitor who is not signed in.
 */
export class Landing {
  private seq = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly client: GraphQLClient,
    private readonly open: OpenRecord,
    /** Told when the server refused a stored token, so the page can ask for a new sign-in. */
    private readonly expired: () => void,
  ) {}

  async show(signedIn: boolean): Promise<void> {
    const seq = ++this.seq;
    const started = performance.now();
    this.el.hidden = false;
    if (!signedIn) return this.paint(seq, started, 'tour', 'Welcome to pv-lineage', renderTour(this.open));
    this.el.dataset.state = 'loading';
    try {
      const { worklist } = await this.client.request<{ worklist: WorklistAnswer }>(WORKLIST);
      this.paint(seq, started, 'worklist', 'Your work', renderWorklist(worklist, this.open));
    } catch (err) {
      if (seq !== this.seq) return;
      if (err instanceof ApiProblem && err.kind === 'UNAUTHENTICATED') {
        this.expired();
        this.paint(seq, started, 'tour', 'Welcome to pv-lineage', renderTour(this.open));
        return;
      }
      this.paint(seq, started, 'error', 'Your work', h('p', { class: 'hint', role: 'status', text: err instanceof Error ? err.message : String(err) }));
    }
  }

  hide(): void {
    this.seq++;
    this.el.hidden = true;
  }

  private paint(seq: number, started: number, kind: string, title: string, content: HTMLElement): void {
    if (seq !== this.seq) return;
    this.el.querySelector('h2')!.textContent = title;
    this.el.querySelector<HTMLElement>('.landing-body')!.replaceChildren(content);
    Object.assign(this.el.dataset, { state: kind, renderMs: (performance.now() - started).toFixed(1) });
  }
}
