import { defineConfig } from 'vitest/config';

// One runner for every package. Workspace packages resolve to their TypeScript sources
// through the "development" export condition, so tests never need a build of their
// dependencies — except the browser test, which needs the built web application.
export default defineConfig({
  ssr: { resolve: { conditions: ['development', 'module', 'node'] } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts', 'tools/*/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
