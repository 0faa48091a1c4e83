import { safeHttpUrl } from '../format.js';
import type { PasswordResetTemplateProps } from '../types.js';
import { AccountLinkEmail } from './account-link.js';

/** A one-time link to choose a new password, sent when someone asks to reset it. */
export function PasswordResetEmail(props: PasswordResetTemplateProps) {
  return AccountLinkEmail({
    preview: 'Reset your Lodestone password',
    tenantName: props.tenantName,
    footerNote: `You receive this because a password reset was requested for your account at ${props.tenantName} on Lodestone.`,
    title: 'Reset your password',
    paragraphs: [
      `Hello ${props.recipientName},`,
      'Someone (hopefully you) asked to reset your Lodestone password. Choose a new one with the link below; your current sessions will be signed out.',
    ],
    buttonLabel: 'Choose a new password',
    url: safeHttpUrl(props.resetUrl),
    expiresAt: props.expiresAt,
  });
}

PasswordResetEmail.PreviewProps = {
  recipientName: 'Mei Chen',
  tenantName: 'Nordwerk Magnetics GmbH',
  resetUrl: 'http://localhost:3000/v1/auth/password-reset/confirm?token=lsl_preview',
  expiresAt: '2026-03-02T10:00:00.000Z',
} satisfies PasswordResetTemplateProps;

export default PasswordResetEmail;
