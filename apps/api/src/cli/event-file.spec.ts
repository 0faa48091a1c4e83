import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldValidationException } from '../common/validation.js';
import { jlMagLicence, no18 } from '../testing/fixtures.js';
import { readEventFile } from './event-file.js';

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
