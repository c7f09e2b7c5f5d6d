/**
 * Read-modify-write of one entry that never loses a concurrent edit: fetch the entry, compute its
 * new fields from the fresh copy, save with its version; on 409 VersionMismatch fetch again and
 * recompute, so another editor's change to other fields (or other locales) is kept.
 */
import { randomBytes } from 'node:crypto';
import _ from 'lodash';
import type { AssetProps, EntryProps } from 'contentful-management';
import { ContentfulRequestError } from '../errors.js';
import { wasMaybeApplied, type ContentfulConnection } from '../contentful/client.js';
import { createAssetWithId, createEntryWithId, getAsset, getEntry, publishAsset, updateAsset, updateEntry } from '../contentful/api.js';
import type { LocalizedFields } from '../contentful/types.js';

const MAX_CONFLICT_RETRIES = 8;

/** A new entity id, like Contentful's own (22 base-62 characters). */
export function newEntityId(): string {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    return Array.from(randomBytes(22), (byte) => alphabet[byte % 62]).join('');
}

function isVersionMismatch(error: unknown): boolean {
    return error instanceof ContentfulRequestError && error.status === 409;
}

interface Saveable {
    sys: { id: string; version: number };
    fields: LocalizedFields;
}

/**
 * The generic loop. `transform` returns the new fields, or `undefined` when nothing needs saving.
 * When an attempt's response was lost and the retry meets a 409, the fresh copy is checked: if it
 * already holds what we meant to write, the write happened and is not repeated (a repeated list
 * insert would duplicate an item).
 */
async function saveWithRetry<T extends Saveable>(
    fetch: () => Promise<T>,
    save: (current: T, fields: LocalizedFields) => Promise<T>,
    transform: (current: T) => LocalizedFields | undefined
): Promise<T> {
    let current = await fetch();
    for (let attempt = 0; ; attempt++) {
        const fields = transform(current);
        if (fields === undefined) {
            return current;
        }
        try {
            return await save(current, fields);
        } catch (error) {
            if (!isVersionMismatch(error) || attempt >= MAX_CONFLICT_RETRIES) {
                throw error;
            }
            const intended = fields;
            current = await fetch();
            if (wasMaybeApplied(error) && _.isEqual(current.fields, intended)) {
                return current;
            }
        }
    }
}

export function saveEntry(conn: ContentfulConnection, entryId: string, transform: (entry: EntryProps) => LocalizedFields | undefined): Promise<EntryProps> {
    return saveWithRetry<EntryProps>(
        () => getEntry(conn, entryId),
        (entry, fields) => updateEntry(conn, entry, fields),
        transform
    );
}

export function saveAsset(conn: ContentfulConnection, assetId: string, transform: (asset: AssetProps) => LocalizedFields | undefined): Promise<AssetProps> {
    return saveWithRetry<AssetProps>(
        () => getAsset(conn, assetId),
        (asset, fields) => updateAsset(conn, asset, fields as AssetProps['fields']),
        transform as (asset: AssetProps) => LocalizedFields | undefined
    );
}

/**
 * Creates an entry with an id chosen here. If the response was lost and the retry finds the id
 * taken, the entry we created is fetched instead of failing (no duplicate, no false error).
 */
export async function createEntry(
    conn: ContentfulConnection,
    options: { contentTypeId: string; fields: LocalizedFields; entryId?: string }
): Promise<EntryProps> {
    const entryId = options.entryId ?? newEntityId();
    try {
        return await createEntryWithId(conn, { entryId, contentTypeId: options.contentTypeId, fields: options.fields });
    } catch (error) {
        if (isVersionMismatch(error) && wasMaybeApplied(error)) {
            const existing = await getEntry(conn, entryId);
            if (existing.sys.contentType.sys.id === options.contentTypeId && _.isEqual(existing.fields, options.fields)) {
                return existing;
            }
        }
        throw error;
    }
}

/**
 * Creates an asset with an id chosen here. As for entries: if the response was lost and the retry
 * finds the id taken by exactly what we sent, that asset is ours (no orphan, no false error).
 */
export async function createAsset(conn: ContentfulConnection, options: { assetId: string; fields: AssetProps['fields'] }): Promise<AssetProps> {
    try {
        return await createAssetWithId(conn, options.assetId, options.fields);
    } catch (error) {
        if (isVersionMismatch(error) && wasMaybeApplied(error)) {
            const existing = await getAsset(conn, options.assetId);
            if (_.isEqual(existing.fields, options.fields)) {
                return existing;
            }
        }
        throw error;
    }
}

/**
 * Publishes an asset at its version. If the answer was lost and the retry met a 409, the asset
 * published at exactly that version means the first attempt was applied: it is not an error.
 */
export async function publishAssetOnce(conn: ContentfulConnection, asset: AssetProps): Promise<AssetProps> {
    try {
        return await publishAsset(conn, asset);
    } catch (error) {
        if (isVersionMismatch(error) && wasMaybeApplied(error)) {
            const current = await getAsset(conn, asset.sys.id);
            if (current.sys.publishedVersion === asset.sys.version) {
                return current;
            }
        }
        throw error;
    }
}

/**
 * Runs a lifecycle write (unpublish, delete, archive, unarchive) that cannot be repeated safely.
 * When its answer was lost and the retry is refused because the first attempt was applied (404
 * after a delete, "not published" after an unpublish, "already archived" …), `reached()` reads
 * Contentful again: a value means the write happened and is returned; undefined rethrows.
 */
export async function writeOnce<T>(write: () => Promise<T>, reached: () => Promise<T | undefined>): Promise<T> {
    try {
        return await write();
    } catch (error) {
        if (wasMaybeApplied(error) && error instanceof ContentfulRequestError && error.status !== undefined && error.status < 500) {
            const result = await reached();
            if (result !== undefined) {
                return result;
            }
        }
        throw error;
    }
}

/** The entry, or undefined when Contentful answers 404 (it was deleted). */
export async function entryOrNothing(conn: ContentfulConnection, entryId: string): Promise<EntryProps | undefined> {
    try {
        return await getEntry(conn, entryId);
    } catch (error) {
        if (error instanceof ContentfulRequestError && error.status === 404) {
            return undefined;
        }
        throw error;
    }
}
