import { csvField, toCsv } from './csv';

describe('CSV (RFC 4180)', () => {
  it('quotes only fields that need it, doubling quotes, with CRLF line ends', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', '', null, 3].map(csvField)).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '', '', '3']);
    expect(toCsv(['x', 'y'], [['1', 'a,b'], [null, '=SUM(A1)']])).toBe('x,y\r\n1,"a,b"\r\n,=SUM(A1)\r\n');
  });
});
