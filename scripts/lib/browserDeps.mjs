// The Debian packages the browser tests need: Chromium (driven by playwright-core, which never
// downloads a browser of its own) and a font, so screenshots show text; and poppler-utils,
// whose pdftoppm and pdftotext the compliance export tests render and read report.pdf with.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const BROWSER_PACKAGES = ['chromium', 'fonts-dejavu-core', 'poppler-utils'];
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Packages of `names` that dpkg does not report as installed. */
export function missingPackages(names = BROWSER_PACKAGES) {
  return names.filter((name) => {
    const q = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return q.status !== 0 || !q.stdout.includes('install ok installed');
  });
}

function apt(args, log) {
  log(`apt-get ${args.join(' ')}`);
  const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.error) throw new Error(`apt-get could not be run (${r.error.message}); install ${args.at(-1)} by hand`);
  if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

/**
 * Installs whatever of BROWSER_PACKAGES is missing and returns Chromium's path. Throws when it
 * cannot: the browser tests are part of every run, so a machine without Chromium fails rather
 * than skipping them.
 */
export function ensureBrowserPackages(log = console.log) {
  const missing = missingPackages();
  if (missing.length > 0) {
    if (typeof process.getuid === 'function' && process.getuid() !== 0) {
      throw new Error(`the browser tests need the Debian packages ${missing.join(', ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` (or run the tests as root)`);
    }
    log(`Installing Debian packages for the browser tests: ${missing.join(', ')} ...`);
    // A fresh machine has no package lists; a stale one may name versions the mirror dropped.
    apt(['update', '-qq'], log);
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing], log);
  }
  const path = process.env.PVL_CHROMIUM_PATH || CHROMIUM_PATH;
  if (!fs.existsSync(path)) throw new Error(`Chromium is not at ${path} after installing ${BROWSER_PACKAGES.join(', ')}`);
  return path;
}

/** `node scripts/lib/browserDeps.mjs`: install the packages on their own. */
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureBrowserPackages((m) => console.log(`[browser] ${m}`)));
  } catch (err) {
    console.error(`[browser] ${err.message}`);
    process.exit(1);
  }
}
