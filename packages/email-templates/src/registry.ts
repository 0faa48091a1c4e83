import { createElement, type ReactElement } from 'react';
import { render } from '@react-email/render';
import { SEVERITY_ORDER, type MatchReason } from '@lodestone/shared-types';
import { AlertEmail } from './emails/alert.email.js';
import { InvitationEmail } from './emails/invitation.email.js';
import { PasswordResetEmail } from './emails/password-reset.email.js';
import { singleLine, truncate } from './format.js';
import type { AlertTemplateProps, InvitationTemplateProps, PasswordResetTemplateProps } from './types.js';

/**
 * Props of every template, by template name. Add a template by adding a key here and an entry in
 * `TEMPLATES` below; `TemplateName`, `TemplateRequest` and `renderEmail` follow.
 */
export interface TemplateProps {
  alert: AlertTemplateProps;
  invitation: InvitationTemplateProps;
  'password-reset': PasswordResetTemplateProps;
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
}

/** Longest subject {@link alertSubject} returns. */
export const MAX_SUBJECT_LENGTH = 150;

/** Plain-text conversion: keep headings in their own case (html-to-text upper-cases them by default). */
const HTML_TO_TEXT = {
  selectors: [
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: '[data-text-format="dataTable"]', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

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
      const m = /\b(?:HS|customs)(?:[\s-]+(?:code|heading|prefix|tariff line))*[\s-]+(\d{2,10})\b/i.exec(text) ?? /\b(\d{4,10})\b/.exec(text);
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

/** `"Dy, Tb, HS 2846"`, or `"Dy, Tb +3 more"` when the full list would be longer than `max`. */
function labelList(labels: string[], max: number): string {
  const all = labels.join(', ');
  if (all.length <= max) return all;
  for (let n = labels.length - 1; n >= 1; n--) {
    const s = `${labels.slice(0, n).join(', ')} +${labels.length - n} more`;
    if (s.length <= max) return s;
  }
  return `${labels.length} items`;
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
    labels.length > 0 ? ` — matches ${labelList(labels, 50)}` : n > 0 ? ` — ${n} ${n === 1 ? 'match' : 'matches'} for you` : '';
  const actionPart = action ? `: ${lowerFirst(action)}` : '';

  const fixed = severity.length + 1 + actionPart.length + matches.length;
  const room = MAX_SUBJECT_LENGTH - fixed;
  const subject = `${severity} ${truncate(what, Math.max(room, 24))}${actionPart}${matches}`;
  return truncate(subject, MAX_SUBJECT_LENGTH);
}

function fail(template: string, message: string): never {
  throw new TypeError(`renderEmail('${template}'): ${message}`);
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
}

/** Checks that `props` is an object whose `keys` are strings. */
function assertStrings(template: string, props: unknown, keys: readonly string[]): asserts props is Record<string, unknown> {
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

const TEMPLATES: { [N in TemplateName]: TemplateDefinition<TemplateProps[N]> } = {
  alert: { component: AlertEmail, subject: alertSubject, validate: validateAlertProps },
  invitation: {
    component: InvitationEmail,
    subject: (p) => truncate(singleLine(`${p.inviterName} invited you to ${p.tenantName} on Lodestone`), MAX_SUBJECT_LENGTH),
    validate: validateInvitationProps,
  },
  'password-reset': {
    component: PasswordResetEmail,
    subject: () => 'Reset your Lodestone password',
    validate: validatePasswordResetProps,
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
 * The HTML comes from `@react-email/render`'s (async) `render`; the text from the same function with
 * `plainText: true` (html-to-text with react-email's selectors: the preview line and images skipped,
 * links as `label URL`, headings kept in their case, the facts table as aligned columns; trailing spaces
 * and runs of blank lines collapsed). All user
 * content is escaped by React, so `<`, `>` and `&` in props appear as text, never as markup.
 *
 * @param name - template name, e.g. `'alert'`.
 * @param props - that template's props ({@link TemplateProps}); checked at run time because they usually
 *   come from JSON.
 * @returns `{ subject, html, text }` (see {@link RenderedEmail}).
 * @throws never synchronously; the promise rejects with a `TypeError` when `name` is not a template or
 *   `props` lack a required field or have a wrong type, and with React's error if rendering itself fails.
 */
export async function renderEmail<N extends TemplateName>(name: N, props: TemplateProps[N]): Promise<RenderedEmail> {
  if (!isTemplateName(name)) throw new TypeError(`renderEmail: unknown template ${JSON.stringify(name)}`);
  const def: TemplateDefinition<TemplateProps[N]> = TEMPLATES[name];
  def.validate(props);
  const element = createElement(def.component, props);
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: HTML_TO_TEXT }),
  ]);
  return { subject: def.subject(props), html, text: `${text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n` };
}
