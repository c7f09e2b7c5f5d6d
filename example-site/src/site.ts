/**
 * The example site's request handling, independent of the HTTP server: a path in, a response out.
 * Each request reads the space afresh (a preview site must show the latest draft).
 */
import type { ContentReader, PageSummary } from './content.js';
import { displayName, findLocale, type SiteLocale } from './locales.js';
import { renderDocument, renderNotFoundMain, renderPageMain, renderProductMain, type DocumentView, type LanguageLink } from './render.js';
import { buildSiteIndex, hasOwnVariant, pagePath, productPath, resolvePage, splitLocalePath, variantFor, type SiteIndex } from './site-index.js';

export interface SiteResponse {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export interface SiteOptions {
    /** URLs of the module scripts every page loads (the client script that wires the Visual Editor). */
    scripts: string[];
    /** Slugs of the home page; default `''`, `home`, `index`. */
    homeSlugs?: readonly string[];
}

/** Handles one GET: `origin` (e.g. `http://localhost:3000`) makes the hreflang links absolute. */
export type SiteHandler = (pathname: string, origin: string) => Promise<SiteResponse>;

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

function redirect(location: string): SiteResponse {
    return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

/** Creates the handler over a content reader. */
export function createSiteHandler(reader: ContentReader, options: SiteOptions): SiteHandler {
    return async (pathname, origin) => {
        const locales = await reader.getLocales();
        const index = buildSiteIndex(locales, await reader.getPageSummaries(locales), options.homeSlugs);
        const defaultCode = index.locales.defaultLocale.code;
        if (pathname === '/' || pathname === '') {
            return redirect(`/${defaultCode}/`);
        }
        const split = splitLocalePath(index, pathname);
        if (!split) {
            return notFound(reader, index, index.locales.defaultLocale, options, `No locale in "${pathname}"; this site has ${locales.map((locale) => locale.code).join(', ')}.`);
        }
        const { locale, rest } = split;
        const productMatch = /^products\/(.+)$/.exec(rest);
        if (productMatch) {
            return productPage(reader, index, locale, productMatch[1]!, pathname, origin, options);
        }
        const resolved = resolvePage(index, locale, rest);
        if (!resolved) {
            return notFound(reader, index, locale, options, `No page "${rest}" in ${displayName(locale.code, 'en', locale.name)} (${locale.code}).`);
        }
        if (resolved.canonicalPath !== pathname) {
            return redirect(resolved.canonicalPath);
        }
        const [page, siteConfigView] = await Promise.all([reader.getPage(resolved.variant, locale.code), siteChrome(reader, index, locale)]);
        if (!page) {
            return notFound(reader, index, locale, options, `The page "${rest}" was removed.`);
        }
        const { groupKey, variant } = resolved;
        const shownLocale = findLocale(index.locales, variant.locale);
        const view: DocumentView = {
            ...siteConfigView,
            locale: locale.code,
            title: page.title,
            languages: index.locales.locales.map((candidate) => ({
                locale: candidate.code,
                name: displayName(candidate.code, candidate.code, candidate.name, { capitalize: true }),
                href: pagePath(index, groupKey, candidate.code),
                current: candidate.code === locale.code,
                translated: hasOwnVariant(index, groupKey, candidate.code)
            })),
            // Only real translations are alternates; a locale showing a fallback variant is the same content.
            alternates: [
                ...index.locales.locales
                    .filter((candidate) => hasOwnVariant(index, groupKey, candidate.code))
                    .map((candidate) => ({ hreflang: candidate.code, href: origin + pagePath(index, groupKey, candidate.code) })),
                { hreflang: 'x-default', href: origin + pagePath(index, groupKey, defaultCode) }
            ],
            canonical: origin + pagePath(index, groupKey, variant.locale),
            fallback:
                variant.locale === locale.code
                    ? undefined
                    : {
                          requestedName: displayName(locale.code, locale.code, locale.name),
                          shownLocale: variant.locale,
                          shownName: displayName(variant.locale, locale.code, shownLocale?.name ?? variant.locale)
                      },
            brandColor: page.brandColor,
            mainHtml: renderPageMain(page, locale.code, (sku) => productPath(locale.code, sku)),
            scripts: options.scripts
        };
        return { status: 200, headers: HTML_HEADERS, body: renderDocument(view) };
    };
}

async function productPage(
    reader: ContentReader,
    index: SiteIndex,
    locale: SiteLocale,
    sku: string,
    pathname: string,
    origin: string,
    options: SiteOptions
): Promise<SiteResponse> {
    if (productPath(locale.code, sku) !== pathname) {
        return redirect(productPath(locale.code, sku));
    }
    const [found, chrome] = await Promise.all([reader.getProduct(sku, locale.code), siteChrome(reader, index, locale)]);
    if (!found) {
        return notFound(reader, index, locale, options, `No product with SKU "${sku}".`);
    }
    const { product, ownLocales } = found;
    const languages: LanguageLink[] = index.locales.locales.map((candidate) => ({
        locale: candidate.code,
        name: displayName(candidate.code, candidate.code, candidate.name, { capitalize: true }),
        href: productPath(candidate.code, sku),
        current: candidate.code === locale.code,
        translated: ownLocales.includes(candidate.code)
    }));
    const view: DocumentView = {
        ...chrome,
        locale: locale.code,
        title: product.name ?? sku,
        languages,
        // Field-level content: the locales with values of their own are the translations.
        alternates: [
            ...languages.filter((language) => language.translated).map((language) => ({ hreflang: language.locale, href: origin + language.href })),
            { hreflang: 'x-default', href: origin + productPath(index.locales.defaultLocale.code, sku) }
        ],
        canonical: origin + pathname,
        fallback: undefined,
        brandColor: undefined,
        mainHtml: renderProductMain(product, locale.code),
        scripts: options.scripts
    };
    return { status: 200, headers: HTML_HEADERS, body: renderDocument(view) };
}

/** Site name and navigation (links to each navigation group in the visitor's locale). */
async function siteChrome(reader: ContentReader, index: SiteIndex, locale: SiteLocale): Promise<Pick<DocumentView, 'siteName' | 'siteConfigId' | 'navigation'>> {
    const config = await reader.getSiteConfig(locale.code);
    const pagesById = new Map<string, PageSummary>([...index.groups.values()].flat().map((page) => [page.id, page]));
    const navigation = (config?.navigationPageIds ?? [])
        .map((id) => pagesById.get(id))
        .filter((page) => page !== undefined)
        .map((page) => ({
            label: variantFor(index, page.translationKey, locale.code)?.title ?? page.title,
            href: pagePath(index, page.translationKey, locale.code)
        }));
    return { siteName: config?.siteName ?? 'Example site', siteConfigId: config?.id, navigation };
}

async function notFound(reader: ContentReader, index: SiteIndex, locale: SiteLocale, options: SiteOptions, detail: string): Promise<SiteResponse> {
    const chrome = await siteChrome(reader, index, locale);
    const home = index.homeKey;
    const view: DocumentView = {
        ...chrome,
        locale: locale.code,
        title: '',
        languages: index.locales.locales.map((candidate) => ({
            locale: candidate.code,
            name: displayName(candidate.code, candidate.code, candidate.name, { capitalize: true }),
            href: home === undefined ? `/${candidate.code}/` : pagePath(index, home, candidate.code),
            current: candidate.code === locale.code,
            translated: true
        })),
        alternates: [],
        canonical: undefined,
        fallback: undefined,
        brandColor: undefined,
        mainHtml: renderNotFoundMain(locale.code, detail),
        scripts: options.scripts
    };
    return { status: 404, headers: HTML_HEADERS, body: renderDocument(view) };
}
