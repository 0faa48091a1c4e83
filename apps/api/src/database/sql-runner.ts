/** The minimum a migrator needs from a database connection. */
export interface SqlRunner {
  /** Runs a script of one or more statements (simple-query protocol, no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}
