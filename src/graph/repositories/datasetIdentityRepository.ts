import { ALL_RELATIONS, type LineageRelation } from '../../domain/relation';
import type { Tx } from '../executor';
import { refreshSearchTexts } from './searchTextRepository';

/** Every Dataset's identity, in id order so a migration's audit events come out in a stable order. */
export const DATASET_KEYS = `
MATCH (d:Dataset)
RETURN d.id AS id, d.namespace AS namespace, d.name AS name
ORDER BY id`;

export const DATASET_PROPS = `
MATCH (d:Dataset {id: $id})
RETURN d{.*} AS props`;

export const RENAME_DATASET = `
MATCH (d:Dataset {id: $old})
SET d.id = $id, d.namespace = $namespace, d.name = $name
RETURN d.id AS id`;

// Relationship types can't be parameters; these come only from the closed LineageRelation enum.
const moveOutgoing = (rel: LineageRelation) => `
MATCH (old:Dataset {id: $old})-[r:${rel}]->(x)
MATCH (target:Dataset {id: $id})
CREATE (target)-[moved:${rel}]->(x)
SET moved = properties(r)
DELETE r
RETURN count(moved) AS moved`;

const moveIncoming = (rel: LineageRelation) => `
MATCH (x)-[r:${rel}]->(old:Dataset {id: $old})
MATCH (target:Dataset {id: $id})
CREATE (x)-[moved:${rel}]->(target)
SET moved = properties(r)
DELETE r
RETURN count(moved) AS moved`;

export const MOVE_STATEMENTS: ReadonlyArray<readonly [LineageRelation, string, string]> = ALL_RELATIONS.map((rel) => [rel, moveOutgoing(rel), moveIncoming(rel)] as const);

export const REMAINING_EDGE_TYPES = `
MATCH (d:Dataset {id: $old})-[r]-()
RETURN collect(DISTINCT type(r)) AS types`;

/**
 * Not DETACH DELETE: should an edge of a type the moves above do not know remain, this fails
 * and the whole merge rolls back, rather than silently dropping that edge.
 */
export const DELETE_MERGED = `
MATCH (d:Dataset {id: $old})
DELETE d`;

export interface DatasetKey {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
}

/** The statements of the dataset-identity migration; the service decides what to run. */
export class DatasetIdentityRepository {
  async keys(tx: Tx): Promise<DatasetKey[]> {
    const rows = await tx.run(DATASET_KEYS);
    return rows.map((r) => ({ id: r.id as string, namespace: r.namespace as string, name: r.name as string }));
  }

  async props(tx: Tx, id: string): Promise<Record<string, unknown> | null> {
    const [row] = await tx.run(DATASET_PROPS, { id });
    return row ? (row.props as Record<string, unknown>) : null;
  }

  async rename(tx: Tx, old: string, key: DatasetKey): Promise<void> {
    await tx.run(RENAME_DATASET, { old, ...key });
    await refreshSearchTexts(tx, 'Dataset', [old, key.id]);
  }

  /** Moves every edge of `old` onto `id`, then deletes `old`; answers the edges moved by type. */
  async mergeInto(tx: Tx, old: string, id: string): Promise<Record<string, number>> {
    const moved: Record<string, number> = {};
    for (const [rel, outgoing, incoming] of MOVE_STATEMENTS) {
      let n = 0;
      for (const statement of [outgoing, incoming]) {
        const [row] = await tx.run(statement, { old, id });
        n += Number(row?.moved ?? 0);
      }
      if (n > 0) moved[rel] = n;
    }
    const [left] = await tx.run(REMAINING_EDGE_TYPES, { old });
    const types = (left?.types as string[] | undefined) ?? [];
    if (types.length > 0) {
      throw new Error(`Dataset ${old} has edges of types ${types.sort().join(', ')} that the dataset-naming migration cannot move onto ${id}; nothing was changed`);
    }
    await tx.run(DELETE_MERGED, { old });
    await refreshSearchTexts(tx, 'Dataset', [old, id]);
    return moved;
  }
}
