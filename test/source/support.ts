// Shared setup of the adapter tests (test/source): the emulator of test/helpers/emulator.ts (whose
// `intercept` puts a handler in front of the emulator, e.g. to change an entry between the adapter's
// GET and its PUT), plus small spaces the demo space does not cover.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Document, DocumentField } from '@stackbit/types';
import { EmulatedSpace, RequestLog } from '../../src/emulator/index.js';

import { useEmulator, type EmulatorHandle } from '../helpers/emulator.js';

export { startSource, testOptions, DEMO_OBJECT_LEVEL, CMA_BASE } from '../helpers/emulator.js';

/** The emulator for adapter tests: the shared helper (it can also put handlers in front of the emulator). */
export const useSourceEmulator = useEmulator;
export type SourceEmulator = EmulatorHandle;

/** One recorded Contentful response body from test/fixtures/contentful-recordings. */
export function recording(name: string): any {
    return JSON.parse(readFileSync(new URL(`../fixtures/contentful-recordings/${name}`, import.meta.url), 'utf8'));
}

/** The document with this id (fails the test when missing). */
export function byId<T extends { id: string }>(items: readonly T[], id: string): T {
    const found = items.find((item) => item.id === id);
    expect(found, `item "${id}"`).toBeDefined();
    return found!;
}

/** The value of a localized document field in one locale (undefined when the locale has none). */
export function localeValue(document: Document, fieldId: string, locale: string): unknown {
    const field = document.fields[fieldId] as DocumentField | undefined;
    if (!field) return undefined;
    if (field.localized) {
        return (field.locales as Record<string, { value?: unknown }>)[locale]?.value;
    }
    return undefined;
}

/** The value of a non-localized document field. */
export function plainValue(document: Document, fieldId: string): unknown {
    const field = document.fields[fieldId] as DocumentField | undefined;
    if (!field || field.localized) return undefined;
    return (field as { value?: unknown }).value;
}

/** Requests that are not GETs, as `METHOD /route` strings (what reached "Contentful" as a write). */
export function writesOf(log: RequestLog): string[] {
    return log.writes().map((entry) => `${entry.method} ${entry.route}`);
}

/** Deletes an entry the way another Contentful user would (unpublishing it first when published). */
export async function deleteInContentful(emulator: SourceEmulator, entryId: string): Promise<void> {
    const url = `${emulator.base}/entries/${entryId}`;
    const headers = { Authorization: 'Bearer someone-else', 'X-Emulator-User': 'other-user' };
    if (emulator.space.getEntry(entryId)?.sys.publishedVersion !== undefined) {
        expect((await fetch(`${url}/published`, { method: 'DELETE', headers })).status).toBe(200);
    }
    expect((await fetch(url, { method: 'DELETE', headers })).status).toBe(204);
}

const symbol = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id, type: 'Symbol', localized: false, required: false, validations: [], disabled: false, omitted: false, ...extra });

/**
 * A small space whose default locale is NOT en-US (de-DE, with fr-FR → de-DE and it-IT → fr-FR), and
 * one content type (`article`) with a field of every Contentful field type, plus an `author` type.
 */
export function everyFieldTypeSpace(options: { localeBasedPublishing?: boolean } = {}): EmulatedSpace {
    const space = new EmulatedSpace({ spaceId: 'types', localeBasedPublishing: options.localeBasedPublishing });
    space.addUser({ id: 'user-olga', email: 'olga@example.de', firstName: 'Olga', lastName: 'Becker' });
    space.addUser({ id: 'user-marc', email: 'marc@example.fr', firstName: 'Marc', lastName: 'Roux' });
    space.addLocale({ code: 'de-DE', name: 'German', default: true, fallbackCode: null });
    space.addLocale({ code: 'fr-FR', name: 'French', default: false, fallbackCode: 'de-DE', optional: true });
    space.addLocale({ code: 'it-IT', name: 'Italian', default: false, fallbackCode: 'fr-FR', optional: true });
    space.addContentType(
        {
            sys: { id: 'author', type: 'ContentType', version: 1 },
            name: 'Author',
            displayField: 'name',
            fields: [symbol('name', { required: true })]
        },
        { sys: { id: 'default', type: 'EditorInterface', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'author' } } }, controls: [] }
    );
    space.addContentType(
        {
            sys: { id: 'article', type: 'ContentType', version: 1 },
            name: 'Article',
            displayField: 'title',
            fields: [
                symbol('title', { localized: true, required: true }),
                symbol('slug', { validations: [{ unique: true }] }),
                symbol('website'),
                symbol('category', { validations: [{ in: ['news', 'guide'] }] }),
                { ...symbol('summary'), type: 'Text', localized: true },
                { ...symbol('body'), type: 'Text', localized: true },
                { ...symbol('views'), type: 'Integer' },
                { ...symbol('rating'), type: 'Number' },
                { ...symbol('published'), type: 'Date' },
                { ...symbol('day'), type: 'Date' },
                { ...symbol('featured'), type: 'Boolean' },
                { ...symbol('place'), type: 'Location' },
                { ...symbol('meta'), type: 'Object' },
                { ...symbol('content'), type: 'RichText', localized: true },
                { ...symbol('cover'), type: 'Link', linkType: 'Asset', localized: true },
                { ...symbol('author'), type: 'Link', linkType: 'Entry', validations: [{ linkContentType: ['author'] }] },
                { ...symbol('tags'), type: 'Array', localized: true, items: { type: 'Symbol', validations: [] } },
                { ...symbol('related'), type: 'Array', items: { type: 'Link', linkType: 'Entry', validations: [{ linkContentType: ['article'] }] } },
                { ...symbol('gallery'), type: 'Array', items: { type: 'Link', linkType: 'Asset', validations: [] } },
                {
                    ...symbol('partner'),
                    type: 'ResourceLink',
                    allowedResources: [{ type: 'Contentful:Entry', source: 'crn:contentful:::content:spaces/other-space', contentTypes: ['partner'] }]
                },
                {
                    ...symbol('partners'),
                    type: 'Array',
                    items: { type: 'ResourceLink', validations: [] },
                    allowedResources: [{ type: 'Contentful:Entry', source: 'crn:contentful:::content:spaces/other-space', contentTypes: ['partner'] }]
                }
            ]
        },
        {
            sys: { id: 'default', type: 'EditorInterface', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'article' } } },
            controls: [
                { fieldId: 'slug', widgetId: 'slugEditor' },
                { fieldId: 'website', widgetId: 'urlEditor' },
                { fieldId: 'summary', widgetId: 'multipleLine' },
                { fieldId: 'body', widgetId: 'markdown' },
                { fieldId: 'day', widgetId: 'datePicker', settings: { format: 'dateonly' } }
            ]
        }
    );
    const link = (linkType: string, id: string) => ({ sys: { type: 'Link', linkType, id } });
    space.addAsset({
        sys: { id: 'cover-de', createdBy: link('User', 'user-olga') as never, updatedBy: link('User', 'user-marc') as never },
        fields: {
            title: { 'de-DE': 'Titelbild', 'fr-FR': 'Image de couverture' },
            file: {
                'de-DE': { url: '//images.ctfassets.net/types/cover-de.png', fileName: 'cover-de.png', contentType: 'image/png', details: { size: 100, image: { width: 10, height: 10 } } },
                'fr-FR': { url: '//images.ctfassets.net/types/cover-fr.png', fileName: 'cover-fr.png', contentType: 'image/png', details: { size: 120, image: { width: 12, height: 12 } } }
            }
        }
    });
    space.addEntry({ sys: { id: 'author-olga', contentType: link('ContentType', 'author') as never }, fields: { name: { 'de-DE': 'Olga Becker' } } });
    space.addEntry({
        sys: { id: 'article-1', contentType: link('ContentType', 'article') as never, createdBy: link('User', 'user-olga') as never, updatedBy: link('User', 'user-marc') as never },
        fields: {
            title: { 'de-DE': 'Hallo Welt', 'fr-FR': 'Bonjour le monde' },
            slug: { 'de-DE': 'hallo-welt' },
            website: { 'de-DE': 'https://example.de' },
            category: { 'de-DE': 'news' },
            summary: { 'de-DE': 'Kurz', 'it-IT': 'Breve' },
            body: { 'de-DE': '# Text' },
            views: { 'de-DE': 42 },
            rating: { 'de-DE': 4.5 },
            published: { 'de-DE': '2024-05-01T10:00:00.000Z' },
            day: { 'de-DE': '2024-05-01' },
            featured: { 'de-DE': true },
            place: { 'de-DE': { lat: 52.52, lon: 13.405 } },
            meta: { 'de-DE': { a: 1 } },
            content: { 'de-DE': { nodeType: 'document', data: {}, content: [{ nodeType: 'paragraph', data: {}, content: [{ nodeType: 'text', value: 'Hallo', marks: [], data: {} }] }] } },
            cover: { 'de-DE': link('Asset', 'cover-de'), 'fr-FR': link('Asset', 'cover-de') },
            author: { 'de-DE': link('Entry', 'author-olga') },
            tags: { 'de-DE': ['eins', 'zwei'], 'fr-FR': ['un'] },
            related: { 'de-DE': [link('Entry', 'article-1')] },
            gallery: { 'de-DE': [link('Asset', 'cover-de')] },
            partner: { 'de-DE': { sys: { type: 'ResourceLink', linkType: 'Contentful:Entry', urn: 'crn:contentful:::content:spaces/other-space/entries/p1' } } }
        }
    });
    return space;
}
