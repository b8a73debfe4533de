import { BadInputError } from '../errors';
import { likeToRegex } from './likePattern';
import { parseRunFilter, parseRunOrder } from './parse';

const refusal = (fn: () => unknown): BadInputError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof BadInputError) return e;
    throw e;
  }
  throw new Error('expected a BadInputError');
};

describe('MLflow filter strings', () => {
  it('reads every entity, alias and quoting MLflow accepts', () => {
    expect(parseRunFilter("metrics.AUC_test > 0.85 and params.max_depth = '5'", 'f')).toEqual([
      { kind: 'metric', key: 'AUC_test', op: '>', value: 0.85 },
      { kind: 'param', key: 'max_depth', op: '=', value: '5' },
    ]);
    expect(parseRunFilter("tags.mlflow.runName LIKE 'a%' AND `params`.`features/count` = \"10\"", 'f')).toEqual([
      { kind: 'tag', key: 'mlflow.runName', op: 'LIKE', value: 'a%' },
      { kind: 'param', key: 'features/count', op: '=', value: '10' },
    ]);
    expect(parseRunFilter("attr.`run name` ilike 'x' and created >= -1e3 and run_id not in ('a', \"b\")", 'f')).toEqual([
      { kind: 'string-attribute', key: 'run_name', op: 'ILIKE', value: 'x' },
      { kind: 'time-attribute', key: 'start_time', op: '>=', value: -1000 },
      { kind: 'string-attribute', key: 'run_id', op: 'NOT IN', values: ['a', 'b'] },
    ]);
    expect(parseRunFilter('tag.x IS NOT NULL and param.y is null and metric.m != .5', 'f')).toEqual([
      { kind: 'tag', key: 'x', op: 'IS NOT NULL' },
      { kind: 'param', key: 'y', op: 'IS NULL' },
      { kind: 'metric', key: 'm', op: '!=', value: 0.5 },
    ]);
  });

  it('keeps quoted text as MLflow does, without unescaping', () => {
    expect(parseRunFilter("params.a = 'it''s'", 'f')).toEqual([{ kind: 'param', key: 'a', op: '=', value: "it''s" }]);
  });

  it('takes a blank string as no condition', () => {
    expect(parseRunFilter('   ', 'f')).toEqual([]);
  });

  it.each([
    ["params.eta = '0.1' OR params.eta = '0.2'", 20, 'OR'],
    ['metrics.m > x', 13, 'x'],
    ["params.eta > '1'", 12, '>'],
    ["foo.bar = 'x'", 1, 'foo'],
    ["status IN ('a')", 8, 'IN'],
    ['params.eta =', 13, null],
    ["params.eta = 'open", 14, "'"],
    ["params.max-depth = '1'", 11, '-'],
    ["metrics.m == 1", 11, '=='],
  ])('refuses %s naming column %i and token %s', (text, position, token) => {
    const e = refusal(() => parseRunFilter(text, 'filter.search'));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details).toMatchObject({ argument: 'filter.search', position, token });
    expect(e.message).toContain(`at column ${position}`);
  });
});

describe('MLflow order-by terms', () => {
  it('reads keys and directions, ascending by default', () => {
    expect(parseRunOrder(['metrics.AUC_test DESC', 'params.eta', 'start_time asc', 'tags.`a b`'], 'o')).toEqual([
      { kind: 'metric', key: 'AUC_test', ascending: false },
      { kind: 'param', key: 'eta', ascending: true },
      { kind: 'time-attribute', key: 'start_time', ascending: true },
      { kind: 'tag', key: 'a b', ascending: true },
    ]);
  });

  it('refuses a key sorted twice, a bad direction and trailing tokens', () => {
    expect(refusal(() => parseRunOrder(['metrics.a', 'metric.a DESC'], 'o')).details).toMatchObject({ argument: 'o[1]' });
    expect(refusal(() => parseRunOrder(['metrics.a UP'], 'o')).details).toMatchObject({ position: 11, token: 'UP' });
    expect(refusal(() => parseRunOrder(['metrics.a DESC x'], 'o')).details).toMatchObject({ position: 16, token: 'x' });
  });
});

describe('LIKE patterns', () => {
  const matches = (pattern: string, s: string, ci = false) => {
    const re = likeToRegex(pattern, ci).replace(/^\(\?[a-z]+\)/, '');
    return new RegExp(`^(?:${re})$`, ci ? 'isu' : 'su').test(s);
  };

  it('has % for any run, _ for one character and everything else literal', () => {
    expect(matches('0.%', '0.05')).toBe(true);
    expect(matches('0._', '0.05')).toBe(false);
    expect(matches('a.c', 'abc')).toBe(false);
    expect(matches('(x)+', '(x)+')).toBe(true);
    expect(matches('%Q1', '2024q1')).toBe(false);
    expect(matches('%Q1', '2024q1', true)).toBe(true);
  });
});
