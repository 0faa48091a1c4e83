import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { DatabaseConnection } from './connection.js';
import { tenantScopeExtension } from './tenant-scope.js';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

function scoped(prisma: PrismaClient) {
  return prisma.$extends(tenantScopeExtension);
}

/**
 * The Prisma client with tenant scoping enforced (see tenant-scope.ts). Repositories query with it; a service that
 * spans several repositories runs its work in one transaction with `TransactionRunner.run` (transaction-runner.ts,
 * the one place that opens transactions) and hands the `tx` to them as their first parameter.
 */
export type Db = ReturnType<typeof scoped>;
/** The client handed to an interactive transaction's callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Owns the database connection for the Nest application. `db` is the only client repositories get.
 * Remember PGlite has one connection: inside `runner.run(async (tx) => ...)` use `tx` only.
 */
@Injectable()
export class PrismaService implements OnApplicationShutdown {
  private readonly logger = new Logger(PrismaService.name);
  readonly db: Db;

  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {
    this.db = scoped(connection.prisma);
  }

  /** 'postgres' or 'pglite'. */
  get kind(): DatabaseConnection['target']['kind'] {
    return this.connection.target.kind;
  }

  /**
   * The embedded PGlite instance behind `db`, for an in-process job queue that must share its single connection
   * (pg-boss through `fromPglite`: outbox/pgboss-delivery-queue.ts). Statements through it bypass tenant scoping and
   * queue behind any open transaction; application data goes through `db`.
   * @throws Error on PostgreSQL (kind 'postgres'), which has no embedded instance.
   */
  embeddedPglite(): PGlite {
    if (!this.connection.pglite) throw new Error('the database is PostgreSQL, not the embedded PGlite');
    return this.connection.pglite;
  }

  /**
   * One round trip to the database (`SELECT 1`), for health checks.
   * @throws the driver's error when the database cannot be reached.
   */
  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }

  /**
   * Closes the database last: after requests and jobs drained and the HTTP server closed (common/lifecycle.ts), not
   * in onModuleDestroy, which runs while requests are still in flight.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
    this.logger.log('database closed');
  }
}
