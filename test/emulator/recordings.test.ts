// Every recorded collection (locales, content types, entries, assets) and both contentful-export files
// loaded with EmulatedSpace.fromExport and read back through the CMA client: the emulator serves them
// with the same keys in sys and fields (and, for stored entities, the same values) as real Contentful did.
import { describe, expect, it } from 'vitest';
import { EmulatedSpace, type ContentfulExport } from '../../src/emulator/index.js';
import { cmaClient, emulatorServer, recording } from './support.js';

const emulator = emulatorServer();

type Recorded = { sys: Record<string, unknown>; [key: string]: unknown };

async function serve(exportJson: ContentfulExport, resource: 'locales' | 'content_types' | 'editor_interfaces' | 'entries' | 'assets', spaceId?: string) {
    const space = EmulatedSpace.fromExport(exportJson, spaceId ? { spaceId } : {});
    emulator.install(space);
    const url = `https://api.contentful.com/spaces/${encodeURIComponent(space.spaceId)}/environments/${space.environment}/${resource}?limit=1000`;
    const response = await fetch(url, { headers: { Authorization: 'Bearer x' } });
    expect(response.status).toBe(200);
    return { space, body: (await response.json()) as { total: number; items: Recorded[] } };
}

function byId(items: Recorded[]): Map<string, Recorded> {
    return new Map(items.map((item) => [String(item.sys.id), item]));
}

function expectSameEntities(served: Recorded[], recorded: Recorded[]): void {
    expect(served).toHaveLength(recorded.length);
    const servedById = byId(served);
    for (const item of recorded) {
        const mine = servedById.get(String(item.sys.id));
        expect(mine, `entity ${String(item.sys.id)}`).toBeDefined();
        expect(Object.keys(mine!.sys).sort()).toEqual(Object.keys(item.sys).sort());
        expect(Object.keys((mine!.fields as object) ?? {}).sort()).toEqual(Object.keys((item.fields as object) ?? {}).sort());
        expect(mine).toEqual(item);
    }
}

const ENTRY_COLLECTIONS = [
    'java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json',
    'java-entries-collection-rich-text.json',
    'php-entries-collection-draft-published-archived.json',
    'rb-entries-collection-archived-draft-link-arrays.json',
    'rb-entries-collection-de-DE-asset-link.json',
    'rb-entries-collection-de-DE-en-US-pl-PL.json'
];
const ASSET_COLLECTIONS = ['java-assets-collection-multi-locale-en-US-en-UK.json', 'php-assets-collection-archived-unprocessed.json', 'rb-assets-collection-per-locale-file-en-US-pl.json'];
const CONTENT_TYPE_COLLECTIONS = ['java-content-types-collection.json', 'php-content-types-collection.json', 'rb-content-types-localized-and-nonlocalized.json', 'rb-content-types-localized-de-DE-en-US.json'];
const LOCALE_COLLECTIONS = ['java-locales-8-with-fallback-chains.json', 'php-locales-3-fallback-chain-en-AU-en-GB-en-US.json', 'rb-locales-legacy-2014-no-fallback.json'];
const SINGLE_ENTRIES = [
    'php-entry-archived.json',
    'php-entry-published.json',
    'php-entry-rich-text.json',
    'py-entry-multi-locale-en-US-es-AR.json',
    'rb-entry-archived.json',
    'rb-entry-created-de-DE-en-US-pl-PL.json',
    'rb-entry-default-en-GB-null-es-ES.json',
    'rb-entry-modern-fieldStatus-concepts.json',
    'rb-entry-multi-locale-de-DE-en-US.json',
    'rb-entry-nonlocalized-under-de-DE-es-en-US-de-DE.json',
    'rb-entry-nonlocalized-under-de-DE-es-only.json'
];
const SINGLE_ASSETS = ['rb-asset-modern-fieldStatus-concepts.json', 'rb-asset-per-locale-file-en-US-pl.json'];

describe('recorded collections served back', () => {
    it.each(ENTRY_COLLECTIONS)('entries: %s', async (name) => {
        const recorded = recording(name);
        const { body } = await serve({ entries: recorded.items }, 'entries');
        expect(body.total).toBe(recorded.items.length);
        expectSameEntities(body.items, recorded.items);
    });

    it.each(ASSET_COLLECTIONS)('assets: %s', async (name) => {
        const recorded = recording(name);
        const { body } = await serve({ assets: recorded.items }, 'assets');
        expectSameEntities(body.items, recorded.items);
    });

    it.each(CONTENT_TYPE_COLLECTIONS)('content types: %s', async (name) => {
        const recorded = recording(name);
        const spaceId = String((recorded.items[0].sys.space as { sys: { id: string } }).sys.id);
        const { body } = await serve({ contentTypes: recorded.items }, 'content_types', spaceId);
        expect(body.total).toBe(recorded.items.length);
        for (const item of recorded.items as Recorded[]) {
            expect(byId(body.items).get(String(item.sys.id))).toEqual(item);
        }
    });

    it.each(LOCALE_COLLECTIONS)('locales: %s (legacy shapes get the modern keys)', async (name) => {
        const recorded = recording(name);
        const { body } = await serve({ locales: recorded.items }, 'locales', 'recorded');
        expect(body.items.map((locale) => [locale.code, locale.default, locale.fallbackCode])).toEqual(
            recorded.items.map((locale: Recorded) => [locale.code, locale.default, locale.fallbackCode ?? null])
        );
        for (const [index, locale] of (recorded.items as Recorded[]).entries()) {
            expect(Object.keys(body.items[index]!.sys).sort()).toEqual(Object.keys(locale.sys).sort());
            expect(body.items[index]).toMatchObject({ ...locale, fallbackCode: locale.fallbackCode ?? null });
            expect(Object.keys(body.items[index]!)).toEqual(expect.arrayContaining(['code', 'name', 'default', 'fallbackCode', 'optional', 'contentManagementApi', 'contentDeliveryApi']));
        }
    });

    it('a 2016 locale with snake_case fallback_code is served with fallbackCode', async () => {
        const legacy = recording('rb-locale-legacy-2016-snake-fallback_code.json');
        const modern = recording('rb-locale-with-fallback.json');
        const space = EmulatedSpace.fromExport({ locales: [legacy, modern] }, { spaceId: 'legacy' });
        const client = emulator.install(space);
        const locales = await client.locale.getMany({ query: {} });
        expect(locales.items.map((locale) => [locale.code, locale.fallbackCode, locale.default])).toEqual([
            ['es', null, true],
            ['foo-BB', 'en-US', false]
        ]);
        expect(locales.items[0]).not.toHaveProperty('fallback_code');
    });

    it.each([...SINGLE_ENTRIES, ...SINGLE_ASSETS])('single entity: %s', async (name) => {
        const recorded = recording(name) as Recorded;
        const kind = recorded.sys.type === 'Entry' ? 'entries' : 'assets';
        const space = EmulatedSpace.fromExport({ [kind]: [recorded] });
        const client = emulator.install(space);
        const served = kind === 'entries' ? await client.entry.get({ entryId: String(recorded.sys.id) }) : await client.asset.get({ assetId: String(recorded.sys.id) });
        expect(served).toEqual(recorded);
    });

    it.each(['export-stackbit-i18n-field-level-en-US-es.json', 'export-stackbit-i18n-multi-brand-en-US-es.json'])('contentful-export file: %s', async (name) => {
        const exported = recording(name);
        const space = EmulatedSpace.fromExport(exported);
        const client = cmaClient(space);
        emulator.install(space);
        const [locales, contentTypes, editorInterfaces, entries, assets] = await Promise.all([
            client.locale.getMany({ query: {} }),
            client.contentType.getMany({ query: { limit: 1000 } }),
            client.editorInterface.getMany({}),
            client.entry.getMany({ query: { limit: 1000 } }),
            client.asset.getMany({ query: { limit: 1000 } })
        ]);
        expect(locales.items.map((locale) => locale.code)).toEqual(exported.locales.map((locale: Recorded) => locale.code));
        expect(locales.items).toEqual(exported.locales);
        expectSameEntities(contentTypes.items as unknown as Recorded[], exported.contentTypes);
        expect(editorInterfaces.items).toEqual(expect.arrayContaining(exported.editorInterfaces));
        expectSameEntities(entries.items as unknown as Recorded[], exported.entries);
        expectSameEntities(assets.items as unknown as Recorded[], exported.assets);
    });
});

describe('imported data stays editable', () => {
    it('tolerates a stored value under a locale the space lacks when it is sent back unchanged, refuses a new one', async () => {
        const entry = recording('py-entry-multi-locale-en-US-es-AR.json') as Recorded;
        const space = EmulatedSpace.fromExport({ locales: [{ code: 'en-US', default: true }], entries: [entry] });
        const client = emulator.install(space);
        const fetched = await client.entry.get({ entryId: String(entry.sys.id) });
        const saved = await client.entry.update({ entryId: fetched.sys.id }, { ...fetched, fields: { ...fetched.fields, name: { ...fetched.fields.name, 'en-US': 'Changed' } } });
        expect(saved.fields.name).toEqual({ 'en-US': 'Changed', 'es-AR': 'Bar' });
        expect(saved.sys.version).toBe(Number(entry.sys.version) + 1);
        await expect(client.entry.update({ entryId: fetched.sys.id }, { ...saved, fields: { name: { 'en-US': 'x', 'es-AR': 'new' } } })).rejects.toThrow(/unknown/);
    });

    it('infers locales from field keys when an export has none, the most used key as default', () => {
        const space = EmulatedSpace.fromExport({ entries: recording('rb-entries-collection-de-DE-en-US-pl-PL.json').items });
        expect(space.defaultLocale()).toBe('en-US');
        expect(space.localeCodes()).toEqual(expect.arrayContaining(['en-US', 'de-DE', 'pl-PL']));
        expect(space.spaceId).toBe('bfsvtul0c41g');
    });
});
