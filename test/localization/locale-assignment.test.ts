import type { EntryProps } from 'contentful-management';
import _ from 'lodash';
import { describe, expect, it } from 'vitest';
import { createLocaleAssigner, readNonLocalizedValue } from '../../src/localization/locale-assignment.js';
import { resolveLocaleContext } from '../../src/localization/locales.js';
import type { Diagnostic } from '../../src/localization/types.js';
import { europeanContext, loadRecording } from './locale-test-data.js';

/** The stackbit-examples multi-brand export: object-level pages/heroes/buttons with a `locale` Symbol. */
const multiBrand = loadRecording<{ entries: EntryProps[]; locales: unknown[] }>('export-stackbit-i18n-multi-brand-en-US-es.json');
const multiBrandLocales = resolveLocaleContext({ spaceLocales: multiBrand.locales }).context;
const objectLevelModels = ['page', 'hero', 'button', 'stats', 'statItem'];

function entryWithFields(id: string, contentType: string, fields: Record<string, Record<string, unknown>>): EntryProps {
    const entry = _.cloneDeep(multiBrand.entries[0]);
    entry.sys.id = id;
    entry.sys.contentType.sys.id = contentType;
    entry.fields = fields;
    return entry;
}

describe('createLocaleAssigner on the recorded multi-brand space', () => {
    it('assigns every object-level entry the locale in its `locale` field, and nothing to field-level entries', () => {
        const assigner = createLocaleAssigner({ models: objectLevelModels, localeField: 'locale', locales: multiBrandLocales });
        const assigned = Object.fromEntries(multiBrand.entries.map((entry) => [entry.sys.id, assigner.assign(entry)]));
        expect(assigned['55HHBBeeWjyRcSAhz5gUJH']).toBe('es'); // "Página Principal"
        expect(assigned['4pQBscyvi608EAd3KNoxt9']).toBe('en-US'); // "Home Page"
        expect(assigned['2h0tOttrNNwHQfNkIoKMox']).toBeUndefined(); // a brand: field-level
        const counts = multiBrand.entries.reduce<Record<string, number>>((acc, entry) => {
            const locale = assigner.assign(entry) ?? 'none';
            acc[locale] = (acc[locale] ?? 0) + 1;
            return acc;
        }, {});
        expect(counts).toEqual({ 'en-US': 12, es: 8, none: 4 });
        expect(assigner.diagnostics()).toEqual([]);
        expect(assigner.isObjectLevel('page')).toBe(true);
        expect(assigner.isObjectLevel('brand')).toBe(false);
    });

    it('assigns the default locale to a page whose locale is missing, and reports it once', () => {
        const reported: Diagnostic[] = [];
        const assigner = createLocaleAssigner({
            models: objectLevelModels,
            localeField: 'locale',
            locales: multiBrandLocales,
            onDiagnostic: (d) => reported.push(d)
        });
        const page = _.cloneDeep(multiBrand.entries.find((e) => e.sys.id === '39lP07vh2LgqDGN3SEf5w3')!);
        delete page.fields.locale;
        expect(assigner.assign(page)).toBe('en-US');
        expect(assigner.assign(page)).toBe('en-US');
        expect(reported).toHaveLength(1);
        expect(assigner.diagnostics()).toEqual([
            {
                kind: 'locale-missing',
                documentId: '39lP07vh2LgqDGN3SEf5w3',
                field: 'locale',
                message:
                    'Document "39lP07vh2LgqDGN3SEf5w3" (content type "page") has no locale in field "locale"; it is shown in the default locale "en-US". Set it to one of: "en-US", "es".'
            }
        ]);
    });

    it('clears the diagnostic once the document is fixed, and reports a new problem on the same document again', () => {
        const reported: Diagnostic[] = [];
        const assigner = createLocaleAssigner({ models: ['page'], localeField: 'locale', locales: multiBrandLocales, onDiagnostic: (d) => reported.push(d) });
        const page = entryWithFields('p1', 'page', { title: { 'en-US': 'Hi' } });
        assigner.assign(page);
        page.fields.locale = { 'en-US': 'es' };
        expect(assigner.assign(page)).toBe('es');
        expect(assigner.diagnostics()).toEqual([]);
        page.fields.locale = { 'en-US': 'pt' };
        expect(assigner.assign(page)).toBe('en-US');
        expect(reported.map((d) => d.kind)).toEqual(['locale-missing', 'locale-not-enabled']);
        assigner.forget('p1');
        expect(assigner.diagnostics()).toEqual([]);
    });
});

describe('createLocaleAssigner with bad data', () => {
    const locales = europeanContext(['en-US', 'fr', 'de']);
    const assigner = () => createLocaleAssigner({ models: ['page'], localeField: 'locale', locales });

    it('reports a locale the project has not enabled, and hints at the `locales` option when the space has it', () => {
        const a = assigner();
        expect(a.assign(entryWithFields('it-page', 'page', { locale: { 'en-US': 'it' } }))).toBe('en-US');
        expect(a.assign(entryWithFields('pt-page', 'page', { locale: { 'en-US': 'pt-BR' } }))).toBe('en-US');
        const [italian, portuguese] = a.diagnostics();
        expect(italian).toMatchObject({ kind: 'locale-not-enabled', documentId: 'it-page', locale: 'it', field: 'locale' });
        expect(italian.message).toContain('add it to the `locales` option');
        expect(portuguese.message).toContain('has locale "pt-BR" in field "locale", which is not an enabled locale');
        expect(portuguese.message).toContain('Enabled locales: "en-US", "fr", "de"');
    });

    it('reads the value under another locale key when the locale field was localized by mistake', () => {
        expect(assigner().assign(entryWithFields('x', 'page', { locale: { fr: 'de' } }))).toBe('de');
        expect(assigner().assign(entryWithFields('x', 'page', { locale: { 'en-US': 'fr', de: 'de' } }))).toBe('fr');
    });

    it('treats non-string, empty and blank values as missing, trimming surrounding spaces', () => {
        const a = assigner();
        expect(a.assign(entryWithFields('n', 'page', { locale: { 'en-US': 42 } }))).toBe('en-US');
        expect(a.assign(entryWithFields('b', 'page', { locale: { 'en-US': '   ' } }))).toBe('en-US');
        expect(a.assign(entryWithFields('t', 'page', { locale: { 'en-US': ' fr ' } }))).toBe('fr');
        expect(a.diagnostics().map((d) => [d.documentId, d.kind])).toEqual([
            ['n', 'locale-missing'],
            ['b', 'locale-missing']
        ]);
        expect(a.diagnostics()[0].message).toContain('(got 42)');
    });

    it('survives an entry without fields', () => {
        const entry = entryWithFields('empty', 'page', {});
        (entry as { fields?: unknown }).fields = undefined;
        expect(assigner().assign(entry)).toBe('en-US');
    });

    it('uses getDocumentLocale when given, and reports it when it throws or returns garbage', () => {
        const a = createLocaleAssigner({
            models: ['page'],
            localeField: 'locale',
            locales,
            getDocumentLocale: (entry) => {
                const slug = entry.fields.slug?.['en-US'];
                if (slug === 'boom') {
                    throw new Error('slug has no locale prefix');
                }
                return typeof slug === 'string' ? slug.split('/')[1] : undefined;
            }
        });
        expect(a.assign(entryWithFields('fr', 'page', { slug: { 'en-US': '/fr/about' }, locale: { 'en-US': 'de' } }))).toBe('fr');
        expect(a.assign(entryWithFields('boom', 'page', { slug: { 'en-US': 'boom' } }))).toBe('en-US');
        expect(a.assign(entryWithFields('none', 'page', {}))).toBe('en-US');
        expect(a.diagnostics()).toEqual([
            expect.objectContaining({
                kind: 'locale-missing',
                documentId: 'boom',
                message: 'objectLevel.getDocumentLocale threw for document "boom" (content type "page"): slug has no locale prefix. The document is shown in the default locale "en-US".'
            }),
            expect.objectContaining({ kind: 'locale-missing', documentId: 'none', message: expect.stringContaining('objectLevel.getDocumentLocale') })
        ]);
    });
});

describe('readNonLocalizedValue', () => {
    it('prefers the default locale, skips nulls, and returns undefined for absent fields', () => {
        expect(readNonLocalizedValue({ k: { fr: 'a', 'en-US': 'b' } }, 'k', 'en-US')).toBe('b');
        expect(readNonLocalizedValue({ k: { 'en-US': null, fr: 'a' } }, 'k', 'en-US')).toBe('a');
        expect(readNonLocalizedValue({ k: { 'en-US': null } }, 'k', 'en-US')).toBeUndefined();
        expect(readNonLocalizedValue({}, 'k', 'en-US')).toBeUndefined();
        expect(readNonLocalizedValue(undefined, 'k', 'en-US')).toBeUndefined();
    });
});
