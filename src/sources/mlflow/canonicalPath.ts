import fs from 'node:fs';
import path from 'node:path';

/**
 * The path with every symlink resolved. For a path that does not exist (yet), the nearest
 * existing ancestor is resolved and the rest appended, so `../` and a linked ancestor cannot
 * carry a path that is still to be created out of an allowed folder either.
 */
export function canonicalPath(p: string): string {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return abs;
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** What is at a canonical path, without opening it. */
export function entryKind(canonical: string): 'dir' | 'file' | 'other' | 'missing' {
  try {
    const st = fs.lstatSync(canonical);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}
