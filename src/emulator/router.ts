/**
 * A tiny router: the emulator answers every request of a base URL with one msw handler and routes
 * inside it, so unknown routes get Contentful's 404 body (never an unhandled request) and logging,
 * faults and rate limits apply uniformly.
 */
import type { BulkProgression } from './bulk-actions.js';
import type { WriteContext } from './lifecycle.js';
import type { EmulatedSpace } from './space.js';

/** Everything a route handler gets. */
export interface RouteContext {
    space: EmulatedSpace;
    method: string;
    params: Record<string, string>;
    query: URLSearchParams;
    headers: Headers;
    /** Parsed JSON body (undefined when empty or binary). */
    body: unknown;
    /** The raw body bytes. */
    bytes: Uint8Array;
    /** The user the request acts as. */
    write: WriteContext;
    /** Whether the path named an environment (`/spaces/:s/environments/:e/…`). */
    environmentInPath: boolean;
    bulk: BulkProgression;
}

/** What a route answers. */
export interface RouteResult {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    /** A collection: subject to `maxResponseBytes`. */
    collection?: boolean;
}

/** A route handler. */
export type RouteHandler = (context: RouteContext) => RouteResult;

/** Where a route's pattern is anchored. */
export type RouteScope = 'environment' | 'space' | 'root';

interface CompiledRoute {
    method: string;
    pattern: string;
    scope: RouteScope;
    regex: RegExp;
    names: string[];
    handler: RouteHandler;
}

/** A matched route. */
export interface RouteMatch {
    pattern: string;
    handler: RouteHandler;
    params: Record<string, string>;
}

/** Routes for one API. */
export class Router {
    private readonly routes: CompiledRoute[] = [];

    /** Registers `handler` for `METHOD pattern` (`/entries/:id/published`) in a scope. */
    on(method: string, pattern: string, handler: RouteHandler, scope: RouteScope = 'environment'): this {
        const names: string[] = [];
        const source = pattern.replace(/:(\w+)/g, (_match, name: string) => {
            names.push(name);
            return '([^/]+)';
        });
        this.routes.push({ method, pattern, scope, regex: new RegExp(`^${source}/?$`), names, handler });
        return this;
    }

    /** The route for a method and a scope-relative path, or undefined. */
    match(method: string, scope: RouteScope, path: string): RouteMatch | undefined {
        for (const route of this.routes) {
            if (route.scope !== scope || route.method !== method) {
                continue;
            }
            const found = route.regex.exec(path);
            if (found) {
                const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
                return { pattern: route.pattern, handler: route.handler, params };
            }
        }
        return undefined;
    }
}

/** Path segments that live inside an environment (addressable without `/environments/:e`, meaning master). */
const ENVIRONMENT_RESOURCES = new Set([
    'entries',
    'assets',
    'content_types',
    'editor_interfaces',
    'locales',
    'bulk_actions',
    'uploads',
    'tags',
    'app_installations',
    'releases',
    'sync',
    'public'
]);

/** A request path split into scope, ids and the scope-relative rest. */
export interface ScopedPath {
    scope: RouteScope;
    spaceId?: string;
    environmentId?: string;
    environmentInPath: boolean;
    rest: string;
}

/** Splits `/spaces/:s[/environments/:e]/rest` (or a root path like `/users/me`). */
export function scopePath(path: string): ScopedPath {
    const spaceMatch = /^\/spaces\/([^/]+)(\/.*)?$/.exec(path);
    if (!spaceMatch) {
        return { scope: 'root', environmentInPath: false, rest: path };
    }
    const spaceId = decodeURIComponent(spaceMatch[1]!);
    const afterSpace = spaceMatch[2] ?? '';
    const environmentMatch = /^\/environments\/([^/]+)(\/.+)$/.exec(afterSpace);
    if (environmentMatch) {
        return { scope: 'environment', spaceId, environmentId: decodeURIComponent(environmentMatch[1]!), environmentInPath: true, rest: environmentMatch[2]! };
    }
    const firstSegment = afterSpace.split('/')[1] ?? '';
    if (ENVIRONMENT_RESOURCES.has(firstSegment)) {
        return { scope: 'environment', spaceId, environmentId: 'master', environmentInPath: false, rest: afterSpace };
    }
    return { scope: 'space', spaceId, environmentInPath: false, rest: afterSpace || '/' };
}
