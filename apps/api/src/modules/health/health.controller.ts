import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/decorators.js';
import { PrismaService } from '../../database/prisma.service.js';

/** Liveness and readiness. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
  ) {}

  /** GET /health: 200 `{ status: "ok", info: { database: { status: "up", kind } } }`, 503 when the database is down. */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health check (database round trip)' })
  check() {
    return this.health.check([() => this.database()]);
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
}
