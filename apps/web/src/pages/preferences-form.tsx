import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { PreferencesView, Severity, UpdatePreferences } from '../api/client';
import { ErrorMessage, Field } from '../components/ui';

const SEVERITIES: Severity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** A person's own notification preferences (signed in, or through the emailed signed link). */
export function PreferencesForm({
  view,
  save,
}: {
  view: PreferencesView;
  save: UseMutationResult<PreferencesView, Error, UpdatePreferences>;
}) {
  const e = view.effective;
  const [immediateEnabled, setImmediate] = useState(e.immediate.enabled);
  const [minSeverity, setMinSeverity] = useState<Severity>(e.immediate.minSeverity);
  const [digest, setDigest] = useState<'NONE' | 'DAILY' | 'WEEKLY'>(e.digest?.frequency ?? 'NONE');
  const [digestTime, setDigestTime] = useState(
    e.digest?.localTime ?? (view.own?.digestLocalTime as string | undefined) ?? '08:00',
  );
  const [timeZone, setTimeZone] = useState(view.timeZone);
  const [unsubscribed, setUnsubscribed] = useState(e.unsubscribed);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate({
      immediateEnabled,
      immediateMinSeverity: minSeverity,
      digestFrequency: digest,
      digestLocalTime: digestTime,
      timeZone,
      unsubscribed,
    });
  };
  const err = save.error;
  return (
    <form onSubmit={submit} className="stack" aria-label="Notification preferences">
      <fieldset>
        <legend>Immediate alert emails</legend>
        <label className="check">
          <input type="checkbox" checked={immediateEnabled} onChange={(ev) => setImmediate(ev.target.checked)} /> Email
          me each new alert
        </label>
        <Field id="pref-min-severity" label="Only alerts at or above" error={err} field="immediateMinSeverity">
          {(p) => (
            <select {...p} value={minSeverity} onChange={(ev) => setMinSeverity(ev.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0) + s.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Digest</legend>
        <Field id="pref-digest" label="Digest frequency" error={err} field="digestFrequency">
          {(p) => (
            <select {...p} value={digest} onChange={(ev) => setDigest(ev.target.value as typeof digest)}>
              <option value="NONE">No digest</option>
              <option value="DAILY">Daily</option>
              <option value="WEEKLY">Weekly</option>
            </select>
          )}
        </Field>
        <Field id="pref-digest-time" label="Digest time (HH:MM, your time zone)" error={err} field="digestLocalTime">
          {(p) => <input {...p} value={digestTime} onChange={(ev) => setDigestTime(ev.target.value)} />}
        </Field>
        <Field id="pref-tz" label="Time zone (IANA, e.g. Europe/Berlin)" error={err} field="timeZone">
          {(p) => <input {...p} value={timeZone} onChange={(ev) => setTimeZone(ev.target.value)} />}
        </Field>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={unsubscribed} onChange={(ev) => setUnsubscribed(ev.target.checked)} />{' '}
        Unsubscribe from all Lodestone emails
      </label>
      <ErrorMessage error={err} />
      {save.isSuccess && <p role="status">Preferences saved.</p>}
      <button type="submit" disabled={save.isPending}>
        Save preferences
      </button>
    </form>
  );
}
