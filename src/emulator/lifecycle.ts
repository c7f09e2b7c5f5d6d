/**
 * The entry/asset lifecycle exactly as Contentful counts it: create → version 1; each save +1;
 * publish: publishedVersion = the version sent, version +1, publishedAt/firstPublishedAt/publishedBy,
 * publishedCounter +1, a snapshot (master only); unpublish: publishedVersion/publishedAt removed,
 * version +1; archive: archivedVersion = version, version +1; unarchive: removed, version +1.
 * `sys.fieldStatus` moves with every step (see field-status.ts).
 */
import _ from 'lodash';
import { badRequest, notFound, validationFailed, versionMismatch } from './errors.js';
import { allStatus, derivedStatus, mergeLocaleSlices, removeLocaleSlices, sliceContext, statusAfterSave, withStatus, type SliceContext } from './field-status.js';
import { isPlainObject, link, sysId } from './normalize.js';
import { publishValidationErrors, type PublishScope } from './publish-validation.js';
import { validateFieldsForSave } from './save-validation.js';
import type { EmulatedSpace } from './space.js';
import type { EntityRecord, LocaleStatus, StoredSys, WireEntity } from './types.js';

type Kind = 'Entry' | 'Asset';

/** Who writes. */
export interface WriteContext {
    userId: string;
}

/** The 404 of a missing entry or asset. */
export function entityNotFound(space: EmulatedSpace, kind: Kind, id: string) {
    return notFound({ type: kind, id, environment: space.environment, space: space.spaceId });
}

/** The record of `id` or a 404. */
export function requireRecord(space: EmulatedSpace, kind: Kind, id: string): EntityRecord {
    const record = space.records(kind).get(id);
    if (!record) {
        throw entityNotFound(space, kind, id);
    }
    return record;
}

/** Checks `X-Contentful-Version` against the entity; missing or stale → 409 VersionMismatch. */
export function checkVersion(record: EntityRecord, header: string | null, alsoAccept?: number): void {
    const sent = header === null || header.trim() === '' ? NaN : Number(header);
    if (sent !== record.data.sys.version && (alsoAccept === undefined || sent !== alsoAccept)) {
        throw versionMismatch();
    }
}

function context(space: EmulatedSpace, record: EntityRecord): SliceContext {
    const contentType = record.data.sys.type === 'Entry' ? space.getContentType(sysId(record.data.sys.contentType) ?? '') : null;
    return sliceContext(space.defaultLocale(), contentType);
}

function currentStatus(space: EmulatedSpace, sys: StoredSys): Record<string, LocaleStatus> {
    return sys.fieldStatus?.['*'] ?? derivedStatus(space.localeCodes(), sys.publishedVersion, sys.version);
}

function bump(space: EmulatedSpace, record: EntityRecord, write: WriteContext): StoredSys {
    const sys = record.data.sys;
    sys.version += 1;
    sys.updatedAt = space.timestamp();
    sys.updatedBy = link('User', write.userId);
    record.processingBaseVersion = undefined;
    return sys;
}

/** Emits a webhook-shaped change for the record. */
export function emitChange(space: EmulatedSpace, record: EntityRecord, action: string): void {
    const kind = record.data.sys.type;
    const payload =
        action === 'unpublish' || action === 'delete'
            ? { sys: { ..._.pick(record.data.sys, ['space', 'environment', 'id', 'contentType', 'createdAt', 'updatedAt']), type: `Deleted${kind}`, revision: record.data.sys.publishedCounter ?? 0, deletedAt: space.timestamp() } }
            : _.cloneDeep(record.data);
    space.touch(kind, { topic: `ContentManagement.${kind}.${action}`, payload: payload as Record<string, unknown> }, action === 'create' || action === 'delete');
}

/**
 * Creates an entry or asset from a save body (`{ fields, metadata? }`).
 * @throws 422 InvalidEntry for an unknown content type, field or locale; 409 if the id is taken
 */
export function createEntity(space: EmulatedSpace, kind: Kind, body: unknown, options: { id?: string; contentTypeId?: string | null }, write: WriteContext): EntityRecord {
    const id = options.id ?? space.newId();
    if (space.records(kind).has(id)) {
        throw versionMismatch();
    }
    const contentType = kind === 'Entry' ? space.getContentType(options.contentTypeId ?? '') : undefined;
    if (kind === 'Entry' && !contentType) {
        throw unknownContentType(options.contentTypeId ?? '');
    }
    const input = isPlainObject(body) ? body : {};
    const fields = validateFieldsForSave(input.fields, { kind, contentType, localeCodes: space.localeCodes(), defaultLocale: space.defaultLocale(), previous: {} });
    const now = space.timestamp();
    const user = link('User', write.userId);
    const sys: StoredSys = {
        ...space.spaceLinks(),
        id,
        type: kind,
        createdAt: now,
        updatedAt: now,
        createdBy: user,
        updatedBy: user,
        publishedCounter: 0,
        version: 1,
        fieldStatus: { '*': allStatus(space.localeCodes(), 'draft') },
        ...(kind === 'Entry' ? { automationTags: [], contentType: link('ContentType', options.contentTypeId!) } : {}),
        urn: `crn:contentful:::content:spaces/${space.spaceId}/environments/${space.environment}/${kind === 'Entry' ? 'entries' : 'assets'}/${id}`
    };
    const metadata = isPlainObject(input.metadata) ? (_.cloneDeep(input.metadata) as WireEntity['metadata']) : { tags: [] };
    const record: EntityRecord = { data: { metadata, sys, fields }, snapshots: [] };
    space.records(kind).set(id, record);
    emitChange(space, record, 'create');
    return record;
}

/** 422 for an entry whose content type does not exist (Contentful cannot resolve the link). */
function unknownContentType(contentTypeId: string) {
    const error = validationFailed([
        {
            name: 'notResolvable',
            link: { type: 'Link', linkType: 'ContentType', id: contentTypeId },
            path: ['sys', 'contentType', 'sys', 'id'],
            details: contentTypeId ? `The content type "${contentTypeId}" does not exist` : 'The X-Contentful-Content-Type header is required'
        }
    ]);
    error.body.sys.id = 'InvalidEntry';
    return error;
}

/** Replaces the fields (and metadata, when sent) of an entity: version +1, fieldStatus recomputed. */
export function saveEntity(space: EmulatedSpace, record: EntityRecord, body: unknown, write: WriteContext): EntityRecord {
    const sys = record.data.sys;
    if (sys.archivedVersion !== undefined) {
        throw badRequest(`Cannot update archived ${sys.type.toLowerCase()} "${sys.id}"; unarchive it first`);
    }
    const input = isPlainObject(body) ? body : {};
    const contentType = sys.type === 'Entry' ? space.getContentType(sysId(sys.contentType) ?? '') : undefined;
    const fields = validateFieldsForSave(input.fields, {
        kind: sys.type,
        contentType,
        localeCodes: space.localeCodes(),
        defaultLocale: space.defaultLocale(),
        previous: record.data.fields
    });
    const previousStatus = currentStatus(space, sys);
    record.data.fields = fields;
    if (isPlainObject(input.metadata)) {
        record.data.metadata = _.cloneDeep(input.metadata) as WireEntity['metadata'];
    }
    bump(space, record, write);
    sys.fieldStatus = { '*': statusAfterSave(space.localeCodes(), previousStatus, fields, record.published?.fields, context(space, record)) };
    emitChange(space, record, 'save');
    return record;
}

/** Parses a `PUT …/published` body: null (everything) or `{ add | remove: { fields: { '*': codes } } }`. */
export function parsePublishBody(space: EmulatedSpace, body: unknown): { mode: 'all' } | { mode: 'add' | 'remove'; locales: string[] } {
    if (body === undefined || body === null || (isPlainObject(body) && _.isEmpty(body))) {
        return { mode: 'all' };
    }
    const mode = isPlainObject(body) && 'add' in body ? 'add' : isPlainObject(body) && 'remove' in body ? 'remove' : undefined;
    const locales = mode ? _.get(body, [mode, 'fields', '*']) : undefined;
    if (!mode || !Array.isArray(locales) || !locales.every((code) => typeof code === 'string')) {
        throw badRequest('The publish body must be empty or { "add" | "remove": { "fields": { "*": [locale codes] } } }', { body });
    }
    if (!space.localeBasedPublishing) {
        throw badRequest(
            `Locale-based publishing is not enabled for environment "${space.environment}" of space "${space.spaceId}"; publish the whole entity (PUT …/published without a body)`
        );
    }
    const unknown = locales.filter((code) => !space.localeCodes().includes(code));
    if (unknown.length) {
        throw badRequest(`Unknown locale(s) ${unknown.join(', ')} in the publish body; the environment has ${space.localeCodes().join(', ')}`);
    }
    return { mode, locales: locales as string[] };
}

/** The publish errors of an entity for a scope, or nothing; also refuses archived entities. */
export function publishRefusal(space: EmulatedSpace, record: EntityRecord, scope: PublishScope, peers: EntityRecord[] = []) {
    if (record.data.sys.archivedVersion !== undefined) {
        return badRequest(`Cannot publish archived ${record.data.sys.type.toLowerCase()} "${record.data.sys.id}"`);
    }
    const errors = publishValidationErrors(space, record, scope, peers);
    return errors.length ? validationFailed(errors) : undefined;
}

function takeSnapshot(space: EmulatedSpace, record: EntityRecord, write: WriteContext): void {
    if (space.environment !== 'master') {
        return; // Contentful keeps snapshots in the master environment only
    }
    const now = space.timestamp();
    const user = link('User', write.userId);
    record.snapshots.unshift({
        sys: { type: 'Snapshot', snapshotType: 'publish', snapshotEntityType: record.data.sys.type, id: space.newId(), createdAt: now, createdBy: user, updatedAt: now, updatedBy: user, ...space.spaceLinks() },
        snapshot: _.cloneDeep({ fields: record.data.fields, sys: record.data.sys, ...(record.data.metadata ? { metadata: record.data.metadata } : {}) })
    });
}

/**
 * Publishes everything (`locales` undefined) or the given locales. Validation must have passed
 * (see {@link publishRefusal}).
 */
export function applyPublish(space: EmulatedSpace, record: EntityRecord, locales: string[] | undefined, write: WriteContext): EntityRecord {
    const sys = record.data.sys;
    const previousStatus = currentStatus(space, sys);
    const publishedVersion = sys.version;
    bump(space, record, write);
    const now = sys.updatedAt;
    sys.publishedVersion = publishedVersion;
    sys.publishedAt = now;
    sys.firstPublishedAt ??= now;
    sys.publishedBy = link('User', write.userId);
    sys.publishedCounter = (sys.publishedCounter ?? 0) + 1;
    const fields = locales ? mergeLocaleSlices(record.published?.fields ?? {}, record.data.fields, locales, context(space, record)) : _.cloneDeep(record.data.fields);
    sys.fieldStatus = { '*': locales ? withStatus(space.localeCodes(), previousStatus, locales, 'published') : allStatus(space.localeCodes(), 'published') };
    record.published = { fields, sys: _.cloneDeep(sys) };
    takeSnapshot(space, record, write);
    emitChange(space, record, 'publish');
    return record;
}

function clearPublished(sys: StoredSys): void {
    delete sys.publishedVersion;
    delete sys.publishedAt;
    delete sys.publishedBy;
}

/**
 * Unpublishes everything (`locales` undefined) or the given locales. A locale unpublish keeps
 * `publishedVersion` while any locale stays published; when none does, the entity is unpublished.
 */
export function applyUnpublish(space: EmulatedSpace, record: EntityRecord, locales: string[] | undefined, write: WriteContext): EntityRecord {
    const sys = record.data.sys;
    if (sys.publishedVersion === undefined) {
        throw badRequest(`${sys.type} "${sys.id}" is not published`);
    }
    const previousStatus = currentStatus(space, sys);
    bump(space, record, write);
    if (locales) {
        const status = withStatus(space.localeCodes(), previousStatus, locales, 'draft');
        sys.fieldStatus = { '*': status };
        if (Object.values(status).some((value) => value !== 'draft')) {
            record.published = { fields: removeLocaleSlices(record.published?.fields ?? {}, locales, context(space, record)), sys: record.published?.sys ?? _.cloneDeep(sys) };
            emitChange(space, record, 'save');
            return record;
        }
    }
    clearPublished(sys);
    sys.fieldStatus = { '*': allStatus(space.localeCodes(), 'draft') };
    record.published = undefined;
    emitChange(space, record, 'unpublish');
    return record;
}

/** Archives an entity; a published one is refused (recorded: 400 "Cannot archive published"). */
export function archiveEntity(space: EmulatedSpace, record: EntityRecord, write: WriteContext): EntityRecord {
    const sys = record.data.sys;
    if (sys.publishedVersion !== undefined) {
        throw badRequest('Cannot archive published');
    }
    if (sys.archivedVersion !== undefined) {
        throw badRequest(`${sys.type} "${sys.id}" is already archived`);
    }
    const archivedVersion = sys.version;
    bump(space, record, write);
    sys.archivedVersion = archivedVersion;
    sys.archivedAt = sys.updatedAt;
    sys.archivedBy = link('User', write.userId);
    emitChange(space, record, 'archive');
    return record;
}

/** Unarchives an entity. */
export function unarchiveEntity(space: EmulatedSpace, record: EntityRecord, write: WriteContext): EntityRecord {
    const sys = record.data.sys;
    if (sys.archivedVersion === undefined) {
        throw badRequest(`${sys.type} "${sys.id}" is not archived`);
    }
    bump(space, record, write);
    delete sys.archivedVersion;
    delete sys.archivedAt;
    delete sys.archivedBy;
    emitChange(space, record, 'unarchive');
    return record;
}

/** Deletes an entity; a published one is refused (unpublish first, as in Contentful). */
export function deleteEntity(space: EmulatedSpace, record: EntityRecord): void {
    const sys = record.data.sys;
    if (sys.publishedVersion !== undefined) {
        throw badRequest('Cannot delete published');
    }
    space.records(sys.type).delete(sys.id);
    emitChange(space, record, 'delete');
}
