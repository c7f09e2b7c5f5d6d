/**
 * One cold-load measurement, run in a fresh child process by bench/run.ts: generate the space, serve
 * it (msw/node, in this process), force a GC, then time `init` + `getSchema` + `getDocuments` +
 * `getAssets` while sampling memory and GC pauses.
 *
 * Usage: node --expose-gc --import tsx bench/measure-cold-load.ts '{"contender":"ours","entries":10000,"locales":5,"latencyMs":0}'
 */
import { childMain, childParams } from './child.js';
import { coldLoad, type ContenderName } from './contenders.js';
import { canCollectGarbage, GcObserver, MemorySampler, profileWindow, requestsByRoute, serveSpace } from './harness.js';
import { generateSpace } from './space-generator.js';

export interface ColdLoadParams {
    contender: ContenderName;
    entries: number;
    locales: number;
    latencyMs: number;
    /** Enforce Contentful's per-second request budget (429 beyond it); unlimited when absent. */
    rateLimitPerSecond?: number;
}

export interface ColdLoadMeasurement extends ColdLoadParams {
    wallMs: number;
    /** CPU time of the whole process (all threads) during the load: less sensitive to other processes on the machine. */
    cpuMs: number;
    requests: number;
    /** Requests answered 429 (only with rateLimitPerSecond). */
    throttled: number;
    byRoute: Record<string, number>;
    /** Peak heapUsed + external above the baseline (MB). */
    peakMB: number;
    /** Still held after the load and a forced GC (MB): what the contender keeps. */
    retainedMB: number;
    /** GC pauses during the load (the emulator's heap is in this process: it is scanned too). */
    gc: { minorCount: number; minorMs: number; majorCount: number; majorMs: number; otherMs: number };
    documents: number;
    assets: number;
    models: number;
}

childMain(async (): Promise<ColdLoadMeasurement> => {
    const params = childParams<ColdLoadParams>();
    if (!canCollectGarbage()) throw new Error('run with node --expose-gc (memory figures need a forced GC)');
    const { space } = generateSpace({ entries: params.entries, locales: params.locales });
    const emulator = serveSpace(space, { latencyMs: params.latencyMs || undefined, rateLimitPerSecond: params.rateLimitPerSecond });
    // Warm the emulator's default order once, so no contender pays for the emulator's own sort.
    space.orderedRecords('Entry');
    space.orderedRecords('Asset');
    const sampler = new MemorySampler();
    sampler.start();
    const gcObserver = new GcObserver();
    gcObserver.start();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await profileWindow(() => coldLoad(params.contender, space));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const gcPauses = await gcObserver.stop();
    // `result` stays referenced below, so the retained figure includes what the contender holds.
    const memory = sampler.stop();
    const measurement: ColdLoadMeasurement = {
        ...params,
        wallMs: Math.round(wallMs),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        requests: emulator.log.all().length,
        throttled: emulator.log.filter({ status: 429 }).length,
        byRoute: requestsByRoute(emulator.log),
        peakMB: Math.round(memory.peakBytes / 1e6),
        retainedMB: Math.round(memory.retainedBytes / 1e6),
        gc: gcPauses,
        documents: result.documents,
        assets: result.assets,
        models: result.models
    };
    await (result.source as { destroy?: () => Promise<void> } | undefined)?.destroy?.();
    emulator.close();
    return measurement;
});
