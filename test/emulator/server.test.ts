// The emulator as a real HTTP server on a free port: the contentful-management client (CMA + uploads)
// and the `contentful` client (preview and delivery by base path) against it, asset files served by
// it, and an injected dropped connection. No msw interception in this file: these are real sockets.
import { createClient as createCdaClient } from 'contentful';
import { createClient } from 'contentful-management';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSpace, FaultInjector, RequestLog, startEmulatorServer, type RunningEmulatorServer } from '../../src/emulator/index.js';
import { gradientPng } from '../../src/emulator/demo-images.js';

const space = createDemoSpace();
const log = new RequestLog();
const faults = new FaultInjector();
let server: RunningEmulatorServer;

beforeAll(async () => {
    server = await startEmulatorServer({ space, port: 0, handlersOptions: { log, faults } });
});
afterAll(async () => {
    await server.close();
});

function cma() {
    return createClient(
        { accessToken: 'token', host: server.host, hostUpload: server.host, insecure: true, retryOnError: false },
        { type: 'plain', defaults: { spaceId: space.spaceId, environmentId: space.environment } }
    );
}

function cda(basePath: 'preview' | 'delivery') {
    return createCdaClient({ space: space.spaceId, environment: space.environment, accessToken: 'token', host: server.host, insecure: true, basePath, retryOnError: false });
}

describe('HTTP server', () => {
    it('serves the CMA to contentful-management: read, create, publish', async () => {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const client = cma();
        const pages = await client.entry.getMany({ query: { content_type: 'page', limit: 100 } });
        expect(pages.total).toBe(6);
        const created = await client.entry.create({ contentTypeId: 'product' }, { fields: { name: { 'en-US': 'Scale' }, sku: { 'en-US': 'SCL-004' } } });
        const published = await client.entry.publish({ entryId: created.sys.id }, created);
        expect(published.sys.publishedVersion).toBe(1);
        expect(log.count({ method: 'PUT', route: '/entries/:id/published' })).toBe(1);
    });

    it('takes uploads on the same port and serves the processed file bytes', async () => {
        const client = cma();
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        const png = gradientPng(16, 9, [10, 20, 30], [200, 100, 50]);
        const asset = await client.asset.createFromFiles(env, {
            fields: { title: { 'en-US': 'Upload' }, description: {}, file: { 'en-US': { fileName: 'up.png', contentType: 'image/png', file: png.buffer as ArrayBuffer } } }
        });
        const processed = await client.asset.processForAllLocales(env, asset, { processingCheckWait: 10 });
        const file = processed.fields.file['en-US']!;
        expect(file.url).toContain(`//${server.host}/files/`);
        expect(file.details).toEqual({ size: png.length, image: { width: 16, height: 9 } });
        const download = await fetch(`http:${file.url}`);
        expect(download.headers.get('content-type')).toBe('image/png');
        expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
    });

    it('serves the demo assets files it was started with', async () => {
        const hero = space.getAsset('asset-hero')!;
        const url = (hero.fields.file!.fr as { url: string }).url;
        const response = await fetch(`http:${url}`);
        expect(response.status).toBe(200);
        expect((await response.arrayBuffer()).byteLength).toBe((hero.fields.file!.fr as { details: { size: number } }).details.size);
        expect((await fetch(`${server.url}/files/nope/nothing.png`)).status).toBe(404);
    });

    it('serves preview and delivery to the contentful client by base path, with fallback', async () => {
        const preview = cda('preview');
        const delivery = cda('delivery');
        const grinderPreview = await preview.getEntries({ 'sys.id': 'product-grinder', locale: 'fr-CA' });
        expect(grinderPreview.items[0]!.fields.name).toBe('Moulin à café à meules');
        const grinderDelivered = await delivery.getEntries({ 'sys.id': 'product-grinder', locale: 'fr-CA' });
        expect(grinderDelivered.items[0]!.fields.name).toBe('Moulin à meules');
        expect(server.previewUrl).toBe(`${server.url}/preview`);
        expect(server.deliveryUrl).toBe(`${server.url}/delivery`);
    });

    it('answers unknown paths with a 404 JSON body', async () => {
        const response = await fetch(`${server.url}/spaces/${space.spaceId}/environments/master/nothing_here`);
        expect(response.status).toBe(404);
        expect(((await response.json()) as { sys: { id: string } }).sys.id).toBe('NotFound');
    });

    it('drops the connection for an injected reset', async () => {
        faults.add({ kind: 'reset', rate: 1, times: 1 });
        await expect(fetch(`${server.url}/spaces/${space.spaceId}/environments/master/locales`)).rejects.toThrow();
        expect((await fetch(`${server.url}/spaces/${space.spaceId}/environments/master/locales`)).status).toBe(200);
    });
});
