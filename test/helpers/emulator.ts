/**
 * The bundled emulator behind msw/node for one test file, plus an adapter built against it with
 * short retries (a missing handler must fail fast, not after the SDK's ~19 s of retries).
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { setupServer } from 'msw/node';
import type { RequestHandler } from 'msw';
import type { Cache, ContentChanges } from '@stackbit/types';
import { EmulatedSpace, FaultInjector, RequestLog, createContentfulHandlers, createDemoSpace, type ContentfulHandlersOptions } from '../../src/emulator/index.js';
import { LocalizedContentfulSource } from '../../src/index.js';
import type { LocalizedContentfulSourceOptions } from '../../src/options.js';
import { createTestLogger } from './engine.js';

export interface EmulatorHandle {
    readonly space: EmulatedSpace;
    readonly log: RequestLog;
    readonly faults: FaultInjector;
    /** Replace the space (and handlers) for the rest of the current test. */
    use(space: EmulatedSpace, options?: ContentfulHandlersOptions): void;
    /** Puts handlers in front of the emulator for the current test (a resolver returning nothing falls through). */
    intercept(...handlers: RequestHandler[]): void;
    /** `https://api.contentful.com/spaces/<space>/environments/<env>` of the current space. */
    readonly base: string;
}

export const CMA_BASE = 'https://api.contentful.com';

/** Starts msw with a fresh emulated space before each test. */
export function useEmulator(makeSpace: () => EmulatedSpace = () => createDemoSpace(), options: ContentfulHandlersOptions = {}): EmulatorHandle {
    const server = setupServer();
    let space: EmulatedSpace;
    let log = new RequestLog();
    let faults = new FaultInjector(42);
    const handle: EmulatorHandle = {
        get space() {
            return space;
        },
        get log() {
            return log;
        },
        get faults() {
            return faults;
        },
        get base() {
            return `${CMA_BASE}/spaces/${space.spaceId}/environments/${space.environment}`;
        },
        use(next, extra = {}) {
            space = next;
            log = new RequestLog();
            faults = new FaultInjector(42);
            server.resetHandlers(...createContentfulHandlers(space, { log, faults, ...options, ...extra }));
        },
        intercept(...handlers) {
            server.use(...handlers);
        }
    };
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    beforeEach(() => handle.use(makeSpace()));
    afterEach(() => server.resetHandlers());
    afterAll(() => server.close());
    return handle;
}

/** The demo space's localization settings. */
export const DEMO_OBJECT_LEVEL = { models: ['page'], sharedFields: { page: ['brandColor'] } };

/** Options for tests: the emulator's space, fast retries. */
export function testOptions(space: EmulatedSpace, overrides: LocalizedContentfulSourceOptions = {}): LocalizedContentfulSourceOptions {
    return {
        spaceId: space.spaceId,
        environment: space.environment,
        accessToken: 'test-token',
        ...overrides,
        requests: { retryLimit: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 20, ...overrides.requests }
    };
}

/** A cache like the engine's: records what the adapter pushed. */
export function createRecordingCache() {
    const updates: ContentChanges[] = [];
    let schemaInvalidations = 0;
    const cache = {
        updates,
        get schemaInvalidations() {
            return schemaInvalidations;
        },
        updateContent: async (changes: ContentChanges) => void updates.push(changes),
        invalidateSchema: async () => void schemaInvalidations++,
        requestSync: async () => undefined,
        clearSyncContext: async () => undefined,
        getSyncContext: () => ({}),
        get: async () => undefined,
        set: async () => undefined,
        remove: async () => undefined
    };
    return cache as typeof cache & Cache;
}

/** Builds and initialises an adapter against the emulator, as the engine would. */
export async function startSource(space: EmulatedSpace, overrides: LocalizedContentfulSourceOptions = {}) {
    const source = new LocalizedContentfulSource(testOptions(space, overrides));
    const logger = createTestLogger();
    const cache = createRecordingCache();
    await source.init({
        logger,
        userLogger: logger,
        localDev: true,
        stackbitConfigFilePath: '/tmp/stackbit.config.ts',
        cache,
        git: undefined as never,
        runCommand: undefined as never
    } as never);
    const schema = await source.getSchema();
    const documents = await source.getDocuments();
    const assets = await source.getAssets();
    return { source, logger, cache, schema, documents, assets };
}
