/**
 * Enumerations shared by the API, the email templates and any client.
 * Values are the strings stored in the database and sent over the wire. Where prisma/schema.prisma has an enum of the
 * same name, it must hold exactly the same values; apps/api/src/common/shared-enums.spec.ts fails when they differ.
 * Member names are the values in PascalCase (`IN_FORCE` -> `InForce`).
 */

/** Who a user is on the platform. */
export const Role = {
  /** Manages tenants; sees all data. */
  PlatformAdmin: 'PLATFORM_ADMIN',
  /** Manages the people, watchlist, suppliers and settings of one tenant. */
  TenantAdmin: 'TENANT_ADMIN',
  /** Reads and acts on the alerts of one tenant; receives alert emails. */
  Buyer: 'BUYER',
} as const;
export type Role = (typeof Role)[keyof typeof Role];

/** How serious an alert is, lowest first. */
export const Severity = {
  Info: 'INFO',
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
  Critical: 'CRITICAL',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];
export const SEVERITY_ORDER: readonly Severity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** What a policy change does to a measure. */
export const PolicyAction = {
  /** A new control (e.g. a licence requirement) is imposed. */
  Imposed: 'IMPOSED',
  /** An existing control is widened, narrowed or otherwise changed. */
  Amended: 'AMENDED',
  /** An existing control is suspended, usually until a date. */
  Suspended: 'SUSPENDED',
  /** A suspended control is back in force. */
  Reinstated: 'REINSTATED',
  /** A control is repealed. */
  Lifted: 'LIFTED',
  /** A rule about how licences are applied for or granted (e.g. general licences). */
  LicensingRule: 'LICENSING_RULE',
  /** A tariff is imposed or changed. */
  Tariff: 'TARIFF',
  /** A notice, proposed rule or investigation: nothing changes yet (e.g. a Federal Register request for comments). */
  Notice: 'NOTICE',
} as const;
export type PolicyAction = (typeof PolicyAction)[keyof typeof PolicyAction];

/** The state of an export licence named in a permit event. */
export const PermitStatus = {
  Applied: 'APPLIED',
  Granted: 'GRANTED',
  Denied: 'DENIED',
  Expiring: 'EXPIRING',
  Revoked: 'REVOKED',
} as const;
export type PermitStatus = (typeof PermitStatus)[keyof typeof PermitStatus];

/** The two kinds of event Lodestone ingests. */
export const EventType = {
  PolicyChange: 'POLICY_CHANGE',
  PermitEvent: 'PERMIT_EVENT',
  /** One of a tenant's suppliers appears on a screening list (e.g. the Entity List). */
  ScreeningHit: 'SCREENING_HIT',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** What a watchlist item watches. */
export const WatchKind = {
  /** A chemical element by symbol, e.g. Dy. */
  Element: 'ELEMENT',
  /** An HS / customs code prefix, digits only, e.g. 2846 or 850511. */
  HsCode: 'HS_CODE',
  /** A control-list entry code, e.g. 1C902 (prefix match on the dotted code). */
  ControlEntry: 'CONTROL_ENTRY',
} as const;
export type WatchKind = (typeof WatchKind)[keyof typeof WatchKind];

/** How a match was made; one per alert reason. */
export const MatchVia = {
  /** The event names the element directly. */
  ElementNamed: 'ELEMENT_NAMED',
  /** The event cites a control-list entry whose reference data names the element. */
  ElementViaControlEntry: 'ELEMENT_VIA_CONTROL_ENTRY',
  /** The event cites a customs code that the reference data ties to this element alone. */
  ElementViaCustomsCode: 'ELEMENT_VIA_CUSTOMS_CODE',
  /** An event HS/customs code starts with the watched prefix. */
  HsCodePrefix: 'HS_CODE_PREFIX',
  /** An event control-list entry equals or falls under the watched entry. */
  ControlEntry: 'CONTROL_ENTRY',
  /** The event names a material form that contains the watched element (NdFeB magnets: Nd). */
  ElementViaMaterialForm: 'ELEMENT_VIA_MATERIAL_FORM',
  /** The event cites a control-list entry whose customs codes fall under the watched HS prefix. */
  HsCodeViaControlEntry: 'HS_CODE_VIA_CONTROL_ENTRY',
  /** The event is about a material form (named, or through a cited entry) that falls under the watched HS prefix. */
  HsCodeViaMaterialForm: 'HS_CODE_VIA_MATERIAL_FORM',
  /** The event cites a customs code that the reference data cites only under the watched control-list entry. */
  ControlEntryViaCustomsCode: 'CONTROL_ENTRY_VIA_CUSTOMS_CODE',
  /** The permit event's exporter is one of the tenant's suppliers. */
  SupplierExporter: 'SUPPLIER_EXPORTER',
  /** The permit event's end user is one of the tenant's suppliers. */
  SupplierEndUser: 'SUPPLIER_END_USER',
  /** One of the tenant's suppliers appears as an entry of a screening list. */
  SupplierScreening: 'SUPPLIER_SCREENING',
  /**
   * The permit event's exporter or end user, or a screening-list entry, may be one of the tenant's suppliers (a score
   * in the possible band): a buyer should confirm or reject it; the decision is remembered for that supplier and name.
   */
  SupplierPossible: 'SUPPLIER_POSSIBLE',
} as const;
export type MatchVia = (typeof MatchVia)[keyof typeof MatchVia];

/** Where a measure stands, on its timeline and on the alerts about it (as later events changed it). */
export const MeasureStatus = {
  InForce: 'IN_FORCE',
  Suspended: 'SUSPENDED',
  Amended: 'AMENDED',
  Lifted: 'LIFTED',
  Expired: 'EXPIRED',
  /** Announced as a proposal or notice; nothing in force yet. */
  Proposed: 'PROPOSED',
  /** Known only from unofficial reports (news). */
  Reported: 'REPORTED',
} as const;
export type MeasureStatus = (typeof MeasureStatus)[keyof typeof MeasureStatus];

/** Status of an outbox row. */
export const DeliveryStatus = {
  Pending: 'PENDING',
  Sending: 'SENDING',
  Sent: 'SENT',
  Failed: 'FAILED',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** What a part's annual quantity counts (issue 15): pieces, or kilograms for bulk materials. */
export const QuantityUnit = {
  /** Pieces. */
  Pcs: 'PCS',
  /** Kilograms. */
  Kg: 'KG',
} as const;
export type QuantityUnit = (typeof QuantityUnit)[keyof typeof QuantityUnit];

/** Unit of a mass per piece of a part: mg, g or kg per piece. */
export const MassUnit = {
  Mg: 'MG',
  G: 'G',
  Kg: 'KG',
} as const;
export type MassUnit = (typeof MassUnit)[keyof typeof MassUnit];

/**
 * How an affected part is sourced (issue 15, docs/parts.md):
 * - SOLE_SOURCED_FROM_AFFECTED: every supplier of the part is one the event affects (no unaffected source on file);
 * - DUAL_SOURCED_WITH_UNAFFECTED: at least two suppliers, at least one of them not affected;
 * - SINGLE_SOURCED: one supplier, not itself affected (the part is reached by what it contains or its code);
 * - NO_SUPPLIER_ON_FILE: the part has no supplier recorded.
 */
export const SourcingSituation = {
  SoleSourcedFromAffected: 'SOLE_SOURCED_FROM_AFFECTED',
  DualSourcedWithUnaffected: 'DUAL_SOURCED_WITH_UNAFFECTED',
  SingleSourced: 'SINGLE_SOURCED',
  NoSupplierOnFile: 'NO_SUPPLIER_ON_FILE',
} as const;
export type SourcingSituation = (typeof SourcingSituation)[keyof typeof SourcingSituation];
