/**
 * Preloaded into `stackbit dev` (`node --require`) by scripts/stackbit-dev.ts: the child runs in its
 * own process group so it can be stopped with everything it started, which also means nothing stops
 * it when the process that started it dies without cleaning up (SIGKILL, a crashed test worker).
 * It exits once it has been orphaned (its parent process changed), so no server is left behind, and
 * removes the temporary HOME it was given.
 */
'use strict';
const fs = require('node:fs');

const parentAtStart = process.ppid;
// The temporary HOME the parent made for this process; nobody else is left to remove it.
const throwawayHome = process.env.STACKBIT_DEV_THROWAWAY_HOME;
setInterval(() => {
    if (process.ppid !== parentAtStart) {
        if (throwawayHome && throwawayHome === process.env.HOME) {
            fs.rmSync(throwawayHome, { recursive: true, force: true });
        }
        process.exit(0);
    }
}, 500).unref();
