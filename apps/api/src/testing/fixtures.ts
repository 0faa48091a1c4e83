import type { TenantSetup } from '../modules/tenants/tenants.service.js';
import type { PermitEventDto } from '../modules/events/dto/permit-event.dto.js';
import type { PolicyChangeDto } from '../modules/events/dto/policy-change.dto.js';

/** MOFCOM/GAC Announcement 2025 No. 18 (facts from shared/data/cn; see apps/api/demo/events-2025.json). */
export const no18 = {
  source: 'mofcom',
  externalId: 'MOFCOM-GAC-2025-18',
  jurisdiction: 'CN',
  issuer: 'MOFCOM/GAC',
  action: 'IMPOSED',
  title: 'Export licences required for seven medium and heavy rare earths (Sm, Gd, Tb, Dy, Lu, Sc, Y)',
  summary: 'Sm, Gd, Tb, Dy, Lu, Sc and Y items need a dual-use export licence from 4 April 2025.',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  effectiveDate: '2025-04-04',
  elements: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'],
  controlEntries: ['1C902', '1C903', '1C904', '1C905', '1C906', '1C907', '1C908'],
  hsCodes: ['2805301910', '3824999922', '2846901940'],
  sourceUrl: 'https://www.mofcom.gov.cn/zcfb/zc/art/2025/art_a6ea0f03b9be475a9d06ee9d088d605d.html',
} satisfies PolicyChangeDto;

/** The 2 December 2025 general licence to JL MAG, named in Chinese. */
export const jlMagLicence = {
  source: 'news',
  externalId: '2025-12-02-general-licence-jl-mag',
  jurisdiction: 'CN',
  issuer: 'MOFCOM',
  status: 'GRANTED',
  title: 'One-year general rare-earth export licence granted to JL MAG',
  exporterName: '江西金力永磁科技股份有限公司',
  validFrom: '2025-12-02',
} satisfies PermitEventDto;

/**
 * A magnet maker watching Dy and HS 2846, buying from JL MAG; one buyer and one tenant admin who has unsubscribed from
 * emails (so that the buyer's are the only ones; admins receive alerts unless they opt out).
 */
export function magnetMaker(slug: string, buyerEmail = `buyer@${slug}.example`): TenantSetup {
  return {
    slug,
    name: `${slug} GmbH`,
    users: [
      { email: buyerEmail, name: 'Mei Chen', role: 'BUYER', timeZone: 'Europe/Berlin' },
      { email: `admin@${slug}.example`, name: 'Jonas Weber', role: 'TENANT_ADMIN', unsubscribed: true },
    ],
    watches: [
      { kind: 'ELEMENT', elementSymbol: 'Dy' },
      { kind: 'HS_CODE', hsPrefix: '2846' },
    ],
    suppliers: [{ legalNameEn: 'JL MAG Rare-Earth Co., Ltd.', legalNameZh: '江西金力永磁科技股份有限公司' }],
  };
}
