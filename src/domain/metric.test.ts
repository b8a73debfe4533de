import { MetricSpecial, numberExactReplacer, toMetricValue } from './metric';

describe('metric values', () => {
  it('keeps finite values and marks the ones GraphQL Float cannot carry', () => {
    expect(toMetricValue(0.91)).toEqual({ value: 0.91, special: null });
    expect(toMetricValue(0)).toEqual({ value: 0, special: null });
    expect(toMetricValue(Number.NaN)).toEqual({ value: null, special: MetricSpecial.NAN });
    expect(toMetricValue(Infinity)).toEqual({ value: null, special: MetricSpecial.POSITIVE_INFINITY });
    expect(toMetricValue(-Infinity)).toEqual({ value: null, special: MetricSpecial.NEGATIVE_INFINITY });
    expect(toMetricValue(-0)).toEqual({ value: 0, special: MetricSpecial.NEGATIVE_ZERO });
    expect(toMetricValue(0).special).toBeNull();
    expect(toMetricValue(5e-324)).toEqual({ value: 5e-324, special: null });
    expect(toMetricValue(1.7976931348623157e308)).toEqual({ value: 1.7976931348623157e308, special: null });
  });

  it('writes JSON that keeps non-finite values and the sign of zero', () => {
    expect(JSON.stringify([0, -0, NaN, Infinity, -Infinity, 5e-324], numberExactReplacer)).toBe('[0,"-0","NaN","Infinity","-Infinity",5e-324]');
  });
});
