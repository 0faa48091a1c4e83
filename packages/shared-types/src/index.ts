export * from './enums.js';
export * from './alerts.js';
export * from './parts.js';
