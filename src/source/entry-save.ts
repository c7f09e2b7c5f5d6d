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
import { createEntryWithId, getAsset, getEntry, updateAsset, updateEntry } from '../contentful/api.js';
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
