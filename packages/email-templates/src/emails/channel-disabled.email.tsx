import { Heading, Text } from '@react-email/components';
import { EmailLayout } from '../components/layout.js';
import { CtaButton, headline, paragraph, smallPrint } from '../components/parts.js';
import { safeHttpUrl } from '../format.js';
import type { ChannelDisabledTemplateProps } from '../types.js';
import { utcMinute } from './account-link.js';

/** Subject of {@link ChannelDisabledEmail}. */
export function channelDisabledSubject(props: ChannelDisabledTemplateProps): string {
  return `Lodestone disabled the ${props.kind.toLowerCase()} endpoint "${props.endpointName}"`.slice(0, 150);
}

/** Tells a tenant admin that an endpoint failed for a day and was disabled, and how to turn it back on. */
export function ChannelDisabledEmail(props: ChannelDisabledTemplateProps) {
  const url = safeHttpUrl(props.manageUrl);
  return (
    <EmailLayout
      preview={`Deliveries to ${props.endpointName} failed since ${utcMinute(props.failingSince)}`}
      tenantName={props.tenantName}
      footerNote={`You receive this because you administer ${props.tenantName} on Lodestone.`}
    >
      <Heading as="h1" style={headline}>
        {`Endpoint "${props.endpointName}" was disabled`}
      </Heading>
      <Text style={paragraph}>{`Hello ${props.recipientName},`}</Text>
      <Text style={paragraph}>
        {`Every delivery to ${props.target} (${props.kind}) has failed since ${utcMinute(props.failingSince)}, so Lodestone stopped sending to it. The last error was: ${props.lastError}.`}
      </Text>
      <Text style={paragraph}>
        Alerts are still raised and emailed. Fix the receiver, then enable the endpoint again and send a test.
      </Text>
      {url ? <CtaButton href={url} label="Manage endpoints" margin="20px 0" /> : null}
      {url ? <Text style={smallPrint}>{`Or open this link: ${url}`}</Text> : null}
    </EmailLayout>
  );
}

ChannelDisabledEmail.PreviewProps = {
  recipientName: 'Jonas Weber',
  tenantName: 'Nordwerk Magnetics GmbH',
  endpointName: 'ERP integration',
  kind: 'WEBHOOK',
  target: 'https://erp.nordwerk.example',
  failingSince: '2026-03-04T09:00:00.000Z',
  lastError: 'HTTP 503',
  manageUrl: 'http://localhost:3000/v1/webhooks',
} satisfies ChannelDisabledTemplateProps;

export default ChannelDisabledEmail;
