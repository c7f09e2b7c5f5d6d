import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Engine and browser tests start servers; keep them from starving each other on 2 cores.
        maxWorkers: 2,
        testTimeout: 20_000,
        hookTimeout: 60_000,
        reporters: ['default', 'json'],
        outputFile: { json: 'test-results/vitest.json' }
    }
});
