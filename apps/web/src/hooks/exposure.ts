/**
 * What affects the tenant now, per element. Today computed in the browser from the alerts, measures, watchlist and
 * suppliers the API already serves; when `GET /v1/exposure` lands, point this one hook at it and keep the shape.
 */
import { useQuery } from '@tanstack/react-query';
import { type Alert, api, type MeasureStatus, type MeasureSummary, type Supplier, type Watch } from '../api/client';

/** Strongest first. */
export const STATUS_STRENGTH: MeasureStatus[] = [
  'IN_FORCE',
  'AMENDED',
  'SUSPENDED',
  'PROPOSED',
  'REPORTED',
  'LIFTED',
  'EXPIRED',
];

export interface ElementExposure {
  symbol: string;
  /** The strongest current status of the measures naming the element; null when none names it. */
  status: MeasureStatus | null;
  watched: boolean;
  /** Watched directly, or named by one of the tenant's alerts (e.g. through an HS-code watch). */
  reachesTenant: boolean;
  measures: MeasureSummary[];
  alerts: number;
  openAlerts: number;
}

export interface Exposure {
  elements: Map<string, ElementExposure>;
  watches: Watch[];
  suppliers: Supplier[];
  measures: MeasureSummary[];
  alerts: Alert[];
  /** Alerts per supplier id (reasons naming the supplier). */
  alertsBySupplier: Map<string, number>;
  changed: { measures: MeasureSummary[]; alerts: Alert[] };
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

async function allMeasures(): Promise<MeasureSummary[]> {
  const out: MeasureSummary[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await api.measures({ limit: 200, cursor });
    out.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return out;
}

export function computeExposure(
  watches: Watch[],
  suppliers: Supplier[],
  measures: MeasureSummary[],
  alerts: Alert[],
  now = Date.now(),
): Exposure {
  const elements = new Map<string, ElementExposure>();
  const get = (symbol: string) => {
    let e = elements.get(symbol);
    if (!e) {
      e = { symbol, status: null, watched: false, reachesTenant: false, measures: [], alerts: 0, openAlerts: 0 };
      elements.set(symbol, e);
    }
    return e;
  };
  for (const w of watches) {
    if (w.kind === 'ELEMENT' && w.elementSymbol) {
      const e = get(w.elementSymbol);
      e.watched = true;
      e.reachesTenant = true;
    }
  }
  const alertsBySupplier = new Map<string, number>();
  for (const a of alerts) {
    const seen = new Set<string>();
    for (const r of a.reasons) {
      if (r.element && !seen.has(r.element)) {
        seen.add(r.element);
        const e = get(r.element);
        e.reachesTenant = true;
        e.alerts++;
        if (a.status === 'OPEN') e.openAlerts++;
      }
      if (r.subject.type === 'SUPPLIER')
        alertsBySupplier.set(r.subject.supplierId, (alertsBySupplier.get(r.subject.supplierId) ?? 0) + 1);
    }
  }
  for (const m of measures) {
    for (const symbol of m.elements) {
      const e = get(symbol);
      e.measures.push(m);
      if (e.status === null || STATUS_STRENGTH.indexOf(m.status) < STATUS_STRENGTH.indexOf(e.status))
        e.status = m.status;
    }
  }
  return {
    elements,
    watches,
    suppliers,
    measures,
    alerts,
    alertsBySupplier,
    changed: {
      measures: measures.filter((m) => now - Date.parse(m.updatedAt) < WEEK_MS),
      alerts: alerts.filter((a) => now - Date.parse(a.createdAt) < WEEK_MS),
    },
  };
}

export function useExposure() {
  return useQuery({
    queryKey: ['exposure'],
    queryFn: async () => {
      const [watches, suppliers, measures, alerts] = await Promise.all([
        api.watchlist(),
        api.suppliers(),
        allMeasures(),
        api.alerts({ limit: 200 }),
      ]);
      return computeExposure(watches, suppliers, measures, alerts.items as Alert[]);
    },
  });
}
