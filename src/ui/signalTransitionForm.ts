import { SignalStatus } from '../domain/signal';
import { SIGNAL_TRANSITIONS } from '../domain/signalLifecycle';
import { ApiProblem, type GraphQLClient } from './api';
import { h } from './dom';
import { TRANSITION_SIGNAL } from './queries';

/** The stages a signal in `status` may move to next (GVP IX, as the server enforces it); none for a final or unknown stage. */
export function nextStages(status: string): readonly SignalStatus[] {
  return (SIGNAL_TRANSITIONS as Record<string, readonly SignalStatus[]>)[status] ?? [];
}

let formCount = 0;

/**
 * A form that moves a signal one stage through the existing `transitionSignal` mutation, with
 * the decision and rationale GVP IX asks for. Only the next stages are offered; the server still
 * decides (role SCIENTIST, legal step), and a refusal is said in words. Null for a final stage.
 */
export function signalTransitionForm(client: GraphQLClient, signal: { id: string; status: string }, done: () => void): HTMLElement | null {
  const stages = nextStages(signal.status);
  if (stages.length === 0) return null;
  const n = ++formCount;
  const select = h('select', { id: `transition-to-${n}`, name: 'to', required: true }, ...stages.map((s) => h('option', { value: s, text: s })));
  const decision = h('input', { id: `transition-decision-${n}`, name: 'decision', required: true, maxlength: '500' });
  const rationale = h('textarea', { id: `transition-rationale-${n}`, name: 'rationale', required: true, rows: '3' });
  const status = h('p', { class: 'hint', role: 'status' });
  const submit = h('button', { type: 'submit', text: 'Move the signal' });
  const form = h('form', { class: 'signal-transition', 'aria-label': 'Move this signal to its next stage' },
    h('h3', { text: 'Next stage' }),
    h('label', { for: select.id, text: 'Move to' }), select,
    h('label', { for: decision.id, text: 'Decision' }), decision,
    h('label', { for: rationale.id, text: 'Rationale (the evidence; kept as the audit reason)' }), rationale,
    submit, status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    status.textContent = 'Saving…';
    try {
      await client.request(TRANSITION_SIGNAL, { id: signal.id, to: select.value, decision: decision.value, rationale: rationale.value });
      status.textContent = `Moved to ${select.value}.`;
      done();
    } catch (err) {
      submit.disabled = false;
      const refused = err instanceof ApiProblem && (err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED');
      status.textContent = refused ? 'Moving a signal needs the SCIENTIST role: sign in as one.' : err instanceof Error ? err.message : String(err);
    }
  });
  return form;
}
