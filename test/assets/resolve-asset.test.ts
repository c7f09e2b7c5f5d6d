/**
 * The pure fallback rule for assets (SPEC §8 "A locale without its own file inherits the fallback
 * chain's file"), on recorded Contentful assets converted by the adapter's own converter.
 */
import { describe, expect, it } from 'vitest';
import type { Asset } from '@stackbit/types';
import { createAssetConverter } from '../../src/contentful/asset-converter.js';
import type { AssetProps } from '../../src/contentful/types.js';
import { resolveAsset, resolveAssetFile } from '../../src/localization/assets.js';
import { diagnosticsCollector, localeContextFromLocales, recordedItems } from '../contentful/helpers.js';

// The recording's space has en-US and pl; en-GB → pl → en-US and de-CH (no fallback) are added to
// exercise chains.
const LOCALES = localeContextFromLocales([
    { code: 'en-US', default: true },
    { code: 'pl', fallbackCode: 'en-US' },
    { code: 'en-GB', fallbackCode: 'pl' },
    { code: 'de-CH', fallbackCode: null }
]);

function convertedAssets(): Map<string, Asset> {
    const convert = createAssetConverter({ spaceId: 'yr5m0jky5hsh', environment: 'master', managementAppUrl: 'https://app.contentful.com', locales: LOCALES, report: diagnosticsCollector().report });
    const assets = recordedItems<AssetProps>('rb-assets-collection-per-locale-file-en-US-pl.json').map((asset) => convert(asset));
    return new Map(assets.map((asset) => [asset.id, asset]));
}

describe('resolveAssetFile on recorded per-locale assets', () => {
    const assets = convertedAssets();
    const perLocale = assets.get('35Kt2tInIsoauo8sC82q04')!;
    const englishOnly = assets.get('4k8mYw2MzS6kYG0eGq0Yi0')!;

    it('a locale with its own file gets it (pl and en-US are different files of one asset)', () => {
        const pl = resolveAssetFile(perLocale, 'pl', LOCALES)!;
        const en = resolveAssetFile(perLocale, 'en-US', LOCALES)!;
        expect(pl).toMatchObject({ from: 'pl', url: 'https://images.contentful.com/yr5m0jky5hsh/35Kt2tInIsoauo8sC82q04/96228bd042f66a29b071c047350d0f4e/codequest.jpg', fileName: 'codequest.jpg' });
        expect(en.from).toBe('en-US');
        expect(en.url).not.toBe(pl.url);
        expect(pl.size).toEqual(expect.any(Number));
    });

    it('a locale without a file inherits the nearest one of its chain: en-GB → pl, pl → en-US', () => {
        expect(resolveAssetFile(perLocale, 'en-GB', LOCALES)).toMatchObject({ from: 'pl', url: resolveAssetFile(perLocale, 'pl', LOCALES)!.url });
        expect(resolveAssetFile(englishOnly, 'pl', LOCALES)).toMatchObject({ from: 'en-US', url: expect.stringContaining('/4k8mYw2MzS6kYG0eGq0Yi0/') });
        expect(resolveAssetFile(englishOnly, 'en-GB', LOCALES)?.from).toBe('en-US');
    });

    it('a locale without a fallback and without a file has none (no silent default)', () => {
        expect(resolveAssetFile(perLocale, 'de-CH', LOCALES)).toBeUndefined();
    });

    it('title and description resolve on their own: own title, inherited file', () => {
        const withPolishTitleOnly: Asset = {
            ...englishOnly,
            fields: {
                ...englishOnly.fields,
                title: { type: 'string', localized: true, locales: { 'en-US': { locale: 'en-US', value: 'Code quest' }, pl: { locale: 'pl', value: 'Wyprawa' } } }
            }
        };
        const resolved = resolveAsset(withPolishTitleOnly, 'en-GB', LOCALES);
        expect(resolved.title).toEqual({ value: 'Wyprawa', from: 'pl' });
        expect(resolved.file?.from).toBe('en-US');
        expect(resolved.description?.from).toBe('en-US');
    });

    it('an uploaded but unprocessed file (no URL) does not count: the fallback file is shown', () => {
        const unprocessed: Asset = {
            ...perLocale,
            fields: {
                ...perLocale.fields,
                file: {
                    type: 'assetFile',
                    localized: true,
                    locales: {
                        'en-US': { locale: 'en-US', url: 'https://images.example/en.jpg', fileName: 'en.jpg' },
                        pl: { locale: 'pl', url: '', fileName: 'pl.jpg' }
                    }
                }
            }
        };
        expect(resolveAssetFile(unprocessed, 'pl', LOCALES)).toMatchObject({ from: 'en-US', fileName: 'en.jpg' });
    });

    it('an asset without any file resolves to nothing in every locale', () => {
        const empty: Asset = { ...englishOnly, fields: { title: englishOnly.fields.title, file: { type: 'assetFile', localized: true, locales: {} } } };
        for (const code of LOCALES.enabled) expect(resolveAssetFile(empty, code, LOCALES)).toBeUndefined();
    });
});
