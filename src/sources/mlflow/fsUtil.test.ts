import { readYaml, resolvePlainScalar } from './fsUtil';
import type { StoreTree } from './storeTree';

const yamlOf = (text: string) => readYaml({ readText: () => text } as unknown as StoreTree, 'meta.yaml');

describe('meta.yaml is read as PyYAML (YAML 1.1), which MLflow writes it with, reads it', () => {
  // Each pair: what PyYAML 6's safe_dump writes for the string (plain when no 1.1 rule matches)
  // and the value; checked against PyYAML, see scripts/mlflow/README.md (compatibility matrix).
  it.each([
    ['1e5', '1e5'],
    ['1.5e5', '1.5e5'],
    ['0o17', '0o17'],
    ['1234e567', '1234e567'],
    ['2e5', '2e5'],
  ])('keeps the plain scalar %s a string, as PyYAML does (YAML 1.2 would read a number)', (plain, want) => {
    expect(yamlOf(`name: ${plain}\n`).name).toBe(want);
  });

  it('keeps quoted scalars strings, whatever they look like', () => {
    expect(yamlOf("a: '0123'\nb: '0x1F'\nc: 'true'\nd: '~'\ne: '12:30'\nf: \"1.0e+5\"\ng: ''\n")).toEqual({ a: '0123', b: '0x1F', c: 'true', d: '~', e: '12:30', f: '1.0e+5', g: '' });
  });

  it('resolves plain scalars by the YAML 1.1 rules PyYAML applies', () => {
    expect(resolvePlainScalar('0123')).toBe(83n); // octal
    expect(resolvePlainScalar('0x1F')).toBe(31n);
    expect(resolvePlainScalar('0b101')).toBe(5n);
    expect(resolvePlainScalar('1_000')).toBe(1000n);
    expect(resolvePlainScalar('+12')).toBe(12n);
    expect(resolvePlainScalar('12:30')).toBe(750n); // base 60
    expect(resolvePlainScalar('1.0e+5')).toBe(100000);
    expect(resolvePlainScalar('.5')).toBe(0.5);
    expect(resolvePlainScalar('190:20:30.15')).toBeCloseTo(685230.15, 6);
    expect(resolvePlainScalar('-.inf')).toBe(-Infinity);
    expect(resolvePlainScalar('.NaN')).toBeNaN();
    expect(resolvePlainScalar('Off')).toBe(false);
    expect(resolvePlainScalar('yes')).toBe(true);
    expect(resolvePlainScalar('~')).toBeNull();
    expect(resolvePlainScalar('')).toBeNull();
    expect(resolvePlainScalar('-0.0')).toBe(-0);
  });

  it('reads the meta.yaml shapes MLflow writes: ids exact, empty values null, maps, lists and block text', () => {
    const meta = yamlOf(
      "experiment_id: '123456789012345678'\nrun_id: 123456789012345678\nend_time: null\nstart_time: 1700000001000\nstatus: 3\ntags: []\nuser_id:\naliases:\n  1e5: '2'\n  champion: '1'\ndescription: |-\n  line one\n  line two\nlifecycle_stage: active\n",
    );
    expect(meta).toEqual({
      experiment_id: '123456789012345678',
      run_id: '123456789012345678',
      end_time: null,
      start_time: 1700000001000,
      status: 3,
      tags: [],
      user_id: null,
      aliases: { '1e5': '2', champion: '1' },
      description: 'line one\nline two',
      lifecycle_stage: 'active',
    });
  });
});
