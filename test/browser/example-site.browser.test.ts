// Real-browser tests: the bundled emulator (demo space) + the example site + Debian's Chromium, driven by
// playwright-core. The Visual Editor is simulated the way it behaves: a `window.stackbit.setLocale`
// installed before the page's scripts run, which answers each call with a `stackbitLocaleChanged` echo,
// and editor-side locale switches dispatched as `stackbitLocaleChanged` CustomEvents.
import { existsSync, mkdirSync } from 'node:fs';
import _ from 'lodash';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDemoSpace, startEmulatorServer } from '../../src/emulator/index.js';
import { startExampleSite, type RunningExampleSite } from '../../example-site/server.js';

/** Debian's Chromium; CHROMIUM_PATH points elsewhere (or at nothing, to check the skip). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'test-results/screenshots';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
    console.warn(`example-site browser tests skipped: ${CHROMIUM} is absent (install Debian's chromium: apt-get install chromium)`);
}

/** One page variant of the demo space, read from the space itself so the tests follow its content. */
interface DemoPage {
    id: string;
    locale: string;
    translationKey: string;
    slug: string;
    title: string;
}

type RawEntry = ReturnType<ReturnType<typeof createDemoSpace>['listEntries']>[number];

function fieldValue(entry: RawEntry, field: string, locale: string): unknown {
    const perLocale = (entry.fields as Record<string, Record<string, unknown> | undefined>)[field];
    return perLocale?.[locale];
}

describe.skipIf(!hasChromium)('example site in Chromium, with the editor simulated', () => {
    const space = createDemoSpace();
    const defaultLocale = space.defaultLocale();
    let emulator: Awaited<ReturnType<typeof startEmulatorServer>>;
    let site: RunningExampleSite;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    /** Every `window.stackbit.setLocale` call the pages made, across navigations. */
    let setLocaleCalls: string[];
    /** Main-frame navigations of the current page. */
    let navigations: string[];

    const entries = space.listEntries();
    const pages: DemoPage[] = entries
        .filter((entry) => (entry.sys as { contentType?: { sys: { id: string } } }).contentType?.sys.id === 'page')
        .map((entry) => ({
            id: entry.sys.id,
            locale: String(fieldValue(entry, 'locale', defaultLocale) ?? defaultLocale),
            translationKey: String(fieldValue(entry, 'translationKey', defaultLocale)),
            slug: String(fieldValue(entry, 'slug', defaultLocale) ?? '').replace(/^\/+|\/+$/g, ''),
            title: String(fieldValue(entry, 'title', defaultLocale) ?? '')
        }));
    const groups = Object.values(_.groupBy(pages, (one) => one.translationKey));
    /** The group translated into several locales but not German (the demo's about page). */
    const partialGroup = groups.find((group) => group.some((one) => one.locale === 'fr') && !group.some((one) => one.locale === 'de'));
    const homeGroup = groups.find((group) => group.some((one) => one.locale === 'de') && group.some((one) => one.locale === 'fr'));

    /** The variant a locale shows: its own, else the nearest one down its fallback chain. */
    function shownVariant(group: DemoPage[] | undefined, locale: string): DemoPage {
        let code: string | null | undefined = locale;
        for (let steps = 0; code && steps < 10; steps++) {
            const own = group?.find((one) => one.locale === code);
            if (own) {
                return own;
            }
            code = space.locales().find((candidate) => candidate.code === code)?.fallbackCode;
        }
        return variant(group, defaultLocale);
    }

    function variant(group: DemoPage[] | undefined, locale: string): DemoPage {
        const found = group?.find((one) => one.locale === locale);
        if (!found) {
            throw new Error(`The demo space has no ${locale} variant in group ${group?.[0]?.translationKey}: the test data changed`);
        }
        return found;
    }

    async function open(path: string): Promise<void> {
        const response = await page.goto(site.url + path);
        expect(response?.status(), `GET ${path}`).toBe(200);
    }

    /** What the Visual Editor does when an editor picks a locale in its switcher. */
    async function editorSwitchesTo(locale: string): Promise<void> {
        await page.evaluate((code) => window.dispatchEvent(new CustomEvent('stackbitLocaleChanged', { detail: { locale: code } })), locale);
    }

    beforeAll(async () => {
        emulator = await startEmulatorServer({ space, port: 0 });
        site = await startExampleSite({ port: 0, previewUrl: emulator.previewUrl, spaceId: space.spaceId, environment: space.environment, accessToken: 'preview-token' });
        browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
        });
        mkdirSync(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
        await browser?.close();
        await site?.close();
        await emulator?.close();
    });

    beforeEach(async () => {
        setLocaleCalls = [];
        navigations = [];
        // A fresh context per test: no cookies, storage or history carried over.
        context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
        await context.exposeBinding('__editorSetLocale', ({ page: source }, locale: string) => {
            setLocaleCalls.push(locale);
            // The editor's echo may also reach the page after it navigated: deliver it to whatever document is current.
            setTimeout(() => {
                source
                    .evaluate((code) => window.dispatchEvent(new CustomEvent('stackbitLocaleChanged', { detail: { locale: code } })), locale)
                    .catch(() => undefined);
            }, 150);
        });
        await context.addInitScript(() => {
            const bridge = (window as unknown as { __editorSetLocale: (locale: string) => void }).__editorSetLocale;
            (window as unknown as { stackbit: unknown }).stackbit = {
                setLocale(locale: string) {
                    bridge(locale);
                    // The editor answers a setLocale with a stackbitLocaleChanged for the same locale.
                    setTimeout(() => window.dispatchEvent(new CustomEvent('stackbitLocaleChanged', { detail: { locale } })), 0);
                }
            };
        });
        page = await context.newPage();
        page.on('framenavigated', (frame) => {
            if (frame === page.mainFrame()) {
                navigations.push(new URL(frame.url()).pathname);
            }
        });
    });

    afterEach(async () => {
        await context?.close();
    });

    it('renders the home page of every locale, with hreflang links to its translations (screenshot per locale)', async () => {
        for (const locale of space.localeCodes()) {
            await open(`/${locale}/`);
            const shown = shownVariant(homeGroup, locale);
            await expect(page.locator('main').getAttribute('data-sb-object-id')).resolves.toBe(shown.id);
            await expect(page.locator('h1[data-sb-field-path="title"]').textContent()).resolves.toBe(shown.title);
            const hreflangs = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((link) => link.getAttribute('hreflang')));
            expect(hreflangs.sort()).toEqual([...(homeGroup ?? []).map((one) => one.locale), 'x-default'].sort());
            await page.screenshot({ path: `${SCREENSHOTS}/home-${locale}.png`, fullPage: true });
        }
    });

    it('an editor switch to fr navigates to the French page, without telling the editor back', async () => {
        const english = variant(partialGroup, defaultLocale);
        const french = variant(partialGroup, 'fr');
        await open(`/${defaultLocale}/${english.slug}`);
        await Promise.all([page.waitForURL(`${site.url}/fr/${french.slug}`), editorSwitchesTo('fr')]);
        await expect(page.locator('main').getAttribute('data-sb-object-id')).resolves.toBe(french.id);
        await expect(page.locator('h1').textContent()).resolves.toBe(french.title);
        expect(setLocaleCalls).toEqual([]);
        await page.screenshot({ path: `${SCREENSHOTS}/about-fr-after-editor-switch.png`, fullPage: true });
    });

    it('an editor switch to the locale the page already shows does not navigate', async () => {
        await open('/fr/');
        await editorSwitchesTo('fr');
        await page.waitForTimeout(300);
        expect(navigations).toEqual(['/fr/']);
    });

    it('the language switcher calls setLocale exactly once and does not loop on the editor echo', async () => {
        await open(`/${defaultLocale}/`);
        await Promise.all([page.waitForURL(`${site.url}/fr/`), page.click('a[data-switch-locale="fr"]')]);
        // Give both echoes (the one to the old page and the late one to the new page) time to land.
        await page.waitForTimeout(600);
        expect(setLocaleCalls).toEqual(['fr']);
        expect(navigations).toEqual([`/${defaultLocale}/`, '/fr/']);
        // After the echo, a genuine editor switch is still followed.
        await Promise.all([page.waitForURL(`${site.url}/de/`), editorSwitchesTo('de')]);
        expect(setLocaleCalls).toEqual(['fr']);
    });

    it('a locale without a translation (German about page) shows the fallback page, not a blank', async () => {
        const english = variant(partialGroup, defaultLocale);
        await open(`/de/${english.slug}`);
        await expect(page.locator('main').getAttribute('data-sb-object-id')).resolves.toBe(english.id);
        await expect(page.locator('h1').textContent()).resolves.toBe(english.title);
        await expect(page.locator('.fallback-notice').getAttribute('data-fallback-locale')).resolves.toBe(defaultLocale);
        await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toBe(`${site.url}/${defaultLocale}/${english.slug}`);
        await page.screenshot({ path: `${SCREENSHOTS}/about-de-fallback.png`, fullPage: true });
    });

    it('fr-CA home shows the French hero file and French product names, resolved by the API (fr-CA → fr)', async () => {
        await open('/fr-CA/');
        const heroId = await page.locator('img.hero').getAttribute('data-asset-id');
        const hero = space.listAssets().find((asset) => asset.sys.id === heroId);
        const frenchFile = (hero?.fields as Record<string, Record<string, { url?: string } | undefined>> | undefined)?.file?.fr?.url;
        expect(frenchFile, 'the home hero has a French file').toBeDefined();
        await expect(page.locator('img.hero').getAttribute('src')).resolves.toBe(frenchFile);
        // The image is really served (the emulator serves processed files) and decoded by the browser.
        await expect(page.locator('img.hero').evaluate((image: HTMLImageElement) => image.decode().then(() => image.naturalWidth))).resolves.toBeGreaterThan(0);
        const shownProductIds = await page.locator('article.product').evaluateAll((articles) => articles.map((article) => article.getAttribute('data-sb-object-id')));
        expect(shownProductIds.length).toBeGreaterThan(0);
        for (const id of shownProductIds) {
            const product = entries.find((entry) => entry.sys.id === id)!;
            const expected = fieldValue(product, 'name', 'fr') ?? fieldValue(product, 'name', defaultLocale);
            await expect(page.locator(`article[data-sb-object-id="${id}"] [data-sb-field-path="name"]`).textContent()).resolves.toBe(expected);
        }
    });

    it('fr-CA shows the French variant and French field values through the API fallback (fr-CA → fr)', async () => {
        const french = variant(partialGroup, 'fr');
        await open(`/fr-CA/${french.slug}`);
        await expect(page.locator('main').getAttribute('data-sb-object-id')).resolves.toBe(french.id);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr-CA');
        const products = entries.filter((entry) => (entry.sys as { contentType?: { sys: { id: string } } }).contentType?.sys.id === 'product');
        const frenchProduct = products.find((entry) => typeof fieldValue(entry, 'name', 'fr') === 'string' && fieldValue(entry, 'name', 'fr-CA') === undefined);
        expect(frenchProduct, 'the demo space has a product with a French name and no Canadian French one').toBeDefined();
        const sku = String(fieldValue(frenchProduct!, 'sku', defaultLocale));
        await open(`/fr-CA/products/${encodeURIComponent(sku)}`);
        await expect(page.locator('[data-sb-field-path="name"]').textContent()).resolves.toBe(fieldValue(frenchProduct!, 'name', 'fr'));
        await page.screenshot({ path: `${SCREENSHOTS}/product-fr-CA.png`, fullPage: true });
    });
});
