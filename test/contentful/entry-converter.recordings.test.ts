/**
 * Every recorded entry collection goes through the entry converter: no crash, and no value whose
 * locale the space has is dropped (count values in → values out, and check each one).
 */
import { describe, expect, it } from 'vitest';
import type { DocumentField, Model } from '@stackbit/types';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import { createEntryConverter } from '../../src/contentful/entry-converter.js';
import type { ContentTypeProps, EditorInterfaceProps, EntryProps, LocaleProps, ModelContext } from '../../src/contentful/types.js';
import type { LocaleContext } from '../../src/localization/types.js';
import { diagnosticsCollector, exportFile, localeContext, localeContextFromLocales, recordedItems, recording, type LocaleLike } from './helpers.js';

interface Case {
    name: string;
    entries: EntryProps[];
    contentTypes: ContentTypeProps[];
    editorInterfaces?: EditorInterfaceProps[];
    locales: LocaleContext;
}

const javaLocales = recordedItems<LocaleProps>('java-locales-8-with-fallback-chains.json');
const phpLocales = recordedItems<LocaleProps>('php-locales-3-fallback-chain-en-AU-en-GB-en-US.json');
const rb2014Locales = recordedItems<LocaleLike>('rb-locales-legacy-2014-no-fallback.json');
const allCodes = (locales: LocaleLike[]) => locales.map((locale) => locale.code);

function exportCase(name: string): Case {
    const file = exportFile(name);
    return { name, entries: file.entries, contentTypes: file.contentTypes, editorInterfaces: file.editorInterfaces, locales: localeContextFromLocales(file.locales) };
}

const cases: Case[] = [
    {
        name: 'java multi-locale entries',
        entries: recordedItems('java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json'),
        contentTypes: recordedItems('java-content-types-collection.json'),
        // Every space locale enabled, including the two the CMA does not serve, so every value counts.
        locales: localeContextFromLocales(javaLocales, allCodes(javaLocales))
    },
    { name: 'java rich-text entries (content type not recorded)', entries: recordedItems('java-entries-collection-rich-text.json'), contentTypes: [], locales: localeContext(['en-US']) },
    {
        name: 'php entries',
        entries: [
            ...recordedItems<EntryProps>('php-entries-collection-draft-published-archived.json'),
            recording<EntryProps>('php-entry-archived.json'),
            recording<EntryProps>('php-entry-published.json'),
            recording<EntryProps>('php-entry-rich-text.json')
        ],
        contentTypes: recordedItems('php-content-types-collection.json'),
        locales: localeContextFromLocales(phpLocales)
    },
    {
        name: 'rb entries of space yr5m0jky5hsh (2014 locales)',
        entries: [...recordedItems<EntryProps>('rb-entries-collection-archived-draft-link-arrays.json'), recording<EntryProps>('rb-entry-archived.json'), recording<EntryProps>('rb-entry-modern-fieldStatus-concepts.json')],
        contentTypes: [],
        locales: localeContextFromLocales(rb2014Locales)
    },
    {
        name: 'rb entries of space bfsvtul0c41g (en-US, de-DE, pl-PL)',
        entries: [
            ...recordedItems<EntryProps>('rb-entries-collection-de-DE-en-US-pl-PL.json'),
            ...recordedItems<EntryProps>('rb-entries-collection-de-DE-asset-link.json'),
            recording<EntryProps>('rb-entry-created-de-DE-en-US-pl-PL.json')
        ],
        contentTypes: [],
        locales: localeContext(['en-US', 'de-DE', 'pl-PL'])
    },
    {
        name: 'rb localized entry with its content type',
        entries: [recording('rb-entry-multi-locale-de-DE-en-US.json')],
        contentTypes: recordedItems('rb-content-types-localized-de-DE-en-US.json'),
        locales: localeContext(['en-US', 'de-DE'])
    },
    {
        name: 'rb non-localized values stored outside the default locale',
        entries: [recording('rb-entry-nonlocalized-under-de-DE-es-only.json'), recording('rb-entry-nonlocalized-under-de-DE-es-en-US-de-DE.json')],
        contentTypes: recordedItems('rb-content-types-localized-and-nonlocalized.json'),
        locales: localeContext(['en-US', 'es', 'de-DE'])
    },
    { name: 'rb entry without en-US (content type not recorded)', entries: [recording('rb-entry-default-en-GB-null-es-ES.json')], contentTypes: [], locales: localeContext(['en-US', 'en-GB', 'es-ES']) },
    { name: 'py multi-locale entry', entries: [recording('py-entry-multi-locale-en-US-es-AR.json')], contentTypes: [recording('py-content-type-localized-field.json')], locales: localeContext(['en-US', 'es-AR']) },
    exportCase('export-stackbit-i18n-field-level-en-US-es.json'),
    exportCase('export-stackbit-i18n-multi-brand-en-US-es.json')
];

/** What one converted value carries, to compare with the raw Contentful value. */
function expectSameValue(converted: Record<string, unknown>, raw: unknown, where: string): void {
    if ('refId' in converted) {
        const sys = (raw as { sys: { id?: string; urn?: string } }).sys;
        expect(sys.id ?? sys.urn?.split('/').pop(), where).toBe(converted.refId);
    } else if ('items' in converted) {
        expect((converted.items as unknown[]).length, where).toBe((raw as unknown[]).filter((item) => item !== null && item !== undefined).length);
    } else {
        expect(converted.value, where).toEqual(raw);
    }
}

function localeProps(field: DocumentField | undefined, locale: string): Record<string, unknown> | undefined {
    return field && 'locales' in field && field.localized ? (field.locales as Record<string, Record<string, unknown>>)[locale] : undefined;
}

describe.each(cases)('recorded entries: $name', (testCase) => {
    const models: Model<ModelContext>[] = convertSchema({ contentTypes: testCase.contentTypes, editorInterfaces: testCase.editorInterfaces ?? [], defaultLocale: testCase.locales.defaultLocale });
    const modelsByName = new Map(models.map((model) => [model.name, model]));
    const collector = diagnosticsCollector();
    const convert = createEntryConverter({ spaceId: 'space', environment: 'master', managementAppUrl: 'https://app.contentful.com', locales: testCase.locales, models, report: collector.report });
    const documents = testCase.entries.map((entry) => convert(entry));

    it('converts every entry into a document of its content type', () => {
        expect(documents).toHaveLength(testCase.entries.length);
        documents.forEach((document, index) => {
            const entry = testCase.entries[index]!;
            expect(document).toMatchObject({ type: 'document', id: entry.sys.id, modelName: entry.sys.contentType.sys.id });
        });
    });

    it('keeps every value whose locale the space has (count in = count out)', () => {
        const spaceLocales = new Set(testCase.locales.locales.map((locale) => locale.code));
        let valuesIn = 0;
        let valuesOut = 0;
        let unknownFieldValues = 0;
        testCase.entries.forEach((entry, index) => {
            const document = documents[index]!;
            const model = modelsByName.get(entry.sys.contentType.sys.id);
            for (const [fieldId, values] of Object.entries(entry.fields as Record<string, Record<string, unknown>>)) {
                const modelField = model?.fields?.find((field) => field.name === fieldId);
                const docField = document.fields[fieldId];
                const where = `${entry.sys.id}.${fieldId}`;
                const present = Object.entries(values).filter(([code, value]) => spaceLocales.has(code) && value !== null && value !== undefined);
                valuesIn += present.length;
                if (model && !modelField) {
                    unknownFieldValues += present.length;
                    expect(docField, where).toBeUndefined();
                    expect(collector.diagnostics.some((d) => d.documentId === entry.sys.id && d.field === fieldId), where).toBe(true);
                    continue;
                }
                if (!model || modelField?.localized) {
                    for (const [code, value] of present) {
                        const props = localeProps(docField, code);
                        expect(props, `${where}@${code}`).toBeDefined();
                        expect(props!.locale).toBe(code);
                        expectSameValue(props!, value, `${where}@${code}`);
                    }
                    continue;
                }
                // Non-localized: the default locale's value, or (bad data) the one other value.
                if (present.length > 0) {
                    expect(present.length, `${where}: one value only in the recordings`).toBe(1);
                    expect(docField && !('locales' in docField), where).toBe(true);
                    expectSameValue(docField as unknown as Record<string, unknown>, present[0]![1], where);
                }
            }
            for (const field of Object.values(document.fields)) {
                valuesOut += 'locales' in field && field.localized ? Object.keys(field.locales).length : 1;
            }
        });
        expect(valuesIn).toBeGreaterThan(0);
        expect(valuesOut).toBe(valuesIn - unknownFieldValues);
    });
});
