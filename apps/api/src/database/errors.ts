/**
 * Whether a Prisma error is a unique-constraint violation. Prisma reports P2002; through pglite-prisma-adapter the
 * PostgreSQL SQLSTATE 23505 comes through as the code instead, so both are accepted.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'P2002' || code === '23505';
}
