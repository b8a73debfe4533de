import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { BadInputError } from '../errors';
import { passwordStrength, squash } from './passwordStrength';

/**
 * scrypt (memory-hard, in Node's crypto) with a per-user salt. The parameters travel inside the
 * stored string, so raising them later leaves old hashes verifiable.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, Buffer.from(parts[4], 'base64'), { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when the user does not exist so timing reveals nothing. */
export const decoyHash = (): Promise<string> => hashPassword(randomBytes(18).toString('base64'));

export interface PasswordPolicy {
  readonly minLength: number;
  /** Days until a password must be changed (Part 11 §11.300(b)); 0 turns expiry off. */
  readonly maxAgeDays: number;
}

/** Whose password it is: the id and printed name must not appear in it. */
export interface PasswordOwner {
  readonly id: string;
  readonly displayName: string;
}

/** Names this short would refuse half of all passwords; the estimator still counts them as guessable words. */
const MIN_NAME_TO_REFUSE = 3;

export function checkPassword(password: string, policy: PasswordPolicy, owner: PasswordOwner, argument = 'password'): void {
  if (password.length < policy.minLength) {
    throw new BadInputError(argument, `The password must have at least ${policy.minLength} characters`);
  }
  if (password.length > 256) throw new BadInputError(argument, 'The password must have at most 256 characters');
  const squashed = squash(password);
  if (squashed.includes(squash(owner.id)) || password.toLowerCase().includes(owner.id.toLowerCase())) {
    throw new BadInputError(argument, 'The password must not contain the user id');
  }
  const name = squash(owner.displayName);
  if (name.length >= MIN_NAME_TO_REFUSE && squashed.includes(name)) {
    throw new BadInputError(argument, 'The password must not contain your printed name');
  }
  if (new Set(password).size < 5) throw new BadInputError(argument, 'The password must use at least 5 different characters');
  const { problem } = passwordStrength(password, [owner.id, owner.displayName]);
  if (problem) throw new BadInputError(argument, problem);
}

export function passwordExpired(changedAt: string | null, policy: PasswordPolicy, now: Date): boolean {
  if (policy.maxAgeDays <= 0 || !changedAt) return false;
  return now.getTime() - Date.parse(changedAt) > policy.maxAgeDays * 86_400_000;
}
