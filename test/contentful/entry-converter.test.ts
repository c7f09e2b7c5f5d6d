import { describe, expect, it } from 'vitest';
import type { Document, DocumentField } from '@stackbit/types';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import { createEntryConverter, type EntryConverterContext } from '../../src/contentful/entry-converter.js';
import type { ContentTypeProps, DocumentContext, EntryProps } from '../../src/contentful/types.js';
import { contentType, diagnosticsCollector, exportFile, localeContext, recordedItems, recording } from './helpers.js';

const javaContentTypes = recordedItems<ContentTypeProps>('java-content-types-collection.json');
const javaEntries = recordedItems<EntryProps>('java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json');

function converter(overrides: Partial<EntryConverterContext> & Pick<EntryConverterContext, 'locales'>, contentTypes: ContentTypeProps[] = []) {
    const collector = diagnosticsCollector();
    const convert = createEntryConverter({
        spaceId: 'sp1',
        environment: 'staging',
        managementAppUrl: 'https://app.contentful.com/',
        models: convertSchema({ contentTypes, editorInterfaces: [], defaultLocale: overrides.locales.defaultLocale }),
        report: collector.report,
        ...overrides
    });
    return { convert, ...collector };
}

function locales(field: DocumentField | undefined): Record<string, Record<string, unknown>> {
    if (!field || !('locales' in field) || !field.localized) {
        throw new Error('test: expected a localized field');
    }
    return field.locales as Record<string, Record<string, unknown>>;
}

describe('entry → document', () => {
    it('fills the document metadata: manage URL, dates, users (email when known), status and sys context', () => {
        const entry = recording<EntryProps>('rb-entry-modern-fieldStatus-concepts.json');
        const { convert } = converter({ locales: localeContext(['en-US']), userEmail: (id) => (id === '59Erm8D1JuuD273aXNb65T' ? 'ana@example.com' : undefined) });
        const document = convert(entry);
        expect(document).toMatchObject({
            type: 'document',
            id: '2aJVtypYfQajNbNN9TvEfd',
            manageUrl: 'https://app.contentful.com/spaces/sp1/environments/staging/entries/2aJVtypYfQajNbNN9TvEfd',
            modelName: 'articles',
            status: 'published',
            createdAt: '2025-11-04T11:26:26.751Z',
            updatedAt: '2025-11-05T13:33:45.942Z',
            createdBy: 'ana@example.com',
            updatedBy: ['ana@example.com']
        });
        expect(document.context.sys).toEqual({ type: 'Entry', id: '2aJVtypYfQajNbNN9TvEfd', version: 12, publishedVersion: 7, fieldStatus: { 'en-US': 'published' }, contentTypeId: 'articles' });
    });

    it('uses the user id when the email is unknown, and keeps archivedVersion', () => {
        const entry = recording<EntryProps>('rb-entry-archived.json');
        const { convert } = converter({ locales: localeContext(['en-US']) });
        const document = convert(entry);
        expect(document.status).toBe('archived');
        expect(document.context.sys.archivedVersion).toBe(entry.sys.archivedVersion);
        expect(document.createdBy).toBe(entry.sys.createdBy!.sys.id);
        expect(document.updatedBy).toEqual([entry.sys.updatedBy!.sys.id]);
    });

    it('shapes localized fields as the CSI expects: locales keyed by code, each with its locale', () => {
        const { convert } = converter({ locales: localeContext(['en-US', 'es-AR']) }, [recording('py-content-type-localized-field.json')]);
        const document = convert(recording('py-entry-multi-locale-en-US-es-AR.json'));
        expect(document.fields.name).toEqual({ type: 'string', localized: true, locales: { 'en-US': { locale: 'en-US', value: 'Foo' }, 'es-AR': { locale: 'es-AR', value: 'Bar' } } });
    });

    it('shows only enabled locales; values of disabled space locales are kept in Contentful without a report', () => {
        const entry = javaEntries.find((candidate) => candidate.sys.id === '3OeiIue2l2ouss8OUIaEgu')!;
        const { convert, diagnostics } = converter({ locales: localeContext(['en-US', 'en-UK', 'T123', 'kt4'], ['en-US', 'en-UK']) }, javaContentTypes);
        expect(Object.keys(locales(convert(entry).fields.name))).toEqual(['en-US', 'en-UK']);
        expect(diagnostics).toEqual([]);
    });

    it('reports values under locale codes the space does not have, once per entry and field', () => {
        const contentTypes = recordedItems<ContentTypeProps>('rb-content-types-localized-de-DE-en-US.json');
        const { convert, ofKind } = converter({ locales: localeContext(['en-US']) }, contentTypes);
        const document = convert(recording('rb-entry-multi-locale-de-DE-en-US.json'));
        expect(Object.keys(locales(document.fields.name))).toEqual(['en-US']);
        const reports = ofKind('unknown-locale-key');
        expect(reports.map((report) => report.field)).toEqual(['name', 'yolo']);
        expect(reports[0]).toMatchObject({ documentId: '5cMXsmSd5So6iggWi268eG', locale: 'de-DE' });
        expect(reports[0]!.message).toContain('"de-DE"');
    });

    it('treats explicit nulls as no value (a field null in every locale is absent)', () => {
        const entry = recordedItems<EntryProps>('rb-entries-collection-de-DE-en-US-pl-PL.json').find((candidate) => candidate.sys.id === '2arjcjtY7ucC4AGeIOIkok')!;
        const raw = entry.fields as Record<string, Record<string, unknown>>;
        const { convert } = converter({ locales: localeContext(['en-US', 'de-DE', 'pl-PL']) });
        const document = convert(entry);
        expect(document.fields.post_category_id).toBeUndefined();
        for (const [fieldId, values] of Object.entries(raw)) {
            const nonNull = Object.keys(values).filter((code) => values[code] !== null);
            if (nonNull.length > 0) {
                expect(Object.keys(locales(document.fields[fieldId])).sort()).toEqual(nonNull.sort());
            }
        }
    });

    it('shows a non-localized value stored outside the default locale, and reports it (rb issue 70)', () => {
        const contentTypes = recordedItems<ContentTypeProps>('rb-content-types-localized-and-nonlocalized.json');
        const { convert, ofKind } = converter({ locales: localeContext(['en-US', 'es', 'de-DE']) }, contentTypes);
        const document = convert(recording('rb-entry-nonlocalized-under-de-DE-es-only.json'));
        expect(document.fields.nonLocalized).toEqual({ type: 'string', value: 'baz' });
        expect(locales(document.fields.name)).toEqual({ es: { locale: 'es', value: 'Futbolista' } });
        expect(ofKind('nonlocalized-value-outside-default')).toEqual([
            expect.objectContaining({ documentId: '1PdCkb5maYgqsSUCOweseM', field: 'nonLocalized', locale: 'de-DE', message: expect.stringContaining('"en-US"') })
        ]);
    });

    it('prefers the earlier space locale when a non-localized field has no default value (rb issue 73: en-GB before es-ES)', () => {
        const someType = contentType(
            'someType',
            [
                { id: 'name', name: 'Name', type: 'Symbol', localized: false, required: false },
                { id: 'value', name: 'Value', type: 'Symbol', localized: false, required: false }
            ],
            { name: 'Some type', displayField: 'name' }
        );
        const { convert, ofKind } = converter({ locales: localeContext(['en-US', 'en-GB', 'es-ES']) }, [someType]);
        const document = convert(recording('rb-entry-default-en-GB-null-es-ES.json'));
        expect(document.fields.name).toEqual({ type: 'string', value: 'Hello World!' });
        expect(document.fields.value).toEqual({ type: 'string', value: 'hello world' });
        expect(ofKind('nonlocalized-value-outside-default').map((report) => report.locale)).toEqual(['en-GB', 'en-GB']);
    });

    it('converts an entry of a content type the schema lacks as JSON, and reports it', () => {
        const { convert, ofKind } = converter({ locales: localeContext(['en-US', 'en-GB', 'es-ES']) });
        const document = convert(recording('rb-entry-default-en-GB-null-es-ES.json'));
        expect(document.modelName).toBe('someType');
        expect(document.fields.value).toEqual({
            type: 'json',
            localized: true,
            locales: { 'en-GB': { locale: 'en-GB', value: 'hello world' }, 'es-ES': { locale: 'es-ES', value: 'hola mundo' } }
        });
        expect(ofKind('unknown-content-type')).toEqual([expect.objectContaining({ documentId: 'hello-world', message: expect.stringContaining('"someType"') })]);
    });

    it('skips a field the content type no longer defines, and reports it', () => {
        const trimmed = javaContentTypes.map((ct) => (ct.sys.id === 'deleteme' ? { ...ct, fields: ct.fields.filter((field) => field.id !== 'name') } : ct));
        const entry = javaEntries.find((candidate) => candidate.sys.id === '3OeiIue2l2ouss8OUIaEgu')!;
        const { convert, ofKind } = converter({ locales: localeContext(['en-US', 'en-UK', 'T123', 'kt4']) }, trimmed);
        expect(convert(entry).fields.name).toBeUndefined();
        expect(ofKind('other')).toEqual([expect.objectContaining({ documentId: '3OeiIue2l2ouss8OUIaEgu', field: 'name', message: expect.stringContaining('"deleteme"') })]);
    });

    it('reports a value that does not fit its field type instead of dropping it silently', () => {
        const entry = javaEntries.find((candidate) => candidate.sys.id === '3OeiIue2l2ouss8OUIaEgu')!;
        const broken = { ...entry, fields: { ...entry.fields, link: { 'en-US': 'not-a-link', 'en-UK': { sys: { type: 'Link', linkType: 'Entry', id: 'ok' } } }, media: { 'en-US': { sys: {} } } } };
        const { convert, ofKind } = converter({ locales: localeContext(['en-US', 'en-UK']) }, javaContentTypes);
        const document = convert(broken as EntryProps);
        expect(locales(document.fields.link)).toEqual({ 'en-UK': { locale: 'en-UK', refId: 'ok' } });
        expect(ofKind('other').map((report) => [report.field, report.locale])).toEqual([
            ['link', 'en-US'],
            ['media', 'en-US']
        ]);
    });

    it('tolerates an entry without fields and a draft with empty fields', () => {
        const { convert } = converter({ locales: localeContext(['en-US']) }, javaContentTypes);
        const drafts = javaEntries.filter((entry) => Object.keys(entry.fields).length === 0 && !entry.sys.publishedVersion);
        expect(drafts).toHaveLength(3);
        for (const draft of drafts) {
            expect(convert(draft)).toMatchObject({ status: 'added', fields: {} });
        }
        expect(convert({ ...drafts[0]!, fields: undefined as never }).fields).toEqual({});
    });

    it('converts links, link lists, locations and JSON of the recorded java space', () => {
        const { convert } = converter({ locales: localeContext(['en-US', 'en-UK']) }, javaContentTypes);
        const documents = javaEntries.map((entry) => convert(entry));
        const fields = documents.flatMap((document) => Object.values(document.fields));
        expect(fields.some((field) => field.type === 'reference' && 'refType' in field && field.refType === 'asset')).toBe(true);
        expect(fields.some((field) => field.type === 'list' && !field.localized && field.items.some((item) => item.type === 'reference'))).toBe(true);
        expect(fields.some((field) => field.type === 'json')).toBe(true);
    });

    it('reads recorded rich text with a hint when the content type is known', () => {
        const rich = contentType(
            'rich',
            [
                { id: 'name', name: 'Name', type: 'Symbol', localized: false, required: false },
                { id: 'rich', name: 'Rich', type: 'RichText', localized: false, required: false }
            ],
            { name: 'Rich', displayField: 'name' }
        );
        const { convert } = converter({ locales: localeContext(['en-US']) }, [rich]);
        const documents = recordedItems<EntryProps>('java-entries-collection-rich-text.json').map((entry) => convert(entry));
        for (const document of documents) {
            expect(document.fields.rich).toMatchObject({ type: 'richText', value: expect.objectContaining({ nodeType: 'document' }) });
        }
        expect(documents.some((document) => ((document.fields.rich as { hint?: string }).hint ?? '').length > 0)).toBe(true);
    });

    it('sets Document.locale from assignLocale (object-level models only)', () => {
        const file = exportFile('export-stackbit-i18n-multi-brand-en-US-es.json');
        const objectLevel = new Set(['page', 'hero']);
        const { convert } = converter({
            locales: localeContext(['en-US', 'es']),
            models: new Map(convertSchema({ contentTypes: file.contentTypes, editorInterfaces: [], defaultLocale: 'en-US' }).map((model) => [model.name, model])),
            assignLocale: (entry) => (objectLevel.has(entry.sys.contentType.sys.id) ? ((entry.fields as Record<string, Record<string, string>>).locale?.['en-US'] ?? 'en-US') : undefined)
        });
        const documents: Document<DocumentContext>[] = file.entries.map((entry) => convert(entry));
        const pages = documents.filter((document) => document.modelName === 'page');
        expect(pages.length).toBeGreaterThan(0);
        expect(new Set(pages.map((page) => page.locale))).toEqual(new Set(['en-US', 'es']));
        expect(documents.filter((document) => document.modelName === 'brand').every((document) => !('locale' in document))).toBe(true);
    });
});

describe('entry converter speed', () => {
    it('converts 50,000 entries × 8 locales quickly (compiled once per content type)', () => {
        const codes = ['en-US', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl'];
        const file = exportFile('export-stackbit-i18n-field-level-en-US-es.json');
        const { convert } = converter({ locales: localeContext(codes) }, file.contentTypes);
        const perLocale = (value: (code: string) => unknown) => Object.fromEntries(codes.map((code) => [code, value(code)]));
        const entries: EntryProps[] = [];
        for (let index = 0; index < 50_000; index++) {
            entries.push({
                sys: { id: `e${index}`, type: 'Entry', version: 3, publishedVersion: 2, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'page' } } } as EntryProps['sys'],
                fields: {
                    title: perLocale((code) => `Title ${index} ${code}`),
                    slug: { 'en-US': `page-${index}` },
                    sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'h1' } }, { sys: { type: 'Link', linkType: 'Entry', id: 's1' } }] }
                }
            });
        }
        const started = performance.now();
        let fieldCount = 0;
        for (const entry of entries) {
            fieldCount += Object.keys(convert(entry).fields).length;
        }
        const elapsed = performance.now() - started;
        expect(fieldCount).toBe(150_000);
        // ~0.3 s on a laptop; the bound only catches an accidental per-entry compile or deep clone.
        expect(elapsed).toBeLessThan(5_000);
    });
});
