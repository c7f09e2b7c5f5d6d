/**
 * Routes of the Content Preview API and Content Delivery API (what the `contentful` client calls).
 */
import { notFound } from './errors.js';
import { deliveryCollection, deliveryContentType, deliveryEntity, deliveryLocales, type DeliveryApi, type DeliveryRequest } from './delivery.js';
import { listCollection } from './cma-space-routes.js';
import { Router, type RouteContext } from './router.js';

function request(api: DeliveryApi, context: RouteContext): DeliveryRequest {
    return { api, localeBasedPublishing: context.headers.get('x-contentful-locale-based-publishing') === 'true' };
}

/** A router for the preview (`api = 'preview'`, drafts) or delivery (`'delivery'`, published) API. */
export function deliveryRouter(api: DeliveryApi): Router {
    const router = new Router();
    for (const [plural, kind] of [['entries', 'Entry'], ['assets', 'Asset']] as const) {
        router
            .on('GET', `/${plural}`, (context) => ({ status: 200, collection: true, body: deliveryCollection(context.space, kind, context.query, request(api, context)) }))
            .on('GET', `/${plural}/:id`, (context) => ({ status: 200, body: deliveryEntity(context.space, kind, context.params.id!, context.query, request(api, context)) }));
    }
    router
        .on('GET', '/locales', (context) => ({ status: 200, body: deliveryLocales(context.space) }))
        .on('GET', '/content_types', (context) =>
            listCollection(
                [...context.space.contentTypes.values()].map((one) => deliveryContentType(context.space, one) as { sys: Record<string, unknown> }),
                context.query
            )
        )
        .on('GET', '/content_types/:id', (context) => {
            const contentType = context.space.getContentType(context.params.id!);
            if (!contentType) {
                throw notFound({ type: 'ContentType', id: context.params.id!, environment: context.space.environment, space: context.space.spaceId });
            }
            return { status: 200, body: deliveryContentType(context.space, contentType) };
        })
        .on(
            'GET',
            '/',
            (context) => ({
                status: 200,
                body: { sys: { type: 'Space', id: context.space.spaceId }, name: context.space.spaceId, locales: deliveryLocales(context.space).items }
            }),
            'space'
        );
    return router;
}
