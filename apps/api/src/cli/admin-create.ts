/**
 * npm run admin:create -- --email admin@example.com --name "Ada Admin"
 * Creates a platform admin. The password is read from standard input when it is piped
 * (`printf '%s\n' "$PASSWORD" | npm run admin:create -- ...`), otherwise prompted for without echo.
 * Exit codes: 0 created; 1 bad arguments or password (at least 12 characters); 2 the email is already taken.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email) || !values.name?.trim()) {
  console.error(
    'usage: npm run admin:create -- --email <address> --name <full name>   (password on stdin or prompted)',
  );
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stdout.write('Password (at least 12 characters): ');
  const rl = createInterface({ input: process.stdin, output: undefined, terminal: true });
  process.stdin.setRawMode?.(true);
  return new Promise((resolve) => {
    let value = '';
    process.stdin.on('data', (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode?.(false);
          process.stdout.write('\n');
          rl.close();
          resolve(value);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    });
  });
}

const password = await readPassword();
if (password.length < 12) {
  console.error('The password must be at least 12 characters');
  process.exit(1);
}

const { createContext } = await import('../bootstrap.js');
const { AuthService } = await import('../modules/auth/auth.service.js');
const { isUniqueViolation } = await import('../database/errors.js');
const app = await createContext();
let code = 0;
try {
  const admin = await app.get(AuthService).createPlatformAdmin(values.email, values.name, password);
  console.log(`Created platform admin ${admin.email} (${admin.id})`);
} catch (error) {
  if (isUniqueViolation(error)) {
    console.error(`A user with email ${values.email} already exists`);
    code = 2;
  } else throw error;
} finally {
  await app.close();
}
process.exit(code);
