import { describe, expect, it } from 'vitest';
import type { ContentTypeProps } from '../../src/contentful/types.js';
import { LocalizationError } from '../../src/errors.js';
import { MissingRequiredFieldsError, planAddLocaleToEntry, planCreate, type CreatePlanInput } from '../../src/localization/create-plan.js';
import { contentTypeOf, entryOf, fieldLevel, modelOfContentType, multiBrand } from './access-test-data.js';

const site = fieldLevel();
const fieldLevelPage = contentTypeOf(site, 'page'); // title: localized, required; slug: non-localized, required
const hero = contentTypeOf(site, 'hero'); // heading: localized, required; theme: non-localized, required
const brands = multiBrand();
const recordedPage = contentTypeOf(brands, 'page'); // object-level: title, slug, brand required; locale
const objectPage: ContentTypeProps = {
    ...recordedPage,
    fields: [...recordedPage.fields, { id: 'translationKey', name: 'Translation key', type: 'Symbol', localized: false, required: false }]
};
const objectModel = modelOfContentType(objectPage, { objectLevel: true, localeField: 'locale', translationKeyField: 'translationKey' });
const brandLink = { sys: { type: 'Link', linkType: 'Entry', id: '2h0tOttrNNwHQfNkIoKMox' } };
const ENABLED = ['en-US', 'es'];

function thrown(run: () => unknown): Error {
    try {
        run();
    } catch (error) {
        return error as Error;
    }
    throw new Error('expected an error');
}

describe('planCreate, field-level', () => {
    const input = (overrides: Partial<CreatePlanInput>): CreatePlanInput => ({
        contentType: fieldLevelPage,
        model: modelOfContentType(fieldLevelPage),
        locales: ['en-US', 'es'],
        valuesByLocale: {},
        defaultLocale: 'en-US',
        enabledLocales: ENABLED,
        ...overrides
    });

    it('creates ONE entry: default-locale values plus the other locale\'s localized values', () => {
        const plan = planCreate(
            input({
                valuesByLocale: {
                    'en-US': { title: { 'en-US': 'Pricing' }, slug: { 'en-US': '/pricing' } },
                    es: { title: { es: 'Precios' }, slug: { 'en-US': '/precios' } }
                }
            })
        );
        // The non-localized slug comes from the default locale only.
        expect(plan.entries).toEqual([{ fields: { title: { 'en-US': 'Pricing', es: 'Precios' }, slug: { 'en-US': '/pricing' } } }]);
    });

    it('creates in one non-default locale: localized values under it, non-localized under the default locale', () => {
        const plan = planCreate(input({ locales: ['es'], valuesByLocale: { es: { title: { es: 'Precios' }, slug: { 'en-US': '/precios' } } } }));
        expect(plan.entries).toEqual([{ fields: { title: { es: 'Precios' }, slug: { 'en-US': '/precios' } } }]);
    });

    it('lists EVERY missing required field of every locale before anything is written', () => {
        const error = thrown(() =>
            planCreate(input({ contentType: hero, model: modelOfContentType(hero), valuesByLocale: { 'en-US': { body: { 'en-US': 'text' } }, es: { heading: { es: '  ' } } } }))
        );
        expect(error).toBeInstanceOf(MissingRequiredFieldsError);
        expect(error).toBeInstanceOf(LocalizationError);
        expect((error as MissingRequiredFieldsError).missing).toEqual({ 'en-US': ['heading', 'theme'], es: ['heading'] });
        expect(error.message).toBe('Cannot create hero: required fields have no value (en-US: heading, theme; es: heading). Nothing was written.');
    });

    it('refuses disabled locales and an empty locale list', () => {
        expect(thrown(() => planCreate(input({ locales: ['en-US', 'fr'] }))).message).toBe('Cannot create page in fr: not an enabled locale (enabled: en-US, es)');
        expect(thrown(() => planCreate(input({ locales: [] }))).message).toBe('Cannot create page: no locale to create it in');
    });
});

describe('planCreate, object-level', () => {
    const input = (overrides: Partial<CreatePlanInput>): CreatePlanInput => ({
        contentType: objectPage,
        model: objectModel,
        locales: ['en-US', 'es'],
        valuesByLocale: {
            'en-US': { title: { 'en-US': 'Pricing' }, slug: { 'en-US': '/pricing' }, brand: { 'en-US': brandLink } },
            es: { title: { 'en-US': 'Precios' }, slug: { 'en-US': '/precios' }, brand: { 'en-US': brandLink } }
        },
        defaultLocale: 'en-US',
        enabledLocales: ENABLED,
        translationKey: 'tk-1',
        ...overrides
    });

    it('creates one entry per locale in one translation group', () => {
        const plan = planCreate(input({}));
        expect(plan.entries.map((entry) => entry.locale)).toEqual(['en-US', 'es']);
        expect(plan.entries[1]!.fields).toEqual({
            title: { 'en-US': 'Precios' },
            slug: { 'en-US': '/precios' },
            brand: { 'en-US': brandLink },
            locale: { 'en-US': 'es' },
            translationKey: { 'en-US': 'tk-1' }
        });
        expect(plan.entries[0]!.fields['translationKey']).toEqual({ 'en-US': 'tk-1' });
    });

    it('validates every locale\'s required fields before writing, ignoring the fields it sets itself', () => {
        const required: ContentTypeProps = { ...objectPage, fields: objectPage.fields.map((field) => (field.id === 'locale' ? { ...field, required: true } : field)) };
        const error = thrown(() =>
            planCreate(input({ contentType: required, valuesByLocale: { 'en-US': { title: { 'en-US': 'Pricing' }, slug: { 'en-US': '/pricing' } }, es: { brand: { 'en-US': brandLink } } } }))
        );
        expect((error as MissingRequiredFieldsError).missing).toEqual({ 'en-US': ['brand'], es: ['title', 'slug'] });
    });

    it('needs a translation key and the configured fields', () => {
        expect(thrown(() => planCreate(input({ translationKey: undefined }))).message).toBe('Cannot create page: a new translation key for field "translationKey" is needed');
        expect(thrown(() => planCreate(input({ contentType: recordedPage }))).message).toBe(
            'Cannot create page: its content type has no field "translationKey" (objectLevel.translationKeyField)'
        );
        expect(thrown(() => planCreate(input({ localeField: 'language' }))).message).toContain('(objectLevel.localeField)');
    });

    it('removes duplicate locales', () => {
        expect(planCreate(input({ locales: ['en-US', 'en-US'] })).entries).toHaveLength(1);
    });
});

describe('planAddLocaleToEntry', () => {
    const about = entryOf(site, '4NAH9GqPm2W4eYXXEa35mg');
    const existing = { title: { 'en-US': about.fields['title']!['en-US'] }, slug: about.fields['slug']!, sections: about.fields['sections']! };
    const base = { contentType: fieldLevelPage, modelName: 'page', existing, defaultLocale: 'en-US', enabledLocales: ENABLED, documentId: about.sys.id };

    it('adds the locale\'s localized values to the recorded entry', () => {
        const result = planAddLocaleToEntry({ ...base, locale: 'es', values: { title: { es: 'Sobre nosotros' }, slug: { 'en-US': '/about' } } });
        expect(result.fields['title']).toEqual({ 'en-US': 'About Us', es: 'Sobre nosotros' });
        expect(result.fields['slug']).toEqual({ 'en-US': '/about' });
        expect(result.localesWritten).toEqual(['es']);
        expect(existing.title).toEqual({ 'en-US': 'About Us' });
    });

    it('refuses to overwrite a non-localized field from a non-default locale', () => {
        expect(thrown(() => planAddLocaleToEntry({ ...base, locale: 'es', values: { title: { es: 'Sobre' }, slug: { 'en-US': '/sobre' } } })).message).toBe(
            'Cannot add es to page document "4NAH9GqPm2W4eYXXEa35mg": field "slug" is not localized (one value for every locale); edit it in the default locale en-US, not in es'
        );
    });

    it('refuses to replace a different existing value of the locale', () => {
        const withEs = { ...existing, title: { 'en-US': 'About Us', es: 'Sobre nosotros' } };
        expect(thrown(() => planAddLocaleToEntry({ ...base, existing: withEs, locale: 'es', values: { title: { es: 'Quiénes somos' } } })).message).toContain(
            'field "title" already has a different es value'
        );
    });

    it('lists the missing required localized fields of the locale', () => {
        const error = thrown(() => planAddLocaleToEntry({ ...base, locale: 'es', values: { slug: { 'en-US': '/about' } } }));
        expect((error as MissingRequiredFieldsError).missing).toEqual({ es: ['title'] });
        expect(error.message).toBe('Cannot add a locale to page document "4NAH9GqPm2W4eYXXEa35mg": required fields have no value (es: title). Nothing was written.');
    });

    it('refuses a locale that is not enabled', () => {
        expect(() => planAddLocaleToEntry({ ...base, locale: 'fr', values: { title: { fr: 'À propos' } } })).toThrow(
            'Cannot add a locale to page document "4NAH9GqPm2W4eYXXEa35mg" in fr: not an enabled locale (enabled: en-US, es)'
        );
    });
});
