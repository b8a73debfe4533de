/**
 * What the report details panel offers the signed-in account, decided from the API's own
 * answer (`worklist.toSign`, which the server builds from the signing rules): the meanings it
 * may give the report's latest version now, or why it may not sign. The UI never guesses a
 * meaning the rules would refuse.
 */

/** The signing panel's one request, as `queries.ts` sends it. */
export interface SigningOfferAnswer {
  me: { id: string; displayName: string; method: string };
  worklist: { toSign: { report: { id: string }; version: number; meaning: string }[] | null };
}

export type SigningOffer =
  | { readonly kind: 'sign'; readonly version: number; readonly meanings: readonly string[]; readonly printedName: string; readonly userId: string }
  /** No role that signs (or roles that break separation of duties). */
  | { readonly kind: 'no-role' }
  /** A signing role, but nothing on this report is the account's to sign now. */
  | { readonly kind: 'nothing-now' }
  /** An SSO account re-authenticates with an ID token, which this page cannot obtain. */
  | { readonly kind: 'sso' };

/** The sentence for an account that holds no signing role (and for a visitor not signed in). */
export const WHO_SIGNS =
  'Signing a report needs a signing role: SCIENTIST signs AUTHORED (the version’s author only), REVIEWER signs REVIEWED and QA signs APPROVED; sign in as one.';

/** The offer for `reportId`, in the order the server lists the meanings (signing order). */
export function signingOffer(answer: SigningOfferAnswer, reportId: string): SigningOffer {
  const tasks = answer.worklist.toSign;
  if (tasks === null) return { kind: 'no-role' };
  const mine = tasks.filter((t) => t.report.id === reportId);
  if (mine.length === 0) return { kind: 'nothing-now' };
  if (answer.me.method === 'OIDC') return { kind: 'sso' };
  return { kind: 'sign', version: mine[0].version, meanings: [...new Set(mine.map((t) => t.meaning))], printedName: answer.me.displayName, userId: answer.me.id };
}

/** What the signer is told before submitting (Part 11 §11.50: printed name, date and time, meaning). */
export function signingStatement(printedName: string, userId: string, version: number, meaning: string): string {
  return `Signing applies your electronic signature to version ${version} of this report. It records and shows, wherever the report is shown, your printed name (${printedName}, ${userId}), the date and time of signing (UTC, the server’s clock) and its meaning (${meaning}), with your reason. Re-entering your password confirms that you are the signer.`;
}

/** The success message: the meaning, the version and the server's time of signing. */
export function signedMessage(signature: { meaning: string; version: number; printedName: string; signedAt: string }): string {
  return `Signed ${signature.meaning} on version ${signature.version} by ${signature.printedName} at ${signature.signedAt} (UTC).`;
}

/** Words for a refusal: the API's own message, with what to do next for the codes the ceremony uses. */
export function refusalMessage(code: string | null, message: string): string {
  const text = message.replace(/\.?$/, '.');
  switch (code) {
    case 'UNAUTHENTICATED':
      return `Not signed: re-authentication failed. ${text} Enter your current password again.`;
    case 'FORBIDDEN':
      return `Not signed: refused. ${text}`;
    case 'CONFLICT':
    case 'BAD_USER_INPUT':
      return `Not signed: ${text} Reload the report to see its latest version and signatures.`;
    default:
      return `Not signed: ${text}`;
  }
}
