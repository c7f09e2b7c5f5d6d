// CSI uploadAsset (from a URL and from base64) and updateAsset (title / description / file per
// locale) through the emulator: what was uploaded, created, processed and published, and what the
// engine gets back.
import { describe, expect, it } from 'vitest';
import type { Asset, AssetFileField, UpdateOperation } from '@stackbit/types';
import { gradientPng } from '../../src/emulator/demo-images.js';
import { byId, startSource, useSourceEmulator, writesOf } from './support.js';

const PNG = gradientPng(40, 30, [10, 20, 30], [200, 100, 50]);
const REMOTE = 'https://cdn.example.test/photos/beans.png';

type FileProps = { url?: string; fileName?: string; contentType?: string; size?: number; dimensions?: { width?: number; height?: number } };
const fileIn = (asset: Asset, locale: string): FileProps | undefined => ((asset.fields.file as AssetFileField & { locales?: Record<string, FileProps> }).locales ?? {})[locale];

describe('uploadAsset', () => {
    const emulator = useSourceEmulator();

    it('from a URL in a non-default locale: the file goes under that locale and the default locale, processed and published', async () => {
        emulator.space.registerRemoteFile(REMOTE, PNG, 'image/png');
        const { source, cache } = await startSource(emulator.space);
        emulator.log.clear();
        const asset = await source.uploadAsset({ url: REMOTE, fileName: 'beans.png', mimeType: 'image/png', locale: 'fr' });
        expect(writesOf(emulator.log)).toEqual(['PUT /assets/:id', 'PUT /assets/:id/files/:locale/process', 'PUT /assets/:id/files/:locale/process', 'PUT /assets/:id/published']);
        const create = emulator.log.writes()[0]!;
        expect((create.body as { fields: { file: Record<string, { upload: string }> } }).fields.file).toEqual({
            fr: { upload: REMOTE, fileName: 'beans.png', contentType: 'image/png' },
            'en-US': { upload: REMOTE, fileName: 'beans.png', contentType: 'image/png' }
        });
        expect(emulator.log.writes().filter((r) => r.route.endsWith('/process')).map((r) => r.path.split('/').at(-2))).toEqual(['fr', 'en-US']);
        for (const locale of ['fr', 'en-US']) {
            expect(fileIn(asset, locale)).toMatchObject({ fileName: 'beans.png', contentType: 'image/png', size: PNG.length, dimensions: { width: 40, height: 30 }, url: expect.stringMatching(/^https:\/\//) });
        }
        expect(asset.status).toBe('published');
        expect(asset.fields.title).toMatchObject({ locales: { fr: { value: 'beans' }, 'en-US': { value: 'beans' } } });
        const stored = emulator.space.getAsset(asset.id)!;
        expect(stored.sys.publishedVersion).toBe(stored.sys.version - 1);
        expect(byId(cache.updates.at(-1)!.assets ?? [], asset.id).status).toBe('published');
    });

    it('from base64 in the default locale: one upload to the upload host, linked, processed', async () => {
        const { source } = await startSource(emulator.space);
        emulator.log.clear();
        const asset = await source.uploadAsset({ base64: Buffer.from(PNG).toString('base64'), fileName: 'tiny.png', mimeType: 'image/png' });
        const upload = emulator.log.filter({ api: 'upload' });
        expect(upload.map((r) => `${r.method} ${r.route}`)).toEqual(['POST /uploads']);
        expect(upload[0]!.body).toBe(PNG.length);
        const create = emulator.log.filter({ method: 'PUT', route: '/assets/:id' })[0]!;
        const file = (create.body as { fields: { file: Record<string, { uploadFrom: { sys: { linkType: string } } }> } }).fields.file;
        expect(Object.keys(file)).toEqual(['en-US']);
        expect(file['en-US']!.uploadFrom.sys.linkType).toBe('Upload');
        expect(fileIn(asset, 'en-US')).toMatchObject({ fileName: 'tiny.png', size: PNG.length, dimensions: { width: 40, height: 30 } });
        expect(fileIn(asset, 'fr')).toBeUndefined();
    });

    it.each([
        [{ url: '/relative/path.png' }, /absolute http\(s\) URL/],
        [{ base64: '' }, /give either a url or base64/],
        [{ url: REMOTE, mimeType: '' }, /contentType/]
    ])('refuses bad input %j before any write', async (input, message) => {
        const { source } = await startSource(emulator.space);
        emulator.log.clear();
        await expect(source.uploadAsset({ fileName: 'x.png', mimeType: 'image/png', ...input })).rejects.toThrow(message);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('refuses a locale that is not enabled, naming it', async () => {
        const { source } = await startSource(emulator.space, { locales: ['en-US', 'fr'] });
        emulator.log.clear();
        await expect(source.uploadAsset({ url: REMOTE, fileName: 'x.png', mimeType: 'image/png', locale: 'de' })).rejects.toThrow(/locale "de": it is not enabled for this project/);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('updateAsset', () => {
    const emulator = useSourceEmulator();

    const titleOps = (): UpdateOperation[] => [
        { opType: 'set', fieldPath: ['title'], locale: 'fr', modelField: { type: 'string', name: 'title' }, field: { type: 'string', value: 'Grains (fr)' } },
        { opType: 'set', fieldPath: ['description'], locale: 'de', modelField: { type: 'string', name: 'description' }, field: { type: 'string', value: 'Kaffeebohnen' } }
    ];

    it('sets title and description per locale without touching the files', async () => {
        const { source, assets, cache } = await startSource(emulator.space);
        const before = emulator.space.getAsset('asset-hero')!;
        emulator.log.clear();
        await source.updateAsset({ asset: byId(assets, 'asset-hero'), operations: titleOps() });
        expect(writesOf(emulator.log)).toEqual(['PUT /assets/:id']);
        const after = emulator.space.getAsset('asset-hero')!;
        expect(after.fields.title).toEqual({ ...before.fields.title, fr: 'Grains (fr)' });
        expect(after.fields.description).toEqual({ de: 'Kaffeebohnen' });
        expect(after.fields.file).toEqual(before.fields.file);
        const pushed = byId(cache.updates.at(-1)!.assets ?? [], 'asset-hero');
        expect(pushed.fields.title).toMatchObject({ locales: { fr: { value: 'Grains (fr)' } } });
    });

    it('unset of one locale’s title removes only that locale', async () => {
        const { source, assets } = await startSource(emulator.space);
        await source.updateAsset({ asset: byId(assets, 'asset-hero'), operations: [{ opType: 'unset', fieldPath: ['title'], locale: 'fr', modelField: { type: 'string', name: 'title' } }] });
        expect(emulator.space.getAsset('asset-hero')!.fields.title).toEqual({ 'en-US': 'Coffee beans' });
    });

    it('a new file for one locale keeps the asset id, processes only that locale, and leaves the other locale’s file alone', async () => {
        emulator.space.registerRemoteFile(REMOTE, PNG, 'image/png');
        const { source, assets, cache } = await startSource(emulator.space);
        const before = emulator.space.getAsset('asset-hero')!;
        emulator.log.clear();
        await source.updateAsset({
            asset: byId(assets, 'asset-hero'),
            operations: [
                {
                    opType: 'set',
                    fieldPath: ['file'],
                    locale: 'de',
                    modelField: { type: 'string', name: 'file' } as never,
                    field: { type: 'assetFile', value: { url: REMOTE, fileName: 'hero-de.png', contentType: 'image/png' } } as never
                }
            ]
        });
        expect(writesOf(emulator.log)).toEqual(['PUT /assets/:id', 'PUT /assets/:id/files/:locale/process']);
        expect(emulator.log.filter({ route: '/assets/:id/files/:locale/process' })[0]!.path).toMatch(/\/files\/de\/process$/);
        const after = emulator.space.getAsset('asset-hero')!;
        expect(after.fields.file!['en-US']).toEqual(before.fields.file!['en-US']);
        expect(after.fields.file!.fr).toEqual(before.fields.file!.fr);
        expect(after.fields.file!.de).toMatchObject({ fileName: 'hero-de.png', url: expect.stringContaining('hero-de.png'), details: { size: PNG.length } });
        const pushed = byId(cache.updates.at(-1)!.assets ?? [], 'asset-hero');
        expect(fileIn(pushed, 'de')).toMatchObject({ fileName: 'hero-de.png', dimensions: { width: 40, height: 30 } });
    });

    it('a field other than title, description and file is refused and nothing is written', async () => {
        const { source, assets } = await startSource(emulator.space);
        emulator.log.clear();
        await expect(
            source.updateAsset({ asset: byId(assets, 'asset-hero'), operations: [{ opType: 'set', fieldPath: ['alt'], modelField: { type: 'string', name: 'alt' }, field: { type: 'string', value: 'x' } }] })
        ).rejects.toThrow(/only the fields title, description and file/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a locale that is not enabled is refused and nothing is written', async () => {
        const { source, assets } = await startSource(emulator.space, { locales: ['en-US', 'fr'] });
        emulator.log.clear();
        await expect(source.updateAsset({ asset: byId(assets, 'asset-hero'), operations: titleOps() })).rejects.toThrow(/"description" of asset "asset-hero" in locale "de"/);
        expect(emulator.log.all()).toEqual([]);
    });
});
