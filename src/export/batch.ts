import type { GraphQLClient } from './graphqlClient';

/**
 * Many lookups in one request, as aliased root fields. The API allows at most
 * PVL_MAX_ROOT_FIELDS (20) root fields per operation, so lookups go in groups of that size.
 */
export const ROOT_FIELDS_PER_REQUEST = 20;

export interface AliasedField {
  /** Root field with its arguments, e.g. `run(id: $v0)`; `$v<i>` names this lookup's variables. */
  readonly call: string;
  /** Variable declarations, e.g. `$v0: ID!`. */
  readonly declarations: string;
  readonly variables: Record<string, unknown>;
}

/** Runs `fields` in groups, each group one request; returns the answers in input order. */
export async function aliased<T>(
  client: GraphQLClient,
  name: string,
  fields: readonly AliasedField[],
  selection: string,
  fragments: string,
  onGroup?: (done: number) => void,
  groupSize = ROOT_FIELDS_PER_REQUEST,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < fields.length; start += groupSize) {
    const group = fields.slice(start, start + groupSize);
    const declarations = group.map((f) => f.declarations).join(', ');
    const body = group.map((f, i) => `a${i}: ${f.call} ${selection}`).join('\n  ');
    const query = `query ${name}(${declarations}) {\n  ${body}\n}\n${fragments}`;
    const data = await client.request<Record<string, T>>(query, Object.assign({}, ...group.map((f) => f.variables)));
    group.forEach((_f, i) => out.push(data[`a${i}`]));
    onGroup?.(Math.min(start + groupSize, fields.length));
  }
  return out;
}

/** A lookup by id of one root field, e.g. `byId('run', 'ID!', 'run:abc:123', 3)`. */
export function byId(field: string, id: string, index: number): AliasedField {
  return { call: `${field}(id: $v${index})`, declarations: `$v${index}: ID!`, variables: { [`v${index}`]: id } };
}
