/**
 * An SQL LIKE pattern (`%` any run, `_` one character, everything else literal) as a regular
 * expression that must match the whole string, which is what MLflow's stores do. `(?s)` lets
 * the wildcards cross line breaks as SQL's LIKE does; ILIKE folds case over all of Unicode.
 */
export function likeToRegex(pattern: string, caseInsensitive: boolean): string {
  let body = '';
  for (const ch of pattern) {
    if (ch === '%') body += '.*';
    else if (ch === '_') body += '.';
    else body += /[\\^$.|?*+()[\]{}]/.test(ch) ? `\\${ch}` : ch;
  }
  return (caseInsensitive ? '(?siu)' : '(?s)') + body;
}
