/**
 * msw handlers for the emulated Contentful APIs. One handler per base URL answers every path; the
 * pipeline per request is: parse → authenticate → rate limit → faults (before) → latency → route →
 * faults (after) → size limit → headers (request id, rate-limit) → log.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { finishDueProcessing } from './asset-files.js';
import { registerEntityRoutes, registerUploadRoutes } from './cma-entity-routes.js';
import { registerSpaceRoutes } from './cma-space-routes.js';
import { deliveryRouter } from './delivery-routes.js';
import { accessTokenInvalid, badRequest, EmulatorError, notFound, rateLimitExceeded, serverError, unknownRoute } from './errors.js';
import type { FaultInjector, InjectedFault } from './faults.js';
import type { RequestLog } from './request-log.js';
import { Router, scopePath, type RouteResult } from './router.js';
import type { EmulatedSpace } from './space.js';

/** Options of {@link createContentfulHandlers}. */
export interface ContentfulHandlersOptions {
    /** Records every request. */
    log?: RequestLog;
    /** Injects faults. */
    faults?: FaultInjector;
    /** Delay added to every request (ms). */
    latencyMs?: number;
    /** A real per-second budget for the CMA; beyond it: 429 with `X-Contentful-RateLimit-Reset`. */
    rateLimitPerSecond?: number;
    /** A collection response larger than this is a 400 "Response size too big". */
    maxResponseBytes?: number;
    /** GETs of a bulk action before it is terminal. Default 1. */
    bulkActionPolls?: number;
    /** Alternatively, time (space clock, ms) before a bulk action is terminal. */
    bulkActionDurationMs?: number;
    /**
     * Access tokens the CMA accepts, each mapped to the user id (or email) it acts as. When given, a
     * CMA request without a known `Authorization: Bearer` token gets 401 AccessTokenInvalid. When not
     * given, any token is accepted and the request acts as the space's first user, or as the user an
     * `X-Emulator-User` header names (id or email).
     */
    accessTokens?: Record<string, string>;
    /** Base URLs to answer. */
    baseUrls?: { cma?: string; upload?: string; preview?: string; delivery?: string };
}

type Api = 'cma' | 'upload' | 'preview' | 'delivery';

/** The base URLs Contentful uses. */
export const DEFAULT_BASE_URLS: Record<Api, string> = {
    cma: 'https://api.contentful.com',
    upload: 'https://upload.contentful.com',
    preview: 'https://preview.contentful.com',
    delivery: 'https://cdn.contentful.com'
};

/** What rate-limit headers advertise when no budget is enforced (a client throttling on them is not slowed). */
const UNLIMITED_PER_SECOND = 1000;

function routers(): Record<Api, Router> {
    const cma = new Router();
    registerEntityRoutes(cma);
    registerSpaceRoutes(cma);
    const upload = new Router();
    registerUploadRoutes(upload);
    return { cma, upload, preview: deliveryRouter('preview'), delivery: deliveryRouter('delivery') };
}

/** A per-second request budget shared by every request of one handler set. */
class SecondBudget {
    private window = 0;
    private used = 0;
    constructor(private readonly limit: number | undefined) {}

    /** Takes one request from the budget; returns the headers to send and whether it is over. */
    take(): { headers: Record<string, string>; over: boolean; resetSeconds: number } {
        const now = Date.now();
        const window = Math.floor(now / 1000);
        if (window !== this.window) {
            this.window = window;
            this.used = 0;
        }
        this.used += 1;
        const limit = this.limit ?? UNLIMITED_PER_SECOND;
        const over = this.limit !== undefined && this.used > this.limit;
        const resetSeconds = over ? Math.max(1, Math.ceil((window * 1000 + 1000 - now) / 1000)) : 0;
        return {
            over,
            resetSeconds,
            headers: {
                'X-Contentful-RateLimit-Second-Limit': String(limit),
                'X-Contentful-RateLimit-Second-Remaining': String(Math.max(0, limit - this.used)),
                'X-Contentful-RateLimit-Reset': String(resetSeconds)
            }
        };
    }
}

function parseBody(bytes: Uint8Array, contentType: string | null): unknown {
    if (!bytes.length || (contentType ?? '').includes('octet-stream')) {
        return undefined;
    }
    const text = new TextDecoder().decode(bytes);
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw badRequest('The request body is not valid JSON', { body: text.slice(0, 200) });
    }
}

function faultError(fault: InjectedFault): EmulatorError {
    return fault.kind === '429' ? rateLimitExceeded(fault.resetSeconds) : serverError(fault.kind === '503' ? 503 : 500);
}

function headerRecord(headers: Headers): Record<string, string> {
    const record: Record<string, string> = {};
    headers.forEach((value, key) => {
        record[key] = value;
    });
    return record;
}

/** The user a request acts as; 401 when tokens are configured and the request has no known one. */
function authenticate(space: EmulatedSpace, api: Api, headers: Headers, accessTokens: Record<string, string> | undefined): string {
    const impersonated = headers.get('x-emulator-user');
    if (!accessTokens || api === 'preview' || api === 'delivery') {
        return space.resolveUserId(impersonated);
    }
    const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
    const owner = token !== undefined ? accessTokens[token] : undefined;
    if (owner === undefined) {
        throw accessTokenInvalid();
    }
    return space.resolveUserId(impersonated ?? owner);
}

/** The HTTP response of a route result, or undefined when a collection exceeds `maxResponseBytes`. */
function toResponse(api: Api, result: RouteResult, baseHeaders: Record<string, string>, maxResponseBytes: number | undefined): Response | undefined {
    const headers: Record<string, string> = { ...baseHeaders, ...result.headers };
    headers['Content-Type'] = `application/vnd.contentful.${api === 'preview' || api === 'delivery' ? 'delivery' : 'management'}.v1+json`;
    if (result.body === undefined) {
        return new HttpResponse(null, { status: result.status, headers });
    }
    const text = JSON.stringify(result.body);
    if (result.collection && maxResponseBytes !== undefined && Buffer.byteLength(text) > maxResponseBytes) {
        return undefined;
    }
    return new HttpResponse(text, { status: result.status, headers });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * msw request handlers that emulate Contentful's CMA, upload, preview and delivery APIs over `space`.
 * Use with `setupServer(...createContentfulHandlers(space))` or {@link startEmulatorServer}.
 */
export function createContentfulHandlers(space: EmulatedSpace, options: ContentfulHandlersOptions = {}): RequestHandler[] {
    const bases = { ...DEFAULT_BASE_URLS, ...options.baseUrls };
    const byApi = routers();
    // The budget is the CMA's (uploads count against it); the delivery APIs only advertise headers.
    const cmaBudget = new SecondBudget(options.rateLimitPerSecond);
    const budgets: Record<Api, SecondBudget> = { cma: cmaBudget, upload: cmaBudget, preview: new SecondBudget(undefined), delivery: new SecondBudget(undefined) };
    const bulk = { polls: options.bulkActionPolls, durationMs: options.bulkActionDurationMs };

    async function handle(api: Api, request: Request): Promise<Response> {
        const started = Date.now();
        const url = new URL(request.url);
        const basePath = new URL(bases[api]).pathname.replace(/\/$/, '');
        const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || '/' : url.pathname;
        const method = request.method.toUpperCase();
        const bytes = new Uint8Array(await request.arrayBuffer());
        const requestId = space.newRequestId();
        const scoped = scopePath(path);
        let route = path;
        let status = 500;
        let fault: InjectedFault | undefined;
        let body: unknown = bytes.length || undefined;
        let parsed: unknown;
        const rateHeaders: Record<string, string> = {};
        const respond = (result: RouteResult): Response => {
            status = result.status;
            const answer = toResponse(api, result, { 'X-Contentful-Request-Id': requestId, ...rateHeaders }, options.maxResponseBytes);
            return answer ?? respond({ status: 400, body: { sys: { type: 'Error', id: 'BadRequest' }, message: `Response size too big. Maximum allowed response size: ${options.maxResponseBytes}B.`, requestId } });
        };
        const fail = (error: EmulatorError): Response => respond({ status: error.status, body: { ...error.body, requestId }, headers: error.headers });
        const finish = (response: Response): Response => {
            options.log?.record({
                method,
                url: request.url,
                path,
                route,
                api,
                query: Object.fromEntries(url.searchParams),
                headers: headerRecord(request.headers),
                body,
                status: response.type === 'error' ? 0 : status,
                ...(fault ? { fault: fault.kind } : {}),
                timestamp: new Date(started).toISOString(),
                durationMs: Date.now() - started
            });
            return response;
        };
        try {
            parsed = parseBody(bytes, request.headers.get('content-type'));
            body = parsed ?? body;
            const matched = byApi[api].match(method, scoped.scope, scoped.rest);
            route = matched?.pattern ?? path;
            const userId = authenticate(space, api, request.headers, options.accessTokens);
            const taken = budgets[api].take();
            Object.assign(rateHeaders, taken.headers);
            if (taken.over) {
                throw rateLimitExceeded(taken.resetSeconds);
            }
            fault = options.faults?.pick(method, path, 'before');
            if (fault?.kind === 'latency') {
                await sleep(fault.latencyMs);
            } else if (fault?.kind === 'reset') {
                return finish(HttpResponse.error());
            } else if (fault) {
                throw faultError(fault);
            }
            if (options.latencyMs) {
                await sleep(options.latencyMs);
            }
            if (scoped.spaceId !== undefined && scoped.spaceId !== space.spaceId) {
                throw notFound({ type: 'Space', id: scoped.spaceId });
            }
            if (scoped.environmentId !== undefined && scoped.environmentId !== space.environment) {
                throw notFound({ type: 'Environment', id: scoped.environmentId, space: space.spaceId });
            }
            if (!matched) {
                throw unknownRoute(method, path);
            }
            finishDueProcessing(space);
            const result = matched.handler({
                space,
                method,
                params: matched.params,
                query: url.searchParams,
                headers: request.headers,
                body: parsed,
                bytes,
                write: { userId },
                environmentInPath: scoped.environmentInPath,
                bulk
            });
            const after = options.faults?.pick(method, path, 'after');
            if (after) {
                fault = after;
                if (after.kind === 'reset') {
                    return finish(HttpResponse.error());
                }
                if (after.kind !== 'latency') {
                    return finish(fail(faultError(after)));
                }
                // A slow answer carries the state at the time it was handled: serialize before waiting.
                const response = respond(result);
                await sleep(after.latencyMs);
                return finish(response);
            }
            return finish(respond(result));
        } catch (error) {
            if (error instanceof EmulatorError) {
                return finish(fail(error));
            }
            const message = error instanceof Error ? error.message : String(error);
            return finish(respond({ status: 500, body: { sys: { type: 'Error', id: 'InternalServerError' }, message: `Contentful emulator bug: ${message}`, requestId } }));
        }
    }

    return (Object.keys(bases) as Api[]).map((api) => http.all(`${bases[api].replace(/\/$/, '')}/*`, ({ request }) => handle(api, request)));
}
