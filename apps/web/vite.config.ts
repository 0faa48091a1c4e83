import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.LODESTONE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/v1': api, '/docs': api, '/health': api },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
