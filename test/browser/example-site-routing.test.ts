// The example site's routing, translation groups, fallback and hreflang, over an in-memory content
// reader shaped like the demo space (the HTTP/Contentful path is covered by the real-browser tests).
import { describe, expect, it } from 'vitest';
import type { ContentReader, PageSummary, PageView, ProductWithLocales } from '../../example-site/src/content.js';
import type { SiteLocale } from '../../example-site/src/locales.js';
import { fallbackChain, createLocaleSet, pickVariant } from '../../example-site/src/locales.js';
import { createSiteHandler } from '../../example-site/src/site.js';

const LOCALES: SiteLocale[] = [
    { code: 'en-US', name: 'English (United States)', default: true, fallbackCode: null },
    { code: 'fr', name: 'French', default: false, fallbackCode: 'en-US' },
    { code: 'de', name: 'German', default: false, fallbackCode: 'en-US' },
    { code: 'fr-CA', name: 'French (Canada)', default: false, fallbackCode: 'fr' }
];

const PAGES: PageSummary[] = [
    { id: 'home-en', locale: 'en-US', translationKey: 'home', slug: 'home', title: 'Welcome' },
    { id: 'home-fr', locale: 'fr', translationKey: 'home', slug: 'accueil', title: 'Bienvenue' },
    { id: 'home-de', locale: 'de', translationKey: 'home', slug: 'startseite', title: 'Willkommen' },
    { id: 'about-en', locale: 'en-US', translationKey: 'about', slug: 'about', title: 'About us <team>' },
    { id: 'about-fr', locale: 'fr', translationKey: 'about', slug: 'a-propos', title: 'À propos' },
    { id: 'contact-en', locale: 'en-US', translationKey: 'contact', slug: 'contact', title: 'Contact' }
];

function pageView(summary: PageSummary, locale: string): PageView {
    return {
        ...summary,
        body: `Body of ${summary.id}`,
        hero: { id: 'hero', url: `//assets.test/hero-${locale}.png`, title: 'Hero', width: 10, height: 10 },
        sections: [{ type: 'product', id: 'chair', sku: 'CHAIR-1', name: `Chair (${locale})`, description: undefined, price: 12.5, image: undefined }],
        brandColor: '#aa0000'
    };
}

const reader: ContentReader = {
    getLocales: async () => LOCALES,
    getPageSummaries: async () => PAGES,
    getPage: async (summary, locale) => pageView(summary, locale),
    getSiteConfig: async () => ({ id: 'site-config', siteName: 'Acme', navigationPageIds: ['about-en', 'contact-en'] }),
    getProduct: async (sku, locale): Promise<ProductWithLocales | undefined> =>
        sku === 'CHAIR-1'
            ? { product: { type: 'product', id: 'chair', sku, name: `Chair (${locale})`, description: 'Sturdy', price: 12.5, image: undefined }, ownLocales: ['en-US', 'fr'] }
            : undefined
};

const ORIGIN = 'http://site.test';
const handle = createSiteHandler(reader, { scripts: ['/src/client.ts'] });

function alternates(html: string): string[] {
    return [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map(([, lang, href]) => `${lang} ${href}`);
}

describe('example site routing', () => {
    it('sends / to the default locale', async () => {
        expect(await handle('/', ORIGIN)).toMatchObject({ status: 302, headers: { location: '/en-US/' } });
    });

    it('renders a locale home page from its own variant, annotated, with hreflang links to each translation', async () => {
        const response = await handle('/fr/', ORIGIN);
        expect(response.status).toBe(200);
        expect(response.body).toContain('<html lang="fr" data-locale="fr">');
        expect(response.body).toContain('<main data-sb-object-id="home-fr" data-content-locale="fr">');
        expect(response.body).toContain('<h1 data-sb-field-path="title">Bienvenue</h1>');
        expect(response.body).toContain('data-sb-object-id="chair"');
        expect(response.body).toContain('<script type="module" src="/src/client.ts"></script>');
        expect(alternates(response.body)).toEqual([
            'en-US http://site.test/en-US/',
            'fr http://site.test/fr/',
            'de http://site.test/de/',
            'x-default http://site.test/en-US/'
        ]);
        expect(response.body).not.toContain('class="fallback-notice"');
    });

    it('shows the fallback variant (not a blank) for a locale without a translation, and says so', async () => {
        const response = await handle('/de/about', ORIGIN);
        expect(response.status).toBe(200);
        expect(response.body).toContain('data-sb-object-id="about-en"');
        expect(response.body).toContain('About us &lt;team&gt;');
        expect(response.body).toMatch(/class="fallback-notice"[^>]*data-fallback-locale="en-US">Diese Seite ist noch nicht auf Deutsch übersetzt; angezeigt wird die Version auf Englisch \(Vereinigte Staaten\)/);
        expect(response.body).toContain('<link rel="canonical" href="http://site.test/en-US/about">');
        // de is not an alternate: it has no translation of its own
        expect(alternates(response.body)).toEqual(['en-US http://site.test/en-US/about', 'fr http://site.test/fr/a-propos', 'x-default http://site.test/en-US/about']);
        expect(response.body).toMatch(/<a href="\/de\/about" hreflang="de"[^>]*aria-current="true" data-fallback="true">Deutsch<\/a>/);
    });

    it('follows the fallback chain fr-CA → fr for object-level pages', async () => {
        const response = await handle('/fr-CA/a-propos', ORIGIN);
        expect(response.body).toContain('data-sb-object-id="about-fr"');
        expect(response.body).toContain('Chair (fr-CA)'); // field-level content is read in the visitor's locale
        expect(response.body).toContain('src="//assets.test/hero-fr-CA.png"');
        expect(response.body).toMatch(/data-fallback-locale="fr">Cette page n&#39;est pas encore traduite en français canadien ; voici la version en français\./);
    });

    it('redirects a slug of another language to the locale’s own URL of the same page', async () => {
        expect(await handle('/fr/about', ORIGIN)).toMatchObject({ status: 302, headers: { location: '/fr/a-propos' } });
        expect(await handle('/fr-CA/about', ORIGIN)).toMatchObject({ status: 302, headers: { location: '/fr-CA/a-propos' } });
        expect(await handle('/fr/accueil', ORIGIN)).toMatchObject({ status: 302, headers: { location: '/fr/' } });
        expect(await handle('/FR-ca/a-propos', ORIGIN)).toMatchObject({ status: 302, headers: { location: '/fr-CA/a-propos' } });
    });

    it('links the language switcher and the navigation to each locale’s URL of the page', async () => {
        const { body } = await handle('/en-US/contact', ORIGIN);
        for (const [locale, href] of [
            ['en-US', '/en-US/contact'],
            ['fr', '/fr/contact'],
            ['de', '/de/contact'],
            ['fr-CA', '/fr-CA/contact']
        ]) {
            expect(body).toContain(`<a href="${href}" hreflang="${locale}" lang="${locale}" data-switch-locale="${locale}"`);
        }
        const fr = await handle('/fr/contact', ORIGIN);
        expect(fr.body).toContain('<li><a href="/fr/a-propos">À propos</a></li>');
        expect(fr.body).toContain('data-sb-object-id="site-config"');
    });

    it('renders field-level product pages with alternates for the locales that have their own values', async () => {
        const response = await handle('/fr-CA/products/CHAIR-1', ORIGIN);
        expect(response.status).toBe(200);
        expect(response.body).toContain('<h3 data-sb-field-path="name">Chair (fr-CA)</h3>');
        expect(response.body).toContain('Prix: <span data-sb-field-path="price">12,50</span>');
        expect(alternates(response.body)).toEqual([
            'en-US http://site.test/en-US/products/CHAIR-1',
            'fr http://site.test/fr/products/CHAIR-1',
            'x-default http://site.test/en-US/products/CHAIR-1'
        ]);
    });

    it('answers 404 for an unknown locale, page or product, naming what is missing', async () => {
        const unknownLocale = await handle('/xx/about', ORIGIN);
        expect(unknownLocale.status).toBe(404);
        expect(unknownLocale.body).toContain('No locale in &quot;/xx/about&quot;; this site has en-US, fr, de, fr-CA.');
        const unknownPage = await handle('/de/nope', ORIGIN);
        expect(unknownPage.status).toBe(404);
        expect(unknownPage.body).toContain('No page &quot;nope&quot; in German (de).');
        expect((await handle('/de/products/NOPE', ORIGIN)).status).toBe(404);
    });
});

describe('example site locale rules', () => {
    const set = createLocaleSet(LOCALES);

    it('follows fallbackCode and stops at a cycle or a dangling code', () => {
        expect(fallbackChain(set, 'fr-CA')).toEqual(['fr-CA', 'fr', 'en-US']);
        const broken = createLocaleSet([
            { code: 'a', name: 'A', default: true, fallbackCode: 'b' },
            { code: 'b', name: 'B', default: false, fallbackCode: 'a' },
            { code: 'c', name: 'C', default: false, fallbackCode: 'gone' }
        ]);
        expect(fallbackChain(broken, 'a')).toEqual(['a', 'b']);
        expect(fallbackChain(broken, 'c')).toEqual(['c']);
    });

    it('picks the nearest variant, then the default locale’s, then any', () => {
        const variants = [{ locale: 'de' }, { locale: 'fr' }];
        expect(pickVariant(set, variants, 'fr-CA')).toEqual({ locale: 'fr' });
        expect(pickVariant(set, [{ locale: 'en-US' }, { locale: 'de' }], 'fr-CA')).toEqual({ locale: 'en-US' });
        expect(pickVariant(set, [{ locale: 'de' }], 'fr')).toEqual({ locale: 'de' });
    });

    it('refuses a space without locales', () => {
        expect(() => createLocaleSet([])).toThrow('The space has no locales');
    });
});
