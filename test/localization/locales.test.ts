import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { fallbackChain, getLocaleInfos, isEnabledLocale, resolveLocaleContext } from '../../src/localization/locales.js';
import { loadRecordedItems, loadRecording, spaceLocale } from './locale-test-data.js';

const javaLocales = loadRecordedItems('java-locales-8-with-fallback-chains.json');
const phpLocales = loadRecordedItems('php-locales-3-fallback-chain-en-AU-en-GB-en-US.json');

function configErrorOf(run: () => unknown): ConfigError {
    try {
        run();
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
}

describe('resolveLocaleContext with recorded spaces', () => {
    it('enables every editable locale by default, default first, and leaves out contentManagementApi:false locales', () => {
        const { context, diagnostics } = resolveLocaleContext({ spaceLocales: javaLocales });
        expect(context.defaultLocale).toBe('en-US');
        expect(context.enabled).toEqual(['en-US', 'en-UK', 'T123', 'kt4', 'foo', 'bar']);
        expect(context.locales.find((l) => l.code === 'T5')).toMatchObject({ enabled: false, fallback: 'en-US', default: false });
        expect(context.locales[0]).toEqual({ code: 'en-US', name: 'U.S. English', default: true, fallback: null, enabled: true });
        expect(diagnostics).toEqual([]);
    });

    it('follows two-step chains (bar → foo → en-US) and stops at a null fallback', () => {
        const { context } = resolveLocaleContext({ spaceLocales: javaLocales });
        expect(fallbackChain(context, 'bar')).toEqual(['foo', 'en-US']);
        expect(fallbackChain(context, 'foo')).toEqual(['en-US']);
        expect(fallbackChain(context, 'en-US')).toEqual([]);
        expect(fallbackChain(context, 'nope')).toEqual([]);
    });

    it('resolves the recorded en-AU → en-GB → en-US chain', () => {
        const { context } = resolveLocaleContext({ spaceLocales: phpLocales });
        expect(context.fallbackChains).toEqual({ 'en-US': [], 'en-GB': ['en-US'], 'en-AU': ['en-GB', 'en-US'] });
        expect(getLocaleInfos(context).map((l) => [l.code, l.fallback])).toEqual([
            ['en-US', null],
            ['en-GB', 'en-US'],
            ['en-AU', 'en-GB']
        ]);
    });

    it('reads the 2016 snake_case fallback_code shape (default locale "es")', () => {
        const legacy = loadRecording('rb-locale-legacy-2016-snake-fallback_code.json');
        const { context } = resolveLocaleContext({ spaceLocales: [legacy, spaceLocale('ca', null, { fallback_code: 'es', fallbackCode: undefined })] });
        expect(context.defaultLocale).toBe('es');
        expect(context.enabled).toEqual(['es', 'ca']);
        expect(fallbackChain(context, 'ca')).toEqual(['es']);
    });

    it('reads snake_case fallback_code when fallbackCode is absent', () => {
        const { context } = resolveLocaleContext({
            spaceLocales: [
                { code: 'es', name: 'Spanish', default: true, fallback_code: null },
                { code: 'ca', name: 'Catalan', default: false, fallback_code: 'es' }
            ]
        });
        expect(fallbackChain(context, 'ca')).toEqual(['es']);
    });

    it('reads the 2014 shape (no fallbackCode, no optional) as locales without fallback', () => {
        const { context, diagnostics } = resolveLocaleContext({ spaceLocales: loadRecordedItems('rb-locales-legacy-2014-no-fallback.json') });
        expect(context.enabled).toEqual(['en-US', 'pl-PL', 'pl', 'bl-BL']);
        expect(Object.values(context.fallbackChains)).toEqual([[], [], [], []]);
        expect(diagnostics).toEqual([]);
    });

    it('treats a missing contentManagementApi as editable', () => {
        const { context } = resolveLocaleContext({
            spaceLocales: [{ code: 'en-US', default: true }, { code: 'fr', fallbackCode: 'en-US' }]
        });
        expect(context.enabled).toEqual(['en-US', 'fr']);
        expect(context.locales[1]).toEqual({ code: 'fr', name: 'fr', default: false, fallback: 'en-US', enabled: true });
    });

    it('puts the default locale first even when the space lists it later', () => {
        const { context } = resolveLocaleContext({
            spaceLocales: [spaceLocale('fr', 'de'), spaceLocale('de', null, { default: true })]
        });
        expect(context.locales.map((l) => l.code)).toEqual(['de', 'fr']);
        expect(context.enabled).toEqual(['de', 'fr']);
    });
});

describe('the `locales` option', () => {
    it('enables the given subset, default first whatever the option order', () => {
        const { context } = resolveLocaleContext({ spaceLocales: javaLocales, enabled: ['bar', 'en-US'] });
        expect(context.enabled).toEqual(['en-US', 'bar']);
        expect(isEnabledLocale(context, 'foo')).toBe(false);
        expect(context.locales.find((l) => l.code === 'foo')?.enabled).toBe(false);
        // A disabled locale stays in the chain: Contentful's delivery API still falls back through it.
        expect(fallbackChain(context, 'bar')).toEqual(['foo', 'en-US']);
    });

    it('refuses a code the space does not have and lists the space codes', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: ['en-US', 'fr'] }));
        expect(error.option).toBe('locales');
        expect(error.message).toContain('"fr" is not a locale of this Contentful environment');
        expect(error.message).toContain('"en-US", "en-GB", "en-AU"');
    });

    it('suggests the right case for a code that differs only in case', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: ['en-US', 'en-gb'] }));
        expect(error.message).toContain('Did you mean "en-GB"?');
    });

    it('refuses a subset without the default locale', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: ['en-GB', 'en-AU'] }));
        expect(error.option).toBe('locales');
        expect(error.message).toContain('must include the space\'s default locale "en-US"');
    });

    it('refuses a locale that is not editable through the CMA', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: javaLocales, enabled: ['en-US', 'T5'] }));
        expect(error.message).toContain('"T5" cannot be enabled');
        expect(error.message).toContain('contentManagementApi is false');
    });

    it('refuses duplicates, an empty list, non-strings and a non-array', () => {
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: ['en-US', 'en-GB', 'en-GB'] })).message).toContain(
            '"en-GB" is listed twice'
        );
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: [] })).message).toContain('the list is empty');
        expect(
            configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: ['en-US', 42] as unknown as string[] })).message
        ).toContain('entry #1 is number 42');
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, enabled: 'en-US' as unknown as string[] })).message).toContain(
            'expected an array of locale codes, got "en-US"'
        );
    });
});

describe('the `fallbacks` option', () => {
    it('overrides the space fallbackCode, and null ends a chain', () => {
        const { context } = resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-AU': 'en-US', 'en-GB': null } });
        expect(fallbackChain(context, 'en-AU')).toEqual(['en-US']);
        expect(fallbackChain(context, 'en-GB')).toEqual([]);
        expect(context.locales.find((l) => l.code === 'en-GB')?.fallback).toBeNull();
    });

    it('refuses an unknown locale as key or as target', () => {
        const keyError = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'fr-CA': 'en-US' } }));
        expect(keyError.option).toBe('fallbacks');
        expect(keyError.message).toContain('"fr-CA" is not a locale');
        const targetError = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-AU': 'fr' } }));
        expect(targetError.message).toContain('"en-AU" falls back to "fr", which is not a locale');
    });

    it('refuses a cycle it creates, naming the path', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-GB': 'en-AU' } }));
        expect(error.option).toBe('fallbacks');
        expect(error.message).toMatch(/cycle: "en-(GB|AU)" → "en-(GB|AU)" → "en-(GB|AU)"/);
    });

    it('refuses a self-reference, a non-string target and a fallback for the default locale', () => {
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-GB': 'en-GB' } })).message).toContain('cycle');
        expect(
            configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-GB': 3 as unknown as string } })).message
        ).toContain('must be a locale code or null');
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: phpLocales, fallbacks: { 'en-US': 'en-GB' } })).message).toContain(
            'cannot fall back'
        );
    });

    it('can break a cycle that exists in the space', () => {
        const spaceLocales = [spaceLocale('en-US', null, { default: true }), spaceLocale('fr', 'be'), spaceLocale('be', 'fr')];
        const { context, diagnostics } = resolveLocaleContext({ spaceLocales, fallbacks: { be: 'en-US' } });
        expect(diagnostics).toEqual([]);
        expect(fallbackChain(context, 'fr')).toEqual(['be', 'en-US']);
    });
});

describe('bad space data', () => {
    it('reports a space fallback cycle once and cuts each chain before it repeats', () => {
        const spaceLocales = [spaceLocale('en-US', null, { default: true }), spaceLocale('fr', 'be'), spaceLocale('be', 'fr'), spaceLocale('lu', 'fr')];
        const { context, diagnostics } = resolveLocaleContext({ spaceLocales });
        expect(diagnostics).toHaveLength(1);
        expect(diagnostics[0].kind).toBe('fallback-cycle');
        expect(diagnostics[0].message).toContain('"fr" → "be" → "fr"');
        expect(fallbackChain(context, 'fr')).toEqual(['be']);
        expect(fallbackChain(context, 'be')).toEqual(['fr']);
        expect(fallbackChain(context, 'lu')).toEqual(['fr', 'be']);
    });

    it('reports a dangling fallbackCode and stops the chain there', () => {
        const spaceLocales = [spaceLocale('en-US', null, { default: true }), spaceLocale('fr-CA', 'fr'), spaceLocale('fr-BE', 'fr-CA')];
        const { context, diagnostics } = resolveLocaleContext({ spaceLocales });
        expect(diagnostics).toEqual([
            expect.objectContaining({ kind: 'fallback-dangling', locale: 'fr-CA', message: expect.stringContaining('falls back to "fr", which is not a locale') })
        ]);
        expect(fallbackChain(context, 'fr-BE')).toEqual(['fr-CA']);
        expect(context.locales.find((l) => l.code === 'fr-CA')?.fallback).toBeNull();
    });

    it('refuses a space without a default locale, naming its locales', () => {
        const error = configErrorOf(() => resolveLocaleContext({ spaceLocales: [spaceLocale('fr', null), spaceLocale('de', null)] }));
        expect(error.message).toContain('no default locale');
        expect(error.message).toContain('"fr", "de"');
        expect(configErrorOf(() => resolveLocaleContext({ spaceLocales: [] })).message).toContain('no default locale (space locales: none)');
    });

    it('skips malformed and duplicate locale entries with diagnostics instead of crashing', () => {
        const { context, diagnostics } = resolveLocaleContext({
            spaceLocales: [null, 'en-US', { name: 'no code' }, spaceLocale('en-US', null, { default: true }), spaceLocale('en-US', 'x')]
        });
        expect(context.enabled).toEqual(['en-US']);
        expect(diagnostics.map((d) => d.kind)).toEqual(['other', 'other', 'other', 'other']);
        expect(diagnostics[3].message).toContain('"en-US" is listed twice');
    });

    it('uses the first of several default locales and says so', () => {
        const { context, diagnostics } = resolveLocaleContext({
            spaceLocales: [spaceLocale('en-US', null, { default: true }), spaceLocale('de', null, { default: true })]
        });
        expect(context.defaultLocale).toBe('en-US');
        expect(diagnostics[0].message).toContain('marks 2 locales as default');
    });
});

describe('getLocaleInfos', () => {
    it('returns copies, so callers cannot corrupt the context', () => {
        const { context } = resolveLocaleContext({ spaceLocales: phpLocales });
        const infos = getLocaleInfos(context);
        infos[0].enabled = false;
        expect(context.locales[0].enabled).toBe(true);
    });
});
