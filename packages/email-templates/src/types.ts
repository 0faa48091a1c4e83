import type { AlertEmailProps } from '@lodestone/shared-types';

/**
 * Props of the `alert` template: the shared {@link AlertEmailProps} plus optional, template-local extras.
 * Any `AlertEmailProps` value is a valid `AlertTemplateProps`.
 */
export interface AlertTemplateProps extends AlertEmailProps {
  /**
   * Short labels of what matched, for the subject line, e.g. `["Dy", "Tb", "HS 2846", "JL MAG"]`.
   * `AlertEmailProps.reasons` only carries `text` and `via`, so without this the labels are guessed from the
   * reason sentences (see `matchedLabels()` in the registry). Senders that have the full `MatchReason`s
   * should pass `reason.element ?? reason.subject.label` here.
   */
  matchedLabels?: string[];
  /** Link to the recipient's email preferences, shown in the footer when present (http(s) only). */
  preferencesUrl?: string | null;
  /** One-click unsubscribe link, shown in the footer when present (http(s) only). */
  unsubscribeUrl?: string | null;
}

/** Props of the `invitation` template. */
export interface InvitationTemplateProps {
  recipientName: string;
  tenantName: string;
  /** Who sent the invitation. */
  inviterName: string;
  /** The role the invitee will have. */
  role: 'PLATFORM_ADMIN' | 'TENANT_ADMIN' | 'BUYER';
  /** One-time link (http(s)); not shown when it is not http(s). */
  acceptUrl: string;
  /** When the link expires, ISO-8601 instant; shown in UTC. */
  expiresAt: string;
}

/** Props of the `password-reset` template. */
export interface PasswordResetTemplateProps {
  recipientName: string;
  tenantName: string;
  /** One-time link (http(s)); not shown when it is not http(s). */
  resetUrl: string;
  /** When the link expires, ISO-8601 instant; shown in UTC. */
  expiresAt: string;
}
