import { Injectable } from '@nestjs/common';
import type { DeliveryStatus } from '@lodestone/shared-types';
import { DeliveriesRepository, type DeliveryView } from '../../mail/outbox.repository.js';

/** A tenant's outbox as the API shows it (the rows themselves belong to the mail module). */
@Injectable()
export class DeliveriesService {
  constructor(private readonly deliveries: DeliveriesRepository) {}

  /**
   * The tenant's outbox rows with `status` (all when omitted), newest first, at most 100: attempts, the SMTP reply of
   * the last failure (`lastError`), Message-ID and timestamps.
   */
  list(tenantId: string, status?: DeliveryStatus): Promise<DeliveryView[]> {
    return this.deliveries.list(tenantId, status);
  }
}
