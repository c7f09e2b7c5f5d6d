// The cold load fetches only what the adapter reads, in as few requests as the space allows, and
// loses nothing by doing so; a space that refuses `select` still loads (whole entities).
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { EntryProps } from 'contentful-management';
import { createDemoSpace, EmulatedSpace } from '../../src/emulator/index.js';
import { ENTRY_LOAD_SELECT, ASSET_LOAD_SELECT } from '../../src/source/loading.js';
import { everyFieldTypeSpace, startSource, useSourceEmulator, DEMO_OBJECT_LEVEL, CMA_BASE } from '../source/support.js';

/** The demo space plus `extra` product entries (field-level, two locales each). */
function demoWith(extra: number): EmulatedSpace {
    const space = createDemoSpace();
    for (let index = 0; index < extra; index += 1) {
        space.addEntry({
            sys: { id: `bulk-${index}`, contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } },
            fields: { name: { 'en-US': `Product ${index}`, fr: `Produit ${index}` }, price: { 'en-US': index }, image: { 'en-US': { sys: { type: 'Link', linkType: 'Asset', id: 'asset-hero' } } } }
        });
    }
    return space;
}

describe('cold load', () => {
    const emulator = useSourceEmulator();

    it('asks entries and assets for the sys fields and fields it reads, at the largest page size', async () => {
        emulator.use(demoWith(2500));
        const { documents } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        expect(documents).toHaveLength(emulator.space.entries.size);
        const entryPages = emulator.log.filter({ method: 'GET', route: '/entries' });
        const assetPages = emulator.log.filter({ method: 'GET', route: '/assets' });
        // 2,512 entries: three pages of 1,000, no per-document request.
        expect(entryPages).toHaveLength(3);
        expect(assetPages).toHaveLength(1);
        expect(entryPages.every((request) => request.query.select === ENTRY_LOAD_SELECT)).toBe(true);
        // Full pages, the last one only as large as what is left.
        expect(entryPages.map((request) => Number(request.query.limit)).sort((a, b) => b - a)).toEqual([1000, 1000, 512]);
        expect(assetPages.every((request) => request.query.select === ASSET_LOAD_SELECT)).toBe(true);
        expect(emulator.log.filter({ method: 'GET', route: '/entries/:id' })).toHaveLength(0);
        expect(ENTRY_LOAD_SELECT.split(',')).not.toContain('metadata');
    });

    it('requests the first pages of entries and assets while the metadata is read (one round trip less)', async () => {
        emulator.use(demoWith(2500), { latencyMs: 60 });
        await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const finished = (route: string) => {
            const request = emulator.log.filter({ method: 'GET', route })[0]!;
            return Date.parse(request.timestamp) + request.durationMs;
        };
        const metadataDone = Math.min(finished('/locales'), finished('/content_types'), finished('/editor_interfaces'));
        const firstEntries = emulator.log.filter({ method: 'GET', route: '/entries' }).find((request) => request.query.skip === '0')!;
        const firstAssets = emulator.log.filter({ method: 'GET', route: '/assets' }).find((request) => request.query.skip === '0')!;
        expect(Date.parse(firstEntries.timestamp)).toBeLessThan(metadataDone);
        expect(Date.parse(firstAssets.timestamp)).toBeLessThan(metadataDone);
        // Still exactly one request per page.
        expect(emulator.log.filter({ method: 'GET', route: '/entries' })).toHaveLength(3);
    });

    it('bad configuration still fails at init with a clear error, the early page requests notwithstanding', async () => {
        const failed = await startSource(emulator.space, { objectLevel: { models: ['nope'] } }).catch((error: Error) => error);
        expect(failed).toBeInstanceOf(Error);
        expect((failed as Error).message).toMatch(/objectLevel\.models\[0\].*"nope"/);
    });

    it('loses nothing by selecting: every document equals the one converted from the whole entry', async () => {
        for (const space of [everyFieldTypeSpace(), createDemoSpace()]) {
            emulator.use(space);
            const { source, documents, assets } = await startSource(space, space.spaceId === 'demo' ? { objectLevel: DEMO_OBJECT_LEVEL } : {});
            const runtime = source.runtimeOrUndefined()!;
            const whole = space.listEntries().map((entry) => runtime.schema.convertEntry(entry as unknown as EntryProps));
            expect(documents.length).toBeGreaterThan(0);
            expect(documents).toEqual(expect.arrayContaining(whole));
            expect(whole).toEqual(expect.arrayContaining(documents));
            const wholeAssets = space.listAssets().map((asset) => runtime.schema.convertAsset(asset as never));
            expect(assets).toEqual(expect.arrayContaining(wholeAssets));
        }
    });

    it('a space that refuses select still loads, with whole entities, and is not asked again', async () => {
        emulator.intercept(
            http.get(`${CMA_BASE}/spaces/:space/environments/:env/:collection`, ({ request }) => {
                const url = new URL(request.url);
                if (!url.searchParams.has('select') || url.searchParams.get('select') === 'sys.id') return undefined;
                return HttpResponse.json({ sys: { type: 'Error', id: 'InvalidQuery' }, message: 'The query you sent was invalid. Probably a filter or ordering specification is not applicable to the type of one of the fields.', details: { errors: [{ name: 'select', details: 'Select is not supported here' }] } }, { status: 400 });
            })
        );
        const { source, documents, assets } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        expect(documents.map((document) => document.id).sort()).toEqual(emulator.space.listEntries().map((entry) => entry.sys.id).sort());
        expect(assets).toHaveLength(emulator.space.listAssets().length);
        // A reload goes straight to whole entities.
        const before = emulator.log.all().length;
        await source.reset();
        await source.getDocuments();
        const reload = emulator.log.all().slice(before).filter((request) => request.route === '/entries');
        expect(reload.length).toBeGreaterThan(0);
        expect(reload.every((request) => request.query.select === undefined)).toBe(true);
    });

    it('a failure that is not about select is not hidden by the fallback', async () => {
        emulator.intercept(
            http.get(`${CMA_BASE}/spaces/:space/environments/:env/entries`, () =>
                HttpResponse.json({ sys: { type: 'Error', id: 'AccessDenied' }, message: 'Forbidden' }, { status: 403 })
            )
        );
        const source = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL }).catch((error: Error) => error);
        expect(source).toBeInstanceOf(Error);
        expect((source as Error).message).toMatch(/403/);
        // One attempt per page only: no retry without select.
        expect(emulator.log.filter({ method: 'GET', route: '/entries' }).every((request) => request.query.select !== undefined)).toBe(true);
    });

    it('a user getDocumentLocale receives whole entries (it may read any part of them)', async () => {
        const seen: EntryProps[] = [];
        await startSource(emulator.space, {
            objectLevel: {
                ...DEMO_OBJECT_LEVEL,
                getDocumentLocale: (entry: EntryProps) => {
                    seen.push(entry);
                    return (entry.fields.locale as Record<string, string> | undefined)?.['en-US'];
                }
            }
        });
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((entry) => entry.metadata !== undefined && entry.sys.space !== undefined)).toBe(true);
        expect(emulator.log.filter({ method: 'GET', route: '/entries' }).every((request) => request.query.select === undefined)).toBe(true);
    });
});
