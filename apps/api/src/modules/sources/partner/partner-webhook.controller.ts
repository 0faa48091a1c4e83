import { Controller, HttpStatus, Param, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../../common/openapi/errors.js';
import { ApiIdempotencyKey } from '../../../common/openapi/headers.js';
import type { Request, Response } from 'express';
import { Public } from '../../auth/decorators.js';
import { IdempotencyInterceptor } from '../../idempotency/idempotency.interceptor.js';
import { RunReportDto } from '../sources.responses.js';
import { SourcesService, type RunReport } from '../sources.service.js';
import { PartnerSignatureGuard, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './partner-signature.guard.js';

/** Signed pushes from partners. */
@ApiTags('ingestion')
@Public() // not a user route: each partner's HMAC signature is its credential (PartnerSignatureGuard)
@Controller('v1/partners')
export class PartnerWebhookController {
  constructor(private readonly sources: SourcesService) {}

  /**
   * POST /v1/partners/:partner/events with an event file `{ policyChanges, permitEvents }` (ingestion DTO shapes),
   * signed (headers x-lodestone-timestamp, x-lodestone-signature; see PartnerSignatureGuard). The raw body is kept as
   * a payload of source `partner-<name>`; items are ingested one by one (a bad one is named and skipped).
   * 200 `{ source, outcome: "ok", payloads, itemsSeen, itemsNew, errors: [{ item, message }], error: null }`;
   * 422 with the same shape when the body as a whole is unusable; 401 bad signature or timestamp; 404 unknown
   * partner; 409 / 422 for Idempotency-Key reuse (see IdempotencyInterceptor).
   */
  @Post(':partner/events')
  @UseGuards(PartnerSignatureGuard)
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Signed partner push of policy changes and permit events' })
  @ApiHeader({ name: TIMESTAMP_HEADER, description: 'Unix time in seconds; must be within the replay window' })
  @ApiHeader({
    name: SIGNATURE_HEADER,
    description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the partner secret>',
  })
  @ApiParam({
    name: 'partner',
    example: 'acme',
    description: 'The partner (its events are stored under source partner-<name>)',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: RunReportDto, description: 'Items ingested one by one; a bad one is named in `errors`' })
  @ApiResponse({
    status: 422,
    type: RunReportDto,
    description: 'The body as a whole is unusable (outcome failed); or the Idempotency-Key was used with another body',
  })
  @ApiErrors(
    { status: 401, description: 'Bad signature or timestamp' },
    { status: 404, description: 'Unknown partner' },
  )
  async receive(
    @Param('partner') partner: string,
    @Req() req: Request & { rawBody?: Buffer },
    @Res({ passthrough: true }) res: Response,
  ): Promise<RunReport> {
    const report = await this.sources.push(`partner-${partner}`, {
      url: null,
      status: null,
      contentType: req.headers['content-type'] ?? 'application/json',
      body: (req.rawBody ?? Buffer.alloc(0)).toString('utf8'),
    });
    res.status(report.outcome === 'ok' ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY);
    return report;
  }
}
