import { defineConfig } from 'vitest/config';

// One run over every project: `npm test`. Each project also has its own `nx test <name>` target.
export default defineConfig({
  test: {
    projects: ['libs/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tools/vitest.config.ts'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
