import { MetricSpecial, toMetricValue } from './metric';

describe('metric values', () => {
  it('keeps finite values and marks the ones GraphQL Float cannot carry', () => {
    expect(toMetricValue(0.91)).toEqual({ value: 0.91, special: null });
    expect(toMetricValue(0)).toEqual({ value: 0, special: null });
    expect(toMetricValue(Number.NaN)).toEqual({ value: null, special: MetricSpecial.NAN });
    expect(toMetricValue(Infinity)).toEqual({ value: null, special: MetricSpecial.POSITIVE_INFINITY });
    expect(toMetricValue(-Infinity)).toEqual({ value: null, special: MetricSpecial.NEGATIVE_INFINITY });
  });
});
