import { ApiProblem, type GraphQLClient } from './api';
import { h } from './dom';
import { SIGNING_OFFER, SIGN_REPORT } from './queries';
import { type SigningOffer, type SigningOfferAnswer, WHO_SIGNS, refusalMessage, signedMessage, signingOffer, signingStatement } from './signingOffer';

export interface SignedReport {
  readonly id: string;
  readonly meaning: string;
  readonly version: number;
  readonly printedName: string;
  readonly signedAt: string;
}

let formCount = 0;

/** Where the block was opened from: the worklist's "Sign" button names the meaning and moves the focus to the form. */
export interface SignIntent {
  readonly meaning: string | null;
  readonly focus: boolean;
}

const block = (n: number, ...body: HTMLElement[]) => h('section', { class: 'sign-report', 'aria-labelledby': `sign-heading-${n}` }, h('h3', { id: `sign-heading-${n}`, text: 'Sign this report' }), ...body);
const sentence = (text: string) => h('p', { class: 'hint', 'data-offer': 'none', tabindex: '-1', text });

/**
 * The report's signing block in the details panel: for an account the signing rules let sign the
 * latest version now, a form for the existing `signReport` mutation with the real
 * re-authentication (the password, never kept); otherwise one sentence saying why not. What
 * may be signed comes from the server (`worklist.toSign`), one request; a visitor who is not
 * signed in gets the sentence without one. `done` is told after a signature was stored.
 */
export function signReportBlock(client: GraphQLClient, reportId: string, signedIn: boolean, done: (signed: SignedReport) => void, intent: SignIntent = { meaning: null, focus: false }): HTMLElement {
  const n = ++formCount;
  const loading = h('p', { class: 'hint', text: 'Checking what you may sign…' });
  const section = block(n, loading);
  // `data-offer` says what the block settled on (sign, none), for tests and benchmarks to wait for.
  const settle = (content: HTMLElement) => {
    loading.replaceWith(content);
    section.dataset.offer = content.dataset.offer ?? 'sign';
    if (intent.focus) (content.querySelector<HTMLElement>('select') ?? content).focus();
  };
  if (!signedIn) {
    settle(sentence(WHO_SIGNS));
    return section;
  }
  client.request<SigningOfferAnswer>(SIGNING_OFFER).then(
    (answer) => settle(offerContent(client, n, reportId, signingOffer(answer, reportId), done, intent.meaning)),
    (err: unknown) => settle(sentence(err instanceof ApiProblem && err.kind === 'UNAUTHENTICATED' ? WHO_SIGNS : err instanceof Error ? err.message : String(err))),
  );
  return section;
}

function offerContent(client: GraphQLClient, n: number, reportId: string, offer: SigningOffer, done: (signed: SignedReport) => void, preferred: string | null): HTMLElement {
  switch (offer.kind) {
    case 'no-role':
      return sentence(WHO_SIGNS);
    case 'nothing-now':
      return sentence('Nothing on this report’s latest version waits for your signature now: the meanings your roles give are signed already, or the signing rules keep them for someone else (the author signs AUTHORED; APPROVED follows a REVIEWED by another person).');
    case 'sso':
      return sentence('Your account signs in through single sign-on: signing needs a fresh ID token from the identity provider, which this page cannot obtain; sign with signReport(idToken:) through the API.');
    case 'sign':
      return signForm(client, n, reportId, offer, done, preferred);
  }
}

function signForm(client: GraphQLClient, n: number, reportId: string, offer: Extract<SigningOffer, { kind: 'sign' }>, done: (signed: SignedReport) => void, preferred: string | null): HTMLElement {
  const meaning = h('select', { id: `sign-meaning-${n}`, name: 'meaning', required: true }, ...offer.meanings.map((m) => h('option', { value: m, text: m, selected: m === preferred })));
  // Shown, not chosen: only the latest version can be signed, and the server refuses any other.
  const version = h('input', { id: `sign-version-${n}`, name: 'version', readonly: true, value: `v${offer.version} (the latest)` });
  const reason = h('textarea', { id: `sign-reason-${n}`, name: 'reason', required: true, rows: '2', maxlength: '1000' });
  const password = h('input', { id: `sign-password-${n}`, name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const statement = h('p', { class: 'sign-statement', id: `sign-statement-${n}` });
  const status = h('p', { class: 'hint', role: 'status' });
  const submit = h('button', { type: 'submit', text: 'Sign', 'aria-describedby': statement.id });
  const describe = () => (statement.textContent = signingStatement(offer.printedName, offer.userId, offer.version, meaning.value));
  describe();
  meaning.addEventListener('change', describe);
  const form = h('form', { class: 'sign-report-form', 'aria-label': `Sign version ${offer.version} of this report` },
    h('label', { for: meaning.id, text: 'Meaning' }), meaning,
    h('label', { for: version.id, text: 'Version' }), version,
    h('label', { for: reason.id, text: 'Reason (why you sign, in your words)' }), reason,
    h('label', { for: password.id, text: 'Your password (re-authentication)' }), password,
    statement, submit, status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    status.textContent = 'Signing…';
    const secret = password.value;
    // The password lives only in this request: never stored, cleared whatever the answer.
    password.value = '';
    try {
      const { signReport } = await client.request<{ signReport: SignedReport }>(SIGN_REPORT, { reportId, version: offer.version, meaning: meaning.value, reason: reason.value, password: secret });
      status.textContent = signedMessage(signReport);
      done(signReport);
    } catch (err) {
      submit.disabled = false;
      status.textContent = err instanceof ApiProblem ? refusalMessage(err.code, err.message) : err instanceof Error ? err.message : String(err);
      password.focus();
    }
  });
  return form;
}
