import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { createApp } from './bootstrap.js';

const app = await createApp();
const config = app.get<AppConfig>(APP_CONFIG);
await app.listen(config.port);
console.log(
  `Lodestone API on ${config.publicUrl} (OpenAPI: ${config.publicUrl}/docs, health: ${config.publicUrl}/health)`,
);
