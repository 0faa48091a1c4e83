import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/decorators.js';
import { MetricsService } from './metrics.service.js';

/**
 * GET /metrics: Prometheus text exposition. 404 unless METRICS_ENABLED=true; when METRICS_TOKEN is set, the scraper
 * must send `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise). Aggregates only: no tenant names or ids.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    const { enabled, token } = this.metrics.config.metrics;
    if (!enabled) throw new NotFoundException('Metrics are off (set METRICS_ENABLED=true)');
    if (token) {
      const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
      const wanted = Buffer.from(token);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
        throw new UnauthorizedException('METRICS_TOKEN required as a bearer token');
    }
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  }
}
