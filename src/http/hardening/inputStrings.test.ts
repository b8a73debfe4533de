import { type GraphQLError, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { INPUT_LIMITS } from '../../domain/inputLimits';
import { buildSchema } from '../../schema/buildSchema';
import { formatError } from '../../schema/formatError';
import { checkInputStrings, limitKindOf } from './inputStrings';

const schema = buildSchema();

/** The error `checkInputStrings` throws for the operation, as a client sees it, or null when it passes. */
function refusal(query: string, variables: Record<string, unknown> = {}): { message: string; extensions?: Record<string, unknown> } | null {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  try {
    checkInputStrings(schema, document, operation, variables);
    return null;
  } catch (e) {
    expect((e as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
    return formatError({ message: (e as GraphQLError).message }, e);
  }
}

const REGISTER = 'mutation($in: RegisterReportInput!) { registerReport(input: $in) { id } }';
const report = (over: Record<string, unknown>) => ({ title: 'T', kind: 'PSUR', contentHash: 'a'.repeat(64), ...over });

describe('strings in GraphQL input', () => {
  it('refuses a lone surrogate in an ID variable, naming the argument', () => {
    const e = refusal('query($id: ID!) { report(id: $id) { id } }', { id: '\ud800' });
    expect(e?.message).toMatch(/^id holds a lone surrogate/);
    expect(e?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('refuses a lone surrogate in a nested input field, a list item, an unknown key and a wrong-typed value', () => {
    expect(refusal(REGISTER, { in: report({ title: 'x\udc00' }) })?.extensions?.argument).toBe('input.title');
    expect(refusal(REGISTER, { in: report({ datasets: ['ok', '\ud83d'] }) })?.extensions?.argument).toBe('input.datasets');
    expect(refusal(REGISTER, { in: report({ ['\ud800']: 1 }) })?.extensions?.argument).toBe('input.\ud800');
    expect(refusal(REGISTER, { in: report({ kind: { deep: ['\ud800'] } }) })?.extensions?.argument).toBe('input.kind');
    expect(refusal('{ __typename }', { extra: { a: '\ud800' } })?.extensions?.argument).toBe('$extra');
  });

  it('refuses a name over its limit and accepts one at it, over variables and literals', () => {
    const at = 'x'.repeat(INPUT_LIMITS.name);
    expect(refusal(REGISTER, { in: report({ title: at }) })).toBeNull();
    const e = refusal(REGISTER, { in: report({ title: `${at}x` }) });
    expect(e?.message).toBe(`input.title is ${INPUT_LIMITS.name + 1} bytes long; the limit for a name is ${INPUT_LIMITS.name} bytes`);
    expect(e?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.title', limit: INPUT_LIMITS.name });
    const literal = refusal(`mutation { recordSignal(input: { drug: "${at}x", eventTerm: "e", detectedByRun: "r" }) { id } }`);
    expect(literal?.extensions?.argument).toBe('input.drug');
  });

  it('holds URIs and ids to their own, longer limits, and leaves free text alone', () => {
    expect(refusal(REGISTER, { in: report({ uri: 'u'.repeat(INPUT_LIMITS.uri) }) })).toBeNull();
    expect(refusal(REGISTER, { in: report({ uri: 'u'.repeat(INPUT_LIMITS.uri + 1) }) })?.extensions?.limit).toBe(INPUT_LIMITS.uri);
    expect(refusal('query($id: ID!) { report(id: $id) { id } }', { id: 'r'.repeat(INPUT_LIMITS.id + 1) })?.extensions?.limit).toBe(INPUT_LIMITS.id);
    expect(refusal(REGISTER, { in: report({ reason: 'r'.repeat(20_000) }) })).toBeNull();
    expect(limitKindOf('generatedFromRuns', 'String')).toBe('id');
    expect(limitKindOf('storeUri', 'String')).toBe('uri');
  });

  it('passes ordinary input, emoji included', () => {
    expect(refusal(REGISTER, { in: report({ title: 'Quarterly 😀', datasets: ['dataset:ns:x'] }) })).toBeNull();
    expect(refusal('{ report(id: "report:SDR-1") { id } }')).toBeNull();
  });
});
