import { describe, expect, it } from 'vitest';
import type { Asset, AssetFileFieldProps } from '@stackbit/types';
import { createAssetConverter } from '../../src/contentful/asset-converter.js';
import type { AssetContext, AssetProps, LocaleProps } from '../../src/contentful/types.js';
import type { LocaleContext } from '../../src/localization/types.js';
import { diagnosticsCollector, exportFile, localeContext, localeContextFromLocales, recordedItems, recording } from './helpers.js';

const javaAssets = recordedItems<AssetProps>('java-assets-collection-multi-locale-en-US-en-UK.json');
const javaLocales = recordedItems<LocaleProps>('java-locales-8-with-fallback-chains.json');

function converter(locales: LocaleContext, userEmail?: (id: string) => string | undefined) {
    const collector = diagnosticsCollector();
    const convert = createAssetConverter({ spaceId: 'sp1', environment: 'master', managementAppUrl: 'https://app.contentful.com', locales, userEmail, report: collector.report });
    return { convert, ...collector };
}

function fileLocales(asset: Asset<AssetContext>): Record<string, { locale: string } & AssetFileFieldProps> {
    const file = asset.fields.file;
    return file.localized ? file.locales : {};
}

describe('asset → Stackbit asset', () => {
    it('converts every recorded java asset, with localized title, description and file', () => {
        const { convert } = converter(localeContextFromLocales(javaLocales));
        const assets = javaAssets.map((asset) => convert(asset));
        expect(assets).toHaveLength(47);
        const pirate = assets.find((asset) => asset.id === '5P7EcOWo92Y4yWws8Uqc2K')!;
        expect(pirate.fields.title).toMatchObject({ type: 'string', localized: true, locales: { 'en-US': { locale: 'en-US' }, 'en-UK': { locale: 'en-UK' } } });
        expect(pirate.fields.description).toMatchObject({ type: 'text', localized: true, locales: { 'en-US': { locale: 'en-US' }, 'en-UK': { locale: 'en-UK' } } });
        expect(Object.keys(fileLocales(pirate))).toEqual(['en-US']);
        expect(pirate).toMatchObject({ type: 'asset', manageUrl: 'https://app.contentful.com/spaces/sp1/environments/master/assets/5P7EcOWo92Y4yWws8Uqc2K' });
    });

    it('keeps every recorded title, description and file value of a space locale', () => {
        const { convert } = converter(localeContextFromLocales(javaLocales, javaLocales.map((locale) => locale.code)));
        let valuesIn = 0;
        let valuesOut = 0;
        for (const raw of javaAssets) {
            const asset = convert(raw);
            for (const [fieldId, values] of Object.entries((raw.fields ?? {}) as Record<string, Record<string, unknown>>)) {
                for (const [code, value] of Object.entries(values)) {
                    if (value === null) {
                        continue;
                    }
                    valuesIn++;
                    const field = asset.fields[fieldId]!;
                    expect(field.localized && field.locales[code], `${raw.sys.id}.${fieldId}@${code}`).toBeTruthy();
                }
            }
            for (const field of Object.values(asset.fields)) {
                valuesOut += field.localized ? Object.keys(field.locales).length : 1;
            }
        }
        expect(valuesOut).toBe(valuesIn);
    });

    it('gives processed CDN files an https URL, their size and dimensions', () => {
        const file = exportFile('export-stackbit-i18n-field-level-en-US-es.json');
        const { convert } = converter(localeContextFromLocales(file.locales));
        const asset = convert(file.assets[0]!);
        expect(fileLocales(asset)['en-US']).toEqual({
            locale: 'en-US',
            url: 'https://images.ctfassets.net/d79ojau8knqo/6QMJYL7aEwOYNq4yVirpSN/f26fe9e1c462ac1c1315afb4726aefa5/fpo-sandwich.jpg',
            fileName: 'fpo-sandwich.jpg',
            contentType: 'image/jpeg',
            size: 283026,
            dimensions: { width: 1200, height: 960 }
        });
        expect(asset.status).toBe('published');
    });

    it('leaves an https URL as it is and omits a description that is null (modern recorded asset)', () => {
        const { convert } = converter(localeContext(['en-US']));
        const asset = convert(recording('rb-asset-modern-fieldStatus-concepts.json'));
        expect(String(fileLocales(asset)['en-US']!.url)).toMatch(/^https:\/\/images\.secure\.ctfassets\.net\//);
        expect(asset.fields.description).toBeUndefined();
        expect(asset.context.sys).toMatchObject({ type: 'Asset', fieldStatus: { 'en-US': 'published' } });
    });

    it('keeps a separate file per locale (recorded en-US / pl assets)', () => {
        const { convert } = converter(localeContext(['en-US', 'pl']));
        const assets = recordedItems<AssetProps>('rb-assets-collection-per-locale-file-en-US-pl.json').map((asset) => convert(asset));
        const perLocale = assets.filter((asset) => Object.keys(fileLocales(asset)).length === 2);
        expect(perLocale).toHaveLength(2);
        for (const asset of perLocale) {
            const files = fileLocales(asset);
            expect(files['en-US']!.url).not.toBe(files.pl!.url);
            expect(files.pl!.url).toMatch(/^https:/);
        }
        const single = convert(recording('rb-asset-per-locale-file-en-US-pl.json'));
        expect(Object.keys(fileLocales(single))).toEqual(['en-US', 'pl']);
    });

    it('keeps unprocessed files (upload URL or Upload link) and reports each such asset once', () => {
        const { convert, ofKind } = converter(localeContext(['en-US']));
        const assets = recordedItems<AssetProps>('php-assets-collection-archived-unprocessed.json').map((asset) => convert(asset));
        const unprocessed = assets.find((asset) => asset.id === '3dhlAKRfdeeoec0CC0a0I2')!;
        expect(fileLocales(unprocessed)['en-US']).toEqual({ locale: 'en-US', url: '', fileName: 'contentful.svg', contentType: 'image/svg+xml' });
        expect(ofKind('unprocessed-asset')).toEqual([expect.objectContaining({ documentId: '3dhlAKRfdeeoec0CC0a0I2', locale: 'en-US', field: 'file' })]);
        expect(assets.filter((asset) => asset.status === 'archived')).toHaveLength(3);

        const java = converter(localeContext(['en-US', 'en-UK']));
        const fromUrl = java.convert(javaAssets.find((asset) => asset.sys.id === '5EqxkV8X3qIqa4QM2g2uoG')!);
        expect(fileLocales(fromUrl)['en-US']).toMatchObject({ url: 'http://lorempixel.com/1000/1000', fileName: 'random_cat.jpg' });
        const all = converter(localeContext(['en-US', 'en-UK']));
        javaAssets.forEach((asset) => all.convert(asset));
        expect(all.ofKind('unprocessed-asset')).toHaveLength(10);
    });

    it('still returns an asset when it has no fields at all', () => {
        const { convert } = converter(localeContext(['en-US']));
        const asset = convert(javaAssets.find((candidate) => candidate.sys.id === 'bar')!);
        expect(asset.fields).toEqual({ title: { type: 'string', localized: true, locales: {} }, file: { type: 'assetFile', localized: true, locales: {} } });
    });

    it('shows only enabled locales and reports codes the space does not have', () => {
        const asset = recording<AssetProps>('rb-asset-per-locale-file-en-US-pl.json');
        const onlyEnglish = converter(localeContext(['en-US', 'pl'], ['en-US']));
        expect(Object.keys(fileLocales(onlyEnglish.convert(asset)))).toEqual(['en-US']);
        expect(onlyEnglish.diagnostics).toEqual([]);
        const noPolish = converter(localeContext(['en-US']));
        noPolish.convert(asset);
        expect(noPolish.ofKind('unknown-locale-key').map((report) => report.field).sort()).toEqual(['description', 'file', 'title']);
    });

    it('names users by email when known', () => {
        const { convert } = converter(localeContext(['en-US']), () => 'dev@example.com');
        expect(convert(recording('rb-asset-modern-fieldStatus-concepts.json'))).toMatchObject({ createdBy: 'dev@example.com', updatedBy: ['dev@example.com'] });
    });
});
