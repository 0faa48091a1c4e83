import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ApiError, api, type MeasureStatus, type Severity } from '../api/client';
import { useSession } from '../session';

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

/** The browser's IANA time zone (e.g. Europe/Berlin). */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The signed-in person's time zone: the one in their notification preferences (the zone their emails use), else the
 * browser's. Platform admins have no preferences: the browser's.
 */
export function useTimeZone(): string {
  const { user } = useSession();
  const prefs = useQuery({
    queryKey: ['my-preferences'],
    queryFn: api.myPreferences,
    enabled: user?.role === 'BUYER' || user?.role === 'TENANT_ADMIN',
    staleTime: 5 * 60_000,
  });
  return prefs.data?.effective.timeZone ?? prefs.data?.timeZone ?? browserTimeZone();
}

/** An instant as ISO-8601 with the offset of `timeZone`, e.g. 2026-12-04T10:00:00+01:00. */
export function isoInZone(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offset = Math.round((local - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${sign}${hh}:${mm}`;
}

/**
 * An instant shown in the person's time zone ("4 Dec 2026, 10:00 CET"), with the ISO-8601 form in that zone and in
 * UTC in its title (tooltip) and `dateTime`.
 */
export function DateTime({ iso, dateOnly = false }: { iso: string | null | undefined; dateOnly?: boolean }) {
  const timeZone = useTimeZone();
  if (!iso) return <>—</>;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <>{iso}</>;
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }),
  }).format(d);
  return (
    <time dateTime={d.toISOString()} title={`${isoInZone(iso, timeZone)} (${timeZone}) = ${d.toISOString()}`}>
      {text}
    </time>
  );
}

/**
 * A calendar date as published (YYYY-MM-DD: an effective or end date has no time of day and no zone), e.g.
 * "10 Nov 2026", with the ISO date in its title.
 */
export function CalendarDate({ date }: { date: string | null | undefined }) {
  if (!date) return <>—</>;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return <>{date}</>;
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
  return (
    <time dateTime={date} title={`${date} (calendar date as published; no time of day)`}>
      {text}
    </time>
  );
}

/**
 * A credential the API returns once (an API token, a webhook signing secret): shown with a copy button and a plain
 * "you will not see it again". `children` adds what else to say (e.g. the rotation's overlap window).
 */
export function ShownOnce({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  // Focus lands on the box when it appears, so keyboard and screen-reader users meet it first (a live region would
  // read the secret aloud).
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div className="card callout stack" role="region" aria-labelledby={`${id}-title`} tabIndex={-1} ref={box}>
      <p id={`${id}-title`}>
        <strong>Copy the {label} now: it is shown only once, and you will not see it again.</strong>
      </p>
      <code className="secret" id={`${id}-value`}>
        {value}
      </code>
      {children}
      <div className="actions">
        <button type="button" onClick={() => void copy()} aria-describedby={`${id}-value`}>
          Copy {label}
        </button>
        <span aria-live="polite">
          {copied === 'ok' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'The browser did not allow copying: select the text and copy it.'}
        </span>
      </div>
    </div>
  );
}
