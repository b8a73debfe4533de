import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { buildSchema } from './buildSchema';

/** The SDL committed at schema/schema.graphql. */
export function schemaSdl(): string {
  return `${printSchema(buildSchema())}\n`;
}

if (require.main === module) {
  const target = join(process.cwd(), 'schema', 'schema.graphql');
  writeFileSync(target, schemaSdl());
  process.stdout.write(`wrote ${target}\n`);
}
