/**
 * The three contenders of the cold-load benchmark, each doing what the engine does on start-up:
 * `init` + `getSchema` + `getDocuments` + `getAssets`.
 *
 * - ours: `LocalizedContentfulSource` with default request options.
 * - official: `ContentfulContentSource` from `@stackbit/cms-contentful` 1.0.36 (contentful-management 11).
 * - floor: the contentful-management 12 plain client fetching locales, content types and every entry
 *   and asset page at limit 1000 (4 pages in flight), plus a trivial pass over the items, which it
 *   keeps: the least any adapter can do.
 */
import { ContentfulContentSource } from '@stackbit/cms-contentful';
import type { Cache, Schema } from '@stackbit/types';
import { createClient, type AssetProps, type CollectionProp, type EntryProps } from 'contentful-management';
import pLimit from 'p-limit';
import { LocalizedContentfulSource } from '../src/index.js';
import type { EmulatedSpace } from '../src/emulator/index.js';
import { benchCache, initOptions } from './harness.js';

export type ContenderName = 'ours' | 'official' | 'floor';
export const CONTENDERS: ContenderName[] = ['ours', 'official', 'floor'];

/** What a cold load returns: counts to check that every contender saw the same space, and the data it holds. */
export interface ColdLoadResult {
    documents: number;
    assets: number;
    models: number;
    /** Kept so memory figures include what the contender holds. */
    held: unknown;
    /** The source, when the contender is a content source (for follow-up benchmarks). */
    source?: LocalizedContentfulSource | ContentfulContentSource;
    cache?: ReturnType<typeof benchCache>;
}

/** Options for our source in the benchmarks (the generated space's object-level model). */
export function oursOptions(space: EmulatedSpace, extra: Partial<ConstructorParameters<typeof LocalizedContentfulSource>[0]> = {}) {
    // BENCH_OURS_OPTIONS (JSON) overrides options for experiments, e.g. '{"requests":{"concurrency":1}}'.
    const overrides = process.env.BENCH_OURS_OPTIONS ? (JSON.parse(process.env.BENCH_OURS_OPTIONS) as object) : {};
    return {
        spaceId: space.spaceId,
        environment: space.environment,
        accessToken: 'bench-token',
        objectLevel: { models: ['page'], sharedFields: { page: ['brandColor'] } },
        ...extra,
        ...overrides
    };
}

async function coldLoadOurs(space: EmulatedSpace): Promise<ColdLoadResult> {
    const cache = benchCache();
    const source = new LocalizedContentfulSource(oursOptions(space));
    await source.init(initOptions(cache) as never);
    const schema = await source.getSchema();
    cache.setSchema(schema as Schema);
    const documents = await source.getDocuments();
    const assets = await source.getAssets();
    return { documents: documents.length, assets: assets.length, models: schema.models.length, held: [schema, documents, assets], source, cache };
}

/** Results of the official getDocuments/getAssets: a list, or `{ documents | assets, syncContext }`. */
function listOf<T>(result: T[] | Record<string, unknown>, key: string): T[] {
    return Array.isArray(result) ? result : ((result[key] as T[] | undefined) ?? []);
}

async function coldLoadOfficial(space: EmulatedSpace): Promise<ColdLoadResult> {
    const cache = benchCache();
    const source = new ContentfulContentSource({ spaceId: space.spaceId, environment: space.environment, accessToken: 'bench-token', previewToken: 'preview-token' });
    await source.init(initOptions(cache as Cache) as never);
    const schema = await source.getSchema();
    cache.setSchema(schema as Schema);
    const documents = listOf(await source.getDocuments(), 'documents');
    const assets = listOf(await source.getAssets(), 'assets');
    return { documents: documents.length, assets: assets.length, models: schema.models.length, held: [schema, documents, assets], source, cache };
}

/** Every item of a collection: the first page tells the total, the rest are fetched `concurrency` at a time. */
async function fetchAll<T>(getPage: (skip: number) => Promise<CollectionProp<T>>, concurrency: number): Promise<T[]> {
    const first = await getPage(0);
    const limit = pLimit(concurrency);
    const rest: Promise<CollectionProp<T>>[] = [];
    for (let skip = first.items.length; skip < first.total; skip += 1000) rest.push(limit(() => getPage(skip)));
    const pages = [first, ...(await Promise.all(rest))];
    return pages.flatMap((page) => page.items);
}

async function coldLoadFloor(space: EmulatedSpace): Promise<ColdLoadResult> {
    const client = createClient({ accessToken: 'bench-token', retryOnError: false }, { type: 'plain', defaults: { spaceId: space.spaceId, environmentId: space.environment } });
    const [locales, contentTypes] = await Promise.all([client.locale.getMany({ query: { limit: 1000 } }), client.contentType.getMany({ query: { limit: 1000 } })]);
    const [entries, assets] = await Promise.all([
        fetchAll<EntryProps>((skip) => client.entry.getMany({ query: { skip, limit: 1000 } }), 4),
        fetchAll<AssetProps>((skip) => client.asset.getMany({ query: { skip, limit: 1000 } }), 4)
    ]);
    // The trivial pass: touch every item's fields once.
    let fieldCount = 0;
    for (const item of [...entries, ...assets]) fieldCount += Object.keys(item.fields).length;
    return { documents: entries.length, assets: assets.length, models: contentTypes.items.length, held: [locales, contentTypes, entries, assets, fieldCount] };
}

/** Runs one contender's cold load. */
export function coldLoad(name: ContenderName, space: EmulatedSpace): Promise<ColdLoadResult> {
    switch (name) {
        case 'ours':
            return coldLoadOurs(space);
        case 'official':
            return coldLoadOfficial(space);
        case 'floor':
            return coldLoadFloor(space);
    }
}
