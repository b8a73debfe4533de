import { Role } from './role';
import { SignatureMeaning } from './signature';
import { type ReportSigningState, lapsedSignatures, mayEverSign, meaningsToSign } from './signingWork';

const { AUTHORED, REVIEWED, APPROVED } = SignatureMeaning;

const state = (over: Partial<ReportSigningState> = {}): ReportSigningState => ({
  reportId: 'report:R-1',
  latestVersion: 1,
  author: 'ann',
  latestAt: '2024-05-01T00:00:00.000Z',
  withdrawn: false,
  onLatest: [],
  mine: [],
  ...over,
});
const author = { id: 'ann', roles: [Role.SCIENTIST] };
const reviewer = { id: 'rob', roles: [Role.REVIEWER] };
const qa = { id: 'quinn', roles: [Role.QA] };

describe('meaningsToSign', () => {
  it('awaits AUTHORED from the author only, and never from another scientist', () => {
    expect(meaningsToSign(author, state())).toEqual([AUTHORED]);
    expect(meaningsToSign({ id: 'olga', roles: [Role.SCIENTIST] }, state())).toEqual([]);
    expect(meaningsToSign(author, state({ onLatest: [{ meaning: AUTHORED, userId: 'ann' }] }))).toEqual([]);
  });

  it('awaits a review from a reviewer who is not the author, until someone has reviewed the latest version', () => {
    expect(meaningsToSign(reviewer, state())).toEqual([REVIEWED]);
    expect(meaningsToSign({ id: 'ann', roles: [Role.SCIENTIST, Role.REVIEWER] }, state())).toEqual([AUTHORED]);
    expect(meaningsToSign(reviewer, state({ onLatest: [{ meaning: REVIEWED, userId: 'rita' }] }))).toEqual([]);
  });

  it('awaits approval only after a review, from a QA account that neither wrote nor reviewed it', () => {
    expect(meaningsToSign(qa, state())).toEqual([]);
    const reviewed = state({ onLatest: [{ meaning: REVIEWED, userId: 'rob' }] });
    expect(meaningsToSign(qa, reviewed)).toEqual([APPROVED]);
    expect(meaningsToSign({ id: 'rob', roles: [Role.REVIEWER, Role.QA] }, reviewed)).toEqual([]);
    expect(meaningsToSign(qa, state({ onLatest: [{ meaning: REVIEWED, userId: 'rob' }, { meaning: APPROVED, userId: 'quentin' }] }))).toEqual([]);
  });

  it('offers both meanings, in signing order, to an account that may give both', () => {
    expect(meaningsToSign({ id: 'rita', roles: [Role.REVIEWER, Role.QA] }, state({ onLatest: [{ meaning: REVIEWED, userId: 'rob' }] }))).toEqual([APPROVED]);
    expect(meaningsToSign({ id: 'rita', roles: [Role.QA, Role.REVIEWER] }, state())).toEqual([REVIEWED]);
  });

  it('awaits nothing on a withdrawn report, from a viewer, or from an account holding ADMIN beside a signing role', () => {
    expect(meaningsToSign(reviewer, state({ withdrawn: true }))).toEqual([]);
    expect(meaningsToSign({ id: 'vic', roles: [Role.VIEWER] }, state())).toEqual([]);
    expect(meaningsToSign({ id: 'adm', roles: [Role.ADMIN, Role.REVIEWER] }, state())).toEqual([]);
  });
});

describe('lapsedSignatures', () => {
  const mine = [
    { id: 'sig_2', meaning: REVIEWED, version: 2, signedAt: '2024-05-03T00:00:00.000Z' },
    { id: 'sig_1', meaning: REVIEWED, version: 1, signedAt: '2024-05-02T00:00:00.000Z' },
  ];

  it('lists the account’s signatures on earlier versions, oldest first, while the latest lacks that meaning from it', () => {
    expect(lapsedSignatures(reviewer, state({ latestVersion: 3, mine })).map((s) => s.id)).toEqual(['sig_1', 'sig_2']);
    expect(lapsedSignatures(reviewer, state({ latestVersion: 2, mine })).map((s) => s.id)).toEqual(['sig_1']);
  });

  it('drops them once the account has signed the latest version with the same meaning, or the report is withdrawn', () => {
    expect(lapsedSignatures(reviewer, state({ latestVersion: 3, mine, onLatest: [{ meaning: REVIEWED, userId: 'rob' }] }))).toEqual([]);
    expect(lapsedSignatures(reviewer, state({ latestVersion: 3, mine, onLatest: [{ meaning: REVIEWED, userId: 'rita' }] }))).toHaveLength(2);
    expect(lapsedSignatures(reviewer, state({ latestVersion: 3, mine, withdrawn: true }))).toEqual([]);
  });
});

describe('mayEverSign', () => {
  it('is true for the roles that sign an awaited meaning, false otherwise', () => {
    expect([author, reviewer, qa].map(mayEverSign)).toEqual([true, true, true]);
    expect(mayEverSign({ id: 'p', roles: [Role.PIPELINE, Role.VIEWER] })).toBe(false);
    expect(mayEverSign({ id: 'adm', roles: [Role.ADMIN, Role.QA] })).toBe(false);
  });
});
