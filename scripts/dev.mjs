/**
 * npm run dev: the API (built once, on PORT, default 3000) and the console's Vite dev server (http://localhost:5173,
 * hot reload) proxying /v1, /docs and /health to it. Ctrl-C stops both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const build = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@lodestone/api', '--output-logs=errors-only'], {
  stdio: 'inherit',
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);
const gen = spawnSync('npm', ['run', 'generate', '-w', '@lodestone/web'], { stdio: 'inherit', env });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const port = process.env.PORT ?? '3000';
const children = [
  spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { stdio: 'inherit', env: { ...env, PORT: port } }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js')], {
    cwd: join(root, 'apps/web'),
    stdio: 'inherit',
    env: { ...env, LODESTONE_API_URL: `http://127.0.0.1:${port}` },
  }),
];
const stop = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
// One stops (e.g. the API cannot open its database): stop the other too, and exit with its code.
for (const c of children)
  c.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 1;
  });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
