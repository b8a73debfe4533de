import { parseRunFilter, parseRunOrder } from '../../domain/runSearch/parse';
import { compileRunOrder, compileRunSearch } from './runSearchCypher';

describe('MLflow search strings as Cypher', () => {
  it('puts every key and value in parameters, never in the statement', () => {
    const hostile = "x} RETURN 1 //";
    const search = compileRunSearch(parseRunFilter(`params.\`${hostile}\` = '${hostile}' and metrics.\`${hostile}\` > 1 and run_id IN ('${hostile}')`, 'f'));
    const order = compileRunOrder(parseRunOrder([`tags.\`${hostile}\` DESC`], 'o'));
    const text = search.conditions.join(' ') + order.orderBy;
    expect(text).not.toContain(hostile);
    expect(Object.values({ ...search.params, ...order.params }).flat()).toEqual(
      expect.arrayContaining([`p.${hostile}`, hostile, `m.${hostile}`, [hostile].flat()[0], `t.${hostile}`]),
    );
  });

  it('ties on start time (newest first, missing last) unless a term sorts on it, then run id and id', () => {
    expect(compileRunOrder(parseRunOrder(['metrics.a'], 'o')).orderBy).toMatch(/r\.startTime IS NULL, r\.startTime DESC, r\.runId, r\.id$/);
    expect(compileRunOrder(parseRunOrder(['start_time'], 'o')).orderBy).not.toContain('r.startTime DESC');
  });
});
