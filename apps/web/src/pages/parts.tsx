import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { type AffectedPart, type Alternatives, ApiError, api, type CreatePart, type Part } from '../api/client';
import { CsvImport } from '../components/csv-import';
import {
  formatKgPerYear,
  formatMoney,
  formatQuantity,
  formatShare,
  ImpactFigures,
  SourcingBadge,
} from '../components/impact';
import { ErrorMessage, Field, Loading, MeasureStatusBadge, SeverityBadge } from '../components/ui';
import { useSession } from '../session';

const MASS_UNIT = { MG: 'mg', G: 'g', KG: 'kg' } as const;

/** Material form names by code (GET /v1/material-forms), e.g. NDFEB_MAGNET → its English name. */
type FormNames = Map<string, string>;

/** One material line: "NdFeB … magnet: Dy (0.8% of the unit mass)", "Ga (2 mg per piece)". */
function materialText(m: Part['materials'][number], forms: FormNames): string {
  const form = m.materialForm ? (forms.get(m.materialForm) ?? m.materialForm) : null;
  const what = [form, m.elementSymbol].filter(Boolean).join(': ');
  const mass =
    m.massPerUnit !== null && m.massUnit
      ? `${m.massPerUnit} ${MASS_UNIT[m.massUnit]} per piece`
      : m.massFraction !== null
        ? `${formatShare(m.massFraction)} of the unit mass`
        : 'mass not given';
  return `${what} (${mass})`;
}

/** How a part not reached by any alert is sourced, from its suppliers on file. */
function sourcingOnFile(p: Part): string {
  if (p.suppliers.length === 0) return 'No supplier on file';
  if (p.suppliers.length === 1) return 'Single-sourced';
  return `Multi-sourced (${p.suppliers.length} suppliers)`;
}

export function PartsPage() {
  const { user } = useSession();
  const admin = user?.role === 'TENANT_ADMIN';
  const search = useSearch({ from: '/app/parts' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const parts = useQuery({ queryKey: ['parts'], queryFn: api.parts });
  const formList = useQuery({ queryKey: ['material-forms'], queryFn: api.materialForms, staleTime: Infinity });
  const forms: FormNames = new Map((formList.data ?? []).map((f) => [f.code, f.nameEn]));
  const reached = useQuery({ queryKey: ['exposure', 'parts'], queryFn: api.exposureParts });
  const [editing, setEditing] = useState<Part | null>(null);
  const remove = useMutation({
    mutationFn: api.deletePart,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['parts'] });
      void qc.invalidateQueries({ queryKey: ['exposure'] });
    },
  });
  const affected = new Map((reached.data?.impact.affectedParts ?? []).map((a) => [a.partId, a]));
  const alertsOf = new Map((reached.data?.alertsByPart ?? []).map((a) => [a.partId, a.alertIds]));
  const open = (id: string | undefined) => void navigate({ to: '/parts', search: id ? { part: id } : {} });
  const selected = search.part ? parts.data?.find((p) => p.id === search.part) : undefined;

  return (
    <div className="page">
      <h1>Parts</h1>
      <section className="card" aria-labelledby="pi-title">
        <h2 id="pi-title">What the current alerts mean for your parts</h2>
        {reached.isPending && <Loading what="the impact" />}
        <ErrorMessage error={reached.error} />
        {reached.data && <ImpactFigures impact={reached.data.impact} />}
      </section>
      <WatchGaps admin={admin} />
      <section className="card" aria-labelledby="pl-title">
        <h2 id="pl-title">Your parts</h2>
        {parts.isPending && <Loading what="parts" />}
        <ErrorMessage error={parts.error ?? remove.error} />
        {parts.data?.length === 0 && (
          <p>
            No parts yet.{admin ? ' Add one below or import a CSV file.' : ' A tenant admin can add or import them.'}
          </p>
        )}
        {!!parts.data?.length && (
          <div className="table-scroll">
            <table className="parts">
              <caption className="visually-hidden">
                Your parts, with the ones current alerts reach marked “Affected”
              </caption>
              <thead>
                <tr>
                  <th scope="col">Part</th>
                  <th scope="col">HS code</th>
                  <th scope="col">Materials</th>
                  <th scope="col">Suppliers (share)</th>
                  <th scope="col">Annual spend</th>
                  <th scope="col">Products</th>
                  <th scope="col">Sourcing</th>
                  {admin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {parts.data.map((p) => {
                  const a = affected.get(p.id);
                  return (
                    <tr key={p.id} className={a ? 'row-warn' : ''} aria-current={p.id === search.part || undefined}>
                      <th scope="row">
                        <Link to="/parts" search={{ part: p.id }} id={`part-link-${p.id}`}>
                          {p.partNumber}
                        </Link>{' '}
                        {a ? (
                          <span className="badge sev-high">
                            <span aria-hidden="true">▲ </span>Affected by {alertsOf.get(p.id)?.length ?? 0} alert(s)
                          </span>
                        ) : (
                          <span className="badge">Not affected</span>
                        )}
                        {p.description && <div className="muted small-text">{p.description}</div>}
                      </th>
                      <td className="code">{p.hsCode ?? '—'}</td>
                      <td className="materials">
                        <ul className="plain small-text">
                          {p.materials.map((m) => (
                            <li key={materialText(m, forms)}>{materialText(m, forms)}</li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <ul className="plain small-text">
                          {p.suppliers.map((s) => (
                            <li key={s.supplierId}>
                              {s.name} ({formatShare(s.shareOfVolume)})
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td className="num">{p.annualSpend ? formatMoney(p.annualSpend) : '—'}</td>
                      <td>
                        <ul className="plain small-text">
                          {p.products.map((x) => (
                            <li key={x.productId}>
                              {x.name} <span className="muted">({x.code})</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>{a ? <SourcingBadge sourcing={a.sourcing} /> : sourcingOnFile(p)}</td>
                      {admin && (
                        <td className="actions">
                          <button type="button" className="secondary" onClick={() => setEditing(p)}>
                            Edit<span className="visually-hidden"> {p.partNumber}</span>
                          </button>
                          <button
                            type="button"
                            className="danger"
                            onClick={() => {
                              if (confirm(`Delete part ${p.partNumber}?`)) remove.mutate(p.id);
                            }}
                          >
                            Delete<span className="visually-hidden"> {p.partNumber}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {search.part && parts.data && !selected && (
        <p className="error" role="alert">
          This part is not among your parts (deleted, or of another tenant).
        </p>
      )}
      {selected && (
        <PartDetail
          key={selected.id}
          part={selected}
          affected={affected.get(selected.id)}
          alertIds={alertsOf.get(selected.id) ?? []}
          forms={forms}
          onClose={() => {
            const id = selected.id;
            open(undefined);
            // Back to where the person was: the part's link in the table.
            requestAnimationFrame(() => document.getElementById(`part-link-${id}`)?.focus());
          }}
        />
      )}
      {admin && <PartForm key={editing?.id ?? 'new'} part={editing} onDone={() => setEditing(null)} />}
      {admin && (
        <CsvImport
          what="parts"
          columns="partNumber,description,hsCode,sites,unitMass,unitMassUnit,annualQuantity,quantityUnit,annualSpend,currency,materials,suppliers,products"
        />
      )}
    </div>
  );
}

/** The drill-down of one part: what reaches it (alerts and their measures), its figures, alternatives per element. */
function PartDetail(props: {
  part: Part;
  affected?: AffectedPart;
  alertIds: string[];
  forms: FormNames;
  onClose: () => void;
}) {
  const { part, affected, alertIds, forms } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const alerts = useQueries({
    queries: alertIds.map((id) => ({ queryKey: ['alert', id], queryFn: () => api.alert(id) })),
  });
  // Other sources for the elements the part contains, those the alerts reach it by first.
  const contained = part.materials.map((m) => m.elementSymbol).filter((e): e is string => !!e);
  const reachedBy = (affected?.reasons ?? []).map((r) => r.element).filter((e): e is string => !!e);
  const reachedContained = reachedBy.filter((e) => contained.includes(e));
  const elements = [...new Set(reachedContained.length ? reachedContained : contained)];

  return (
    <section className="card part-detail" aria-labelledby="pd-title">
      <button type="button" className="close secondary" onClick={props.onClose} aria-label="Close part detail">
        ✕
      </button>
      <h2 id="pd-title" tabIndex={-1} ref={heading}>
        {part.partNumber}
        {part.description && <span className="muted"> · {part.description}</span>}
      </h2>
      {affected ? (
        <p>
          <span className="badge sev-high">
            <span aria-hidden="true">▲ </span>Affected
          </span>{' '}
          <SourcingBadge sourcing={affected.sourcing} />{' '}
          {affected.unaffectedShare !== null && (
            <span>{formatShare(affected.unaffectedShare)} of its volume comes from suppliers not affected.</span>
          )}
        </p>
      ) : (
        <p>
          <span className="badge">Not affected</span> No current alert reaches this part.
        </p>
      )}
      <div className="two-col">
        <div>
          <h3>The part</h3>
          <dl className="figures">
            <div>
              <dt>HS code</dt>
              <dd>{part.hsCode ?? '—'}</dd>
            </div>
            <div>
              <dt>Unit mass</dt>
              <dd>{part.unitMass && part.unitMassUnit ? `${part.unitMass} ${MASS_UNIT[part.unitMassUnit]}` : '—'}</dd>
            </div>
            <div>
              <dt>Annual quantity</dt>
              <dd>{part.annualQuantity ? formatQuantity(part.annualQuantity) : '—'}</dd>
            </div>
            <div>
              <dt>Annual spend</dt>
              <dd>{part.annualSpend ? formatMoney(part.annualSpend) : '—'}</dd>
            </div>
            <div>
              <dt>Materials</dt>
              <dd>{part.materials.map((m) => materialText(m, forms)).join('; ') || '—'}</dd>
            </div>
            <div>
              <dt>Suppliers</dt>
              <dd>
                {part.suppliers.map((s) => `${s.name} (${formatShare(s.shareOfVolume)})`).join('; ') || 'none on file'}
              </dd>
            </div>
            <div>
              <dt>Products</dt>
              <dd>
                {part.products.map((x) => `${x.name} (${x.code}): ${x.quantityPerProduct} per product`).join('; ') ||
                  '—'}
              </dd>
            </div>
            {part.sites.length > 0 && (
              <div>
                <dt>Sites</dt>
                <dd>{part.sites.join('; ')}</dd>
              </div>
            )}
          </dl>
        </div>
        {affected && (
          <div>
            <h3>At risk per year</h3>
            <dl className="figures">
              <div>
                <dt>Spend</dt>
                <dd>{affected.annualSpend ? formatMoney(affected.annualSpend) : 'not on file'}</dd>
              </div>
              <div>
                <dt>Quantity</dt>
                <dd>{affected.annualQuantity ? formatQuantity(affected.annualQuantity) : 'not on file'}</dd>
              </div>
              {affected.elementMass.map((e) => (
                <div key={e.symbol}>
                  <dt>{e.symbol} mass</dt>
                  <dd>{e.kgPerYear !== null ? formatKgPerYear(e.kgPerYear) : `not known: ${e.unknownReason ?? ''}`}</dd>
                </div>
              ))}
              <div>
                <dt>Affected suppliers</dt>
                <dd>
                  {affected.affectedSuppliers.map((s) => `${s.name} (${formatShare(s.shareOfVolume)})`).join('; ') ||
                    'none (reached by what it contains or its code)'}
                </dd>
              </div>
            </dl>
          </div>
        )}
      </div>
      {affected && (
        <>
          <h3>What reaches it</h3>
          <ul className="reasons">
            {affected.reasons.map((r) => (
              <li key={r.text} className="reason">
                {r.text}
              </li>
            ))}
          </ul>
          <h4>Alerts and their measures</h4>
          <ul className="plain">
            {alerts.map((q, i) => (
              <li key={alertIds[i]}>
                {q.isPending && <Loading what="the alert" />}
                <ErrorMessage error={q.error} />
                {q.data && (
                  <>
                    <SeverityBadge severity={q.data.severity} />{' '}
                    <Link to="/alerts" search={{ alert: q.data.id }}>
                      {q.data.title}
                    </Link>
                    {q.data.measure && (
                      <>
                        {' '}
                        · measure{' '}
                        <Link to="/measures/$key" params={{ key: q.data.measure.key }}>
                          {q.data.measure.label ?? q.data.measure.key}
                        </Link>{' '}
                        {isMeasureStatus(q.data.measure.status) && (
                          <MeasureStatusBadge status={q.data.measure.status} />
                        )}
                      </>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {elements.length > 0 && (
        <>
          <h3>Other sources</h3>
          {elements.map((el) => (
            <AlternativesFor key={el} element={el} />
          ))}
        </>
      )}
    </section>
  );
}

const MEASURE_STATUSES = ['IN_FORCE', 'SUSPENDED', 'AMENDED', 'LIFTED', 'EXPIRED', 'PROPOSED', 'REPORTED'] as const;
const isMeasureStatus = (s: string): s is (typeof MEASURE_STATUSES)[number] =>
  (MEASURE_STATUSES as readonly string[]).includes(s);

/** A source given as text: a link named by its site when it is a URL (the full address in its title). */
function Source({ text }: { text: string }) {
  let url: URL | null = null;
  try {
    url = /^https?:\/\/\S+$/.test(text.trim()) ? new URL(text.trim()) : null;
  } catch {
    url = null;
  }
  if (!url) return <>{text}</>;
  return (
    <a href={url.href} rel="noreferrer" target="_blank" title={url.href}>
      {url.hostname.replace(/^www\./, '')}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

/** GET /v1/exposure/alternatives for one element: own suppliers first, then producers, each with its evidence. */
function AlternativesFor({ element }: { element: string }) {
  const q = useQuery({ queryKey: ['alternatives', element], queryFn: () => api.alternatives(element) });
  return (
    <section className="alternatives" aria-labelledby={`alt-${element}`}>
      <h4 id={`alt-${element}`}>For {element}</h4>
      {q.isPending && <Loading what={`sources of ${element}`} />}
      <ErrorMessage error={q.error} />
      {q.data && (
        <>
          <p className="muted small-text">{q.data.note}</p>
          <h5>Your own suppliers outside {q.data.jurisdiction}</h5>
          {q.data.ownSuppliers.length === 0 ? (
            <p className="muted">None of your suppliers outside {q.data.jurisdiction} supplies it yet.</p>
          ) : (
            <ul className="plain">
              {q.data.ownSuppliers.map((s) => (
                <li key={s.supplierId}>
                  <strong>{s.name}</strong> {s.country && <span>({s.country})</span>}: supplies{' '}
                  {s.supplies.map((x) => `${x.partNumber} (${formatShare(x.shareOfVolume)})`).join(', ')}
                  <div className="muted small-text">{s.evidence.join(' ')}</div>
                </li>
              ))}
            </ul>
          )}
          <h5>Producers outside {q.data.jurisdiction} (public company reference)</h5>
          {q.data.producers.length === 0 ? (
            <p className="muted">No producer with a published role naming it.</p>
          ) : (
            <>
              <ProducerList producers={q.data.producers.filter((p) => p.match !== 'RARE_EARTHS_GENERALLY')} />
              {q.data.producers.some((p) => p.match === 'RARE_EARTHS_GENERALLY') && (
                <details>
                  <summary>
                    {q.data.producers.filter((p) => p.match === 'RARE_EARTHS_GENERALLY').length} more producer(s) whose
                    published role names rare earths generally, not {element} by name
                  </summary>
                  <ProducerList producers={q.data.producers.filter((p) => p.match === 'RARE_EARTHS_GENERALLY')} />
                </details>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** Producers of the public company reference, each with its role, screening, licences and sources as links. */
function ProducerList({ producers }: { producers: Alternatives['producers'] }) {
  if (producers.length === 0) return <p className="muted">None names it by name.</p>;
  return (
    <ul className="plain producers">
      {producers.map((p) => (
        <li key={p.key}>
          <strong>{p.name}</strong> ({p.country}) — {p.role} <span className="muted">(matched “{p.matchedWords}”)</span>
          <div className="small-text">
            {p.screening.listed ? (
              <span className="badge sev-high">
                <span aria-hidden="true">▲ </span>On a screening list:{' '}
                {p.screening.entries.map((e) => e.listName).join('; ')}
              </span>
            ) : (
              <span>Not on the stored screening lists (not a clearance).</span>
            )}
            {p.licences.length > 0 && (
              <span> Licences: {p.licences.map((l) => `${l.title} (${l.status})`).join('; ')}.</span>
            )}
          </div>
          <div className="small-text">
            Sources:{' '}
            {[...new Set([...p.sources.role, ...p.sources.country])].map((s, i) => (
              <span key={s}>
                {i > 0 && ' · '}
                <Source text={s} />
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** One editable material line: an element and/or a form, and a mass per piece or a percentage of the unit mass. */
interface MaterialRow {
  /** Stable React key of the line (lines can be removed from the middle). */
  key: number;
  element: string;
  form: string;
  mass: string;
  unit: 'MG' | 'G' | 'KG' | 'PCT';
}
/** One line linking the part to a supplier (share of volume, %) or a product (quantity per product). */
interface LinkRow {
  id: string;
  amount: string;
}

let nextRowKey = 0;

const materialRows = (p: Part | null): MaterialRow[] =>
  (p?.materials ?? []).map((m) => ({
    key: nextRowKey++,
    element: m.elementSymbol ?? '',
    form: m.materialForm ?? '',
    mass:
      m.massPerUnit !== null
        ? m.massPerUnit
        : m.massFraction !== null
          ? String(Number((Number(m.massFraction) * 100).toFixed(6)))
          : '',
    unit: m.massPerUnit !== null ? (m.massUnit ?? 'G') : m.massFraction !== null ? 'PCT' : 'G',
  }));

/** The API's material from a row (a percentage becomes a fraction of the unit mass). */
function materialInput(r: MaterialRow): NonNullable<CreatePart['materials']>[number] {
  const mass = num(r.mass);
  return {
    elementSymbol: r.element.trim() || undefined,
    materialForm: r.form || undefined,
    ...(mass === undefined
      ? {}
      : r.unit === 'PCT'
        ? { massFraction: Number((mass / 100).toFixed(8)) }
        : { massPerUnit: mass, massUnit: r.unit }),
  };
}

/**
 * Add or edit a part: its own fields, and its materials, suppliers (with share of volume) and products (with quantity
 * per product). On save every list replaces the stored one (PATCH semantics of the API); errors are shown beside the
 * field the API names (`materials[1].massUnit`).
 */
function PartForm({ part, onDone }: { part: Part | null; onDone: () => void }) {
  const qc = useQueryClient();
  const formList = useQuery({ queryKey: ['material-forms'], queryFn: api.materialForms, staleTime: Infinity });
  const supplierList = useQuery({ queryKey: ['suppliers'], queryFn: api.suppliers });
  const productList = useQuery({ queryKey: ['products'], queryFn: api.products });
  const [partNumber, setPartNumber] = useState(part?.partNumber ?? '');
  const [description, setDescription] = useState(part?.description ?? '');
  const [hsCode, setHsCode] = useState(part?.hsCode ?? '');
  const [unitMass, setUnitMass] = useState(part?.unitMass ?? '');
  const [unitMassUnit, setUnitMassUnit] = useState<'MG' | 'G' | 'KG'>(part?.unitMassUnit ?? 'G');
  const [quantity, setQuantity] = useState(part?.annualQuantity?.amount ?? '');
  const [quantityUnit, setQuantityUnit] = useState<'PCS' | 'KG'>(part?.annualQuantity?.unit ?? 'PCS');
  const [spend, setSpend] = useState(part?.annualSpend?.amount ?? '');
  const [currency, setCurrency] = useState(part?.annualSpend?.currency ?? 'EUR');
  const [materials, setMaterials] = useState<MaterialRow[]>(() => materialRows(part));
  const [suppliers, setSuppliers] = useState<LinkRow[]>(() =>
    (part?.suppliers ?? []).map((x) => ({
      id: x.supplierId,
      amount: x.shareOfVolume === null ? '' : String(Number((Number(x.shareOfVolume) * 100).toFixed(4))),
    })),
  );
  const [products, setProducts] = useState<LinkRow[]>(() =>
    (part?.products ?? []).map((x) => ({ id: x.productId, amount: x.quantityPerProduct })),
  );
  const save = useMutation({
    mutationFn: () => {
      const body: CreatePart = {
        partNumber: partNumber.trim(),
        description: description.trim() || undefined,
        hsCode: hsCode.trim() || undefined,
        unitMass: num(unitMass),
        unitMassUnit: unitMass.trim() ? unitMassUnit : undefined,
        annualQuantity: num(quantity),
        quantityUnit: quantity.trim() ? quantityUnit : undefined,
        annualSpend: spend.trim() || undefined,
        currency: spend.trim() ? currency.trim() : undefined,
        materials: materials.map(materialInput),
        suppliers: suppliers.map((r) => {
          const share = num(r.amount);
          return {
            supplierId: r.id,
            ...(share === undefined ? {} : { shareOfVolume: Number((share / 100).toFixed(4)) }),
          };
        }),
        products: products.map((r) => ({ productId: r.id, quantityPerProduct: num(r.amount) ?? Number.NaN })),
      };
      return part ? api.updatePart(part.id, body) : api.createPart(body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['parts'] });
      void qc.invalidateQueries({ queryKey: ['exposure'] });
      void qc.invalidateQueries({ queryKey: ['products'] });
      onDone();
      if (!part) {
        setPartNumber('');
        setDescription('');
        setHsCode('');
        setUnitMass('');
        setQuantity('');
        setSpend('');
        setMaterials([]);
        setSuppliers([]);
        setProducts([]);
      }
    },
  });
  const err = save.error;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const id = part ? `pe-${part.id.slice(0, 8)}` : 'p';
  // Editing starts at the form's heading (the form is below the table): keyboard and screen reader users land there.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (part) headingRef.current?.focus();
  }, [part]);
  const set = <T,>(list: T[], setList: (l: T[]) => void, i: number, patch: Partial<T>) =>
    setList(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form className="card part-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {part ? `Edit ${part.partNumber}` : 'Add a part'}
      </h2>
      <div className="inline-form">
        <Field id={`${id}-number`} label="Part number" error={err} field="partNumber">
          {(p) => <input {...p} required value={partNumber} onChange={(e) => setPartNumber(e.target.value)} />}
        </Field>
        <Field id={`${id}-desc`} label="Description" error={err} field="description">
          {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field id={`${id}-hs`} label="HS code" hint="4-10 digits, e.g. 8505111000" error={err} field="hsCode">
          {(p) => <input {...p} inputMode="numeric" value={hsCode} onChange={(e) => setHsCode(e.target.value)} />}
        </Field>
        <Field id={`${id}-um`} label="Unit mass" hint="mass of one piece" error={err} field="unitMass">
          {(p) => (
            <input {...p} inputMode="decimal" size={8} value={unitMass} onChange={(e) => setUnitMass(e.target.value)} />
          )}
        </Field>
        <Field id={`${id}-um-unit`} label="Unit mass unit" error={err} field="unitMassUnit">
          {(p) => (
            <select {...p} value={unitMassUnit} onChange={(e) => setUnitMassUnit(e.target.value as 'MG' | 'G' | 'KG')}>
              <option value="MG">mg</option>
              <option value="G">g</option>
              <option value="KG">kg</option>
            </select>
          )}
        </Field>
        <Field id={`${id}-qty`} label="Annual quantity" error={err} field="annualQuantity">
          {(p) => <input {...p} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />}
        </Field>
        <Field id={`${id}-qty-unit`} label="Quantity unit" error={err} field="quantityUnit">
          {(p) => (
            <select {...p} value={quantityUnit} onChange={(e) => setQuantityUnit(e.target.value as 'PCS' | 'KG')}>
              <option value="PCS">pieces</option>
              <option value="KG">kg</option>
            </select>
          )}
        </Field>
        <Field
          id={`${id}-spend`}
          label="Annual spend"
          hint="major units, e.g. 1850000.50"
          error={err}
          field="annualSpend"
        >
          {(p) => <input {...p} inputMode="decimal" value={spend} onChange={(e) => setSpend(e.target.value)} />}
        </Field>
        <Field id={`${id}-currency`} label="Currency (ISO 4217)" hint="e.g. EUR, USD, JPY" error={err} field="currency">
          {(p) => <input {...p} size={4} value={currency} onChange={(e) => setCurrency(e.target.value)} />}
        </Field>
      </div>

      <fieldset className="rows">
        <legend>Materials</legend>
        {materials.length === 0 && <p className="muted small-text">No material yet.</p>}
        {materials.map((m, i) => (
          <div className="row-edit" key={m.key} role="group" aria-label={`Material ${i + 1}`}>
            <Field
              id={`${id}-m${i}-el`}
              label="Element"
              hint="symbol, e.g. Dy"
              error={err}
              field={`materials[${i}].elementSymbol`}
            >
              {(p) => (
                <input
                  {...p}
                  size={3}
                  value={m.element}
                  onChange={(e) => set(materials, setMaterials, i, { element: e.target.value })}
                />
              )}
            </Field>
            <Field id={`${id}-m${i}-form`} label="Material form" error={err} field={`materials[${i}].materialForm`}>
              {(p) => (
                <select
                  {...p}
                  value={m.form}
                  onChange={(e) => set(materials, setMaterials, i, { form: e.target.value })}
                >
                  <option value="">(none: the element itself)</option>
                  {(formList.data ?? []).map((f) => (
                    <option key={f.code} value={f.code}>
                      {f.nameEn}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`${id}-m${i}-mass`} label="Mass" error={err} field={`materials[${i}].massPerUnit`}>
              {(p) => (
                <input
                  {...p}
                  size={7}
                  inputMode="decimal"
                  value={m.mass}
                  onChange={(e) => set(materials, setMaterials, i, { mass: e.target.value })}
                />
              )}
            </Field>
            <Field id={`${id}-m${i}-unit`} label="Mass unit" error={err} field={`materials[${i}].massUnit`}>
              {(p) => (
                <select
                  {...p}
                  value={m.unit}
                  onChange={(e) => set(materials, setMaterials, i, { unit: e.target.value as MaterialRow['unit'] })}
                >
                  <option value="MG">mg per piece</option>
                  <option value="G">g per piece</option>
                  <option value="KG">kg per piece</option>
                  <option value="PCT">% of the unit mass</option>
                </select>
              )}
            </Field>
            <ErrorMessage error={err instanceof ApiError ? rowError(err, `materials[${i}]`) : null} />
            <button
              type="button"
              className="secondary"
              aria-label={`Remove material ${i + 1}`}
              onClick={() => setMaterials(materials.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setMaterials([...materials, { key: nextRowKey++, element: '', form: '', mass: '', unit: 'G' }])
          }
        >
          Add material
        </button>
      </fieldset>

      <LinkRows
        legend="Suppliers"
        noun="supplier"
        field="suppliers"
        idField="supplierId"
        amountField="shareOfVolume"
        amountLabel="Share of volume (%)"
        options={(supplierList.data ?? []).map((x) => ({ id: x.id, label: x.legalNameEn }))}
        rows={suppliers}
        setRows={setSuppliers}
        newAmount=""
        error={err}
        idPrefix={`${id}-s`}
        none={
          <>
            No supplier on file: add them on the <Link to="/suppliers">Suppliers</Link> page.
          </>
        }
      />
      <LinkRows
        legend="Products it goes into"
        noun="product"
        field="products"
        idField="productId"
        amountField="quantityPerProduct"
        amountLabel={quantityUnit === 'KG' ? 'kg per product' : 'Pieces per product'}
        options={(productList.data ?? []).map((x) => ({ id: x.id, label: `${x.code} · ${x.name}` }))}
        rows={products}
        setRows={setProducts}
        newAmount="1"
        error={err}
        idPrefix={`${id}-p`}
        none={<>No product on file yet.</>}
      />

      <ErrorMessage error={err} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {part ? 'Save part' : 'Add part'}
        </button>
        {part && (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * A list of links from the part to records picked from `options` (its suppliers, its products), each with an amount:
 * one line per link (a select of the records not linked yet, the amount, Remove), and "Add <noun>". Errors show under
 * the input the API names (`suppliers[0].shareOfVolume`).
 */
function LinkRows(props: {
  legend: string;
  noun: string;
  field: string;
  idField: string;
  amountField: string;
  amountLabel: string;
  options: { id: string; label: string }[];
  rows: LinkRow[];
  setRows: (rows: LinkRow[]) => void;
  newAmount: string;
  error: unknown;
  idPrefix: string;
  /** Shown when there is nothing to pick from. */
  none: ReactNode;
}) {
  const { rows, setRows, options, noun, error, idPrefix, field } = props;
  const used = new Set(rows.map((r) => r.id));
  const free = options.find((o) => !used.has(o.id));
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const change = (i: number, patch: Partial<LinkRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="rows">
      <legend>{props.legend}</legend>
      {rows.length === 0 && <p className="muted small-text">No {noun} yet.</p>}
      {rows.map((r, i) => (
        <div className="row-edit" key={r.id} role="group" aria-label={`${Noun} ${i + 1}`}>
          <Field id={`${idPrefix}${i}`} label={Noun} error={error} field={`${field}[${i}].${props.idField}`}>
            {(p) => (
              <select {...p} value={r.id} onChange={(e) => change(i, { id: e.target.value })}>
                {options
                  .filter((o) => o.id === r.id || !used.has(o.id))
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field
            id={`${idPrefix}${i}-amount`}
            label={props.amountLabel}
            error={error}
            field={`${field}[${i}].${props.amountField}`}
          >
            {(p) => (
              <input
                {...p}
                size={5}
                inputMode="decimal"
                value={r.amount}
                onChange={(e) => change(i, { amount: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="secondary"
            aria-label={`Remove ${noun} ${i + 1}`}
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        disabled={!free}
        onClick={() => free && setRows([...rows, { id: free.id, amount: props.newAmount }])}
      >
        Add {noun}
      </button>
      {options.length === 0 && <p className="muted small-text">{props.none}</p>}
    </fieldset>
  );
}

/** An error about a whole row (e.g. "materials[1]: give an element or a form"), not one of its inputs. */
function rowError(err: ApiError, row: string): Error | null {
  const own = err.fieldErrors.filter((e) => e.field === row);
  return own.length ? new Error(own.flatMap((e) => e.messages).join('; ')) : null;
}

/**
 * What the parts contain that the watchlist does not cover (GET /v1/parts/watch-gaps): alerts come from watches and
 * suppliers, so a measure on these would reach the parts without an alert. Tenant admins add the watches in one go
 * (POST /v1/watchlist each; the exposure back-matches them at once).
 */
function WatchGaps({ admin }: { admin: boolean }) {
  const qc = useQueryClient();
  const gaps = useQuery({ queryKey: ['parts', 'watch-gaps'], queryFn: api.watchGaps });
  const [added, setAdded] = useState<number | null>(null);
  const watchAll = useMutation({
    mutationFn: async (list: { kind: string; value: string }[]) => {
      for (const g of list)
        await api.createWatch(
          g.kind === 'ELEMENT' ? { kind: 'ELEMENT', elementSymbol: g.value } : { kind: 'HS_CODE', hsPrefix: g.value },
        );
      return list.length;
    },
    onSuccess: (n) => {
      setAdded(n);
      for (const key of ['parts', 'watchlist', 'exposure', 'alerts']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
  const list = gaps.data?.gaps ?? [];
  if (gaps.error) return <ErrorMessage error={gaps.error} />;
  if (!list.length)
    return added ? (
      <p className="card" role="status">
        {added} watch(es) added: everything your parts contain is now watched.
      </p>
    ) : null;
  return (
    <section className="card note" aria-labelledby="wg-title">
      <h2 id="wg-title">What your parts contain that you do not watch</h2>
      <p>
        Alerts come from your <Link to="/watchlist">watchlist</Link> and suppliers. A measure on one of these would
        reach your parts without an alert:
      </p>
      <ul>
        {list.map((g) => (
          <li key={`${g.kind}:${g.value}`}>
            <strong>{g.label}</strong>: {g.parts} part{g.parts === 1 ? '' : 's'} ({g.examples.join(', ')}
            {g.parts > g.examples.length ? ', …' : ''})
          </li>
        ))}
      </ul>
      <ErrorMessage error={watchAll.error} />
      {admin ? (
        <button type="button" onClick={() => watchAll.mutate(list)} disabled={watchAll.isPending}>
          Watch {list.length === 1 ? 'it' : `all ${list.length}`}
        </button>
      ) : (
        <p className="muted">A tenant admin can add these watches.</p>
      )}
    </section>
  );
}
