import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Lifecycle } from '../../common/lifecycle.js';
import { PrismaService } from '../../database/prisma.service.js';
import { migrationsDir } from '../../database/repo-files.js';
import { Public } from '../auth/decorators.js';

/**
 * Liveness and readiness probes (terminus), public:
 * - GET /health/live: the process runs and its event loop answers. No dependency is checked, so a database outage
 *   does not get the process restarted.
 * - GET /health/ready (and GET /health, kept for compatibility, the same check): whether to send traffic here.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  /** Names of the migrations this build ships (prisma/migrations), read once; null when the folder is absent. */
  private shipped: string[] | null | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly lifecycle: Lifecycle,
  ) {}

  /**
   * GET /health/live → 200 `{ status: "ok", info: { process: { status: "up" } }, error: {}, details }`, also while
   * draining on shutdown (the process is alive; terminus' own check would answer 503 "shutting_down" then).
   */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency checked)' })
  @ApiOkResponse({
    description: 'The process is alive',
    schema: {
      type: 'object',
      required: ['status', 'info', 'error', 'details'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        info: { type: 'object', additionalProperties: { type: 'object' } },
        error: { type: 'object', additionalProperties: { type: 'object' } },
        details: { type: 'object', additionalProperties: { type: 'object' } },
      },
    },
  })
  live() {
    const process = { status: 'up' as const };
    return { status: 'ok' as const, info: { process }, error: {}, details: { process } };
  }

  /**
   * GET /health/ready → 200 `{ status: "ok", info: { lifecycle, database, migrations } }`; 503 `{ status: "error",
   * error: { <check>: { status: "down", ... } } }` while starting, while draining on shutdown, when the database does
   * not answer, or while migrations of this build are pending, running (another process migrating) or failed.
   */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: serving, database up, migrations applied' })
  @ApiServiceUnavailableResponse({ description: 'Not ready: starting, draining, database down or migrating' })
  ready() {
    return this.readiness();
  }

  /** GET /health: the readiness check (as /health/ready), kept for existing monitors. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness (same as /health/ready; kept for compatibility)' })
  @ApiServiceUnavailableResponse({ description: 'Not ready: starting, draining, database down or migrating' })
  check() {
    return this.readiness();
  }

  private readiness() {
    return this.health.check([() => this.phase(), () => this.database(), () => this.migrations()]);
  }

  private async phase(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('lifecycle');
    const phase = this.lifecycle.phase;
    return phase === 'ready' ? check.up({ phase }) : check.down({ phase });
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    try {
      await this.prisma.ping();
      return check.up({ kind: this.prisma.kind });
    } catch (error) {
      return check.down({ kind: this.prisma.kind, message: (error as Error).message });
    }
  }

  /** Down while a migration of this build is not applied, or one is unfinished (running elsewhere, or failed). */
  private async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('migrations');
    try {
      const rows = await this.prisma.db.$queryRaw<
        { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]
      >`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`;
      const unfinished = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
      const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
      const pending = (this.shippedMigrations() ?? []).filter((name) => !applied.has(name));
      if (unfinished.length || pending.length) return check.down({ unfinished, pending });
      return check.up({ applied: applied.size });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private shippedMigrations(): string[] | null {
    if (this.shipped === undefined) {
      try {
        const dir = migrationsDir();
        this.shipped = readdirSync(dir, { withFileTypes: true })
          .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
          .map((d) => d.name);
      } catch {
        this.shipped = null;
      }
    }
    return this.shipped;
  }
}
