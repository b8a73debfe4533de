import type { Migration } from './migration';

/**
 * Fragments without a walk of the full-text index's whole term dictionary: a fragment inside a
 * word is a leading wildcard to Lucene, which visits every run id and name on a large graph. Each
 * searched node's words are also kept in a `SearchText` node of its own (keyed by the node's
 * id; its properties, and so its audit events, stay as they were), whose TEXT index (trigrams)
 * answers `CONTAINS`. Neo4j's full-text indexes offer no n-gram analyzer.
 */
export const v0105: Migration = {
  version: 105,
  description: 'fragment search: a TEXT index over each searched node\'s words',
  statements: [
    'CREATE CONSTRAINT search_text_id IF NOT EXISTS FOR (t:SearchText) REQUIRE t.id IS UNIQUE',
    'CREATE TEXT INDEX search_text IF NOT EXISTS FOR (t:SearchText) ON (t.text)',
  ],
};
