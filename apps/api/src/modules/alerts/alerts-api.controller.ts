import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { FieldValidationException } from '../../common/validation.js';
import { ApiPage } from '../../common/openapi/page.js';
import { CurrentPrincipal, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  AlertStatusDto,
  AssignAlertDto,
  CommentAlertDto,
  ExportAlertsQueryDto,
  ListAlertsQueryDto,
} from './alerts-api.dto.js';
import type { AlertFilter } from './alerts-api.repository.js';
import { AlertActivityDto, AlertDetailDto, AlertDto } from './alerts-api.responses.js';
import { writeAlertsExport } from './alerts-export.js';
import { AlertsApiService } from './alerts-api.service.js';

/**
 * The repository filter of the list and export queries (dates parsed; both carry a zone, checked by the DTO;
 * `assignee`: 'me' is the caller, 'none' unassigned, else a user id).
 * @throws FieldValidationException (400, field `assignee`) for 'me' from an API token, which is nobody's.
 */
function filterOf(q: ExportAlertsQueryDto, principal: Principal): AlertFilter {
  let assigneeId: string | null | undefined;
  if (q.assignee === 'none') assigneeId = null;
  else if (q.assignee === 'me') {
    if (!principal.userId)
      throw new FieldValidationException([
        { field: 'assignee', messages: ["assignee=me needs a signed-in user; an API token is nobody's assignee"] },
      ]);
    assigneeId = principal.userId;
  } else assigneeId = q.assignee?.toLowerCase();
  return {
    element: q.element,
    supplierId: q.supplierId,
    assigneeId,
    severity: q.severity,
    status: q.status,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/**
 * A tenant's alerts for its buyers and admins. Alert: `{ id, tenantId, severity, status, title, reasons: MatchReason[],
 * assigneeId, createdAt (ISO-8601 UTC), policyChangeId, permitEventId }`. History entry: `{ id, alertId, actorUserId,
 * kind, comment, before, after, createdAt }`. Another tenant's alert is 404.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller('v1/alerts')
export class AlertsApiController {
  constructor(
    private readonly alerts: AlertsApiService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * GET /v1/alerts?element&supplierId&assignee&severity&status&from&to&limit&cursor → `{ items, nextCursor }`, newest
   * first. 400 names a bad filter (e.g. `assignee=me` with an API token).
   */
  @Get()
  @ApiOperation({ summary: 'List alerts with filters and cursor pagination' })
  @ApiPage(AlertDto, 'Alerts, newest first')
  list(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Query() q: ListAlertsQueryDto) {
    return this.alerts.list(tenantId, filterOf(q, p), q.limit ?? 50, q.cursor);
  }

  /**
   * GET /v1/alerts/export?format=csv|xlsx&element&supplierId&assignee&severity&status&from&to → every matching alert as a file
   * (`text/csv; charset=utf-8` with BOM, or XLSX), streamed page by page, newest first. Columns: alert ID, created
   * (ISO-8601 UTC), severity, status, title, elements, watches and suppliers matched, reason sentences, assignee, event
   * ID, link, and the impact on the tenant's parts (parts and products affected, annual spend at risk per currency,
   * parts sole-sourced from an affected supplier, element mass at risk in kg/year, the impact sentence). 400 names a
   * bad filter or format.
   */
  @Get('export')
  @ApiOperation({ summary: 'Export alerts as CSV or XLSX (same filters as the list)' })
  @ApiOkResponse({
    description: 'The file, as an attachment (Content-Disposition)',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  async export(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Query() q: ExportAlertsQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const filter = filterOf(q, p);
    const format = q.format ?? 'csv';
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader(
      'Content-Type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="lodestone-alerts-${day}.${format}"`);
    try {
      await writeAlertsExport(this.alerts.pagesWithImpact(tenantId, filter), format, res, this.config.publicUrl);
    } catch (error) {
      // Headers are gone: cut the response so the client sees an incomplete file, not a silently short one.
      res.destroy(error as Error);
    }
  }

  /** GET /v1/alerts/:id → the alert with its `history`. */
  @Get(':id')
  @ApiOperation({ summary: 'One alert with its history' })
  @ApiOkResponse({ type: AlertDetailDto })
  @ApiErrors(404)
  get(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.get(tenantId, id);
  }

  /** GET /v1/alerts/:id/history → the history entries, oldest first. */
  @Get(':id/history')
  @ApiOperation({ summary: "An alert's history (acknowledgements, assignments, comments, status changes)" })
  @ApiOkResponse({ type: [AlertActivityDto], description: 'Oldest first' })
  @ApiErrors(404)
  history(@TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.history(tenantId, id);
  }

  /** POST /v1/alerts/:id/acknowledge → 200 the alert (status ACKNOWLEDGED). */
  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Acknowledge an alert' })
  @ApiOkResponse({ type: AlertDto })
  @ApiErrors(404)
  acknowledge(@CurrentPrincipal() p: Principal, @TenantId() tenantId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.alerts.setStatus(p, tenantId, id, 'ACKNOWLEDGED');
  }

  /** POST /v1/alerts/:id/status `{ status }` → 200 the alert. */
  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Set the status (OPEN, ACKNOWLEDGED, RESOLVED)' })
  @ApiOkResponse({ type: AlertDto })
  @ApiErrors(404)
  status(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AlertStatusDto,
  ) {
    return this.alerts.setStatus(p, tenantId, id, dto.status);
  }

  /** POST /v1/alerts/:id/assign `{ userId | null }` → 200 the alert; 400 (field userId) for a user not in this tenant. */
  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Assign an alert to a user of the tenant' })
  @ApiOkResponse({ type: AlertDto })
  @ApiErrors(404)
  assign(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AssignAlertDto,
  ) {
    return this.alerts.assign(p, tenantId, id, dto.userId);
  }

  /** POST /v1/alerts/:id/comments `{ text }` → 201 the history entry. */
  @Post(':id/comments')
  @ApiOperation({ summary: 'Comment on an alert' })
  @ApiCreatedResponse({ type: AlertActivityDto, description: 'The history entry' })
  @ApiErrors(404)
  comment(
    @CurrentPrincipal() p: Principal,
    @TenantId() tenantId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CommentAlertDto,
  ) {
    return this.alerts.comment(p, tenantId, id, dto.text);
  }
}
