/**
 * The Visual Editor configuration of this repository: the localized Contentful source with
 * everything switched on, for the bundled demo space (`npm run demo`) or a real space with the same
 * content model (content types page, product, siteConfig; locales en-US, fr, de, fr-CA).
 *
 * Environment variables (read when the file is loaded):
 *   CONTENTFUL_SPACE_ID          the space id (required)
 *   CONTENTFUL_ENVIRONMENT       environment id or alias (default `master`)
 *   CONTENTFUL_MANAGEMENT_TOKEN  a Content Management API token (required)
 *   CONTENTFUL_HOST              CMA host without protocol, e.g. `localhost:8787` for the bundled
 *                                emulator (`npm run demo` sets it); unset: api.contentful.com
 *   CONTENTFUL_INSECURE          `true` to talk plain HTTP to CONTENTFUL_HOST (the emulator)
 *
 * Run it with `stackbit dev` (or `npm run demo`, which starts the emulator and sets the variables).
 * Locales are assigned by the adapter itself, so there is no `mapModels` / `mapDocuments` here.
 */
import { defineStackbitConfig, type DocumentWithSource, type SiteMapEntry } from '@stackbit/types';
import { LocalizedContentfulSource, localizationActions, localizationPageActions, resolveLocalizedValue, type LocaleInfo } from './src/index.js';

const env = process.env;

/** The Contentful content source: object-level pages, field-level products, locale access rules. */
export const contentful = new LocalizedContentfulSource({
    spaceId: env.CONTENTFUL_SPACE_ID,
    environment: env.CONTENTFUL_ENVIRONMENT || 'master',
    accessToken: env.CONTENTFUL_MANAGEMENT_TOKEN,
    host: env.CONTENTFUL_HOST || undefined,
    insecure: env.CONTENTFUL_INSECURE === 'true',
    // The project's languages (the space may have more; they stay out of the editor).
    locales: ['en-US', 'fr', 'de', 'fr-CA'],
    objectLevel: {
        // One entry per locale, grouped by translation key.
        models: ['page'],
        localeField: 'locale',
        translationKeyField: 'translationKey',
        // Edited on the en-US variant only, copied to every translation.
        sharedFields: { page: ['brandColor'] }
    },
    access: {
        rules: [
            // Administrators and the content lead see and edit every locale.
            { roles: ['admin'], locales: '*' },
            { emails: ['lead@acme.com'], locales: '*' },
            // The French team: French and Canadian French only.
            { emails: ['*@acme.fr'], locales: ['fr', 'fr-CA'] },
            // The German agency, signed in through SSO.
            { sso: { department: 'agency-de' }, locales: ['de'] },
            // Translators: every locale but the default one.
            { roles: ['translator'], locales: ['fr', 'de', 'fr-CA'] }
        ],
        // Everybody else (the rest of acme.com) is global.
        default: '*'
    }
});

/** Paths of the example site (example-site/): `/<locale>/` for the home page, `/<locale>/<slug>`, `/<locale>/products/<sku>`. */
const HOME_SLUGS = ['', 'home', 'index'];

function plainValue(document: DocumentWithSource, fieldId: string): string | undefined {
    const field = document.fields[fieldId];
    return field && field.localized !== true && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
}

/** The fallback chain of a locale (excluding it), from the space's locales. */
function chainOf(locales: LocaleInfo[], code: string): string[] {
    const chain: string[] = [];
    for (let next = locales.find((l) => l.code === code)?.fallback; next && !chain.includes(next) && next !== code; next = locales.find((l) => l.code === next)?.fallback) {
        chain.push(next);
    }
    return chain;
}

/** A field-level value as a locale shows it (its own, else its fallback chain's). */
function localizedValue(document: DocumentWithSource, fieldId: string, locale: string, locales: LocaleInfo[]): string | undefined {
    const field = document.fields[fieldId];
    if (!field || field.localized !== true) return plainValue(document, fieldId);
    const resolved = resolveLocalizedValue(field, locale, chainOf(locales, locale))?.props;
    return resolved && 'value' in resolved && typeof resolved.value === 'string' ? resolved.value : undefined;
}

function isOurs(document: DocumentWithSource): boolean {
    return document.srcType === contentful.getContentSourceType() && document.srcProjectId === contentful.getProjectId();
}

export default defineStackbitConfig({
    stackbitVersion: '~0.7.0',
    nodeVersion: '20',
    // The adapter is an ES module with ES-only dependencies (p-limit): bundle this file as ESM.
    useESM: true,
    contentSources: [contentful],
    // `page` is a page model; the copy / localize / unlocalize actions sit on pages and products.
    modelExtensions: [
        { name: 'page', type: 'page', urlPath: '/{locale}/{slug}', actions: localizationActions({ source: contentful }) },
        { name: 'product', type: 'data', actions: localizationActions({ source: contentful }) },
        { name: 'siteConfig', type: 'data', singleInstance: true }
    ],
    // The same actions in the toolbar, on the page open in the editor.
    actions: localizationPageActions({ source: contentful, only: ['copy-current-locale', 'copy-all-locales'] }),
    // Locale access in the editor's lists (canView hides other locales' pages from restricted users);
    // every write is checked again by the adapter.
    ...contentful.permissionHelpers(),
    /**
     * One entry per page variant (its own locale, URL and title) and one per product and enabled
     * locale (the engine would label every locale of a field-level document with the default-locale
     * title, so each entry gets its locale's own label).
     */
    sitemap: ({ documents, getDocuments }): SiteMapEntry[] => {
        const locales = contentful.getLocales();
        const enabled = locales.filter((locale) => locale.enabled);
        const defaultLocale = locales.find((locale) => locale.default)?.code;
        // The home group is the one whose default-locale variant has a home slug ("accueil" in fr is still home).
        const homeKeys = new Set(
            getDocuments({ srcType: contentful.getContentSourceType(), srcProjectId: contentful.getProjectId() })
                .filter((d) => d.modelName === 'page' && d.locale === defaultLocale && HOME_SLUGS.includes(plainValue(d, 'slug') ?? ''))
                .map((d) => plainValue(d, 'translationKey'))
        );
        const entries: SiteMapEntry[] = [];
        for (const document of documents.filter(isOurs)) {
            const reference = { srcType: document.srcType, srcProjectId: document.srcProjectId, modelName: document.modelName, id: document.id };
            if (document.modelName === 'page' && document.locale) {
                const isHomePage = homeKeys.has(plainValue(document, 'translationKey'));
                const slug = plainValue(document, 'slug') ?? document.id;
                entries.push({
                    document: reference,
                    stableId: document.id,
                    locale: document.locale,
                    urlPath: isHomePage ? `/${document.locale}/` : `/${document.locale}/${encodeURIComponent(slug)}`,
                    label: plainValue(document, 'title') ?? slug,
                    isHomePage
                });
            } else if (document.modelName === 'product') {
                const sku = plainValue(document, 'sku') ?? document.id;
                for (const { code } of enabled) {
                    entries.push({
                        document: reference,
                        stableId: `${document.id}:${code}`,
                        locale: code,
                        urlPath: `/${code}/products/${encodeURIComponent(sku)}`,
                        label: localizedValue(document, 'name', code, locales) ?? sku
                    });
                }
            }
        }
        return entries;
    }
});
