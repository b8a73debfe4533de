import { fromBuilderMetadata } from './builderMetadata';

describe('report builder metadata', () => {
  it("reads the seed pipeline's model_run_metadata.json, ignoring the builder's clock", () => {
    const seed = {
      report_title: 'Signal Assessment Report — FAERS 2024Q1',
      generated_at: '2024-04-23T08:30:00Z',
      mlflow_run_id: '9b793a31ddc64306849b6f79532cc907',
      model_name: 'pv-signal-xgb',
      model_version: 2,
      data_period: '2024Q1',
      report_file: 'SAR_2024Q1.pdf',
      report_sha256: '95811B60BA6EA68C45D1E87F74804BF5AEA633B9860488AD7382586D92B0886D',
    };
    expect(fromBuilderMetadata(seed, { reason: 'builder run 17' })).toEqual({
      reportFile: 'SAR_2024Q1.pdf',
      input: {
        reportId: null,
        title: 'Signal Assessment Report — FAERS 2024Q1',
        kind: 'SIGNAL_ASSESSMENT',
        period: '2024Q1',
        contentHash: '95811b60ba6ea68c45d1e87f74804bf5aea633b9860488ad7382586d92b0886d',
        uri: 'SAR_2024Q1.pdf',
        generatedFromRuns: ['9b793a31ddc64306849b6f79532cc907'],
        modelVersions: ['models:/pv-signal-xgb/2'],
        datasets: [],
        signals: [],
        reason: 'builder run 17',
      },
    });
  });

  it('prefers the contract fields to the seed aliases', () => {
    const m = fromBuilderMetadata({
      reportId: 'SDR-1',
      title: 'Native',
      report_title: 'Alias',
      kind: 'PSUR',
      contentHash: 'a'.repeat(64),
      generatedFromRuns: ['run:s:1'],
      mlflow_run_id: 'ignored',
      modelVersions: [],
      model_name: 'ignored',
      model_version: 1,
      signals: ['signal:A'],
    });
    expect(m.input).toMatchObject({ reportId: 'SDR-1', title: 'Native', kind: 'PSUR', generatedFromRuns: ['run:s:1'], modelVersions: [], signals: ['signal:A'] });
  });

  it.each([
    ['not an object', [], 'metadata'],
    ['no title', { kind: 'PSUR' }, 'title'],
    ['an unknown kind', { title: 't', kind: 'MEMO' }, 'kind'],
    ['runs that are not strings', { title: 't', generatedFromRuns: [1] }, 'generatedFromRuns'],
  ])('refuses %s, naming the field', (_name, data, argument) => {
    expect(() => fromBuilderMetadata(data)).toThrow(expect.objectContaining({ details: { argument } }));
  });
});
