/**
 * Preloaded into `stackbit dev` (`node --require`) by scripts/stackbit-dev.ts: the child runs in its
 * own process group so it can be stopped with everything it started, which also means nothing stops
 * it when the process that started it dies without cleaning up (SIGKILL, a crashed test worker).
 * It exits once it has been orphaned (its parent process changed), so no server is left behind.
 */
'use strict';
const parentAtStart = process.ppid;
setInterval(() => {
    if (process.ppid !== parentAtStart) {
        process.exit(0);
    }
}, 500).unref();
