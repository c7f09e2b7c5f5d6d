// Options: required options and their environment-variable fallbacks, hosts, and every option that
// needs the space (locales, objectLevel, fallbacks) — bad configuration fails at init with a
// ConfigError naming the option, and nothing is written to Contentful.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, LocalizedContentfulSource, type LocalizedContentfulSourceOptions } from '../../src/index.js';
import { createDemoSpace } from '../../src/emulator/index.js';
import { createRecordingCache } from '../helpers/emulator.js';
import { createTestLogger } from '../helpers/engine.js';
import { DEMO_OBJECT_LEVEL, testOptions, useSourceEmulator } from './support.js';

const FAST = { retryLimit: 0, retryBaseDelayMs: 5, retryMaxDelayMs: 10 };

async function initWith(options: LocalizedContentfulSourceOptions): Promise<LocalizedContentfulSource> {
    const source = new LocalizedContentfulSource(options);
    const logger = createTestLogger();
    await source.init({ logger, userLogger: logger, localDev: true, cache: createRecordingCache() } as never);
    return source;
}

/** The ConfigError an init fails with. */
async function configError(options: LocalizedContentfulSourceOptions): Promise<ConfigError> {
    try {
        await initWith(options);
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return error as ConfigError;
    }
    throw new Error('init was expected to fail');
}

describe('required options and environment variables', () => {
    const emulator = useSourceEmulator();
    afterEach(() => vi.unstubAllEnvs());

    it('a missing spaceId fails at init naming spaceId and CONTENTFUL_SPACE_ID', async () => {
        vi.stubEnv('CONTENTFUL_SPACE_ID', '');
        const error = await configError({ accessToken: 't', requests: FAST });
        expect(error.option).toBe('spaceId');
        expect(error.message).toMatch(/`spaceId`.*CONTENTFUL_SPACE_ID/);
        expect(emulator.log.all()).toHaveLength(0);
    });

    it('a missing accessToken fails at init naming accessToken and CONTENTFUL_MANAGEMENT_TOKEN', async () => {
        vi.stubEnv('CONTENTFUL_MANAGEMENT_TOKEN', '');
        const error = await configError({ spaceId: 'demo', requests: FAST });
        expect(error.option).toBe('accessToken');
        expect(error.message).toMatch(/CONTENTFUL_MANAGEMENT_TOKEN/);
        expect(emulator.log.all()).toHaveLength(0);
    });

    it('reads CONTENTFUL_SPACE_ID, CONTENTFUL_ENVIRONMENT and CONTENTFUL_MANAGEMENT_TOKEN when options are not given', async () => {
        emulator.use(createDemoSpace({ environment: 'staging' }));
        vi.stubEnv('CONTENTFUL_SPACE_ID', 'demo');
        vi.stubEnv('CONTENTFUL_ENVIRONMENT', 'staging');
        vi.stubEnv('CONTENTFUL_MANAGEMENT_TOKEN', 'env-token');
        const source = await initWith({ requests: FAST });
        expect(source.getProjectId()).toBe('demo');
        expect(source.getProjectEnvironment()).toBe('staging');
        expect(await source.getDocuments()).toHaveLength(emulator.space.listEntries().length);
        const requests = emulator.log.all();
        expect(requests.length).toBeGreaterThan(0);
        expect(requests.every((r) => r.headers.authorization === 'Bearer env-token')).toBe(true);
        expect(emulator.log.filter({ route: '/entries' })[0]!.path).toBe('/spaces/demo/environments/staging/entries');
    });

    it('options win over environment variables', async () => {
        vi.stubEnv('CONTENTFUL_SPACE_ID', 'not-this-one');
        vi.stubEnv('CONTENTFUL_MANAGEMENT_TOKEN', 'not-this-token');
        const source = await initWith(testOptions(emulator.space));
        expect(source.getProjectId()).toBe('demo');
        expect(emulator.log.all().every((r) => r.headers.authorization === 'Bearer test-token')).toBe(true);
    });

    it.each([
        [{ spaceId: ' demo' }, 'spaceId'],
        [{ environment: '' }, 'environment'],
        [{ accessToken: 42 as never }, 'accessToken'],
        [{ host: 'https://api.contentful.com' }, 'host'],
        [{ insecure: 'yes' as never }, 'insecure'],
        [{ locales: [] }, 'locales'],
        [{ locales: ['en-US', 'en-US'] }, 'locales'],
        [{ localeBasedPublishing: 'sometimes' as never }, 'localeBasedPublishing'],
        [{ requests: { pageSize: 5000 } }, 'requests.pageSize'],
        [{ requests: { concurrency: 0 } }, 'requests.concurrency'],
        [{ sync: { pollIntervalMs: -1 } }, 'sync.pollIntervalMs'],
        [{ objectLevel: { models: [] } }, 'objectLevel.models'],
        [{ objectLevel: { models: ['page'], localeField: 'key', translationKeyField: 'key' } }, 'objectLevel.translationKeyField'],
        [{ objectLevel: { models: ['page'], sharedFields: { product: ['price'] } } }, 'objectLevel.sharedFields.product'],
        [{ objectLevel: { models: ['page'], sharedFields: { page: ['locale'] } } }, 'objectLevel.sharedFields.page'],
        [{ fallbacks: { fr: 3 as never } }, 'fallbacks.fr']
    ] as [LocalizedContentfulSourceOptions, string][])('a malformed option %j fails before any request, naming %s', async (overrides, option) => {
        const error = await configError({ ...testOptions(emulator.space), ...overrides, requests: { ...FAST, ...overrides.requests } });
        expect(error.option).toBe(option);
        expect(error.message).toContain(`\`${option}\``);
        expect(emulator.log.all()).toHaveLength(0);
    });
});

describe('options checked against the space', () => {
    const emulator = useSourceEmulator();

    it.each([
        [{ locales: ['en-US', 'ja'] }, 'locales', /"ja"/],
        [{ locales: ['fr', 'de'] }, 'locales', /en-US/],
        [{ objectLevel: { models: ['landing'] } }, 'objectLevel.models[0]', /"landing" does not exist/],
        [{ objectLevel: { models: ['page'], localeField: 'language' } }, 'objectLevel.localeField', /no field "language"/],
        [{ objectLevel: { models: ['page'], localeField: 'body' } }, 'objectLevel.localeField', /must be a Symbol/],
        [{ objectLevel: { models: ['page'], translationKeyField: 'group' } }, 'objectLevel.translationKeyField', /no field "group"/],
        [{ objectLevel: { models: ['page'], sharedFields: { page: ['colour'] } } }, 'objectLevel.sharedFields.page', /no field "colour"/],
        [{ fallbacks: { fr: 'xx' } }, 'fallbacks', /xx/],
        [{ fallbacks: { fr: 'fr-CA' } }, 'fallbacks', /cycle|fr-CA/]
    ] as [LocalizedContentfulSourceOptions, string, RegExp][])('%j fails at init naming %s', async (overrides, option, detail) => {
        const error = await configError(testOptions(emulator.space, { ...overrides, requests: FAST }));
        expect(error.option.startsWith(option)).toBe(true);
        expect(error.message).toMatch(detail);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('an unknown environment fails at init naming the environment option', async () => {
        const error = await configError(testOptions(emulator.space, { environment: 'nope', requests: FAST }));
        expect(error.option).toBe('environment');
        expect(error.message).toMatch(/environment "nope" does not exist in space "demo"/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('an unknown space fails at init naming the spaceId option', async () => {
        const error = await configError(testOptions(emulator.space, { spaceId: 'elsewhere', requests: FAST }));
        expect(error.option).toBe('spaceId');
        expect(error.message).toMatch(/space "elsewhere"/);
    });

    it('a rejected token fails at init naming the accessToken option', async () => {
        emulator.use(createDemoSpace(), { accessTokens: { 'good-token': 'user-alice' } });
        const error = await configError(testOptions(emulator.space, { accessToken: 'bad-token', requests: FAST }));
        expect(error.option).toBe('accessToken');
        expect(error.message).toMatch(/rejected the token.*AccessTokenInvalid/);
        // The right token works against the same emulator.
        await expect(initWith(testOptions(emulator.space, { accessToken: 'good-token', requests: FAST }))).resolves.toBeInstanceOf(LocalizedContentfulSource);
    });

    it('a server error during init is not mistaken for bad configuration', async () => {
        emulator.faults.add({ match: { path: /\/locales$/ }, rate: 1, kind: '503' });
        await expect(initWith(testOptions(emulator.space, { requests: FAST }))).rejects.toMatchObject({ name: 'ContentfulRequestError', status: 503 });
    });

    it('a valid objectLevel configuration with getDocumentLocale needs no locale field', async () => {
        const source = await initWith(
            testOptions(emulator.space, { objectLevel: { models: ['page'], localeField: 'absent', getDocumentLocale: (entry) => entry.sys.id.split('-').slice(1).join('-') }, requests: FAST })
        );
        const documents = await source.getDocuments();
        expect(documents.find((d) => d.id === 'home-fr')?.locale).toBe('fr');
        expect(documents.find((d) => d.id === 'about-en-US')?.locale).toBe('en-US');
    });
});

describe('host and insecure', () => {
    const emulator = useSourceEmulator();

    it('host sends every CMA request to a proxy host over https', async () => {
        emulator.use(createDemoSpace(), { baseUrls: { cma: 'https://cma-proxy.example.test', upload: 'https://cma-proxy.example.test' } });
        const source = await initWith(testOptions(emulator.space, { host: 'cma-proxy.example.test', objectLevel: DEMO_OBJECT_LEVEL }));
        expect(await source.getDocuments()).not.toHaveLength(0);
        expect(emulator.log.all().every((r) => r.url.startsWith('https://cma-proxy.example.test'))).toBe(true);
    });

    it('insecure: true talks plain http to host (the bundled emulator server)', async () => {
        emulator.use(createDemoSpace(), { baseUrls: { cma: 'http://localhost:8787', upload: 'http://localhost:8787' } });
        const source = await initWith(testOptions(emulator.space, { host: 'localhost:8787', insecure: true }));
        expect(await source.getAssets()).not.toHaveLength(0);
        expect(emulator.log.all().every((r) => r.url.startsWith('http://localhost:8787/'))).toBe(true);
    });
});
