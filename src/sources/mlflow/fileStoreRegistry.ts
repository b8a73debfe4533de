import path from 'node:path';
import type { IngestModelVersionRecord, RegisteredModelRecord } from '../../domain/records';
import { describeError, num, readYaml, str } from './fsUtil';
import type { RegistryContent, SkippedItem } from './source';
import type { StoreTree } from './storeTree';
import { modelIdFromSource } from './values';

/**
 * The file store's model registry: `models/<name>/meta.yaml` (3.x adds an `aliases:` map),
 * `aliases/<alias>` files holding a version number, `tags/`, and `version-<n>/` folders.
 */
export function readRegistry(tree: StoreTree, dir: string, skipped: SkippedItem[]): RegistryContent {
  const models: RegisteredModelRecord[] = [];
  const versions: IngestModelVersionRecord[] = [];
  for (const folder of tree.listDirs(dir)) {
    const modelDir = path.join(dir, folder);
    const metaFile = path.join(modelDir, 'meta.yaml');
    let meta: Record<string, unknown>;
    try {
      meta = readYaml(tree, metaFile);
    } catch (err) {
      skipped.push({ kind: 'model', ...describeError(err, metaFile) });
      continue;
    }
    const name = str(meta.name) ?? folder;
    models.push({
      name,
      description: str(meta.description),
      createdAt: num(meta.creation_timestamp),
      updatedAt: num(meta.last_updated_timestamp),
      tags: tree.readKeyFiles(path.join(modelDir, 'tags')),
    });
    const aliases = new Map<string, string[]>();
    const addAlias = (alias: string, version: string) => {
      const list = aliases.get(version) ?? [];
      if (!list.includes(alias)) list.push(alias);
      aliases.set(version, list);
    };
    const metaAliases = meta.aliases;
    if (metaAliases && typeof metaAliases === 'object' && !Array.isArray(metaAliases)) {
      for (const [alias, v] of Object.entries(metaAliases as Record<string, unknown>)) addAlias(alias, String(v));
    }
    for (const [alias, v] of Object.entries(tree.readKeyFiles(path.join(modelDir, 'aliases')))) addAlias(alias, v.trim());
    for (const vFolder of tree.listDirs(modelDir).filter((d) => /^version-\d+$/.test(d))) {
      const vFile = path.join(modelDir, vFolder, 'meta.yaml');
      if (!tree.exists(vFile)) continue;
      try {
        const v = readYaml(tree, vFile);
        const version = Number(v.version ?? vFolder.slice('version-'.length));
        const source = str(v.source);
        versions.push({
          name,
          version,
          stage: str(v.current_stage) ?? 'None',
          status: str(v.status),
          source,
          runId: str(v.run_id),
          aliases: (aliases.get(String(version)) ?? []).sort(),
          description: str(v.description),
          createdAt: num(v.creation_timestamp),
          tags: tree.readKeyFiles(path.join(modelDir, vFolder, 'tags')),
          modelId: str(v.model_id) ?? modelIdFromSource(source),
        });
      } catch (err) {
        skipped.push({ kind: 'model', ...describeError(err, vFile) });
      }
    }
  }
  return { models, versions };
}
