/**
 * @lodestone/email-templates: Lodestone's transactional emails (react-email), rendered to
 * `{ subject, html, text }` by {@link renderEmail}.
 */
export {
  renderEmail,
  alertSubject,
  matchedLabels,
  labelList,
  isTemplateName,
  storedProps,
  outboxTemplate,
  upgradeProps,
  TemplatePropsError,
  TEMPLATE_VERSIONS,
  type UpgradeSteps,
  MAX_SUBJECT_LENGTH,
  type TemplateName,
  type TemplateProps,
  type TemplateRequest,
  type RenderedEmail,
} from './registry.js';
export { EmailRenderCache, type RenderCacheStats } from './render-cache.js';
export type {
  AlertTemplateProps,
  InvitationTemplateProps,
  PasswordResetTemplateProps,
  DigestTemplateProps,
  DigestAlertItem,
  DigestSourceLine,
  ExpiryReminderTemplateProps,
  ReversalTemplateProps,
  ExposureSummaryTemplateProps,
  ExposureSummaryGroup,
  ExposureSummaryItem,
  FooterLinks,
  ChannelDisabledTemplateProps,
  AlertBurstTemplateProps,
  AlertBurstItem,
} from './types.js';
export { AlertBurstEmail, alertBurstSubject, burstSeverity, MAX_BURST_LISTED } from './emails/alert-burst.email.js';
export { ChannelDisabledEmail, channelDisabledSubject } from './emails/channel-disabled.email.js';
export { DigestEmail, digestSubject, digestAlertCount } from './emails/digest.email.js';
export { ExpiryReminderEmail, expiryReminderSubject } from './emails/expiry-reminder.email.js';
export { ReversalEmail, reversalSubject } from './emails/reversal.email.js';
export {
  ExposureSummaryEmail,
  exposureSummarySubject,
  exposureItemCount,
} from './emails/exposure-summary.email.js';
export type { AlertEmailProps, EventSummary, MatchReason, Severity } from '@lodestone/shared-types';
export { AlertEmail, MAX_LISTED_REASONS, unlistedReasons } from './emails/alert.email.js';
export { InvitationEmail } from './emails/invitation.email.js';
export { PasswordResetEmail } from './emails/password-reset.email.js';
export { EmailLayout, theme, type EmailLayoutProps } from './components/layout.js';
export { safeHttpUrl, jurisdictionLabel, SEVERITY_STYLE, stripBidi, BIDI_CONTROLS } from './format.js';
