import { luceneQuery } from './searchService';

describe('luceneQuery', () => {
  it('turns words into required prefixes, split the way the standard analyzer splits', () => {
    expect(luceneQuery('pv-signal XGB')).toBe('pv* AND signal* AND xgb*');
    expect(luceneQuery('faers_2024Q1')).toBe('faers_2024q1*');
    expect(luceneQuery('7658f35e')).toBe('7658f35e*');
  });

  it('leaves no Lucene syntax from user text', () => {
    const q = luceneQuery('a:b OR (c* AND "d") ~e^2 \\ / [x TO y]');
    expect(q).toMatch(/^[\p{L}\p{N}*]+( AND [\p{L}\p{N}*]+)*$/u);
    expect(luceneQuery(' -- :: ')).toBe('');
  });
});
