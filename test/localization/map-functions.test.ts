import type { DocumentWithSource, ModelWithSource, StackbitConfig } from '@stackbit/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { resolveLocaleContext } from '../../src/localization/locales.js';
import { createMapDocuments, createMapModels } from '../../src/localization/map-functions.js';
import type { Diagnostic } from '../../src/localization/types.js';
import { documentFromEntry, loadRecording } from './locale-test-data.js';

type ExportEntry = Parameters<typeof documentFromEntry>[0];
const multiBrand = loadRecording<{ entries: ExportEntry[]; locales: unknown[] }>('export-stackbit-i18n-multi-brand-en-US-es.json');
const locales = resolveLocaleContext({ spaceLocales: multiBrand.locales }).context;
const localizedFields = ['name', 'footerText'];
/** The export's entries as the official content source returns them: no `locale` set. */
const documents = multiBrand.entries.map((entry) => documentFromEntry(entry, { localizedFields, defaultLocale: 'en-US' }));
const objectLevelModels = ['page', 'hero', 'button', 'stats', 'statItem'];

function model(name: string, extra: Partial<ModelWithSource> = {}): ModelWithSource {
    return { type: 'data', name, fields: [], srcType: 'contentful', srcProjectId: 'space1', ...extra } as ModelWithSource;
}

describe('createMapModels', () => {
    it('has the exact signature of StackbitConfig.mapModels', () => {
        expectTypeOf(createMapModels({ objectLevelModels })).toEqualTypeOf<NonNullable<StackbitConfig['mapModels']>>();
    });

    it('marks only the object-level models localized, without mutating the input', () => {
        const input = [model('page'), model('brand'), model('hero', { srcType: 'git' }), { ...model('button'), type: 'object' } as ModelWithSource];
        const output = createMapModels({ objectLevelModels, srcType: 'contentful' })({ models: input });
        expect(output.map((m) => [m.name, 'localized' in m ? m.localized : undefined])).toEqual([
            ['page', true],
            ['brand', undefined],
            ['hero', undefined],
            ['button', undefined]
        ]);
        expect('localized' in input[0]).toBe(false);
        expect(output[1]).toBe(input[1]);
    });
});

describe('createMapDocuments', () => {
    it('has the exact signature of StackbitConfig.mapDocuments', () => {
        expectTypeOf(createMapDocuments({ objectLevelModels, localeField: 'locale' })).toEqualTypeOf<NonNullable<StackbitConfig['mapDocuments']>>();
    });

    it('sets the locale of every object-level document of the recorded multi-brand space', () => {
        const mapped = createMapDocuments({ objectLevelModels, localeField: 'locale', locales })({ documents, models: [] });
        const byId = Object.fromEntries(mapped.map((d) => [d.id, d]));
        expect(byId['55HHBBeeWjyRcSAhz5gUJH'].locale).toBe('es');
        expect(byId['4pQBscyvi608EAd3KNoxt9'].locale).toBe('en-US');
        expect(byId['2h0tOttrNNwHQfNkIoKMox'].locale).toBeUndefined(); // brand: field-level
        expect(byId['2h0tOttrNNwHQfNkIoKMox']).toBe(documents.find((d) => d.id === '2h0tOttrNNwHQfNkIoKMox'));
        expect(mapped.filter((d) => d.locale === 'es')).toHaveLength(8);
        expect(documents.every((d) => d.locale === undefined)).toBe(true);
    });

    it('assigns the default locale to missing or non-enabled locales when it knows the locales, and reports each once', () => {
        const reported: Diagnostic[] = [];
        const map = createMapDocuments({
            objectLevelModels,
            localeField: 'locale',
            locales: { defaultLocale: 'en-US', enabled: ['en-US', 'es'] },
            onDiagnostic: (d) => reported.push(d)
        });
        const base = documents.find((d) => d.id === '55HHBBeeWjyRcSAhz5gUJH')!;
        const noLocale: DocumentWithSource = { ...base, id: 'no-locale', fields: { title: base.fields.title } };
        const german: DocumentWithSource = { ...base, id: 'german', fields: { ...base.fields, locale: { type: 'string', value: 'de' } } };
        const first = map({ documents: [noLocale, german], models: [] });
        map({ documents: [noLocale, german], models: [] });
        expect(first.map((d) => d.locale)).toEqual(['en-US', 'en-US']);
        expect(reported.map((d) => [d.documentId, d.kind])).toEqual([
            ['no-locale', 'locale-missing'],
            ['german', 'locale-not-enabled']
        ]);
        expect(reported[1].message).toContain('has locale "de", which is not an enabled locale ("en-US", "es")');
    });

    it('without locales, uses the value as it is and leaves an empty field without locale', () => {
        const map = createMapDocuments({ objectLevelModels: ['page'], localeField: 'locale' });
        const base = documents.find((d) => d.id === '55HHBBeeWjyRcSAhz5gUJH')!;
        const german: DocumentWithSource = { ...base, fields: { ...base.fields, locale: { type: 'string', value: 'de' } } };
        const empty: DocumentWithSource = { ...base, fields: { ...base.fields, locale: { type: 'string', value: '' } } };
        expect(map({ documents: [german, empty], models: [] }).map((d) => d.locale)).toEqual(['de', undefined]);
    });

    it('reads a locale field that was localized by mistake, preferring the default locale', () => {
        const map = createMapDocuments({ objectLevelModels: ['page'], localeField: 'locale', locales });
        const base = documents.find((d) => d.id === '55HHBBeeWjyRcSAhz5gUJH')!;
        const localized: DocumentWithSource = {
            ...base,
            fields: { locale: { type: 'string', localized: true, locales: { es: { locale: 'es', value: 'es' }, 'en-US': { locale: 'en-US', value: 'en-US' } } } }
        };
        const onlySpanish: DocumentWithSource = { ...base, fields: { locale: { type: 'string', localized: true, locales: { es: { locale: 'es', value: 'es' } } } } };
        expect(map({ documents: [localized, onlySpanish], models: [] }).map((d) => d.locale)).toEqual(['en-US', 'es']);
    });

    it('leaves documents of another content source alone', () => {
        const map = createMapDocuments({ objectLevelModels: ['page'], localeField: 'locale', locales, srcProjectId: 'other-space' });
        const page = documents.find((d) => d.id === '55HHBBeeWjyRcSAhz5gUJH')!;
        expect(map({ documents: [page], models: [] })[0].locale).toBeUndefined();
    });
});
