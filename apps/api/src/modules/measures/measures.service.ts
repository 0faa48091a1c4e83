import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import type { MeasureStatus, PolicyAction } from '../../generated/prisma/enums.js';
import { measureLinks, statusAfter } from './measure-keys.js';
import { MeasuresRepository } from './measures.repository.js';

/** What the linker reads of a stored policy change. */
export interface LinkablePolicyChange {
  id: string;
  source: string;
  externalId: string;
  action: PolicyAction;
  official: boolean;
  title: string;
  summary: string;
  reference: string | null;
  affects: string[];
  publishedAt: Date | null;
  publishedOn: Date | null;
  effectiveDate: Date | null;
}

/**
 * Links policy changes from any source (MOFCOM, Federal Register, news, partners) to the measures they are about,
 * building each measure's status timeline: one step per (measure, event), with the event's role (SELF: the
 * announcement itself; AFFECTS: it suspends / amends / lifts / reinstates it; CITES: it mentions it, e.g. news) and
 * the status after it. Runs in the ingestion transaction. Keys and rules: measure-keys.ts.
 */
@Injectable()
export class MeasuresService {
  constructor(private readonly repository: MeasuresRepository) {}

  /** @returns the keys of the measures the event was linked to. */
  async link(tx: Tx, pc: LinkablePolicyChange): Promise<string[]> {
    const publishedOn = pc.publishedOn?.toISOString().slice(0, 10) ?? pc.publishedAt?.toISOString().slice(0, 10) ?? null;
    const links = measureLinks({ ...pc, publishedOn });
    for (const { key, role } of links) {
      const current = await this.repository.find(tx, key);
      const status = statusAfter(pc.action, role, pc.official, current?.status ?? null) as MeasureStatus;
      await this.repository.upsert(tx, key, status, role === 'SELF' && pc.official ? pc.title : current ? null : pc.title);
      await this.repository.addStep(tx, {
        measureKey: key,
        policyChangeId: pc.id,
        role,
        action: pc.action,
        official: pc.official,
        statusAfter: status,
        occurredOn: pc.effectiveDate ?? pc.publishedOn ?? (pc.publishedAt ? new Date(`${pc.publishedAt.toISOString().slice(0, 10)}T00:00:00Z`) : null),
      });
    }
    return links.map((l) => l.key);
  }

  /** A measure with its timeline, or null. */
  timeline(key: string) {
    return this.repository.withTimeline(key);
  }
}
