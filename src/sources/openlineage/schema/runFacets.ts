import { z } from 'zod';
import { integer, tolerant } from './base';
import { arrayOf, params, plainFacet, str, tagsFacet } from './facetBase';

/** Facet bodies inside the parent facet's run and job (`RunFacet` / `JobFacet` of the core). */
const nestedRunFacets = z.record(z.string(), tolerant({ _producer: str(), _schemaURL: str() }));
const nestedJobFacets = z.record(z.string(), tolerant({ _producer: str(), _schemaURL: str(), _deleted: z.boolean() }));
const parentRun = () => tolerant({ runId: str(), facets: nestedRunFacets });
const parentJob = () => tolerant({ namespace: str(), name: str(), facets: nestedJobFacets });

const jobDependency = tolerant({
  job: tolerant({ namespace: str(), name: str() }),
  run: tolerant({ runId: str() }),
  dependency_type: str(),
  sequence_trigger_rule: str(),
  status_trigger_rule: str(),
});

/** The standard run facets (spec/facets/*RunFacet.json), by key. */
export const RUN_FACETS: Readonly<Record<string, z.ZodType>> = {
  environmentVariables: plainFacet({ environmentVariables: arrayOf(tolerant({ name: str(), value: str() })) }),
  errorMessage: plainFacet({ message: str(), programmingLanguage: str(), stackTrace: str() }),
  // The one facet schema that forbids keys it does not name.
  executionParameters: plainFacet({ parameters: arrayOf(z.strictObject({ key: str().optional(), name: str().optional(), description: str().optional(), value: str().optional() })) }),
  externalQuery: plainFacet({ externalQueryId: str(), source: str() }),
  extractionError: plainFacet({
    totalTasks: integer(),
    failedTasks: integer(),
    errors: arrayOf(tolerant({ errorMessage: str(), stackTrace: str(), task: str(), taskNumber: integer() })),
  }),
  jobDependencies: plainFacet({ upstream: arrayOf(jobDependency), downstream: arrayOf(jobDependency), trigger_rule: str() }),
  nominalTime: plainFacet({ nominalStartTime: str(), nominalEndTime: str() }),
  parent: plainFacet({ run: parentRun(), job: parentJob(), root: tolerant({ run: parentRun(), job: parentJob() }) }),
  processing_engine: plainFacet({ version: str(), name: str(), openlineageAdapterVersion: str() }),
  tags: tagsFacet(plainFacet),
  test: plainFacet({
    tests: arrayOf(
      tolerant({ name: str(), status: str(), severity: str(), type: str(), description: str(), expected: str(), actual: str(), content: str(), contentType: str(), params: params() }),
    ),
  }),
};
