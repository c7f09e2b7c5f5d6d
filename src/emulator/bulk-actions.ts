/**
 * Bulk actions (v1 `POST …/bulk_actions/{publish,unpublish,validate}`, v2 `POST …/bulk_actions`).
 * An action is created with status `created`, is `inProgress` while polled, and runs when it turns
 * terminal (after N polls or a duration). Publishing is all-or-nothing: if any entity fails validation
 * or its pinned version is stale, the action `failed` with a `BulkActionFailed` error listing each
 * entity's error, and nothing is published. Limits as Contentful: ≤ 200 entities per action, ≤ 5
 * active actions per space.
 */
import { EmulatorError, notFound, rateLimitExceeded, versionMismatch, type ErrorBody } from './errors.js';
import { applyPublish, applyUnpublish, entityNotFound, publishRefusal, type WriteContext } from './lifecycle.js';
import { isPlainObject, link } from './normalize.js';
import type { EmulatedSpace } from './space.js';
import type { EntityRecord, Link } from './types.js';

/** Most entities one bulk action may carry. */
export const MAX_BULK_ITEMS = 200;
/** Most bulk actions that may be active (not terminal) per space. */
export const MAX_ACTIVE_BULK_ACTIONS = 5;

type Status = 'created' | 'inProgress' | 'succeeded' | 'failed';
type Action = 'publish' | 'unpublish' | 'validate';

interface BulkItem {
    link: Record<string, unknown>;
    kind: 'Entry' | 'Asset';
    id: string;
    version: number | undefined;
    add: string[] | undefined;
    remove: string[] | undefined;
}

/** A bulk action as served, plus what it needs to run. */
interface BulkActionRecord {
    data: {
        sys: { id: string; type: 'BulkAction'; status: Status; space: Link<'Space'>; environment: Link<'Environment'>; createdBy: Link<'User'>; createdAt: string; updatedAt: string };
        action: Action;
        payload: unknown;
        error?: ErrorBody;
    };
    items: BulkItem[];
    polls: number;
    createdAtMs: number;
    userId: string;
    progression: BulkProgression;
}

/** When an action turns terminal. */
export interface BulkProgression {
    /** GETs before it is terminal. Default 1 (the first GET sees the result). */
    polls?: number;
    /** Alternatively: milliseconds (space clock) after creation. */
    durationMs?: number;
}

// Bulk actions are transient API state, kept beside the space (keyed by it), not in its export.
const actionsBySpace = new WeakMap<EmulatedSpace, Map<string, BulkActionRecord>>();

function actions(space: EmulatedSpace): Map<string, BulkActionRecord> {
    let map = actionsBySpace.get(space);
    if (!map) {
        map = new Map();
        actionsBySpace.set(space, map);
    }
    return map;
}

function invalidPayload(message: string, details?: unknown): EmulatorError {
    return new EmulatorError(422, { sys: { type: 'Error', id: 'InvalidPayload' }, message, ...(details === undefined ? {} : { details }) });
}

function parseLink(raw: unknown, index: number): Omit<BulkItem, 'add' | 'remove'> {
    const sys = isPlainObject(raw) && isPlainObject(raw.sys) ? raw.sys : undefined;
    if (!sys || sys.type !== 'Link' || (sys.linkType !== 'Entry' && sys.linkType !== 'Asset') || typeof sys.id !== 'string') {
        throw invalidPayload(`Bulk action entity #${index} must be a Link to an Entry or Asset`, { errors: [{ name: 'type', path: ['entities', index], value: raw }] });
    }
    return { link: raw as Record<string, unknown>, kind: sys.linkType, id: sys.id, version: typeof sys.version === 'number' ? sys.version : undefined };
}

function localeList(raw: unknown): string[] | undefined {
    const codes = isPlainObject(raw) && isPlainObject(raw.fields) ? raw.fields['*'] : undefined;
    return Array.isArray(codes) ? codes.map(String) : undefined;
}

/** Parses a v1 (`{ entities: { items } }`) or v2 (`{ action, entities: [{ entity, add?, remove? }] }`) payload. */
function parseItems(payload: unknown, v2: boolean): BulkItem[] {
    const entities = isPlainObject(payload) ? payload.entities : undefined;
    const raw = v2 ? entities : isPlainObject(entities) ? entities.items : undefined;
    if (!Array.isArray(raw)) {
        throw invalidPayload(v2 ? 'The payload needs `entities: [{ entity: Link }]`' : 'The payload needs `entities: { sys: { type: "Array" }, items: [Link] }`');
    }
    if (raw.length > MAX_BULK_ITEMS) {
        throw invalidPayload(`A bulk action can contain at most ${MAX_BULK_ITEMS} entities (got ${raw.length})`, {
            errors: [{ name: 'size', max: MAX_BULK_ITEMS, path: ['entities', 'items'], value: raw.length }]
        });
    }
    return raw.map((item, index) => {
        if (!v2) {
            return { ...parseLink(item, index), add: undefined, remove: undefined };
        }
        const entry = isPlainObject(item) ? item : {};
        return { ...parseLink(entry.entity, index), add: localeList(entry.add), remove: localeList(entry.remove) };
    });
}

/** Advances actions whose time is up (duration-based progression) and counts the active ones. */
function activeCount(space: EmulatedSpace): number {
    let active = 0;
    for (const record of actions(space).values()) {
        if (record.progression.durationMs !== undefined) {
            advance(space, record, false);
        }
        if (record.data.sys.status === 'created' || record.data.sys.status === 'inProgress') {
            active += 1;
        }
    }
    return active;
}

/**
 * Creates a bulk action.
 * @throws 422 for a malformed payload or > 200 entities; 429 when 5 actions are already active
 */
export function createBulkAction(space: EmulatedSpace, action: Action, payload: unknown, v2: boolean, write: WriteContext, progression: BulkProgression) {
    const items = parseItems(payload, v2);
    if (activeCount(space) >= MAX_ACTIVE_BULK_ACTIONS) {
        throw rateLimitExceeded(1, `A space can have at most ${MAX_ACTIVE_BULK_ACTIONS} bulk actions in progress; wait for one to finish`);
    }
    const now = space.timestamp();
    const record: BulkActionRecord = {
        data: {
            sys: { id: space.newId(), type: 'BulkAction', status: 'created', ...space.spaceLinks(), createdBy: link('User', write.userId), createdAt: now, updatedAt: now } as BulkActionRecord['data']['sys'],
            action,
            payload
        },
        items,
        polls: 0,
        createdAtMs: space.now().getTime(),
        userId: write.userId,
        progression
    };
    actions(space).set(record.data.sys.id, record);
    return record.data;
}

/** `GET …/bulk_actions/actions/:id` (v1) and `GET …/bulk_actions/:id` (v2): one poll. */
export function pollBulkAction(space: EmulatedSpace, id: string) {
    const record = actions(space).get(id);
    if (!record) {
        throw notFound({ type: 'BulkAction', id, environment: space.environment, space: space.spaceId });
    }
    advance(space, record, true);
    return record.data;
}

function advance(space: EmulatedSpace, record: BulkActionRecord, polled: boolean): void {
    const sys = record.data.sys;
    if (sys.status === 'succeeded' || sys.status === 'failed') {
        return;
    }
    if (polled) {
        record.polls += 1;
    }
    const { polls = 1, durationMs } = record.progression;
    const due = durationMs !== undefined ? space.now().getTime() - record.createdAtMs >= durationMs : record.polls >= polls;
    sys.updatedAt = space.timestamp();
    if (!due) {
        sys.status = polled || durationMs !== undefined ? 'inProgress' : sys.status;
        return;
    }
    run(space, record);
}

function itemError(space: EmulatedSpace, record: BulkActionRecord, item: BulkItem, target: EntityRecord | undefined, peers: EntityRecord[]): ErrorBody | undefined {
    if (!target) {
        return entityNotFound(space, item.kind, item.id).body;
    }
    const action = record.data.action;
    const locales = item.add ?? item.remove;
    if (locales && !space.localeBasedPublishing) {
        return { sys: { type: 'Error', id: 'BadRequest' }, message: `Locale-based publishing is not enabled for environment "${space.environment}"; omit add/remove` };
    }
    const unknownLocales = (locales ?? []).filter((code) => !space.localeCodes().includes(code));
    if (unknownLocales.length) {
        return { sys: { type: 'Error', id: 'BadRequest' }, message: `Unknown locale(s) ${unknownLocales.join(', ')}` };
    }
    if (action !== 'unpublish' && item.version !== undefined && item.version !== target.data.sys.version) {
        return versionMismatch().body;
    }
    if (action === 'unpublish' || item.remove) {
        return target.data.sys.publishedVersion === undefined ? { sys: { type: 'Error', id: 'BadRequest' }, message: `${item.kind} "${item.id}" is not published` } : undefined;
    }
    return publishRefusal(space, target, item.add ?? 'all', peers)?.body;
}

function run(space: EmulatedSpace, record: BulkActionRecord): void {
    const targets = record.items.map((item) => space.records(item.kind).get(item.id));
    const peers = targets.filter((target): target is EntityRecord => !!target);
    const errors = record.items.flatMap((item, index) => {
        const error = itemError(space, record, item, targets[index], peers);
        return error ? [{ entity: item.link, error }] : [];
    });
    const sys = record.data.sys;
    sys.updatedAt = space.timestamp();
    if (errors.length) {
        sys.status = 'failed';
        record.data.error = { sys: { type: 'Error', id: 'BulkActionFailed' }, message: 'Not all entities could be processed', details: { errors } };
        return;
    }
    const write = { userId: record.userId };
    record.items.forEach((item, index) => {
        const target = targets[index]!;
        if (record.data.action === 'publish') {
            if (item.remove) {
                applyUnpublish(space, target, item.remove, write);
            } else {
                applyPublish(space, target, item.add, write);
            }
        } else if (record.data.action === 'unpublish') {
            applyUnpublish(space, target, undefined, write);
        }
    });
    sys.status = 'succeeded';
}
