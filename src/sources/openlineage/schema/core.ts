import { z } from 'zod';
import { dateTime, deletableFacet, facetMap, runFacet, uri, uuid } from './base';

/**
 * The core OpenLineage 2-0-2 objects (spec/OpenLineage.json): required fields, types and formats
 * are enforced; keys the spec does not name are kept, as the spec allows them.
 */
const job = z.looseObject({ namespace: z.string(), name: z.string(), facets: facetMap(deletableFacet()).optional() });
const run = z.looseObject({ runId: uuid(), facets: facetMap(runFacet()).optional() });
const datasetShape = { namespace: z.string(), name: z.string(), facets: facetMap(deletableFacet()).optional() };
const inputDataset = z.looseObject({ ...datasetShape, inputFacets: facetMap(runFacet()).optional() });
const outputDataset = z.looseObject({ ...datasetShape, outputFacets: facetMap(runFacet()).optional() });

const baseEvent = { eventTime: dateTime(), producer: uri(), schemaURL: uri() };
const io = { inputs: z.array(inputDataset).optional(), outputs: z.array(outputDataset).optional() };

export const RUN_EVENT_TYPES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] as const;

export const EventKind = { RUN: 'RunEvent', DATASET: 'DatasetEvent', JOB: 'JobEvent' } as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** Each kind's schema; which keys a kind must not hold is decided before (see kinds.ts). */
export const EVENT_SCHEMAS: Readonly<Record<EventKind, z.ZodType>> = {
  RunEvent: z.looseObject({ ...baseEvent, eventType: z.enum(RUN_EVENT_TYPES).optional(), run, job, ...io }),
  DatasetEvent: z.looseObject({ ...baseEvent, dataset: z.looseObject(datasetShape) }),
  JobEvent: z.looseObject({ ...baseEvent, job, ...io }),
};
