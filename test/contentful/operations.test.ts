import { describe, expect, it } from 'vitest';
import type { Field, FieldList, Model, UpdateOperation } from '@stackbit/types';
import { applyAssetOperations, applyOperations } from '../../src/contentful/operations.js';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import type { AssetProps, EntryProps, LocalizedFields, ModelContext } from '../../src/contentful/types.js';
import { contentType, recording } from './helpers.js';

const pageType = contentType(
    'page',
    [
        { id: 'title', name: 'Title', type: 'Symbol', localized: true, required: true },
        { id: 'slug', name: 'Slug', type: 'Symbol', localized: false, required: true },
        { id: 'tags', name: 'Tags', type: 'Array', items: { type: 'Symbol' }, localized: true, required: false },
        { id: 'sections', name: 'Sections', type: 'Array', items: { type: 'Link', linkType: 'Entry' }, localized: false, required: false },
        { id: 'hero', name: 'Hero', type: 'Link', linkType: 'Asset', localized: true, required: false },
        { id: 'rating', name: 'Rating', type: 'Integer', localized: false, required: false }
    ],
    { name: 'Page', displayField: 'title' }
);
const [page] = convertSchema({ contentTypes: [pageType], editorInterfaces: [], defaultLocale: 'en-US' }) as [Model<ModelContext>];
const modelField = (name: string): Field => page.fields!.find((field) => field.name === name)!;
const listField = (name: string) => modelField(name) as FieldList;
const link = (id: string) => ({ sys: { type: 'Link', linkType: 'Entry', id } });

function baseFields(): LocalizedFields {
    return {
        title: { 'en-US': 'Hello', fr: 'Bonjour' },
        slug: { 'en-US': 'hello' },
        tags: { 'en-US': ['a', 'b', 'c'], fr: ['x'] },
        sections: { 'en-US': [link('s1'), link('s2')] }
    };
}

function apply(fields: LocalizedFields, operations: UpdateOperation[]) {
    return applyOperations({ fields, operations, model: page, defaultLocale: 'en-US', documentId: 'doc1' });
}

const set = (name: string, value: unknown, locale?: string): UpdateOperation => ({ opType: 'set', fieldPath: [name], modelField: modelField(name), field: { type: modelField(name).type as 'string', value }, locale });

describe('applyOperations: set / unset', () => {
    it('writes a localized field at the operation locale, copying only what it touches', () => {
        const input = baseFields();
        const frozen = structuredClone(input);
        const { fields, touched } = apply(input, [set('title', 'Salut', 'fr')]);
        expect(fields.title).toEqual({ 'en-US': 'Hello', fr: 'Salut' });
        expect(input).toEqual(frozen);
        expect(fields.slug).toBe(input.slug);
        expect(fields.tags).toBe(input.tags);
        expect(fields.title).not.toBe(input.title);
        expect(touched).toEqual([{ fieldId: 'title', locale: 'fr' }]);
    });

    it('writes at the default locale when the operation has no locale (the engine does not default it)', () => {
        expect(apply(baseFields(), [set('title', 'Hi')]).fields.title).toEqual({ 'en-US': 'Hi', fr: 'Bonjour' });
    });

    it('writes a non-localized field at the default locale, but reports the locale the operation asked for', () => {
        const { fields, touched } = apply(baseFields(), [set('slug', 'salut', 'fr')]);
        expect(fields.slug).toEqual({ 'en-US': 'salut' });
        expect(touched).toEqual([{ fieldId: 'slug', locale: 'fr' }]);
    });

    it('unsets the locale key for an empty value, so the locale falls back again', () => {
        const { fields } = apply(baseFields(), [set('title', '', 'fr')]);
        expect(fields.title).toEqual({ 'en-US': 'Hello' });
        expect('fr' in fields.title!).toBe(false);
    });

    it('removes the field when its last locale is unset', () => {
        const { fields } = apply(baseFields(), [{ opType: 'unset', fieldPath: ['slug'], modelField: modelField('slug') }]);
        expect(fields).not.toHaveProperty('slug');
        expect(apply(baseFields(), [{ opType: 'unset', fieldPath: ['hero'], modelField: modelField('hero'), locale: 'fr' }]).fields).not.toHaveProperty('hero');
    });

    it('converts values for Contentful: asset links for images, whole numbers for Integer fields', () => {
        const { fields } = apply(baseFields(), [
            { opType: 'set', fieldPath: ['hero'], modelField: modelField('hero'), field: { type: 'image', value: 'asset9' }, locale: 'fr' },
            { opType: 'set', fieldPath: ['rating'], modelField: modelField('rating'), field: { type: 'number', value: '4' } }
        ]);
        expect(fields.hero).toEqual({ fr: { sys: { type: 'Link', linkType: 'Asset', id: 'asset9' } } });
        expect(fields.rating).toEqual({ 'en-US': 4 });
        expect(() => apply(baseFields(), [{ opType: 'set', fieldPath: ['rating'], modelField: modelField('rating'), field: { type: 'number', value: 4.5 } }])).toThrow(/"rating".*whole number/);
    });

    it('sets and unsets one list item', () => {
        const tags = listField('tags');
        const { fields } = apply(baseFields(), [{ opType: 'set', fieldPath: ['tags', 1], modelField: tags.items, field: { type: 'string', value: 'B' }, locale: 'en-US' }]);
        expect(fields.tags).toEqual({ 'en-US': ['a', 'B', 'c'], fr: ['x'] });
        const unset = apply(baseFields(), [{ opType: 'unset', fieldPath: ['tags', 0], modelField: tags.items, locale: 'fr' }]);
        expect(unset.fields.tags).toEqual({ 'en-US': ['a', 'b', 'c'] });
    });
});

describe('applyOperations: list operations', () => {
    const sections = listField('sections');
    const item = (id: string) => ({ type: 'reference' as const, refType: 'document' as const, refId: id });

    it('inserts at an index and appends without one', () => {
        const { fields } = apply(baseFields(), [
            { opType: 'insert', fieldPath: ['sections'], modelField: sections, item: item('s0'), index: 0 },
            { opType: 'insert', fieldPath: ['sections'], modelField: sections, item: item('s3') }
        ]);
        expect(fields.sections!['en-US']).toEqual([link('s0'), link('s1'), link('s2'), link('s3')]);
    });

    it('inserts into a list that does not exist yet in that locale', () => {
        const { fields } = apply(baseFields(), [{ opType: 'insert', fieldPath: ['tags'], modelField: listField('tags'), item: { type: 'string', value: 'neu' }, locale: 'de' }]);
        expect(fields.tags).toMatchObject({ de: ['neu'], fr: ['x'] });
    });

    it('removes an item, and unsets the locale when the list becomes empty', () => {
        expect(apply(baseFields(), [{ opType: 'remove', fieldPath: ['sections'], modelField: sections, index: 0 }]).fields.sections).toEqual({ 'en-US': [link('s2')] });
        const { fields } = apply(baseFields(), [{ opType: 'remove', fieldPath: ['tags'], modelField: listField('tags'), index: 0, locale: 'fr' }]);
        expect(fields.tags).toEqual({ 'en-US': ['a', 'b', 'c'] });
    });

    it('reorders items', () => {
        const { fields } = apply(baseFields(), [{ opType: 'reorder', fieldPath: ['tags'], modelField: listField('tags'), order: [2, 0, 1], locale: 'en-US' }]);
        expect(fields.tags!['en-US']).toEqual(['c', 'a', 'b']);
    });

    it('refuses indexes and orders that do not match the stored list (it changed since it was read)', () => {
        expect(() => apply(baseFields(), [{ opType: 'remove', fieldPath: ['sections'], modelField: sections, index: 5 }])).toThrow(/item 5 of model "page", document "doc1", field "sections", locale "en-US".*2 item/);
        expect(() => apply(baseFields(), [{ opType: 'reorder', fieldPath: ['tags'], modelField: listField('tags'), order: [0, 0, 1] }])).toThrow(/reorder/);
        expect(() => apply(baseFields(), [{ opType: 'reorder', fieldPath: ['tags'], modelField: listField('tags'), order: [1, 0] }])).toThrow(/3 item/);
    });
});

describe('applyOperations: refusals and re-application', () => {
    it('throws for a field the model does not have, naming model, document and field', () => {
        expect(() => apply(baseFields(), [set('title', 'x'), { ...set('title', 'x'), fieldPath: ['subtitle'] }])).toThrow('Cannot apply "set" to model "page", document "doc1": the model has no field "subtitle".');
    });

    it('throws for nested paths Contentful cannot hold', () => {
        expect(() => apply(baseFields(), [{ ...set('title', 'x'), fieldPath: ['title', 'nested'] }])).toThrow(/no nested fields/);
        expect(() => apply(baseFields(), [{ opType: 'set', fieldPath: ['slug', 0], modelField: modelField('slug'), field: { type: 'string', value: 'x' } }])).toThrow(/not a list/);
    });

    it('gives the same edit when re-applied to a freshly fetched entry after a 409, keeping the concurrent edit', () => {
        const operations: UpdateOperation[] = [set('title', 'Salut', 'fr'), { opType: 'insert', fieldPath: ['sections'], modelField: listField('sections'), item: { type: 'reference', refType: 'document', refId: 's9' } }];
        const first = apply(baseFields(), operations);
        const concurrent: LocalizedFields = { ...baseFields(), slug: { 'en-US': 'changed-by-someone-else' } };
        const second = apply(concurrent, operations);
        expect(second.fields.title).toEqual(first.fields.title);
        expect(second.fields.sections).toEqual(first.fields.sections);
        expect(second.fields.slug).toEqual({ 'en-US': 'changed-by-someone-else' });
    });

    it('lists each touched field and locale once', () => {
        const { touched } = apply(baseFields(), [set('title', 'a', 'fr'), set('title', 'b', 'fr'), set('title', 'c', 'de')]);
        expect(touched).toEqual([
            { fieldId: 'title', locale: 'fr' },
            { fieldId: 'title', locale: 'de' }
        ]);
    });

    it('edits a recorded entry in one locale without touching the other', () => {
        const entry = recording<EntryProps>('py-entry-multi-locale-en-US-es-AR.json');
        const [model] = convertSchema({ contentTypes: [recording('py-content-type-localized-field.json')], editorInterfaces: [], defaultLocale: 'en-US' }) as [Model<ModelContext>];
        const nameField = model.fields![0]!;
        const { fields } = applyOperations({
            fields: entry.fields as LocalizedFields,
            operations: [{ opType: 'set', fieldPath: ['name'], modelField: nameField, field: { type: 'string', value: 'Barra' }, locale: 'es-AR' }],
            model,
            defaultLocale: 'en-US'
        });
        expect(fields.name).toEqual({ 'en-US': 'Foo', 'es-AR': 'Barra' });
    });
});

describe('applyAssetOperations', () => {
    const asset = recording<AssetProps>('rb-asset-per-locale-file-en-US-pl.json');
    const assetFields = asset.fields as unknown as LocalizedFields;
    const titleField: Field = { type: 'string', name: 'title', localized: true };
    const fileOp = (value: unknown, locale?: string): UpdateOperation => ({ opType: 'set', fieldPath: ['file'], modelField: { type: 'file', name: 'file' }, field: { type: 'assetFile', value } as never, locale });

    it('replaces the file of one locale as an upload, leaving the other locale untouched', () => {
        const { fields, touched } = applyAssetOperations({ fields: assetFields, operations: [fileOp({ url: 'https://example.com/new/photo.png', fileName: 'photo.png', contentType: 'image/png' }, 'pl')], defaultLocale: 'en-US', assetId: 'a1' });
        expect(fields.file!.pl).toEqual({ upload: 'https://example.com/new/photo.png', fileName: 'photo.png', contentType: 'image/png' });
        expect(fields.file!['en-US']).toBe(assetFields.file!['en-US']);
        expect(fields.title).toBe(assetFields.title);
        expect(touched).toEqual([{ fieldId: 'file', locale: 'pl' }]);
    });

    it('derives the file name from the URL when it is missing, and sets title/description per locale', () => {
        const { fields } = applyAssetOperations({
            fields: assetFields,
            operations: [
                fileOp({ url: 'https://example.com/img/cat%20photo.jpg', contentType: 'image/jpeg' }),
                { opType: 'set', fieldPath: ['title'], modelField: titleField, field: { type: 'string', value: 'Kot' }, locale: 'pl' },
                { opType: 'unset', fieldPath: ['description'], modelField: titleField, locale: 'pl' }
            ],
            defaultLocale: 'en-US'
        });
        expect(fields.file!['en-US']).toMatchObject({ fileName: 'cat photo.jpg' });
        expect(fields.title!.pl).toBe('Kot');
        expect(fields.description).not.toHaveProperty('pl');
        expect(fields.description).toHaveProperty('en-US');
    });

    it('refuses files without an http(s) URL or content type, other fields, and list operations', () => {
        const run = (operations: UpdateOperation[]) => applyAssetOperations({ fields: assetFields, operations, defaultLocale: 'en-US', assetId: 'a1' });
        expect(() => run([fileOp({ url: 'ftp://x/y.png', contentType: 'image/png' }, 'pl')])).toThrow(/asset "a1", locale "pl".*http/);
        expect(() => run([fileOp({ url: 'https://x/y.png' }, 'pl')])).toThrow(/contentType/);
        expect(() => run([{ opType: 'set', fieldPath: ['caption'], modelField: titleField, field: { type: 'string', value: 'x' } }])).toThrow(/title, description and file/);
        expect(() => run([{ opType: 'remove', fieldPath: ['title'], modelField: { type: 'list', name: 'title', items: { type: 'string' } }, index: 0 }])).toThrow(/not lists/);
    });
});
