import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FILES } from './format';
import { formatManifest } from './manifest';
import { verifyPackage } from './verify/verifyPackage';

/**
 * A package appears whole or not at all: its files are written to a temporary folder beside
 * --out, verified there with the same checks an auditor runs, and only then renamed into place.
 * A failure (or an interrupt) removes the temporary folder; an existing --out is replaced only
 * with --force, and only after the new package verified.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** Refuses, before any work, an --out that is a file or a folder with something in it (unless forced). */
export function checkOutput(out: string, force: boolean): void {
  const target = resolve(out);
  if (!existsSync(target)) {
    if (!existsSync(dirname(target))) throw new OutputError(`the folder ${dirname(target)} (where --out would be created) does not exist`);
    return;
  }
  if (!statSync(target).isDirectory()) throw new OutputError(`--out ${target} is a file, not a folder`);
  if (readdirSync(target).length > 0 && !force) throw new OutputError(`--out ${target} exists and is not empty; choose another folder or add --force to replace it`);
}

let pending: string | null = null;

/** The temporary folder being written, if any: an interrupt handler removes it. */
export function pendingFolder(): string | null {
  return pending;
}

/**
 * Writes the files, the manifest and, from `sign`, the manifest's detached signature. `sign`
 * runs after every other file is in the temporary folder, so an export that fails before it
 * never has the server sign anything.
 */
export async function writePackage(
  out: string,
  files: ReadonlyMap<string, Buffer>,
  force: boolean,
  sign: (manifest: Buffer) => Promise<Buffer>,
): Promise<{ dir: string; manifest: Buffer; signature: Buffer }> {
  const target = resolve(out);
  checkOutput(target, force);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(dirname(target), `.${basename(target)}.partial-${suffix}`);
  mkdirSync(temp);
  pending = temp;
  try {
    for (const [name, bytes] of files) {
      // report-file/<name> is the one file in a folder.
      mkdirSync(dirname(join(temp, name)), { recursive: true });
      writeFileSync(join(temp, name), bytes);
    }
    const manifest = Buffer.from(formatManifest(files), 'utf8');
    writeFileSync(join(temp, FILES.manifest), manifest);
    const signature = await sign(manifest);
    writeFileSync(join(temp, FILES.manifestSignature), signature);
    const verdict = verifyPackage(temp);
    if (!verdict.ok) throw new OutputError(`the package did not verify before it was put in place (${verdict.file}: ${verdict.reason}); nothing was written`);
    if (existsSync(target)) {
      const old = join(dirname(target), `.${basename(target)}.replaced-${suffix}`);
      renameSync(target, old);
      renameSync(temp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, target);
    }
    pending = null;
    return { dir: target, manifest, signature };
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    pending = null;
    throw err;
  }
}
