/**
 * What every benchmark shares: the emulator behind msw/node with a request log, a silent logger, an
 * engine-like cache, and the memory sampler.
 */
import { setupServer } from 'msw/node';
import type { Cache, ContentChanges, Logger, Model, Schema } from '@stackbit/types';
import { createContentfulHandlers, RequestLog, type ContentfulHandlersOptions, type EmulatedSpace } from '../src/emulator/index.js';

/** The emulator serving `space` in this process (msw/node), with a request log. */
export interface EmulatorRun {
    server: ReturnType<typeof setupServer>;
    log: RequestLog;
    close(): void;
}

export function serveSpace(space: EmulatedSpace, options: ContentfulHandlersOptions = {}): EmulatorRun {
    const log = new RequestLog();
    const server = setupServer(...createContentfulHandlers(space, { log, ...options }));
    server.listen({ onUnhandledRequest: 'error' });
    return { server, log, close: () => server.close() };
}

/** Requests by "METHOD route", sorted by count. */
export function requestsByRoute(log: RequestLog): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of log.all()) {
        const key = `${entry.method} ${entry.route}`;
        counts[key] = (counts[key] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

/** A logger that drops everything (warnings are counted, so a benchmark can show them). */
export function silentLogger(): Logger & { warnings: number } {
    const logger = {
        warnings: 0,
        error: () => undefined,
        warn: () => void (logger.warnings += 1),
        info: () => undefined,
        debug: () => undefined,
        createLogger: () => logger
    };
    return logger as unknown as Logger & { warnings: number };
}

/**
 * A cache like the engine's, enough for both content sources: it remembers the schema (the official
 * source reads `getSchema().context` and `getModelByName`), and records content updates.
 */
export function benchCache() {
    let schema: Schema | undefined;
    let models = new Map<string, Model>();
    const updates: { at: number; changes: ContentChanges }[] = [];
    let schemaInvalidations = 0;
    const cache = {
        updates,
        get schemaInvalidations() {
            return schemaInvalidations;
        },
        setSchema(next: Schema) {
            schema = next;
            models = new Map(next.models.map((model) => [model.name, model]));
        },
        getSchema: () => schema ?? { models: [], locales: [], context: undefined },
        getModelByName: (name: string) => models.get(name),
        getDocuments: () => [],
        getAssets: () => [],
        getScheduledActions: () => [],
        getScheduledActionsForDocumentId: () => [],
        getDocumentById: () => undefined,
        getAssetById: () => undefined,
        getSyncContext: () => ({}),
        updateContent: async (changes: ContentChanges) => void updates.push({ at: performance.now(), changes }),
        invalidateSchema: async () => void (schemaInvalidations += 1),
        clearSyncContext: async () => undefined,
        requestSync: async () => undefined,
        get: async () => undefined,
        set: async () => undefined,
        remove: async () => undefined
    };
    return cache as typeof cache & Cache;
}

/** `init` options as the engine passes them in local development (no webhook URL: polling). */
export function initOptions(cache: Cache, extra: { webhookUrl?: string } = {}) {
    const logger = silentLogger();
    return {
        logger,
        userLogger: logger,
        localDev: true,
        webhookUrl: extra.webhookUrl,
        stackbitConfigFilePath: '/tmp/stackbit.config.ts',
        cache,
        git: undefined as never,
        runCommand: undefined as never,
        devAppRestartNeeded: () => undefined
    };
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Whether `--expose-gc` is on (memory figures need it). */
export function canCollectGarbage(): boolean {
    return typeof gc === 'function';
}

function used(): number {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external;
}

/**
 * Peak `heapUsed + external` above a baseline taken after a forced GC. Samples every `intervalMs`
 * (between tasks: a long synchronous conversion is seen at its page boundaries) and once at stop.
 */
export class MemorySampler {
    private baseline = 0;
    private peak = 0;
    private timer: NodeJS.Timeout | undefined;

    start(intervalMs = 2): void {
        gc?.();
        gc?.();
        this.baseline = used();
        this.peak = this.baseline;
        this.timer = setInterval(() => this.sample(), intervalMs);
    }

    sample(): void {
        const now = used();
        if (now > this.peak) this.peak = now;
    }

    /** Stops sampling; returns peak above baseline and what is still held after a GC (bytes). */
    stop(): { peakBytes: number; retainedBytes: number } {
        this.sample();
        clearInterval(this.timer);
        gc?.();
        gc?.();
        return { peakBytes: this.peak - this.baseline, retainedBytes: used() - this.baseline };
    }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Profiles only the measured window when `BENCH_CPU_PROFILE` names a file (`.cpuprofile`, open in
 * Chrome DevTools), so module loading and space generation do not drown the adapter's own cost.
 */
export async function profileWindow<T>(run: () => Promise<T>): Promise<T> {
    const target = process.env.BENCH_CPU_PROFILE;
    if (!target) return run();
    const inspector = await import('node:inspector/promises');
    const fs = await import('node:fs');
    const session = new inspector.Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    try {
        return await run();
    } finally {
        const { profile } = await session.post('Profiler.stop');
        fs.writeFileSync(target, JSON.stringify(profile));
        session.disconnect();
    }
}

/** Garbage-collection pauses during a window, by kind (minor = scavenge, major = mark-compact). */
export class GcObserver {
    private readonly totals = { minorCount: 0, minorMs: 0, majorCount: 0, majorMs: 0, otherMs: 0 };
    private observer: PerformanceObserver | undefined;

    start(): void {
        this.observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
                // perf_hooks constants: 1 = minor (scavenge), 2 = major (mark-compact), 4 = incremental, 8 = weak callbacks.
                if (kind === 1) {
                    this.totals.minorCount += 1;
                    this.totals.minorMs += entry.duration;
                } else if (kind === 2) {
                    this.totals.majorCount += 1;
                    this.totals.majorMs += entry.duration;
                } else {
                    this.totals.otherMs += entry.duration;
                }
            }
        });
        this.observer.observe({ entryTypes: ['gc'] });
    }

    async stop(): Promise<{ minorCount: number; minorMs: number; majorCount: number; majorMs: number; otherMs: number }> {
        // GC entries are delivered asynchronously: let the last ones arrive.
        await sleep(20);
        this.observer?.disconnect();
        const round = (value: number) => Math.round(value);
        return { ...this.totals, minorMs: round(this.totals.minorMs), majorMs: round(this.totals.majorMs), otherMs: round(this.totals.otherMs) };
    }
}
