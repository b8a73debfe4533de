import { checkPassword, hashPassword, passwordExpired, verifyPassword } from './password';

describe('password hashing', () => {
  const fast = { N: 1024, r: 8, p: 1 };

  it('verifies the right password only, with a fresh salt each time and the parameters stored', async () => {
    const a = await hashPassword('correct horse battery', fast);
    const b = await hashPassword('correct horse battery', fast);
    expect(a).not.toBe(b);
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', String(fast.N), String(fast.r), String(fast.p)]);
    expect(a).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'garbage')).toBe(false);
  });

  it('applies the policy and the expiry period', () => {
    const policy = { minLength: 12, maxAgeDays: 90 };
    const jdoe = { id: 'jdoe', displayName: 'Jane Doe' };
    expect(() => checkPassword('short', policy, jdoe)).toThrow(/at least 12/);
    expect(() => checkPassword('jdoe-is-my-password', policy, jdoe)).toThrow(/user id/);
    expect(() => checkPassword('aaaaaaaaaaaaaaaa', policy, jdoe)).toThrow(/different characters/);
    expect(() => checkPassword('a perfectly fine one', policy, jdoe)).not.toThrow();
    const changed = '2024-01-01T00:00:00.000Z';
    expect(passwordExpired(changed, policy, new Date('2024-03-30T00:00:00.000Z'))).toBe(false);
    expect(passwordExpired(changed, policy, new Date('2024-04-01T00:00:00.001Z'))).toBe(true);
    expect(passwordExpired(changed, { ...policy, maxAgeDays: 0 }, new Date('2099-01-01'))).toBe(false);
  });

  it('refuses common and patterned passwords, saying why in the estimator\'s words', () => {
    const policy = { minLength: 12, maxAgeDays: 0 };
    const owner = { id: 'qa.lead', displayName: 'Quinn Abbott' };
    for (const weak of ['Password1234', '123456789012', 'qwertyuiopas']) {
      expect(() => checkPassword(weak, policy, owner)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
      expect(() => checkPassword(weak, policy, owner)).toThrow(/too easy to guess \(strength [0-2] of 4, at least 3 needed\): .*commonly used password/);
    }
    expect(() => checkPassword('violet-harbour-lantern', policy, owner)).not.toThrow();
  });

  it('refuses the user id or printed name inside a password, ignoring case and separators', () => {
    const policy = { minLength: 12, maxAgeDays: 0 };
    const owner = { id: 'j.doe', displayName: 'Jane Doe' };
    expect(() => checkPassword('violet-JDOE-lantern', policy, owner)).toThrow(/user id/);
    expect(() => checkPassword('violet J_Doe lantern', policy, owner)).toThrow(/user id/);
    expect(() => checkPassword('lantern Jane-Doe 47!', policy, owner)).toThrow(/printed name/);
    expect(() => checkPassword('lanternjanedoe47!', policy, owner)).toThrow(/printed name/);
    expect(() => checkPassword('violet-harbour-lantern', policy, owner)).not.toThrow();
  });
});
