// npm run bench -- email [renders] [messages]
// Prints JSON: template renders per second (alert and digest, HTML + text + subject) and messages per second sent
// through the API's pooled SMTP transport (apps/api/dist/mail/smtp.transport.js) to a local SMTP sink.
// Goals on 2 cores: >= 500 renders/s, >= 150 messages/s.
import { startSmtpSink } from './lib/smtp-sink.mjs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const { renderEmail, AlertEmail, DigestEmail } = await import('../packages/email-templates/dist/index.js');
const { SmtpMailTransport } = await import('../apps/api/dist/mail/smtp.transport.js');

const RENDERS = Number(process.argv[3] ?? 1000);
const MESSAGES = Number(process.argv[4] ?? 2000);
const CONNECTIONS = 5;

/** Renders per wall-clock second, and per CPU second of this process (the figure a dedicated core would give; the
 * machine's CPUs may be shared, see loadAverage1m). */
async function rendersPerSecond(name, props, n) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await renderEmail(name, { ...props, recipientName: `Buyer ${i}` });
  const cpu = process.cpuUsage(c0);
  return {
    wall: Math.round((n / (performance.now() - t0)) * 1000),
    perCpuSecond: Math.round(n / ((cpu.user + cpu.system) / 1e6)),
  };
}

// Warm-up (JIT, React) of both templates before either is measured: 30 renders left the first template measured
// while V8 was still optimising (alert 480/s after 30, 650-800/s after 300).
for (let i = 0; i < 300; i++) {
  await renderEmail('alert', AlertEmail.PreviewProps);
  await renderEmail('digest', DigestEmail.PreviewProps);
}
const alertRps = await rendersPerSecond('alert', AlertEmail.PreviewProps, RENDERS);
const digestRps = await rendersPerSecond('digest', DigestEmail.PreviewProps, Math.round(RENDERS / 2));

// A local sink that accepts and discards every message.
let received = 0;
const sink = await startSmtpSink({
  onAccepted: () => {
    received++;
  },
});
const url = sink.url;
const transport = new SmtpMailTransport(url, { maxConnections: CONNECTIONS, rateLimitPerSecond: 0 });
const rendered = await renderEmail('alert', AlertEmail.PreviewProps);
const mail = (i) => ({
  from: '稀土预警 Lodestone <alerts@lodestone.localhost>',
  to: { name: `采购 ${i}`, address: `buyer${i}@bench.example` },
  subject: rendered.subject,
  html: rendered.html,
  text: rendered.text,
  messageId: `<bench-${i}@lodestone.localhost>`,
  listUnsubscribeUrl: `https://lodestone.example/v1/email/unsubscribe?token=bench.${i}`,
});
for (let i = 0; i < 20; i++) await transport.send(mail(-i - 1)); // open the pool
const warm = received;
const t0 = performance.now();
const c0 = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (next < MESSAGES) await transport.send(mail(next++));
  }),
);
const sendMs = performance.now() - t0;
const sendCpu = process.cpuUsage(c0);
await transport.close();
await sink.close();

console.log(
  JSON.stringify(
    {
      bench: 'email',
      cpus: cpus().length,
      loadAverage1m: Number(loadavg()[0].toFixed(2)),
      rendersPerSecond: { alert: alertRps, digest: digestRps },
      renders: RENDERS,
      messagesPerSecond: Math.round((MESSAGES / sendMs) * 1000),
      // Client and sink share this process: CPU seconds cover both ends of the SMTP conversation.
      messagesPerCpuSecond: Math.round(MESSAGES / ((sendCpu.user + sendCpu.system) / 1e6)),
      messages: MESSAGES,
      received: received - warm,
      smtpConnections: CONNECTIONS,
      goals: { rendersPerSecond: 500, messagesPerSecond: 150 },
    },
    null,
    2,
  ),
);
