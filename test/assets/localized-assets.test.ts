/**
 * Localized assets against the emulator (SPEC §8): one asset record with a file, title and
 * description per locale; uploads in a locale also fill the default locale; replacing one locale's
 * file keeps the id, processes only that locale and leaves the others as they were (public
 * `replaceAssetFile` and CSI `updateAsset`); fallback resolution; locale access rules.
 */
import { describe, expect, it } from 'vitest';
import type { AssetFileFieldLocalized, UpdateOperation } from '@stackbit/types';
import { AccessDeniedError } from '../../src/errors.js';
import { gradientPng } from '../../src/emulator/demo-images.js';
import { startSource, useEmulator } from '../helpers/emulator.js';
import { engineUser } from '../helpers/engine.js';
import { demoOptions, useDemoEngine, userContext } from '../create-copy/support.js';

const NEW_FR_URL = 'https://files.acme.example/hero-fr-2.png';
const NEW_FR_FILE = { url: NEW_FR_URL, fileName: 'hero-fr-2.png', contentType: 'image/png' };

/**
 * A `set` of one locale's file, as SPEC §8 defines it for `updateAsset`. @stackbit/types has no
 * `assetFile` operation field (the engine's own updateAsset refuses files), hence the cast.
 */
function setFile(locale: string, value: { url: string; fileName: string; contentType: string }): UpdateOperation {
    return { opType: 'set', fieldPath: ['file'], locale, field: { type: 'assetFile', value }, modelField: { type: 'assetFile', name: 'file' } } as unknown as UpdateOperation;
}

function fileOf(space: ReturnType<typeof useEmulator>['space'], assetId: string) {
    return space.getAsset(assetId)!.fields.file as Record<string, Record<string, unknown>>;
}

/** The `PUT …/assets/:id/files/:locale/process` requests, as `id/locale`. */
function processed(log: ReturnType<typeof useEmulator>['log']): string[] {
    return log.filter({ method: 'PUT', path: /\/files\/[^/]+\/process$/ }).map((r) => r.path.replace(/^.*\/assets\/([^/]+)\/files\/([^/]+)\/process$/, '$1/$2'));
}

describe('the demo space\'s localized hero asset', () => {
    const emulator = useEmulator();

    it('is one asset with a different file and title per locale, referenced by the en-US, fr and de home pages', async () => {
        const { assets, documents, source } = await startSource(emulator.space, demoOptions());
        const hero = assets.find((asset) => asset.id === 'asset-hero')!;
        const file = hero.fields.file as AssetFileFieldLocalized;
        expect(Object.keys(file.locales).sort()).toEqual(['en-US', 'fr']);
        expect(file.locales['en-US']).toMatchObject({ fileName: 'hero-en.png', contentType: 'image/png', dimensions: { width: 960, height: 400 } });
        expect(file.locales.fr).toMatchObject({ fileName: 'hero-fr.png' });
        expect(file.locales.fr!.url).not.toBe(file.locales['en-US']!.url);
        expect(hero.fields.title).toMatchObject({ localized: true, locales: { 'en-US': { value: 'Coffee beans' }, fr: { value: 'Grains de café' } } });

        for (const id of ['home-en-US', 'home-fr', 'home-de']) {
            expect(documents.find((d) => d.id === id)!.fields.hero).toMatchObject({ type: 'reference', refType: 'asset', refId: 'asset-hero' });
        }
        // Each page's locale shows its file; de has none of its own and falls back to en-US; fr-CA to fr.
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'fr' }).file).toMatchObject({ from: 'fr', fileName: 'hero-fr.png' });
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'de' })).toMatchObject({ file: { from: 'en-US', fileName: 'hero-en.png' }, title: { value: 'Coffee beans', from: 'en-US' } });
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'fr-CA' })).toMatchObject({ file: { from: 'fr' }, title: { value: 'Grains de café', from: 'fr' } });
    });

    it('resolveAsset refuses an unknown asset and a locale that is not enabled', async () => {
        const { source } = await startSource(emulator.space, demoOptions({ locales: ['en-US', 'fr'] }));
        expect(() => source.resolveAsset({ assetId: 'no-such-asset', locale: 'fr' })).toThrow(/Asset "no-such-asset" does not exist/);
        expect(() => source.resolveAsset({ assetId: 'asset-hero', locale: 'de' })).toThrow(/locale "de": it is not enabled/);
    });
});

describe('replacing one locale\'s file', () => {
    const emulator = useEmulator();

    it('replaceAssetFile: the fr file is replaced, the en-US file and the asset id stay, only fr is processed', async () => {
        emulator.space.registerRemoteFile(NEW_FR_URL, gradientPng(640, 200, [10, 10, 10], [250, 250, 250]), 'image/png');
        const { source, cache } = await startSource(emulator.space, demoOptions());
        const before = fileOf(emulator.space, 'asset-hero');
        const titleBefore = emulator.space.getAsset('asset-hero')!.fields.title;
        emulator.log.clear();

        const asset = await source.replaceAssetFile({ assetId: 'asset-hero', locale: 'fr', file: NEW_FR_FILE });

        expect(asset.id).toBe('asset-hero');
        const after = fileOf(emulator.space, 'asset-hero');
        expect(after['en-US']).toEqual(before['en-US']);
        expect(after.fr).toMatchObject({ fileName: 'hero-fr-2.png', contentType: 'image/png', details: { image: { width: 640, height: 200 } } });
        expect(after.fr!.url).not.toBe(before.fr!.url);
        expect(emulator.space.getAsset('asset-hero')!.fields.title).toEqual(titleBefore);
        expect(processed(emulator.log)).toEqual(['asset-hero/fr']);
        expect(emulator.log.count({ method: 'POST' })).toBe(0); // no new asset
        // The engine was given the new fr file.
        const pushed = cache.updates.flatMap((update) => update.assets ?? []).find((a) => a.id === 'asset-hero')!;
        expect((pushed.fields.file as AssetFileFieldLocalized).locales.fr).toMatchObject({ fileName: 'hero-fr-2.png' });
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'fr-CA' }).file).toMatchObject({ from: 'fr', fileName: 'hero-fr-2.png' });
    });

    it('replaceAssetFile from base64 bytes uploads them and processes that locale only', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        emulator.log.clear();
        const bytes = gradientPng(20, 10, [0, 0, 0], [0, 0, 255]);
        await source.replaceAssetFile({ assetId: 'asset-hero', locale: 'de', file: { base64: Buffer.from(bytes).toString('base64'), fileName: 'hero-de.png', contentType: 'image/png' } });
        const after = fileOf(emulator.space, 'asset-hero');
        expect(after.de).toMatchObject({ fileName: 'hero-de.png', details: { size: bytes.length, image: { width: 20, height: 10 } } });
        expect(Object.keys(after).sort()).toEqual(['de', 'en-US', 'fr']);
        expect(processed(emulator.log)).toEqual(['asset-hero/de']);
        expect(emulator.log.count({ method: 'POST', api: 'upload' })).toBe(1);
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'de' }).file?.from).toBe('de');
    });

    it('CSI updateAsset: set file in fr (assetFile value) plus titles per locale; only the file locale is processed', async () => {
        emulator.space.registerRemoteFile(NEW_FR_URL, gradientPng(8, 8, [0, 0, 0], [9, 9, 9]), 'image/png');
        const { source, assets } = await startSource(emulator.space, demoOptions());
        const hero = assets.find((asset) => asset.id === 'asset-hero')!;
        const before = fileOf(emulator.space, 'asset-hero');
        emulator.log.clear();
        await source.updateAsset({
            asset: hero,
            operations: [
                setFile('fr', NEW_FR_FILE),
                { opType: 'set', fieldPath: ['title'], locale: 'de', field: { type: 'string', value: 'Kaffeebohnen' }, modelField: { type: 'string', name: 'title' } },
                { opType: 'set', fieldPath: ['description'], locale: 'fr', field: { type: 'text', value: 'Des grains torréfiés.' }, modelField: { type: 'text', name: 'description' } }
            ]
        });
        const asset = emulator.space.getAsset('asset-hero')!;
        expect(asset.sys.id).toBe('asset-hero');
        expect(asset.fields.title).toEqual({ 'en-US': 'Coffee beans', fr: 'Grains de café', de: 'Kaffeebohnen' });
        expect(asset.fields.description).toEqual({ fr: 'Des grains torréfiés.' });
        expect(fileOf(emulator.space, 'asset-hero')['en-US']).toEqual(before['en-US']);
        expect(fileOf(emulator.space, 'asset-hero').fr).toMatchObject({ fileName: 'hero-fr-2.png', url: expect.stringMatching(/^\/\//) });
        expect(processed(emulator.log)).toEqual(['asset-hero/fr']);
    });

    it('CSI updateAsset: unset of the fr file makes fr fall back to the en-US file', async () => {
        const { source, assets } = await startSource(emulator.space, demoOptions());
        await source.updateAsset({ asset: assets.find((a) => a.id === 'asset-hero')!, operations: [{ ...setFile('fr', NEW_FR_FILE), opType: 'unset' } as UpdateOperation] });
        expect(Object.keys(fileOf(emulator.space, 'asset-hero'))).toEqual(['en-US']);
        expect(source.resolveAsset({ assetId: 'asset-hero', locale: 'fr' }).file).toMatchObject({ from: 'en-US', fileName: 'hero-en.png' });
    });

    it('bad files are refused before anything is written', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        emulator.log.clear();
        await expect(source.replaceAssetFile({ assetId: 'asset-hero', locale: 'fr', file: { url: '/relative.png', fileName: 'r.png', contentType: 'image/png' } })).rejects.toThrow(
            /"r\.png": its url must be an absolute http\(s\) URL/
        );
        await expect(source.replaceAssetFile({ assetId: 'asset-hero', locale: 'fr', file: { url: NEW_FR_URL, fileName: 'x.png', contentType: '' } })).rejects.toThrow(/contentType/);
        await expect(source.replaceAssetFile({ assetId: 'asset-hero', locale: 'fr', file: { base64: '', fileName: 'x.png', contentType: 'image/png' } })).rejects.toThrow(/give either a url or base64/);
        await expect(source.replaceAssetFile({ assetId: 'asset-hero', locale: 'xx', file: NEW_FR_FILE })).rejects.toThrow(/locale "xx": it is not a locale of the space/);
        expect(emulator.log.writes()).toEqual([]);
        await expect(source.replaceAssetFile({ assetId: 'no-such-asset', locale: 'fr', file: NEW_FR_FILE })).rejects.toThrow(/no-such-asset/);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('uploads and asset access through the engine', () => {
    const { emulator, start } = useDemoEngine();

    it('an upload in fr puts the file in fr and in the default locale (which had none), processes both, publishes', async () => {
        const { store, srcProjectId } = await start();
        emulator.space.registerRemoteFile('https://files.acme.example/menu-fr.png', gradientPng(30, 30, [1, 2, 3], [4, 5, 6]), 'image/png');
        const [uploaded] = await store.uploadAssets({ srcType: 'contentful', srcProjectId, locale: 'fr', assets: [{ url: 'https://files.acme.example/menu-fr.png', metadata: { name: 'menu-fr.png', type: 'image/png' } }] });
        const id = uploaded!.objectId;
        expect(uploaded).toMatchObject({ fileName: 'menu-fr.png', width: 30, height: 30 });
        const file = fileOf(emulator.space, id);
        expect(Object.keys(file).sort()).toEqual(['en-US', 'fr']);
        expect(file.fr).toMatchObject({ fileName: 'menu-fr.png', details: { image: { width: 30, height: 30 } } });
        expect(file['en-US']!.url).toBe(file.fr!.url);
        expect(processed(emulator.log).sort()).toEqual([`${id}/en-US`, `${id}/fr`]);
        expect(emulator.space.getAsset(id)!.sys.publishedVersion).toBeDefined();
        expect(emulator.space.getAsset(id)!.fields.title).toEqual({ 'en-US': 'menu-fr', fr: 'menu-fr' });
    });

    it('an upload in the default locale writes only that locale', async () => {
        const { store, srcProjectId } = await start();
        const data = `data:image/png;base64,${Buffer.from(gradientPng(5, 5, [0, 0, 0], [1, 1, 1])).toString('base64')}`;
        const [uploaded] = await store.uploadAssets({ srcType: 'contentful', srcProjectId, assets: [{ url: 'blob:local', data, metadata: { name: 'logo.png', type: 'image/png' } }] });
        const id = uploaded!.objectId;
        expect(Object.keys(fileOf(emulator.space, id))).toEqual(['en-US']);
        expect(processed(emulator.log)).toEqual([`${id}/en-US`]);
    });

    it('the engine\'s updateAsset sets a title per locale (its own path refuses files; the CSI takes them)', async () => {
        const { store, srcProjectId } = await start();
        await store.updateAsset({ srcType: 'contentful', srcProjectId, srcAssetId: 'asset-hero', updateOperations: [{ opType: 'set', fieldPath: ['title'], locale: 'de', field: { type: 'string', value: 'Kaffeebohnen' } }] });
        expect(emulator.space.getAsset('asset-hero')!.fields.title).toMatchObject({ de: 'Kaffeebohnen', fr: 'Grains de café' });
        expect(processed(emulator.log)).toEqual([]);
    });

    it('a user restricted to fr may replace the fr file but not the de file, nor upload in de; refused calls write nothing', async () => {
        const { source, store, srcProjectId } = await start();
        const jean = userContext('jean@acme.fr');
        const before = fileOf(emulator.space, 'asset-hero');

        const refusals = [
            source.replaceAssetFile({ assetId: 'asset-hero', locale: 'de', file: NEW_FR_FILE, userContext: jean }),
            source.updateAsset({
                asset: (await source.getAssets()).find((asset) => asset.id === 'asset-hero')!,
                operations: [setFile('de', NEW_FR_FILE)],
                userContext: jean
            }),
            store.updateAsset({ srcType: 'contentful', srcProjectId, srcAssetId: 'asset-hero', updateOperations: [{ opType: 'set', fieldPath: ['title'], locale: 'de', field: { type: 'string', value: 'Bohnen' } }], user: engineUser('jean@acme.fr') }),
            store.uploadAssets({ srcType: 'contentful', srcProjectId, locale: 'de', assets: [{ url: NEW_FR_URL, metadata: { name: 'x.png', type: 'image/png' } }], user: engineUser('jean@acme.fr') })
        ];
        for (const refusal of refusals) {
            const error = await refusal.then(() => undefined, (e: Error) => e);
            expect(error).toBeInstanceOf(AccessDeniedError);
            expect(error!.message).toMatch(/jean@acme\.fr/);
            expect(error!.message).toMatch(/\bde\b/);
        }
        expect(emulator.log.writes()).toEqual([]);
        expect(fileOf(emulator.space, 'asset-hero')).toEqual(before);

        emulator.space.registerRemoteFile(NEW_FR_URL, gradientPng(4, 4, [0, 0, 0], [0, 0, 0]), 'image/png');
        // An upload in fr is allowed, and still fills the empty default locale (an asset is never blank there).
        const [uploaded] = await store.uploadAssets({ srcType: 'contentful', srcProjectId, locale: 'fr', assets: [{ url: NEW_FR_URL, metadata: { name: 'affiche.png', type: 'image/png' } }], user: engineUser('jean@acme.fr') });
        expect(Object.keys(fileOf(emulator.space, uploaded!.objectId)).sort()).toEqual(['en-US', 'fr']);
        await source.replaceAssetFile({ assetId: 'asset-hero', locale: 'fr', file: NEW_FR_FILE, userContext: jean });
        expect(fileOf(emulator.space, 'asset-hero').fr).toMatchObject({ fileName: 'hero-fr-2.png' });
        expect(fileOf(emulator.space, 'asset-hero')['en-US']).toEqual(before['en-US']);
    });
});
