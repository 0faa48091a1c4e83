import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldValidationException } from '../common/validation.js';
import { jlMagLicence, no18 } from '../testing/fixtures.js';
import { formatIngestLine, lockedDatabaseAdvice, readEventFile } from './event-file.js';

const write = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lodestone-events-')), 'events.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('readEventFile', () => {
  it('reads policy changes and permit events into validated DTOs', async () => {
    const file = await readEventFile(write({ _about: 'comment', policyChanges: [no18], permitEvents: [jlMagLicence] }));
    expect(file.policyChanges.map((p) => p.externalId)).toEqual(['MOFCOM-GAC-2025-18']);
    expect(file.permitEvents.map((p) => p.exporterName)).toEqual(['江西金力永磁科技股份有限公司']);
  });

  it('reports every bad field of every event with its path', async () => {
    const error = await readEventFile(
      write({
        policyChanges: [no18, { ...no18, action: 'NOPE' }],
        permitEvents: [{ ...jlMagLicence, validTo: '2026-13-45', extra: 1 }],
        surprise: [],
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldValidationException);
    expect((error as FieldValidationException).errors.map((e) => e.field).sort()).toEqual([
      'permitEvents[0].extra',
      'permitEvents[0].validTo',
      'policyChanges[1].action',
      'surprise',
    ]);
  });

  it('says so when the file is not JSON', async () => {
    await expect(readEventFile(write('{"policyChanges": ['))).rejects.toThrow(/Cannot read .* as JSON/);
  });
});

describe('readEventFile: one event object', () => {
  it('reads a single policy change or permit event, as POSTed to the API', async () => {
    const policy = await readEventFile(write({ ...no18, externalId: ' U-14 ' }));
    expect(policy).toMatchObject({ single: 'policy change', permitEvents: [] });
    expect(policy.policyChanges.map((p) => p.externalId)).toEqual(['U-14']);
    const permit = await readEventFile(write(jlMagLicence));
    expect(permit).toMatchObject({ single: 'permit event', policyChanges: [] });
    expect(permit.permitEvents.map((p) => p.exporterName)).toEqual(['江西金力永磁科技股份有限公司']);
  });

  it('names the bad fields of a single event without a list prefix; refuses JSON that is not an object', async () => {
    const error = await readEventFile(write({ ...jlMagLicence, status: 'MAYBE' })).catch((e: unknown) => e);
    expect((error as FieldValidationException).errors.map((e) => e.field)).toEqual(['status']);
    await expect(readEventFile(write([no18]))).rejects.toThrow(/must hold a JSON object/);
    await expect(readEventFile(write({ title: 'neither' }))).rejects.toThrow(FieldValidationException);
  });
});

describe('ingest CLI messages', () => {
  it('prints one line per stored event', () => {
    expect(
      formatIngestLine({
        kind: 'policy change',
        externalId: 'U-14',
        title: 't',
        created: true,
        alerts: 2,
        emailsQueued: 3,
      }),
    ).toMatch(/^new {3}policy change +U-14 +alerts 2 {2}emails queued 3$/);
  });

  it('tells the user a running API holds the embedded database and how to POST the file to it', () => {
    const base = { dataDir: '/srv/.data/db', pid: 4242, publicUrl: 'http://localhost:3000' };
    const single = lockedDatabaseAdvice({ ...base, file: "it's.json", tokenRequired: false, single: 'permit event' });
    expect(single).toContain('in use by a running Lodestone API (process 4242)');
    expect(single).toContain(
      `curl -sS -X POST http://localhost:3000/v1/permit-events -H 'Content-Type: application/json' --data-binary @'it'\\''s.json'`,
    );
    const both = lockedDatabaseAdvice({ ...base, file: 'events.json', tokenRequired: true });
    expect(both).toContain(`jq -c '.policyChanges[]?' 'events.json' | while read -r e; do curl`);
    expect(both).toContain('/v1/permit-events');
    expect(both).toContain('Authorization: Bearer $INGEST_API_TOKEN');
    expect(both).toMatch(/stop the API and run `npm run ingest` again/);
  });
});
