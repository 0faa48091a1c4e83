import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type Supplier } from '../api/client';
import { CsvImport } from '../components/csv-import';
import { ErrorMessage, Field, Loading } from '../components/ui';
import { useSession } from '../session';

const list = (s: string) =>
  s
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function SuppliersPage() {
  const { user } = useSession();
  const admin = user?.role === 'TENANT_ADMIN' || user?.role === 'PLATFORM_ADMIN';
  const qc = useQueryClient();
  const suppliers = useQuery({ queryKey: ['suppliers'], queryFn: api.suppliers });
  const [editing, setEditing] = useState<Supplier | null>(null);
  const remove = useMutation({
    mutationFn: api.deleteSupplier,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['suppliers'] }),
  });
  return (
    <div className="page">
      <h1>Suppliers</h1>
      <section className="card" aria-labelledby="sl-title">
        <h2 id="sl-title">Your suppliers</h2>
        {suppliers.isPending && <Loading what="suppliers" />}
        <ErrorMessage error={suppliers.error ?? remove.error} />
        {suppliers.data?.length === 0 && <p>No suppliers yet.</p>}
        {!!suppliers.data?.length && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Legal name</th>
                  <th scope="col">Chinese name</th>
                  <th scope="col">Country</th>
                  <th scope="col">Identifiers</th>
                  {admin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {suppliers.data.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <strong>{s.legalNameEn}</strong>
                      {s.aliases.length > 0 && <div className="muted">aka {s.aliases.join('; ')}</div>}
                    </td>
                    <td lang="zh">{s.legalNameZh}</td>
                    <td>{s.country}</td>
                    <td className="muted">
                      {[s.uscc && `USCC ${s.uscc}`, s.lei && `LEI ${s.lei}`, ...s.tickers].filter(Boolean).join(' · ')}
                    </td>
                    {admin && (
                      <td className="actions">
                        <button type="button" className="secondary" onClick={() => setEditing(s)}>
                          Edit<span className="visually-hidden"> {s.legalNameEn}</span>
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => {
                            if (confirm(`Delete ${s.legalNameEn}?`)) remove.mutate(s.id);
                          }}
                        >
                          Delete<span className="visually-hidden"> {s.legalNameEn}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {admin && <SupplierForm key={editing?.id ?? 'new'} supplier={editing} onDone={() => setEditing(null)} />}
      {admin && <CsvImport what="suppliers" columns="legalNameEn,legalNameZh,aliases,country,uscc,lei,tickers" />}
    </div>
  );
}

function SupplierForm({ supplier, onDone }: { supplier: Supplier | null; onDone: () => void }) {
  const qc = useQueryClient();
  const [nameEn, setNameEn] = useState(supplier?.legalNameEn ?? '');
  const [nameZh, setNameZh] = useState(supplier?.legalNameZh ?? '');
  const [country, setCountry] = useState(supplier?.country ?? '');
  const [aliases, setAliases] = useState(supplier?.aliases.join('; ') ?? '');
  const [tickers, setTickers] = useState(supplier?.tickers.join('; ') ?? '');
  const save = useMutation({
    mutationFn: () => {
      const body = {
        legalNameEn: nameEn.trim(),
        legalNameZh: nameZh.trim() || undefined,
        country: country.trim() || undefined,
        aliases: list(aliases),
        tickers: list(tickers),
      };
      return supplier ? api.updateSupplier(supplier.id, body) : api.createSupplier(body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['suppliers'] });
      void qc.invalidateQueries({ queryKey: ['exposure'] });
      if (!supplier) {
        setNameEn('');
        setNameZh('');
        setAliases('');
        setTickers('');
      }
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const err = save.error;
  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="sup-form">
      <h2 id="sup-form">{supplier ? `Edit ${supplier.legalNameEn}` : 'Add a supplier'}</h2>
      <Field id="s-en" label="Legal name (English)" error={err} field="legalNameEn">
        {(p) => <input {...p} required value={nameEn} onChange={(e) => setNameEn(e.target.value)} />}
      </Field>
      <Field id="s-zh" label="Legal name (Chinese)" error={err} field="legalNameZh">
        {(p) => <input {...p} lang="zh" value={nameZh} onChange={(e) => setNameZh(e.target.value)} />}
      </Field>
      <Field id="s-country" label="Country (ISO code)" hint="e.g. CN" error={err} field="country">
        {(p) => <input {...p} size={3} value={country} onChange={(e) => setCountry(e.target.value)} />}
      </Field>
      <Field id="s-aliases" label="Aliases (separated by ;)" error={err} field="aliases">
        {(p) => <input {...p} value={aliases} onChange={(e) => setAliases(e.target.value)} />}
      </Field>
      <Field id="s-tickers" label="Tickers (separated by ;)" hint="e.g. 6680.HK" error={err} field="tickers">
        {(p) => <input {...p} value={tickers} onChange={(e) => setTickers(e.target.value)} />}
      </Field>
      <ErrorMessage error={err} />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {supplier ? 'Save supplier' : 'Add supplier'}
        </button>
        {supplier && (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
