import type { Migration } from './migration';

/** Unique account and token ids, unique token hashes (the lookup key of every request), event ids. */
export const v0003: Migration = {
  version: 3,
  description: 'identity: unique users, tokens and security events',
  statements: [
    'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE',
    'CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE',
    'CREATE CONSTRAINT security_event_id IF NOT EXISTS FOR (n:SecurityEvent) REQUIRE n.id IS UNIQUE',
  ],
};
