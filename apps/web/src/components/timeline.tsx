import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, type FanoutProgress, type Measure } from '../api/client';
import { useSession } from '../session';
import { CalendarDate, DateTime, ErrorMessage, Loading, MEASURE_STATUS_LABEL, MeasureStatusBadge } from './ui';

type Step = Measure['timeline'][number];

/**
 * A status step in words, as a badge coloured by the status after it: "In force", "Suspended until 10 Nov 2026",
 * "Lapsed on 10 Nov 2026: in force again", "Reinstated: in force", "Lifted". A suspension's end date is the event's own
 * end date (a calendar date as published).
 */
export function StepLabel({ step }: { step: Step }) {
  const cls = `badge ms-${step.statusAfter.toLowerCase()}`;
  const after = MEASURE_STATUS_LABEL[step.statusAfter].toLowerCase();
  const text = (() => {
    if (step.role === 'LAPSE')
      return step.event.endDate ? (
        <>
          Suspension lapsed on <CalendarDate date={step.event.endDate} />: {after} again
        </>
      ) : (
        <>Suspension lapsed: {after} again</>
      );
    switch (step.action) {
      case 'SUSPENDED':
        return step.event.endDate ? (
          <>
            Suspended until <CalendarDate date={step.event.endDate} />
          </>
        ) : (
          <>Suspended</>
        );
      case 'REINSTATED':
        return <>Reinstated: {after}</>;
      case 'LIFTED':
        return <>Lifted</>;
      case 'AMENDED':
        return <>Amended: {after}</>;
      case 'IMPOSED':
        return <>{MEASURE_STATUS_LABEL[step.statusAfter]}</>;
      default:
        return (
          <>
            {step.action.charAt(0) + step.action.slice(1).toLowerCase().replace('_', ' ')}: {after}
          </>
        );
    }
  })();
  return <span className={cls}>{text}</span>;
}

/** While a fan-out is not finished (or its emails are not all sent), its progress is read again this often (ms). */
const FANOUT_POLL_MS = 2000;

const FANOUT_STATUS_LABEL: Record<FanoutProgress['status'], string> = {
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed, will retry',
};

/**
 * The fan-out of one event to the recipients of its alerts (platform admins): its status, alerts expanded of the total,
 * emails sent, pending and failed, the last error. Read again every {@link FANOUT_POLL_MS} while the job runs or emails
 * are pending; nothing when the event has no job (it alerted no tenant).
 */
export function FanoutLine({ eventId }: { eventId: string }) {
  const q = useQuery({
    queryKey: ['fanout', eventId],
    queryFn: () => api.eventFanout(eventId),
    refetchInterval: (query) => {
      const f = query.state.data;
      return f && (f.status !== 'done' || f.emails.pending > 0) ? FANOUT_POLL_MS : false;
    },
  });
  const f = q.data;
  if (!f) return null;
  return (
    <p className="muted fanout" aria-live="polite">
      Fan-out {FANOUT_STATUS_LABEL[f.status]}: {f.alertsExpanded} of {f.alertsTotal}{' '}
      {f.alertsTotal === 1 ? 'alert' : 'alerts'} expanded · emails {f.emails.sent} sent, {f.emails.pending} pending,{' '}
      {f.emails.failed} failed
      {f.channelDeliveriesQueued > 0 && <> · {f.channelDeliveriesQueued} channel messages</>}
      {f.lastError && <span className="field-error"> · last error: {f.lastError}</span>}
    </p>
  );
}

/**
 * The status timeline of a measure (GET /v1/measures/:key), oldest step first: each step's date (calendar date as
 * published, or the instant it was recorded in the person's time zone, ISO-8601 with zone in the tooltip), what
 * happened in words, the status after it, and the announcement it comes from; for platform admins,
 * each event's fan-out ({@link FanoutLine}).
 */
export function MeasureTimeline({ measureKey, compact = false }: { measureKey: string; compact?: boolean }) {
  const platformAdmin = useSession().user?.role === 'PLATFORM_ADMIN';
  const measure = useQuery({ queryKey: ['measure', measureKey], queryFn: () => api.measure(measureKey) });
  if (measure.isPending) return <Loading what="the measure's timeline" />;
  if (measure.error) return <ErrorMessage error={measure.error} />;
  const m = measure.data;
  return (
    <>
      {compact && (
        <p>
          <Link to="/measures/$key" params={{ key: m.key }}>
            {m.title ?? m.label}
          </Link>{' '}
          <span className="muted">now</span> <MeasureStatusBadge status={m.status} />
          {m.until && (
            <>
              {' '}
              <span className="muted">
                until <CalendarDate date={m.until} />
              </span>
            </>
          )}
        </p>
      )}
      {m.timeline.length === 0 ? (
        <p className="muted">No status step is known yet.</p>
      ) : (
        <ol className={compact ? 'timeline compact' : 'timeline'}>
          {m.timeline.map((s) => (
            <li key={`${s.event.id}-${s.role}`}>
              <p>
                <strong>{s.occurredOn ? <CalendarDate date={s.occurredOn} /> : <DateTime iso={s.recordedAt} />}</strong>{' '}
                · <StepLabel step={s} /> {!s.official && <span className="badge">unofficial</span>}
              </p>
              <p className={compact ? 'muted' : undefined}>
                {s.event.sourceUrl ? (
                  <a href={s.event.sourceUrl} rel="noreferrer noopener" target="_blank">
                    {s.event.reference ?? s.event.title}
                  </a>
                ) : (
                  (s.event.reference ?? s.event.title)
                )}
                {compact && (
                  <>
                    {' '}
                    · recorded <DateTime iso={s.recordedAt} />
                  </>
                )}
              </p>
              {!compact && (
                <p className="muted">
                  {s.event.title !== (s.event.reference ?? s.event.title) && <>{s.event.title} · </>}
                  {s.event.source} · {s.event.issuer} ({s.event.jurisdiction})
                  {s.event.effectiveDate && (
                    <>
                      {' '}
                      · effective <CalendarDate date={s.event.effectiveDate} />
                    </>
                  )}
                  {s.event.endDate && (
                    <>
                      {' '}
                      · until <CalendarDate date={s.event.endDate} />
                    </>
                  )}{' '}
                  · recorded <DateTime iso={s.recordedAt} />
                </p>
              )}
              {!compact && platformAdmin && <FanoutLine eventId={s.event.id} />}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
