import { describe, expect, it } from 'vitest';
import type { ContentTypeProps, LocalizedFields } from '../../src/contentful/types.js';
import { LocalizationError } from '../../src/errors.js';
import { copySuffix, planCopy, type CopyPlanInput } from '../../src/localization/copy-plan.js';
import { EUROPE, contentTypeOf, entryOf, fieldLevel, localeContext, localesOfExport, multiBrand, recording } from './access-test-data.js';

const NOW = new Date('2026-11-24T10:15:00.000Z');
const SUFFIX = '-20261124T101500';
const brands = multiBrand();
const enEs = localesOfExport(brands);
const brand = contentTypeOf(brands, 'brand'); // name: localized + unique (display field); slug: non-localized + unique
const sandwiches = entryOf(brands, '2h0tOttrNNwHQfNkIoKMox');

// The recorded object-level `page` model has no translation key field; the adapter's default one is added.
const recordedPage = contentTypeOf(brands, 'page');
const page: ContentTypeProps = {
    ...recordedPage,
    fields: [
        ...recordedPage.fields.map((field) => (field.id === 'slug' ? { ...field, validations: [{ unique: true }] } : field)),
        { id: 'translationKey', name: 'Translation key', type: 'Symbol', localized: false, required: false }
    ]
};
const aboutEn = entryOf(brands, '4NAH9GqPm2W4eYXXEa35mg'); // "About Us", locale en-US
const aboutEs = entryOf(brands, '7zMQ1dR1pzmjb6Wp37p0A0'); // "Sobre Nosotros", locale es
const objectLevel = (variants: Record<string, { id: string; fields: LocalizedFields }>, sharedFields: string[] = []) => ({
    localeField: 'locale',
    translationKeyField: 'translationKey',
    sharedFields,
    variants
});
const aboutGroup = objectLevel({ 'en-US': { id: aboutEn.sys.id, fields: aboutEn.fields }, es: { id: aboutEs.sys.id, fields: aboutEs.fields } });
const base = { now: NOW, newTranslationKey: 'tk-new', locales: enEs };

function copy(input: Partial<CopyPlanInput> & Pick<CopyPlanInput, 'scope' | 'locale' | 'contentType'>) {
    return planCopy({ ...base, ...input });
}

describe('copySuffix', () => {
    it('builds a slug-safe UTC timestamp', () => {
        expect(copySuffix(NOW)).toBe(SUFFIX);
        expect(copySuffix(NOW)).toMatch(/^[-A-Za-z0-9]+$/);
    });
});

describe('planCopy, field-level', () => {
    it('copies every enabled locale with all-locales, suffixing the display field and unique fields', () => {
        const plan = copy({ scope: 'all-locales', locale: 'en-US', contentType: brand, entry: { id: sandwiches.sys.id, fields: sandwiches.fields } });
        expect(plan.entries).toEqual([
            {
                fields: {
                    name: { 'en-US': `Darn Good Sandwiches${SUFFIX}`, es: `Malditamente Buenas Sándwiches${SUFFIX}` },
                    slug: { 'en-US': `darn-good-sandwiches${SUFFIX}` }
                }
            }
        ]);
        expect(plan.localesWritten).toEqual(['en-US', 'es']);
    });

    it('copies the current locale with its fallback locale\'s values and the non-localized fields', () => {
        const plan = copy({ scope: 'current-locale', locale: 'es', contentType: brand, entry: { id: sandwiches.sys.id, fields: sandwiches.fields } });
        expect(plan.entries[0]!.fields['name']).toEqual({ es: `Malditamente Buenas Sándwiches${SUFFIX}`, 'en-US': `Darn Good Sandwiches${SUFFIX}` });
        expect(plan.entries[0]!.fields['slug']).toEqual({ 'en-US': `darn-good-sandwiches${SUFFIX}` });
        expect(plan.localesWritten).toEqual(['es', 'en-US']);
    });

    it('copies only the default locale when it is the current locale', () => {
        const plan = copy({ scope: 'current-locale', locale: 'en-US', contentType: brand, entry: { id: sandwiches.sys.id, fields: sandwiches.fields } });
        expect(plan.entries[0]!.fields['name']).toEqual({ 'en-US': `Darn Good Sandwiches${SUFFIX}` });
        expect(plan.localesWritten).toEqual(['en-US']);
    });

    it('does not copy disabled or removed locales', () => {
        const site = fieldLevel();
        const pageType = contentTypeOf(site, 'page');
        const about = entryOf(site, '4NAH9GqPm2W4eYXXEa35mg');
        // "de" was removed from the space; "es" is disabled for the project.
        const fields = { ...about.fields, title: { ...about.fields['title'], de: 'Über uns' } };
        const plan = planCopy({ ...base, locales: localesOfExport(site, ['es']), scope: 'all-locales', locale: 'en-US', contentType: pageType, entry: { id: about.sys.id, fields } });
        expect(plan.entries[0]!.fields['title']).toEqual({ 'en-US': `About Us${SUFFIX}` });
        expect(plan.localesWritten).toEqual(['en-US']);
    });

    it('takes non-localized fields from the master only', () => {
        const site = fieldLevel();
        const about = entryOf(site, '4NAH9GqPm2W4eYXXEa35mg');
        const fields = { ...about.fields, slug: { 'en-US': '/about', es: '/sobre' } };
        const plan = copy({ scope: 'all-locales', locale: 'es', contentType: contentTypeOf(site, 'page'), entry: { id: about.sys.id, fields } });
        expect(plan.entries[0]!.fields['slug']).toEqual({ 'en-US': '/about' });
        expect(plan.entries[0]!.fields['sections']).toEqual(about.fields['sections']);
        expect(plan.entries[0]!.fields['sections']).not.toBe(about.fields['sections']);
    });

    it('follows a deeper recorded fallback chain (en-AU → en-GB → en-US), skipping locales without values', () => {
        const items = recording<{ items: { code: string; fallbackCode: string | null; default: boolean }[] }>('php-locales-3-fallback-chain-en-AU-en-GB-en-US.json').items;
        const locales = localeContext(items.sort((a, b) => Number(b.default) - Number(a.default)).map((item) => [item.code, item.fallbackCode]));
        const fields = { name: { 'en-US': 'Colour', 'en-AU': 'Colour (AU)', 'en-GB': 'Colour (GB)' }, slug: { 'en-US': 'colour' } };
        const plan = planCopy({ ...base, locales, scope: 'current-locale', locale: 'en-AU', contentType: brand, entry: { id: 'x', fields } });
        expect(plan.localesWritten).toEqual(['en-AU', 'en-GB', 'en-US']);
        const partial = planCopy({ ...base, locales, scope: 'current-locale', locale: 'en-AU', contentType: brand, entry: { id: 'x', fields: { name: { 'en-US': 'a', 'en-AU': 'b' } } } });
        expect(partial.localesWritten).toEqual(['en-AU', 'en-US']);
    });

    it('keeps suffixed Symbol values within Contentful\'s 256 characters and a size validation', () => {
        const long = 'x'.repeat(250);
        const plan = copy({ scope: 'all-locales', locale: 'en-US', contentType: brand, entry: { id: 'x', fields: { name: { 'en-US': long } } } });
        const name = plan.entries[0]!.fields['name']!['en-US'] as string;
        expect(name).toHaveLength(256);
        expect(name.endsWith(SUFFIX)).toBe(true);
        const sized: ContentTypeProps = { ...brand, fields: brand.fields.map((field) => (field.id === 'slug' ? { ...field, validations: [{ unique: true }, { size: { max: 30 } }] } : field)) };
        const slug = copy({ scope: 'all-locales', locale: 'en-US', contentType: sized, entry: { id: 'x', fields: { slug: { 'en-US': 'a-rather-long-slug-value' } } } }).entries[0]!.fields['slug']!['en-US'];
        expect(slug).toBe(`a-rather-long-${SUFFIX}`);
    });

    it('leaves empty and non-string unique values alone', () => {
        const plan = copy({ scope: 'all-locales', locale: 'en-US', contentType: brand, entry: { id: 'x', fields: { name: { 'en-US': '' }, slug: { 'en-US': null } } } });
        expect(plan.entries[0]!.fields).toEqual({ name: { 'en-US': '' }, slug: { 'en-US': null } });
    });
});

describe('planCopy, object-level', () => {
    it('copies every enabled variant into one new translation group', () => {
        const plan = copy({ scope: 'all-locales', locale: 'en-US', contentType: page, objectLevel: aboutGroup });
        expect(plan.localesWritten).toEqual(['en-US', 'es']);
        expect(plan.entries.map((entry) => entry.locale)).toEqual(['en-US', 'es']);
        const [en, es] = plan.entries;
        expect(en!.fields).toMatchObject({ title: { 'en-US': `About Us${SUFFIX}` }, slug: { 'en-US': `/about${SUFFIX}` }, locale: { 'en-US': 'en-US' }, translationKey: { 'en-US': 'tk-new' } });
        expect(es!.fields).toMatchObject({ title: { 'en-US': `Sobre Nosotros${SUFFIX}` }, slug: { 'en-US': `/about${SUFFIX}` }, locale: { 'en-US': 'es' }, translationKey: { 'en-US': 'tk-new' } });
        expect(es!.fields['sections']).toEqual(aboutEs.fields['sections']);
    });

    it('takes shared fields from the master variant', () => {
        const otherBrand = { 'en-US': { sys: { type: 'Link', linkType: 'Entry', id: 'ASyaOAY1WmYfklCnRd01V' } } };
        const group = objectLevel(
            { 'en-US': { id: aboutEn.sys.id, fields: aboutEn.fields }, es: { id: aboutEs.sys.id, fields: { ...aboutEs.fields, brand: otherBrand } } },
            ['brand']
        );
        const plan = copy({ scope: 'all-locales', locale: 'en-US', contentType: page, objectLevel: group });
        expect(plan.entries[1]!.fields['brand']).toEqual(aboutEn.fields['brand']);
    });

    it('copies the current locale\'s variant and its fallback variant', () => {
        const plan = copy({ scope: 'current-locale', locale: 'es', contentType: page, objectLevel: aboutGroup });
        expect(plan.entries.map((entry) => entry.locale)).toEqual(['es', 'en-US']);
        expect(copy({ scope: 'current-locale', locale: 'en-US', contentType: page, objectLevel: aboutGroup }).localesWritten).toEqual(['en-US']);
    });

    it('copies the nearest existing variants up the chain (fr-CA → fr → en-US, no fr variant)', () => {
        const group = objectLevel({ 'fr-CA': { id: 'p-ca', fields: { title: { 'en-US': 'Accueil' } } }, 'en-US': { id: 'p-en', fields: { title: { 'en-US': 'Home' } } }, de: { id: 'p-de', fields: {} } });
        const plan = planCopy({ ...base, locales: EUROPE, scope: 'current-locale', locale: 'fr-CA', contentType: page, objectLevel: group });
        expect(plan.entries.map((entry) => [entry.locale, entry.fields['title']])).toEqual([
            ['fr-CA', { 'en-US': `Accueil${SUFFIX}` }],
            ['en-US', { 'en-US': `Home${SUFFIX}` }]
        ]);
    });

    it('does not copy variants of disabled locales', () => {
        const plan = planCopy({ ...base, locales: localesOfExport(brands, ['es']), scope: 'all-locales', locale: 'en-US', contentType: page, objectLevel: aboutGroup });
        expect(plan.localesWritten).toEqual(['en-US']);
    });

    it('drops fields the content type does not have', () => {
        const group = objectLevel({ 'en-US': { id: 'a', fields: { title: { 'en-US': 'Home' }, legacyField: { 'en-US': 'x' } } } });
        expect(Object.keys(copy({ scope: 'all-locales', locale: 'en-US', contentType: page, objectLevel: group }).entries[0]!.fields).sort()).toEqual(['locale', 'title', 'translationKey']);
    });
});

describe('planCopy refusals', () => {
    it('refuses a locale that is not enabled', () => {
        expect(() => copy({ scope: 'current-locale', locale: 'fr', contentType: page, objectLevel: aboutGroup })).toThrow(
            new LocalizationError('Cannot copy Page (page) in locale "fr": it is not an enabled locale (enabled: en-US, es)')
        );
    });

    it('refuses when there is no variant to copy', () => {
        const group = objectLevel({ de: { id: 'p-de', fields: {} } });
        expect(() => planCopy({ ...base, locales: EUROPE, scope: 'current-locale', locale: 'fr', contentType: page, objectLevel: group })).toThrow(
            'Cannot copy Page (page): the translation group of "p-de" (de) has no variant in fr or its fallback locales (fr, en-US)'
        );
    });

    it('refuses without an entry or a group', () => {
        expect(() => copy({ scope: 'all-locales', locale: 'en-US', contentType: brand })).toThrow(LocalizationError);
    });
});
