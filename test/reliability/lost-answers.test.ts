/**
 * The ambiguous failure: Contentful applied a write, then the connection dropped before its answer
 * arrived. The adapter retries; the retry meets a refusal that only says the first attempt worked
 * (409 id taken / version moved, 404 after a delete, "already archived", "not published"). Such a
 * write must be neither reported as failed nor repeated, and the adapter must show what Contentful
 * holds.
 */
import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/emulator/index.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator } from '../helpers/emulator.js';
import { FAST_RETRIES } from './support.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The first matching request is applied, then its connection drops. */
const loseAnswer = (method: string, path: RegExp): FaultRule => ({ match: { method, path }, rate: 1, kind: 'reset', phase: 'after', times: 1 });

describe('a write whose answer is lost', () => {
    const emulator = useEmulator();
    const start = async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: FAST_RETRIES });
        const store = started.source.runtimeOrUndefined()!.store;
        emulator.log.clear();
        return { ...started, store, doc: (id: string) => store.documents.get(id)! };
    };
    /** The lost request and its retry are both in the log: the scenario happened. */
    const expectRetried = (method: string, route: string) => {
        const attempts = emulator.log.filter({ method, route });
        expect(attempts.map((request) => request.status)[0]).toBe(0);
        expect(attempts.length).toBeGreaterThanOrEqual(2);
    };

    it('uploadAsset: the asset is created once and published, no error', async () => {
        const { source, store } = await start();
        const before = emulator.space.listAssets().length;
        emulator.faults.add(loseAnswer('PUT', /\/assets\/[^/]+$/));
        emulator.faults.add(loseAnswer('PUT', /\/assets\/[^/]+\/published$/));

        const asset = await source.uploadAsset({ base64: PNG, fileName: 'pixel.png', mimeType: 'image/png', locale: 'fr' });

        expectRetried('PUT', '/assets/:id');
        expectRetried('PUT', '/assets/:id/published');
        expect(emulator.space.listAssets()).toHaveLength(before + 1);
        expect(emulator.space.getAsset(asset.id)!.sys.publishedCounter).toBe(1);
        expect(store.assets.get(asset.id)!.status).toBe('published');
    });

    it('createDocument: one entry, no error', async () => {
        const { source, schema } = await start();
        const before = emulator.space.listEntries().length;
        emulator.faults.add(loseAnswer('PUT', /\/entries\/[^/]+$/));

        const { documentId } = await source.createDocument({ model: schema.models.find((model) => model.name === 'product')!, locale: 'fr', updateOperationFields: { name: { type: 'string', value: 'Tasse' } } });

        expectRetried('PUT', '/entries/:id');
        expect(emulator.space.listEntries()).toHaveLength(before + 1);
        expect(emulator.space.getEntry(documentId)!.fields.name).toEqual({ fr: 'Tasse' });
    });

    it('updateDocument inserting a list item: the item is there once', async () => {
        const { source, doc } = await start();
        emulator.faults.add(loseAnswer('PUT', /\/entries\/home-en-US$/));

        await source.updateDocument({ document: doc('home-en-US'), operations: [{ opType: 'insert', fieldPath: ['sections'], index: 0, item: { type: 'reference', refType: 'document', refId: 'product-kettle' } } as never] });

        expectRetried('PUT', '/entries/:id');
        const ids = (emulator.space.getEntry('home-en-US')!.fields.sections!['en-US'] as { sys: { id: string } }[]).map((link) => link.sys.id);
        expect(ids).toEqual(['product-kettle', 'product-espresso', 'product-grinder']);
    });

    it('deleteDocument: deleted, no error, and the adapter no longer shows it', async () => {
        const { source, store, doc } = await start();
        emulator.faults.add(loseAnswer('DELETE', /\/entries\/[^/]+$/));

        await source.deleteDocument({ document: doc('product-kettle') });

        expectRetried('DELETE', '/entries/:id');
        expect(emulator.space.getEntry('product-kettle')).toBeUndefined();
        expect(store.documents.has('product-kettle')).toBe(false);
    });

    it('deleteDocument of a published entry whose unpublish answer is lost: still deleted, not left unpublished', async () => {
        const { source, store, doc } = await start();
        emulator.faults.add(loseAnswer('DELETE', /\/published$/));

        await source.deleteDocument({ document: doc('product-espresso') });

        expectRetried('DELETE', '/entries/:id/published');
        expect(emulator.space.getEntry('product-espresso')).toBeUndefined();
        expect(store.documents.has('product-espresso')).toBe(false);
    });

    it('archiveDocument and unarchiveDocument: done, no error', async () => {
        const { source, store, doc } = await start();
        emulator.faults.add(loseAnswer('PUT', /\/archived$/));
        await source.archiveDocument({ document: doc('product-kettle') });
        expectRetried('PUT', '/entries/:id/archived');
        expect(emulator.space.getEntry('product-kettle')!.sys.archivedVersion).toBeDefined();
        expect(store.documents.get('product-kettle')!.status).toBe('archived');

        emulator.faults.add(loseAnswer('DELETE', /\/archived$/));
        await source.unarchiveDocument({ document: doc('product-kettle') });
        expectRetried('DELETE', '/entries/:id/archived');
        expect(emulator.space.getEntry('product-kettle')!.sys.archivedVersion).toBeUndefined();
        expect(store.documents.get('product-kettle')!.status).not.toBe('archived');
    });

    it('a refusal that is not explained by a lost answer is still an error', async () => {
        const { source, doc } = await start();
        // Archiving an entry that is already archived (the editor's view is stale): refused, and nothing was lost.
        await source.archiveDocument({ document: doc('product-kettle') });
        await expect(source.archiveDocument({ document: doc('product-kettle') })).rejects.toThrow(/archive entry "product-kettle" failed: .*already archived/);
    });
});
