// Shared setup of the emulator tests: an msw server whose handlers each test replaces with a fresh
// space, contentful-management plain clients built as the adapter builds them (retries off), raw
// fetch helpers to read whole bodies and headers, and a small two-locale space.
import { readFileSync } from 'node:fs';
import { createClient, type PlainClientAPI } from 'contentful-management';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { createContentfulHandlers, EmulatedSpace, type ContentfulHandlersOptions } from '../../src/emulator/index.js';

export const CMA = 'https://api.contentful.com';

/** An msw server for the file; `install` swaps in the handlers of a space and returns a CMA client. */
export function emulatorServer() {
    const server = setupServer();
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());
    return {
        server,
        install(space: EmulatedSpace, options: ContentfulHandlersOptions = {}): PlainClientAPI {
            server.resetHandlers(...createContentfulHandlers(space, options));
            return cmaClient(space);
        }
    };
}

/** A plain CMA client with the space as defaults and retries off (a failure surfaces at once). */
export function cmaClient(space: EmulatedSpace, overrides: Record<string, unknown> = {}): PlainClientAPI {
    return createClient(
        { accessToken: 'test-token', retryOnError: false, ...overrides },
        { type: 'plain', defaults: { spaceId: space.spaceId, environmentId: space.environment } }
    );
}

/** What the SDK's thrown error says: `name` is Contentful's error id, `message` a JSON string. */
export interface SdkError {
    name: string;
    status: number;
    message: string;
    details: { errors?: Record<string, unknown>[]; [key: string]: unknown };
}

/** Awaits a promise that must reject with a Contentful error and returns the parsed error. */
export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
    try {
        await promise;
    } catch (error) {
        const parsed = JSON.parse((error as Error).message) as { status: number; message: string; details: SdkError['details'] };
        return { name: (error as Error).name, status: parsed.status, message: parsed.message, details: parsed.details ?? {} };
    }
    throw new Error('expected the request to fail');
}

/** A raw request (body as JSON unless bytes) and its status, headers and parsed body. */
export async function raw(
    method: string,
    url: string,
    options: { body?: unknown; headers?: Record<string, string> } = {}
): Promise<{ status: number; headers: Headers; body: any }> {
    const body: BodyInit | undefined =
        options.body === undefined ? undefined : options.body instanceof Uint8Array ? new Blob([new Uint8Array(options.body)]) : JSON.stringify(options.body);
    const response = await fetch(url, { method, headers: { Authorization: 'Bearer test-token', ...options.headers }, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Reads a recording from test/fixtures/contentful-recordings. */
export function recording(name: string): any {
    return JSON.parse(readFileSync(new URL(`../fixtures/contentful-recordings/${name}`, import.meta.url), 'utf8'));
}

/** en-US (default) and de (→ en-US, optional) with an `article` content type covering the validations. */
export function articleSpace(options: { localeBasedPublishing?: boolean; deOptional?: boolean; now?: () => Date } = {}): EmulatedSpace {
    let tick = Date.parse('2025-01-01T00:00:00.000Z');
    const space = new EmulatedSpace({ spaceId: 'sp1', localeBasedPublishing: options.localeBasedPublishing, now: options.now ?? (() => new Date((tick += 1000))) });
    space.addUser({ id: 'user-1', email: 'editor@example.com' });
    space.addUser({ id: 'user-2', email: 'other@example.com' });
    space.addLocale({ code: 'en-US', name: 'English', default: true });
    space.addLocale({ code: 'de', name: 'German', fallbackCode: 'en-US', optional: options.deOptional ?? true });
    space.addContentType({
        sys: { id: 'article' },
        name: 'Article',
        displayField: 'title',
        fields: [
            { id: 'title', name: 'Title', type: 'Symbol', localized: true, required: true, validations: [{ size: { max: 40 } }] },
            { id: 'slug', name: 'Slug', type: 'Symbol', localized: false, required: true, validations: [{ unique: true }, { regexp: { pattern: '^[a-z0-9-]+$' } }] },
            { id: 'category', name: 'Category', type: 'Symbol', localized: false, validations: [{ in: ['news', 'blog'] }] },
            { id: 'rating', name: 'Rating', type: 'Integer', localized: false, validations: [{ range: { min: 1, max: 5 } }] },
            { id: 'related', name: 'Related', type: 'Link', linkType: 'Entry', localized: false, validations: [{ linkContentType: ['article'] }] },
            { id: 'tags', name: 'Tags', type: 'Array', localized: true, items: { type: 'Symbol', validations: [{ size: { max: 10 } }] } }
        ]
    });
    return space;
}

/** `https://api.contentful.com/spaces/<space>/environments/<env>` of a space. */
export function envUrl(space: EmulatedSpace, base = CMA): string {
    return `${base}/spaces/${space.spaceId}/environments/${space.environment}`;
}
