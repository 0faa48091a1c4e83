import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, type ImportJob, type ImportReport, type ImportTarget } from '../api/client';
import { ErrorMessage } from './ui';

/** Splits one CSV line into cells (quotes, doubled quotes, backslash-escaped commas as the API's examples use). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === '\\' && line[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** A finished job as the report a small file gets at once. */
function reportOf(job: ImportJob): ImportReport {
  return {
    dryRun: job.dryRun,
    partial: job.partial,
    rows: job.total ?? job.processed,
    valid: job.valid,
    imported: job.created,
    errors: job.failure ? [...job.errors, { line: 0, field: 'file', reason: job.failure }] : job.errors,
  };
}

const isJob = (r: ImportReport | ImportJob): r is ImportJob => 'kind' in r && 'status' in r;

/**
 * CSV import with a dry run first: the API checks every row and answers with per-row errors, shown in a preview table
 * beside the rows; "Import" then stores the rows (all or nothing).
 */
export function CsvImport({ what, columns }: { what: ImportTarget; columns: string }) {
  const qc = useQueryClient();
  const id = useId();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<{ processed: number; total: number | null } | null>(null);
  const run = useMutation({
    mutationFn: async (dryRun: boolean): Promise<ImportReport> => {
      setProgress(null);
      const first = await api.importCsv(what, csv, dryRun);
      if (!isJob(first)) return first;
      // A large file runs as a job: follow it, showing its progress, until it has finished.
      let job = first;
      while (job.status === 'QUEUED' || job.status === 'RUNNING') {
        setProgress({ processed: job.processed, total: job.total });
        await new Promise((r) => setTimeout(r, 750));
        job = await api.importJob(job.id);
      }
      setProgress(null);
      return reportOf(job);
    },
    onSuccess: (report) => {
      setPreview(report);
      if (!report.dryRun && report.imported > 0) {
        void qc.invalidateQueries({ queryKey: [what] });
        void qc.invalidateQueries({ queryKey: ['exposure'] });
      }
    },
  });
  const lines = csv
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  const header = lines[0] ? cells(lines[0].text) : [];
  const rows = lines.slice(1);
  const errorsByLine = new Map<number, ImportReport['errors']>();
  for (const e of preview?.errors ?? []) errorsByLine.set(e.line, [...(errorsByLine.get(e.line) ?? []), e]);
  const fileErrors = (preview?.errors ?? []).filter((e) => e.line <= 1 || !rows.some((r) => r.line === e.line));

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Import from CSV</h2>
      <p className="muted">
        Columns: <code>{columns}</code>. First a dry run checks every row; nothing is stored until you import.
      </p>
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            setFileName(f.name);
            setCsv(await f.text());
            setPreview(null);
            run.reset();
          }}
        />
      </div>
      <details>
        <summary>or paste CSV text</summary>
        <div className="field">
          <label htmlFor={`${id}-text`}>CSV text</label>
          <textarea
            id={`${id}-text`}
            rows={4}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              setPreview(null);
            }}
          />
        </div>
      </details>
      <div className="actions">
        <button type="button" className="secondary" disabled={!csv || run.isPending} onClick={() => run.mutate(true)}>
          Check (dry run)
        </button>
        <button
          type="button"
          disabled={!preview?.dryRun || preview.errors.length > 0 || run.isPending}
          onClick={() => run.mutate(false)}
        >
          Import {preview?.valid ?? ''} row(s)
        </button>
      </div>
      {run.isPending && (
        <p role="status">
          {progress?.total ? (
            <>
              <progress aria-label="Import in progress" max={progress.total} value={progress.processed} />{' '}
              {progress.processed} of {progress.total} row(s) checked{fileName ? ` in ${fileName}` : ''}…
            </>
          ) : (
            <>
              <progress aria-label="Import in progress" /> Checking {rows.length} row(s)
              {fileName ? ` of ${fileName}` : ''}…
            </>
          )}
        </p>
      )}
      <ErrorMessage error={run.error} />
      {preview && (
        <div role="status">
          <p>
            {preview.dryRun ? 'Dry run: ' : 'Imported: '}
            {preview.rows} row(s), {preview.valid} valid, {preview.errors.length} error(s)
            {preview.dryRun ? '' : `, ${preview.imported} stored`}.
            {preview.dryRun && preview.errors.length > 0 && ' Fix the rows below and check again.'}
          </p>
          {fileErrors.map((e) => (
            <p key={`${e.line}-${e.field}`} className="field-error">
              Line {e.line}: {e.field} — {e.reason}
            </p>
          ))}
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>Preview ({rows.length} rows)</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                {header.map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 200).map(({ text: row, line }) => {
                const errs = errorsByLine.get(line);
                return (
                  <tr key={line} className={errs ? 'row-error' : ''}>
                    <td>{line}</td>
                    {cells(row).map((c, j) => (
                      <td key={`${line}-${header[j] ?? j}`}>{c}</td>
                    ))}
                    <td>
                      {errs ? (
                        <span className="field-error">✗ {errs.map((e) => `${e.field}: ${e.reason}`).join('; ')}</span>
                      ) : preview ? (
                        '✓ ok'
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > 200 && <p className="muted">Showing the first 200 of {rows.length} rows.</p>}
        </div>
      )}
    </section>
  );
}
