/**
 * CMA routes around the content: locales, content types (minimal create/update/activate), editor
 * interfaces, the space, environments, users, webhooks and the few lists an adapter's `init` reads.
 */
import _ from 'lodash';
import { badRequest, notFound, validationFailed, versionMismatch } from './errors.js';
import { isPlainObject, link } from './normalize.js';
import { parseQuery, project, runQuery, type QueryView } from './query.js';
import type { RouteContext, RouteResult, Router } from './router.js';
import type { EmulatedSpace } from './space.js';
import type { WireContentType } from './types.js';

type WithSys = { sys: Record<string, unknown>; [key: string]: unknown };

const sysView: QueryView<WithSys> = { sys: (item) => item.sys, fieldValues: () => [], allFieldValues: () => [] };

/** A paged collection over a small in-memory list (sys filters, skip, limit). */
export function listCollection(items: WithSys[], params: URLSearchParams): RouteResult {
    const query = parseQuery(params);
    const matching = runQuery(items, { ...query, contentType: undefined }, sysView, () => undefined);
    const page = matching.slice(query.skip, query.skip + query.limit).map((item) => project(item, query.select));
    return { status: 200, collection: true, body: { sys: { type: 'Array' }, total: matching.length, skip: query.skip, limit: query.limit, items: page } };
}

function requireContentType(space: EmulatedSpace, id: string): WireContentType {
    const contentType = space.getContentType(id);
    if (!contentType) {
        throw notFound({ type: 'ContentType', id, environment: space.environment, space: space.spaceId });
    }
    return contentType;
}

function putContentType(context: RouteContext): RouteResult {
    const { space, params } = context;
    const id = params.id!;
    const body = isPlainObject(context.body) ? context.body : {};
    const existing = space.getContentType(id);
    const now = space.timestamp();
    const user = link('User', context.write.userId);
    if (existing && Number(context.headers.get('x-contentful-version') ?? NaN) !== existing.sys.version) {
        throw versionMismatch();
    }
    const sys = existing
        ? { ...existing.sys, version: existing.sys.version + 1, updatedAt: now, updatedBy: user }
        : { ...space.spaceLinks(), id, type: 'ContentType' as const, createdAt: now, updatedAt: now, createdBy: user, updatedBy: user, publishedCounter: 0, version: 1 };
    const contentType = space.addContentType({ ..._.omit(body, ['sys']), sys, name: body.name ?? existing?.name ?? id, fields: body.fields ?? [] });
    return { status: existing ? 200 : 201, body: contentType };
}

function activateContentType(context: RouteContext): RouteResult {
    const contentType = requireContentType(context.space, context.params.id!);
    const version = Number(context.headers.get('x-contentful-version'));
    if (version !== contentType.sys.version) {
        throw badRequest(`X-Contentful-Version ${String(context.headers.get('x-contentful-version'))} does not match content type version ${contentType.sys.version}`);
    }
    const now = context.space.timestamp();
    Object.assign(contentType.sys, {
        publishedVersion: contentType.sys.version,
        version: contentType.sys.version + 1,
        publishedAt: now,
        firstPublishedAt: contentType.sys.firstPublishedAt ?? now,
        publishedCounter: Number(contentType.sys.publishedCounter ?? 0) + 1,
        publishedBy: link('User', context.write.userId),
        updatedAt: now
    });
    context.space.touch('Entry', { topic: 'ContentManagement.ContentType.publish', payload: _.cloneDeep(contentType) as Record<string, unknown> });
    return { status: 200, body: contentType };
}

function deactivateContentType(context: RouteContext): RouteResult {
    const contentType = requireContentType(context.space, context.params.id!);
    const sys = contentType.sys;
    delete sys.publishedVersion;
    delete sys.publishedAt;
    sys.version += 1;
    return { status: 200, body: contentType };
}

function deleteContentType(context: RouteContext): RouteResult {
    const { space, params } = context;
    const contentType = requireContentType(space, params.id!);
    if (contentType.sys.publishedVersion !== undefined) {
        throw badRequest(`Cannot delete content type "${params.id}": it is active; deactivate it first`);
    }
    if ([...space.entries.values()].some((record) => record.data.sys.contentType?.sys.id === params.id)) {
        throw badRequest(`Cannot delete content type "${params.id}": entries of it exist`);
    }
    space.contentTypes.delete(params.id!);
    space.editorInterfaces.delete(params.id!);
    return { status: 204 };
}

function putEditorInterface(context: RouteContext): RouteResult {
    const { space, params } = context;
    requireContentType(space, params.id!);
    const existing = space.editorInterfaces.get(params.id!);
    const body = isPlainObject(context.body) ? context.body : {};
    const version = (existing?.sys.version ?? 0) + 1;
    const saved = space.addEditorInterface({ ...existing, ..._.omit(body, ['sys']), sys: { ...existing?.sys, ...space.spaceLinks(), id: 'default', version, updatedAt: space.timestamp() } }, params.id);
    return { status: 200, body: saved };
}

function environmentBody(space: EmulatedSpace): Record<string, unknown> {
    return {
        name: space.environment,
        sys: {
            type: 'Environment',
            id: space.environment,
            version: 1,
            space: link('Space', space.spaceId),
            status: link('Status', 'ready'),
            aliases: [],
            createdAt: '2020-01-01T00:00:00.000Z',
            updatedAt: '2020-01-01T00:00:00.000Z'
        }
    };
}

function webhookRoutes(router: Router): void {
    router
        .on('GET', '/webhook_definitions', (context) => listCollection([...context.space.webhooks.values()] as WithSys[], context.query), 'space')
        .on(
            'POST',
            '/webhook_definitions',
            (context) => {
                const body = isPlainObject(context.body) ? context.body : {};
                const missing = ['url', 'name'].filter((key) => typeof body[key] !== 'string');
                if (missing.length) {
                    throw validationFailed(missing.map((key) => ({ name: 'required', path: [key], details: `The property "${key}" is required here` })));
                }
                const now = context.space.timestamp();
                const webhook = { ...body, sys: { type: 'WebhookDefinition', id: context.space.newId(), version: 0, space: link('Space', context.space.spaceId), createdAt: now, updatedAt: now } };
                context.space.webhooks.set(webhook.sys.id, webhook);
                return { status: 201, body: webhook };
            },
            'space'
        )
        .on(
            'GET',
            '/webhook_definitions/:id',
            (context) => {
                const webhook = context.space.webhooks.get(context.params.id!);
                if (!webhook) {
                    throw notFound({ type: 'WebhookDefinition', id: context.params.id!, space: context.space.spaceId });
                }
                return { status: 200, body: webhook };
            },
            'space'
        )
        .on(
            'DELETE',
            '/webhook_definitions/:id',
            (context) => {
                if (!context.space.webhooks.delete(context.params.id!)) {
                    throw notFound({ type: 'WebhookDefinition', id: context.params.id!, space: context.space.spaceId });
                }
                return { status: 204 };
            },
            'space'
        );
}

/** Registers locales, content types, editor interfaces and space-level routes on the CMA router. */
export function registerSpaceRoutes(router: Router): void {
    const empty = (context: RouteContext) => listCollection([], context.query);
    router
        .on('GET', '/locales', (context) => listCollection(context.space.locales() as unknown as WithSys[], context.query))
        .on('GET', '/locales/:id', (context) => {
            const locale = context.space.locales().find((one) => one.sys.id === context.params.id);
            if (!locale) {
                throw notFound({ type: 'Locale', id: context.params.id!, environment: context.space.environment, space: context.space.spaceId });
            }
            return { status: 200, body: locale };
        })
        .on('GET', '/content_types', (context) => listCollection([...context.space.contentTypes.values()], context.query))
        .on('GET', '/content_types/:id', (context) => ({ status: 200, body: requireContentType(context.space, context.params.id!) }))
        .on('PUT', '/content_types/:id', putContentType)
        .on('DELETE', '/content_types/:id', deleteContentType)
        .on('PUT', '/content_types/:id/published', activateContentType)
        .on('DELETE', '/content_types/:id/published', deactivateContentType)
        .on('GET', '/editor_interfaces', (context) => listCollection([...context.space.editorInterfaces.values()], context.query))
        .on('GET', '/content_types/:id/editor_interface', (context) => {
            const editorInterface = context.space.editorInterfaces.get(context.params.id!);
            if (!editorInterface) {
                throw notFound({ type: 'EditorInterface', id: context.params.id!, environment: context.space.environment, space: context.space.spaceId });
            }
            return { status: 200, body: editorInterface };
        })
        .on('PUT', '/content_types/:id/editor_interface', putEditorInterface)
        .on('GET', '/tags', (context) => listCollection(context.space.tags as WithSys[], context.query))
        .on('GET', '/app_installations', empty)
        .on('GET', '/releases', (context) => ({ status: 200, body: { sys: { type: 'Array' }, items: [], pages: {}, limit: parseQuery(context.query).limit } }));
    router
        .on('GET', '/', (context) => ({ status: 200, body: { name: context.space.spaceId, sys: { type: 'Space', id: context.space.spaceId, version: 1 } } }), 'space')
        .on('GET', '/environments', (context) => listCollection([environmentBody(context.space)] as WithSys[], context.query), 'space')
        .on(
            'GET',
            '/environments/:environment',
            (context) => {
                if (context.params.environment !== context.space.environment) {
                    throw notFound({ type: 'Environment', id: context.params.environment!, space: context.space.spaceId });
                }
                return { status: 200, body: environmentBody(context.space) };
            },
            'space'
        )
        .on('GET', '/users', (context) => listCollection([...context.space.users.values()], context.query), 'space')
        .on(
            'GET',
            '/users/:id',
            (context) => {
                const user = context.space.users.get(context.params.id!);
                if (!user) {
                    throw notFound({ type: 'User', id: context.params.id!, space: context.space.spaceId });
                }
                return { status: 200, body: user };
            },
            'space'
        )
        .on('GET', '/preview_api_keys', (context) => listCollection([{ name: 'Emulator preview key', accessToken: 'preview-token', sys: { type: 'PreviewApiKey', id: 'preview-key' } }], context.query), 'space')
        .on('GET', '/api_keys', (context) => listCollection([{ name: 'Emulator delivery key', accessToken: 'delivery-token', sys: { type: 'ApiKey', id: 'delivery-key' } }], context.query), 'space')
        .on('GET', '/scheduled_actions', (context) => ({ status: 200, body: { sys: { type: 'Array' }, items: [], pages: {}, limit: parseQuery(context.query).limit } }), 'space');
    router.on('GET', '/users/me', (context) => {
        const userId = context.write.userId;
        return { status: 200, body: context.space.users.get(userId) ?? { sys: { type: 'User', id: userId }, email: `${userId}@users.emulator.local`, firstName: userId, lastName: '' } };
    }, 'root');
    webhookRoutes(router);
}
