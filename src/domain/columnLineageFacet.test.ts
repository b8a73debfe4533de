import { readColumnLineage } from './columnLineageFacet';

const input = (field: string, extra: Record<string, unknown> = {}) => ({ namespace: 'postgres://db:5432', name: 'pv.public.cases', field, ...extra });

describe('the columnLineage facet', () => {
  it('reads the current form: one edge per transformation, masking kept', () => {
    const cl = readColumnLineage({
      fields: {
        reporter: {
          inputFields: [input('email', { transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'sha256', masking: true }, { type: 'INDIRECT', subtype: 'FILTER' }] })],
        },
      },
    });
    expect(cl?.fieldEdges).toEqual([
      { from: { namespace: 'postgres://db:5432', name: 'pv.public.cases', field: 'email' }, toField: 'reporter', transformation: { type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'sha256', masking: true } },
      { from: { namespace: 'postgres://db:5432', name: 'pv.public.cases', field: 'email' }, toField: 'reporter', transformation: { type: 'INDIRECT', subtype: 'FILTER', description: null, masking: null } },
    ]);
  });

  it('reads the deprecated form on the output field or on the input field, MASKED as masking', () => {
    const cl = readColumnLineage({
      fields: {
        a: { inputFields: [input('x')], transformationType: 'IDENTITY', transformationDescription: 'identical' },
        b: { inputFields: [input('y', { transformationType: 'MASKED', transformationDescription: 'hash' })] },
        c: { inputFields: [input('z')] },
      },
    });
    expect(cl?.fieldEdges.map((e) => [e.toField, e.transformation])).toEqual([
      ['a', { type: 'IDENTITY', subtype: null, description: 'identical', masking: false }],
      ['b', { type: 'MASKED', subtype: null, description: 'hash', masking: true }],
      ['c', { type: null, subtype: null, description: null, masking: null }],
    ]);
  });

  it('keeps dataset-level dependencies, names inputs by the naming spec, drops incomplete and repeated inputs', () => {
    const cl = readColumnLineage({
      fields: { a: { inputFields: [input('x'), input('x'), { namespace: 'n', name: 'm' }] } },
      dataset: [{ namespace: 's3://bucket', name: '/path/t', field: 'country', transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }] }],
    });
    expect(cl?.fieldEdges).toHaveLength(1);
    expect(cl?.datasetDependencies).toEqual([{ from: { namespace: 's3://bucket', name: 'path/t', field: 'country' }, transformation: { type: 'INDIRECT', subtype: 'FILTER', description: null, masking: null } }]);
  });

  it('is null without a facet object', () => {
    expect(readColumnLineage(undefined)).toBeNull();
    expect(readColumnLineage([])).toBeNull();
  });
});
