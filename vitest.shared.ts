import { defaultServerConditions } from 'vite';
import type { UserWorkspaceConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources in tests (no build step needed).
const conditions = ['@ssl-distill/source', ...defaultServerConditions];

export function sharedTestConfig(name: string): UserWorkspaceConfig {
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@ssl-distill/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
}
