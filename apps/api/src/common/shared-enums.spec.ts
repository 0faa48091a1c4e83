import * as shared from '@lodestone/shared-types';
import * as prisma from '../generated/prisma/enums.js';

/**
 * prisma/schema.prisma and packages/shared-types each declare the domain enums (the database needs the first, clients
 * and templates the second). This keeps the two copies one: same names, same values, and shared-types' member names
 * derived from the values.
 */

/** Compile-time: fails `npm run typecheck` when the two value unions differ. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: {
  Role: Same<shared.Role, prisma.Role>;
  Severity: Same<shared.Severity, prisma.Severity>;
  PolicyAction: Same<shared.PolicyAction, prisma.PolicyAction>;
  PermitStatus: Same<shared.PermitStatus, prisma.PermitStatus>;
  WatchKind: Same<shared.WatchKind, prisma.WatchKind>;
  DeliveryStatus: Same<shared.DeliveryStatus, prisma.DeliveryStatus>;
  MeasureStatus: Same<shared.MeasureStatus, prisma.MeasureStatus>;
  QuantityUnit: Same<shared.QuantityUnit, prisma.QuantityUnit>;
  MassUnit: Same<shared.MassUnit, prisma.MassUnit>;
} = {
  Role: true,
  Severity: true,
  PolicyAction: true,
  PermitStatus: true,
  WatchKind: true,
  DeliveryStatus: true,
  MeasureStatus: true,
  QuantityUnit: true,
  MassUnit: true,
};

/** shared-types enums with no Prisma counterpart, and why. */
const SHARED_ONLY: Record<string, string> = {
  EventType: "an alert's event kind is which of policyChangeId, permitEventId, screeningEntryId it has",
  MatchVia: 'stored inside the JSON reasons of an alert, not as a column',
  SourcingSituation: "computed on read from a part's suppliers and an event's supplier matches, never stored",
};

/** The enum objects a module exports: plain objects whose values are all UPPER_SNAKE strings. */
function enumsOf(module: Record<string, unknown>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(module)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    const values = Object.values(value);
    if (values.length > 0 && values.every((v) => typeof v === 'string' && /^[A-Z][A-Z0-9_]*$/.test(v)))
      out[name] = value as Record<string, string>;
  }
  return out;
}

const pascal = (value: string) =>
  value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

describe('shared-types enums and Prisma enums', () => {
  const sharedEnums = enumsOf(shared as unknown as Record<string, unknown>);
  const prismaEnums = enumsOf(prisma as unknown as Record<string, unknown>);

  it('type-checks as the same unions', () => {
    expect(Object.values(sameTypes).every(Boolean)).toBe(true);
    expect(Object.keys(sameTypes).sort()).toEqual(
      Object.keys(sharedEnums)
        .filter((n) => n in prismaEnums)
        .sort(),
    );
  });

  it('every shared-types enum exists in the schema under the same name, unless listed with a reason', () => {
    const missing = Object.keys(sharedEnums).filter((n) => !(n in prismaEnums) && !(n in SHARED_ONLY));
    expect(missing).toEqual([]);
    expect(Object.keys(SHARED_ONLY).filter((n) => n in prismaEnums || !(n in sharedEnums))).toEqual([]);
  });

  it('holds the same values in both copies', () => {
    const differ = Object.keys(sharedEnums)
      .filter((n) => n in prismaEnums)
      .map((n) => ({
        name: n,
        shared: Object.values(sharedEnums[n]!).sort(),
        prisma: Object.values(prismaEnums[n]!).sort(),
      }))
      .filter((e) => JSON.stringify(e.shared) !== JSON.stringify(e.prisma));
    expect(differ).toEqual([]);
  });

  it('names each shared-types member after its value (IN_FORCE -> InForce)', () => {
    const misnamed = Object.entries(sharedEnums).flatMap(([name, members]) =>
      Object.entries(members)
        .filter(([member, value]) => member !== pascal(value))
        .map(([member, value]) => `${name}.${member} = ${value}`),
    );
    expect(misnamed).toEqual([]);
  });
});
