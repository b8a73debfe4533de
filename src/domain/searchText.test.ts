import { fragmentPatterns, searchText, wordStarts } from './searchText';

describe('searchText', () => {
  it('holds one line per text value, each word after a space, as the index cuts them', () => {
    expect(searchText(['s3://pv-data/faers/2024Q1/drug_event.parquet', null, 42, '', 'XGB-Signal'])).toBe(' s3 pv data faers 2024q1 drug_event.parquet\n xgb signal');
    expect(searchText([' -- ', undefined])).toBe('');
  });
});

describe('fragmentPatterns', () => {
  it('asks each fragment inside a word, a one-letter one at a word start, and seeks the longest', () => {
    expect(fragmentPatterns('xtract-00')).toEqual({ patterns: ['xtract', '00'], seek: 'xtract' });
    expect(fragmentPatterns('a/Event')).toEqual({ patterns: [' a', 'event'], seek: 'event' });
    // Lucene scores each clause, so a repeated fragment stays repeated.
    expect(fragmentPatterns('00-00')?.patterns).toEqual(['00', '00']);
    expect(fragmentPatterns(' -- ')).toBeNull();
  });
});

describe('wordStarts', () => {
  it('puts a space before each word of the text', () => {
    expect(wordStarts('Drug_event.parquet 2024Q1')).toEqual([' drug_event.parquet', ' 2024q1']);
  });
});
