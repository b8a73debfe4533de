import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where a core facet may appear in an event; facet schema files are named after it. */
export type FacetPlace = 'run' | 'job' | 'dataset' | 'inputDataset' | 'outputDataset';

export interface SpecSchemas {
  readonly core: Record<string, unknown>;
  /** Every facet schema file, to register with the validator (they reference one another and the core). */
  readonly facetFiles: readonly { readonly file: string; readonly schema: Record<string, unknown> }[];
  /** place → facet key (e.g. `schema`) → `$id` of the facet file that defines it. */
  readonly facetIds: Readonly<Record<FacetPlace, ReadonlyMap<string, string>>>;
}

/**
 * The official spec lives outside the repository, beside the clone (`../shared/fixtures/openlineage/spec`),
 * as CI places it. Only tests and benchmarks read it: the product's validator is code.
 */
export function defaultSpecDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, '..', 'shared', 'fixtures', 'openlineage', 'spec');
}

// Order matters: `…InputDatasetFacet` must be tried before `…DatasetFacet`.
const PLACE_BY_SUFFIX: readonly [string, FacetPlace[]][] = [
  ['InputDatasetFacet', ['inputDataset']],
  ['OutputDatasetFacet', ['outputDataset']],
  ['DatasetFacet', ['dataset']],
  ['RunFacet', ['run']],
  ['JobFacet', ['job']],
  // LineageFacet.json defines one `lineage` key valid on datasets and jobs alike.
  ['LineageFacet', ['dataset', 'job']],
];

function placesOf(file: string): FacetPlace[] {
  const base = file.replace(/\.json$/, '');
  return PLACE_BY_SUFFIX.find(([suffix]) => base.endsWith(suffix))?.[1] ?? [];
}

/** Reads the core schema and every facet schema; throws naming the file when one is missing or broken. */
export function loadSpecSchemas(dir: string = defaultSpecDir()): SpecSchemas {
  const read = (path: string) => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`Cannot read the OpenLineage schema ${path}: ${(err as Error).message}`);
    }
  };
  const core = read(join(dir, 'OpenLineage.json'));
  const facetDir = join(dir, 'facets');
  const facetFiles = readdirSync(facetDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, schema: read(join(facetDir, file)) }));
  const facetIds: Record<FacetPlace, Map<string, string>> = {
    run: new Map(),
    job: new Map(),
    dataset: new Map(),
    inputDataset: new Map(),
    outputDataset: new Map(),
  };
  for (const { file, schema } of facetFiles) {
    const keys = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
    for (const place of placesOf(file)) for (const key of keys) facetIds[place].set(key, String(schema.$id));
  }
  return { core, facetFiles, facetIds };
}
