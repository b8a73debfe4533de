/** Strings that would break a query built by concatenation: quotes, backticks, Cypher, unicode escapes. */
export const INJECTIONS = [
  "'",
  '"',
  '`',
  "x' OR 1=1 //",
  '}) DETACH DELETE n //',
  "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
  '`) DETACH DELETE n //',
  '\\u0027) DETACH DELETE n //',
  '\u0000\u202e',
  'run:a:b\'}) DETACH DELETE n //',
  '$ids',
  '${__proto__}',
];
