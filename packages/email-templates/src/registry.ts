import { createElement, type ReactElement } from 'react';
import { plainTextSelectors } from '@react-email/render';
import { compile } from 'html-to-text';
import { renderToStaticMarkup } from 'react-dom/server';
import { SEVERITY_ORDER, type MatchReason } from '@lodestone/shared-types';
import { AlertEmail } from './emails/alert.email.js';
import { InvitationEmail } from './emails/invitation.email.js';
import { PasswordResetEmail } from './emails/password-reset.email.js';
import { DigestEmail, digestSubject } from './emails/digest.email.js';
import { ExpiryReminderEmail, expiryReminderSubject } from './emails/expiry-reminder.email.js';
import { ReversalEmail, reversalSubject } from './emails/reversal.email.js';
import { ExposureSummaryEmail, exposureSummarySubject } from './emails/exposure-summary.email.js';
import { ChannelDisabledEmail, channelDisabledSubject } from './emails/channel-disabled.email.js';
import { AlertBurstEmail, alertBurstSubject } from './emails/alert-burst.email.js';
import { singleLine, stripBidiDeep, truncate } from './format.js';
import type {
  AlertTemplateProps,
  InvitationTemplateProps,
  PasswordResetTemplateProps,
  DigestTemplateProps,
  ExpiryReminderTemplateProps,
  ReversalTemplateProps,
  ExposureSummaryTemplateProps,
  ChannelDisabledTemplateProps,
  AlertBurstTemplateProps,
} from './types.js';

/**
 * Props of every template, by template name. Add a template by adding a key here and an entry in
 * `TEMPLATES` below; `TemplateName`, `TemplateRequest` and `renderEmail` follow.
 */
export interface TemplateProps {
  alert: AlertTemplateProps;
  digest: DigestTemplateProps;
  'expiry-reminder': ExpiryReminderTemplateProps;
  reversal: ReversalTemplateProps;
  invitation: InvitationTemplateProps;
  'password-reset': PasswordResetTemplateProps;
  'exposure-summary': ExposureSummaryTemplateProps;
  'channel-disabled': ChannelDisabledTemplateProps;
  'alert-burst': AlertBurstTemplateProps;
}

/** Name of a template, as stored in `EmailDelivery.template`. */
export type TemplateName = keyof TemplateProps;

/** A template name with its props, discriminated on `template`, e.g. an outbox row's `template` + `payload`. */
export type TemplateRequest = { [N in TemplateName]: { template: N; props: TemplateProps[N] } }[TemplateName];

/** A rendered email, ready for a transport. */
export interface RenderedEmail {
  /** Single line (no CR/LF), at most {@link MAX_SUBJECT_LENGTH} characters. */
  subject: string;
  /** Complete HTML document (XHTML 1.0 Transitional doctype), UTF-8, inline styles only. */
  html: string;
  /** Plain-text alternative of the same content: no markup (user text is kept verbatim), links as `label URL`, ends with `\n`. */
  text: string;
}

interface TemplateDefinition<P> {
  component: (props: P) => ReactElement;
  subject: (props: P) => string;
  validate: (props: unknown) => asserts props is P;
  /**
   * Per-recipient props the template shows verbatim (never truncated, reformatted or tested beyond "present"), so a
   * render can be reused for another recipient with only these substituted (render-cache.ts). `text`: string props
   * shown as text; `url`: link props passed through `safeHttpUrl` and shown as links. Props not listed here belong to
   * the render's cache key. A prop that is ever cut or reformatted (e.g. in the preview line) must not be listed.
   */
  slots?: { text: readonly (keyof P & string)[]; url: readonly (keyof P & string)[] };
}

/**
 * Version of each template's props. A change of a template's props shape bumps its version here and adds the step
 * from the previous version to {@link UPGRADES}, so that outbox rows written before (their `templateVersion`) still
 * render after an upgrade of Lodestone; a row whose version has no path to the current one fails with a
 * {@link TemplatePropsError} saying so, never with a half-rendered email.
 */
export const TEMPLATE_VERSIONS: { readonly [N in TemplateName]: number } = {
  alert: 1,
  digest: 1,
  'expiry-reminder': 1,
  reversal: 1,
  invitation: 1,
  'password-reset': 1,
  'exposure-summary': 1,
  'channel-disabled': 1,
  'alert-burst': 1,
};

/**
 * Steps from one props version to the next, per template: `UPGRADES[name][v]` turns props of version `v` into props
 * of version `v + 1`. Empty while every template is at version 1.
 */
export type UpgradeSteps = Readonly<Record<number, (props: Record<string, unknown>) => Record<string, unknown>>>;
const UPGRADES: { readonly [N in TemplateName]?: UpgradeSteps } = {};

/** Props that cannot be rendered: wrong shape, unknown template, or a version with no path to the current one. */
export class TemplatePropsError extends TypeError {
  override name = 'TemplatePropsError';
}

/**
 * Brings props stored at `from` up to version `to` through `steps` (pure; the input is not modified).
 *
 * @param template - the template's name, for the error messages.
 * @param from - the version the props were written at (an integer >= 1).
 * @param to - the version to reach (the build's current one).
 * @param steps - `steps[v]` maps version `v` to `v + 1`.
 * @returns the props at version `to`.
 * @throws TemplatePropsError when `from` is newer than `to` (written by a newer Lodestone), is not a positive
 *   integer, or a step is missing.
 */
export function upgradeProps(template: string, from: number, to: number, steps: UpgradeSteps, props: unknown): unknown {
  if (!Number.isInteger(from) || from < 1)
    throw new TemplatePropsError(`template ${template}: stored props version ${from} is not a version (1, 2, …)`);
  if (from > to)
    throw new TemplatePropsError(
      `template ${template}: props of version ${from} were written by a newer Lodestone; this one renders up to version ${to}`,
    );
  let out = props;
  for (let v = from; v < to; v++) {
    const step = steps[v];
    if (!step) throw new TemplatePropsError(`template ${template}: no upgrade from props version ${v} to ${v + 1}`);
    if (typeof out !== 'object' || out === null || Array.isArray(out))
      throw new TemplatePropsError(`template ${template}: props of version ${v} must be an object`);
    out = step(out as Record<string, unknown>);
  }
  return out;
}

/**
 * Props as stored in the outbox (JSON, written by this or an older build at `version`), brought to the current version
 * and checked against the template's shape.
 *
 * @param name - the stored template name (`EmailDelivery.template`).
 * @param version - the stored `EmailDelivery.templateVersion`.
 * @param props - the stored payload.
 * @returns the props, ready for {@link renderEmail}.
 * @throws TemplatePropsError naming the template and the field when the name is unknown, the version has no path to
 *   the current one, or a field is missing or of the wrong type.
 */
export function storedProps<N extends TemplateName>(name: N, version: number, props: unknown): TemplateProps[N] {
  if (!isTemplateName(name)) throw new TemplatePropsError(`unknown template ${JSON.stringify(name)}`);
  const upgraded = upgradeProps(name, version, TEMPLATE_VERSIONS[name], UPGRADES[name] ?? {}, props);
  checkedTemplate(name, upgraded as TemplateProps[N]);
  return upgraded as TemplateProps[N];
}

/**
 * An outbox row's template fields, written by every producer of emails: the props are checked against the
 * template's shape now (a bad row is refused where it is written, not found at send time) and stamped with the
 * template's current version.
 *
 * @returns `{ template, templateVersion, payload }` (the payload is the props object itself).
 * @throws TemplatePropsError naming the field, as {@link storedProps}.
 */
export function outboxTemplate<N extends TemplateName>(
  name: N,
  props: TemplateProps[N],
): { template: N; templateVersion: number; payload: TemplateProps[N] } {
  checkedTemplate(name, props);
  return { template: name, templateVersion: TEMPLATE_VERSIONS[name], payload: props };
}

/** The doctype react-email's `render` puts in front of every document (kept identical). */
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** Longest subject {@link alertSubject} returns. */
export const MAX_SUBJECT_LENGTH = 150;

/**
 * The plain-text converter, compiled once: html-to-text with the options `@react-email/render`'s `toPlainText` uses
 * (no word wrap, its `plainTextSelectors`: preview line and images skipped, links as `label URL`, table cells as
 * blocks, the `dataTable` format) plus ours (headings kept in their own case; html-to-text upper-cases them by
 * default). `toPlainText` calls html-to-text's `convert`, which compiles these options again on every call: about
 * three quarters of a conversion's cost. Same options, same text.
 */
const htmlToText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: '[data-text-format="dataTable"]', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});

/**
 * Best-effort short label of one reason, read from its sentence: an element symbol in parentheses
 * (`"… dysprosium (Dy) …"` → `Dy`), an HS prefix (`"… HS code prefix 2846 …"` → `HS 2846`) or a
 * control-list entry (`"… entry 1C902 …"` → `1C902`). `null` when nothing recognisable is found
 * (e.g. supplier reasons).
 */
function labelFromReason(reason: Pick<MatchReason, 'text' | 'via'>): string | null {
  const text = reason.text;
  switch (reason.via) {
    case 'ELEMENT_NAMED':
    case 'ELEMENT_VIA_CONTROL_ENTRY':
    case 'ELEMENT_VIA_CUSTOMS_CODE': {
      const m = /\(([A-Z][a-z]?)\)/.exec(text);
      return m?.[1] ?? null;
    }
    case 'HS_CODE_PREFIX': {
      const m =
        /\b(?:HS|customs)(?:[\s-]+(?:code|heading|prefix|tariff line))*[\s-]+(\d{2,10})\b/i.exec(text) ??
        /\b(\d{4,10})\b/.exec(text);
      return m?.[1] ? `HS ${m[1]}` : null;
    }
    case 'CONTROL_ENTRY': {
      const m = /\b(\d[A-E]\d{3}(?:\.[a-z0-9]+)*)\b/.exec(text);
      return m?.[1] ?? null;
    }
    default:
      return null;
  }
}

/**
 * The short labels of what matched, for the subject: `props.matchedLabels` when given (trimmed, empties
 * dropped), otherwise labels guessed from the reason sentences (see `labelFromReason`). Deduplicated, in
 * first-seen order.
 *
 * @param props - the alert's props; only `reasons` and `matchedLabels` are read.
 * @returns e.g. `["Dy", "Tb", "HS 2846"]`; `[]` when nothing could be labelled. Never throws.
 */
export function matchedLabels(props: Pick<AlertTemplateProps, 'reasons' | 'matchedLabels'>): string[] {
  const raw = props.matchedLabels ?? props.reasons.map(labelFromReason);
  const out: string[] = [];
  for (const label of raw) {
    const clean = typeof label === 'string' ? singleLine(label) : '';
    if (clean !== '' && !out.includes(clean)) out.push(clean);
  }
  return out;
}

/** Lower-cases the first letter of a sentence-case label ("Export licence required" → "export licence required"), not of acronyms. */
function lowerFirst(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/**
 * `"Dy, Tb, HS 2846"`, or `"Dy, Tb +3 more"` when the full list would be longer than `max` characters. When even the
 * first label alone is too long (a long supplier name), it is cut with `…` rather than replaced by a count:
 * `"China Northern Rare Earth (Group) High-Tech…"`, `"China Northern Rare Earth… +2 more"`.
 */
export function labelList(labels: string[], max: number): string {
  const all = labels.join(', ');
  if (all.length <= max) return all;
  for (let n = labels.length - 1; n >= 1; n--) {
    const s = `${labels.slice(0, n).join(', ')} +${labels.length - n} more`;
    if (s.length <= max) return s;
  }
  const more = labels.length > 1 ? ` +${labels.length - 1} more` : '';
  return `${truncate(labels[0]!, Math.max(max - more.length, 12))}${more}`;
}

/**
 * Subject line of the alert email: severity, the event (its reference, else its title), the action and
 * what matched, e.g.
 * `[HIGH] MOFCOM/GAC Announcement 2025 No. 18: export licence required — matches Dy, Tb, HS 2846`.
 *
 * Pure. The result is one line (CR/LF and control characters removed) of at most
 * {@link MAX_SUBJECT_LENGTH} characters: the match list is shortened first (`Dy, Tb +3 more`), then the
 * event part is cut with `…`. When no reason can be labelled, the tail reads `— N matches for you`.
 *
 * @param props - the alert's props; reads `severity`, `event.reference`, `event.title`,
 *   `event.actionLabel`, `reasons` and `matchedLabels`.
 * @returns the subject string. Never throws for well-typed props.
 */
export function alertSubject(props: AlertTemplateProps): string {
  const severity = `[${singleLine(props.severity)}]`;
  const what = singleLine(props.event.reference ?? '') || singleLine(props.event.title) || 'Export-control event';
  const action = singleLine(props.event.actionLabel);
  const labels = matchedLabels(props);
  const n = props.reasons.length;
  const matches =
    labels.length > 0
      ? ` — matches ${labelList(labels, 50)}`
      : n > 0
        ? ` — ${n} ${n === 1 ? 'match' : 'matches'} for you`
        : '';
  const actionPart = action ? `: ${lowerFirst(action)}` : '';

  const fixed = severity.length + 1 + actionPart.length + matches.length;
  const room = MAX_SUBJECT_LENGTH - fixed;
  const subject = `${severity} ${truncate(what, Math.max(room, 24))}${actionPart}${matches}`;
  return truncate(subject, MAX_SUBJECT_LENGTH);
}

function fail(template: string, message: string): never {
  throw new TemplatePropsError(`renderEmail('${template}'): ${message}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the shape `renderEmail('alert', …)` relies on; payloads come from JSON in the outbox. */
function validateAlertProps(props: unknown): asserts props is AlertTemplateProps {
  if (!isObject(props)) fail('alert', 'props must be an object');
  for (const key of ['recipientName', 'tenantName', 'alertId'] as const) {
    if (typeof props[key] !== 'string') fail('alert', `props.${key} must be a string`);
  }
  if (!SEVERITY_ORDER.includes(props.severity as never)) {
    fail('alert', `props.severity must be one of ${SEVERITY_ORDER.join(', ')}, got ${JSON.stringify(props.severity)}`);
  }
  const event = props.event;
  if (!isObject(event)) fail('alert', 'props.event must be an object');
  for (const key of ['title', 'summary', 'jurisdiction', 'actionLabel'] as const) {
    if (typeof event[key] !== 'string') fail('alert', `props.event.${key} must be a string`);
  }
  for (const key of ['issuer', 'effectiveDate', 'sourceUrl', 'reference'] as const) {
    if (event[key] !== null && event[key] !== undefined && typeof event[key] !== 'string') {
      fail('alert', `props.event.${key} must be a string or null`);
    }
  }
  if (!Array.isArray(props.reasons)) fail('alert', 'props.reasons must be an array');
  props.reasons.forEach((r, i) => {
    if (!isObject(r) || typeof r.text !== 'string') fail('alert', `props.reasons[${i}].text must be a string`);
  });
  if (props.matchedLabels !== undefined && !Array.isArray(props.matchedLabels)) {
    fail('alert', 'props.matchedLabels must be an array of strings when given');
  }
  if (props.reasonsTotal !== undefined && (typeof props.reasonsTotal !== 'number' || props.reasonsTotal < 0)) {
    fail('alert', 'props.reasonsTotal must be a number >= 0 when given');
  }
  if (props.alertUrl !== undefined && props.alertUrl !== null && typeof props.alertUrl !== 'string') {
    fail('alert', 'props.alertUrl must be a string or null when given');
  }
}

/** Checks that `props` is an object whose `keys` are strings. */
function assertStrings(
  template: string,
  props: unknown,
  keys: readonly string[],
): asserts props is Record<string, unknown> {
  if (!isObject(props)) fail(template, 'props must be an object');
  for (const key of keys) if (typeof props[key] !== 'string') fail(template, `props.${key} must be a string`);
}

function validateInvitationProps(props: unknown): asserts props is InvitationTemplateProps {
  assertStrings('invitation', props, ['recipientName', 'tenantName', 'inviterName', 'role', 'acceptUrl', 'expiresAt']);
  if (!['PLATFORM_ADMIN', 'TENANT_ADMIN', 'BUYER'].includes(props.role as string)) {
    fail('invitation', 'props.role must be PLATFORM_ADMIN, TENANT_ADMIN or BUYER');
  }
}

function validatePasswordResetProps(props: unknown): asserts props is PasswordResetTemplateProps {
  assertStrings('password-reset', props, ['recipientName', 'tenantName', 'resetUrl', 'expiresAt']);
}

/** Checks that `props` is an object whose `strings` are strings and whose `arrays` are arrays (JSON payloads). */
function shape(template: string, strings: string[], arrays: string[]) {
  return (props: unknown): void => {
    if (!isObject(props)) fail(template, 'props must be an object');
    for (const key of strings) if (typeof props[key] !== 'string') fail(template, `props.${key} must be a string`);
    for (const key of arrays) if (!Array.isArray(props[key])) fail(template, `props.${key} must be an array`);
  };
}

const validateDigest: (p: unknown) => asserts p is DigestTemplateProps = (p) => {
  shape(
    'digest',
    ['recipientName', 'tenantName', 'windowStart', 'windowEnd', 'timeZone'],
    ['groups', 'sourcesChecked'],
  )(p);
  const props = p as Record<string, unknown>;
  if (props.frequency !== 'DAILY' && props.frequency !== 'WEEKLY')
    fail('digest', 'props.frequency must be DAILY or WEEKLY');
  (props.groups as unknown[]).forEach((g, i) => {
    if (!isObject(g) || typeof g.label !== 'string' || !Array.isArray(g.alerts))
      fail('digest', `props.groups[${i}] must have a label and alerts`);
  });
  if (props.sources !== undefined && !Array.isArray(props.sources))
    fail('digest', 'props.sources must be an array when given');
  ((props.sources ?? []) as unknown[]).forEach((s, i) => {
    if (!isObject(s) || typeof s.source !== 'string' || typeof s.itemsNew !== 'number')
      fail('digest', `props.sources[${i}] must have a source and itemsNew`);
  });
};
const validateReminder: (p: unknown) => asserts p is ExpiryReminderTemplateProps = (p) => {
  shape('expiry-reminder', ['recipientName', 'tenantName', 'endDate', 'title', 'alertId'], ['concerned'])(p);
  const props = p as Record<string, unknown>;
  if (props.kind !== 'PERMIT_EXPIRY' && props.kind !== 'SUSPENSION_LAPSE')
    fail('expiry-reminder', 'props.kind must be PERMIT_EXPIRY or SUSPENSION_LAPSE');
  if (typeof props.daysLeft !== 'number') fail('expiry-reminder', 'props.daysLeft must be a number');
};
const validateReversal: (p: unknown) => asserts p is ReversalTemplateProps = (p) => {
  shape('reversal', ['recipientName', 'tenantName', 'change', 'whatChanged', 'alertId'], ['earlier'])(p);
  if (!isObject((p as Record<string, unknown>).event)) fail('reversal', 'props.event must be an object');
};

const validateExposureSummary: (p: unknown) => asserts p is ExposureSummaryTemplateProps = (p) => {
  shape(
    'exposure-summary',
    ['recipientName', 'tenantName', 'trigger', 'generatedAt'],
    ['byElement', 'bySupplier', 'other'],
  )(p);
  const props = p as Record<string, unknown>;
  for (const key of ['byElement', 'bySupplier'] as const)
    (props[key] as unknown[]).forEach((g, i) => {
      if (!isObject(g) || typeof g.label !== 'string' || !Array.isArray(g.items))
        fail('exposure-summary', `props.${key}[${i}] must have a label and items`);
    });
};

const validateAlertBurst: (p: unknown) => asserts p is AlertBurstTemplateProps = (p) => {
  shape('alert-burst', ['recipientName', 'tenantName'], ['alerts'])(p);
  const props = p as Record<string, unknown>;
  if (typeof props.windowMinutes !== 'number') fail('alert-burst', 'props.windowMinutes must be a number');
  (props.alerts as unknown[]).forEach((a, i) => {
    if (!isObject(a) || typeof a.alertId !== 'string' || typeof a.title !== 'string')
      fail('alert-burst', `props.alerts[${i}] must have an alertId and a title`);
    if (!SEVERITY_ORDER.includes(a.severity as never))
      fail('alert-burst', `props.alerts[${i}].severity must be one of ${SEVERITY_ORDER.join(', ')}`);
  });
};

const TEMPLATES: { [N in TemplateName]: TemplateDefinition<TemplateProps[N]> } = {
  alert: {
    component: AlertEmail,
    subject: alertSubject,
    validate: validateAlertProps,
    slots: {
      text: ['recipientName', 'tenantName', 'alertId'],
      url: ['alertUrl', 'preferencesUrl', 'unsubscribeUrl'],
    },
  },
  // The tenant's name is in the digest's preview line (cut at 140 characters): part of the cache key.
  digest: {
    component: DigestEmail,
    subject: digestSubject,
    validate: validateDigest,
    slots: { text: ['recipientName'], url: ['preferencesUrl', 'unsubscribeUrl'] },
  },
  'expiry-reminder': { component: ExpiryReminderEmail, subject: expiryReminderSubject, validate: validateReminder },
  reversal: {
    component: ReversalEmail,
    subject: reversalSubject,
    validate: validateReversal,
    slots: { text: ['recipientName', 'tenantName', 'alertId'], url: ['preferencesUrl', 'unsubscribeUrl'] },
  },
  'exposure-summary': {
    component: ExposureSummaryEmail,
    subject: exposureSummarySubject,
    validate: validateExposureSummary,
  },
  invitation: {
    component: InvitationEmail,
    subject: (p) =>
      truncate(singleLine(`${p.inviterName} invited you to ${p.tenantName} on Lodestone`), MAX_SUBJECT_LENGTH),
    validate: validateInvitationProps,
  },
  'password-reset': {
    component: PasswordResetEmail,
    subject: () => 'Reset your Lodestone password',
    validate: validatePasswordResetProps,
  },
  // The tenant's name is in the burst's preview line (cut at 140 characters): part of the cache key.
  'alert-burst': {
    component: AlertBurstEmail,
    subject: alertBurstSubject,
    validate: validateAlertBurst,
    slots: { text: ['recipientName'], url: ['preferencesUrl', 'unsubscribeUrl'] },
  },
  'channel-disabled': {
    component: ChannelDisabledEmail,
    subject: channelDisabledSubject,
    validate: shape(
      'channel-disabled',
      ['recipientName', 'tenantName', 'endpointName', 'kind', 'target', 'failingSince', 'lastError', 'manageUrl'],
      [],
    ) as (p: unknown) => asserts p is ChannelDisabledTemplateProps,
  },
};

/**
 * Whether `name` is a known template name, e.g. to check `EmailDelivery.template` read from the database.
 *
 * @param name - any value.
 * @returns `true` for `'alert'` (and future template names). Never throws.
 */
export function isTemplateName(name: unknown): name is TemplateName {
  return typeof name === 'string' && Object.hasOwn(TEMPLATES, name);
}

/**
 * Renders a template to a subject, an HTML part and a plain-text part.
 *
 * The HTML is React's static markup of the react-email components (what `@react-email/render` produces, without its
 * streaming overhead), rendered once; the text is that same markup through html-to-text with react-email's selectors
 * (the preview line and images skipped, links as `label URL`, headings kept in their case, the facts table as
 * aligned columns; trailing spaces and runs of blank lines collapsed), as `render(…, { plainText: true })` would
 * give after a second render. All user
 * content is escaped by React, so `<`, `>` and `&` in props appear as text, never as markup.
 *
 * @param name - template name, e.g. `'alert'`.
 * @param props - that template's props ({@link TemplateProps}); checked at run time because they usually
 *   come from JSON.
 * @returns `{ subject, html, text }` (see {@link RenderedEmail}).
 * @throws never synchronously; the promise rejects with a {@link TemplatePropsError} (a `TypeError`) when `name` is not a template or
 *   `props` lack a required field or have a wrong type, and with React's error if rendering itself fails.
 */
export async function renderEmail<N extends TemplateName>(name: N, props: TemplateProps[N]): Promise<RenderedEmail> {
  const def = checkedTemplate(name, props);
  // Bidirectional controls (U+202A-E, U+2066-9) never reach a subject, a display name or the body.
  props = stripBidiDeep(props);
  return { subject: def.subject(props), ...renderBody(def, props) };
}

/**
 * The definition of template `name` after checking `props` against it (internal: render-cache.ts).
 * @throws TemplatePropsError when `name` is not a template or `props` do not fit it.
 */
export function checkedTemplate<N extends TemplateName>(
  name: N,
  props: TemplateProps[N],
): TemplateDefinition<TemplateProps[N]> {
  if (!isTemplateName(name)) throw new TemplatePropsError(`renderEmail: unknown template ${JSON.stringify(name)}`);
  const def: TemplateDefinition<TemplateProps[N]> = TEMPLATES[name];
  def.validate(props);
  return def;
}

/**
 * The HTML and text parts of `props` (already checked and stripped of bidirectional controls) rendered by `def`
 * (internal: {@link renderEmail} and render-cache.ts).
 */
export function renderBody<P>(def: TemplateDefinition<P>, props: P): { html: string; text: string } {
  const element = createElement(def.component as (p: object) => ReactElement, props as object);
  // One synchronous render (the templates have no Suspense or async data, so react-email's streaming render gives the
  // same markup, at about twice the cost); the text part is converted from that HTML by the compiled converter.
  const markup = renderToStaticMarkup(element);
  const html = `${XHTML_DOCTYPE}${markup.replace(/<!DOCTYPE.*?>/, '')}`;
  const text = htmlToText(markup);
  return {
    html,
    text: `${text
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`,
  };
}

export type { TemplateDefinition };
