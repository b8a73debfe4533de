import fs from 'node:fs';
import path from 'node:path';
import { isInsideRoot } from '../../domain/ingestAllowList';
import { SourceFileError } from './sourceFileError';

/** Bounds on one file read: a store can hold a file of any size, and a slow disk or share can stall. */
export interface ReadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 256 * 1024 * 1024, timeoutMs: 60_000 };

const CHUNK = 1024 * 1024;
// O_NONBLOCK: should a FIFO be swapped in between the check and the open, the open returns instead of waiting for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

type Entry = { readonly type: 'file' | 'dir'; readonly real: string } | { readonly type: 'missing' } | { readonly type: 'refused'; readonly reason: string };

/** Reports an entry that was not read: the path and the rule, never its content. */
export type SkipReporter = (where: string, reason: string) => void;

function specialName(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * Every read of a file store goes through here, so nothing outside the store's folder is read:
 * each path is resolved through its symlinks (every component, not only the last) and must stay
 * inside the canonical root; only regular files and folders are opened (a FIFO is never
 * opened, so it cannot stall the reader); every read is bounded in size and time.
 */
export class StoreTree {
  readonly root: string;

  constructor(
    root: string,
    private readonly report: SkipReporter,
    private readonly limits: ReadLimits = DEFAULT_READ_LIMITS,
  ) {
    this.root = fs.realpathSync.native(root);
  }

  inspect(p: string): Entry {
    let real: string;
    try {
      real = fs.realpathSync.native(p);
    } catch {
      try {
        if (fs.lstatSync(p).isSymbolicLink()) return { type: 'refused', reason: 'is a symbolic link to nothing' };
      } catch {
        // Neither the path nor a link by that name: absent.
      }
      return { type: 'missing' };
    }
    if (!isInsideRoot(real, this.root)) return { type: 'refused', reason: 'leads outside the store through a symbolic link; not read' };
    let st: fs.Stats;
    try {
      st = fs.statSync(real);
    } catch {
      return { type: 'missing' };
    }
    if (st.isDirectory()) return { type: 'dir', real };
    if (st.isFile()) return { type: 'file', real };
    return { type: 'refused', reason: `is ${specialName(st)}, not a regular file or folder; not read` };
  }

  /** A folder the store may read; a refused one is reported. */
  isDir(p: string): boolean {
    const e = this.inspect(p);
    if (e.type === 'refused') this.report(p, e.reason);
    return e.type === 'dir';
  }

  /** Whether `p` is there at all (a refused entry is there, and its reader reports it). */
  exists(p: string): boolean {
    return this.inspect(p).type !== 'missing';
  }

  /** Sub-folders, sorted; links that lead out of the store are reported, other non-folders ignored. */
  listDirs(p: string): string[] {
    if (!this.isDir(p)) return [];
    const out: string[] = [];
    for (const d of this.entries(p)) {
      if (d.isDirectory()) out.push(d.name);
      else if (d.isSymbolicLink() && this.isDir(path.join(p, d.name))) out.push(d.name);
    }
    return out.sort();
  }

  /** Files under a folder with their keys (relative paths), recursively; refused entries are reported. */
  listKeyFiles(dir: string): { key: string; file: string }[] {
    const out: { key: string; file: string }[] = [];
    const walking = new Set<string>();
    const walk = (d: string, prefix: string) => {
      const e = this.inspect(d);
      if (e.type === 'refused') this.report(d, e.reason);
      // A link back to a folder being walked would loop.
      if (e.type !== 'dir' || walking.has(e.real)) return;
      walking.add(e.real);
      for (const ent of this.entries(d)) {
        const full = path.join(d, ent.name);
        if (ent.isDirectory()) walk(full, `${prefix}${ent.name}/`);
        else if (ent.isFile()) out.push({ key: `${prefix}${ent.name}`, file: full });
        else {
          const target = this.inspect(full);
          if (target.type === 'dir') walk(full, `${prefix}${ent.name}/`);
          else if (target.type === 'file') out.push({ key: `${prefix}${ent.name}`, file: full });
          else if (target.type === 'refused') this.report(full, target.reason);
        }
      }
      walking.delete(e.real);
    };
    walk(dir, '');
    return out.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  /** One-file-per-key values (params, tags); a file that cannot be read is reported and left out. */
  readKeyFiles(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, file } of this.listKeyFiles(dir)) {
      try {
        out[key] = this.readText(file);
      } catch (err) {
        if (!(err instanceof SourceFileError)) throw err;
        this.report(err.where, err.reason);
      }
    }
    return out;
  }

  /** Reads a regular file inside the store; throws a SourceFileError naming the file and the rule. */
  readText(file: string): string {
    const e = this.inspect(file);
    if (e.type === 'missing') throw new SourceFileError(file, 'does not exist');
    if (e.type === 'refused') throw new SourceFileError(file, e.reason);
    if (e.type === 'dir') throw new SourceFileError(file, 'is a folder, not a file');
    let fd: number;
    try {
      fd = fs.openSync(e.real, OPEN_FLAGS);
    } catch (err) {
      throw new SourceFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile()) throw new SourceFileError(file, 'is not a regular file; not read');
      if (st.size > this.limits.maxBytes) throw new SourceFileError(file, `is larger than the read limit of ${this.limits.maxBytes} bytes; not read`);
      return this.readBounded(fd, file);
    } finally {
      fs.closeSync(fd);
    }
  }

  private readBounded(fd: number, file: string): string {
    const deadline = Date.now() + this.limits.timeoutMs;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, CHUNK, null);
      } catch (err) {
        throw new SourceFileError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (n === 0) break;
      total += n;
      // The file may grow after the size check.
      if (total > this.limits.maxBytes) throw new SourceFileError(file, `is larger than the read limit of ${this.limits.maxBytes} bytes; not read`);
      chunks.push(buf.subarray(0, n));
      if (Date.now() > deadline) throw new SourceFileError(file, `took longer than the read limit of ${this.limits.timeoutMs} ms; not read`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  }

  private entries(d: string): fs.Dirent[] {
    try {
      return fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return [];
    }
  }
}

/** The store's own folder may be reached through a link (the tree resolves it once), but it must be a folder. */
export function isPlainFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
