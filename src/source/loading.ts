/**
 * The cold load: every entry and asset, fetched with concurrent pages and converted page by page
 * (the raw JSON of a page is dropped as soon as it is converted), and the changes that keep the
 * store and the engine current afterwards.
 */
import type { AssetProps, EntryProps } from 'contentful-management';
import { fetchAssets, fetchEntries } from '../contentful/api.js';
import type { ContentfulConnection } from '../contentful/client.js';
import { loadAll, STABLE_ORDER, type PageQuery } from '../contentful/paging.js';
import type { Collection } from '../contentful/types.js';
import { ContentfulRequestError } from '../errors.js';
import type { ResolvedOptions } from './resolve-options.js';
import type { Runtime } from './runtime.js';
import type { SourceAsset, SourceDocument } from './document-store.js';

export interface LoadStats {
    requests: number;
    total: number;
}

/**
 * The parts of an entity the converters, the watcher and the locale-based-publishing detection read.
 * Everything else (`metadata`, space/environment links, urn, publish dates, counters) is not fetched:
 * about a fifth of every page's bytes, parsed for nothing.
 */
const SYS_READ = ['id', 'type', 'version', 'publishedVersion', 'archivedVersion', 'fieldStatus', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'].map((key) => `sys.${key}`);
export const ENTRY_LOAD_SELECT = [...SYS_READ, 'sys.contentType', 'fields'].join(',');
export const ASSET_LOAD_SELECT = [...SYS_READ, 'fields'].join(',');

/** Connections whose space refused `select` once: later loads ask for whole entities. */
const selectRefused = new WeakSet<ContentfulConnection>();

function refusesSelect(error: unknown): boolean {
    return error instanceof ContentfulRequestError && error.status === 400 && /select/i.test(error.message);
}

/**
 * A page fetcher that asks only for `select`, and falls back to whole entities (for good, on this
 * connection) if the space refuses the projection.
 */
function selecting<T>(conn: ContentfulConnection, select: string | undefined, fetch: (query: PageQuery) => Promise<Collection<T>>) {
    return async (query: PageQuery): Promise<Collection<T>> => {
        if (select && !selectRefused.has(conn)) {
            try {
                return await fetch({ ...query, select });
            } catch (error) {
                if (!refusesSelect(error)) throw error;
                selectRefused.add(conn);
            }
        }
        return fetch(query);
    };
}

/** The page fetcher of the cold load's entries: selected fields, unless a user getDocumentLocale(entry) may read any part of an entry. */
function entryPages(conn: ContentfulConnection, options: ResolvedOptions) {
    const select = options.objectLevel.getDocumentLocale ? undefined : ENTRY_LOAD_SELECT;
    return selecting(conn, select, (query) => fetchEntries(conn, query));
}

function assetPages(conn: ContentfulConnection) {
    return selecting(conn, ASSET_LOAD_SELECT, (query) => fetchAssets(conn, query));
}

/** The first page of entries and of assets, requested before the schema is read (see `init`). */
export interface FirstPages {
    entries: Promise<Collection<EntryProps>>;
    assets: Promise<Collection<AssetProps>>;
}

/**
 * Requests the first page of entries and of assets right away, so they travel while the metadata is
 * read: one round trip less before the editor opens. Their failures surface from the load.
 */
export function prefetchFirstPages(conn: ContentfulConnection, options: ResolvedOptions): FirstPages {
    const query = { order: STABLE_ORDER, skip: 0, limit: options.requests.pageSize };
    const pages: FirstPages = { entries: entryPages(conn, options)(query), assets: assetPages(conn)(query) };
    // Handled by the load (or dropped when init fails); never an unhandled rejection meanwhile.
    pages.entries.catch(() => undefined);
    pages.assets.catch(() => undefined);
    return pages;
}

/** Whether an entry shows a locale that stayed `draft` after a publish: only locale-based publishing does that. */
function showsLocaleBasedPublishing(entry: EntryProps): boolean {
    const statuses = entry.sys.fieldStatus?.['*'];
    if (!statuses || entry.sys.publishedVersion === undefined) return false;
    // Runs for every loaded entry of a space without it: no allocation.
    let draft = false;
    let published = false;
    for (const code in statuses) {
        draft ||= statuses[code] === 'draft';
        published ||= statuses[code] === 'published';
    }
    return draft && published;
}

/** Loads every entry, converted. Also notes update times for the watcher via `onRaw`. */
export async function loadDocuments(runtime: Runtime, onRaw?: (entries: EntryProps[]) => void, firstPage?: Promise<Collection<EntryProps>>): Promise<{ documents: SourceDocument[]; stats: LoadStats }> {
    const byId = new Map<string, SourceDocument>();
    const detect = runtime.options.localeBasedPublishing === 'auto' && !runtime.localeBasedPublishing;
    const { requests, total } = await loadAll<EntryProps>({
        fetchPage: entryPages(runtime.conn, runtime.options),
        firstPage,
        pageSize: runtime.options.requests.pageSize,
        concurrency: runtime.options.requests.concurrency,
        onItems: (entries) => {
            onRaw?.(entries);
            const convert = runtime.schema.convertEntry;
            const page: (EntryProps | undefined)[] = entries;
            for (let index = 0; index < page.length; index += 1) {
                const entry = page[index]!;
                // Drop the raw entry as soon as it is converted: a GC in the middle of a 1000-entry page
                // then copies only the entries still to convert, not the whole page.
                page[index] = undefined;
                // A concurrent page may repeat an entry when the space changed during the load.
                byId.set(entry.sys.id, convert(entry));
                if (detect && !runtime.localeBasedPublishing && showsLocaleBasedPublishing(entry)) {
                    runtime.localeBasedPublishing = true;
                }
            }
        }
    });
    const documents = [...byId.values()];
    runtime.store.resetDocuments(documents);
    return { documents, stats: { requests, total } };
}

/** Loads every asset, converted. */
export async function loadAssets(runtime: Runtime, onRaw?: (assets: AssetProps[]) => void, firstPage?: Promise<Collection<AssetProps>>): Promise<{ assets: SourceAsset[]; stats: LoadStats }> {
    const byId = new Map<string, SourceAsset>();
    const { requests, total } = await loadAll<AssetProps>({
        fetchPage: assetPages(runtime.conn),
        firstPage,
        pageSize: runtime.options.requests.pageSize,
        concurrency: runtime.options.requests.concurrency,
        onItems: (assets) => {
            const convert = runtime.schema.convertAsset;
            for (const asset of assets) byId.set(asset.sys.id, convert(asset));
            onRaw?.(assets);
        }
    });
    const assets = [...byId.values()];
    runtime.store.resetAssets(assets);
    return { assets, stats: { requests, total } };
}

/**
 * Brings changed or deleted entities into the store and the engine, skipping versions already
 * known. Awaits the engine, so a caller that awaits this reads its own write.
 */
export async function applyContentChanges(
    runtime: Runtime,
    changes: { entries?: EntryProps[]; assets?: AssetProps[]; deletedEntryIds?: string[]; deletedAssetIds?: string[] }
): Promise<{ documents: SourceDocument[]; assets: SourceAsset[] }> {
    const { store, schema } = runtime;
    // Only newer versions: a poll answer that left Contentful before one of our own saves must not
    // put the older version back (versions of an id only grow; a deleted id is no longer known).
    const isNewer = (known: number | undefined, version: number) => known === undefined || version > known;
    const changedEntries = (changes.entries ?? []).filter((entry) => isNewer(store.documents.get(entry.sys.id)?.context.sys.version, entry.sys.version));
    const deletedDocumentIds = (changes.deletedEntryIds ?? []).filter((id) => store.documents.has(id));
    // Old problems of changed and deleted documents are forgotten before new data is converted (and
    // re-reported). The locale assigner remembers what it reported too: without forgetting there, a
    // still-missing locale would not be re-reported and would vanish from getDiagnostics() after any edit.
    const touchedIds = [...changedEntries.map((entry) => entry.sys.id), ...deletedDocumentIds];
    runtime.diagnostics.forgetDocuments(touchedIds);
    for (const id of touchedIds) schema.assigner.forget(id);
    const documents = changedEntries.map((entry) => schema.convertEntry(entry));
    const assets = (changes.assets ?? [])
        .filter((asset) => isNewer(store.assets.get(asset.sys.id)?.context.sys.version, asset.sys.version))
        .map((asset) => schema.convertAsset(asset));
    const deletedAssetIds = (changes.deletedAssetIds ?? []).filter((id) => store.assets.has(id));
    if (documents.length === 0 && assets.length === 0 && deletedDocumentIds.length === 0 && deletedAssetIds.length === 0) {
        return { documents, assets };
    }
    store.upsertDocuments(documents);
    store.upsertAssets(assets);
    store.deleteDocuments(deletedDocumentIds);
    store.deleteAssets(deletedAssetIds);
    await runtime.cache?.updateContent({ documents, assets, deletedDocumentIds, deletedAssetIds });
    return { documents, assets };
}
