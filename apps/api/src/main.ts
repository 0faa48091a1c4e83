import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';

const app = await createApp();
const config = app.get<AppConfig>(APP_CONFIG);
await app.listen(config.port, config.host);
console.log(
  `Lodestone API listening on ${config.host}:${config.port}, reached at ${config.publicUrl} (OpenAPI: ${config.publicUrl}/docs, health: ${config.publicUrl}/health/ready)`,
);
