import { BadInputError } from '../errors';

export type TokenKind = 'name' | 'backtick' | 'dquote' | 'squote' | 'number' | 'op' | 'dot' | 'comma' | 'lparen' | 'rparen' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text as written, quotes included. */
  readonly text: string;
  /** Offset of the first character, from 0. */
  readonly offset: number;
}

/** The error every malformed filter or order-by string ends in: where, and which token. */
export function syntaxError(argument: string, token: Token, problem: string): BadInputError {
  const shown = token.kind === 'end' ? 'end of string' : `"${token.text.slice(0, 40)}"`;
  return new BadInputError(argument, `Argument "${argument}" is not a valid MLflow search string: ${problem} at column ${token.offset + 1} (${shown})`, {
    position: token.offset + 1,
    token: token.kind === 'end' ? null : token.text,
  });
}

// Numbers as sqlparse reads them: an optional minus, digits with an optional fraction (or a
// bare fraction), an optional exponent, and no name character straight after.
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?![\p{L}\p{N}_$#])/uy;
const NAME = /[\p{L}\p{N}_$#]+/uy;
const OP = /<=|>=|!=|==|<>|=|<|>/y;
const SPACE = /\s+/y;
// Quoted text ends at the first unescaped closing quote; MLflow keeps what lies between as is.
const QUOTED: Readonly<Record<string, RegExp>> = {
  "'": /'(?:''|\\.|[^'\\])*'/y,
  '"': /"(?:""|\\.|[^"\\])*"/y,
  '`': /`[^`]*`/y,
};
const QUOTE_KIND: Readonly<Record<string, TokenKind>> = { "'": 'squote', '"': 'dquote', '`': 'backtick' };
const PUNCTUATION: Readonly<Record<string, TokenKind>> = { '.': 'dot', ',': 'comma', '(': 'lparen', ')': 'rparen' };

function sticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

/** Splits a search string into tokens, ending with an `end` token; an unknown character is an error. */
export function tokenize(text: string, argument: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const space = sticky(SPACE, text, at);
    if (space) {
      at += space.length;
      continue;
    }
    const ch = text[at];
    const previous = tokens[tokens.length - 1];
    // A dot straight after a name joins a key path (`tags.mlflow.runName`); elsewhere it may start `.5`.
    const afterName = previous && previous.offset + previous.text.length === at && ['name', 'backtick', 'dquote'].includes(previous.kind);
    let token: Token | null = null;
    if (QUOTED[ch]) {
      const quoted = sticky(QUOTED[ch], text, at);
      if (!quoted) throw syntaxError(argument, { kind: QUOTE_KIND[ch], text: ch, offset: at }, `unterminated ${ch} quote`);
      token = { kind: QUOTE_KIND[ch], text: quoted, offset: at };
    } else if (PUNCTUATION[ch] && !(ch === '.' && !afterName && sticky(NUMBER, text, at))) {
      token = { kind: PUNCTUATION[ch], text: ch, offset: at };
    } else {
      const number = afterName ? null : sticky(NUMBER, text, at);
      const name = number ? null : sticky(NAME, text, at);
      const op = number || name ? null : sticky(OP, text, at);
      if (number) token = { kind: 'number', text: number, offset: at };
      else if (name) token = { kind: 'name', text: name, offset: at };
      else if (op) token = { kind: 'op', text: op, offset: at };
    }
    if (!token) throw syntaxError(argument, { kind: 'op', text: ch, offset: at }, 'unexpected character');
    tokens.push(token);
    at += token.text.length;
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}
