import { dirname, resolve } from 'node:path';
import { verifyPackage } from './verify/verifyPackage';

/**
 * `node verify.mjs [folder] [--key <verifier key>]...`: the offline verifier an auditor runs
 * inside a compliance package. esbuild bundles this file into dist/verify.mjs, one file with no
 * dependencies, which every export copies into its package; `npm run verify-export` runs the
 * same file. Exit codes: 0 the package verifies, 1 it does not, 2 usage.
 */
const USAGE = `usage: node verify.mjs [<package folder>] [--key <verifier key>]...
  <package folder>  the folder to check (default: the folder verify.mjs is in)
  --key <key>       a verifier key (name+hash+base64) you obtained yourself; checks the
                    checkpoint and the package signature with it instead of the key
                    shipped in the package`;

function parseArgs(argv: readonly string[]): { dir: string | null; keys: string[] } | string {
  const keys: string[] = [];
  let dir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--key') {
      const key = argv[++i];
      if (!key) return '--key needs a value';
      keys.push(key);
    } else if (a === '--help' || a === '-h') {
      return '';
    } else if (a.startsWith('-')) {
      return `unknown option ${a}`;
    } else if (dir === null) {
      dir = a;
    } else {
      return `unexpected argument ${a}`;
    }
  }
  return { dir, keys };
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args ? `verify: ${args}\n` : ''}${USAGE}\n`);
    return args ? 2 : 0;
  }
  const dir = resolve(args.dir ?? dirname(resolve(process.argv[1] ?? '.')));
  process.stdout.write(`Verifying the compliance package in ${dir}\n`);
  const verdict = verifyPackage(dir, { trustedKeys: args.keys });
  for (const line of verdict.passed) process.stdout.write(`  ok  ${line}\n`);
  if (!verdict.ok) {
    process.stdout.write(`FAIL  ${verdict.file}: ${verdict.reason}\n`);
    process.stderr.write(`verification FAILED at ${verdict.file}: ${verdict.reason}\n`);
    return 1;
  }
  process.stdout.write('PASS  the package is complete, unaltered and signed by the server, and its audit events are proven by the signed checkpoint.\n');
  if (args.keys.length === 0) {
    process.stdout.write('      Compare verifier-key.txt with the key your sponsor published, or pass it with --key.\n');
  }
  return 0;
}

process.exitCode = main();
