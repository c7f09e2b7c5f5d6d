/**
 * Bad configuration (issue 8 item 5, SPEC §12): a table of malformed options, each failing at
 * `init` — not on the first edit — with a ConfigError whose message names the option, and without
 * a single write reaching Contentful.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, LocalizedContentfulSource } from '../../src/index.js';
import type { LocalizedContentfulSourceOptions } from '../../src/options.js';
import { createDemoSpace } from '../../src/emulator/index.js';
import { DEMO_OBJECT_LEVEL, createRecordingCache, testOptions, useEmulator } from '../helpers/emulator.js';
import { createTestLogger } from '../helpers/engine.js';

/** The demo space plus a locale the space does not let the API edit (Italian). */
function spaceWithDisabledLocale() {
    const space = createDemoSpace();
    space.addLocale({ code: 'it', name: 'Italian', default: false, fallbackCode: 'en-US', optional: true, contentManagementApi: false, contentDeliveryApi: true });
    return space;
}

type Case = [description: string, options: Record<string, unknown>, option: string, extra?: { handlers?: { accessTokens: Record<string, string> }; env?: Record<string, string> }];

const rule = (extra: Record<string, unknown>) => ({ access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'], ...extra }] } });

const CASES: Case[] = [
    // Connection
    ['spaceId missing', { spaceId: undefined }, 'spaceId'],
    ['spaceId not a string', { spaceId: 42 }, 'spaceId'],
    ['spaceId with surrounding spaces', { spaceId: ' demo ' }, 'spaceId'],
    ['spaceId of a space that does not exist', { spaceId: 'nope' }, 'spaceId'],
    ['accessToken missing', { accessToken: undefined }, 'accessToken'],
    ['accessToken empty', { accessToken: '' }, 'accessToken'],
    ['accessToken Contentful rejects', { accessToken: 'revoked-token' }, 'accessToken', { handlers: { accessTokens: { 'good-token': 'user-alice' } } }],
    ['environment that does not exist', { environment: 'staging' }, 'environment'],
    ['environment not a string', { environment: ['master'] }, 'environment'],
    ['host with a protocol', { host: 'https://api.contentful.com' }, 'host'],
    ['insecure not a boolean', { insecure: 'yes' }, 'insecure'],
    ['managementAppUrl empty', { managementAppUrl: '' }, 'managementAppUrl'],
    // Locales
    ['locales not a list', { locales: 'fr' }, 'locales'],
    ['locales empty', { locales: [] }, 'locales'],
    ['locales with a duplicate', { locales: ['en-US', 'fr', 'fr'] }, 'locales'],
    ['locales with an unknown locale', { locales: ['en-US', 'es'] }, 'locales'],
    ['locales with a wrongly cased code', { locales: ['en-us', 'fr'] }, 'locales'],
    ['locales without the default locale', { locales: ['fr', 'de'] }, 'locales'],
    ['locales with a locale the API may not edit', { locales: ['en-US', 'it'] }, 'locales'],
    ['locales with a non-string entry', { locales: ['en-US', 7] }, 'locales[1]'],
    // Fallbacks
    ['fallbacks not an object', { fallbacks: 'fr' }, 'fallbacks'],
    ['fallbacks with a dangling target', { fallbacks: { 'fr-CA': 'fr-BE' } }, 'fallbacks'],
    ['fallbacks for an unknown locale', { fallbacks: { 'pt-BR': 'en-US' } }, 'fallbacks'],
    ['fallbacks making a cycle', { fallbacks: { fr: 'de', de: 'fr' } }, 'fallbacks'],
    ['fallbacks making a longer cycle', { fallbacks: { fr: 'fr-CA', 'fr-CA': 'de', de: 'fr' } }, 'fallbacks'],
    ['fallbacks with a bad type', { fallbacks: { fr: 5 } }, 'fallbacks.fr'],
    ['fallbacks moving the default locale', { fallbacks: { 'en-US': 'fr' } }, 'fallbacks'],
    // Object-level
    ['objectLevel not an object', { objectLevel: ['page'] }, 'objectLevel'],
    ['objectLevel.models empty', { objectLevel: { models: [] } }, 'objectLevel.models'],
    ['objectLevel.models with an unknown model', { objectLevel: { models: ['page', 'blogPost'] } }, 'objectLevel.models[1]'],
    ['objectLevel.models with a model that has no locale field', { objectLevel: { models: ['product'] } }, 'objectLevel.localeField'],
    ['objectLevel.localeField that is not a Symbol', { objectLevel: { models: ['page'], localeField: 'body' } }, 'objectLevel.localeField'],
    ['objectLevel.translationKeyField missing on the model', { objectLevel: { models: ['page'], translationKeyField: 'groupId' } }, 'objectLevel.translationKeyField'],
    ['objectLevel.translationKeyField equal to the locale field', { objectLevel: { models: ['page'], translationKeyField: 'locale' } }, 'objectLevel.translationKeyField'],
    ['objectLevel.getDocumentLocale not a function', { objectLevel: { models: ['page'], getDocumentLocale: 'locale' } }, 'objectLevel.getDocumentLocale'],
    ['objectLevel.sharedFields for a model not listed', { objectLevel: { models: ['page'], sharedFields: { product: ['price'] } } }, 'objectLevel.sharedFields.product'],
    ['objectLevel.sharedFields with an unknown field', { objectLevel: { models: ['page'], sharedFields: { page: ['colour'] } } }, 'objectLevel.sharedFields.page'],
    ['objectLevel.sharedFields sharing the locale field', { objectLevel: { models: ['page'], sharedFields: { page: ['locale'] } } }, 'objectLevel.sharedFields.page'],
    // Access
    ['access not an object', { access: ['*@acme.fr'] }, 'access'],
    ['access with an unknown key', { access: { rule: [] } }, 'access.rule'],
    ['access.rules not a list', { access: { rules: { emails: ['*'] } } }, 'access.rules'],
    ['access rule without a matcher', { access: { rules: [{ locales: ['fr'] }] } }, 'access.rules[0]'],
    ['access rule without locales', { access: { rules: [{ emails: ['*@acme.fr'] }] } }, 'access.rules[0].locales'],
    ['access rule granting an unknown locale', rule({ locales: ['es'] }), 'access.rules[0].locales[0]'],
    ['access rule granting a locale not enabled', { locales: ['en-US', 'fr'], ...rule({ locales: ['de'] }) }, 'access.rules[0].locales[0]'],
    ['access rule granting no locale', rule({ locales: [] }), 'access.rules[0].locales'],
    ['access rule with emails as a string', rule({ emails: '*@acme.fr' }), 'access.rules[0].emails'],
    ['access rule with an email glob that can never match', rule({ emails: ['acme.fr'] }), 'access.rules[0].emails[0]'],
    ['access rule with an unknown key', rule({ email: ['*@acme.fr'] }), 'access.rules[0].email'],
    ['access rule with sso not an object', rule({ sso: 'okta' }), 'access.rules[0].sso'],
    ['access.default not a grant', { access: { default: 'fr' } }, 'access.default'],
    ['access.requireUser not a boolean', { access: { requireUser: 'yes' } }, 'access.requireUser'],
    // Behaviour
    ['localeBasedPublishing not a boolean', { localeBasedPublishing: 'yes' }, 'localeBasedPublishing'],
    ['requests.pageSize above 1000', { requests: { pageSize: 5000 } }, 'requests.pageSize'],
    ['requests.concurrency zero', { requests: { concurrency: 0 } }, 'requests.concurrency'],
    ['requests.retryLimit not an integer', { requests: { retryLimit: 1.5 } }, 'requests.retryLimit'],
    ['sync.pollIntervalMs negative', { sync: { pollIntervalMs: -1 } }, 'sync.pollIntervalMs'],
    ['sync not an object', { sync: 2000 }, 'sync']
];

async function initWith(options: LocalizedContentfulSourceOptions) {
    const logger = createTestLogger();
    const source = new LocalizedContentfulSource(options);
    await source.init({ logger, userLogger: logger, localDev: true, cache: createRecordingCache(), git: undefined as never, runCommand: undefined as never } as never);
    return source;
}

describe('malformed configurations fail at init with a ConfigError naming the option', () => {
    const emulator = useEmulator(spaceWithDisabledLocale);

    it('the valid base configuration initialises (the table changes one thing at a time)', async () => {
        const source = await initWith(testOptions(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL }));
        expect(source.getLocales().map((locale) => locale.code)).toContain('it');
    });

    it.each(CASES.map(([description, ...rest]) => [`${description} → \`${rest[1]}\``, ...rest] as Case))('%s', async (_description, overrides, option, extra) => {
        if (extra?.handlers) emulator.use(emulator.space, extra.handlers);
        const options = { ...testOptions(emulator.space), ...overrides } as LocalizedContentfulSourceOptions;
        const error = await initWith(options).then(
            () => undefined,
            (thrown: unknown) => thrown
        );
        expect(error, 'init must fail').toBeInstanceOf(ConfigError);
        expect((error as ConfigError).option).toBe(option);
        expect((error as ConfigError).message).toContain(`invalid option \`${option}\``);
        // Nothing was written while finding out.
        expect(emulator.log.writes()).toEqual([]);
    });

    it(`covers at least 30 malformed configurations (${CASES.length})`, () => {
        expect(CASES.length).toBeGreaterThanOrEqual(30);
        console.log(`[bad input] malformed configurations tried: ${CASES.length}, each refused at init naming its option`);
    });
});
