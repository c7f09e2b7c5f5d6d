import { describe, expect, it } from 'vitest';
import type { FieldSpecificProps } from '@stackbit/types';
import { createFieldReader, isEmptyValue, parseEntryUrn, richTextHint, toContentfulValue } from '../../src/contentful/field-values.js';
import type { EntryProps } from '../../src/contentful/types.js';
import { recording } from './helpers.js';

const target = { modelName: 'page', fieldName: 'title', locale: 'fr' };
const assetLink = { sys: { type: 'Link', linkType: 'Asset', id: 'asset1' } };
const entryLink = { sys: { type: 'Link', linkType: 'Entry', id: 'entry1' } };

describe('reading Contentful values', () => {
    it('reads plain values with their model type, per locale and non-localized', () => {
        const reader = createFieldReader({ type: 'slug' });
        expect(reader.readField('hello')).toEqual({ type: 'slug', value: 'hello' });
        expect(reader.readLocale('bonjour', 'fr')).toEqual({ locale: 'fr', value: 'bonjour' });
        expect(reader.localizedField({ fr: { locale: 'fr', value: 'bonjour' } })).toEqual({ type: 'slug', localized: true, locales: { fr: { locale: 'fr', value: 'bonjour' } } });
    });

    it('treats null and undefined as no value, but keeps an explicit empty string (it blocks Contentful fallback)', () => {
        const reader = createFieldReader({ type: 'string' });
        expect(reader.readField(null)).toBeUndefined();
        expect(reader.readLocale(undefined, 'fr')).toBeUndefined();
        expect(reader.readField('')).toEqual({ type: 'string', value: '' });
    });

    it('reads an asset link on an image field as an asset reference (what the engine expects from Contentful)', () => {
        expect(createFieldReader({ type: 'image' }).readField(assetLink)).toEqual({ type: 'reference', refType: 'asset', refId: 'asset1' });
        expect(createFieldReader({ type: 'reference', models: [] }).readField(entryLink)).toEqual({ type: 'reference', refType: 'document', refId: 'entry1' });
    });

    it('does not invent a reference from a value that is not a link', () => {
        expect(createFieldReader({ type: 'reference', models: [] }).readField({ sys: {} })).toBeUndefined();
        expect(createFieldReader({ type: 'image' }).readField('asset1')).toBeUndefined();
    });

    it('reads lists of links, skipping null items', () => {
        const reader = createFieldReader({ type: 'list', items: { type: 'reference', models: [] } });
        expect(reader.readField([entryLink, null, { sys: { type: 'Link', linkType: 'Entry', id: 'entry2' } }])).toEqual({
            type: 'list',
            items: [
                { type: 'reference', refType: 'document', refId: 'entry1' },
                { type: 'reference', refType: 'document', refId: 'entry2' }
            ]
        });
        expect(createFieldReader({ type: 'list', items: { type: 'image' } }).readLocale([assetLink], 'de')).toEqual({
            locale: 'de',
            items: [{ type: 'reference', refType: 'asset', refId: 'asset1' }]
        });
    });

    it('reads cross-space resource links, with or without an environment in the URN', () => {
        const reader = createFieldReader({ type: 'cross-reference', models: [] });
        expect(reader.readField({ sys: { type: 'ResourceLink', linkType: 'Contentful:Entry', urn: 'crn:contentful:::content:spaces/sp1/entries/e9' } })).toEqual({
            type: 'cross-reference',
            refType: 'document',
            refId: 'e9',
            refSrcType: 'contentful',
            refProjectId: 'sp1'
        });
        expect(parseEntryUrn('crn:contentful:::content:spaces/sp1/environments/staging/entries/e9')).toEqual({ spaceId: 'sp1', environmentId: 'staging', entryId: 'e9' });
        expect(parseEntryUrn('crn:contentful:::content:spaces/sp1/assets/a1')).toBeUndefined();
    });

    it('reads recorded rich text with a plain-text hint', () => {
        const entry = recording<EntryProps>('php-entry-rich-text.json');
        const value = (entry.fields as Record<string, Record<string, unknown>>).body!['en-US'];
        const field = createFieldReader({ type: 'richText' }).readField(value);
        expect(field).toMatchObject({ type: 'richText', value });
        const hint = (field as { hint: string }).hint;
        expect(hint.length).toBeGreaterThan(0);
        expect(hint.length).toBeLessThanOrEqual(200);
    });

    it('cuts the rich-text hint at the limit and survives deep nesting', () => {
        let node: Record<string, unknown> = { nodeType: 'text', value: 'deep' };
        for (let depth = 0; depth < 20_000; depth++) {
            node = { nodeType: 'paragraph', content: [node] };
        }
        expect(richTextHint(node)).toBe('deep');
        const long = { nodeType: 'document', content: [{ nodeType: 'text', value: 'x'.repeat(500) }] };
        expect(richTextHint(long)).toHaveLength(200);
    });
});

describe('writing Contentful values', () => {
    it('writes links for references and images', () => {
        expect(toContentfulValue({ type: 'reference', refType: 'document', refId: 'e1' }, { type: 'reference', models: [] }, target)).toEqual({ sys: { type: 'Link', linkType: 'Entry', id: 'e1' } });
        expect(toContentfulValue({ type: 'reference', refType: 'asset', refId: 'a1' }, { type: 'image' }, target)).toEqual({ sys: { type: 'Link', linkType: 'Asset', id: 'a1' } });
        expect(toContentfulValue({ type: 'image', value: 'a2' }, { type: 'image' }, target)).toEqual({ sys: { type: 'Link', linkType: 'Asset', id: 'a2' } });
    });

    it('writes resource links from cross-references (object or JSON string)', () => {
        const expected = { sys: { type: 'ResourceLink', linkType: 'Contentful:Entry', urn: 'crn:contentful:::content:spaces/sp2/entries/e5' } };
        const field: FieldSpecificProps = { type: 'cross-reference', models: [] };
        expect(toContentfulValue({ type: 'cross-reference', value: { refId: 'e5', refProjectId: 'sp2', refSrcType: 'contentful' } }, field, target)).toEqual(expected);
        expect(toContentfulValue({ type: 'cross-reference', value: JSON.stringify({ refId: 'e5', refProjectId: 'sp2', refSrcType: 'contentful' }) } as never, field, target)).toEqual(expected);
    });

    it('writes lists item by item with the item model', () => {
        const value = toContentfulValue(
            { type: 'list', items: [{ type: 'reference', refType: 'document', refId: 'e1' }, { type: 'reference', refType: 'document', refId: 'e2' }] },
            { type: 'list', items: { type: 'reference', models: [] } },
            target
        );
        expect(value).toEqual([
            { sys: { type: 'Link', linkType: 'Entry', id: 'e1' } },
            { sys: { type: 'Link', linkType: 'Entry', id: 'e2' } }
        ]);
    });

    it('coerces numbers, numeric enums of Integer fields, and booleans', () => {
        expect(toContentfulValue({ type: 'number', value: '42' }, { type: 'number' }, target)).toBe(42);
        expect(toContentfulValue({ type: 'enum', value: '3' }, { type: 'enum', options: [1, 2, 3] }, { ...target, contentfulType: 'Integer' })).toBe(3);
        expect(toContentfulValue({ type: 'enum', value: 'wide' }, { type: 'enum', options: ['wide'] }, { ...target, contentfulType: 'Symbol' })).toBe('wide');
        expect(toContentfulValue({ type: 'boolean', value: 'false' }, { type: 'boolean' }, target)).toBe(false);
    });

    it('passes JSON, dates and rich text through unchanged', () => {
        const location = { lat: 1, lon: 2 };
        expect(toContentfulValue({ type: 'json', value: location }, { type: 'json' }, target)).toBe(location);
        expect(toContentfulValue({ type: 'datetime', value: '2024-01-02T03:04:05Z' }, { type: 'datetime' }, target)).toBe('2024-01-02T03:04:05Z');
    });

    it('returns "no value" for empty inputs so the caller unsets the locale key', () => {
        expect(isEmptyValue(toContentfulValue({ type: 'string', value: '' }, { type: 'string' }, target))).toBe(true);
        expect(isEmptyValue(toContentfulValue({ type: 'number', value: '' }, { type: 'number' }, target))).toBe(true);
        expect(isEmptyValue(toContentfulValue({ type: 'image', value: null }, { type: 'image' }, target))).toBe(true);
        expect(isEmptyValue(toContentfulValue({ type: 'list', items: [] }, { type: 'list', items: { type: 'string' } }, target))).toBe(true);
        expect(isEmptyValue(0)).toBe(false);
        expect(isEmptyValue(false)).toBe(false);
    });

    it('refuses values Contentful cannot store, naming model, field and locale', () => {
        expect(() => toContentfulValue({ type: 'number', value: 'abc' }, { type: 'number' }, target)).toThrow(/Field "title" of model "page" \(locale "fr"\): expected a number/);
        expect(() => toContentfulValue({ type: 'number', value: 1.5 }, { type: 'number' }, { ...target, contentfulType: 'Integer' })).toThrow(/whole number/);
        expect(() => toContentfulValue({ type: 'object', fields: {} }, { type: 'json' }, target)).toThrow(/nested "object"/);
        expect(() => toContentfulValue({ type: 'boolean', value: 'yes' }, { type: 'boolean' }, target)).toThrow(/true or false/);
        expect(() => toContentfulValue({ type: 'cross-reference', value: { refId: 'x' } } as never, { type: 'cross-reference', models: [] }, target)).toThrow(/refProjectId/);
        expect(() => toContentfulValue({ type: 'list', items: [] }, { type: 'string' }, target)).toThrow(/list value/);
    });
});
