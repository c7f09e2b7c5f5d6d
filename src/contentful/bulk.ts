/**
 * Bulk publish / unpublish within Contentful's limits: at most 200 entities per bulk action and
 * at most 5 active bulk actions per space. Each action is awaited with backoff until it ends
 * (the official source gives up after ~7 s). A failed action names the entities that failed; the
 * rest are resubmitted, so one invalid document never blocks the others.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { BulkActionProps } from 'contentful-management';
import { sleep, type ContentfulConnection } from './client.js';
import { bulkLocalePublish, bulkPublish, bulkUnpublish, getBulkAction, type VersionedEntityLink } from './api.js';

export const BULK_ACTION_MAX_ITEMS = 200;
export const BULK_ACTION_MAX_ACTIVE = 5;

/** One entity of a bulk request; `locales` turns it into a locale-based (v2) action. */
export interface BulkItem {
    link: VersionedEntityLink;
    locales?: string[];
}

export interface BulkFailure {
    id: string;
    linkType: 'Entry' | 'Asset';
    /** Contentful's error for this entity (validation details etc.), or the action's error. */
    error: unknown;
    message: string;
}

export interface BulkResult {
    succeeded: { id: string; linkType: 'Entry' | 'Asset' }[];
    failed: BulkFailure[];
    /** Bulk actions created (for measurements). */
    actions: number;
}

export interface BulkOptions {
    action: 'publish' | 'unpublish';
    items: BulkItem[];
    /** Shared by every bulk operation of one space, so concurrent publishes stay within 5 active. */
    limiter: LimitFunction;
    timeoutMs: number;
    /** First poll delay (ms); grows ×1.5 up to 5 s. */
    pollBaseMs?: number;
}

/** A limiter to share across every bulk operation of one connection. */
export function createBulkLimiter(): LimitFunction {
    return pLimit(BULK_ACTION_MAX_ACTIVE);
}

interface EntityError {
    entity?: { sys?: { id?: string; linkType?: string } };
    error?: { sys?: { id?: string }; message?: string; details?: { errors?: { name?: string; path?: unknown[]; details?: string }[] } };
}

/** Runs a bulk publish or unpublish of any size and reports every entity as succeeded or failed. */
export async function runBulk(conn: ContentfulConnection, options: BulkOptions): Promise<BulkResult> {
    const result: BulkResult = { succeeded: [], failed: [], actions: 0 };
    // One v2 action cannot both remove some locales and unpublish other entities entirely, so an
    // unpublish sends the two kinds in separate actions. A publish may mix them.
    const groups =
        options.action === 'unpublish'
            ? [options.items.filter((item) => item.locales === undefined), options.items.filter((item) => item.locales !== undefined)]
            : [options.items];
    const chunks: BulkItem[][] = [];
    for (const group of groups) {
        for (let i = 0; i < group.length; i += BULK_ACTION_MAX_ITEMS) {
            chunks.push(group.slice(i, i + BULK_ACTION_MAX_ITEMS));
        }
    }
    await Promise.all(chunks.map((chunk) => runChunk(conn, chunk, options, result)));
    return result;
}

async function runChunk(conn: ContentfulConnection, chunk: BulkItem[], options: BulkOptions, result: BulkResult): Promise<void> {
    let pending = chunk;
    while (pending.length > 0) {
        let action: BulkActionProps;
        try {
            action = await options.limiter(async () => {
                result.actions++;
                const created = await submit(conn, options.action, pending);
                return waitForBulkAction(conn, created, isV2(pending), options);
            });
        } catch (error) {
            // Name every entity: a caller reports failures by id, and a rerun needs to know which.
            const reason = error instanceof Error ? error.message : String(error);
            for (const item of pending) {
                result.failed.push(failure(item, error, `${itemLabel(item)}: ${reason}`));
            }
            return;
        }
        if (action.sys.status === 'succeeded') {
            result.succeeded.push(...pending.map((item) => ({ id: item.link.sys.id, linkType: item.link.sys.linkType })));
            return;
        }
        const entityErrors = readEntityErrors(action);
        const failedIds = new Set(entityErrors.map((e) => e.entity?.sys?.id).filter((id): id is string => Boolean(id)));
        const stillPending = pending.filter((item) => !failedIds.has(item.link.sys.id));
        for (const item of pending) {
            const entityError = entityErrors.find((e) => e.entity?.sys?.id === item.link.sys.id);
            if (entityError) {
                result.failed.push(failure(item, entityError.error, describeEntityError(item, entityError)));
            }
        }
        if (failedIds.size === 0 || stillPending.length === pending.length) {
            // The action failed without blaming any entity: nothing can be told apart, all failed.
            const message = `bulk ${options.action} failed: ${JSON.stringify(action.error ?? 'no error given')}`;
            for (const item of stillPending) {
                result.failed.push(failure(item, action.error, `${itemLabel(item)}: ${message}`));
            }
            return;
        }
        pending = stillPending;
    }
}

function isV2(items: BulkItem[]): boolean {
    return items.some((item) => item.locales !== undefined);
}

function submit(conn: ContentfulConnection, action: 'publish' | 'unpublish', items: BulkItem[]): Promise<BulkActionProps> {
    if (isV2(items)) {
        return bulkLocalePublish(
            conn,
            action,
            items.map((item) => ({ link: item.link, locales: item.locales }))
        );
    }
    const links = items.map((item) => item.link);
    return action === 'publish' ? bulkPublish(conn, links) : bulkUnpublish(conn, links);
}

/** Polls until the action ends, backing off ×1.5 from `pollBaseMs` up to 5 s; throws after `timeoutMs`. */
export async function waitForBulkAction(
    conn: ContentfulConnection,
    created: BulkActionProps,
    v2: boolean,
    options: { timeoutMs: number; pollBaseMs?: number }
): Promise<BulkActionProps> {
    const deadline = Date.now() + options.timeoutMs;
    let delay = options.pollBaseMs ?? 300;
    let action = created;
    while (action.sys.status !== 'succeeded' && action.sys.status !== 'failed') {
        if (Date.now() + delay > deadline) {
            throw new Error(
                `bulk action "${created.sys.id}" did not finish within ${options.timeoutMs} ms (last status "${action.sys.status}"); ` +
                    'it may still complete in Contentful — raise `requests.bulkActionTimeoutMs` for very large publishes'
            );
        }
        await sleep(delay);
        delay = Math.min(5000, Math.round(delay * 1.5));
        action = await getBulkAction(conn, created.sys.id, v2);
    }
    return action;
}

function readEntityErrors(action: BulkActionProps): EntityError[] {
    const details = (action.error as { details?: { errors?: EntityError[] } } | undefined)?.details;
    return Array.isArray(details?.errors) ? details.errors : [];
}

function describeEntityError(item: BulkItem, entityError: EntityError): string {
    const inner = entityError.error;
    const fieldErrors = inner?.details?.errors ?? [];
    const what = fieldErrors
        .map((e) => {
            const path = Array.isArray(e.path) ? e.path : [];
            const [, field, locale] = path;
            return `${e.name ?? 'invalid'}${field !== undefined ? ` field "${String(field)}"` : ''}${locale !== undefined ? ` in "${String(locale)}"` : ''}`;
        })
        .join('; ');
    return `${itemLabel(item)}: ${inner?.sys?.id ?? 'failed'}${inner?.message ? ` (${inner.message})` : ''}${what ? `: ${what}` : ''}`;
}

/** `document "id"` / `asset "id"`, as every failure message starts. */
function itemLabel(item: BulkItem): string {
    return `${item.link.sys.linkType === 'Asset' ? 'asset' : 'document'} "${item.link.sys.id}"`;
}

function failure(item: BulkItem, error: unknown, message: string): BulkFailure {
    return { id: item.link.sys.id, linkType: item.link.sys.linkType, error, message };
}
