/**
 * The site's page index (pure): object-level page variants grouped into translation groups, the URL of
 * a group in each locale, and which variant a URL shows.
 *
 * URL scheme: `/<locale>/` is the home group, `/<locale>/<slug>` any other group, where `<slug>` is the
 * slug of the variant that locale shows — its own variant, or its nearest fallback's when it has none
 * (`/de/about` shows the English about page; `/fr-CA/a-propos` the French one). Every locale therefore
 * has a URL for every group, and a visitor never lands on a blank page.
 */
import { createLocaleSet, findLocale, pickVariant, type LocaleSet, type SiteLocale } from './locales.js';
import type { PageSummary } from './content.js';

/** Slugs that mark a page as the home page of its locale. */
export const DEFAULT_HOME_SLUGS: readonly string[] = ['', 'home', 'index'];

export interface SiteIndex {
    locales: LocaleSet;
    /** Translation key → variants (one per locale). */
    groups: Map<string, PageSummary[]>;
    /** The translation key of the home page group, when the space has one. */
    homeKey: string | undefined;
}

/** What a page URL resolves to. */
export interface ResolvedPage {
    /** The translation group. */
    groupKey: string;
    /** The variant shown (the locale's own, or its nearest fallback's). */
    variant: PageSummary;
    /** The path this group has in the requested locale; differs from the request when it should redirect. */
    canonicalPath: string;
}

/** Groups page variants by translation key and finds the home group. */
export function buildSiteIndex(locales: SiteLocale[], pages: PageSummary[], homeSlugs: readonly string[] = DEFAULT_HOME_SLUGS): SiteIndex {
    const groups = new Map<string, PageSummary[]>();
    for (const page of pages) {
        const group = groups.get(page.translationKey) ?? [];
        group.push(page);
        groups.set(page.translationKey, group);
    }
    const localeSet = createLocaleSet(locales);
    // The default locale's home variant decides, so a translated slug ("accueil") cannot make another group home.
    const homeCandidates = pages.filter((page) => homeSlugs.includes(page.slug.toLowerCase()));
    const home = homeCandidates.find((page) => page.locale === localeSet.defaultLocale.code) ?? homeCandidates[0];
    return { locales: localeSet, groups, homeKey: home?.translationKey };
}

/** The variant of a group shown in `locale`. */
export function variantFor(index: SiteIndex, groupKey: string, locale: string): PageSummary | undefined {
    return pickVariant(index.locales, index.groups.get(groupKey) ?? [], locale);
}

/** The path of a group in a locale (`/fr/`, `/fr/a-propos`, `/de/about`). */
export function pagePath(index: SiteIndex, groupKey: string, locale: string): string {
    if (groupKey === index.homeKey) {
        return `/${locale}/`;
    }
    const variant = variantFor(index, groupKey, locale);
    return `/${locale}/${encodeURIComponent(variant?.slug ?? '')}`;
}

/** The path of a field-level product page in a locale. */
export function productPath(locale: string, sku: string): string {
    return `/${locale}/products/${encodeURIComponent(sku)}`;
}

/** Whether a group has a variant of its own in `locale` (not a fallback). */
export function hasOwnVariant(index: SiteIndex, groupKey: string, locale: string): boolean {
    return (index.groups.get(groupKey) ?? []).some((variant) => variant.locale === locale);
}

/**
 * Resolves `/<locale>/<slug>` (an empty slug is the home page). A slug may belong to a variant of any
 * locale (a visitor following `/fr/about` reaches the French about page at its own slug).
 */
export function resolvePage(index: SiteIndex, locale: SiteLocale, slug: string): ResolvedPage | undefined {
    const normalizedSlug = slug.replace(/^\/+|\/+$/g, '');
    const groupKey = normalizedSlug === '' ? index.homeKey : groupOfSlug(index, locale, normalizedSlug);
    if (groupKey === undefined) {
        return undefined;
    }
    const variant = variantFor(index, groupKey, locale.code);
    if (!variant) {
        return undefined;
    }
    return { groupKey, variant, canonicalPath: pagePath(index, groupKey, locale.code) };
}

function groupOfSlug(index: SiteIndex, locale: SiteLocale, slug: string): string | undefined {
    const matches = [...index.groups.values()].flat().filter((page) => page.slug === slug);
    // Two groups may share a slug across languages; the one the visitor's locale would show wins.
    return (pickVariant(index.locales, matches, locale.code) ?? matches[0])?.translationKey;
}

/** Splits a request path into its locale segment and the rest; undefined when the locale is unknown. */
export function splitLocalePath(index: SiteIndex, pathname: string): { locale: SiteLocale; rest: string } | undefined {
    const [, first = '', ...rest] = pathname.split('/');
    const locale = findLocale(index.locales, decodeURIComponent(first));
    return locale ? { locale, rest: rest.map((segment) => decodeURIComponent(segment)).join('/') } : undefined;
}
