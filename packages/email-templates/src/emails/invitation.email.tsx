import { safeHttpUrl } from '../format.js';
import type { InvitationTemplateProps } from '../types.js';
import { AccountLinkEmail } from './account-link.js';

const ROLE_LABEL: Readonly<Record<InvitationTemplateProps['role'], string>> = {
  PLATFORM_ADMIN: 'platform admin',
  TENANT_ADMIN: 'administrator',
  BUYER: 'buyer',
};

/** Invitation to join a tenant on Lodestone, with a one-time link to set a password. */
export function InvitationEmail(props: InvitationTemplateProps) {
  const role = ROLE_LABEL[props.role] ?? props.role;
  const { inviterName, tenantName } = props;
  return AccountLinkEmail({
    preview: `${inviterName} invited you to ${tenantName} on Lodestone`,
    tenantName,
    footerNote: `You receive this because ${inviterName} invited this address to ${tenantName} on Lodestone.`,
    title: `Join ${tenantName} on Lodestone`,
    paragraphs: [
      `Hello ${props.recipientName},`,
      `${inviterName} invited you to ${tenantName} as ${role === 'administrator' ? 'an' : 'a'} ${role}. Lodestone alerts you when export controls or export licences affect the elements, HS codes and suppliers your company watches.`,
      'Choose a password to accept the invitation.',
    ],
    buttonLabel: 'Accept the invitation',
    url: safeHttpUrl(props.acceptUrl),
    expiresAt: props.expiresAt,
  });
}

InvitationEmail.PreviewProps = {
  recipientName: 'Mei Chen',
  tenantName: 'Nordwerk Magnetics GmbH',
  inviterName: 'Jonas Weber',
  role: 'BUYER',
  acceptUrl: 'http://localhost:3000/v1/auth/invitations/accept?token=lsl_preview',
  expiresAt: '2026-03-05T09:00:00.000Z',
} satisfies InvitationTemplateProps;

export default InvitationEmail;
