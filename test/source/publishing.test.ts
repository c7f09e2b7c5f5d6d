// CSI publishDocuments / unpublishDocuments / validateDocuments through the emulator: the direct
// endpoint for one item, bulk actions for many (≤ 200 per action, ≤ 5 active at once, waited for
// with backoff), partial failures named per document, and validation errors mapped to field paths
// and locales of a space whose default locale is not en-US.
import { describe, expect, it } from 'vitest';
import type { Document } from '@stackbit/types';
import type { EmulatedSpace, LoggedRequest, RequestLog } from '../../src/emulator/index.js';
import { byId, deleteInContentful, everyFieldTypeSpace, startSource, useSourceEmulator, writesOf } from './support.js';

/** Adds `count` draft products (p-0000 …) to the demo space. */
function addDraftProducts(space: EmulatedSpace, count: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
        const id = `p-${String(i).padStart(4, '0')}`;
        space.addEntry({ sys: { id, contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } as never }, fields: { name: { 'en-US': `Product ${i}` }, sku: { 'en-US': `SKU-${i}` } } });
        ids.push(id);
    }
    return ids;
}

const bulkCreates = (log: RequestLog, action: string): LoggedRequest[] => log.filter({ method: 'POST', route: `/bulk_actions/${action}` });
const itemsOf = (request: LoggedRequest) => (request.body as { entities: { items: { sys: { id: string; version?: number } }[] } }).entities.items;

/** Most bulk actions in progress at once, from the log: created by a POST, over at its last poll. */
function maxActiveBulkActions(log: RequestLog): number {
    const requests = log.all();
    const lastPollIndex = new Map<string, number>();
    requests.forEach((request, index) => {
        const id = /\/bulk_actions\/actions\/([^/]+)$/.exec(request.path)?.[1];
        if (id) lastPollIndex.set(id, index);
    });
    let created = 0;
    let max = 0;
    requests.forEach((request, index) => {
        if (request.method === 'POST' && request.route.startsWith('/bulk_actions/')) {
            created++;
            const finished = [...lastPollIndex.values()].filter((last) => last < index).length;
            max = Math.max(max, created - finished);
        }
    });
    return max;
}

describe('publishDocuments', () => {
    const emulator = useSourceEmulator();

    it('one document: the direct publish endpoint with its current version, and the engine sees it published', async () => {
        const { source, documents, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.publishDocuments({ documents: [byId(documents, 'product-kettle')], assets: [] });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id/published']);
        expect(emulator.log.writes()[0]!.headers['x-contentful-version']).toBe('1');
        expect(emulator.space.getEntry('product-kettle')!.sys.publishedVersion).toBe(1);
        expect(byId(cache.updates.at(-1)!.documents ?? [], 'product-kettle').status).toBe('published');
    });

    it('a stale cached version does not fail the publish: the current version is read first', async () => {
        const { source, documents } = await startSource(emulator.space);
        emulator.space.editEntry('product-kettle', (fields) => ({ ...fields, price: { 'en-US': 61 } }));
        await source.publishDocuments({ documents: [byId(documents, 'product-kettle')], assets: [] });
        const entry = emulator.space.getEntry('product-kettle')!;
        expect(entry.sys.publishedVersion).toBe(2);
        expect(emulator.space.getPublishedEntry('product-kettle')!.fields.price).toEqual({ 'en-US': 61 });
    });

    it('documents and assets together: one bulk action, polled until it ends; up-to-date items are not resent', async () => {
        const { source, documents, assets, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.publishDocuments({
            documents: [byId(documents, 'product-kettle'), byId(documents, 'product-grinder'), byId(documents, 'product-espresso')],
            assets: [byId(assets, 'asset-hero')]
        });
        const [create] = bulkCreates(emulator.log, 'publish');
        expect(bulkCreates(emulator.log, 'publish')).toHaveLength(1);
        // The espresso machine and the hero image were already published as they are.
        expect(itemsOf(create!).map((item) => item.sys.id).sort()).toEqual(['product-grinder', 'product-kettle']);
        expect(emulator.log.count({ method: 'GET', route: '/bulk_actions/actions/:id' })).toBeGreaterThanOrEqual(1);
        for (const id of ['product-kettle', 'product-grinder']) {
            const entry = emulator.space.getEntry(id)!;
            expect(entry.sys.version).toBe(entry.sys.publishedVersion! + 1);
        }
        const statuses = Object.fromEntries((cache.updates.at(-1)!.documents ?? []).map((d) => [d.id, d.status]));
        expect(statuses).toEqual({ 'product-kettle': 'published', 'product-grinder': 'published' });
    });

    it('450 documents, slow bulk actions (4 polls each): three actions of at most 200, each waited for with growing pauses', async () => {
        const ids = addDraftProducts(emulator.space, 450);
        emulator.use(emulator.space, { bulkActionPolls: 4 });
        const { source, documents, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.publishDocuments({ documents: documents.filter((d) => ids.includes(d.id)), assets: [] });
        const creates = bulkCreates(emulator.log, 'publish');
        expect(creates.map((request) => itemsOf(request).length).sort((a, b) => b - a)).toEqual([200, 200, 50]);
        expect(new Set(creates.flatMap((request) => itemsOf(request).map((item) => item.sys.id))).size).toBe(450);
        expect(creates.every((request) => request.status === 201)).toBe(true);
        const polls = new Map<string, LoggedRequest[]>();
        for (const request of emulator.log.filter({ method: 'GET', route: '/bulk_actions/actions/:id' })) {
            polls.set(request.path, [...(polls.get(request.path) ?? []), request]);
        }
        expect(polls.size).toBe(3);
        for (const requests of polls.values()) {
            // Polled until terminal (the 4th answer), not given up on after a fixed few tries.
            expect(requests).toHaveLength(4);
            const times = requests.map((r) => Date.parse(r.timestamp));
            const gaps = times.slice(1).map((time, i) => time - times[i]!);
            expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
        }
        expect(ids.every((id) => emulator.space.getEntry(id)!.sys.publishedVersion === 1)).toBe(true);
        const pushed = cache.updates.at(-1)!.documents ?? [];
        expect(pushed).toHaveLength(450);
        expect(pushed.every((d) => d.status === 'published')).toBe(true);
    });

    it('1050 documents: six bulk actions, never more than 5 active at once (no 429 from Contentful)', async () => {
        const ids = addDraftProducts(emulator.space, 1050);
        emulator.use(emulator.space, { bulkActionPolls: 2 });
        const { source, documents } = await startSource(emulator.space);
        emulator.log.clear();
        await source.publishDocuments({ documents: documents.filter((d) => ids.includes(d.id)), assets: [] });
        expect(bulkCreates(emulator.log, 'publish')).toHaveLength(6);
        expect(emulator.log.count({ status: 429 })).toBe(0);
        expect(maxActiveBulkActions(emulator.log)).toBe(5);
        expect(ids.every((id) => emulator.space.getEntry(id)!.sys.publishedVersion !== undefined)).toBe(true);
    });

    it('a bulk action that outlasts requests.bulkActionTimeoutMs fails naming the action and the option', async () => {
        addDraftProducts(emulator.space, 3);
        emulator.use(emulator.space, { bulkActionPolls: 50 });
        const { source, documents } = await startSource(emulator.space, { requests: { bulkActionTimeoutMs: 400 } });
        const error = await source.publishDocuments({ documents: documents.filter((d) => d.id.startsWith('p-')), assets: [] }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/Published all but 3 item\(s\)/);
        expect((error as Error).message).toMatch(/did not finish within 400 ms.*requests\.bulkActionTimeoutMs/);
    });

    it('an invalid document is named with its field and locale; the others are still published', async () => {
        addDraftProducts(emulator.space, 2);
        // A product without its required name.
        emulator.space.addEntry({ sys: { id: 'p-nameless', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } as never }, fields: { sku: { 'en-US': 'X' } } });
        const { source, documents } = await startSource(emulator.space);
        const error = await source.publishDocuments({ documents: documents.filter((d) => d.id.startsWith('p-')), assets: [] }).catch((e: Error) => e);
        expect((error as Error).message).toMatch(/Published all but 1 item\(s\): document "p-nameless".*required field "name" in "en-US"/);
        expect(emulator.space.getEntry('p-0000')!.sys.publishedVersion).toBe(1);
        expect(emulator.space.getEntry('p-0001')!.sys.publishedVersion).toBe(1);
        expect(emulator.space.getEntry('p-nameless')!.sys.publishedVersion).toBeUndefined();
    });

    it('a document deleted in Contentful meanwhile is reported by id', async () => {
        const { source, documents } = await startSource(emulator.space);
        await deleteInContentful(emulator, 'product-kettle');
        await expect(source.publishDocuments({ documents: [byId(documents, 'product-kettle')], assets: [] })).rejects.toThrow(/document "product-kettle" no longer exists/);
    });
});

describe('unpublishDocuments', () => {
    const emulator = useSourceEmulator();

    it('one document: DELETE …/published; several: a bulk unpublish; drafts are left alone', async () => {
        const { source, documents, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.unpublishDocuments({ documents: [byId(documents, 'product-espresso')], assets: [] });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id/published']);
        expect(emulator.space.getEntry('product-espresso')!.sys.publishedVersion).toBeUndefined();
        expect(byId(cache.updates.at(-1)!.documents ?? [], 'product-espresso').status).toBe('added');

        emulator.log.clear();
        const many: Document[] = ['about-en-US', 'about-fr', 'product-grinder', 'product-kettle'].map((id) => byId(documents, id));
        await source.unpublishDocuments({ documents: many as never, assets: [] });
        const [create] = bulkCreates(emulator.log, 'unpublish');
        expect(itemsOf(create!).map((item) => item.sys.id).sort()).toEqual(['about-en-US', 'about-fr', 'product-grinder']);
        for (const id of ['about-en-US', 'about-fr', 'product-grinder']) {
            expect(emulator.space.getEntry(id)!.sys.publishedVersion).toBeUndefined();
        }
    });
});

describe('validateDocuments (default locale de-DE)', () => {
    const emulator = useSourceEmulator(() => {
        const space = everyFieldTypeSpace();
        // French is required (not optional) here, so a missing French title is an error.
        space.addLocale({ code: 'fr-FR', name: 'French', default: false, fallbackCode: 'de-DE', optional: false });
        const link = (linkType: string, id: string) => ({ sys: { type: 'Link', linkType, id } }) as never;
        space.addEntry({ sys: { id: 'article-bad', contentType: link('ContentType', 'article') }, fields: { title: { 'it-IT': 'Solo italiano' }, slug: { 'de-DE': 'hallo-welt' }, category: { 'de-DE': 'opinion' } } });
        return space;
    });

    it('maps Contentful’s errors to field paths without a locale segment and names the locale', async () => {
        const { source, documents } = await startSource(emulator.space);
        emulator.log.clear();
        const { errors } = await source.validateDocuments({ documents: [byId(documents, 'article-bad'), byId(documents, 'article-1')], assets: [], locale: 'fr-FR' });
        expect(emulator.log.filter({ method: 'POST' }).map((r) => r.route)).toEqual(['/bulk_actions/validate']);
        expect(emulator.log.writes().every((r) => r.route === '/bulk_actions/validate')).toBe(true);
        const bad = errors.filter((e) => e.objectId === 'article-bad');
        expect(bad).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ objectType: 'document', fieldPath: ['title'], message: expect.stringContaining('locale "de-DE"') }),
                expect.objectContaining({ objectType: 'document', fieldPath: ['title'], message: expect.stringContaining('locale "fr-FR"') }),
                expect.objectContaining({ fieldPath: ['category'], message: expect.stringMatching(/expected values.*field "category", locale "de-DE"/) }),
                expect.objectContaining({ fieldPath: ['slug'], isUniqueValidation: true })
            ])
        );
        expect(errors.every((e) => !e.fieldPath.some((segment) => ['de-DE', 'fr-FR', 'it-IT', 'en-US'].includes(String(segment))))).toBe(true);
        expect(JSON.stringify(errors)).not.toContain('en-US');
        // The valid-but-for-unique article-1 is reported only for its duplicate slug.
        expect(errors.filter((e) => e.objectId === 'article-1').map((e) => e.fieldPath)).toEqual([['slug']]);
        // Validation wrote nothing.
        expect(emulator.space.getEntry('article-bad')!.sys.version).toBe(1);
    });

    it('no errors for valid documents', async () => {
        const { source, documents } = await startSource(emulator.space);
        const { errors } = await source.validateDocuments({ documents: [byId(documents, 'author-olga')], assets: [byId(await source.getAssets(), 'cover-de')] });
        expect(errors).toEqual([]);
    });
});
