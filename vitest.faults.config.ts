import { defineConfig } from 'vitest/config';
import path from 'node:path';

/** `npm run test:faults`: the fault and abuse suite at full size (FAULTS_FULL=1). `npm test` runs the same files quick. */
process.env.FAULTS_FULL ??= '1';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
