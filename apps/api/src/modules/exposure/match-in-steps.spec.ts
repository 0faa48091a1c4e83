import type { MatchReason } from '@lodestone/shared-types';
import type { BackfillHit } from '../../matching/event-index.js';
import type { SupplierSpec, WatchSpec } from '../../matching/types.js';
import { BACKFILL_WATCH_STEP, matchInSteps } from './exposure.service.js';

const reason = (text: string) => ({ text }) as unknown as MatchReason;
const watches = (n: number): WatchSpec[] =>
  Array.from({ length: n }, (_, i) => ({ id: `w${i}`, tenantId: 't', kind: 'ELEMENT', elementSymbol: 'Dy' }));
const supplier: SupplierSpec = { id: 's1', tenantId: 't', legalNameEn: 'JL MAG Rare-Earth Co., Ltd.', aliases: [] };

/** A stand-in for EventIndex.match: event e1 reached by every watch, e2 by even ones, e3 by the supplier only. */
function fakeMatch(ws: WatchSpec[], ss: SupplierSpec[]): BackfillHit[] {
  const hits: BackfillHit[] = [];
  const supplierReasons = ss.map((s) => reason(`supplier ${s.id}`));
  hits.push({
    eventId: 'e1',
    type: 'POLICY_CHANGE',
    severity: ss.length ? 'HIGH' : 'MEDIUM',
    reasons: [...ws.map((w) => reason(w.id)), ...supplierReasons],
  });
  const even = ws.filter((w) => Number(w.id.slice(1)) % 2 === 0);
  if (even.length)
    hits.push({ eventId: 'e2', type: 'POLICY_CHANGE', severity: 'LOW', reasons: even.map((w) => reason(w.id)) });
  if (ss.length) hits.push({ eventId: 'e3', type: 'PERMIT_EVENT', severity: 'CRITICAL', reasons: supplierReasons });
  return hits.filter((h) => h.reasons.length);
}

describe('matchInSteps (back-matching in steps that yield to the event loop)', () => {
  it('is one call when the watches and suppliers fit in one step', async () => {
    const ws = watches(BACKFILL_WATCH_STEP - 1);
    expect(await matchInSteps(fakeMatch, ws, [supplier])).toEqual(fakeMatch(ws, [supplier]));
  });

  it('answers as one call over every watch: reasons in watch order, suppliers last, the highest severity', async () => {
    const ws = watches(2 * BACKFILL_WATCH_STEP + 50);
    const stepped = await matchInSteps(fakeMatch, ws, [supplier]);
    const whole = fakeMatch(ws, [supplier]);
    const byEvent = (hits: BackfillHit[]) => new Map(hits.map((h) => [h.eventId, h]));
    expect(byEvent(stepped)).toEqual(byEvent(whole));
    expect(stepped.find((h) => h.eventId === 'e1')!.reasons.at(-1)).toEqual(reason('supplier s1'));
  });

  it('steps through many suppliers too, with the same answer', async () => {
    const ss: SupplierSpec[] = Array.from({ length: 450 }, (_, i) => ({ ...supplier, id: `s${i}` }));
    const ws = watches(30);
    const byEvent = (hits: BackfillHit[]) => new Map(hits.map((h) => [h.eventId, h]));
    expect(byEvent(await matchInSteps(fakeMatch, ws, ss))).toEqual(byEvent(fakeMatch(ws, ss)));
  });
});
