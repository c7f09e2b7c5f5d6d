// Content-update watching through the emulator: edits, creations and deletions made by someone else
// reach the engine's cache (cache.updateContent), a content-type change invalidates the schema, and
// Contentful webhooks (onWebhook) are handled per topic, other environments ignored.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentChanges } from '@stackbit/types';
import type { LocalizedContentfulSource } from '../../src/index.js';
import { byId, deleteInContentful, localeValue, startSource, useSourceEmulator } from './support.js';

const FAST_SYNC = { sync: { pollIntervalMs: 15, deletionCheckIntervalMs: 25 } };
const WAIT = { timeout: 3000, interval: 10 };

type Cache = Awaited<ReturnType<typeof startSource>>['cache'];

/** Every change the adapter pushed to the engine since `from`, merged. */
function changesSince(cache: Cache, from: number): Required<Pick<ContentChanges, 'documents' | 'assets' | 'deletedDocumentIds' | 'deletedAssetIds'>> {
    const updates = cache.updates.slice(from);
    return {
        documents: updates.flatMap((u) => u.documents ?? []),
        assets: updates.flatMap((u) => u.assets ?? []),
        deletedDocumentIds: updates.flatMap((u) => u.deletedDocumentIds ?? []),
        deletedAssetIds: updates.flatMap((u) => u.deletedAssetIds ?? [])
    };
}

const productType = (extraField?: string) => ({
    sys: { id: 'product', type: 'ContentType', version: 9, publishedVersion: 8 },
    name: 'Product',
    displayField: 'name',
    fields: [
        { id: 'name', name: 'name', type: 'Symbol', localized: true, required: true },
        { id: 'description', name: 'description', type: 'Text', localized: true },
        { id: 'price', name: 'price', type: 'Number' },
        { id: 'sku', name: 'sku', type: 'Symbol' },
        { id: 'image', name: 'image', type: 'Link', linkType: 'Asset', localized: true },
        ...(extraField ? [{ id: extraField, name: extraField, type: 'Boolean' }] : [])
    ]
});

describe('startWatchingContentUpdates (polling)', () => {
    const emulator = useSourceEmulator();
    let running: LocalizedContentfulSource | undefined;
    afterEach(async () => {
        await running?.destroy();
        running = undefined;
    });

    async function watch() {
        const started = await startSource(emulator.space, FAST_SYNC);
        running = started.source;
        started.source.startWatchingContentUpdates();
        return started;
    }

    it('an edit made in Contentful reaches cache.updateContent with the new value and version', async () => {
        const { cache } = await watch();
        const before = cache.updates.length;
        const edited = emulator.space.editEntryAsAnotherUser('product-grinder', (fields) => ({ ...fields, name: { ...fields.name, de: 'Kaffeemühle' } }));
        await vi.waitFor(() => expect(changesSince(cache, before).documents.map((d) => d.id)).toContain('product-grinder'), WAIT);
        const pushed = byId(changesSince(cache, before).documents, 'product-grinder');
        expect(localeValue(pushed, 'name', 'de')).toBe('Kaffeemühle');
        expect(pushed.updatedBy).toEqual(['jean@acme.fr']);
        expect((pushed.context as { sys: { version: number } }).sys.version).toBe(edited.sys.version);
        // Polls ask only for what changed since the newest update seen.
        const polls = emulator.log.filter({ method: 'GET', route: '/entries' }).filter((r) => r.query['sys.updatedAt[gte]']);
        expect(polls.length).toBeGreaterThan(0);
    });

    it('a publish made elsewhere is reported once; unchanged items are not re-sent', async () => {
        const { cache } = await watch();
        const before = cache.updates.length;
        emulator.space.publishEntry('product-kettle');
        await vi.waitFor(() => expect(changesSince(cache, before).documents.find((d) => d.id === 'product-kettle')?.status).toBe('published'), WAIT);
        await new Promise((resolve) => setTimeout(resolve, 80));
        // Several polls happened since, but the kettle was pushed once.
        expect(changesSince(cache, before).documents.filter((d) => d.id === 'product-kettle')).toHaveLength(1);
        expect(changesSince(cache, before).documents.map((d) => d.id)).toEqual(['product-kettle']);
    });

    it('a new entry created in Contentful appears', async () => {
        const { cache } = await watch();
        const before = cache.updates.length;
        emulator.space.addEntry({ sys: { id: 'product-new', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } as never }, fields: { name: { 'en-US': 'Scale' } } });
        await vi.waitFor(() => expect(changesSince(cache, before).documents.map((d) => d.id)).toContain('product-new'), WAIT);
    });

    it('deleting a draft and a published entry is reported through deletedDocumentIds', async () => {
        const { cache } = await watch();
        const before = cache.updates.length;
        await deleteInContentful(emulator, 'product-kettle'); // draft
        await deleteInContentful(emulator, 'about-fr'); // published: unpublished, then deleted
        await vi.waitFor(() => expect(changesSince(cache, before).deletedDocumentIds.sort()).toEqual(['about-fr', 'product-kettle']), WAIT);
        // The deletion scan reads ids only.
        const scans = emulator.log.filter({ method: 'GET', route: '/entries' }).filter((r) => r.query.select === 'sys.id');
        expect(scans.length).toBeGreaterThan(0);
    });

    it('a deletion and a creation between two checks are both seen', async () => {
        const { cache } = await watch();
        const before = cache.updates.length;
        await deleteInContentful(emulator, 'product-espresso');
        emulator.space.addEntry({ sys: { id: 'product-replacement', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } as never }, fields: { name: { 'en-US': 'Espresso 2' } } });
        await vi.waitFor(() => {
            const changes = changesSince(cache, before);
            expect(changes.deletedDocumentIds).toContain('product-espresso');
            expect(changes.documents.map((d) => d.id)).toContain('product-replacement');
        }, WAIT);
    });

    it('a content-type change invalidates the schema, and the next getSchema has the new field', async () => {
        const { cache, source } = await watch();
        expect(cache.schemaInvalidations).toBe(0);
        emulator.space.addContentType(productType('organic'));
        await vi.waitFor(() => expect(cache.schemaInvalidations).toBe(1), WAIT);
        const contentTypeReads = emulator.log.count({ method: 'GET', route: '/content_types' });
        const schema = await source.getSchema();
        expect(emulator.log.count({ method: 'GET', route: '/content_types' })).toBe(contentTypeReads + 1);
        expect(schema.models.find((m) => m.name === 'product')!.fields!.map((f) => f.name)).toContain('organic');
        // Once re-read, no further invalidation for the same versions.
        await new Promise((resolve) => setTimeout(resolve, 80));
        expect(cache.schemaInvalidations).toBe(1);
    });

    it('stopWatchingContentUpdates stops polling', async () => {
        const { source, cache } = await watch();
        await new Promise((resolve) => setTimeout(resolve, 40));
        source.stopWatchingContentUpdates();
        await source.destroy();
        const before = cache.updates.length;
        const requests = emulator.log.all().length;
        emulator.space.editEntryAsAnotherUser('product-grinder', (fields) => ({ ...fields, price: { 'en-US': 1 } }));
        await new Promise((resolve) => setTimeout(resolve, 80));
        expect(cache.updates.length).toBe(before);
        expect(emulator.log.all().length).toBe(requests);
    });
});

describe('onWebhook', () => {
    const emulator = useSourceEmulator();

    const entrySys = (id: string, environment = 'master') => ({ sys: { id, type: 'Entry', environment: { sys: { id: environment, type: 'Link', linkType: 'Environment' } } } });
    const topic = (name: string) => ({ 'X-Contentful-Topic': `ContentManagement.${name}` });

    it('Entry.save / Entry.publish / Entry.unpublish refetch the entry by id (the payload is not trusted)', async () => {
        const { source, cache } = await startSource(emulator.space);
        for (const [name, act] of [
            ['Entry.save', () => emulator.space.editEntryAsAnotherUser('product-kettle', (f) => ({ ...f, price: { 'en-US': 65 } }))],
            ['Entry.publish', () => emulator.space.publishEntry('product-kettle')]
        ] as const) {
            act();
            const before = cache.updates.length;
            emulator.log.clear();
            // A forged body: the adapter must read Contentful, not this.
            source.onWebhook({ data: { ...entrySys('product-kettle'), fields: { price: { 'en-US': 0 } } }, headers: topic(name) });
            await vi.waitFor(() => expect(changesSince(cache, before).documents.map((d) => d.id)).toEqual(['product-kettle']), WAIT);
            expect(emulator.log.filter({ method: 'GET', route: '/entries' })[0]!.query['sys.id[in]']).toBe('product-kettle');
        }
        const pushed = byId(cache.updates.at(-1)!.documents ?? [], 'product-kettle');
        expect(pushed.status).toBe('published');
        expect((pushed.fields.price as { value: number }).value).toBe(65);

        await fetch(`${emulator.base}/entries/product-kettle/published`, { method: 'DELETE', headers: { Authorization: 'Bearer x' } });
        const before = cache.updates.length;
        source.onWebhook({ data: entrySys('product-kettle'), headers: topic('Entry.unpublish') });
        await vi.waitFor(() => expect(changesSince(cache, before).documents.map((d) => d.status)).toEqual(['added']), WAIT);
    });

    it('Entry.delete and Asset.delete report deletions without a request', async () => {
        const { source, cache } = await startSource(emulator.space);
        const before = cache.updates.length;
        emulator.log.clear();
        source.onWebhook({ data: { sys: { ...entrySys('about-fr').sys, type: 'DeletedEntry' } }, headers: topic('Entry.delete') });
        source.onWebhook({ data: { sys: { id: 'asset-espresso', type: 'DeletedAsset' } }, headers: topic('Asset.delete') });
        await vi.waitFor(() => {
            const changes = changesSince(cache, before);
            expect(changes.deletedDocumentIds).toEqual(['about-fr']);
            expect(changes.deletedAssetIds).toEqual(['asset-espresso']);
        }, WAIT);
        expect(emulator.log.all()).toEqual([]);
    });

    it('an Entry webhook for an entry that no longer exists reports it deleted', async () => {
        const { source, cache } = await startSource(emulator.space);
        await deleteInContentful(emulator, 'product-kettle');
        const before = cache.updates.length;
        source.onWebhook({ data: entrySys('product-kettle'), headers: topic('Entry.save') });
        await vi.waitFor(() => expect(changesSince(cache, before).deletedDocumentIds).toEqual(['product-kettle']), WAIT);
    });

    it('Asset.save refetches the asset', async () => {
        const { source, cache } = await startSource(emulator.space);
        await fetch(`${emulator.base}/assets/asset-espresso`, {
            method: 'PUT',
            headers: { Authorization: 'Bearer x', 'Content-Type': 'application/vnd.contentful.management.v1+json', 'X-Contentful-Version': String(emulator.space.getAsset('asset-espresso')!.sys.version) },
            body: JSON.stringify({ fields: { ...emulator.space.getAsset('asset-espresso')!.fields, title: { 'en-US': 'Espresso', fr: 'Expresso' } } })
        });
        const before = cache.updates.length;
        source.onWebhook({ data: { sys: { id: 'asset-espresso', type: 'Asset' } }, headers: { 'x-contentful-topic': 'ContentManagement.Asset.save' } });
        await vi.waitFor(() => expect(changesSince(cache, before).assets.map((a) => a.id)).toEqual(['asset-espresso']), WAIT);
        expect(changesSince(cache, before).assets[0]!.fields.title).toMatchObject({ locales: { fr: { value: 'Expresso' } } });
    });

    it('ContentType topics invalidate the schema', async () => {
        const { source, cache } = await startSource(emulator.space);
        source.onWebhook({ data: { sys: { id: 'product', type: 'ContentType' } }, headers: topic('ContentType.publish') });
        await vi.waitFor(() => expect(cache.schemaInvalidations).toBe(1), WAIT);
    });

    it('events of another environment, and unrelated topics, are ignored', async () => {
        const { source, cache, logger } = await startSource(emulator.space);
        const before = cache.updates.length;
        emulator.log.clear();
        source.onWebhook({ data: entrySys('product-kettle', 'staging'), headers: topic('Entry.save') });
        source.onWebhook({ data: entrySys('product-kettle', 'staging'), headers: topic('Entry.delete') });
        source.onWebhook({ data: { sys: { id: 'bulk1', type: 'BulkAction' } }, headers: topic('BulkAction.execute') });
        source.onWebhook({ data: { sys: { id: 'product' } }, headers: {} });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(cache.updates.length).toBe(before);
        expect(cache.schemaInvalidations).toBe(0);
        expect(emulator.log.all()).toEqual([]);
        expect(logger.logs.warn).toEqual([]);
    });
});
