// The demo's checkpoint signing key: generated once into .pvl/keys/ (git-ignored, mode 0600),
// never into the database. Production deployments mount their own key (docs/deploy.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from './bootstrap.mjs';

export function ensureAuditKey(profile, origin, log) {
  const dir = path.join(ROOT, '.pvl', 'keys');
  const file = path.join(dir, `${profile}-audit.key`);
  if (!existsSync(file)) {
    // The compiled domain module generates the key, so the demo uses the code the server runs.
    const { generateSignerKey } = createRequire(import.meta.url)(path.join(ROOT, 'dist/src/domain/audit/note.js'));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = generateSignerKey(origin);
    writeFileSync(file, `${key.signerKey}\n`, { mode: 0o600 });
    writeFileSync(`${file}.pub`, `${key.verifierKey}\n`);
    log(`Generated the ${profile} audit signing key ${key.keyId} in ${path.relative(ROOT, file)}`);
  }
  return { file, verifierKey: readFileSync(`${file}.pub`, 'utf8').trim() };
}
