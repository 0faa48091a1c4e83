import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DeliveryDto } from '../notifications/notifications.responses.js';
import { DeliveryStatus } from '@lodestone/shared-types';
import type { DeliveryView } from '../../mail/outbox.repository.js';
import { Roles, TenantId } from '../auth/decorators.js';
import { DeliveriesService } from './deliveries.service.js';

const STATUSES = Object.values(DeliveryStatus);

/** The tenant's outbox (tenant admins; platform admins with X-Tenant-Id). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  /**
   * GET /v1/deliveries?status=FAILED: the tenant's outbox rows, newest first (at most 100), with attempts, the SMTP
   * reply of the last failure (`lastError`), Message-ID and timestamps (ISO-8601 UTC). TENANT_ADMIN (and platform
   * admins with X-Tenant-Id). 400 naming `status` when it is not PENDING, SENDING, SENT or FAILED.
   */
  @Get()
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: "The tenant's email outbox, newest first (at most 100)" })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: STATUSES,
    enumName: 'DeliveryStatus',
    description: 'only rows in this status',
  })
  @ApiOkResponse({ type: [DeliveryDto] })
  list(@TenantId() tenantId: string, @Query('status') status?: string): Promise<DeliveryView[]> {
    if (status !== undefined && !STATUSES.includes(status as DeliveryStatus)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed: status',
        errors: [{ field: 'status', messages: [`status must be one of ${STATUSES.join(', ')}`] }],
      });
    }
    return this.deliveries.list(tenantId, status as DeliveryStatus | undefined);
  }
}
