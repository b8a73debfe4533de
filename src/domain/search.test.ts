import { SearchMatch, keysQuery, luceneQuery, matchOf, searchFragments, searchWords } from './search';

describe('searchWords', () => {
  it.each([
    ['s3://pv-data/faers/2024Q1/drug_event.parquet', ['s3', 'pv', 'data', 'faers', '2024q1', 'drug_event.parquet']],
    ['xgb-2024Q1-d4-eta0.2', ['xgb', '2024q1', 'd4', 'eta0.2']],
    ['SIG-2024-001', ['sig', '2024', '001']],
    ['faers_2024Q1', ['faers_2024q1']],
    ['fluoroquinolone (levofloxacin)', ['fluoroquinolone', 'levofloxacin']],
    ['日本語テキスト', ['日', '本', '語', 'テキスト']],
  ])('cuts %s as the standard analyzer does', (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });
});

describe('searchFragments', () => {
  it('cuts at every separator', () => {
    expect(searchFragments('faers/2024Q1/drug_event.parquet')).toEqual(['faers', '2024q1', 'drug', 'event', 'parquet']);
    expect(searchFragments(' -- :: ')).toEqual([]);
  });
});

describe('luceneQuery', () => {
  it('asks for whole words, then prefixes, then fragments inside words, every part required', () => {
    expect(luceneQuery('drug_event.parquet')).toBe('(+drug\\_event\\.parquet)^8 (+drug\\_event\\.parquet*)^4 (+*drug* +*event* +*parquet*)');
    // A one-letter fragment would match inside nearly every word; it has to begin one.
    expect(luceneQuery('d 4x')).toBe('(+d +4x)^8 (+d* +4x*)^4 (+d* +*4x*)');
    expect(luceneQuery('d 4x', { fragments: false })).toBe('(+d +4x)^8 (+d* +4x*)^4');
  });

  it('leaves no Lucene syntax from user text', () => {
    const q = luceneQuery('a:b OR (c* AND "d") ~e^2 \\ / [x TO y]');
    // Every character that is not a letter or digit is escaped, apart from the query's own structure.
    const body = q.replace(/^\(|\)\^8 \(|\)\^4 \(|\)$/g, ' ').replace(/ \+\*?/g, ' ').replace(/\* /g, ' ');
    expect(body.replace(/\\[^\p{L}\p{N}]/gu, '')).toMatch(/^[\p{L}\p{N}* ]*$/u);
    expect(luceneQuery(' -- :: ')).toBe('');
  });
});

describe('keysQuery', () => {
  it('asks for the first word with each id prefix in front, every word whole or as a prefix', () => {
    expect(keysQuery('SDR-2024Q1', ['report', 'signal'])).toBe('+(sdr^2 sdr* report\\:sdr^2 report\\:sdr* signal\\:sdr^2 signal\\:sdr*) +(2024q1^2 2024q1*)');
    expect(keysQuery(' -- ', ['report'])).toBe('');
  });
});

describe('matchOf', () => {
  const dataset = ['faers/2024Q1/drug_event.parquet', 'faers_2024Q1'];
  it.each([
    ['faers/2024Q1/drug_event.parquet', SearchMatch.EXACT],
    ['FAERS_2024q1', SearchMatch.EXACT],
    ['drug_event.parquet', SearchMatch.WORD],
    ['2024Q1 faers', SearchMatch.WORD],
    ['drug_ev', SearchMatch.PREFIX],
    ['event', SearchMatch.FRAGMENT],
    ['event.parquet', SearchMatch.FRAGMENT],
    ['zebra', null],
  ])('ranks %s as %s', (text, match) => {
    expect(matchOf(text, dataset)).toBe(match);
  });
});
