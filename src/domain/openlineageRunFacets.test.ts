import { carriedRunFacets, readJobType, readRunFacets } from './openlineageRunFacets';

describe('OpenLineage run facets', () => {
  it('reads tags by key, sorted, the last of a repeated key winning, and non-string values as JSON', () => {
    const f = readRunFacets({
      tags: { tags: [{ key: 'team', value: 'pv', source: 'USER' }, { key: 'openlineage_client_version', value: '1.40.0' }, { key: 'team', value: 'pv-signal' }, { key: 'n', value: 3 }] },
    });
    expect(f.tags).toEqual([
      { key: 'n', value: '3', source: null },
      { key: 'openlineage_client_version', value: '1.40.0', source: null },
      { key: 'team', value: 'pv-signal', source: null },
    ]);
  });

  it('reads the error message, nominal time and processing engine, and null for what is absent', () => {
    expect(readRunFacets({
      errorMessage: { message: 'division by zero', programmingLanguage: 'python', stackTrace: 'Traceback…' },
      nominalTime: { nominalStartTime: '2024-04-01T00:00:00Z', nominalEndTime: '2024-04-02T00:00:00Z' },
      processing_engine: { name: 'spark', version: '3.5.1', openlineageAdapterVersion: '1.40.0' },
    })).toEqual({
      tags: [],
      errorMessage: { message: 'division by zero', programmingLanguage: 'python', stackTrace: 'Traceback…' },
      nominalStartTime: '2024-04-01T00:00:00Z',
      nominalEndTime: '2024-04-02T00:00:00Z',
      processingEngine: { name: 'spark', version: '3.5.1', openlineageAdapterVersion: '1.40.0' },
    });
    expect(readRunFacets({})).toEqual({ tags: [], errorMessage: null, nominalStartTime: null, nominalEndTime: null, processingEngine: null });
  });

  it('says which kept facets an event carries', () => {
    expect(carriedRunFacets({ tags: { tags: [] }, nominalTime: { nominalStartTime: 'x' }, parent: {} })).toEqual({ tags: true, errorMessage: false, nominalTime: true, processing_engine: false });
    expect(carriedRunFacets(null)).toEqual({ tags: false, errorMessage: false, nominalTime: false, processing_engine: false });
  });

  it('reads the job type facet', () => {
    expect(readJobType({ jobType: { processingType: 'BATCH', integration: 'SPARK', jobType: 'SQL_JOB' } })).toEqual({ processingType: 'BATCH', integration: 'SPARK', jobType: 'SQL_JOB' });
    expect(readJobType({ documentation: {} })).toBeNull();
  });
});
