/**
 * Partial failures (issue 8 item 3): a bulk publish where some documents fail validation publishes
 * the others and names each failing document, field and locale; a multi-locale create or a copy that
 * fails part-way removes what it created; shared-field propagation that fails for some variants
 * retries them, then names the ones it could not update, and a second save completes them.
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector, type EmulatedSpace } from '../../src/emulator/index.js';
import type { InjectedFault } from '../../src/emulator/faults.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator, type EmulatorHandle } from '../helpers/emulator.js';
import { addDraftProducts } from './support.js';

/** Lets the first `allowed` requests matching through, then answers every later one with a 500. */
class FailAfter extends FaultInjector {
    private seen = 0;
    constructor(
        private readonly method: string,
        private readonly path: RegExp,
        private readonly allowed: number
    ) {
        super(7);
    }

    override pick(method: string, path: string, phase: 'before' | 'after'): InjectedFault | undefined {
        if (phase !== 'before' || method !== this.method || !this.path.test(path)) return undefined;
        this.seen += 1;
        return this.seen > this.allowed ? { kind: '500', latencyMs: 0, resetSeconds: 0, phase } : undefined;
    }
}

function failLaterCreates(emulator: EmulatorHandle, allowed: number): void {
    // The adapter creates entries with ids of its own: PUT …/entries/:id with a content type header.
    emulator.use(emulator.space, { faults: new FailAfter('PUT', /\/entries\/[^/]+$/, allowed) });
}

const entryIds = (space: EmulatedSpace) => space.listEntries().map((entry) => entry.sys.id).sort();

describe('a bulk publish where some documents fail validation', () => {
    const emulator = useEmulator();

    it('publishes the others and names each failing document, field and locale', async () => {
        const ids = addDraftProducts(emulator.space, 30, 'val');
        // French is required for this test: its values are validated on publish.
        emulator.space.addLocale({ ...emulator.space.locales().find((locale) => locale.code === 'fr')!, optional: false });
        emulator.space.editEntry('val-0004', (fields) => ({ ...fields, price: { 'en-US': -5 } }));
        emulator.space.editEntry('val-0010', (fields) => ({ ...fields, name: { 'en-US': 'Product 10' } }));
        emulator.space.editEntry('val-0020', (fields) => ({ ...fields, sku: { 'en-US': 'VAL-0' } }));
        for (const id of ids) {
            // Every other valid document has a French name.
            if (id !== 'val-0010') emulator.space.editEntry(id, (fields) => ({ ...fields, name: { ...fields.name, fr: `Produit ${id}` } }));
        }
        const { source, documents, logger } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const selected = documents.filter((document) => ids.includes(document.id));

        const error = await source.publishDocuments({ documents: selected, assets: [] }).then(() => undefined, (thrown: Error) => thrown);

        const failing = ['val-0000', 'val-0004', 'val-0010', 'val-0020'];
        expect(error?.message).toMatch(/^Published all but 4 item\(s\)/);
        expect(error!.message).toMatch(/document "val-0004": ValidationFailed[^;]*range field "price" in "en-US"/);
        expect(error!.message).toMatch(/document "val-0010": ValidationFailed[^;]*required field "name" in "fr"/);
        // Two documents share a unique sku: Contentful refuses both, and both are named.
        expect(error!.message).toMatch(/document "val-0000", document "val-0020": ValidationFailed[^;]*unique field "sku" in "en-US"/);
        for (const id of ids) {
            const published = emulator.space.getEntry(id)!.sys.publishedVersion !== undefined;
            expect(published, id).toBe(!failing.includes(id));
            expect(source.runtimeOrUndefined()!.store.documents.get(id)!.status, id).toBe(failing.includes(id) ? 'added' : 'published');
        }
        expect(logger.logs.error).toEqual([]);
    });
});

describe('a multi-locale create or a copy failing part-way', () => {
    const emulator = useEmulator();

    it('createDocumentInLocales removes the variants it created when a later one fails', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        const before = entryIds(emulator.space);
        failLaterCreates(emulator, 1);
        const values = (title: string, slug: string) => ({ title: { type: 'string', value: title }, slug: { type: 'slug', value: slug } }) as never;

        const error = await source
            .createDocumentInLocales({ modelName: 'page', locales: ['en-US', 'fr', 'de'], valuesByLocale: { 'en-US': values('Team', 'team'), fr: values('Équipe', 'equipe'), de: values('Team', 'team-de') } })
            .then(() => undefined, (thrown: Error) => thrown);

        expect(error?.message).toMatch(/Creating 3 "page" entries failed after 1: .*500.*Nothing was left behind\./);
        expect(entryIds(emulator.space)).toEqual(before);
        const created = emulator.log.filter({ method: 'PUT', route: '/entries/:id', status: 201 });
        expect(created).toHaveLength(1);
        expect(emulator.log.count({ method: 'DELETE', path: created[0]!.path })).toBe(1);
        // The adapter does not show a document that no longer exists.
        expect([...source.runtimeOrUndefined()!.store.documents.keys()].sort()).toEqual(before);
    });

    it('copyDocument (all locales) removes the copies it made when a later one fails', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        const before = entryIds(emulator.space);
        failLaterCreates(emulator, 2);

        const error = await source.copyDocument({ documentId: 'home-en-US', scope: 'all-locales' }).then(() => undefined, (thrown: Error) => thrown);

        expect(error?.message).toMatch(/Creating 3 "page" entries failed after 2: .*Nothing was left behind\./);
        expect(entryIds(emulator.space)).toEqual(before);
        expect(emulator.log.count({ method: 'DELETE', route: '/entries/:id', status: 204 })).toBe(2);
    });

    it('does not report a copy it removed as left behind when the answer to that delete was lost', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        const before = entryIds(emulator.space);
        const faults = new FailAfter('PUT', /\/entries\/[^/]+$/, 1);
        const pickCreate = faults.pick.bind(faults);
        let lost = false;
        faults.pick = (method, path, phase) => {
            if (method === 'DELETE' && phase === 'after' && !lost) {
                lost = true;
                return { kind: 'reset', latencyMs: 0, resetSeconds: 0, phase };
            }
            return pickCreate(method, path, phase);
        };
        emulator.use(emulator.space, { faults });

        const error = await source.copyDocument({ documentId: 'about-fr', scope: 'current-locale', locale: 'fr' }).then(() => undefined, (thrown: Error) => thrown);

        expect(lost).toBe(true);
        expect(error?.message).toMatch(/Nothing was left behind\.$/);
        expect(entryIds(emulator.space)).toEqual(before);
    });

    it('names what it could not remove when the clean-up fails too', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        const before = entryIds(emulator.space);
        const faults = new FailAfter('PUT', /\/entries\/[^/]+$/, 1);
        const pickCreate = faults.pick.bind(faults);
        // Deletes fail as well (Contentful unreachable for them).
        faults.pick = (method, path, phase) => (method === 'DELETE' && phase === 'before' ? { kind: '503', latencyMs: 0, resetSeconds: 0, phase } : pickCreate(method, path, phase));
        emulator.use(emulator.space, { faults });

        const error = await source.copyDocument({ documentId: 'about-fr', scope: 'current-locale', locale: 'fr' }).then(() => undefined, (thrown: Error) => thrown);

        const leftover = entryIds(emulator.space).filter((id) => !before.includes(id));
        expect(leftover).toHaveLength(1);
        expect(error?.message).toContain(`Could not remove "${leftover[0]}": delete them by hand.`);
    });
});

describe('shared-field propagation failing part-way', () => {
    const emulator = useEmulator();
    const setBrandColor = (source: Awaited<ReturnType<typeof startSource>>['source'], color: string) =>
        source.updateDocument({
            document: source.runtimeOrUndefined()!.store.documents.get('home-en-US')!,
            operations: [{ opType: 'set', fieldPath: ['brandColor'], field: { type: 'string', value: color } } as never]
        });

    it('retries a variant whose save failed and completes when the retry succeeds', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        // The German variant's first round fails (2 attempts), the retry round succeeds.
        emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/home-de$/ }, rate: 1, kind: '503', times: 2 });

        await setBrandColor(source, '#123456');

        for (const id of ['home-en-US', 'home-fr', 'home-de']) {
            expect(emulator.space.getEntry(id)!.fields.brandColor, id).toEqual({ 'en-US': '#123456' });
        }
        expect(emulator.log.count({ method: 'PUT', path: /\/entries\/home-de$/ })).toBe(3);
    });

    it('names the variants it could not update, keeps the others, and a second save completes them', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 1 } });
        const deVersion = emulator.space.getEntry('home-de')!.sys.version;
        emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/home-de$/ }, rate: 1, kind: '503', times: 4 });

        const error = await setBrandColor(source, '#654321').then(() => undefined, (thrown: Error) => thrown);

        expect(error?.message).toContain('Shared field "brandColor" was saved on document "home-en-US" but could not be copied to 1 other translation ("home-de")');
        expect(error!.message).toContain('Save the field again on the default-locale variant to retry.');
        expect(emulator.space.getEntry('home-en-US')!.fields.brandColor).toEqual({ 'en-US': '#654321' });
        expect(emulator.space.getEntry('home-fr')!.fields.brandColor).toEqual({ 'en-US': '#654321' });
        expect(emulator.space.getEntry('home-de')!.sys.version).toBe(deVersion);
        // What the adapter shows matches Contentful: the German variant still has the old color.
        const held = source.runtimeOrUndefined()!.store.documents;
        expect((held.get('home-fr')!.fields.brandColor as { value?: unknown }).value).toBe('#654321');
        expect((held.get('home-de')!.fields.brandColor as { value?: unknown }).value).toBe('#8a4b2a');

        await setBrandColor(source, '#654321');
        expect(emulator.space.getEntry('home-de')!.fields.brandColor).toEqual({ 'en-US': '#654321' });
        expect((held.get('home-de')!.fields.brandColor as { value?: unknown }).value).toBe('#654321');
    });
});
