import { z } from 'zod';
import { integer, tolerant } from './base';
import { deletableFacetBody, documentationFacet, ownershipFacet, str, tagsFacet } from './facetBase';

/** The standard job facets (spec/facets/*JobFacet.json), by key. */
export const JOB_FACETS: Readonly<Record<string, z.ZodType>> = {
  documentation: documentationFacet(),
  jobType: deletableFacetBody({
    processingType: str(),
    integration: str(),
    jobType: str(),
    emissionPattern: tolerant({ eventTrigger: str(), eventContentMode: str(), windowDuration: integer().refine((n) => n >= 1, { message: 'must be >= 1' }) }),
  }),
  ownership: ownershipFacet(),
  sourceCode: deletableFacetBody({ language: str(), sourceCode: str() }),
  sourceCodeLocation: deletableFacetBody({ type: str(), url: str(), repoUrl: str(), path: str(), version: str(), tag: str(), branch: str(), pullRequestNumber: str() }),
  sql: deletableFacetBody({ query: str(), dialect: str() }),
  tags: tagsFacet(deletableFacetBody),
};
