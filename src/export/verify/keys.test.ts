import { generateSignerKey, publicKeyPem } from '../../domain/audit/note';
import { parseKeys } from './keys';

const a = generateSignerKey('pv-lineage.test/audit', Buffer.alloc(32, 1));
const b = generateSignerKey('pv-lineage.test/audit', Buffer.alloc(32, 2));

describe('the package keys', () => {
  it('accepts PEM and verifier keys that are the same keys', () => {
    expect(parseKeys(`${a.verifierKey}\n${b.verifierKey}\n`, publicKeyPem(b.verifierKey) + publicKeyPem(a.verifierKey))).toEqual({ ok: true, verifierKeys: [a.verifierKey, b.verifierKey] });
  });

  it.each([
    ['a PEM of another key', `${a.verifierKey}\n`, () => publicKeyPem(b.verifierKey), 'publicKey', /does not hold the key of verifier key pv-lineage.test\/audit\+/],
    ['an extra PEM key', `${a.verifierKey}\n`, () => publicKeyPem(a.verifierKey) + publicKeyPem(b.verifierKey), 'publicKey', /holds 2 keys, but there are 1/],
    ['text around the PEM', `${a.verifierKey}\n`, () => `x${publicKeyPem(a.verifierKey)}`, 'publicKey', /not a sequence of PEM public keys/],
    ['a broken verifier key', `${a.verifierKey.slice(0, -3)}AAA\n`, () => publicKeyPem(a.verifierKey), 'verifierKey', /line 1 is not a verifier key/],
    ['no final newline', a.verifierKey, () => publicKeyPem(a.verifierKey), 'verifierKey', /newline/],
  ])('refuses %s, naming the file', (_what, verifierText, pem, file, reason) => {
    expect(parseKeys(verifierText, pem())).toEqual({ ok: false, file, reason: expect.stringMatching(reason) });
  });
});
