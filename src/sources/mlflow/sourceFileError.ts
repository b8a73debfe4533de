/** A file that cannot be read; `where` is the file, with `:line` for a syntax error, and `reason` the rule, never its content. */
export class SourceFileError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}
