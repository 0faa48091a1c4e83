import type { ReactNode } from 'react';
import { ApiError, type MeasureStatus, type Severity } from '../api/client';

/** The API's error in words (role=alert so screen readers hear it). Nothing fails silently. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.status === 403
        ? `Not allowed: ${error.message}`
        : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  const unnamed =
    error instanceof ApiError && error.fieldErrors.length
      ? error.fieldErrors.map((f) => `${f.field}: ${f.messages.join('; ')}`)
      : [];
  return (
    <div className="error" role="alert">
      <strong>{text}</strong>
      {unnamed.length > 0 && (
        <ul>
          {unnamed.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A labelled form field with the API's message about it right below (aria-describedby + aria-invalid). */
export function Field({
  id,
  label,
  error,
  field,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: unknown;
  /** The API's field name, e.g. `hsPrefix`. */
  field?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const message = error instanceof ApiError && field ? error.forField(field) : undefined;
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': message ? true : undefined, 'aria-describedby': described || undefined })}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {message && (
        <small id={`${id}-error`} className="field-error">
          {message}
        </small>
      )}
    </div>
  );
}

const SEVERITY_ICON: Record<Severity, string> = { CRITICAL: '▲▲', HIGH: '▲', MEDIUM: '■', LOW: '▽', INFO: 'ℹ' };

/** Severity as a badge with text and a shape: colour is never the only signal. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`badge sev-${severity.toLowerCase()}`}>
      <span aria-hidden="true">{SEVERITY_ICON[severity]} </span>
      {severity.charAt(0) + severity.slice(1).toLowerCase()}
    </span>
  );
}

export const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
  IN_FORCE: 'In force',
  SUSPENDED: 'Suspended',
  AMENDED: 'Amended',
  LIFTED: 'Lifted',
  EXPIRED: 'Expired',
  PROPOSED: 'Proposed',
  REPORTED: 'Reported',
};

export function MeasureStatusBadge({ status }: { status: MeasureStatus }) {
  return <span className={`badge ms-${status.toLowerCase()}`}>{MEASURE_STATUS_LABEL[status]}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const icon = status === 'OPEN' ? '●' : status === 'ACKNOWLEDGED' ? '◐' : '✓';
  return (
    <span className={`badge st-${status.toLowerCase()}`}>
      <span aria-hidden="true">{icon} </span>
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}
