// Deletions made outside the editor are found without listing every id of a large space: the count
// check narrows the differing creation-time ranges, and creations alone never start a search.
import { describe, expect, it } from 'vitest';
import type { ContentChanges } from '@stackbit/types';
import { createDemoSpace, type EmulatedSpace } from '../../src/emulator/index.js';
import { deleteEntity, requireRecord } from '../../src/emulator/lifecycle.js';
import type { ContentWatcher } from '../../src/contentful/sync.js';
import { startSource, useEmulator, DEMO_OBJECT_LEVEL } from '../helpers/emulator.js';

const EXTRA = 4500;
const START = Date.parse('2024-06-01T00:00:00.000Z');

/** The demo space plus 4,500 non-localized entries created a second apart (five pages of ids). */
function largeSpace(): EmulatedSpace {
    const space = createDemoSpace();
    for (let index = 0; index < EXTRA; index += 1) {
        const at = new Date(START + index * 1000).toISOString();
        space.addEntry({ sys: { id: `config-${index}`, contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'siteConfig' } }, createdAt: at, updatedAt: at, version: 1 }, fields: { siteName: { 'en-US': `Site ${index}` } } });
    }
    return space;
}

const NO_TIMERS = { objectLevel: DEMO_OBJECT_LEVEL, sync: { pollIntervalMs: 3_600_000, deletionCheckIntervalMs: 3_600_000 } };

function deletedIds(updates: ContentChanges[]): string[] {
    return updates.flatMap((changes) => changes.deletedDocumentIds ?? []);
}

describe('deletion check on a space of 4,500+ entries', () => {
    const emulator = useEmulator(largeSpace);

    async function watched() {
        const started = await startSource(emulator.space, NO_TIMERS);
        const watcher = (started.source as unknown as { watcher: ContentWatcher }).watcher;
        emulator.log.clear();
        return { ...started, watcher };
    }

    const idListings = () => emulator.log.filter({ method: 'GET', route: '/entries' }).filter((request) => request.query.select === 'sys.id' && request.query.limit !== '1');

    it('reports one deleted entry with a handful of small requests and a single page of ids', async () => {
        const { cache, watcher, source } = await watched();
        deleteEntity(emulator.space, requireRecord(emulator.space, 'Entry', 'config-2718'));
        await watcher.checkDeletionsAndSchema();
        expect(deletedIds(cache.updates)).toEqual(['config-2718']);
        expect(source.runtimeOrUndefined()!.store.documents.has('config-2718')).toBe(false);
        // A full scan would list 5 pages of ids; the search lists one page of at most 1,000.
        expect(idListings()).toHaveLength(1);
        expect(emulator.log.all().length).toBeLessThanOrEqual(12);
    });

    it('reports deletions in several places (draft and previously published) and nothing else', async () => {
        const { cache, watcher } = await watched();
        for (const id of ['config-3', 'config-1999', 'config-4498']) deleteEntity(emulator.space, requireRecord(emulator.space, 'Entry', id));
        // A demo entry that was published: unpublished, then deleted, as Contentful requires.
        await emulator.space.publishEntry('product-kettle');
        const kettle = requireRecord(emulator.space, 'Entry', 'product-kettle');
        const { applyUnpublish } = await import('../../src/emulator/lifecycle.js');
        applyUnpublish(emulator.space, kettle, undefined, { userId: 'user-alice' });
        deleteEntity(emulator.space, kettle);
        await watcher.checkDeletionsAndSchema();
        expect(deletedIds(cache.updates).sort()).toEqual(['config-1999', 'config-3', 'config-4498', 'product-kettle']);
    });

    it('an entry created since the last poll does not start a search: the poll brings it in', async () => {
        const { cache, watcher, source } = await watched();
        emulator.space.addEntry({ sys: { id: 'config-new', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'siteConfig' } } }, fields: { siteName: { 'en-US': 'New site' } } });
        await watcher.checkDeletionsAndSchema();
        expect(source.runtimeOrUndefined()!.store.documents.has('config-new')).toBe(true);
        expect(deletedIds(cache.updates)).toEqual([]);
        expect(idListings()).toHaveLength(0);
        expect(emulator.log.filter({ method: 'GET', route: '/entries' }).some((request) => request.query['sys.createdAt[gte]'] || request.query['sys.createdAt[lt]'])).toBe(false);
    });

    it('a deletion and a creation in the same interval: the deleted one is reported, the new one added', async () => {
        const { cache, watcher, source } = await watched();
        deleteEntity(emulator.space, requireRecord(emulator.space, 'Entry', 'config-100'));
        emulator.space.addEntry({ sys: { id: 'config-created', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'siteConfig' } } }, fields: { siteName: { 'en-US': 'Created' } } });
        await watcher.checkDeletionsAndSchema();
        expect(deletedIds(cache.updates)).toEqual(['config-100']);
        expect(source.runtimeOrUndefined()!.store.documents.has('config-created')).toBe(true);
    });

    it('entries sharing one creation time (a bulk import) are still told apart', async () => {
        const space = largeSpace();
        const at = '2025-01-01T00:00:00.000Z';
        for (let index = 0; index < 1500; index += 1) {
            space.addEntry({ sys: { id: `same-${index}`, contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'siteConfig' } }, createdAt: at, updatedAt: at, version: 1 }, fields: { siteName: { 'en-US': `Same ${index}` } } });
        }
        emulator.use(space);
        const { cache, watcher } = await watched();
        deleteEntity(space, requireRecord(space, 'Entry', 'same-777'));
        await watcher.checkDeletionsAndSchema();
        expect(deletedIds(cache.updates)).toEqual(['same-777']);
    });

    it('many deletions everywhere stay within the cost of a full scan', async () => {
        const { cache, watcher } = await watched();
        const doomed = Array.from({ length: 60 }, (_, index) => `config-${index * 75}`);
        for (const id of doomed) deleteEntity(emulator.space, requireRecord(emulator.space, 'Entry', id));
        await watcher.checkDeletionsAndSchema();
        expect(deletedIds(cache.updates).sort()).toEqual([...doomed].sort());
        const fullScanPages = Math.ceil(emulator.space.entries.size / 1000);
        const searchRequests = emulator.log.filter({ method: 'GET', route: '/entries' }).filter((request) => request.query['sys.createdAt[gte]'] || request.query['sys.createdAt[lt]']).length;
        expect(searchRequests).toBeLessThanOrEqual(3 * fullScanPages);
    });
});
