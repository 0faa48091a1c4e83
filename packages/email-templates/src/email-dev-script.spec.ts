import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scripts = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('npm run email:dev -- --port N', () => {
  it('passes the arguments after -- through to `email dev` (the last --port wins over the default 3001)', () => {
    // Without the trailing "--", npm takes "--port N" as its own option and the preview server stays on 3001.
    expect(scripts(join(process.cwd(), '..', '..'))['email:dev']).toMatch(/ --$/);
    expect(scripts(process.cwd()).dev).toMatch(/^email dev .*--port 3001$/);
  });
});
