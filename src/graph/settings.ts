/** What the driver needs to reach Neo4j; `config.ts` fills it from the environment. */
export interface Neo4jSettings {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** Upper bound for every transaction the executor runs. */
  readonly txTimeoutMs: number;
  readonly maxPoolSize: number;
}
