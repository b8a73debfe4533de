import { SEARCHED_LABELS, SEARCHED_PROPERTIES, type SearchedLabel, searchText } from '../../domain/searchText';
import { toNeoInt } from '../convert';
import type { Tx } from '../executor';

/** The searched values of the named nodes of one label, in `SEARCHED_PROPERTIES` order. */
const valuesOf = (label: SearchedLabel) => `
UNWIND $ids AS id
MATCH (n:${label} {id: id})
RETURN n.id AS id, [${SEARCHED_PROPERTIES.map((p) => `n.${p}`).join(', ')}] AS values`;

const WRITE_TEXTS = `
UNWIND $rows AS row
MERGE (t:SearchText {id: row.id})
SET t.label = $label, t.text = row.text`;

/** A node that no longer exists (a renamed dataset's old id) leaves no text behind. */
const dropTexts = (label: SearchedLabel) => `
UNWIND $ids AS id
MATCH (t:SearchText {id: id})
WHERE NOT EXISTS { MATCH (n:${label} {id: id}) }
DELETE t`;

const isSearched = (label: string): label is SearchedLabel => (SEARCHED_LABELS as readonly string[]).includes(label);

/**
 * Keeps the fragment index (`SearchText`, migration v0105) in step with the nodes it describes.
 * Every write of a searched property calls it with the ids it wrote, in the same transaction,
 * after the write: the text is read back from the node, so a node merged from
 * several sources (a dataset from MLflow and OpenLineage) gets the words of all of them.
 */
export async function refreshSearchTexts(tx: Pick<Tx, 'run'>, label: string, ids: readonly string[]): Promise<void> {
  if (!isSearched(label) || ids.length === 0) return;
  const unique = [...new Set(ids)];
  const rows = (await tx.run(valuesOf(label), { ids: unique })).map((r) => ({ id: String(r.id), text: searchText(r.values as unknown[]) }));
  if (rows.length > 0) await tx.run(WRITE_TEXTS, { rows, label });
  if (rows.length < unique.length) await tx.run(dropTexts(label), { ids: unique });
}

/** `refreshSearchTexts` for several labels at once. */
export async function refreshSearchTextsOf(tx: Pick<Tx, 'run'>, ids: Partial<Record<SearchedLabel, readonly string[]>>): Promise<void> {
  for (const label of SEARCHED_LABELS) await refreshSearchTexts(tx, label, ids[label] ?? []);
}

/** The next `$batch` ids of one label's nodes after `$after`, in id order (the id constraint's index). */
const idsAfter = (label: SearchedLabel) => `
MATCH (n:${label}) WHERE n.id > $after
RETURN n.id AS id ORDER BY n.id LIMIT $batch`;

/** One batch of a walk over every node of `label` by id: the backfill's next batch. */
export async function searchedIdsAfter(tx: Pick<Tx, 'run'>, label: SearchedLabel, after: string, batch: number): Promise<string[]> {
  return (await tx.run(idsAfter(label), { after, batch: toNeoInt(batch) })).map((r) => String(r.id));
}
