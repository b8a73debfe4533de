import { mlflowSchemaFields, openLineageSchemaFields } from './schemaFields';

describe('schema fields', () => {
  it('flattens OpenLineage struct fields after their parent, in schema order, first of a repeated name kept', () => {
    expect(
      openLineageSchemaFields([
        { name: 'id', type: 'BIGINT', description: 'key' },
        { name: 'address', type: 'STRUCT', fields: [{ name: 'city', type: 'VARCHAR' }] },
        { name: 'id', type: 'TEXT' },
        { type: 'no name' },
      ]),
    ).toEqual([
      { name: 'id', type: 'BIGINT', description: 'key' },
      { name: 'address', type: 'STRUCT', description: null },
      { name: 'address.city', type: 'VARCHAR', description: null },
    ]);
    expect(openLineageSchemaFields(undefined)).toBeNull();
    expect(openLineageSchemaFields([])).toEqual([]);
  });

  it('reads MLflow colspec schemas as JSON text or parsed, positional columns by index', () => {
    const text = '{"mlflow_colspec": [{"type": "string", "name": "quarter", "required": true}, {"type": "long"}]}';
    expect(mlflowSchemaFields(text)).toEqual([
      { name: 'quarter', type: 'string', description: null },
      { name: '1', type: 'long', description: null },
    ]);
    expect(mlflowSchemaFields(JSON.parse(text))).toEqual(mlflowSchemaFields(text));
    expect(mlflowSchemaFields('{"mlflow_tensorspec": []}')).toBeNull();
    expect(mlflowSchemaFields('not json')).toBeNull();
    expect(mlflowSchemaFields(null)).toBeNull();
  });
});
