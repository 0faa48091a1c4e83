import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';

const app = await createApp();
const config = app.get<AppConfig>(APP_CONFIG);
await app.listen(config.port, config.host);
if (config.processRole === 'worker')
  console.log(
    `Lodestone worker (PROCESS_ROLE=worker: scheduled jobs, fan-out and delivery) on ${config.host}:${config.port}, serving only /health/live, /health/ready and /metrics`,
  );
else
  console.log(
    `Lodestone ${config.processRole === 'api' ? 'API only (PROCESS_ROLE=api: no schedules, no delivery)' : 'API and workers'} listening on ${config.host}:${config.port}, reached at ${config.publicUrl} (OpenAPI: ${config.publicUrl}/docs, health: ${config.publicUrl}/health/ready)`,
  );
