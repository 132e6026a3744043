import { defineConfig } from 'vitest/config';

const unitAndApi = ['src/**/*.test.ts', 'test/api/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'sqlite', include: unitAndApi, env: { TEST_DB: 'sqlite' }, sequence: { groupOrder: 0 }, testTimeout: 30_000, hookTimeout: 60_000 } },
      {
        test: {
          name: 'postgres',
          include: ['test/api/**/*.test.ts'],
          env: { TEST_DB: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
