import type { Document, DocumentFieldLocalized } from '@stackbit/types';
import { describe, expect, it } from 'vitest';
import { localizationStatus, resolveDocumentFields, resolveLocalizedValue, resolveVariant } from '../../src/localization/inheritance.js';
import { fallbackChain, resolveLocaleContext } from '../../src/localization/locales.js';
import type { ModelLocalization } from '../../src/localization/types.js';
import { documentFromEntry, englishChainContext, europeanContext, loadRecordedItems, loadRecording } from './locale-test-data.js';

type RecordedEntry = Parameters<typeof documentFromEntry>[0];

/** Java recordings: locales bar → foo → en-US, en-UK → en-US; `deleteme` has localized `name`, `link`, `localized`. */
const javaLocales = resolveLocaleContext({ spaceLocales: loadRecordedItems('java-locales-8-with-fallback-chains.json') }).context;
const javaEntries = loadRecordedItems('java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json') as RecordedEntry[];
const deletemeModel: ModelLocalization = {
    modelName: 'deleteme',
    objectLevel: false,
    localizedFields: ['name', 'link', 'localized'],
    nonLocalizedFields: ['media', 'fields', 'sys', 'date', 'location', 'slug', 'links', 'otherlinks', 'json'],
    sharedFields: []
};
function javaDocument(id: string): Document {
    return documentFromEntry(javaEntries.find((e) => e.sys.id === id)!, { localizedFields: deletemeModel.localizedFields, defaultLocale: 'en-US' });
}

/** The stackbit-examples field-level export: en-US and es → en-US; `page.title` localized, `slug` not. */
const fieldLevelExport = loadRecording<{ entries: RecordedEntry[]; locales: unknown[] }>('export-stackbit-i18n-field-level-en-US-es.json');
const exportLocales = resolveLocaleContext({ spaceLocales: fieldLevelExport.locales }).context;

function titleField(locales: Record<string, string | null>): DocumentFieldLocalized {
    return {
        type: 'string',
        localized: true,
        locales: Object.fromEntries(Object.entries(locales).map(([locale, value]) => [locale, { locale, value: value as string }]))
    };
}

describe('resolveLocalizedValue', () => {
    it('returns the locale\'s own value first', () => {
        expect(resolveLocalizedValue(titleField({ 'en-US': 'Hello', 'en-AU': "G'day" }), 'en-AU', ['en-GB', 'en-US'])).toEqual({
            props: { locale: 'en-AU', value: "G'day" },
            from: 'en-AU'
        });
    });

    it('walks the chain to the nearest locale that has a value', () => {
        const field = titleField({ 'en-US': 'Color', 'en-GB': 'Colour' });
        expect(resolveLocalizedValue(field, 'en-AU', ['en-GB', 'en-US'])?.from).toBe('en-GB');
        expect(resolveLocalizedValue(titleField({ 'en-US': 'Color' }), 'en-AU', ['en-GB', 'en-US'])?.props).toEqual({ locale: 'en-US', value: 'Color' });
    });

    it('skips explicit nulls but treats an empty string as a value, as Contentful does', () => {
        expect(resolveLocalizedValue(titleField({ 'en-US': 'Color', 'en-GB': null }), 'en-GB', ['en-US'])?.from).toBe('en-US');
        expect(resolveLocalizedValue(titleField({ 'en-US': 'Color', 'en-GB': '' }), 'en-GB', ['en-US'])).toEqual({
            props: { locale: 'en-GB', value: '' },
            from: 'en-GB'
        });
    });

    it('returns undefined when nothing in the chain has a value (no implicit default locale)', () => {
        expect(resolveLocalizedValue(titleField({ 'en-US': 'Color' }), 'it', [])).toBeUndefined();
    });

    it('resolves reference fields, which carry refId instead of value', () => {
        const link: DocumentFieldLocalized = { type: 'reference', refType: 'document', localized: true, locales: { 'en-US': { locale: 'en-US', refId: 'abc' } } };
        expect(resolveLocalizedValue(link, 'fr', ['en-US'])).toEqual({ props: { locale: 'en-US', refId: 'abc' }, from: 'en-US' });
    });
});

describe('resolveDocumentFields', () => {
    it('shows the recorded Spanish home page with its own title and the shared slug', () => {
        const entry = fieldLevelExport.entries.find((e) => e.sys.id === '4pQBscyvi608EAd3KNoxt9')!;
        const page = documentFromEntry(entry, { localizedFields: ['title'], defaultLocale: 'en-US' });
        const spanish = resolveDocumentFields(page, 'es', exportLocales);
        expect(spanish.fields.title).toEqual({ type: 'string', value: entry.fields.title.es });
        expect(spanish.fields.slug).toEqual({ type: 'string', value: '/' });
        expect(spanish.from).toMatchObject({ title: 'es', slug: 'en-US' });
    });

    it('fills a blank locale from its fallback chain and leaves out fields nothing in the chain has', () => {
        const document = javaDocument('7AG20lXrTaccGGwOSCQe2I'); // name: en-US + en-UK; json: en-US only (not localized)
        const bar = resolveDocumentFields(document, 'bar', javaLocales);
        expect(bar.fields.name).toEqual({ type: 'string', value: 'json' });
        expect(bar.from.name).toBe('en-US');
        const noChain = resolveDocumentFields(document, 'it', europeanContext());
        expect(noChain.fields.name).toBeUndefined();
        expect(noChain.fields.json).toBeDefined();
    });
});

describe('resolveVariant', () => {
    const chain = fallbackChain(europeanContext(), 'fr-CA');

    it('picks the locale\'s own variant, else the nearest chain locale\'s', () => {
        expect(resolveVariant({ 'en-US': 'a', fr: 'b', 'fr-CA': 'c' }, 'fr-CA', chain)).toEqual({ documentId: 'c', from: 'fr-CA' });
        expect(resolveVariant({ 'en-US': 'a', fr: 'b' }, 'fr-CA', chain)).toEqual({ documentId: 'b', from: 'fr' });
        expect(resolveVariant({ 'en-US': 'a' }, 'fr-CA', chain)).toEqual({ documentId: 'a', from: 'en-US' });
        expect(resolveVariant({ de: 'd' }, 'fr-CA', chain)).toBeUndefined();
    });
});

describe('localizationStatus, field-level', () => {
    it('reports the recorded 4-locale entry: own values, and bar/foo inheriting from en-US', () => {
        const statuses = localizationStatus({ document: javaDocument('3OeiIue2l2ouss8OUIaEgu'), model: deletemeModel, locales: javaLocales });
        expect(statuses.map((s) => [s.locale, s.state, s.from])).toEqual([
            ['en-US', 'localized', undefined],
            ['en-UK', 'localized', undefined],
            ['T123', 'localized', undefined],
            ['kt4', 'localized', undefined],
            ['foo', 'inherited', 'en-US'],
            ['bar', 'inherited', 'en-US']
        ]);
        expect(statuses[5].fields).toEqual({ name: 'inherited', link: 'missing', localized: 'missing' });
        expect(statuses[1].fields).toEqual({ name: 'own', link: 'missing', localized: 'missing' });
    });

    it('names the nearest chain locale with values as the source', () => {
        const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), fields: { name: titleField({ 'en-US': 'US', foo: 'Foo' }) } };
        const bar = localizationStatus({ document, model: deletemeModel, locales: javaLocales }).find((s) => s.locale === 'bar');
        expect(bar).toMatchObject({ state: 'inherited', from: 'foo' });
    });

    it('marks a locale without a chain as missing, and the default locale localized from non-localized values alone', () => {
        const locales = europeanContext();
        const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), fields: { json: { type: 'json', value: { a: 1 } } } };
        const statuses = localizationStatus({ document, model: deletemeModel, locales });
        expect(statuses.map((s) => [s.locale, s.state])).toEqual([
            ['en-US', 'localized'],
            ['fr', 'missing'],
            ['fr-CA', 'missing'],
            ['de', 'missing'],
            ['it', 'missing']
        ]);
    });

    it('lets every locale inherit from the default locale when the model has no localized fields', () => {
        const model: ModelLocalization = { ...deletemeModel, localizedFields: [], nonLocalizedFields: ['json'] };
        const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), fields: { json: { type: 'json', value: { a: 1 } } } };
        const statuses = localizationStatus({ document, model, locales: englishChainContext() });
        expect(statuses.map((s) => [s.locale, s.state, s.from])).toEqual([
            ['en-US', 'localized', undefined],
            ['en-GB', 'inherited', 'en-US'],
            ['en-AU', 'inherited', 'en-US']
        ]);
    });

    it('reports a document with no values at all as missing everywhere, the default locale included', () => {
        const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), fields: {} };
        expect(localizationStatus({ document, model: deletemeModel, locales: englishChainContext() }).every((s) => s.state === 'missing')).toBe(true);
    });

    it('adds Contentful\'s per-locale publishing status when given (recorded fieldStatus)', () => {
        const recorded = loadRecording<{ sys: { fieldStatus: { '*': Record<string, 'draft' | 'changed' | 'published'> } } }>('rb-entry-modern-fieldStatus-concepts.json');
        const statuses = localizationStatus({
            document: javaDocument('3OeiIue2l2ouss8OUIaEgu'),
            model: deletemeModel,
            locales: javaLocales,
            fieldStatus: { ...recorded.sys.fieldStatus['*'], 'en-UK': 'changed', bar: 'draft' }
        });
        expect(statuses.map((s) => [s.locale, s.publishing])).toEqual([
            ['en-US', 'published'],
            ['en-UK', 'changed'],
            ['T123', undefined],
            ['kt4', undefined],
            ['foo', undefined],
            ['bar', 'draft']
        ]);
        expect(localizationStatus({ document: javaDocument('3OeiIue2l2ouss8OUIaEgu'), model: deletemeModel, locales: javaLocales })[0]).not.toHaveProperty('publishing');
    });

    it('counts a value stored in non-localized shape as the default locale\'s', () => {
        const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), fields: { name: { type: 'string', value: 'plain' } } };
        const statuses = localizationStatus({ document, model: deletemeModel, locales: englishChainContext() });
        expect(statuses[2]).toMatchObject({ locale: 'en-AU', state: 'inherited', from: 'en-US', fields: { name: 'inherited' } });
    });
});

describe('localizationStatus, object-level', () => {
    const model: ModelLocalization = { modelName: 'page', objectLevel: true, localizedFields: [], nonLocalizedFields: ['title'], sharedFields: [] };
    const document: Document = { ...javaDocument('3OeiIue2l2ouss8OUIaEgu'), id: 'fr-page', modelName: 'page', locale: 'fr' };

    it('uses the translation group: own variant, nearest chain variant, or missing', () => {
        const statuses = localizationStatus({
            document,
            model,
            locales: europeanContext(),
            variants: { 'en-US': 'en-page', fr: 'fr-page' },
            fieldStatus: { fr: 'changed', 'en-US': 'published' }
        });
        expect(statuses).toEqual([
            { locale: 'en-US', state: 'localized', publishing: 'published' },
            { locale: 'fr', state: 'localized', publishing: 'changed' },
            { locale: 'fr-CA', state: 'inherited', from: 'fr' },
            { locale: 'de', state: 'inherited', from: 'en-US' },
            { locale: 'it', state: 'missing' }
        ]);
    });

    it('treats a document without a group as the only variant', () => {
        const statuses = localizationStatus({ document, model, locales: europeanContext(['en-US', 'fr', 'de']) });
        expect(statuses.map((s) => s.state)).toEqual(['missing', 'localized', 'missing']);
    });
});
