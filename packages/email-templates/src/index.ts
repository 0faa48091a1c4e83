/**
 * @lodestone/email-templates: Lodestone's transactional emails (react-email), rendered to
 * `{ subject, html, text }` by {@link renderEmail}.
 */
export {
  renderEmail,
  alertSubject,
  matchedLabels,
  isTemplateName,
  MAX_SUBJECT_LENGTH,
  type TemplateName,
  type TemplateProps,
  type TemplateRequest,
  type RenderedEmail,
} from './registry.js';
export type { AlertTemplateProps } from './types.js';
export type { AlertEmailProps, EventSummary, MatchReason, Severity } from '@lodestone/shared-types';
export { AlertEmail } from './emails/alert.email.js';
export { EmailLayout, theme, type EmailLayoutProps } from './components/layout.js';
export { safeHttpUrl, jurisdictionLabel, SEVERITY_STYLE } from './format.js';
