// Collection queries on the CMA: paging, filters, select, order, limits, "Response size too big", and
// that paging a large space reuses one sorted result instead of sorting per page.
import { describe, expect, it } from 'vitest';
import { EmulatedSpace } from '../../src/emulator/index.js';
import { articleSpace, emulatorServer, envUrl, raw, sdkError } from './support.js';

const emulator = emulatorServer();

function seedArticles(space: EmulatedSpace, count: number): void {
    for (let index = 0; index < count; index++) {
        space.addEntry({
            sys: {
                id: `a${String(index).padStart(5, '0')}`,
                contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'article' } },
                createdAt: new Date(Date.UTC(2024, 0, 1) + index * 1000).toISOString(),
                updatedAt: new Date(Date.UTC(2024, 5, 1) - index * 1000).toISOString(),
                ...(index % 3 === 0 ? { publishedVersion: 1, version: 2 } : {}),
                ...(index % 10 === 9 ? { archivedVersion: 1, version: 2 } : {})
            },
            fields: {
                title: { 'en-US': `Title ${index}`, ...(index % 2 ? { de: `Titel ${index}` } : {}) },
                slug: { 'en-US': `slug-${index}` },
                category: { 'en-US': index % 2 ? 'news' : 'blog' },
                related: { 'en-US': { sys: { type: 'Link', linkType: 'Entry', id: 'a00000' } } }
            }
        });
    }
}

describe('paging and limits', () => {
    it('pages with skip/limit, defaults to limit 100, and limit=0 answers the total only', async () => {
        const space = articleSpace();
        seedArticles(space, 250);
        const client = emulator.install(space);
        const first = await client.entry.getMany({ query: {} });
        expect(first).toMatchObject({ total: 250, skip: 0, limit: 100 });
        expect(first.items).toHaveLength(100);
        const last = await client.entry.getMany({ query: { skip: 200, limit: 100 } });
        expect(last.items.map((entry) => entry.sys.id)).toEqual(Array.from({ length: 50 }, (_unused, index) => `a${String(200 + index).padStart(5, '0')}`));
        const countOnly = await raw('GET', `${envUrl(space)}/entries?limit=0`);
        expect(countOnly.body).toEqual({ sys: { type: 'Array' }, total: 250, skip: 0, limit: 0, items: [] });
    });

    it('refuses a limit above 1000 with 400 BadRequest', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        expect(await sdkError(client.entry.getMany({ query: { limit: 1001 } }))).toMatchObject({ name: 'BadRequest', status: 400 });
        expect((await raw('GET', `${envUrl(space)}/content_types?limit=5000`)).status).toBe(400);
    });

    it('answers "Response size too big" for a collection above maxResponseBytes, and serves smaller pages', async () => {
        const space = articleSpace();
        seedArticles(space, 40);
        const client = emulator.install(space, { maxResponseBytes: 20_000 });
        const tooBig = await raw('GET', `${envUrl(space)}/entries?limit=40`);
        expect(tooBig.status).toBe(400);
        expect(tooBig.body).toMatchObject({ sys: { type: 'Error', id: 'BadRequest' }, message: 'Response size too big. Maximum allowed response size: 20000B.' });
        expect((await client.entry.getMany({ query: { limit: 10 } })).items).toHaveLength(10);
        expect((await client.entry.get({ entryId: 'a00001' })).sys.id).toBe('a00001'); // single entities are not limited
    });
});

describe('filters, select and order', () => {
    it('filters by content type, ids, field values, locale values, dates and existence', async () => {
        const space = articleSpace();
        seedArticles(space, 30);
        const client = emulator.install(space);
        const ids = async (query: Record<string, unknown>) => (await client.entry.getMany({ query })).items.map((entry) => entry.sys.id);
        expect(await ids({ 'sys.id[in]': 'a00001,a00005,nope' })).toEqual(['a00001', 'a00005']);
        expect(await ids({ 'sys.id': 'a00002' })).toEqual(['a00002']);
        expect((await ids({ 'sys.id[nin]': 'a00001,a00002' })).length).toBe(28);
        expect(await ids({ content_type: 'article', 'fields.slug': 'slug-7' })).toEqual(['a00007']);
        expect((await ids({ content_type: 'article', 'fields.category[in]': 'news' })).length).toBe(15);
        expect(await ids({ content_type: 'article', 'fields.title.de': 'Titel 3' })).toEqual(['a00003']);
        expect(await ids({ content_type: 'article', 'fields.related.sys.id': 'a00000', 'sys.id': 'a00004' })).toEqual(['a00004']);
        expect((await ids({ 'sys.archivedVersion[exists]': 'true' })).length).toBe(3);
        expect((await ids({ 'sys.publishedVersion[exists]': 'true', 'sys.archivedVersion[exists]': 'false' })).length).toBe(9); // 0,3,…,27 minus the archived 9
        expect(await ids({ 'sys.updatedAt[gt]': new Date(Date.UTC(2024, 5, 1) - 3000).toISOString() })).toEqual(['a00000', 'a00001', 'a00002']);
        expect((await ids({ 'sys.updatedAt[lte]': new Date(Date.UTC(2024, 5, 1) - 28000).toISOString() })).length).toBe(2);
        expect((await ids({ content_type: 'other' })).length).toBe(0);
    });

    it('needs content_type to filter or order by a field, and knows the fields', async () => {
        const space = articleSpace();
        emulator.install(space);
        const missing = await raw('GET', `${envUrl(space)}/entries?fields.slug=a`);
        expect(missing.status).toBe(400);
        expect(missing.body.sys.id).toBe('InvalidQuery');
        const unknown = await raw('GET', `${envUrl(space)}/entries?content_type=article&fields.nope=a`);
        expect(unknown.status).toBe(400);
        expect(unknown.body.details.errors[0]).toMatchObject({ name: 'unknownField', path: ['fields', 'nope'] });
        expect((await raw('GET', `${envUrl(space)}/entries?sys.id[foo]=a`)).status).toBe(400);
    });

    it('projects with select, always keeping sys.type and sys.id', async () => {
        const space = articleSpace();
        seedArticles(space, 3);
        const client = emulator.install(space);
        const page = await client.entry.getMany({ query: { select: 'sys.version,fields.slug', limit: 1 } });
        expect(page.items[0]).toEqual({ sys: { type: 'Entry', id: 'a00000', version: 2 }, fields: { slug: { 'en-US': 'slug-0' } } });
    });

    it('orders by sys fields (comma list, - for descending) and by a field with content_type', async () => {
        const space = articleSpace();
        seedArticles(space, 5);
        const client = emulator.install(space);
        const ids = async (order: string, extra: Record<string, unknown> = {}) => (await client.entry.getMany({ query: { order, ...extra } })).items.map((entry) => entry.sys.id);
        expect(await ids('sys.updatedAt')).toEqual(['a00004', 'a00003', 'a00002', 'a00001', 'a00000']);
        expect(await ids('-sys.createdAt')).toEqual(['a00004', 'a00003', 'a00002', 'a00001', 'a00000']);
        expect(await ids('-sys.id')).toEqual(['a00004', 'a00003', 'a00002', 'a00001', 'a00000']);
        expect(await ids('fields.category,-sys.id', { content_type: 'article' })).toEqual(['a00004', 'a00002', 'a00000', 'a00003', 'a00001']);
    });

    it('filters the small lists too (content types by id, locales)', async () => {
        const space = articleSpace();
        space.addContentType({ sys: { id: 'second' }, name: 'Second', fields: [] });
        const client = emulator.install(space);
        expect((await client.contentType.getMany({ query: { 'sys.id[in]': 'second' } })).items.map((one) => one.sys.id)).toEqual(['second']);
        expect((await client.locale.getMany({ query: { limit: 1 } })).items).toHaveLength(1);
        expect((await client.contentType.getMany({ query: { select: 'sys.id,sys.version' } })).items).toEqual([
            { sys: { type: 'ContentType', id: 'article', version: 1 } },
            { sys: { type: 'ContentType', id: 'second', version: 1 } }
        ]);
    });
});

describe('paging a large space', () => {
    it('pages through 50,000 entries at limit 1000 sorting once, and re-sorts only after a change', async () => {
        const space = new EmulatedSpace({ spaceId: 'big' });
        space.addLocale({ code: 'en-US', default: true });
        space.addContentType({ sys: { id: 'item' }, name: 'Item', fields: [{ id: 'n', type: 'Integer' }] });
        const base = Date.UTC(2024, 0, 1);
        for (let index = 0; index < 50_000; index++) {
            // Inserted in reverse creation order, so the default order really needs a sort.
            const n = 49_999 - index;
            space.addEntry({ sys: { id: `e${n}`, contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'item' } }, createdAt: new Date(base + n).toISOString() }, fields: { n: { 'en-US': n } } }, { asImported: true });
        }
        emulator.install(space);
        const before = space.stats();
        const seen: string[] = [];
        for (let skip = 0; skip < 50_000; skip += 1000) {
            // The adapter pages with an explicit stable order; it is the default order, so no sort is needed.
            const page = await raw('GET', `${envUrl(space)}/entries?skip=${skip}&limit=1000&order=sys.createdAt,sys.id&select=sys.id`);
            seen.push(...page.body.items.map((item: { sys: { id: string } }) => item.sys.id));
        }
        const after = space.stats();
        expect(seen).toHaveLength(50_000);
        expect(seen[0]).toBe('e0');
        expect(seen[49_999]).toBe('e49999');
        expect(after.baseOrderSorts - before.baseOrderSorts).toBe(1);
        expect(after.queryCacheMisses - before.queryCacheMisses).toBe(1);
        expect(after.queryCacheHits - before.queryCacheHits).toBe(49);

        space.editEntry('e10', (fields) => ({ ...fields, n: { 'en-US': -1 } }));
        await raw('GET', `${envUrl(space)}/entries?skip=0&limit=1000`);
        await raw('GET', `${envUrl(space)}/entries?skip=1000&limit=1000`);
        const afterEdit = space.stats();
        expect(afterEdit.baseOrderSorts).toBe(after.baseOrderSorts); // an edit keeps the default order
        expect(afterEdit.queryCacheMisses - after.queryCacheMisses).toBe(1); // the result is recomputed once
    });
});
