/**
 * npm run dev: the API (built once, on PORT, default 3000) and the console's Vite dev server (http://localhost:5173,
 * hot reload) proxying /v1, /docs and /health to it. Ctrl-C stops both.
 */
import { spawn, spawnSync } from 'node:child_process';

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
  spawn(process.execPath, ['apps/api/dist/main.js'], { stdio: 'inherit', env: { ...env, PORT: port } }),
  spawn('npm', ['run', 'dev', '-w', '@lodestone/web'], {
    stdio: 'inherit',
    env: { ...env, LODESTONE_API_URL: `http://127.0.0.1:${port}` },
  }),
];
const stop = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
for (const c of children) c.on('exit', stop);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
