import { defineConfig, defaultClientConditions } from 'vite';
import react from '@vitejs/plugin-react';

// The browser application. Workspace packages (@plenum/api, @plenum/i18n) resolve to their
// TypeScript sources through the "development" export condition, so the web build never
// depends on a `tsc` build of them. In development `vite` proxies the API (and its live
// WebSocket) to a Plenum server on port 8080; in production the server serves `dist`.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['development', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true, changeOrigin: false },
    },
  },
});
