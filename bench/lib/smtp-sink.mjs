// A local SMTP sink for the delivery benchmarks (smtp-server, no TLS, no auth): accepts every message unless told to
// refuse it, reads its Message-ID from the first 8 KB of the message, and reports each accepted one.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');

/**
 * Starts a sink on 127.0.0.1 (a free port).
 *
 * @param {{ refuse?: (n: number) => boolean, drop?: (n: number) => boolean, onOffered?: (messageId: string | null, n: number) => void, onAccepted?: (messageId: string | null, n: number) => void }} [options]
 *   `refuse(n)`: true to answer the n-th DATA command (1-based) with a temporary failure (421 4.3.2); `drop(n)`: true
 *   to close the connection after the n-th message's data, without any answer (the client sees a reset); `onOffered`:
 *   called with each message's Message-ID before it is answered (refused, dropped or accepted); `onAccepted`:
 *   called after each 250 OK with the message's Message-ID (null when it has none) and the DATA command's number.
 * @returns {Promise<{ url: string, dataCommands: () => number, close: () => Promise<void> }>} `url` as SMTP_URL
 *   (`smtp://127.0.0.1:<port>`); `dataCommands()` how many messages were offered (accepted or refused).
 */
export async function startSmtpSink({
  refuse = () => false,
  drop = () => false,
  onOffered = () => {},
  onAccepted = () => {},
} = {}) {
  let dataCommands = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const n = ++dataCommands;
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null;
        onOffered(messageId, n);
        if (drop(n)) {
          for (const c of sink.connections) if (c.id === session.id) c._socket.destroy();
          return;
        }
        if (refuse(n))
          return callback(Object.assign(new Error('421 4.3.2 service busy, try again later'), { responseCode: 421 }));
        callback(); // 250 OK goes out now
        onAccepted(messageId, n);
      });
    },
  });
  sink.on('error', () => {}); // a killed worker's connections reset: expected
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${sink.server.address().port}`,
    dataCommands: () => dataCommands,
    close: () => new Promise((resolve) => sink.close(resolve)),
  };
}
