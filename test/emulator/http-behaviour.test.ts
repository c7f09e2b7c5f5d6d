// Cross-cutting HTTP behaviour: request ids and rate-limit headers, a real per-second budget (429 with
// X-Contentful-RateLimit-Reset), fault injection (each kind, phases, determinism, counts), access
// tokens and impersonation, and the request log.
import { describe, expect, it } from 'vitest';
import { FaultInjector, RequestLog } from '../../src/emulator/index.js';
import { articleSpace, cmaClient, emulatorServer, envUrl, raw, recording, sdkError } from './support.js';

const emulator = emulatorServer();

describe('headers and rate limits', () => {
    it('sends a request id and rate-limit headers on every response, errors included', async () => {
        const space = articleSpace();
        emulator.install(space);
        for (const url of [`${envUrl(space)}/entries`, `${envUrl(space)}/entries/missing`, `${envUrl(space, 'https://preview.contentful.com')}/entries`]) {
            const answer = await raw('GET', url);
            expect(answer.headers.get('x-contentful-request-id')).toMatch(/^[0-9a-f]{32}$/);
            expect(answer.headers.get('x-contentful-ratelimit-second-limit')).toBeTruthy();
            expect(answer.headers.get('x-contentful-ratelimit-second-remaining')).toBeTruthy();
            expect(answer.headers.get('x-contentful-ratelimit-reset')).toBe('0');
        }
    });

    it('answers 429 with the recorded body and a Reset header beyond the per-second budget', async () => {
        const space = articleSpace();
        emulator.install(space, { rateLimitPerSecond: 3 });
        const answers = await Promise.all(Array.from({ length: 10 }, () => raw('GET', `${envUrl(space)}/locales`)));
        const limited = answers.filter((answer) => answer.status === 429);
        // Ten requests fall into one or two one-second windows of 3 each.
        expect(limited.length).toBeGreaterThanOrEqual(4);
        expect(answers.filter((answer) => answer.status === 200).every((answer) => answer.headers.get('x-contentful-ratelimit-second-limit') === '3')).toBe(true);
        const recorded = recording('rb-error-429-rate-limit-exceeded.json');
        expect(limited[0]!.body).toMatchObject({ sys: recorded.sys, message: recorded.message, details: recorded.details });
        expect(Number(limited[0]!.headers.get('x-contentful-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    });

    it('lets the SDK recover from a 429 by waiting for the Reset header', async () => {
        const space = articleSpace();
        emulator.install(space, { rateLimitPerSecond: 1 });
        const client = cmaClient(space, { retryOnError: true, retryLimit: 3 });
        const results = await Promise.all([client.locale.getMany({}), client.locale.getMany({})]);
        expect(results.map((result) => result.total)).toEqual([2, 2]);
    });
});

describe('fault injection', () => {
    it('injects each kind once when told to, counting them', async () => {
        const space = articleSpace();
        const faults = new FaultInjector(7);
        emulator.install(space, { faults });
        const url = `${envUrl(space)}/locales`;
        faults.add({ kind: '429', rate: 1, times: 1, resetSeconds: 2 });
        const limited = await raw('GET', url);
        expect(limited.status).toBe(429);
        expect(limited.headers.get('x-contentful-ratelimit-reset')).toBe('2');
        expect((await raw('GET', url)).status).toBe(200);
        faults.clear();
        faults.add({ kind: '500', rate: 1, times: 1 });
        faults.add({ kind: '503', rate: 1, times: 1 });
        expect((await raw('GET', url)).status).toBe(500);
        expect((await raw('GET', url)).status).toBe(503);
        faults.add({ kind: 'reset', rate: 1, times: 1 });
        await expect(fetch(url)).rejects.toThrow();
        faults.add({ kind: 'latency', rate: 1, times: 1, latencyMs: 150 });
        const started = Date.now();
        expect((await raw('GET', url)).status).toBe(200);
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
        expect(faults.injectedCount()).toEqual({ '429': 1, '500': 1, '503': 1, reset: 1, latency: 1 });
    });

    it('is deterministic for a seed and only hits matching requests', async () => {
        const space = articleSpace();
        const pattern = async (seed: number) => {
            const faults = new FaultInjector(seed);
            faults.add({ kind: '503', rate: 0.5, match: { method: 'GET', path: /\/locales$/ } });
            emulator.install(space, { faults });
            const statuses: number[] = [];
            for (let index = 0; index < 30; index++) {
                statuses.push((await raw('GET', `${envUrl(space)}/locales`)).status);
                expect((await raw('GET', `${envUrl(space)}/content_types`)).status).toBe(200);
            }
            expect(faults.injectedCount()['503']).toBe(statuses.filter((status) => status === 503).length);
            return statuses.join(',');
        };
        const first = await pattern(42);
        expect(await pattern(42)).toBe(first);
        expect(await pattern(43)).not.toBe(first);
        expect(first).toContain('503');
        expect(first).toContain('200');
    });

    it('with phase "after", applies the write and then fails the answer', async () => {
        const space = articleSpace();
        const faults = new FaultInjector();
        const client = emulator.install(space, { faults });
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A' } } });
        faults.add({ kind: '500', rate: 1, times: 1, phase: 'after', match: { method: 'PUT' } });
        const error = await sdkError(client.entry.update({ entryId: created.sys.id }, { ...created, fields: { title: { 'en-US': 'B' } } }));
        expect(error.status).toBe(500);
        expect(space.getEntry(created.sys.id)).toMatchObject({ sys: { version: 2 }, fields: { title: { 'en-US': 'B' } } });
    });

    it('refuses a rate outside 0..1', () => {
        expect(() => new FaultInjector().add({ kind: '500', rate: 2 })).toThrow(/rate/);
    });
});

describe('tokens and users', () => {
    it('requires a known token when tokens are configured, and writes as the token user', async () => {
        const space = articleSpace();
        emulator.install(space, { accessTokens: { 'token-of-2': 'user-2' } });
        const refused = await raw('GET', `${envUrl(space)}/entries`, { headers: { Authorization: 'Bearer wrong' } });
        expect(refused.status).toBe(401);
        expect(refused.body).toMatchObject({ sys: recording('py-error-401-access-token-invalid.json').sys, message: recording('py-error-401-access-token-invalid.json').message });
        const client = cmaClient(space, { accessToken: 'token-of-2' });
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: {} });
        expect(created.sys.createdBy?.sys.id).toBe('user-2');
        expect((await client.user.getCurrent()).email).toBe('other@example.com');
    });

    it('impersonates a user by id or email with X-Emulator-User', async () => {
        const space = articleSpace();
        emulator.install(space);
        const created = await raw('POST', `${envUrl(space)}/entries`, {
            headers: { 'X-Contentful-Content-Type': 'article', 'X-Emulator-User': 'other@example.com' },
            body: { fields: {} }
        });
        expect(created.body.sys.createdBy.sys.id).toBe('user-2');
        const users = await raw('GET', `https://api.contentful.com/spaces/${space.spaceId}/users`);
        expect(users.body.items.map((user: { email: string }) => user.email)).toEqual(['editor@example.com', 'other@example.com']);
    });
});

describe('request log', () => {
    it('records every request with its route, query, body and status', async () => {
        const space = articleSpace();
        const log = new RequestLog();
        const client = emulator.install(space, { log });
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A' }, slug: { 'en-US': 'a' } } });
        await client.entry.publish({ entryId: created.sys.id }, created);
        await client.entry.getMany({ query: { 'sys.id[in]': created.sys.id } });
        await sdkError(client.entry.get({ entryId: 'missing' }));
        expect(log.byRoute()).toEqual({ 'POST /entries': 1, 'PUT /entries/:id/published': 1, 'GET /entries': 1, 'GET /entries/:id': 1 });
        expect(log.writes()).toHaveLength(2);
        expect(log.count({ status: 404 })).toBe(1);
        const [post] = log.filter({ method: 'POST' });
        expect(post!.body).toEqual({ fields: { title: { 'en-US': 'A' }, slug: { 'en-US': 'a' } } });
        expect(post!.headers['x-contentful-content-type']).toBe('article');
        expect(log.filter({ method: 'GET', route: '/entries' })[0]!.query).toMatchObject({ 'sys.id[in]': created.sys.id });
        log.clear();
        expect(log.all()).toEqual([]);
    });
});
