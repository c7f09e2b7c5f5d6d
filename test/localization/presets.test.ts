import type { Document, UpdateOperationField } from '@stackbit/types';
import { describe, expect, it } from 'vitest';
import { LocalizationError } from '../../src/errors.js';
import { decidePresetWrite, isPresetVisible, presetLocaleOfDocument, readPresetLocale, stampPresetLocale, stampPresetOperationFields, type PresetData } from '../../src/localization/presets.js';
import type { ResolvedGrant } from '../../src/localization/types.js';
import { contentTypeOf, multiBrand } from './access-test-data.js';

const GLOBAL: ResolvedGrant = { locales: '*', source: 'default' };
const FR_DE: ResolvedGrant = { locales: ['fr', 'de'], source: 0 };
const hero: PresetData = { label: 'Hero with image', modelName: 'hero', data: { heading: 'Welcome' } };

describe('stampPresetLocale', () => {
    it('leaves a global user\'s preset unchanged in Global mode (visible to all)', () => {
        expect(stampPresetLocale(hero, { grant: GLOBAL, defaultLocale: 'en-US' })).toBe(hero);
        expect(stampPresetLocale(hero, { grant: GLOBAL, locale: 'en-US', defaultLocale: 'en-US' })).toBe(hero);
        expect(stampPresetLocale({ ...hero, locale: 'de' }, { grant: GLOBAL, defaultLocale: 'en-US' }).locale).toBe('de');
    });

    it('stamps a global user\'s preset with the Specific-mode locale', () => {
        expect(stampPresetLocale(hero, { grant: GLOBAL, locale: 'fr', defaultLocale: 'en-US' })).toEqual({ ...hero, locale: 'fr' });
    });

    it('always stamps a restricted user\'s preset with one of their locales', () => {
        // The engine passes the default locale for presets; the preset's own locale comes first.
        expect(stampPresetLocale({ ...hero, locale: 'de' }, { grant: FR_DE, locale: 'en-US', defaultLocale: 'en-US' }).locale).toBe('de');
        expect(stampPresetLocale(hero, { grant: FR_DE, locale: 'de', defaultLocale: 'en-US' }).locale).toBe('de');
        expect(stampPresetLocale(hero, { grant: FR_DE, locale: 'en-US', defaultLocale: 'en-US' }).locale).toBe('fr');
        expect(stampPresetLocale({ ...hero, locale: 'it' }, { grant: FR_DE }).locale).toBe('fr');
    });

    it('keeps the JSON-string form (Symbol / Text data fields)', () => {
        const stamped = stampPresetLocale(JSON.stringify(hero), { grant: FR_DE });
        expect(typeof stamped).toBe('string');
        expect(JSON.parse(stamped)).toEqual({ ...hero, locale: 'fr' });
    });

    it('does not modify its input', () => {
        const input = { ...hero };
        stampPresetLocale(input, { grant: FR_DE });
        expect(input).toEqual(hero);
    });

    it('refuses a restricted user\'s preset it cannot read, rather than showing it everywhere', () => {
        expect(() => stampPresetLocale('not json', { grant: FR_DE, user: { email: 'jean@acme.fr' } })).toThrow(LocalizationError);
        expect(() => stampPresetLocale('not json', { grant: FR_DE, user: { email: 'jean@acme.fr' } })).toThrow(/jean@acme\.fr: its data is not a JSON object, so it cannot be limited to fr, de/);
        expect(stampPresetLocale('not json', { grant: GLOBAL })).toBe('not json');
    });
});

describe('stampPresetOperationFields', () => {
    it('stamps the json `data` field createPreset sends (the recorded stackbitPreset model has an Object `data`)', () => {
        expect(contentTypeOf(multiBrand(), 'stackbitPreset').fields.find((field) => field.id === 'data')?.type).toBe('Object');
        const fields: Record<string, UpdateOperationField> = { label: { type: 'string', value: 'Hero' }, data: { type: 'json', value: hero } };
        const stamped = stampPresetOperationFields(fields, { grant: FR_DE });
        expect(stamped['data']).toEqual({ type: 'json', value: { ...hero, locale: 'fr' } });
        expect(stamped['label']).toBe(fields['label']);
    });

    it('stamps a text `data` field holding JSON', () => {
        const stamped = stampPresetOperationFields({ data: { type: 'text', value: JSON.stringify(hero, null, 2) } }, { grant: GLOBAL, locale: 'de', defaultLocale: 'en-US' });
        expect(JSON.parse((stamped['data'] as { value: string }).value).locale).toBe('de');
    });

    it('refuses a restricted user\'s preset without data', () => {
        expect(() => stampPresetOperationFields({ data: { type: 'json', value: 42 } }, { grant: FR_DE })).toThrow(LocalizationError);
        expect(stampPresetOperationFields({ label: { type: 'string', value: 'x' } }, { grant: FR_DE })).toEqual({ label: { type: 'string', value: 'x' } });
    });
});

describe('isPresetVisible', () => {
    it('mirrors the engine: no locale → visible everywhere; a locale → visible there and in Global mode', () => {
        expect(isPresetVisible(hero, 'fr')).toBe(true);
        expect(isPresetVisible({ ...hero, locale: 'fr' }, 'fr')).toBe(true);
        expect(isPresetVisible({ ...hero, locale: 'fr' }, 'de')).toBe(false);
        expect(isPresetVisible({ ...hero, locale: 'fr' }, undefined)).toBe(true);
        expect(isPresetVisible(JSON.stringify({ ...hero, locale: 'fr' }), 'de')).toBe(false);
    });
});

describe('reading preset locales', () => {
    it('reads the locale of data and of stackbitPreset documents', () => {
        expect(readPresetLocale({ ...hero, locale: 'fr' })).toBe('fr');
        expect(readPresetLocale('{"locale":""}')).toBeUndefined();
        const document = { fields: { data: { type: 'json', value: { ...hero, locale: 'de' } } } } as unknown as Pick<Document, 'fields'>;
        expect(presetLocaleOfDocument(document)).toBe('de');
        const localized = { fields: { data: { type: 'text', localized: true, locales: { 'en-US': { locale: 'en-US', value: JSON.stringify({ locale: 'fr' }) } } } } } as unknown as Pick<Document, 'fields'>;
        expect(presetLocaleOfDocument(localized)).toBe('fr');
        expect(presetLocaleOfDocument({ fields: {} })).toBeUndefined();
    });
});

describe('decidePresetWrite', () => {
    const jean = { email: 'jean@acme.fr' };

    it('lets a restricted user save presets and change presets of their locales only', () => {
        expect(decidePresetWrite({ action: 'create', user: jean, grant: FR_DE }).allowed).toBe(true);
        expect(decidePresetWrite({ action: 'delete', user: jean, grant: FR_DE, presetId: 'p1', presetLocale: 'de' }).allowed).toBe(true);
        expect(decidePresetWrite({ action: 'delete', user: jean, grant: FR_DE, presetId: 'p1', presetLocale: 'en-US' })).toEqual({
            allowed: false,
            reason: 'jean@acme.fr may delete only presets of fr, de; preset "p1" is en-US'
        });
        expect(decidePresetWrite({ action: 'update', user: jean, grant: FR_DE, presetId: 'p2' }).reason).toBe(
            'jean@acme.fr may update only presets of fr, de; preset "p2" has no locale, so it is shared by every locale'
        );
    });

    it('lets a global user do anything, and applies requireUser', () => {
        expect(decidePresetWrite({ action: 'delete', user: { email: 'bob@acme.com' }, grant: GLOBAL }).allowed).toBe(true);
        expect(decidePresetWrite({ action: 'create', user: undefined, grant: { locales: '*', source: 'no-user' }, requireUser: true }).allowed).toBe(false);
    });
});
