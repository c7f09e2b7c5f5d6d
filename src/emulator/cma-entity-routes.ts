/**
 * CMA routes of entries and assets: collections with the query engine, create/update/patch/delete,
 * publish/unpublish (whole or per locale), archive/unarchive, snapshots, asset processing and uploads.
 */
import _ from 'lodash';
import { processAssetFile, createUpload, deleteUpload, getUpload } from './asset-files.js';
import { createBulkAction, pollBulkAction } from './bulk-actions.js';
import { badRequest, invalidQuery, notFound } from './errors.js';
import { applyJsonPatch } from './json-patch.js';
import {
    applyPublish,
    applyUnpublish,
    archiveEntity,
    checkVersion,
    createEntity,
    entityNotFound,
    deleteEntity,
    parsePublishBody,
    publishRefusal,
    requireRecord,
    saveEntity,
    unarchiveEntity
} from './lifecycle.js';
import { sysId } from './normalize.js';
import { parseQuery, project, runQuery, type QueryView } from './query.js';
import type { RouteContext, RouteResult, Router } from './router.js';
import type { EmulatedSpace } from './space.js';
import type { EntityRecord, WireEntity } from './types.js';

type Kind = 'Entry' | 'Asset';

const cmaView: QueryView<EntityRecord> = {
    sys: (record) => record.data.sys,
    fieldValues: (record, field, locale) => {
        const byLocale = record.data.fields[field] ?? {};
        return locale ? [byLocale[locale]] : Object.values(byLocale);
    },
    allFieldValues: (record) => Object.values(record.data.fields).flatMap((byLocale) => Object.values(byLocale ?? {}))
};

/** The entity with only one locale's values (`?locale=` on the CMA). */
function onlyLocale(entity: WireEntity, locale: string | undefined): WireEntity {
    if (!locale || locale === '*') {
        return entity;
    }
    const fields = _.omitBy(
        _.mapValues(entity.fields, (byLocale) => _.pick(byLocale, [locale])),
        _.isEmpty
    );
    return { ...entity, fields };
}

function checkFieldFilters(space: EmulatedSpace, contentTypeId: string | undefined, fieldIds: string[]): void {
    const contentType = contentTypeId ? space.getContentType(contentTypeId) : undefined;
    if (!contentType) {
        return;
    }
    const unknown = fieldIds.filter((id) => !contentType.fields.some((field) => field.id === id));
    if (unknown.length) {
        throw invalidQuery(unknown.map((id) => ({ name: 'unknownField', path: ['fields', id], details: `No field with id "${id}" found on content type "${contentTypeId}"` })));
    }
}

function collection(kind: Kind) {
    return ({ space, query: params }: RouteContext): RouteResult => {
        const query = parseQuery(params);
        const fieldIds = [...query.filters.flatMap((filter) => (filter.on === 'fields' ? [filter.field] : [])), ...(query.order ?? []).filter((key) => key.on === 'fields').map((key) => key.path[0]!)];
        checkFieldFilters(space, query.contentType, fieldIds);
        const matching = space.queryCache.get(`cma:${kind}:${query.key}`, space.revision(kind), () =>
            runQuery(space.orderedRecords(kind), query, cmaView, (record) => sysId(record.data.sys.contentType))
        ) as EntityRecord[];
        const items = matching.slice(query.skip, query.skip + query.limit).map((record) => project(onlyLocale(record.data, query.locale) as unknown as Record<string, unknown>, query.select));
        return { status: 200, collection: true, body: { sys: { type: 'Array' }, total: matching.length, skip: query.skip, limit: query.limit, items } };
    };
}

const ok = (record: EntityRecord, status = 200): RouteResult => ({ status, body: record.data });

function contentTypeHeader(context: RouteContext): string | null {
    return context.headers.get('x-contentful-content-type');
}

function put(kind: Kind) {
    return (context: RouteContext): RouteResult => {
        const { space, params, headers } = context;
        const existing = space.records(kind).get(params.id!);
        if (!existing && headers.get('x-contentful-version') !== null) {
            throw entityNotFound(space, kind, params.id!); // an update of something that does not exist
        }
        if (!existing) {
            return ok(createEntity(space, kind, context.body, { id: params.id, contentTypeId: contentTypeHeader(context) }, context.write), 201);
        }
        checkVersion(existing, headers.get('x-contentful-version'));
        return ok(saveEntity(space, existing, context.body, context.write));
    };
}

function patch(kind: Kind) {
    return (context: RouteContext): RouteResult => {
        const record = requireRecord(context.space, kind, context.params.id!);
        checkVersion(record, context.headers.get('x-contentful-version'));
        const patched = applyJsonPatch({ fields: record.data.fields, metadata: record.data.metadata }, context.body);
        return ok(saveEntity(context.space, record, patched, context.write));
    };
}

function publish(kind: Kind) {
    return (context: RouteContext): RouteResult => {
        const { space } = context;
        const record = requireRecord(space, kind, context.params.id!);
        checkVersion(record, context.headers.get('x-contentful-version'));
        const body = parsePublishBody(space, context.body);
        if (body.mode === 'remove') {
            return ok(applyUnpublish(space, record, body.locales, context.write));
        }
        const locales = body.mode === 'add' ? body.locales : undefined;
        const refusal = publishRefusal(space, record, locales ?? 'all');
        if (refusal) {
            throw refusal;
        }
        return ok(applyPublish(space, record, locales, context.write));
    };
}

function snapshots(context: RouteContext): RouteResult {
    const record = requireRecord(context.space, 'Entry', context.params.id!);
    const query = parseQuery(context.query);
    const items = record.snapshots.slice(query.skip, query.skip + query.limit);
    return { status: 200, collection: true, body: { sys: { type: 'Array' }, total: record.snapshots.length, skip: query.skip, limit: query.limit, items } };
}

function snapshot(context: RouteContext): RouteResult {
    const record = requireRecord(context.space, 'Entry', context.params.id!);
    const found = record.snapshots.find((one) => one.sys.id === context.params.snapshotId);
    if (!found) {
        throw notFound({ type: 'Snapshot', id: context.params.snapshotId!, environment: context.space.environment, space: context.space.spaceId });
    }
    return { status: 200, body: found };
}

function entityRoutes(router: Router, kind: Kind, plural: 'entries' | 'assets'): void {
    const byId = (handler: (record: EntityRecord, context: RouteContext) => RouteResult) => (context: RouteContext) =>
        handler(requireRecord(context.space, kind, context.params.id!), context);
    router
        .on('GET', `/${plural}`, collection(kind))
        .on('POST', `/${plural}`, (context) => ok(createEntity(context.space, kind, context.body, { contentTypeId: contentTypeHeader(context) }, context.write), 201))
        .on('GET', `/${plural}/:id`, byId((record) => ok(record)))
        .on('PUT', `/${plural}/:id`, put(kind))
        .on('PATCH', `/${plural}/:id`, patch(kind))
        .on(
            'DELETE',
            `/${plural}/:id`,
            byId((record, context) => {
                deleteEntity(context.space, record);
                return { status: 204 };
            })
        )
        .on('PUT', `/${plural}/:id/published`, publish(kind))
        .on('DELETE', `/${plural}/:id/published`, byId((record, context) => ok(applyUnpublish(context.space, record, undefined, context.write))))
        .on('PUT', `/${plural}/:id/archived`, byId((record, context) => ok(archiveEntity(context.space, record, context.write))))
        .on('DELETE', `/${plural}/:id/archived`, byId((record, context) => ok(unarchiveEntity(context.space, record, context.write))));
}

function bulkRoutes(router: Router): void {
    for (const action of ['publish', 'unpublish', 'validate'] as const) {
        router.on('POST', `/bulk_actions/${action}`, (context) => ({ status: 201, body: createBulkAction(context.space, action, context.body, false, context.write, context.bulk) }));
    }
    router
        .on('GET', '/bulk_actions/actions/:id', (context) => ({ status: 200, body: pollBulkAction(context.space, context.params.id!) }))
        .on('POST', '/bulk_actions', (context) => {
            const action = _.get(context.body, 'action');
            if (action !== 'publish' && action !== 'unpublish' && action !== 'validate') {
                throw badRequest('A bulk action needs "action": "publish" | "unpublish" | "validate"', { action });
            }
            return { status: 201, body: createBulkAction(context.space, action, context.body, true, context.write, context.bulk) };
        })
        .on('GET', '/bulk_actions/:id', (context) => ({ status: 200, body: pollBulkAction(context.space, context.params.id!) }));
}

/** Registers the entry, asset, snapshot, processing and bulk action routes on the CMA router. */
export function registerEntityRoutes(router: Router): void {
    entityRoutes(router, 'Entry', 'entries');
    entityRoutes(router, 'Asset', 'assets');
    bulkRoutes(router);
    router
        .on('GET', '/entries/:id/snapshots', snapshots)
        .on('GET', '/entries/:id/snapshots/:snapshotId', snapshot)
        .on('PUT', '/assets/:id/files/:locale/process', (context) => {
            const record = requireRecord(context.space, 'Asset', context.params.id!);
            processAssetFile(context.space, record, context.params.locale!, context.headers.get('x-contentful-version'), context.write);
            return { status: 204 };
        });
}

/** Registers the upload routes (upload host). */
export function registerUploadRoutes(router: Router): void {
    router
        .on('POST', '/uploads', (context) => {
            if (!context.bytes.length) {
                throw badRequest('An upload needs a non-empty application/octet-stream body');
            }
            return { status: 201, body: { sys: createUpload(context.space, context.bytes, context.write, context.environmentInPath) } };
        })
        .on('GET', '/uploads/:id', (context) => ({ status: 200, body: { sys: getUpload(context.space, context.params.id!).sys } }))
        .on('DELETE', '/uploads/:id', (context) => {
            deleteUpload(context.space, context.params.id!);
            return { status: 204 };
        });
}
