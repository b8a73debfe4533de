import type { OptionsType, ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

/**
 * Password strength as zxcvbn-ts estimates it: guesses against common-password, English-word,
 * name and keyboard-pattern dictionaries, mapped to a score 0-4. Length rules alone let
 * `Password1234` through; the estimator knows it is among the first guesses an attacker tries.
 */

/** "Safely unguessable: moderate protection from offline slow-hash attacks" in zxcvbn's terms. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * Built on first use: the dictionaries are several megabytes, and most processes (the CLIs that
 * only ingest, the unit lane) never set a password.
 */
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const options: OptionsType = {
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // Off: near-miss matching costs seconds on some inputs (a digit run), a cheap way to stall the event loop from a login form.
    useLevenshteinDistance: false,
  };
  estimator = new core.ZxcvbnFactory(options);
  return estimator;
}

/** Lower case with everything but letters and digits removed, so `J.Doe` and `j-doe` compare equal. */
export const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export interface StrengthVerdict {
  readonly score: number;
  /** Why the password is weak and what would help, in the estimator's words; null when strong enough. */
  readonly problem: string | null;
}

/** Scores a password, counting the owner's id and name parts as words an attacker would try first. */
export function passwordStrength(password: string, ownerWords: readonly string[]): StrengthVerdict {
  const inputs = ownerWords.flatMap((w) => [w, ...w.split(/[^\p{L}\p{N}]+/u)]).filter((w) => w.length >= 2);
  const result: ZxcvbnResult = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return { score: result.score, problem: null };
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
  return {
    score: result.score,
    problem: `The password is too easy to guess (strength ${result.score} of 4, at least ${MIN_PASSWORD_SCORE} needed)${advice.length > 0 ? `: ${advice.join(' ')}` : ''}`,
  };
}
