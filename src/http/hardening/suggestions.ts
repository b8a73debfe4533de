import type { ApolloServerPlugin } from '@apollo/server';

/** graphql-js ends a message with one such sentence when a name is close to one in the schema. */
const SUGGESTION = / ?Did you mean .+\?$/s;

export function withoutSuggestion(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Takes graphql-js's "Did you mean …?" hints out of every error a client is sent: each names
 * fields, arguments, types or enum values close to what was asked, which would describe the
 * schema to a client that introspection is meant to keep it from. Apollo's
 * `hideSchemaDetailsFromClientErrors` does this for validation errors only; the same hints also
 * come from coercing variables (an unknown input field, a misspelt enum value).
 */
export function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestion(error.message);
        },
      };
    },
  };
}
