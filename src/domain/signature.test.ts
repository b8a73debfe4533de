import { DomainError } from './errors';
import { ReportKind } from './report';
import { type ReportVersionFields, sealVersion } from './reportVersion';
import { type Signature, SignatureMeaning, type SigningFacts, checkSignature, checkSigning, manifestation } from './signature';

const { AUTHORED, REVIEWED, APPROVED, RESPONSIBLE } = SignatureMeaning;

const facts = (over: Partial<SigningFacts> & { meaning: SignatureMeaning }): SigningFacts => ({
  signer: { id: 'rita', roles: ['REVIEWER', 'QA', 'SCIENTIST'], service: false },
  allowedRoles: ['REVIEWER', 'QA', 'SCIENTIST'],
  requestedVersion: 2,
  latestVersion: 2,
  author: 'alice',
  withdrawn: false,
  existing: [],
  ...over,
});

/** The code a rule check throws, or 'OK'. */
const outcome = (f: SigningFacts): string => {
  try {
    checkSigning(f);
    return 'OK';
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).code;
  }
};

describe('signing rules', () => {
  it.each([
    ['the author signs AUTHORED', facts({ meaning: AUTHORED, signer: { id: 'alice', roles: ['SCIENTIST'], service: false } }), 'OK'],
    ['someone else signs AUTHORED', facts({ meaning: AUTHORED }), 'FORBIDDEN'],
    ['a reviewer who is not the author signs REVIEWED', facts({ meaning: REVIEWED }), 'OK'],
    ['the author signs REVIEWED', facts({ meaning: REVIEWED, signer: { id: 'alice', roles: ['REVIEWER'], service: false } }), 'FORBIDDEN'],
    ['APPROVED before any review', facts({ meaning: APPROVED }), 'BAD_USER_INPUT'],
    ['APPROVED after another person reviewed', facts({ meaning: APPROVED, existing: [{ meaning: REVIEWED, userId: 'bob' }] }), 'OK'],
    ['APPROVED by the reviewer', facts({ meaning: APPROVED, existing: [{ meaning: REVIEWED, userId: 'rita' }] }), 'FORBIDDEN'],
    ['APPROVED by the author', facts({ meaning: APPROVED, signer: { id: 'alice', roles: ['QA'], service: false }, existing: [{ meaning: REVIEWED, userId: 'bob' }] }), 'FORBIDDEN'],
    ['RESPONSIBLE with the role', facts({ meaning: RESPONSIBLE }), 'OK'],
    ['a service account', facts({ meaning: REVIEWED, signer: { id: 'etl', roles: ['PIPELINE'], service: true } }), 'FORBIDDEN'],
    ['a signer without the meaning\'s role', facts({ meaning: REVIEWED, allowedRoles: ['REVIEWER'], signer: { id: 'sam', roles: ['SCIENTIST'], service: false } }), 'FORBIDDEN'],
    ['a superseded version', facts({ meaning: REVIEWED, requestedVersion: 1 }), 'CONFLICT'],
    ['a withdrawn report', facts({ meaning: REVIEWED, withdrawn: true }), 'CONFLICT'],
    ['the same signer and meaning twice', facts({ meaning: REVIEWED, existing: [{ meaning: REVIEWED, userId: 'rita' }] }), 'CONFLICT'],
  ])('%s → %s', (_name, f, expected) => {
    expect(outcome(f)).toBe(expected);
  });

  it('checks the service account before anything else, so it never learns more', () => {
    expect(outcome(facts({ meaning: APPROVED, requestedVersion: 1, signer: { id: 'etl', roles: [], service: true } }))).toBe('FORBIDDEN');
  });

  it('names the argument when approval comes before review', () => {
    try {
      checkSigning(facts({ meaning: APPROVED }));
      throw new Error('expected a refusal');
    } catch (err) {
      expect((err as DomainError).details).toMatchObject({ argument: 'meaning' });
    }
  });
});

describe('signature checks', () => {
  const v: ReportVersionFields = {
    reportId: 'report:A',
    version: 1,
    title: 'A',
    kind: ReportKind.PSUR,
    period: '2024Q1',
    contentHash: 'a'.repeat(64),
    uri: null,
    generatedFromRuns: ['run:s:1'],
    modelVersions: [],
    datasets: [],
    signals: [],
    createdAt: '2024-04-01T00:00:00.000Z',
    createdBy: 'alice',
    createdByName: 'Alice',
  };
  const sealed = sealVersion(v);
  const sig: Signature = {
    id: 'sig_1',
    reportId: 'report:A',
    version: 1,
    meaning: REVIEWED,
    userId: 'rita',
    signerRole: 'REVIEWER',
    printedName: 'Rita',
    signedAt: '2024-04-02T10:00:00.123Z',
    recordHash: sealed.recordHash,
    reason: 'reviewed',
    provenanceDigest: null,
    provenanceManifest: null,
  };

  it('holds for the version it was made on', () => {
    expect(checkSignature(sig, sealed)).toEqual({ valid: true, reason: null });
  });

  it.each([
    ['an edited title', { title: 'B' }],
    ['an extra run', { generatedFromRuns: ['run:s:1', 'run:s:2'] }],
    ['another author', { createdBy: 'mallory' }],
  ])('fails when the version has %s', (_name, patch) => {
    expect(checkSignature(sig, { ...v, ...patch }).valid).toBe(false);
  });

  it('never validates another record or a later version, even with identical content', () => {
    expect(checkSignature(sig, { ...v, reportId: 'report:B' })).toMatchObject({ valid: false, reason: expect.stringContaining('report:B') });
    expect(checkSignature(sig, { ...v, version: 2 })).toMatchObject({ valid: false });
    expect(checkSignature(sig, null)).toMatchObject({ valid: false });
  });

  it('shows meaning, printed name, user id and UTC time', () => {
    expect(manifestation(sig)).toBe('REVIEWED by Rita (rita) at 2024-04-02T10:00:00.123Z');
  });
});
