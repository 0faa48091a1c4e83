export * from './enums.js';
export * from './alerts.js';
