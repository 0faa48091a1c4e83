// How fast this machine runs the server's kind of work right now, to read wall-clock figures of a shared machine
// against: the time (ms, median of 3 passes after a warm-up pass) to build 1,000 alert-sized emails (8.5 KB of HTML, 2 KB of text, with a
// few non-ASCII characters) with nodemailer's MailComposer, as the API does for each email it sends (mail/smtp.transport.ts),
// on one thread of the bench process while the servers are stopped. It shows when the whole machine ran slower; it
// does not predict a run: runs with the same calibration took 50.6 to 64.1 s (docs/fanout.md,
// "Final measurement (2026-12-06, session 6)").
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns the median time in ms of 3 passes (each 1,000 messages built into buffers). */
export async function calibrationMs() {
  const MailComposer = require('nodemailer/lib/mail-composer');
  const row = (i) =>
    `<tr><td style="font-size:14px;line-height:22px;color:#1f2933">Why: your watch on dysprosium (Dy) matched control-list entry 1C90${i % 10} — 镝 · MOFCOM/GAC Announcement 2025 No. 18</td></tr>`;
  const html = `<!DOCTYPE html><html><body><table>${Array.from({ length: 48 }, (_, i) => row(i)).join('')}</table></body></html>`;
  const text = Array.from(
    { length: 24 },
    (_, i) => `Why: your watch on dysprosium (Dy) matched 1C90${i % 10} — 镝`,
  ).join('\n');
  const passes = [];
  // Pass 0 warms the JIT up and is not counted.
  for (let pass = 0; pass < 4; pass++) {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++)
      await new MailComposer({
        from: { name: 'Lodestone', address: 'alerts@bench.example' },
        to: { name: `Buyer ${i}`, address: `buyer${i}@bench.example` },
        subject: '[HIGH] Export licences required for seven medium and heavy rare earths',
        html,
        text,
        textEncoding: 'quoted-printable',
        messageId: `<${pass}-${i}@bench.example>`,
      })
        .compile()
        .build();
    if (pass > 0) passes.push(performance.now() - t0);
  }
  passes.sort((a, b) => a - b);
  return Math.round(passes[1]);
}
