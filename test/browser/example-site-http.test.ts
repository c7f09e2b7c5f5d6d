// The example site over HTTP against the bundled emulator's demo space (no browser): the `contentful`
// client pointed at the preview API, fallback resolved by the API, translation groups, hreflang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSpace, startEmulatorServer } from '../../src/emulator/index.js';
import { createContentReader, type ContentReader } from '../../example-site/src/content.js';
import { startExampleSite, type RunningExampleSite } from '../../example-site/server.js';

type RawEntry = ReturnType<ReturnType<typeof createDemoSpace>['listEntries']>[number];

function contentTypeOf(entry: RawEntry): string | undefined {
    return (entry.sys as { contentType?: { sys: { id: string } } }).contentType?.sys.id;
}

function fieldValue(entry: RawEntry, field: string, locale: string): unknown {
    return (entry.fields as Record<string, Record<string, unknown> | undefined>)[field]?.[locale];
}

describe('example site against the emulator (HTTP, no browser)', () => {
    const space = createDemoSpace();
    const defaultLocale = space.defaultLocale();
    const entries = space.listEntries();
    let emulator: Awaited<ReturnType<typeof startEmulatorServer>>;
    let site: RunningExampleSite;
    let reader: ContentReader;

    beforeAll(async () => {
        emulator = await startEmulatorServer({ space, port: 0 });
        const content = { previewUrl: emulator.previewUrl, spaceId: space.spaceId, environment: space.environment, accessToken: 'preview-token' };
        site = await startExampleSite({ port: 0, ...content });
        reader = createContentReader({ apiUrl: content.previewUrl, spaceId: content.spaceId, environment: content.environment, accessToken: content.accessToken });
    });

    afterAll(async () => {
        await site?.close();
        await emulator?.close();
    });

    it('reads the locales with their fallback codes through the contentful client', async () => {
        const locales = await reader.getLocales();
        expect(locales.find((locale) => locale.default)?.code).toBe(defaultLocale);
        expect(locales.find((locale) => locale.code === 'fr-CA')?.fallbackCode).toBe('fr');
    });

    it('groups every page variant of the space by translation key, each with its locale', async () => {
        const summaries = await reader.getPageSummaries(await reader.getLocales());
        const pages = entries.filter((entry) => contentTypeOf(entry) === 'page');
        expect(summaries.map((summary) => summary.id).sort()).toEqual(pages.map((entry) => entry.sys.id).sort());
        for (const page of pages) {
            const summary = summaries.find((one) => one.id === page.sys.id);
            expect(summary?.locale).toBe(fieldValue(page, 'locale', defaultLocale) ?? defaultLocale);
            expect(summary?.translationKey).toBe(fieldValue(page, 'translationKey', defaultLocale));
        }
    });

    it('a fr-CA product read gets the French values the API falls back to, and its own locales', async () => {
        const product = entries.find(
            (entry) => contentTypeOf(entry) === 'product' && typeof fieldValue(entry, 'name', 'fr') === 'string' && fieldValue(entry, 'name', 'fr-CA') === undefined
        );
        expect(product, 'the demo space has a product with a French name and no Canadian French one').toBeDefined();
        const sku = String(fieldValue(product!, 'sku', defaultLocale));
        const found = await reader.getProduct(sku, 'fr-CA');
        expect(found?.product.name).toBe(fieldValue(product!, 'name', 'fr'));
        expect(found?.product.price).toBe(fieldValue(product!, 'price', defaultLocale));
        expect(found?.ownLocales).toContain('fr');
        expect(found?.ownLocales).not.toContain('fr-CA');
        expect(await reader.getProduct('NO-SUCH-SKU', 'fr')).toBeUndefined();
    });

    it('a page read in a locale resolves its hero asset in that locale (fr-CA gets the French file)', async () => {
        const locales = await reader.getLocales();
        const summaries = await reader.getPageSummaries(locales);
        const withHero = entries.find((entry) => contentTypeOf(entry) === 'page' && fieldValue(entry, 'hero', defaultLocale) !== undefined);
        expect(withHero, 'the demo space has a page with a hero image').toBeDefined();
        const summary = summaries.find((one) => one.id === withHero!.sys.id)!;
        const heroId = (fieldValue(withHero!, 'hero', defaultLocale) as { sys: { id: string } }).sys.id;
        const asset = space.listAssets().find((one) => one.sys.id === heroId)!;
        const fileUrl = (locale: string): unknown => ((asset.fields as Record<string, Record<string, { url?: string } | undefined>>).file?.[locale])?.url;
        const [french, canadian, german] = await Promise.all(['fr', 'fr-CA', 'de'].map((locale) => reader.getPage(summary, locale)));
        expect(french?.hero?.url).toBe(fileUrl('fr'));
        expect(canadian?.hero?.url).toBe(fileUrl('fr'));
        expect(german?.hero?.url).toBe(fileUrl('de') ?? fileUrl(defaultLocale));
    });

    it('serves pages per locale with hreflang links, redirects / to the default locale, and 404s unknown locales', async () => {
        const root = await fetch(`${site.url}/`, { redirect: 'manual' });
        expect(root.status).toBe(302);
        expect(root.headers.get('location')).toBe(`/${defaultLocale}/`);

        for (const locale of space.localeCodes()) {
            const response = await fetch(`${site.url}/${locale}/`);
            expect(response.status, `/${locale}/`).toBe(200);
            const html = await response.text();
            expect(html).toContain(`<html lang="${locale}"`);
            expect(html).toMatch(/<main data-sb-object-id="[^"]+"/);
            expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${site.url}/${defaultLocale}/">`);
        }
        const unknown = await fetch(`${site.url}/xx-XX/`);
        expect(unknown.status).toBe(404);
        expect(await unknown.text()).toContain('No locale in &quot;/xx-XX/&quot;');
    });

    it('answers 502 with the API named when the preview API cannot be read', async () => {
        const errors: string[] = [];
        const broken = await startExampleSite({ port: 0, previewUrl: emulator.previewUrl, spaceId: 'no-such-space', accessToken: 'preview-token', logError: (message) => errors.push(message) });
        try {
            const response = await fetch(`${broken.url}/${defaultLocale}/`);
            expect(response.status).toBe(502);
            expect(await response.text()).toContain(`The content API at ${emulator.previewUrl} could not be read for /${defaultLocale}/`);
            expect(errors).toEqual([expect.stringContaining(`example-site: /${defaultLocale}/: reading content from ${emulator.previewUrl} failed`)]);
        } finally {
            await broken.close();
        }
    });

    it('in build mode serves the Vite-built browser script, which bundles the browser entry and nothing else', async () => {
        const built = await startExampleSite({ port: 0, previewUrl: emulator.previewUrl, spaceId: space.spaceId, environment: space.environment, accessToken: 'preview-token', mode: 'build' });
        try {
            const html = await (await fetch(`${built.url}/fr/`)).text();
            const script = /<script type="module" src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
            expect(script, 'the page loads the built script').toBeDefined();
            const response = await fetch(built.url + script);
            expect(response.headers.get('content-type')).toContain('text/javascript');
            const code = await response.text();
            expect(code).toContain('stackbitLocaleChanged');
            expect(code).not.toMatch(/from\s*["']/); // one self-contained file: no imports left
        } finally {
            await built.close();
        }
    });

    it('refuses to start without the preview URL, space or token', async () => {
        await expect(startExampleSite({ previewUrl: '', spaceId: 's', accessToken: 't' })).rejects.toThrow('option `previewUrl` is required');
        await expect(startExampleSite({ previewUrl: 'http://x', spaceId: '', accessToken: 't' })).rejects.toThrow('option `spaceId` is required');
    });
});
