/**
 * The example site's data layer: reads the space through Contentful's own delivery/preview client
 * (`contentful`), letting the API resolve field-level fallback (`locale=fr-CA` answers fr-CA, then fr,
 * then en-US values), and turns the answers into the small view shapes the renderer needs.
 *
 * Field values are read defensively (a page without a hero, a section of an unknown type, a locale
 * field holding a code the space lacks) because a preview site shows drafts that are half-written.
 */
import { createClient, type Asset, type ContentfulClientApi, type Entry } from 'contentful';
import type { SiteLocale } from './locales.js';

/** Where the site reads content: a Contentful preview (or delivery) API. */
export interface ContentApiConfig {
    /** Base URL of the API, e.g. `https://preview.contentful.com` or the emulator's `previewUrl`. */
    apiUrl: string;
    spaceId: string;
    environment: string;
    /** A Content Preview API key (or a Delivery API key for published content). */
    accessToken: string;
}

/** One variant of an object-level page, enough to route and group translations. */
export interface PageSummary {
    id: string;
    /** The variant's locale (its `locale` field; the default locale when missing or unknown). */
    locale: string;
    /** Variants sharing a translation key translate each other; a page without one is its own group. */
    translationKey: string;
    slug: string;
    title: string;
}

export interface AssetView {
    id: string;
    url: string;
    title: string | undefined;
    width: number | undefined;
    height: number | undefined;
}

export interface ProductView {
    type: 'product';
    id: string;
    sku: string | undefined;
    name: string | undefined;
    description: string | undefined;
    price: number | undefined;
    image: AssetView | undefined;
}

/** A linked entry of a type the site has no component for: shown by its title-ish field. */
export interface OtherSectionView {
    type: 'other';
    id: string;
    contentType: string;
    label: string;
}

export type SectionView = ProductView | OtherSectionView;

export interface PageView extends PageSummary {
    body: string | undefined;
    hero: AssetView | undefined;
    sections: SectionView[];
    brandColor: string | undefined;
}

export interface SiteConfigView {
    id: string;
    siteName: string | undefined;
    /** Ids of the pages the navigation links to (any variant of their group). */
    navigationPageIds: string[];
}

/** A field-level product with the locales that have their own values (not inherited). */
export interface ProductWithLocales {
    product: ProductView;
    ownLocales: string[];
}

type Fields = Record<string, unknown>;

function fieldsOf(entity: { fields: unknown }): Fields {
    return typeof entity.fields === 'object' && entity.fields !== null ? (entity.fields as Fields) : {};
}

function asString(value: unknown): string | undefined {
    return typeof value === 'string' && value !== '' ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isResolvedEntry(value: unknown): value is Entry {
    return typeof value === 'object' && value !== null && 'fields' in value && (value as Entry).sys?.type === 'Entry';
}

function isResolvedAsset(value: unknown): value is Asset {
    return typeof value === 'object' && value !== null && 'fields' in value && (value as Asset).sys?.type === 'Asset';
}

function linkId(value: unknown): string | undefined {
    const sys = typeof value === 'object' && value !== null ? (value as { sys?: { id?: unknown } }).sys : undefined;
    return typeof sys?.id === 'string' ? sys.id : undefined;
}

function toAssetView(value: unknown): AssetView | undefined {
    if (!isResolvedAsset(value)) {
        return undefined;
    }
    const fields = fieldsOf(value);
    const file = typeof fields.file === 'object' && fields.file !== null ? (fields.file as { url?: unknown; details?: { image?: { width?: unknown; height?: unknown } } }) : undefined;
    const url = asString(file?.url);
    if (!url) {
        // An asset whose file is still being processed has no URL yet: show nothing rather than a broken image.
        return undefined;
    }
    return {
        id: value.sys.id,
        url,
        title: asString(fields.title),
        width: asNumber(file?.details?.image?.width),
        height: asNumber(file?.details?.image?.height)
    };
}

function toSectionView(value: unknown): SectionView | undefined {
    if (!isResolvedEntry(value)) {
        return undefined;
    }
    const fields = fieldsOf(value);
    const contentType = value.sys.contentType.sys.id;
    if (contentType === 'product') {
        return toProductView(value);
    }
    const label = asString(fields.title) ?? asString(fields.name) ?? asString(fields.label) ?? value.sys.id;
    return { type: 'other', id: value.sys.id, contentType, label };
}

function toProductView(entry: Entry): ProductView {
    const fields = fieldsOf(entry);
    return {
        type: 'product',
        id: entry.sys.id,
        sku: asString(fields.sku),
        name: asString(fields.name),
        description: asString(fields.description),
        price: asNumber(fields.price),
        image: toAssetView(fields.image)
    };
}

/** Reads the summary of a page variant; `knownLocales` guards against a `locale` value the space lacks. */
function toPageSummary(entry: Entry, knownLocales: ReadonlySet<string>, defaultLocale: string): PageSummary {
    const fields = fieldsOf(entry);
    const locale = asString(fields.locale);
    return {
        id: entry.sys.id,
        locale: locale && knownLocales.has(locale) ? locale : defaultLocale,
        translationKey: asString(fields.translationKey) ?? `page:${entry.sys.id}`,
        slug: (asString(fields.slug) ?? entry.sys.id).replace(/^\/+|\/+$/g, ''),
        title: asString(fields.title) ?? ''
    };
}

/** The content reads the site makes; one instance per site. */
export interface ContentReader {
    getLocales(): Promise<SiteLocale[]>;
    /** Every page variant of the space (object-level translation groups are built from these). */
    getPageSummaries(locales: SiteLocale[]): Promise<PageSummary[]>;
    /** One page variant, with hero and sections resolved in `locale` (field-level fallback by the API). */
    getPage(summary: PageSummary, locale: string): Promise<PageView | undefined>;
    getSiteConfig(locale: string): Promise<SiteConfigView | undefined>;
    /** A product by SKU resolved in `locale`, and the locales with their own values. */
    getProduct(sku: string, locale: string): Promise<ProductWithLocales | undefined>;
}

/** Builds the `contentful` client for an API base URL (host, port, http or https, and a path prefix). */
export function createContentClient(config: ContentApiConfig): ContentfulClientApi<undefined> {
    const url = new URL(config.apiUrl);
    const basePath = url.pathname.replace(/\/+$/, '');
    return createClient({
        space: config.spaceId,
        environment: config.environment,
        accessToken: config.accessToken,
        host: url.host,
        insecure: url.protocol === 'http:',
        ...(basePath ? { basePath } : {}),
        // A preview site should show an error quickly rather than hang a page on retries.
        retryLimit: 2,
        timeout: 10_000
    });
}

/** Creates the reader over one space. */
export function createContentReader(config: ContentApiConfig): ContentReader {
    const client = createContentClient(config);

    return {
        async getLocales() {
            const { items } = await client.getLocales();
            return items.map((locale) => ({ code: locale.code, name: locale.name, default: locale.default, fallbackCode: locale.fallbackCode ?? null }));
        },

        async getPageSummaries(locales) {
            const known = new Set(locales.map((locale) => locale.code));
            const defaultLocale = locales.find((locale) => locale.default)?.code ?? locales[0]?.code ?? '';
            const summaries: PageSummary[] = [];
            // Paged like any Contentful collection: a large site has more pages than one response holds.
            for (let skip = 0; ; ) {
                const page = await client.getEntries({ content_type: 'page', include: 0, limit: 1000, skip, order: ['sys.createdAt'] });
                summaries.push(...page.items.map((entry) => toPageSummary(entry, known, defaultLocale)));
                skip += page.items.length;
                if (page.items.length === 0 || skip >= page.total) {
                    return summaries;
                }
            }
        },

        async getPage(summary, locale) {
            const { items } = await client.withoutUnresolvableLinks.getEntries({ 'sys.id': summary.id, locale, include: 2, limit: 1 });
            const entry = items[0];
            if (!entry) {
                return undefined;
            }
            const fields = fieldsOf(entry);
            const sections = Array.isArray(fields.sections) ? fields.sections.map(toSectionView).filter((section) => section !== undefined) : [];
            return {
                ...summary,
                title: asString(fields.title) ?? summary.title,
                body: asString(fields.body),
                hero: toAssetView(fields.hero),
                sections,
                brandColor: asString(fields.brandColor)
            };
        },

        async getSiteConfig(locale) {
            const { items } = await client.getEntries({ content_type: 'siteConfig', locale, include: 0, limit: 1 });
            const entry = items[0];
            if (!entry) {
                return undefined;
            }
            const fields = fieldsOf(entry);
            const navigation = Array.isArray(fields.navigation) ? fields.navigation : [];
            return {
                id: entry.sys.id,
                siteName: asString(fields.siteName),
                navigationPageIds: navigation.map(linkId).filter((id) => id !== undefined)
            };
        },

        async getProduct(sku, locale) {
            const query = { content_type: 'product', 'fields.sku': sku, limit: 1 } as const;
            const [resolved, raw] = await Promise.all([
                client.withoutUnresolvableLinks.getEntries({ ...query, locale, include: 1 }),
                client.withAllLocales.withoutLinkResolution.getEntries({ ...query, include: 0 })
            ]);
            const entry = resolved.items[0];
            if (!entry) {
                return undefined;
            }
            return { product: toProductView(entry), ownLocales: localesWithOwnValues(raw.items[0]) };
        }
    };
}

/** The locales in which an entry (fetched with `locale=*`) has at least one value of its own. */
function localesWithOwnValues(entry: { fields: unknown } | undefined): string[] {
    const locales = new Set<string>();
    for (const perLocale of Object.values(entry ? fieldsOf(entry) : {})) {
        if (typeof perLocale === 'object' && perLocale !== null) {
            for (const [code, value] of Object.entries(perLocale)) {
                if (value !== null && value !== undefined && value !== '') {
                    locales.add(code);
                }
            }
        }
    }
    return [...locales];
}
