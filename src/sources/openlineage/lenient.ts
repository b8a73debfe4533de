/**
 * The two departures from the strict schema that Marquez accepts, and so does pv-lineage, so
 * existing integrations keep working (docs/openlineage.md):
 * - an `eventTime` without a UTC offset is read as UTC;
 * - a missing `schemaURL` is taken as the spec version this server validates against.
 * Each one is reported back in the response's `lenient` list; the raw log keeps the body as sent.
 */
export const ASSUMED_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';

const NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

export function normaliseLeniently(body: Record<string, unknown>): { event: Record<string, unknown>; notes: string[] } {
  const event = { ...body };
  const notes: string[] = [];
  if (typeof event.eventTime === 'string' && NO_OFFSET.test(event.eventTime)) {
    event.eventTime = `${event.eventTime}Z`;
    notes.push('eventTime has no UTC offset; read as UTC');
  }
  if (event.schemaURL === undefined) {
    const def = event.run ? 'RunEvent' : event.dataset ? 'DatasetEvent' : 'JobEvent';
    event.schemaURL = `${ASSUMED_SCHEMA_URL}#/$defs/${def}`;
    notes.push(`schemaURL is missing; assumed ${event.schemaURL}`);
  }
  return { event, notes };
}
