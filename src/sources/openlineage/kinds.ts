import { EventKind } from './schema/core';
import type { ValidationProblem } from './errors';

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The spec's top level is `oneOf` RunEvent, DatasetEvent, JobEvent, told apart only by which
 * keys are present: a RunEvent holds `run` and `job`, a DatasetEvent `dataset` but not both `job`
 * and `run`, a JobEvent `job` and no `run`. An event is valid when exactly one kind accepts it.
 */
export function candidateKinds(event: object): EventKind[] {
  const out: EventKind[] = [];
  if (has(event, 'run') && has(event, 'job')) out.push(EventKind.RUN);
  if (has(event, 'dataset') && !(has(event, 'job') && has(event, 'run'))) out.push(EventKind.DATASET);
  if (has(event, 'job') && !has(event, 'run')) out.push(EventKind.JOB);
  return out;
}

const FRAGMENT = /#\/(?:\$defs|definitions)\/(RunEvent|DatasetEvent|JobEvent)$/;

/**
 * The kind an invalid event meant to be, whose problems alone are reported: the one its
 * `schemaURL` names, else the one its keys suggest.
 */
export function intendedKind(event: Record<string, unknown>): EventKind {
  const named = typeof event.schemaURL === 'string' ? FRAGMENT.exec(event.schemaURL)?.[1] : undefined;
  if (named) return named as EventKind;
  if (has(event, 'run') && has(event, 'job')) return EventKind.RUN;
  if (has(event, 'dataset')) return EventKind.DATASET;
  if (has(event, 'job')) return EventKind.JOB;
  return has(event, 'run') ? EventKind.RUN : EventKind.JOB;
}

/** Keys that rule an event out of a kind whatever their values. */
export function forbiddenKeys(kind: EventKind, event: object): ValidationProblem | null {
  if (kind === EventKind.DATASET && has(event, 'job') && has(event, 'run')) return { path: '/', message: 'a DatasetEvent must not hold both job and run' };
  if (kind === EventKind.JOB && has(event, 'run')) return { path: '/run', message: 'a JobEvent must not have a run (an event with a run is a RunEvent)' };
  return null;
}
