/**
 * Injected faults (SPEC §11, issue 8 item 1): with about 30 % of requests answered by a 429, a 500,
 * a 503 or a dropped connection (some after the write was applied), a cold load still returns every
 * document exactly once, and a publish of 500 documents ends with each one published or reported
 * failed by id; a rerun completes the rest without publishing anything twice.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator, startSource, DEMO_OBJECT_LEVEL } from '../helpers/emulator.js';
import { FAST_RETRIES, addAssets, addDraftProducts, addFaultMix, addPages, failedByFault, faultCounts } from './support.js';

describe('cold load under 30 % injected faults', () => {
    const emulator = useEmulator();

    it('returns every document and asset exactly once, with the values Contentful holds', async () => {
        addDraftProducts(emulator.space, 240);
        addPages(emulator.space, 90);
        addAssets(emulator.space, 60);
        addFaultMix(emulator.faults);

        const { documents, assets, source } = await startSource(emulator.space, {
            objectLevel: DEMO_OBJECT_LEVEL,
            requests: { ...FAST_RETRIES, pageSize: 20, concurrency: 4 }
        });

        const expectedEntryIds = emulator.space.listEntries().map((entry) => entry.sys.id).sort();
        const expectedAssetIds = emulator.space.listAssets().map((asset) => asset.sys.id).sort();
        const documentIds = documents.map((document) => document.id);
        const assetIds = assets.map((asset) => asset.id);
        expect(new Set(documentIds).size).toBe(documentIds.length);
        expect(new Set(assetIds).size).toBe(assetIds.length);
        expect([...documentIds].sort()).toEqual(expectedEntryIds);
        expect([...assetIds].sort()).toEqual(expectedAssetIds);
        // Not only the ids: the versions are Contentful's, so nothing stale came from a retried page.
        for (const document of documents) {
            expect(document.context.sys.version).toBe(emulator.space.getEntry(document.id)!.sys.version);
        }
        const product = documents.find((document) => document.id === 'bulk-0003')!;
        expect(product.fields.name).toMatchObject({ localized: true, locales: { 'en-US': { value: 'Product 3' }, fr: { value: 'Produit 3' } } });
        expect(source.getDiagnostics().filter((d) => d.kind !== 'unknown-locale-key')).toEqual([]);

        const log = emulator.log.all();
        const failed = failedByFault(log);
        const injected = emulator.faults.injectedCount();
        console.log(
            `[faults] cold load: ${log.length} requests, ${failed.length} failed by injected faults (${JSON.stringify(faultCounts(log))}), ` +
                `all survived; ${documents.length} documents + ${assets.length} assets, each exactly once`
        );
        // The mix really hit this load: about 30 % of its requests failed and every kind occurred.
        expect(failed.length / log.length).toBeGreaterThan(0.15);
        expect(injected['429'] + injected['500'] + injected['503'] + injected.reset).toBe(failed.length);
        expect(failed.some((request) => request.route === '/entries')).toBe(true);
    });

    it('waits as long as a 429 says (X-Contentful-RateLimit-Reset), and only its own backoff when it says 0', async () => {
        const { source } = await startSource(emulator.space, { requests: FAST_RETRIES });
        emulator.faults.add({ match: { method: 'GET', path: /\/entries\/product-kettle$/ }, rate: 1, kind: '429', resetSeconds: 1, times: 1 });
        emulator.faults.add({ match: { method: 'GET', path: /\/entries\/product-grinder$/ }, rate: 1, kind: '429', resetSeconds: 0, times: 1 });
        const gap = (id: string) => {
            const [first, retry] = emulator.log.filter({ method: 'GET', path: new RegExp(`/entries/${id}$`) });
            expect([first!.status, retry!.status]).toEqual([429, 200]);
            return Date.parse(retry!.timestamp) - Date.parse(first!.timestamp);
        };

        await source.getEntry('product-kettle');
        await source.getEntry('product-grinder');

        expect(gap('product-kettle')).toBeGreaterThanOrEqual(950);
        expect(gap('product-grinder')).toBeLessThan(500);
    });

    it('fails clearly (naming the request) when a fault outlasts every retry', async () => {
        emulator.faults.add({ match: { path: /\/entries$/ }, rate: 1, kind: '503' });
        await expect(startSource(emulator.space, { requests: { retryLimit: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 2 } })).rejects.toThrow(/GET entries.*503/);
        expect(emulator.log.count({ method: 'GET', route: '/entries' })).toBe(3);
    });
});

describe('publishing 500 documents under 30 % injected faults', () => {
    const emulator = useEmulator(undefined, { bulkActionDurationMs: 0 });

    it('publishes each one or reports it failed by id; a rerun completes the rest, nothing twice', async () => {
        const ids = addDraftProducts(emulator.space, 500, 'pub');
        // One document that can never be published: its sku is not unique.
        emulator.space.editEntry('pub-0499', (fields) => ({ ...fields, sku: { 'en-US': 'PUB-0' } }));
        const { source, documents } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { ...FAST_RETRIES, bulkActionTimeoutMs: 20_000 } });
        const selected = documents.filter((document) => ids.includes(document.id));
        expect(selected).toHaveLength(500);
        emulator.log.clear();
        addFaultMix(emulator.faults);

        let firstError: Error | undefined;
        await source.publishDocuments({ documents: selected, assets: [] }).catch((error: Error) => {
            firstError = error;
        });
        const firstLog = emulator.log.all();
        const publishedAfterFirst = ids.filter((id) => emulator.space.getEntry(id)!.sys.publishedVersion !== undefined);
        const notPublished = ids.filter((id) => !publishedAfterFirst.includes(id));
        // Every document not published is named in the error, by id.
        expect(firstError).toBeDefined();
        for (const id of notPublished) {
            expect(firstError!.message).toContain(`"${id}"`);
        }
        expect(notPublished).toContain('pub-0499');
        expect(firstError!.message).toMatch(/pub-0499.*unique/s);

        // Rerun without faults, with the documents as the engine now holds them.
        emulator.faults.clear();
        const current = documents.filter((document) => ids.includes(document.id)).map((document) => source.runtimeOrUndefined()!.store.documents.get(document.id)!);
        await source.publishDocuments({ documents: current, assets: [] }).catch(() => undefined);

        const finallyPublished = ids.filter((id) => emulator.space.getEntry(id)!.sys.publishedVersion !== undefined);
        expect(finallyPublished).toHaveLength(499);
        expect(finallyPublished).not.toContain('pub-0499');
        // Nothing was published twice: Contentful counts one publish per document.
        for (const id of finallyPublished) {
            expect(emulator.space.getEntry(id)!.sys.publishedCounter, id).toBe(1);
        }
        // The engine's view agrees with Contentful's.
        for (const id of ids) {
            const document = source.runtimeOrUndefined()!.store.documents.get(id)!;
            expect(document.context.sys.publishedVersion, id).toBe(emulator.space.getEntry(id)!.sys.publishedVersion);
        }
        const failed = failedByFault(firstLog);
        console.log(
            `[faults] publish of 500: first run ${firstLog.length} requests, ${failed.length} failed by injected faults ` +
                `(${JSON.stringify(faultCounts(firstLog))}); published ${publishedAfterFirst.length}, reported failed ${notPublished.length} by id; ` +
                `rerun published ${finallyPublished.length - publishedAfterFirst.length} more; publishedCounter = 1 for all ${finallyPublished.length}`
        );
        expect(failed.length).toBeGreaterThan(0);
    });

    it('survives an outage of the bulk endpoint: every id reported failed, a rerun under faults publishes them once', async () => {
        const ids = addDraftProducts(emulator.space, 500, 'out');
        const { source } = await startSource(emulator.space, { requests: FAST_RETRIES });
        const store = source.runtimeOrUndefined()!.store;
        const selected = () => ids.map((id) => store.documents.get(id)!);
        // Three chunks of ≤ 200, each tried 1 + retryLimit = 7 times: 21 refusals exhaust them all.
        emulator.faults.add({ match: { method: 'POST', path: /\/bulk_actions\// }, rate: 1, kind: '503', times: 21 });
        addFaultMix(emulator.faults);

        const error = await source.publishDocuments({ documents: selected(), assets: [] }).then(() => undefined, (thrown: Error) => thrown);
        expect(error?.message).toMatch(/^Published all but 500 item\(s\)/);
        for (const id of ids) expect(error!.message).toContain(`"${id}"`);
        expect(ids.every((id) => emulator.space.getEntry(id)!.sys.publishedVersion === undefined)).toBe(true);

        await source.publishDocuments({ documents: selected(), assets: [] });
        for (const id of ids) {
            expect(emulator.space.getEntry(id)!.sys.publishedCounter, id).toBe(1);
            expect(store.documents.get(id)!.status, id).toBe('published');
        }
        const log = emulator.log.all();
        console.log(`[faults] bulk outage: ${failedByFault(log).length} failed requests (${JSON.stringify(faultCounts(log))}); 500 reported failed by id, rerun published all 500 once`);
    });

    it('does not report a document failed, nor publish it twice, when the answer to a bulk publish is lost', async () => {
        const ids = addDraftProducts(emulator.space, 300, 'lost');
        const { source } = await startSource(emulator.space, { requests: FAST_RETRIES });
        const store = source.runtimeOrUndefined()!.store;
        // Contentful accepts the first bulk action, the connection drops before its answer arrives.
        emulator.faults.add({ match: { method: 'POST', path: /\/bulk_actions\// }, rate: 1, kind: 'reset', phase: 'after', times: 1 });

        await source.publishDocuments({ documents: ids.map((id) => store.documents.get(id)!), assets: [] });
        for (const id of ids) {
            expect(emulator.space.getEntry(id)!.sys.publishedCounter, id).toBe(1);
            expect(store.documents.get(id)!.status, id).toBe('published');
        }
    });

    it('does not report a single publish failed when its answer is lost (PUT …/published applied, retry meets 409)', async () => {
        const { source } = await startSource(emulator.space, { requests: FAST_RETRIES });
        const kettle = source.runtimeOrUndefined()!.store.documents.get('product-kettle')!;
        emulator.faults.add({ match: { method: 'PUT', path: /\/published$/ }, rate: 1, kind: 'reset', phase: 'after', times: 1 });

        await source.publishDocuments({ documents: [kettle], assets: [] });
        expect(emulator.log.count({ method: 'PUT', route: '/entries/:id/published' })).toBe(2);
        expect(emulator.space.getEntry('product-kettle')!.sys.publishedCounter).toBe(1);
        expect(source.runtimeOrUndefined()!.store.documents.get('product-kettle')!.status).toBe('published');
    });
});
