import type {
  Comparator,
  NumericComparator,
  RunSearchCondition,
  RunSortKey,
  RunSortTerm,
  StringAttribute,
  StringComparator,
  TimeAttribute,
} from './ast';
import { syntaxError, type Token, tokenize } from './tokens';

type Entity = 'metric' | 'param' | 'tag' | 'attribute';

/** MLflow's entity prefixes and the aliases it accepts for them. */
const ENTITIES: Readonly<Record<string, Entity>> = {
  metric: 'metric', metrics: 'metric',
  parameter: 'param', parameters: 'param', param: 'param', params: 'param',
  tag: 'tag', tags: 'tag',
  attribute: 'attribute', attributes: 'attribute', attr: 'attribute', run: 'attribute',
};

/** Attribute names, with MLflow's aliases (`created`, `run name`) folded onto the real ones. */
const ATTRIBUTES: Readonly<Record<string, StringAttribute | TimeAttribute>> = {
  run_id: 'run_id', run_name: 'run_name', status: 'status', user_id: 'user_id', artifact_uri: 'artifact_uri',
  start_time: 'start_time', end_time: 'end_time',
  created: 'start_time', Created: 'start_time',
  'run name': 'run_name', 'Run name': 'run_name', 'Run Name': 'run_name',
};
const TIME_ATTRIBUTES: ReadonlySet<string> = new Set(['start_time', 'end_time']);

const NUMERIC_OPS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const STRING_OPS: ReadonlySet<string> = new Set(['=', '!=', 'LIKE', 'ILIKE']);

const unquote = (t: Token) => (['backtick', 'dquote', 'squote'].includes(t.kind) ? t.text.slice(1, -1) : t.text);
const isWord = (t: Token, word: string) => t.kind === 'name' && t.text.toUpperCase() === word;

/** An identifier as MLflow reads it: an entity and a key, or a bare attribute. */
interface Identifier {
  readonly entity: Entity;
  readonly key: string;
  readonly token: Token;
}

class Cursor {
  private at = 0;
  constructor(private readonly tokens: readonly Token[], readonly argument: string) {}

  peek(): Token {
    return this.tokens[this.at];
  }

  next(): Token {
    const t = this.tokens[this.at];
    if (t.kind !== 'end') this.at += 1;
    return t;
  }

  fail(token: Token, problem: string): never {
    throw syntaxError(this.argument, token, problem);
  }

  /** `entity.key`, `entity.key.with.dots`, `` entity.`quoted key` `` or a bare attribute name. */
  identifier(): Identifier {
    const first = this.next();
    if (first.kind !== 'name' && first.kind !== 'backtick') this.fail(first, 'expected a key such as metrics.<name>, params.<name>, tags.<name> or an attribute');
    const parts: Token[] = [first];
    while (this.peek().kind === 'dot') {
      this.next();
      const part = this.next();
      if (!['name', 'number', 'backtick', 'dquote'].includes(part.kind)) this.fail(part, 'expected a key after "."');
      parts.push(part);
    }
    if (parts.length === 1) return { entity: 'attribute', key: this.attribute(first, unquote(first)), token: first };
    const entity = ENTITIES[unquote(first)];
    if (!entity) this.fail(first, 'unknown entity; expected metrics, params, tags or attributes (or their aliases)');
    const rest = parts.slice(1);
    // MLflow splits at the first dot and strips the quotes of a key written as one quoted part.
    const key = rest.length === 1 ? unquote(rest[0]) : rest.map((p) => p.text).join('.');
    if (key === '') this.fail(rest[0], 'empty key');
    return { entity, key: entity === 'attribute' ? this.attribute(rest[0], key) : key, token: first };
  }

  private attribute(token: Token, key: string): string {
    const name = ATTRIBUTES[key];
    if (!name) this.fail(token, `unknown attribute; expected one of ${Object.keys(ATTRIBUTES).filter((k) => ATTRIBUTES[k] === k).join(', ')}`);
    return name;
  }
}

function comparator(c: Cursor): { op: Comparator; token: Token } {
  const t = c.next();
  if (t.kind === 'op') {
    if (!NUMERIC_OPS.has(t.text)) c.fail(t, 'unknown comparator');
    return { op: t.text as Comparator, token: t };
  }
  if (isWord(t, 'LIKE') || isWord(t, 'ILIKE') || isWord(t, 'IN')) return { op: t.text.toUpperCase() as Comparator, token: t };
  if (isWord(t, 'NOT')) {
    const inWord = c.next();
    if (!isWord(inWord, 'IN')) c.fail(inWord, 'expected IN after NOT');
    return { op: 'NOT IN', token: t };
  }
  if (isWord(t, 'IS')) {
    const not = isWord(c.peek(), 'NOT') ? c.next() : null;
    const nul = c.next();
    if (!isWord(nul, 'NULL')) c.fail(nul, 'expected NULL');
    return { op: not ? 'IS NOT NULL' : 'IS NULL', token: t };
  }
  return c.fail(t, 'expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL, IS NOT NULL)');
}

function numberValue(c: Cursor, what: string): number {
  const t = c.next();
  if (t.kind !== 'number') c.fail(t, `${what} is compared with a number`);
  return Number(t.text);
}

function stringValue(c: Cursor, what: string): string {
  const t = c.next();
  if (t.kind !== 'squote' && t.kind !== 'dquote') c.fail(t, `${what} is compared with a quoted string`);
  return unquote(t);
}

function stringList(c: Cursor): string[] {
  const open = c.next();
  if (open.kind !== 'lparen') c.fail(open, 'IN takes a parenthesised list of quoted strings');
  const values = [stringValue(c, 'each list entry')];
  while (c.peek().kind === 'comma') {
    c.next();
    values.push(stringValue(c, 'each list entry'));
  }
  const close = c.next();
  if (close.kind !== 'rparen') c.fail(close, 'expected "," or ")"');
  return values;
}

function condition(c: Cursor): RunSearchCondition {
  const id = c.identifier();
  const { op, token } = comparator(c);
  const refuse = (allowed: string): never => c.fail(token, `${id.entity === 'attribute' ? id.key : `${id.entity} keys`} take only ${allowed}`);
  switch (id.entity) {
    case 'metric':
      if (!NUMERIC_OPS.has(op)) refuse('=, !=, <, <=, >, >=');
      return { kind: 'metric', key: id.key, op: op as NumericComparator, value: numberValue(c, 'a metric') };
    case 'param':
    case 'tag':
      if (op === 'IS NULL' || op === 'IS NOT NULL') return { kind: id.entity, key: id.key, op };
      if (!STRING_OPS.has(op)) refuse('=, !=, LIKE, ILIKE, IS NULL, IS NOT NULL');
      return { kind: id.entity, key: id.key, op: op as StringComparator, value: stringValue(c, `a ${id.entity}`) };
    default: {
      if (TIME_ATTRIBUTES.has(id.key)) {
        if (!NUMERIC_OPS.has(op)) refuse('=, !=, <, <=, >, >=');
        return { kind: 'time-attribute', key: id.key as TimeAttribute, op: op as NumericComparator, value: numberValue(c, id.key) };
      }
      if (op === 'IN' || op === 'NOT IN') {
        if (id.key !== 'run_id') c.fail(token, 'only run_id takes IN and NOT IN');
        return { kind: 'string-attribute', key: 'run_id', op, values: stringList(c) };
      }
      if (!STRING_OPS.has(op)) refuse('=, !=, LIKE, ILIKE');
      return { kind: 'string-attribute', key: id.key as StringAttribute, op: op as StringComparator, value: stringValue(c, id.key) };
    }
  }
}

/**
 * Parses an MLflow `search_runs` filter string (`metrics.AUC_test > 0.85 and params.max_depth = '5'`)
 * into its comparisons. An empty or blank string is no condition at all, as in MLflow.
 */
export function parseRunFilter(text: string, argument: string): RunSearchCondition[] {
  const c = new Cursor(tokenize(text, argument), argument);
  if (c.peek().kind === 'end') return [];
  const conditions = [condition(c)];
  while (c.peek().kind !== 'end') {
    const t = c.next();
    if (isWord(t, 'OR')) c.fail(t, 'OR is not supported: MLflow filter strings join comparisons with AND only');
    if (!isWord(t, 'AND')) c.fail(t, 'expected AND or the end of the string');
    conditions.push(condition(c));
  }
  return conditions;
}

function sortKey(id: Identifier): RunSortKey {
  if (id.entity !== 'attribute') return { kind: id.entity, key: id.key };
  return TIME_ATTRIBUTES.has(id.key)
    ? { kind: 'time-attribute', key: id.key as TimeAttribute }
    : { kind: 'string-attribute', key: id.key as StringAttribute };
}

/** Parses one MLflow order-by term (`metrics.AUC_test DESC`); ascending unless DESC. */
export function parseRunOrderTerm(text: string, argument: string): RunSortTerm {
  const c = new Cursor(tokenize(text, argument), argument);
  const id = c.identifier();
  let ascending = true;
  const direction = c.next();
  if (isWord(direction, 'DESC')) ascending = false;
  else if (!isWord(direction, 'ASC') && direction.kind !== 'end') c.fail(direction, 'expected ASC, DESC or the end of the term');
  if (direction.kind !== 'end' && c.peek().kind !== 'end') c.fail(c.peek(), 'expected the end of the term');
  return { ...sortKey(id), ascending };
}

/** Parses MLflow's `order_by` list; like MLflow, one key may not be sorted on twice. */
export function parseRunOrder(terms: readonly string[], argument: string): RunSortTerm[] {
  const seen = new Set<string>();
  return terms.map((text, i) => {
    const term = parseRunOrderTerm(text, `${argument}[${i}]`);
    const name = `${term.kind}:${term.key}`;
    if (seen.has(name)) throw syntaxError(`${argument}[${i}]`, { kind: 'name', text, offset: 0 }, 'this key is already sorted on by an earlier term');
    seen.add(name);
    return term;
  });
}
