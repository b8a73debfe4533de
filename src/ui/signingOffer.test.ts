import { refusalMessage, signedMessage, signingOffer, signingStatement, type SigningOfferAnswer } from './signingOffer';

const me = { id: 'demo.reviewer', displayName: 'Dr Omar Haddad', method: 'SESSION' };
const task = (id: string, meaning: string, version = 2) => ({ report: { id }, version, meaning });
const answer = (toSign: SigningOfferAnswer['worklist']['toSign'], who = me): SigningOfferAnswer => ({ me: who, worklist: { toSign } });

describe('signingOffer', () => {
  it('offers the meanings the server lists for this report only, in its order, with the latest version and the signer', () => {
    const offer = signingOffer(answer([task('report:A', 'AUTHORED'), task('report:B', 'REVIEWED', 3), task('report:A', 'APPROVED')]), 'report:A');
    expect(offer).toEqual({ kind: 'sign', version: 2, meanings: ['AUTHORED', 'APPROVED'], printedName: 'Dr Omar Haddad', userId: 'demo.reviewer' });
  });

  it('tells an account without a signing role (toSign null) from one with nothing to sign here', () => {
    expect(signingOffer(answer(null), 'report:A')).toEqual({ kind: 'no-role' });
    expect(signingOffer(answer([task('report:B', 'REVIEWED')]), 'report:A')).toEqual({ kind: 'nothing-now' });
    expect(signingOffer(answer([]), 'report:A')).toEqual({ kind: 'nothing-now' });
  });

  it('sends an SSO account to the API, since its re-authentication is an ID token', () => {
    expect(signingOffer(answer([task('report:A', 'REVIEWED')], { ...me, method: 'OIDC' }), 'report:A')).toEqual({ kind: 'sso' });
  });
});

describe('the words of the ceremony', () => {
  it('states the printed name, the time and the meaning before signing (§11.50)', () => {
    const text = signingStatement('Dr Omar Haddad', 'demo.reviewer', 2, 'REVIEWED');
    expect(text).toContain('version 2');
    expect(text).toContain('Dr Omar Haddad, demo.reviewer');
    expect(text).toContain('date and time');
    expect(text).toContain('(REVIEWED)');
  });

  it('names the meaning, version and time of a stored signature', () => {
    expect(signedMessage({ meaning: 'REVIEWED', version: 2, printedName: 'Dr Omar Haddad', signedAt: '2024-05-01T10:00:00.000Z' })).toBe('Signed REVIEWED on version 2 by Dr Omar Haddad at 2024-05-01T10:00:00.000Z (UTC).');
  });

  it('keeps the API’s message and says what to do next, per code', () => {
    expect(refusalMessage('UNAUTHENTICATED', 'Invalid credentials')).toBe('Not signed: re-authentication failed. Invalid credentials. Enter your current password again.');
    expect(refusalMessage('FORBIDDEN', 'Only the author signs AUTHORED.')).toBe('Not signed: refused. Only the author signs AUTHORED.');
    expect(refusalMessage('CONFLICT', 'Only the latest version (3) can be signed')).toContain('Only the latest version (3) can be signed. Reload the report');
    expect(refusalMessage(null, 'Server went away')).toBe('Not signed: Server went away.');
  });
});
