import { GraphQLError } from 'graphql';

/**
 * The name of the first variable whose value nests objects or arrays deeper than `maxDepth`, or
 * null. It walks with its own stack, not by recursion, so that a value nested thousands deep is
 * refused here rather than overflowing the stack of whatever walks the variables next
 * (serialising them, costing the operation, coercing them).
 */
export function tooDeepVariable(variables: Readonly<Record<string, unknown>>, maxDepth: number): string | null {
  for (const [name, value] of Object.entries(variables)) {
    const stack: [unknown, number][] = [[value, 1]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [v, depth] = next;
      if (v === null || typeof v !== 'object') continue;
      if (depth > maxDepth) return name;
      for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

/** Refuses variables nested deeper than `maxDepth`, naming the first such variable. */
export function checkVariableDepth(variables: Readonly<Record<string, unknown>>, maxDepth: number): void {
  const name = tooDeepVariable(variables, maxDepth);
  if (name === null) return;
  throw new GraphQLError(`Variable "$${name}" nests objects or arrays deeper than ${maxDepth} levels`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
