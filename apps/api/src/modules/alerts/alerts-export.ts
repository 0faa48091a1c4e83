import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { MatchReason, PartsImpact } from '@lodestone/shared-types';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/** The formats of `GET /v1/alerts/export`. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The alert fields an export reads (the list view of the alerts API). */
export interface ExportableAlert {
  id: string;
  createdAt: Date;
  severity: string;
  status: string;
  title: string;
  reasons: unknown;
  assigneeId: string | null;
  policyChangeId: string | null;
  permitEventId: string | null;
  /** The alert's impact on the tenant's parts (issue 15), when computed. */
  impact?: PartsImpact;
}

/** The columns of an export, in order, with their header. One row per alert. */
export const EXPORT_COLUMNS = [
  ['id', 'Alert ID'],
  ['createdAt', 'Created (UTC, ISO-8601)'],
  ['severity', 'Severity'],
  ['status', 'Status'],
  ['title', 'Title'],
  ['elements', 'Elements'],
  ['watches', 'Watches matched'],
  ['suppliers', 'Suppliers matched'],
  ['reasons', 'Why it matched'],
  ['assigneeId', 'Assignee user ID'],
  ['eventId', 'Event ID'],
  ['link', 'Link'],
  ['partsAffected', 'Parts affected'],
  ['productsAffected', 'Products affected'],
  ['annualSpendAtRisk', 'Annual spend at risk (per currency)'],
  ['soleSourcedParts', 'Parts sole-sourced from an affected supplier'],
  ['elementMassAtRisk', 'Element mass at risk (kg/year)'],
  ['impact', 'Impact'],
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number][0], string>;

/**
 * One export row of an alert: reasons flattened into readable cells (elements and matched subjects de-duplicated,
 * reason sentences one per line), the timestamp as ISO-8601 UTC, and the alert's link under PUBLIC_URL.
 *
 * @param alert - an alert as the alerts API lists it.
 * @param publicUrl - PUBLIC_URL without a trailing slash.
 * @returns the row keyed by column id; never throws (malformed reasons give empty cells).
 */
export function exportRow(alert: ExportableAlert, publicUrl: string): ExportRow {
  const reasons = (Array.isArray(alert.reasons) ? alert.reasons : []) as MatchReason[];
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))].join('; ');
  return {
    id: alert.id,
    createdAt: alert.createdAt.toISOString(),
    severity: alert.severity,
    status: alert.status,
    title: alert.title,
    elements: unique(reasons.map((r) => r.element)),
    watches: unique(reasons.map((r) => (r.subject?.type === 'WATCH' ? r.subject.label : undefined))),
    suppliers: unique(reasons.map((r) => (r.subject?.type === 'SUPPLIER' ? r.subject.label : undefined))),
    reasons: unique(reasons.map((r) => r.text)).replaceAll('; ', '\n'),
    assigneeId: alert.assigneeId ?? '',
    eventId: alert.policyChangeId ?? alert.permitEventId ?? '',
    link: `${publicUrl}/alerts/${alert.id}`,
    partsAffected: alert.impact ? String(alert.impact.parts) : '',
    productsAffected: alert.impact ? String(alert.impact.products) : '',
    annualSpendAtRisk: alert.impact?.annualSpend.map((m) => `${m.currency} ${m.amount}`).join('; ') ?? '',
    soleSourcedParts: alert.impact ? String(alert.impact.sourcing.SOLE_SOURCED_FROM_AFFECTED) : '',
    elementMassAtRisk:
      alert.impact?.elementMass
        .map(
          (m) => `${m.symbol} ${m.kgPerYear}${m.partsWithUnknownMass ? ` (+${m.partsWithUnknownMass} unknown)` : ''}`,
        )
        .join('; ') ?? '',
    impact: alert.impact?.headline ?? '',
  };
}

/**
 * Streams pages of alerts to `out` as CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read CJK names) or XLSX
 * (exceljs' streaming writer: rows are committed as they come, memory stays flat). Pages are pulled one at a time
 * and written with back-pressure, so an export of 100,000 alerts never holds them all.
 *
 * @param pages - async pages of alerts, newest first.
 * @param format - `csv` or `xlsx`.
 * @param out - the response stream; ended when the export is complete.
 * @param publicUrl - PUBLIC_URL, for the alert links.
 * @returns the number of alerts written.
 * @throws whatever reading a page throws (the response is then cut short; the caller has already sent headers).
 */
export async function writeAlertsExport(
  pages: AsyncIterable<ExportableAlert[]>,
  format: ExportFormat,
  out: Writable,
  publicUrl: string,
): Promise<number> {
  let count = 0;
  if (format === 'csv') {
    out.write('\uFEFF');
    const csv = stringify({ header: true, columns: EXPORT_COLUMNS.map(([key, header]) => ({ key, header })) });
    csv.pipe(out);
    for await (const page of pages) {
      for (const alert of page) {
        count++;
        if (!csv.write(exportRow(alert, publicUrl))) await once(csv, 'drain');
      }
    }
    csv.end();
    await once(out, 'finish');
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('Alerts');
  sheet.columns = EXPORT_COLUMNS.map(([key, header]) => ({
    key,
    header,
    width: key === 'reasons' ? 80 : key === 'title' ? 50 : 24,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const page of pages) {
    for (const alert of page) {
      count++;
      sheet.addRow(exportRow(alert, publicUrl)).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
