import { InvitationEmail } from './emails/invitation.email.js';
import { PasswordResetEmail } from './emails/password-reset.email.js';
import { isTemplateName, renderEmail } from './registry.js';

describe('account emails', () => {
  it('invitation: subject names inviter and tenant; both parts carry the one-time link and the expiry in UTC', async () => {
    const out = await renderEmail('invitation', InvitationEmail.PreviewProps);
    expect(isTemplateName('invitation')).toBe(true);
    expect(out.subject).toBe('Jonas Weber invited you to Nordwerk Magnetics GmbH on Lodestone');
    expect(out.html).toContain(`href="${InvitationEmail.PreviewProps.acceptUrl}"`);
    expect(out.text).toContain(InvitationEmail.PreviewProps.acceptUrl);
    expect(out.text).toContain('as a buyer');
    expect(out.text).toContain('expires at 2026-03-05 09:00 UTC');
    expect(out.text).toContain(
      'You receive this because Jonas Weber invited this address to Nordwerk Magnetics GmbH on Lodestone.',
    );
  });

  it('password-reset: fixed subject, link and expiry', async () => {
    const out = await renderEmail('password-reset', PasswordResetEmail.PreviewProps);
    expect(out.subject).toBe('Reset your Lodestone password');
    expect(out.text).toContain(PasswordResetEmail.PreviewProps.resetUrl);
    expect(out.text).toContain('expires at 2026-03-02 10:00 UTC');
  });

  it('drops a link that is not http(s) and rejects props of the wrong shape', async () => {
    const out = await renderEmail('invitation', { ...InvitationEmail.PreviewProps, acceptUrl: 'javascript:alert(1)' });
    expect(out.html).not.toContain('javascript:');
    await expect(
      renderEmail('invitation', { ...InvitationEmail.PreviewProps, role: 'OWNER' as never }),
    ).rejects.toThrow(/props.role/);
    await expect(renderEmail('password-reset', { recipientName: 'x' } as never)).rejects.toThrow(/props.tenantName/);
  });
});
