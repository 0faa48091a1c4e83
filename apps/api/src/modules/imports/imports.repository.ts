import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** Import jobs of a tenant. Every query names the tenant. */
@Injectable()
export class ImportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** `pglite` (one connection; queries run in WebAssembly on the event loop thread) or `postgres`. */
  get databaseKind() {
    return this.prisma.kind;
  }

  create(tenantId: string, data: { kind: 'WATCHLIST' | 'SUPPLIERS' | 'PARTS'; dryRun: boolean; partial: boolean }) {
    return this.prisma.db.importJob.create({ data: { ...data, tenantId } });
  }

  find(tenantId: string, id: string) {
    return this.prisma.db.importJob.findFirst({ where: { tenantId, id } });
  }

  update(tenantId: string, id: string, data: Prisma.ImportJobUpdateInput) {
    return this.prisma.db.importJob.update({ where: { id, tenantId }, data });
  }

  /**
   * Marks jobs left QUEUED or RUNNING by a previous process (a crash or restart) as FAILED; their `created` and
   * `lastStoredLine` still say which rows were stored. Cross-tenant on purpose: it runs once at start-up. On the
   * embedded database only this process can hold the database (lock file), so every unfinished job is stale; on
   * PostgreSQL other API processes may be running imports, so only jobs created before `olderThan` are.
   * @returns how many jobs were marked.
   */
  async failInterrupted(at: Date, olderThan: Date): Promise<number> {
    const out = await crossTenant('import jobs interrupted by a restart, at start-up', () =>
      this.prisma.db.importJob.updateMany({
        where: {
          status: { in: ['QUEUED', 'RUNNING'] },
          ...(this.prisma.kind === 'pglite' ? {} : { createdAt: { lt: olderThan } }),
        },
        data: { status: 'FAILED', failure: 'the server stopped during the import', finishedAt: at },
      }),
    );
    return out.count;
  }
}
