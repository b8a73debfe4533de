import { generateSignerKey, keyIdOf, parseSignerKey, parseVerifierKey, signNote, verifierKeyFor, verifyNote } from './note';

// Vectors of Go's golang.org/x/mod/sumdb/note tests: the output here must be byte-identical.
const PETER_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const CHECKPOINT = 'pv-lineage.test/audit\n42\nH4lVNUp5AmUuVEw/Q2xJGwwmRQ/Ijnqb2m0Ol0KqHHk=\n';
const mutate = (s: string, i: number): string => s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) + 1) + s.slice(i + 1);

describe('note keys (Go note format)', () => {
  it('derives the verifier key and key id of the Go test key', () => {
    expect(verifierKeyFor(PETER_SIGNER)).toBe(PETER);
    expect(keyIdOf(PETER)).toBe('PeterNeumann+c74f20a3');
    expect(parseSignerKey(PETER_SIGNER)).toMatchObject({ name: 'PeterNeumann', keyHash: 0xc74f20a3, keyId: 'PeterNeumann+c74f20a3' });
    expect(parseVerifierKey(ENOCH)).toMatchObject({ name: 'EnochRoot', keyHash: 0xaf0cfe78 });
  });

  it('accepts an upper-case key hash, as Go does, and reports the id in lower case', () => {
    expect(keyIdOf(PETER.replace('c74f20a3', 'C74F20A3'))).toBe('PeterNeumann+c74f20a3');
  });

  it('generates self-consistent keys in the Go layout', () => {
    const k = generateSignerKey('pv-lineage.test/audit');
    expect(k.signerKey).toMatch(/^PRIVATE\+KEY\+pv-lineage\.test\/audit\+[0-9a-f]{8}\+A[Q-Za-f][A-Za-z0-9+/]{42}$/);
    expect(k.verifierKey).toMatch(/^pv-lineage\.test\/audit\+[0-9a-f]{8}\+A[Q-Za-f][A-Za-z0-9+/]{42}$/);
    expect(k.keyId).toBe(k.verifierKey.split('+').slice(0, 2).join('+'));
    expect(verifierKeyFor(k.signerKey)).toBe(k.verifierKey);
    expect(generateSignerKey('x', Buffer.alloc(32, 7))).toEqual(generateSignerKey('x', Buffer.alloc(32, 7)));
    expect(generateSignerKey('x').signerKey).not.toBe(generateSignerKey('x').signerKey);
  });

  it.each(['', 'has space', 'has+plus', 'tab\there', 'nbsp\u00a0', 'ideographic\u3000space', 'control\u0001', 'lone\ud800'])(
    'refuses the key name %p',
    (name) => {
      expect(() => generateSignerKey(name)).toThrow(/key name/);
    },
  );

  it.each([
    ['verifier', PETER, parseVerifierKey],
    ['signer', PETER_SIGNER, parseSignerKey],
  ] as const)('refuses every truncation and every single-character change of a %s key', (_kind, key, parse) => {
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) {
        if (i === 0 && j === key.length) continue;
        expect(() => parse(key.slice(i, j))).toThrow();
      }
    }
    for (let i = 0; i < key.length; i++) expect(() => parse(mutate(key, i))).toThrow();
    expect(() => parse(key)).not.toThrow();
  });

  it.each([
    // Go reads this as a 40-byte key; strict base64 already refuses its non-zero padding bits.
    ['a key of the wrong length, hash adjusted', 'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', /base64/],
    ['an unknown algorithm, hash adjusted', 'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /not an Ed25519 key/],
    ['a wrong hash', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /hash does not match/],
    ['a short hash', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /8 hex digits/],
    ['unpadded base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T', /base64/],
    ['a signer key', PETER_SIGNER, /hex digits/],
    ['an empty string', '', /name/],
  ])('explains why it refuses %s', (_what, key, message) => {
    expect(() => parseVerifierKey(key)).toThrow(message);
  });

  it('refuses a verifier key where a signer key is expected', () => {
    expect(() => parseSignerKey(PETER)).toThrow(/PRIVATE\+KEY/);
  });
});

describe('signed notes', () => {
  it('signs byte-for-byte as Go does', () => {
    expect(signNote(TEXT, PETER_SIGNER)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('opens notes signed by known keys and ignores signatures by unknown ones', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(verifyNote(note, [PETER])).toEqual({ text: TEXT, keyIds: ['PeterNeumann+c74f20a3'] });
    expect(verifyNote(note, [ENOCH])).toEqual({ text: TEXT, keyIds: ['EnochRoot+af0cfe78'] });
    expect(verifyNote(note, [PETER, ENOCH, PETER]).keyIds).toEqual(['PeterNeumann+c74f20a3', 'EnochRoot+af0cfe78']);
    expect(verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}`, [PETER]).keyIds).toEqual(['PeterNeumann+c74f20a3']);
  });

  it('refuses a note no known key signed, naming who did', () => {
    expect(() => verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).toThrow(/no signature by a known key \(signed by PeterNeumann\+c74f20a3, EnochRoot\+af0cfe78/);
    const other = generateSignerKey('PeterNeumann');
    expect(() => verifyNote(`${TEXT}\n${PETER_SIG}`, [other.verifierKey])).toThrow(/no signature by a known key/);
  });

  it('refuses a bad signature by a known key, even beside a good one', () => {
    const bad = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(() => verifyNote(`${TEXT}\n${bad}`, [PETER])).toThrow(/signature by key PeterNeumann\+c74f20a3 does not verify/);
    expect(() => verifyNote(`${TEXT}\n${PETER_SIG}${bad}`, [PETER])).toThrow(/does not verify/);
  });

  it('verifies a checkpoint signed by a retired key once its verifier key is listed', () => {
    const old = generateSignerKey('pv-lineage.test/audit');
    const current = generateSignerKey('pv-lineage.test/audit');
    const note = signNote(CHECKPOINT, old.signerKey);
    expect(() => verifyNote(note, [current.verifierKey])).toThrow(/no signature by a known key/);
    expect(verifyNote(note, [current.verifierKey, old.verifierKey])).toEqual({ text: CHECKPOINT, keyIds: [old.keyId] });
    expect(verifyNote(signNote(CHECKPOINT, current.signerKey), [current.verifierKey, old.verifierKey]).keyIds).toEqual([current.keyId]);
  });

  it('refuses a change to any character of the signed text', () => {
    const key = generateSignerKey('pv-lineage.test/audit');
    const note = signNote(CHECKPOINT, key.signerKey);
    for (let i = 0; i < CHECKPOINT.length; i++) {
      expect(() => verifyNote(mutate(note, i), [key.verifierKey])).toThrow();
    }
    expect(() => verifyNote(note.replace('\n42\n', '\n43\n'), [key.verifierKey])).toThrow(/does not verify/);
  });

  it('refuses a change to any character of the signature line', () => {
    const key = generateSignerKey('pv-lineage.test/audit');
    const note = signNote(CHECKPOINT, key.signerKey);
    for (let i = CHECKPOINT.length + 1; i < note.length - 1; i++) {
      expect(() => verifyNote(mutate(note, i), [key.verifierKey])).toThrow();
    }
  });

  it.each([
    ['no signature block', TEXT],
    ['a blank line and nothing after it', `${TEXT}\n`],
    ['no final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\x01${TEXT}\n${PETER_SIG}`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['a lone surrogate', `\ud800${TEXT}\n${PETER_SIG}`],
    ['a space in the key name', `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`],
    ['a line that is not a signature', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a hyphen instead of an em dash', `${TEXT}\n${PETER_SIG.replace('—', '-')}`],
    ['a signature too short to hold a key hash', `${TEXT}\n— PeterNeumann AAAAAA==\n`],
    ['a signature that is not base64', `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG!\n`],
    ['no signature after the name', `${TEXT}\n— PeterNeumann\n`],
    ['101 signatures', `${TEXT}\n${PETER_SIG.repeat(101)}`],
  ])('refuses a malformed note: %s', (_what, note) => {
    expect(() => verifyNote(note, [PETER])).toThrow(/malformed note/);
  });

  it('refuses malformed verifier keys, naming which', () => {
    expect(() => verifyNote(`${TEXT}\n${PETER_SIG}`, [PETER, 'nonsense'])).toThrow(/verifier key 2/);
  });

  it('refuses to sign text that could not be opened again', () => {
    expect(() => signNote('no newline', PETER_SIGNER)).toThrow(/end with a newline/);
    expect(() => signNote('bell\x07\n', PETER_SIGNER)).toThrow(/control character/);
    expect(() => signNote(TEXT, PETER)).toThrow(/PRIVATE\+KEY/);
  });
});
