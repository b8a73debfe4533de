import type { AuditEventData } from '../domain/audit/event';
import { eventHash, eventLeafHash } from '../domain/audit/event';
import { consistencyProof, inclusionProof, rootHash } from '../domain/audit/merkle';
import { formatCheckpoint, generateSignerKey, signNote } from '../domain/audit/note';
import { assertOk, VerificationError, verifyCheckpoint, verifyConsistencyProof, verifyEvents, verifyInclusionProof } from '.';

const ORIGIN = 'pv-lineage.test/audit';
const KEY = generateSignerKey(ORIGIN, Buffer.alloc(32, 1));
const RETIRED = generateSignerKey(ORIGIN, Buffer.alloc(32, 2));

const event = (seq: number): AuditEventData => ({
  seq,
  at: new Date(Date.UTC(2026, 10, 26, 10, 0, 0, seq * 10)).toISOString(),
  actorId: `user${seq % 3}`,
  actorRole: seq % 2 ? 'SCIENTIST' : null,
  actorName: `User ${seq % 3}`,
  action: 'RUN_UPDATED',
  entityType: 'Run',
  entityId: `run:${seq}`,
  entityVersion: null,
  oldValue: seq === 0 ? null : { status: 'RUNNING' },
  newValue: { status: 'FINISHED', n: seq },
  reason: seq === 0 ? null : 'finished',
  category: seq % 5 === 4 ? 'SECURITY' : 'CHANGE',
});
const EVENTS = Array.from({ length: 23 }, (_, i) => event(i));
const LEAVES = EVENTS.map(eventLeafHash);
const b64 = (b: Buffer): string => b.toString('base64');
const rootOf = (n: number): string => b64(rootHash(LEAVES.slice(0, n)));
const checkpointNote = (n: number, signerKey = KEY.signerKey, origin = ORIGIN): string =>
  signNote(formatCheckpoint({ origin, treeSize: n, rootHash: rootOf(n) }), signerKey);

describe('verifyCheckpoint', () => {
  it('opens a signed checkpoint and returns what it commits to', () => {
    expect(verifyCheckpoint(checkpointNote(23), [KEY.verifierKey], ORIGIN)).toEqual({
      ok: true, origin: ORIGIN, treeSize: 23, rootHash: rootOf(23), keyIds: [KEY.keyId],
    });
  });

  it('opens a checkpoint signed by a retired key that the auditor still lists', () => {
    expect(verifyCheckpoint(checkpointNote(5, RETIRED.signerKey), [KEY.verifierKey, RETIRED.verifierKey])).toMatchObject({ ok: true, keyIds: [RETIRED.keyId] });
  });

  it.each([
    ['an unknown key', () => checkpointNote(23, RETIRED.signerKey), /no signature by a known key/],
    ['another log', () => checkpointNote(23, KEY.signerKey, 'elsewhere/audit'), /for log "elsewhere\/audit", not "pv-lineage.test\/audit"/],
    ['an altered size', () => checkpointNote(23).replace('\n23\n', '\n22\n'), /does not verify/],
    ['an altered root', () => checkpointNote(23).replace(rootOf(23), rootOf(22)), /does not verify/],
    ['a signed body that is not a checkpoint', () => signNote('hello\n', KEY.signerKey), /expected 3 lines/],
    ['garbage', () => 'not a note', /malformed note/],
  ])('fails for %s, saying why', (_what, note, reason) => {
    const verdict = verifyCheckpoint(note(), [KEY.verifierKey], ORIGIN);
    expect(verdict).toMatchObject({ ok: false, check: 'checkpoint', reason: expect.stringMatching(reason) });
  });
});

describe('verifyInclusionProof', () => {
  const proofOf = (index: number, size: number): string[] => inclusionProof(index, LEAVES.slice(0, size)).map(b64);

  it('proves every event of every tree size, by leaf hash or by the event itself', () => {
    for (let size = 1; size <= 23; size++) {
      for (let index = 0; index < size; index++) {
        const input = { index, treeSize: size, proof: proofOf(index, size), rootHash: rootOf(size) };
        expect(verifyInclusionProof({ ...input, leafHash: b64(LEAVES[index]) })).toEqual({ ok: true, index, treeSize: size, leafHash: b64(LEAVES[index]) });
        expect(verifyInclusionProof({ ...input, event: EVENTS[index] })).toMatchObject({ ok: true });
        expect(verifyInclusionProof({ ...input, event: EVENTS[index], leafHash: b64(LEAVES[index]) })).toMatchObject({ ok: true });
      }
    }
  });

  const good = { index: 5, treeSize: 23, proof: proofOf(5, 23), rootHash: rootOf(23), leafHash: b64(LEAVES[5]) };
  it.each([
    ['an altered event', { leafHash: undefined, event: { ...EVENTS[5], reason: 'edited' } }, /does not lead from leaf 5/],
    ['an event that disagrees with the leaf hash', { event: EVENTS[6] , index: 6 }, /event 6 does not match the leaf hash/],
    ['an event at another index', { event: EVENTS[5], index: 6 }, /event 5 cannot be leaf 6/],
    ['no leaf at all', { leafHash: undefined }, /neither a leaf hash nor an event/],
    ['index + 1', { index: 6 }, /does not lead/],
    ['index out of range', { index: 23 }, /not in a tree of size 23/],
    ['tree size * 2', { treeSize: 46 }, /does not lead/],
    ['tree size / 2', { treeSize: 11 }, /does not lead|not in a tree/],
    ['the root of another size', { rootHash: rootOf(22) }, /does not lead/],
    ['a proof element removed', { proof: proofOf(5, 23).slice(1) }, /does not lead/],
    ['a proof element that is not base64', { proof: ['%%%', ...proofOf(5, 23).slice(1)] }, /proof element 0 is not a 32-byte hash/],
    ['a truncated proof element', { proof: [b64(Buffer.alloc(31)), ...proofOf(5, 23).slice(1)] }, /proof element 0/],
    ['a hex root', { rootHash: rootHash(LEAVES).toString('hex') }, /root hash is not a 32-byte hash/],
    ['a proof that is not a list', { proof: 'abc' as unknown as string[] }, /not a list/],
  ])('fails for %s', (_what, change, reason) => {
    expect(verifyInclusionProof({ ...good, ...change })).toMatchObject({ ok: false, check: 'inclusion', reason: expect.stringMatching(reason) });
  });
});

describe('verifyConsistencyProof', () => {
  it('proves every smaller tree is a prefix of every larger one', () => {
    for (let n = 0; n <= 23; n++) {
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(m, LEAVES.slice(0, n)).map(b64);
        expect(verifyConsistencyProof({ fromSize: m, toSize: n, fromRoot: rootOf(m), toRoot: rootOf(n), proof })).toEqual({ ok: true, fromSize: m, toSize: n });
      }
    }
  });

  it('fails when the later log was rewritten', () => {
    const rewritten = [...LEAVES.slice(0, 9), eventLeafHash({ ...EVENTS[9], reason: 'rewritten' }), ...LEAVES.slice(10)];
    const proof = consistencyProof(12, rewritten).map(b64);
    const verdict = verifyConsistencyProof({ fromSize: 12, toSize: 23, fromRoot: rootOf(12), toRoot: b64(rootHash(rewritten)), proof });
    expect(verdict).toMatchObject({ ok: false, check: 'consistency', reason: expect.stringMatching(/not proven to extend/) });
  });

  it.each([
    ['sizes the wrong way round', { fromSize: 24 }, /cannot be a prefix/],
    ['swapped roots', { fromRoot: rootOf(23), toRoot: rootOf(12) }, /not proven/],
    ['an empty proof', { proof: [] }, /not proven/],
    ['a malformed root', { toRoot: 'abc' }, /second root hash/],
  ])('fails for %s', (_what, change, reason) => {
    const input = { fromSize: 12, toSize: 23, fromRoot: rootOf(12), toRoot: rootOf(23), proof: consistencyProof(12, LEAVES).map(b64) };
    expect(verifyConsistencyProof({ ...input, ...change })).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
  });
});

describe('verifyEvents', () => {
  const stored = EVENTS.map((e) => ({ hash: eventHash(e), leafHash: eventLeafHash(e).toString('hex') }));

  it('accepts a whole log and gives the root a checkpoint of its size must carry', () => {
    expect(verifyEvents(EVENTS, stored)).toEqual({ ok: true, count: 23, firstSeq: 0, lastSeq: 22, rootHash: rootOf(23) });
    expect(verifyEvents([])).toEqual({ ok: true, count: 0, firstSeq: null, lastSeq: null, rootHash: rootOf(0) });
  });

  it('accepts a slice from later on, without a root', () => {
    expect(verifyEvents(EVENTS.slice(10, 15))).toEqual({ ok: true, count: 5, firstSeq: 10, lastSeq: 14, rootHash: null });
  });

  const edited = EVENTS.map((e) => (e.seq === 7 ? { ...e, newValue: { status: 'FAILED', n: 7 } } : e));
  const swapped = [...EVENTS.slice(0, 4), EVENTS[5], EVENTS[4], ...EVENTS.slice(6)];
  const backwards = EVENTS.map((e) => (e.seq === 12 ? { ...e, at: '2020-01-01T00:00:00.000Z' } : e));
  it.each([
    ['an edited event against its stored hash', edited, stored, 7, /does not match its stored hash|altered/],
    ['a gap', [...EVENTS.slice(0, 8), ...EVENTS.slice(9)], undefined, 9, /expected sequence number 8 after 7/],
    ['a repeated event', [...EVENTS.slice(0, 9), EVENTS[8], ...EVENTS.slice(9)], undefined, 8, /expected sequence number 9 after 8/],
    ['two events swapped', swapped, undefined, 5, /expected sequence number 4 after 3/],
    ['time running backwards', backwards, undefined, 12, /timed 2020-01-01T00:00:00.000Z, before event 11/],
    ['a malformed event', EVENTS.map((e) => (e.seq === 3 ? { ...e, at: 'yesterday' } : e)), undefined, 3, /malformed.*at must be/],
    ['a stored leaf hash that differs', EVENTS, stored.map((s, i) => (i === 2 ? { ...s, leafHash: '00'.repeat(32) } : s)), 2, /stored leaf hash/],
  ])('names the first bad event for %s', (_what, events, hashes, seq, reason) => {
    expect(verifyEvents(events, hashes)).toMatchObject({ ok: false, check: 'events', seq, reason: expect.stringMatching(reason) });
  });

  it('detects an edit that also rewrote the stored hash, through the root', () => {
    const verdict = assertOk(verifyEvents(edited, edited.map((e) => ({ hash: eventHash(e) }))));
    expect(verdict.rootHash).not.toBe(rootOf(23));
  });

  it('refuses stored hashes that do not line up with the events', () => {
    expect(verifyEvents(EVENTS, stored.slice(1))).toMatchObject({ ok: false, reason: '22 stored hashes for 23 events' });
    expect(verifyEvents(null as unknown as AuditEventData[])).toMatchObject({ ok: false, reason: 'the events are not a list' });
  });
});

describe('assertOk', () => {
  it('passes the details of a good verdict through and throws on a failed one', () => {
    expect(assertOk(verifyCheckpoint(checkpointNote(3), [KEY.verifierKey])).treeSize).toBe(3);
    expect(() => assertOk(verifyCheckpoint(checkpointNote(3), [RETIRED.verifierKey]))).toThrow(VerificationError);
    expect(() => assertOk(verifyEvents([EVENTS[1], EVENTS[0]]))).toThrow(/events verification failed: event 0: expected sequence number 2 after 1/);
  });
});
