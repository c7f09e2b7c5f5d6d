/**
 * Locale rules of the example site (pure): fallback chains from the space's locales, and which variant
 * of a translation group a locale shows.
 */

/** A locale as the Content Delivery/Preview API lists it. */
export interface SiteLocale {
    code: string;
    name: string;
    default: boolean;
    fallbackCode: string | null;
}

/** The locale list a page is rendered with: every locale, the default one, and each chain. */
export interface LocaleSet {
    locales: SiteLocale[];
    defaultLocale: SiteLocale;
}

/**
 * Builds the locale set. The space always has one default locale; when the API reports none (a broken
 * proxy), the first locale stands in rather than failing every page.
 */
export function createLocaleSet(locales: SiteLocale[]): LocaleSet {
    if (locales.length === 0) {
        throw new Error('The space has no locales: the example site cannot render any page');
    }
    const defaultLocale = locales.find((locale) => locale.default) ?? locales[0]!;
    return { locales, defaultLocale };
}

/** Finds a locale by code, ignoring case (URLs are typed by people: `/FR-ca/` is `/fr-CA/`). */
export function findLocale(set: LocaleSet, code: string): SiteLocale | undefined {
    const wanted = code.toLowerCase();
    return set.locales.find((locale) => locale.code.toLowerCase() === wanted);
}

/**
 * The chain Contentful follows for `code`: the locale itself, then each `fallbackCode`. A cycle or a
 * code the space does not have ends the chain (Contentful stops there too).
 */
export function fallbackChain(set: LocaleSet, code: string): string[] {
    const chain: string[] = [];
    let current: SiteLocale | undefined = findLocale(set, code);
    while (current && !chain.includes(current.code)) {
        chain.push(current.code);
        current = current.fallbackCode ? findLocale(set, current.fallbackCode) : undefined;
    }
    return chain;
}

/**
 * Which variant of a translation group a visitor of `locale` sees: its own, else the nearest locale of
 * its fallback chain, else the default locale's, else any — a page never renders blank while the group
 * has a variant.
 */
export function pickVariant<T extends { locale: string }>(set: LocaleSet, variants: readonly T[], locale: string): T | undefined {
    const preference = [...fallbackChain(set, locale), set.defaultLocale.code];
    for (const code of preference) {
        const variant = variants.find((candidate) => candidate.locale === code);
        if (variant) {
            return variant;
        }
    }
    return variants[0];
}

/**
 * A locale's name for people: in `inLocale`'s language (`fr-CA` read by a French visitor is
 * "français canadien"), from the runtime's Unicode data; the space's own name when the runtime has none.
 * `capitalize` for a label that starts a line (the language switcher).
 */
export function displayName(code: string, inLocale: string, fallbackName: string, options: { capitalize?: boolean } = {}): string {
    try {
        const name = new Intl.DisplayNames([inLocale], { type: 'language', fallback: 'none' }).of(code);
        if (!name) {
            return fallbackName;
        }
        // Language names are lower case inside French sentences, capitalised as a menu label.
        return options.capitalize ? name.charAt(0).toLocaleUpperCase(inLocale) + name.slice(1) : name;
    } catch {
        return fallbackName;
    }
}
