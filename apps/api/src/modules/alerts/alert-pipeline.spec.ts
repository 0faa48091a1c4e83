import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_SRC, applicationSources } from '../../testing/source-files.js';

/**
 * Architecture test of the alert pipeline (docs/architecture.md, "Alert pipeline"): the AlertRaiser is the one place
 * that creates alerts, and the notifications of raised alerts are written only by its subscribers (and the fan-out
 * job one of them writes). Scans the application's TypeScript sources (not the tests, which may seed rows, nor the
 * generated Prisma client) line by line.
 */
const SRC = API_SRC;

/** A kind of write and the files allowed to contain it. */
interface Rule {
  what: string;
  pattern: RegExp;
  allowed: string[];
}

const RULES: Rule[] = [
  {
    what: 'alert creation through Prisma (alert.create / createMany / createManyAndReturn / upsert)',
    pattern: /\balert\s*\??\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(/,
    allowed: [],
  },
  {
    what: 'raw INSERT INTO "Alert"',
    pattern: /INSERT\s+INTO\s+("Alert"|Alert\b)/i,
    allowed: ['modules/alerts/alerts.repository.ts'],
  },
  {
    what: "the repository's bulk alert insert",
    pattern: /\.insertAlertKeys\s*\(/,
    allowed: ['modules/alerts/alert-raiser.ts'],
  },
  {
    what: 'immediate alert email and channel rows (enqueueAlertEmails)',
    pattern: /\.enqueueAlertEmails\s*\(/,
    allowed: ['modules/events/alert-notifications.subscriber.ts', 'modules/events/fanout.service.ts'],
  },
  {
    what: 'fan-out job creation',
    pattern: /\.createJob\s*\(|\bfanoutJob\s*\.\s*(create|createMany|upsert)\s*\(|INSERT\s+INTO\s+"FanoutJob"/,
    allowed: ['modules/events/alert-notifications.subscriber.ts', 'modules/events/fanout.service.ts'],
  },
  {
    what: 'exposure summary emails (queueEmails)',
    pattern: /\.queueEmails\s*\(/,
    allowed: ['modules/exposure/exposure-summary.subscriber.ts'],
  },
];

/** The `file:line: text` of each line of `text` a rule forbids in `file`. */
function violations(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (/^\s*(\*|\/\/)/.test(line)) return; // comments and docstrings may name the calls
    for (const rule of RULES)
      if (rule.pattern.test(line) && !rule.allowed.includes(file))
        out.push(`${file}:${i + 1}: ${rule.what}: ${line.trim()}`);
  });
  return out;
}

describe('alert pipeline architecture', () => {
  it('creates alerts only in the AlertRaiser (and its repository), notifications only in its subscribers', () => {
    const files = applicationSources();
    expect(files).toContain('modules/alerts/alert-raiser.ts'); // the scan reads the real tree
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => violations(f, readFileSync(join(SRC, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('recognises the ways of creating an alert, and not look-alikes', () => {
    const bad = [
      'await tx.alert.create({ data })',
      'return this.prisma.db.alert.createMany({ data: rows })',
      'tx.alert.createManyAndReturn({ data, skipDuplicates: true })',
      'db.alert.upsert({ where, create, update })',
      'await tx.$executeRawUnsafe(`INSERT INTO "Alert" ("id") VALUES ($1)`, id)',
      'insert into alert (id) values ($1)',
      'await this.alerts.insertAlertKeys(tx, rows)',
      'await this.notifications.enqueueAlertEmails(tx, alerts, summary)',
      'await this.fanout.createJob(tx, job)',
      'await tx.fanoutJob.createMany({ data })',
      'await this.repository.queueEmails(tx, rows)',
    ];
    for (const line of bad) expect(violations('modules/screening/x.ts', line)).toHaveLength(1);
    const fine = [
      "eventType: 'alert.created',",
      'timestamp: alert.createdAt.toISOString(),',
      'INSERT INTO "AlertActivity" ("id") VALUES ($1)',
      'tx.alert.findMany({ where })',
      '   * alerts are created by tx.alert.create in the raiser only',
    ];
    for (const line of fine) expect(violations('modules/screening/x.ts', line)).toEqual([]);
    expect(violations('modules/alerts/alerts.repository.ts', 'INSERT INTO "Alert" ("id", "tenantId")')).toEqual([]);
  });
});
