import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, type Measure } from '../api/client';
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

/**
 * The status timeline of a measure (GET /v1/measures/:key), oldest step first: each step's date (calendar date as
 * published, or the instant it was recorded in the person's time zone, ISO-8601 with zone in the tooltip), what
 * happened in words, the status after it, and the announcement it comes from.
 */
export function MeasureTimeline({ measureKey, compact = false }: { measureKey: string; compact?: boolean }) {
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
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
