import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';

/**
 * JSON.parse, but a key repeated within one object is an error, as is anything JSON.parse
 * would refuse (comments and trailing commas included); JSON.parse keeps the last duplicate
 * silently, which is how a log line can carry two different "traceId"s unnoticed.
 */
export function parseStrictJson(text: string): unknown {
  const keys: Set<string>[] = [];
  const problems: string[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void keys.push(new Set()),
      onObjectEnd: () => void keys.pop(),
      onObjectProperty: (property, offset) => {
        const seen = keys[keys.length - 1];
        if (seen.has(property)) problems.push(`duplicate key "${property}" at offset ${offset}`);
        seen.add(property);
      },
      onError: (error: ParseErrorCode, offset) => void problems.push(`${printParseErrorCode(error)} at offset ${offset}`),
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (problems.length) throw new Error(`${problems.join('; ')} in ${text.slice(0, 300)}`);
  return JSON.parse(text);
}
