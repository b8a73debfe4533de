import { SEARCHED_LABELS } from '../../domain/searchText';
import { refreshSearchTexts, searchedIdsAfter } from '../../graph/repositories/searchTextRepository';
import { DataMigration, type MigrationRepos, runOnce } from './runOnce';

const BATCH = 10_000;

/**
 * Gives every searched node of an older graph its fragment text (migration v0105), walking each
 * label by id, `BATCH` nodes per transaction, as a graph of millions of nodes does not fit one.
 * The text is derived from the node, like Lucene's own index, so it changes no record and leaves
 * no audit event; when the walk is over, `runOnce` records the completion, and later start-ups
 * read that record instead of walking again. Answers how many nodes it walked.
 */
export async function backfillSearchTexts(repos: MigrationRepos): Promise<number> {
  const done = await repos.writer.write(`migrate.${DataMigration.SEARCH_TEXTS}.check`, (tx) => repos.dataMigrations.isDone(tx, DataMigration.SEARCH_TEXTS));
  if (done) return 0;
  let walked = 0;
  for (const label of SEARCHED_LABELS) {
    let after = '';
    for (;;) {
      const ids = await repos.writer.write(`migrate.${DataMigration.SEARCH_TEXTS}`, async (tx) => {
        const batch = await searchedIdsAfter(tx, label, after, BATCH);
        await refreshSearchTexts(tx, label, batch);
        return batch;
      });
      if (ids.length === 0) break;
      walked += ids.length;
      after = ids[ids.length - 1];
    }
  }
  // No record changed, so the completion record counts none.
  await runOnce(repos, DataMigration.SEARCH_TEXTS, async () => []);
  return walked;
}
