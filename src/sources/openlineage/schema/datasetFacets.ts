import { z } from 'zod';
import { integer, tolerant } from './base';
import { arrayOf, deletableFacetBody, documentationFacet, ownershipFacet, params, plainFacet, str, tagsFacet } from './facetBase';

const inputField = tolerant({
  namespace: str(),
  name: str(),
  field: str(),
  transformations: arrayOf(tolerant({ type: str(), subtype: str(), description: str(), masking: z.boolean() })),
});

/** Schema fields nest (structs), so the type refers to itself. */
const schemaField: z.ZodType = tolerant({
  name: str(),
  type: str(),
  description: str(),
  ordinal_position: integer(),
  fields: z.lazy(() => arrayOf(schemaField)),
});

const num = () => z.number();
const qualityMetrics = {
  rowCount: integer(),
  bytes: integer(),
  fileCount: integer(),
  lastUpdated: str(),
  columnMetrics: z.record(
    z.string(),
    tolerant({ nullCount: integer(), distinctCount: integer(), sum: num(), count: num(), min: num(), max: num(), quantiles: z.record(z.string(), num()) }),
  ),
};

const LIFECYCLE = ['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE'] as const;

/** The standard dataset facets (spec/facets/*DatasetFacet.json), by key. */
export const DATASET_FACETS: Readonly<Record<string, z.ZodType>> = {
  catalog: deletableFacetBody({
    framework: str(),
    type: str(),
    name: str(),
    metadataUri: str(),
    warehouseUri: str(),
    source: str(),
    catalogProperties: z.record(z.string(), str()),
  }),
  columnLineage: deletableFacetBody({
    fields: z.record(z.string(), tolerant({ inputFields: arrayOf(inputField), transformationDescription: str(), transformationType: str() })),
    dataset: arrayOf(inputField),
  }),
  // Its schema builds on InputDatasetFacet (no `_deleted`) though it is a dataset facet.
  dataQualityAssertions: plainFacet({
    assertions: arrayOf(
      tolerant({
        assertion: str(),
        success: z.boolean(),
        column: str(),
        severity: str(),
        name: str(),
        description: str(),
        expected: str(),
        actual: str(),
        content: str(),
        contentType: str(),
        params: params(),
      }),
    ),
  }),
  dataQualityMetrics: deletableFacetBody(qualityMetrics),
  dataSource: deletableFacetBody({ name: str(), uri: str() }),
  datasetType: deletableFacetBody({ datasetType: str(), subType: str() }),
  documentation: documentationFacet(),
  hierarchy: deletableFacetBody({ hierarchy: arrayOf(tolerant({ type: str(), name: str() })) }),
  lifecycleStateChange: deletableFacetBody({ lifecycleStateChange: z.enum(LIFECYCLE), previousIdentifier: tolerant({ name: str(), namespace: str() }) }),
  ownership: ownershipFacet(),
  schema: deletableFacetBody({ fields: arrayOf(schemaField) }),
  storage: deletableFacetBody({ storageLayer: str(), fileFormat: str() }),
  symlinks: deletableFacetBody({ identifiers: arrayOf(tolerant({ namespace: str(), name: str(), type: str() })) }),
  tags: tagsFacet(deletableFacetBody, { field: str() }),
  version: deletableFacetBody({ datasetVersion: str() }),
};

/** The standard input-dataset facets (`inputFacets`), by key. */
export const INPUT_DATASET_FACETS: Readonly<Record<string, z.ZodType>> = {
  dataQualityMetrics: plainFacet(qualityMetrics),
  inputStatistics: plainFacet({ rowCount: integer(), size: integer(), fileCount: integer() }),
};

/** The standard output-dataset facets (`outputFacets`), by key. */
export const OUTPUT_DATASET_FACETS: Readonly<Record<string, z.ZodType>> = {
  outputStatistics: plainFacet({ rowCount: integer(), size: integer(), fileCount: integer() }),
};
