// Assets: uploads on the upload host, per-locale processing (only that locale changes), image
// dimensions, processing delay, remote `upload` URLs, and publishing refused for unprocessed files.
import { describe, expect, it } from 'vitest';
import { EmulatedSpace } from '../../src/emulator/index.js';
import { gradientPng } from '../../src/emulator/demo-images.js';
import { emulatorServer, envUrl, raw, sdkError } from './support.js';

const emulator = emulatorServer();

function assetSpace(now?: () => Date): EmulatedSpace {
    const space = new EmulatedSpace({ spaceId: 'assets1', now });
    space.addLocale({ code: 'en-US', default: true });
    space.addLocale({ code: 'pl', fallbackCode: 'en-US' });
    return space;
}

describe('uploads and processing', () => {
    it('uploads per locale, processes each locale (concurrently, same version) and reports size and dimensions', async () => {
        const space = assetSpace();
        const client = emulator.install(space);
        const english = gradientPng(30, 20, [0, 0, 0], [255, 255, 255]);
        const polish = gradientPng(12, 8, [255, 0, 0], [0, 0, 255]);
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        const created = await client.asset.createFromFiles(env, {
            fields: {
                title: { 'en-US': 'Picture', pl: 'Obraz' },
                description: {},
                file: {
                    'en-US': { fileName: 'en.png', contentType: 'image/png', file: english.buffer as ArrayBuffer },
                    pl: { fileName: 'pl.png', contentType: 'image/png', file: polish.buffer as ArrayBuffer }
                }
            }
        });
        expect(created.fields.file['en-US']!.uploadFrom?.sys.linkType).toBe('Upload');
        expect(created.fields.file['en-US']!.url).toBeUndefined();
        const processed = await client.asset.processForAllLocales(env, created, { processingCheckWait: 10 });
        const file = processed.fields.file;
        expect(file['en-US']).toEqual({
            url: expect.stringMatching(/^\/\/images\.ctfassets\.net\/assets1\/[A-Za-z0-9]+\/[0-9a-f]{32}\/en\.png$/),
            details: { size: english.length, image: { width: 30, height: 20 } },
            fileName: 'en.png',
            contentType: 'image/png'
        });
        expect(file.pl!.details).toEqual({ size: polish.length, image: { width: 12, height: 8 } });
        expect(file.pl!.url).not.toBe(file['en-US']!.url);
        expect(processed.sys.version).toBe(3); // created 1, each locale's processing +1
    });

    it('processing one locale leaves the other locale untouched', async () => {
        const space = assetSpace();
        const client = emulator.install(space);
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        space.registerRemoteFile('https://example.com/a.png', gradientPng(4, 4, [0, 0, 0], [0, 0, 0]), 'image/png');
        space.registerRemoteFile('https://example.com/b.png', gradientPng(6, 2, [0, 0, 0], [0, 0, 0]), 'image/png');
        const created = await client.asset.create(env, {
            fields: { title: { 'en-US': 'A' }, file: { 'en-US': { fileName: 'a.png', contentType: 'image/png', upload: 'https://example.com/a.png' } } }
        });
        const first = await client.asset.processForLocale(env, created, 'en-US', { processingCheckWait: 10 });
        const englishUrl = first.fields.file['en-US']!.url;
        expect(first.fields.file['en-US']!.details).toEqual({ size: expect.any(Number), image: { width: 4, height: 4 } });

        const withPolish = await client.asset.update({ ...env, assetId: created.sys.id }, {
            ...first,
            fields: { ...first.fields, file: { ...first.fields.file, pl: { fileName: 'b.png', contentType: 'image/png', upload: 'https://example.com/b.png' } } }
        });
        const second = await client.asset.processForLocale(env, withPolish, 'pl', { processingCheckWait: 10 });
        expect(second.fields.file['en-US']!.url).toBe(englishUrl);
        expect(second.fields.file.pl!.details).toMatchObject({ image: { width: 6, height: 2 } });
        expect(second.fields.file.pl!.upload).toBeUndefined();
    });

    it('shows the url only after the processing delay', async () => {
        let now = Date.parse('2025-01-01T00:00:00Z');
        const space = new EmulatedSpace({ now: () => new Date(now), assetProcessingDelayMs: 3000 });
        space.addLocale({ code: 'en-US', default: true });
        const client = emulator.install(space);
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        const created = await client.asset.create(env, { fields: { title: { 'en-US': 'A' }, file: { 'en-US': { fileName: 'a.txt', contentType: 'text/plain', upload: 'data:text/plain,hello' } } } });
        await raw('PUT', `${envUrl(space)}/assets/${created.sys.id}/files/en-US/process`, { headers: { 'X-Contentful-Version': '1' } });
        expect((await client.asset.get({ ...env, assetId: created.sys.id })).fields.file['en-US']!.url).toBeUndefined();
        now += 3000;
        const done = await client.asset.get({ ...env, assetId: created.sys.id });
        expect(done.fields.file['en-US']).toMatchObject({ url: expect.stringMatching(/^\/\/assets\.ctfassets\.net\//), details: { size: 5 } });
    });

    it('refuses processing with a stale version, publishing an unprocessed file, and a missing upload', async () => {
        const space = assetSpace();
        const client = emulator.install(space);
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        const created = await client.asset.create(env, { fields: { title: { 'en-US': 'A' }, file: { 'en-US': { fileName: 'a.txt', contentType: 'text/plain', upload: 'data:text/plain,x' } } } });
        const stale = await raw('PUT', `${envUrl(space)}/assets/${created.sys.id}/files/en-US/process`, { headers: { 'X-Contentful-Version': '7' } });
        expect(stale.status).toBe(409);
        const unprocessed = await sdkError(client.asset.publish({ ...env, assetId: created.sys.id }, created));
        expect(unprocessed.name).toBe('ValidationFailed');
        expect(unprocessed.details.errors?.[0]?.path).toEqual(['fields', 'file', 'en-US']);
        const dangling = await client.asset.create(env, {
            fields: { title: { 'en-US': 'B' }, file: { 'en-US': { fileName: 'b.png', contentType: 'image/png', uploadFrom: { sys: { type: 'Link', linkType: 'Upload', id: 'gone' } } } } }
        });
        const missing = await raw('PUT', `${envUrl(space)}/assets/${dangling.sys.id}/files/en-US/process`, { headers: { 'X-Contentful-Version': '1' } });
        expect(missing.status).toBe(422);
        expect(missing.body.details.errors[0]).toMatchObject({ name: 'notResolvable', path: ['fields', 'file', 'en-US', 'uploadFrom'] });
    });

    it('serves uploads back by id and refuses an empty upload', async () => {
        const space = assetSpace();
        const client = emulator.install(space);
        const env = { spaceId: space.spaceId, environmentId: space.environment };
        const upload = await client.upload.create(env, { file: new Uint8Array([1, 2, 3]).buffer as ArrayBuffer });
        expect(upload.sys).toMatchObject({ type: 'Upload', id: expect.any(String), expiresAt: expect.any(String) });
        expect((await client.upload.get({ ...env, uploadId: upload.sys.id })).sys.id).toBe(upload.sys.id);
        const empty = await raw('POST', `https://upload.contentful.com/spaces/${space.spaceId}/environments/master/uploads`, {
            body: new Uint8Array(0),
            headers: { 'Content-Type': 'application/octet-stream' }
        });
        expect(empty.status).toBe(400);
    });

    it('refuses asset fields other than title, description and file', async () => {
        const space = assetSpace();
        const client = emulator.install(space);
        const error = await sdkError(client.asset.create({ spaceId: space.spaceId, environmentId: 'master' }, { fields: { title: { 'en-US': 'A' }, caption: { 'en-US': 'x' } } as never }));
        expect(error).toMatchObject({ name: 'InvalidEntry', status: 422 });
    });
});
