import { SEARCHED_LABELS, SEARCHED_PROPERTIES, type SearchedLabel, searchText } from '../../domain/searchText';
import { toNeoInt } from '../convert';
import type { Tx } from '../executor';

/**
 * The searched values of the named nodes of several labels in one statement, each with the text
 * its SearchText holds now, so only texts that change are written. Labels come from the closed
 * SEARCHED_LABELS list.
 */
const valuesOf = (labels: readonly SearchedLabel[]) => `
CALL () {
${labels
  .map((l) => `  UNWIND $ids.${l} AS id MATCH (n:${l} {id: id}) RETURN n.id AS id, '${l}' AS label, [${SEARCHED_PROPERTIES.map((p) => `n.${p}`).join(', ')}] AS values`)
  .join('\n  UNION ALL\n')}
}
OPTIONAL MATCH (t:SearchText {id: id})
RETURN id, label, values, t.text AS current`;

const WRITE_TEXTS = `
UNWIND $rows AS row
MERGE (t:SearchText {id: row.id})
SET t.label = row.label, t.text = row.text`;

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
  if (isSearched(label)) await refreshSearchTextsOf(tx, { [label]: ids });
}

/**
 * `refreshSearchTexts` for several labels at once: one read for all of them, one write of the
 * texts that changed (an OpenLineage event mostly names the job, datasets and store earlier
 * events named, whose texts stay as they are), and a drop only for ids no node holds.
 */
export async function refreshSearchTextsOf(tx: Pick<Tx, 'run'>, ids: Partial<Record<SearchedLabel, readonly string[]>>): Promise<void> {
  const labels = SEARCHED_LABELS.filter((l) => (ids[l]?.length ?? 0) > 0);
  if (labels.length === 0) return;
  const wanted = Object.fromEntries(labels.map((l) => [l, [...new Set(ids[l])]]));
  const found = await tx.run(valuesOf(labels), { ids: wanted });
  const rows = found.map((r) => ({ id: String(r.id), label: String(r.label), text: searchText(r.values as unknown[]), current: r.current }));
  const changed = rows.filter((r) => r.text !== r.current).map(({ id, label, text }) => ({ id, label, text }));
  if (changed.length > 0) await tx.run(WRITE_TEXTS, { rows: changed });
  for (const label of labels) {
    const seen = new Set(rows.filter((r) => r.label === label).map((r) => r.id));
    const missing = wanted[label].filter((id) => !seen.has(id));
    if (missing.length > 0) await tx.run(dropTexts(label), { ids: missing });
  }
}

/** The next `$batch` ids of one label's nodes after `$after`, in id order (the id constraint's index). */
const idsAfter = (label: SearchedLabel) => `
MATCH (n:${label}) WHERE n.id > $after
RETURN n.id AS id ORDER BY n.id LIMIT $batch`;

/** One batch of a walk over every node of `label` by id: the backfill's next batch. */
export async function searchedIdsAfter(tx: Pick<Tx, 'run'>, label: SearchedLabel, after: string, batch: number): Promise<string[]> {
  return (await tx.run(idsAfter(label), { after, batch: toNeoInt(batch) })).map((r) => String(r.id));
}
