import { describe, expect, it } from 'vitest';
import type { Field, FieldList, Model } from '@stackbit/types';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import type { ContentTypeProps, EditorInterfaceProps, ModelContext } from '../../src/contentful/types.js';
import { contentType, diagnosticsCollector, exportFile, recordedItems, recording } from './helpers.js';

const javaContentTypes = recordedItems<ContentTypeProps>('java-content-types-collection.json');
const phpContentTypes = recordedItems<ContentTypeProps>('php-content-types-collection.json');

function fieldOf(models: Model<ModelContext>[], modelName: string, fieldName: string): Field {
    const field = models.find((model) => model.name === modelName)?.fields?.find((candidate) => candidate.name === fieldName);
    if (!field) {
        throw new Error(`test: no field ${modelName}.${fieldName}`);
    }
    return field;
}

function editorInterface(contentTypeId: string, controls: EditorInterfaceProps['controls']): EditorInterfaceProps {
    return { sys: { id: 'default', type: 'EditorInterface', contentType: { sys: { id: contentTypeId, type: 'Link', linkType: 'ContentType' } } }, controls } as EditorInterfaceProps;
}

describe('convertSchema on recorded content types', () => {
    it('turns every java content type into a data model named by its id, labelled by its name', () => {
        const models = convertSchema({ contentTypes: javaContentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        expect(models.map((model) => model.name)).toEqual(javaContentTypes.map((contentType) => contentType.sys.id));
        expect(models.every((model) => model.type === 'data')).toBe(true);
        expect(models.find((model) => model.name === '2wKn6yEnZewu2SCCkus4as')?.label).toBe(javaContentTypes.find((ct) => ct.sys.id === '2wKn6yEnZewu2SCCkus4as')?.name);
    });

    it('maps every Contentful field type of the java space', () => {
        const models = convertSchema({ contentTypes: javaContentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        expect(fieldOf(models, 'deleteme', 'slug')).toMatchObject({ type: 'string', validations: { unique: true } });
        expect(fieldOf(models, 'deleteme', 'location')).toMatchObject({ type: 'json' });
        expect(fieldOf(models, 'deleteme', 'json')).toMatchObject({ type: 'json' });
        expect(fieldOf(models, 'deleteme', 'date')).toMatchObject({ type: 'datetime' });
        expect(fieldOf(models, 'deleteme', 'media')).toMatchObject({ type: 'image' });
        expect(fieldOf(models, 'deleteme', 'link')).toMatchObject({ type: 'reference', models: ['deleteme'], localized: true });
        expect(fieldOf(models, 'deleteme', 'links')).toMatchObject({ type: 'list', items: { type: 'reference', models: ['deletemeLinks'] } });
        expect(fieldOf(models, 'deleteme', 'fields')).toMatchObject({ type: 'list', items: { type: 'string' } });
        expect(fieldOf(models, '2wKn6yEnZewu2SCCkus4as', 'comments')).toMatchObject({ type: 'boolean' });
        expect(fieldOf(models, '2wKn6yEnZewu2SCCkus4as', 'body')).toMatchObject({ type: 'text' });
        expect(fieldOf(models, 'allEditorInterfaces', 'integerDefault')).toMatchObject({ type: 'number', subtype: 'int' });
        expect(fieldOf(models, 'allEditorInterfaces', 'decimalDefault')).toMatchObject({ type: 'number', subtype: 'float' });
        expect(fieldOf(models, 'allEditorInterfaces', 'assetLinksGallery')).toMatchObject({ type: 'list', items: { type: 'image' } });
        // Array of Object exists in recorded data although today's web app cannot create it.
        expect(fieldOf(models, 'testFooBar', 'myArrayField')).toMatchObject({ type: 'list', items: { type: 'json' } });
    });

    it('keeps Contentful localization, size validations with their custom message, and Contentful field types for writes', () => {
        const models = convertSchema({ contentTypes: javaContentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        const name = fieldOf(models, 'deleteme', 'name');
        expect(name.localized).toBe(true);
        expect(name.validations).toMatchObject({ min: 3, errors: { min: 'Please do specify more then 3 characters!' } });
        expect(fieldOf(models, 'deleteme', 'slug').localized).toBe(false);
        expect(fieldOf(models, '1kUEViTN4EmGiEaaeC6ouY', 'biography').validations).toMatchObject({ min: 0, max: 1000 });
        const deleteme = models.find((model) => model.name === 'deleteme')!;
        expect(deleteme.context?.fieldTypes).toMatchObject({ name: 'Symbol', link: 'Link', links: 'Array', location: 'Location', json: 'Object', date: 'Date' });
    });

    it('hides disabled and omitted fields, and makes disabled fields read-only', () => {
        const models = convertSchema({ contentTypes: javaContentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        expect(fieldOf(models, '1kUEViTN4EmGiEaaeC6ouY', 'createdEntries')).toMatchObject({ hidden: true, readOnly: true });
        expect(fieldOf(models, '5KMiN6YPvi42icqAUQMCQe', 'shortDescription')).toMatchObject({ hidden: true, readOnly: true });
        expect(fieldOf(models, '5KMiN6YPvi42icqAUQMCQe', 'title').hidden).toBeUndefined();
    });

    it('lets an unrestricted entry link point at every content type, and maps asset file-size limits', () => {
        const models = convertSchema({ contentTypes: phpContentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        const linkField = fieldOf(models, 'complexContentType', 'linkField');
        expect(linkField).toMatchObject({ type: 'reference' });
        expect(linkField.type === 'reference' && [...linkField.models].sort()).toEqual(phpContentTypes.map((ct) => ct.sys.id).sort());
        const arrayField = fieldOf(models, 'complexContentType', 'arrayField') as FieldList;
        expect(arrayField.items).toMatchObject({ type: 'image', validations: { fileMaxSize: 10485760 } });
        expect(fieldOf(models, 'cat', 'name')).toMatchObject({ type: 'text', localized: true, validations: { min: 3 } });
    });

    it('tolerates the 2015 minimal field shape (no validations, disabled or omitted keys)', () => {
        const contentTypes = recordedItems<ContentTypeProps>('rb-content-types-localized-de-DE-en-US.json');
        expect(contentTypes[0]!.fields[0]).not.toHaveProperty('validations');
        const [model] = convertSchema({ contentTypes, editorInterfaces: [], defaultLocale: 'en-US' });
        expect(model!.fields).toEqual([
            expect.objectContaining({ name: 'name', type: 'string', localized: true, required: false }),
            expect.objectContaining({ name: 'yolo', type: 'text', localized: true, required: false })
        ]);
        expect(model!.labelField).toBe('name');
    });

    it('reads a single recorded content type (py) with its localized Symbol', () => {
        const contentType = recording<ContentTypeProps>('py-content-type-localized-field.json');
        const [model] = convertSchema({ contentTypes: [contentType], editorInterfaces: [], defaultLocale: 'en-US' });
        expect(model).toMatchObject({ name: 'test', fields: [{ name: 'name', type: 'string', localized: true }] });
    });

    it('uses editor interfaces: slug/markdown/enum widgets, help text, and per-locale defaults at the default locale', () => {
        const file = exportFile('export-stackbit-i18n-field-level-en-US-es.json');
        const models = convertSchema({ contentTypes: file.contentTypes, editorInterfaces: file.editorInterfaces, defaultLocale: 'en-US' });
        expect(fieldOf(models, 'page', 'slug')).toMatchObject({ type: 'slug', localized: false });
        expect(fieldOf(models, 'page', 'title')).toMatchObject({ type: 'string', localized: true });
        expect(fieldOf(models, 'stats', 'body')).toMatchObject({ type: 'markdown' });
        expect(fieldOf(models, 'stats', 'theme')).toMatchObject({ type: 'enum', options: ['primary', 'dark'] });
        expect(fieldOf(models, 'stats', 'heading')).toMatchObject({ default: 'This is a title' });
        expect(fieldOf(models, 'hero', 'image')).toMatchObject({ type: 'image' });
        expect(fieldOf(models, 'page', 'sections')).toMatchObject({ type: 'list', items: { type: 'reference', models: ['hero', 'stats'] } });
        // The same defaults read from another default locale: the export has no value there.
        const spanishDefault = convertSchema({ contentTypes: file.contentTypes, editorInterfaces: file.editorInterfaces, defaultLocale: 'es' });
        expect(fieldOf(spanishDefault, 'stats', 'heading').default).toBe('Esto es un título');
        expect(fieldOf(spanishDefault, 'stats', 'body').default).toBeUndefined();

        const brands = exportFile('export-stackbit-i18n-multi-brand-en-US-es.json');
        const brandModels = convertSchema({ contentTypes: brands.contentTypes, editorInterfaces: brands.editorInterfaces, defaultLocale: 'en-US' });
        expect(fieldOf(brandModels, 'brand', 'slug').description).toMatch(/not localized/);
    });

    it('marks object-level models localized and makes their locale and translation-key fields read-only', () => {
        const file = exportFile('export-stackbit-i18n-multi-brand-en-US-es.json');
        const translationKey = { id: 'translationKey', name: 'Translation key', type: 'Symbol', localized: false, required: false, validations: [] };
        const contentTypes = file.contentTypes.map((ct) => (ct.sys.id === 'page' ? { ...ct, fields: [...ct.fields, translationKey] } : ct));
        const models = convertSchema({
            contentTypes,
            editorInterfaces: file.editorInterfaces,
            defaultLocale: 'en-US',
            objectLevel: { models: ['page', 'hero'], localeField: 'locale', translationKeyField: 'translationKey' }
        });
        const page = models.find((model) => model.name === 'page')!;
        expect(page).toMatchObject({ localized: true });
        expect(fieldOf(models, 'page', 'locale').readOnly).toBe(true);
        expect(fieldOf(models, 'page', 'translationKey').readOnly).toBe(true);
        expect(fieldOf(models, 'page', 'title').readOnly).toBeUndefined();
        expect(fieldOf(models, 'hero', 'locale').readOnly).toBe(true);
        expect(models.find((model) => model.name === 'button')).not.toHaveProperty('localized');
        expect(fieldOf(models, 'button', 'locale').readOnly).toBeUndefined();
    });
});

describe('convertSchema on synthetic shapes', () => {
    it('maps widgets and validations the recordings do not cover', () => {
        const models = convertSchema({
            contentTypes: [
                contentType('article', [
                    { id: 'website', type: 'Symbol' },
                    { id: 'summary', type: 'Text' },
                    { id: 'layout', type: 'Text', validations: [{ in: ['wide', 'narrow'] }] },
                    { id: 'published', type: 'Date' },
                    { id: 'rating', type: 'Integer', validations: [{ in: [1, 2, 3] }, { unique: true }] },
                    { id: 'score', type: 'Number', validations: [{ range: { min: 0, max: 10 }, message: 'Out of range' }] },
                    { id: 'topics', type: 'Array', items: { type: 'Symbol', validations: [{ in: ['a', 'b'] }] }, validations: [{ size: { max: 2 } }] },
                    { id: 'code', type: 'Symbol', validations: [{ regexp: { pattern: '^[A-Z]+$', flags: '' } }] },
                    { id: 'loose', type: 'Symbol', validations: [{ regexp: { pattern: '^[a-z]+$', flags: 'i' } }] },
                    { id: 'body', type: 'RichText' },
                    { id: 'removed', type: 'Symbol', deleted: true },
                    { id: 'related', type: 'ResourceLink', allowedResources: [{ type: 'Contentful:Entry', source: 'crn:contentful:::content:spaces/other', contentTypes: ['post'] }] },
                    { id: 'mystery', type: 'Hologram' }
                ])
            ],
            editorInterfaces: [
                editorInterface('article', [
                    { fieldId: 'website', widgetId: 'urlEditor' },
                    { fieldId: 'summary', widgetId: 'singleLine', settings: { readOnly: true, helpText: 'One line' } },
                    { fieldId: 'layout', widgetId: 'radio' },
                    { fieldId: 'published', widgetId: 'datePicker', settings: { format: 'dateonly' } },
                    { fieldId: 'topics', widgetId: 'checkbox' }
                ])
            ],
            defaultLocale: 'en-US',
            report: diagnosticsCollector().report
        });
        expect(fieldOf(models, 'article', 'website')).toMatchObject({ type: 'url' });
        expect(fieldOf(models, 'article', 'summary')).toMatchObject({ type: 'string', readOnly: true, description: 'One line' });
        expect(fieldOf(models, 'article', 'layout')).toMatchObject({ type: 'enum', controlType: 'button-group', options: ['wide', 'narrow'] });
        expect(fieldOf(models, 'article', 'published')).toMatchObject({ type: 'date' });
        expect(fieldOf(models, 'article', 'rating')).toMatchObject({ type: 'enum', options: [1, 2, 3], validations: { unique: true } });
        expect(fieldOf(models, 'article', 'score')).toMatchObject({ type: 'number', validations: { min: 0, max: 10, errors: { min: 'Out of range', max: 'Out of range' } } });
        expect(fieldOf(models, 'article', 'topics')).toMatchObject({ type: 'list', controlType: 'checkbox', items: { type: 'enum', options: ['a', 'b'] }, validations: { max: 2 } });
        expect(fieldOf(models, 'article', 'code').validations).toEqual({ regexp: '^[A-Z]+$' });
        // A case-insensitive pattern cannot be expressed without flags: Contentful checks it instead.
        expect(fieldOf(models, 'article', 'loose').validations).toBeUndefined();
        expect(fieldOf(models, 'article', 'body')).toMatchObject({ type: 'richText' });
        expect(fieldOf(models, 'article', 'related')).toMatchObject({ type: 'cross-reference', models: [{ modelName: 'post', srcType: 'contentful', srcProjectId: 'other' }] });
        expect(models[0]!.fields!.some((field) => field.name === 'removed')).toBe(false);
        expect(models[0]!.context?.fieldTypes).not.toHaveProperty('removed');
    });

    it('reports an unsupported field type and shows it as JSON instead of failing', () => {
        const collector = diagnosticsCollector();
        const models = convertSchema({
            contentTypes: [contentType('odd', [{ id: 'mystery', type: 'Hologram' }, { id: 'things', type: 'Array', items: { type: 'Hologram' } }])],
            editorInterfaces: [],
            defaultLocale: 'en-US',
            report: collector.report
        });
        expect(fieldOf(models, 'odd', 'mystery')).toMatchObject({ type: 'json' });
        expect(fieldOf(models, 'odd', 'things')).toMatchObject({ type: 'list', items: { type: 'json' } });
        expect(collector.diagnostics).toHaveLength(2);
        expect(collector.diagnostics[0]!.message).toContain('"odd"');
        expect(collector.diagnostics[0]!.message).toContain('"mystery"');
    });

    it('chooses the label field: displayField, else title, else label, else the first string field', () => {
        const models = convertSchema({
            contentTypes: [
                contentType('a', [{ id: 'heading', type: 'Symbol' }, { id: 'title', type: 'Symbol' }], { displayField: 'heading' }),
                contentType('b', [{ id: 'heading', type: 'Symbol' }, { id: 'title', type: 'Text' }], { displayField: 'gone' }),
                contentType('c', [{ id: 'count', type: 'Integer' }, { id: 'label', type: 'Symbol' }]),
                contentType('d', [{ id: 'count', type: 'Integer' }, { id: 'name', type: 'Symbol' }]),
                contentType('e', [{ id: 'count', type: 'Integer' }])
            ],
            editorInterfaces: [],
            defaultLocale: 'en-US'
        });
        expect(models.map((model) => model.labelField)).toEqual(['heading', 'title', 'label', 'name', undefined]);
    });

    it('drops entry-link targets that are not content types of the space', () => {
        const models = convertSchema({
            contentTypes: [contentType('page', [{ id: 'parent', type: 'Link', linkType: 'Entry', validations: [{ linkContentType: ['page', 'deletedType'] }] }])],
            editorInterfaces: [],
            defaultLocale: 'en-US'
        });
        expect(fieldOf(models, 'page', 'parent')).toMatchObject({ type: 'reference', models: ['page'] });
    });
});
