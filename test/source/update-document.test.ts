// CSI updateDocument through the emulator: every opType with and without locale, empty values that
// unset the locale key (so fallback keeps working), refusals that write nothing, and the 409 path:
// another editor saves between the adapter's GET and PUT, the adapter refetches and reapplies, and
// both edits survive.
import { describe, expect, it } from 'vitest';
import { http } from 'msw';
import type { DataModel, Document, Field, FieldList, UpdateOperation } from '@stackbit/types';
import type { DocumentContext } from '../../src/index.js';
import { byId, deleteInContentful, everyFieldTypeSpace, localeValue, plainValue, startSource, useSourceEmulator, writesOf } from './support.js';

async function setup(emulator: ReturnType<typeof useSourceEmulator>) {
    const started = await startSource(emulator.space);
    const article = started.schema.models.find((m) => m.name === 'article') as DataModel;
    const field = (name: string): Field => article.fields!.find((f) => f.name === name)!;
    const document = () => byId(started.documents, 'article-1');
    const update = async (operations: UpdateOperation[], doc: Document = document()) => {
        emulator.log.clear();
        await started.source.updateDocument({ document: doc as never, operations });
    };
    /** The document the adapter last pushed to the engine's cache. */
    const pushed = (): Document<DocumentContext> => {
        const last = started.cache.updates.at(-1);
        expect(last, 'an updateContent call').toBeDefined();
        return byId(last!.documents ?? [], 'article-1') as Document<DocumentContext>;
    };
    const stored = () => emulator.space.getEntry('article-1')!;
    return { ...started, field, document, update, pushed, stored };
}

describe('updateDocument: set and unset', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());

    it('set with a locale writes that locale only, with the version it read, and the engine sees it', async () => {
        const t = await setup(emulator);
        const before = t.stored();
        await t.update([{ opType: 'set', fieldPath: ['title'], locale: 'fr-FR', modelField: t.field('title'), field: { type: 'string', value: 'Salut le monde' } }]);
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        const put = emulator.log.filter({ method: 'PUT' })[0]!;
        expect(put.headers['x-contentful-version']).toBe(String(before.sys.version));
        expect((put.body as { fields: Record<string, unknown> }).fields.title).toEqual({ 'de-DE': 'Hallo Welt', 'fr-FR': 'Salut le monde' });
        expect(t.stored().fields.title).toEqual({ 'de-DE': 'Hallo Welt', 'fr-FR': 'Salut le monde' });
        expect(t.stored().sys.version).toBe(before.sys.version + 1);
        expect(localeValue(t.pushed(), 'title', 'fr-FR')).toBe('Salut le monde');
        expect(t.pushed().context.sys.version).toBe(before.sys.version + 1);
        // Every other field is sent back untouched.
        expect(_omit(t.stored().fields, 'title')).toEqual(_omit(before.fields, 'title'));
    });

    it('set without a locale on a localized field writes the default locale (de-DE here)', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'set', fieldPath: ['title'], modelField: t.field('title'), field: { type: 'string', value: 'Servus' } }]);
        expect(t.stored().fields.title).toEqual({ 'de-DE': 'Servus', 'fr-FR': 'Bonjour le monde' });
    });

    it('set of a non-localized field stores it under the default locale only', async () => {
        const t = await setup(emulator);
        await t.update([
            { opType: 'set', fieldPath: ['views'], modelField: t.field('views'), field: { type: 'number', value: 7 } },
            { opType: 'set', fieldPath: ['featured'], modelField: t.field('featured'), field: { type: 'boolean', value: false } },
            { opType: 'set', fieldPath: ['category'], modelField: t.field('category'), field: { type: 'enum', value: 'guide' } }
        ]);
        expect(t.stored().fields.views).toEqual({ 'de-DE': 7 });
        expect(t.stored().fields.featured).toEqual({ 'de-DE': false });
        expect(t.stored().fields.category).toEqual({ 'de-DE': 'guide' });
        expect(plainValue(t.pushed(), 'views')).toBe(7);
        // Several operations are one save.
        expect(emulator.log.count({ method: 'PUT' })).toBe(1);
    });

    it('set of references: an entry link, an asset link in a locale, a cross-space resource link', async () => {
        const t = await setup(emulator);
        emulator.space.addEntry({ sys: { id: 'author-marc', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'author' } } as never }, fields: { name: { 'de-DE': 'Marc' } } });
        await t.update([
            { opType: 'set', fieldPath: ['author'], modelField: t.field('author'), field: { type: 'reference', refType: 'document', refId: 'author-marc' } },
            { opType: 'set', fieldPath: ['cover'], locale: 'it-IT', modelField: t.field('cover'), field: { type: 'reference', refType: 'asset', refId: 'cover-de' } },
            {
                opType: 'set',
                fieldPath: ['partner'],
                modelField: t.field('partner'),
                field: { type: 'cross-reference', value: { refSrcType: 'contentful', refProjectId: 'other-space', refId: 'p2' } }
            }
        ]);
        const fields = t.stored().fields;
        expect(fields.author).toEqual({ 'de-DE': { sys: { type: 'Link', linkType: 'Entry', id: 'author-marc' } } });
        expect(fields.cover!['it-IT']).toEqual({ sys: { type: 'Link', linkType: 'Asset', id: 'cover-de' } });
        expect(fields.partner!['de-DE']).toMatchObject({ sys: { type: 'ResourceLink', linkType: 'Contentful:Entry', urn: expect.stringContaining('spaces/other-space/entries/p2') } });
    });

    it.each([
        ['an empty string', { type: 'string', value: '' }],
        ['null', { type: 'string', value: null }]
    ])('setting %s removes the locale key instead of storing it (fallback keeps working)', async (_label, value) => {
        const t = await setup(emulator);
        await t.update([{ opType: 'set', fieldPath: ['title'], locale: 'fr-FR', modelField: t.field('title'), field: value as never }]);
        expect(t.stored().fields.title).toEqual({ 'de-DE': 'Hallo Welt' });
        expect(localeValue(t.pushed(), 'title', 'fr-FR')).toBeUndefined();
    });

    it('setting an empty list removes the locale key of that list', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'set', fieldPath: ['tags'], locale: 'fr-FR', modelField: t.field('tags'), field: { type: 'list', items: [] } }]);
        expect(t.stored().fields.tags).toEqual({ 'de-DE': ['eins', 'zwei'] });
    });

    it('emptying the last locale of a field removes the field', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'set', fieldPath: ['body'], locale: 'de-DE', modelField: t.field('body'), field: { type: 'markdown', value: '' } }]);
        expect(t.stored().fields).not.toHaveProperty('body');
    });

    it('unset with a locale removes only that locale', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'unset', fieldPath: ['summary'], locale: 'it-IT', modelField: t.field('summary') }]);
        expect(t.stored().fields.summary).toEqual({ 'de-DE': 'Kurz' });
        await t.update([{ opType: 'unset', fieldPath: ['website'], modelField: t.field('website') }], t.pushed());
        expect(t.stored().fields).not.toHaveProperty('website');
    });
});

describe('updateDocument: lists', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());
    const listOps = (t: Awaited<ReturnType<typeof setup>>) => t.field('tags') as FieldList;

    it('insert at an index and at the end, in a locale', async () => {
        const t = await setup(emulator);
        await t.update([
            { opType: 'insert', fieldPath: ['tags'], locale: 'de-DE', modelField: listOps(t), index: 1, item: { type: 'string', value: 'mitte' } },
            { opType: 'insert', fieldPath: ['tags'], locale: 'de-DE', modelField: listOps(t), item: { type: 'string', value: 'ende' } }
        ]);
        expect(t.stored().fields.tags).toEqual({ 'de-DE': ['eins', 'mitte', 'zwei', 'ende'], 'fr-FR': ['un'] });
    });

    it('insert into a locale that has no list yet starts one there (other locales untouched)', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'insert', fieldPath: ['tags'], locale: 'it-IT', modelField: listOps(t), index: 0, item: { type: 'string', value: 'uno' } }]);
        expect(t.stored().fields.tags).toEqual({ 'de-DE': ['eins', 'zwei'], 'fr-FR': ['un'], 'it-IT': ['uno'] });
    });

    it('remove an item, and removing the last item removes the locale key', async () => {
        const t = await setup(emulator);
        await t.update([{ opType: 'remove', fieldPath: ['tags'], locale: 'de-DE', modelField: listOps(t), index: 0 }]);
        expect(t.stored().fields.tags!['de-DE']).toEqual(['zwei']);
        await t.update([{ opType: 'remove', fieldPath: ['tags'], locale: 'fr-FR', modelField: listOps(t), index: 0 }], t.pushed());
        expect(t.stored().fields.tags).toEqual({ 'de-DE': ['zwei'] });
    });

    it('reorder, and set of one list item by path', async () => {
        const t = await setup(emulator);
        await t.update([
            { opType: 'reorder', fieldPath: ['tags'], locale: 'de-DE', modelField: listOps(t), order: [1, 0] },
            { opType: 'set', fieldPath: ['tags', 0], locale: 'de-DE', modelField: { type: 'string' }, field: { type: 'string', value: 'ZWEI' } }
        ]);
        expect(t.stored().fields.tags!['de-DE']).toEqual(['ZWEI', 'eins']);
    });

    it('a non-localized list of links: insert and remove write the default locale', async () => {
        const t = await setup(emulator);
        const gallery = t.field('gallery') as FieldList;
        await t.update([{ opType: 'insert', fieldPath: ['gallery'], modelField: gallery, index: 0, item: { type: 'reference', refType: 'asset', refId: 'cover-de' } }]);
        expect(t.stored().fields.gallery!['de-DE']).toHaveLength(2);
        await t.update([{ opType: 'remove', fieldPath: ['gallery'], modelField: gallery, index: 1 }], t.pushed());
        expect(t.stored().fields.gallery).toEqual({ 'de-DE': [{ sys: { type: 'Link', linkType: 'Asset', id: 'cover-de' } }] });
    });

    it('an index that does not exist fails naming field and locale, and writes nothing', async () => {
        const t = await setup(emulator);
        await expect(t.update([{ opType: 'remove', fieldPath: ['tags'], locale: 'fr-FR', modelField: listOps(t), index: 5 }])).rejects.toThrow(/field "tags".*locale "fr-FR"/);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('updateDocument: refusals', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());

    it('a locale the space does not have is refused before any request', async () => {
        const t = await setup(emulator);
        await expect(t.update([{ opType: 'set', fieldPath: ['title'], locale: 'es-ES', modelField: t.field('title'), field: { type: 'string', value: 'Hola' } }])).rejects.toThrow(
            /field "title" of document "article-1" in locale "es-ES": it is not a locale of the space/
        );
        expect(emulator.log.all()).toEqual([]);
    });

    it('a field the model does not have is refused and nothing is written', async () => {
        const t = await setup(emulator);
        await expect(t.update([{ opType: 'set', fieldPath: ['subtitle'], modelField: t.field('title'), field: { type: 'string', value: 'x' } }])).rejects.toThrow(
            /document "article-1".*no field "subtitle"/
        );
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a document deleted in Contentful meanwhile fails with the document named', async () => {
        const t = await setup(emulator);
        await deleteInContentful(emulator, 'article-1');
        await expect(t.update([{ opType: 'set', fieldPath: ['views'], modelField: t.field('views'), field: { type: 'number', value: 1 } }])).rejects.toThrow(/article-1.*404|404.*article-1/);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('updateDocument: concurrent edits (409 VersionMismatch)', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());

    /** Another editor saves `mutate` right before the adapter's next PUT of the entry (once). */
    function concurrentEditBeforeNextPut(mutate: (fields: Record<string, Record<string, unknown>>) => void): void {
        let done = false;
        emulator.intercept(
            http.put(`${emulator.base}/entries/article-1`, () => {
                if (!done) {
                    done = true;
                    emulator.space.editEntryAsAnotherUser('article-1', (fields) => void mutate(fields));
                }
                return undefined; // fall through to the emulator, which now has a newer version
            })
        );
    }

    it('refetches and reapplies: the other editor’s change to another field is kept', async () => {
        const t = await setup(emulator);
        const versionRead = t.stored().sys.version;
        concurrentEditBeforeNextPut((fields) => {
            fields.summary = { ...fields.summary, 'fr-FR': 'Résumé de Marc' };
        });
        await t.update([{ opType: 'set', fieldPath: ['title'], locale: 'fr-FR', modelField: t.field('title'), field: { type: 'string', value: 'Salut' } }]);
        const entry = t.stored();
        expect(entry.fields.title!['fr-FR']).toBe('Salut');
        expect(entry.fields.summary).toEqual({ 'de-DE': 'Kurz', 'it-IT': 'Breve', 'fr-FR': 'Résumé de Marc' });
        // GET → PUT (409, stale version) → GET → PUT (200, fresh version).
        const entryRequests = emulator.log.filter({ route: '/entries/:id' }).map((r) => `${r.method} ${r.status} ${r.headers['x-contentful-version'] ?? ''}`.trim());
        expect(entryRequests).toEqual(['GET 200', `PUT 409 ${versionRead}`, 'GET 200', `PUT 200 ${versionRead + 1}`]);
        expect(entry.sys.version).toBe(versionRead + 2);
        // The engine gets the merged result, not the adapter's stale view.
        expect(localeValue(t.pushed(), 'summary', 'fr-FR')).toBe('Résumé de Marc');
        expect(t.pushed().updatedBy).toEqual(['olga@example.de']);
    });

    it('a list insert is reapplied on the fresh list, not on the stale one', async () => {
        const t = await setup(emulator);
        concurrentEditBeforeNextPut((fields) => {
            fields.tags = { ...fields.tags, 'de-DE': ['null', 'eins', 'zwei'] };
        });
        await t.update([{ opType: 'insert', fieldPath: ['tags'], locale: 'de-DE', modelField: t.field('tags') as FieldList, item: { type: 'string', value: 'drei' } }]);
        expect(t.stored().fields.tags!['de-DE']).toEqual(['null', 'eins', 'zwei', 'drei']);
    });

    it('the same field edited by both: the adapter’s value, applied last, wins and the save still succeeds', async () => {
        const t = await setup(emulator);
        concurrentEditBeforeNextPut((fields) => {
            fields.title = { ...fields.title, 'fr-FR': 'Version de Marc', 'de-DE': 'Marcs Version' };
        });
        await t.update([{ opType: 'set', fieldPath: ['title'], locale: 'fr-FR', modelField: t.field('title'), field: { type: 'string', value: 'Version d’Olga' } }]);
        // Only the locale the adapter wrote is overwritten; Marc's de-DE edit survives.
        expect(t.stored().fields.title).toEqual({ 'de-DE': 'Marcs Version', 'fr-FR': 'Version d’Olga' });
    });
});

function _omit<T extends Record<string, unknown>>(object: T, key: string): Partial<T> {
    const { [key]: _removed, ...rest } = object;
    return rest as Partial<T>;
}
