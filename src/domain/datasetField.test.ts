import { BadInputError } from './errors';
import { fieldId, parseFieldId } from './datasetField';

describe('the datasetField id grammar', () => {
  it('percent-encodes every part, so a colon anywhere still splits into four parts', () => {
    const id = fieldId('hdfs://host:8020', '/user/hive/warehouse/t1', 'a:b');
    expect(id).toBe('datasetField:hdfs%3A%2F%2Fhost%3A8020:%2Fuser%2Fhive%2Fwarehouse%2Ft1:a%3Ab');
    expect(parseFieldId(id)).toEqual({
      namespace: 'hdfs://host:8020',
      name: '/user/hive/warehouse/t1',
      field: 'a:b',
      datasetId: 'dataset:hdfs%3A%2F%2Fhost%3A8020:%2Fuser%2Fhive%2Fwarehouse%2Ft1',
    });
  });

  it('reads the plain Marquez spelling when no part needs escaping', () => {
    expect(parseFieldId('datasetField:food_delivery:public.delivery_7_days:order_id')).toMatchObject({ namespace: 'food_delivery', name: 'public.delivery_7_days', field: 'order_id' });
  });

  it.each([
    ['too few parts', 'datasetField:ns:name'],
    ['too many parts', 'datasetField:ns:name:a:b'],
    ['an empty part', 'datasetField:ns::f'],
    ['broken percent-encoding', 'datasetField:ns:name:%E0%A4%A'],
    ['a non-canonical spelling', 'datasetField:ns:name:%61'],
    ['another type', 'dataset:ns:name'],
    ['an unknown prefix', 'datasetfield:ns:name:f'],
  ])('refuses %s as BAD_USER_INPUT', (_why, id) => {
    expect(() => parseFieldId(id)).toThrow(BadInputError);
  });
});
