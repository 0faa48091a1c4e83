import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, type CreateWatch, type Watch } from '../api/client';
import { CsvImport } from '../components/csv-import';
import { ErrorMessage, Field, formatDate, Loading } from '../components/ui';
import { useSession } from '../session';

const KIND_LABEL = { ELEMENT: 'Element', HS_CODE: 'HS code', CONTROL_ENTRY: 'Control-list entry' } as const;

function watchValue(w: Watch): string {
  return w.elementSymbol ?? w.hsPrefix ?? w.controlEntry ?? '';
}

export function WatchlistPage() {
  const { user } = useSession();
  const admin = user?.role === 'TENANT_ADMIN' || user?.role === 'PLATFORM_ADMIN';
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['watchlist'], queryFn: api.watchlist });
  const expansion = useQuery({ queryKey: ['watchlist', 'expansion'], queryFn: api.expansion });
  const [editing, setEditing] = useState<string | null>(null);
  const changed = () => {
    void qc.invalidateQueries({ queryKey: ['watchlist'] });
    void qc.invalidateQueries({ queryKey: ['exposure'] });
  };
  const remove = useMutation({ mutationFn: api.deleteWatch, onSuccess: changed });

  return (
    <div className="page">
      <h1>Watchlist</h1>
      <p className="muted">What your company buys: elements, HS-code prefixes and control-list entries.</p>
      <section className="card" aria-labelledby="wl-title">
        <h2 id="wl-title">Watches</h2>
        {list.isPending && <Loading what="the watchlist" />}
        <ErrorMessage error={list.error ?? remove.error} />
        {list.data && list.data.length === 0 && <p>No watches yet{admin ? ': add one below or import a CSV.' : '.'}</p>}
        {list.data && list.data.length > 0 && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col">Watches</th>
                  <th scope="col">Jurisdiction</th>
                  <th scope="col">Note</th>
                  <th scope="col">Added</th>
                  {admin && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {list.data.map((w) =>
                  editing === w.id ? (
                    <EditWatchRow key={w.id} watch={w} onDone={() => setEditing(null)} />
                  ) : (
                    <tr key={w.id}>
                      <td>{KIND_LABEL[w.kind]}</td>
                      <td>
                        <strong>{watchValue(w)}</strong>
                      </td>
                      <td>{w.jurisdiction ?? 'any'}</td>
                      <td>{w.note}</td>
                      <td>{formatDate(w.createdAt)}</td>
                      {admin && (
                        <td className="actions">
                          <button type="button" className="secondary" onClick={() => setEditing(w.id)}>
                            Edit<span className="visually-hidden"> {watchValue(w)}</span>
                          </button>
                          <button
                            type="button"
                            className="danger"
                            onClick={() => {
                              if (confirm(`Stop watching ${watchValue(w)}?`)) remove.mutate(w.id);
                            }}
                          >
                            Delete<span className="visually-hidden"> {watchValue(w)}</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {admin && <AddWatch />}
      <section className="card" aria-labelledby="exp-title">
        <h2 id="exp-title">What your watches cover</h2>
        <ErrorMessage error={expansion.error} />
        {(expansion.data ?? []).map((x) => (
          <details key={x.watch.id}>
            <summary>
              {x.label}: {x.expandsTo.length} item(s) matched
            </summary>
            <ul>
              {x.expandsTo.map((k) => (
                <li key={`${k.kind}-${k.value}-${k.path}`}>
                  <code>{k.value}</code> <span className="muted">({k.kind.toLowerCase().replace('_', ' ')})</span> —{' '}
                  {k.reason}
                </li>
              ))}
            </ul>
            {x.notUsed.length > 0 && (
              <>
                <p className="muted">Not matched alone:</p>
                <ul>
                  {x.notUsed.map((k) => (
                    <li key={`${k.kind}-${k.value}`}>
                      <code>{k.value}</code> — {k.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </details>
        ))}
      </section>
      {admin && <CsvImport what="watchlist" columns="kind,elementSymbol,hsPrefix,controlEntry,jurisdiction,note" />}
    </div>
  );
}

function AddWatch() {
  const qc = useQueryClient();
  const [kind, setKind] = useState<CreateWatch['kind']>('ELEMENT');
  const [value, setValue] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [note, setNote] = useState('');
  const field = kind === 'ELEMENT' ? 'elementSymbol' : kind === 'HS_CODE' ? 'hsPrefix' : 'controlEntry';
  const create = useMutation({
    mutationFn: () =>
      api.createWatch({
        kind,
        [field]: value.trim(),
        jurisdiction: jurisdiction.trim() || undefined,
        note: note.trim() || undefined,
      }),
    onSuccess: () => {
      setValue('');
      setNote('');
      void qc.invalidateQueries({ queryKey: ['watchlist'] });
      void qc.invalidateQueries({ queryKey: ['exposure'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="add-watch">
      <h2 id="add-watch">Add a watch</h2>
      <Field id="w-kind" label="Kind" error={create.error} field="kind">
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as CreateWatch['kind'])}>
            <option value="ELEMENT">Element</option>
            <option value="HS_CODE">HS code prefix</option>
            <option value="CONTROL_ENTRY">Control-list entry</option>
          </select>
        )}
      </Field>
      <Field
        id="w-value"
        label={kind === 'ELEMENT' ? 'Element symbol' : kind === 'HS_CODE' ? 'HS code prefix' : 'Entry code'}
        hint={kind === 'ELEMENT' ? 'e.g. Dy' : kind === 'HS_CODE' ? 'e.g. 8505.11' : 'e.g. 1C902'}
        error={create.error}
        field={field}
      >
        {(p) => <input {...p} required value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <Field id="w-jur" label="Jurisdiction (optional)" hint="e.g. CN" error={create.error} field="jurisdiction">
        {(p) => <input {...p} value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} />}
      </Field>
      <Field id="w-note" label="Note (optional)" error={create.error} field="note">
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        Add watch
      </button>
    </form>
  );
}

function EditWatchRow({ watch, onDone }: { watch: Watch; onDone: () => void }) {
  const qc = useQueryClient();
  const [jurisdiction, setJurisdiction] = useState(watch.jurisdiction ?? '');
  const [note, setNote] = useState(watch.note ?? '');
  const save = useMutation({
    mutationFn: () => api.updateWatch(watch.id, { jurisdiction: jurisdiction.trim(), note }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['watchlist'] });
      onDone();
    },
  });
  return (
    <tr>
      <td>{KIND_LABEL[watch.kind]}</td>
      <td>
        <strong>{watchValue(watch)}</strong>
      </td>
      <td>
        <Field id={`ej-${watch.id}`} label="Jurisdiction" error={save.error} field="jurisdiction">
          {(p) => <input {...p} size={4} value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} />}
        </Field>
      </td>
      <td>
        <Field id={`en-${watch.id}`} label="Note" error={save.error} field="note">
          {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </td>
      <td />
      <td className="actions">
        <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
          Save
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        <ErrorMessage error={save.error} />
      </td>
    </tr>
  );
}
