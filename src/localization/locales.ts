/**
 * Enabled locales, the default locale and fallback chains, resolved once from the space's locales
 * and the `locales` / `fallbacks` options. Pure: plain data in, a {@link LocaleContext} out.
 */
import { ConfigError } from '../errors.js';
import type { Diagnostic, LocaleContext, LocaleInfo } from './types.js';

/** Input of {@link resolveLocaleContext}. */
export interface ResolveLocaleContextInput {
    /**
     * The space's locales as the CMA returns them (`LocaleProps`). Older shapes are tolerated:
     * snake_case `fallback_code` (2016), no `fallbackCode` / `optional` (2014), and a missing
     * `contentManagementApi` (read as editable).
     */
    spaceLocales: readonly unknown[];
    /** The `locales` option: the project's enabled subset. Default: every editable locale. */
    enabled?: readonly string[];
    /** The `fallbacks` option: per-locale overrides of the space's `fallbackCode`. */
    fallbacks?: Readonly<Record<string, string | null>>;
}

/** Result of {@link resolveLocaleContext}. */
export interface ResolvedLocales {
    context: LocaleContext;
    /** Problems in the space's data that did not stop resolution (fallback cycles, dangling codes, odd locales). */
    diagnostics: Diagnostic[];
}

/** A space locale after tolerating the shapes Contentful has returned over the years. */
interface SpaceLocale {
    code: string;
    name: string;
    isDefault: boolean;
    /** `contentManagementApi !== false`. */
    editable: boolean;
    fallbackCode: string | null;
}

/**
 * Resolves the project's locales: which space locales are enabled, the default locale, and the
 * fallback chain of every locale.
 *
 * Bad configuration throws a {@link ConfigError} naming the option (`locales` or `fallbacks`).
 * Bad space data does not: a fallback cycle or a `fallbackCode` naming a missing locale is
 * reported in `diagnostics` and the chain is cut there. The one exception is a space without a
 * default locale, which nothing can work around.
 *
 * @throws {ConfigError} for an invalid `locales` or `fallbacks` option, or a space without a default locale.
 */
export function resolveLocaleContext(input: ResolveLocaleContextInput): ResolvedLocales {
    const diagnostics: Diagnostic[] = [];
    const spaceLocales = normalizeSpaceLocales(input.spaceLocales, diagnostics);
    const defaultLocale = findDefaultLocale(spaceLocales, diagnostics);
    const byCode = new Map(spaceLocales.map((locale) => [locale.code, locale]));

    const enabled = resolveEnabledLocales(input.enabled, spaceLocales, byCode, defaultLocale);
    const fallbackOf = resolveFallbackMap(spaceLocales, byCode, input.fallbacks, defaultLocale.code);
    const fallbackChains = computeFallbackChains(spaceLocales, byCode, fallbackOf, input.fallbacks ?? {}, diagnostics);

    const enabledSet = new Set(enabled);
    const ordered = [defaultLocale, ...spaceLocales.filter((locale) => locale !== defaultLocale)];
    const locales: LocaleInfo[] = ordered.map((locale) => {
        const next = fallbackOf.get(locale.code) ?? null;
        return {
            code: locale.code,
            name: locale.name,
            default: locale === defaultLocale,
            // A dangling code is not followed, so it is not exposed as the next locale either.
            fallback: next !== null && byCode.has(next) ? next : null,
            enabled: enabledSet.has(locale.code)
        };
    });

    return { context: { locales, defaultLocale: defaultLocale.code, enabled, fallbackChains }, diagnostics };
}

/**
 * The fallback chain of a locale, excluding the locale itself, e.g. `fr-CA → ['fr', 'en-US']`.
 * Follows Contentful: the chain stops at a `null` fallback and does not implicitly end in the
 * default locale. Unknown codes have an empty chain.
 */
export function fallbackChain(context: LocaleContext, code: string): string[] {
    return context.fallbackChains[code] ?? [];
}

/** Every space locale, default first, as the public `getLocales()` returns them. */
export function getLocaleInfos(context: LocaleContext): LocaleInfo[] {
    return context.locales.map((locale) => ({ ...locale }));
}

/** Whether `code` is one of the project's enabled locales. */
export function isEnabledLocale(context: LocaleContext, code: string): boolean {
    return context.enabled.includes(code);
}

function normalizeSpaceLocales(raw: readonly unknown[], diagnostics: Diagnostic[]): SpaceLocale[] {
    const result: SpaceLocale[] = [];
    const seen = new Set<string>();
    (Array.isArray(raw) ? raw : []).forEach((item, index) => {
        const locale = normalizeSpaceLocale(item);
        if (!locale) {
            diagnostics.push({ kind: 'other', message: `Space locale #${index} has no string "code"; it is ignored.` });
            return;
        }
        if (seen.has(locale.code)) {
            diagnostics.push({ kind: 'other', locale: locale.code, message: `Space locale "${locale.code}" is listed twice; the first entry is used.` });
            return;
        }
        seen.add(locale.code);
        result.push(locale);
    });
    return result;
}

function normalizeSpaceLocale(item: unknown): SpaceLocale | undefined {
    if (typeof item !== 'object' || item === null) {
        return undefined;
    }
    const record = item as Record<string, unknown>;
    const code = record['code'];
    if (typeof code !== 'string' || code === '') {
        return undefined;
    }
    // `fallbackCode` (current) wins over the 2016 snake_case `fallback_code`; the 2014 shape has neither.
    const rawFallback = record['fallbackCode'] !== undefined ? record['fallbackCode'] : record['fallback_code'];
    return {
        code,
        name: typeof record['name'] === 'string' ? record['name'] : code,
        isDefault: record['default'] === true,
        editable: record['contentManagementApi'] !== false,
        fallbackCode: typeof rawFallback === 'string' && rawFallback !== '' ? rawFallback : null
    };
}

function findDefaultLocale(spaceLocales: SpaceLocale[], diagnostics: Diagnostic[]): SpaceLocale {
    const defaults = spaceLocales.filter((locale) => locale.isDefault);
    if (defaults.length === 0) {
        const codes = spaceLocales.map((locale) => `"${locale.code}"`).join(', ') || 'none';
        throw new ConfigError(
            'locales',
            `the Contentful environment has no default locale (space locales: ${codes}); mark one locale as default in Settings → Locales.`
        );
    }
    if (defaults.length > 1) {
        diagnostics.push({
            kind: 'other',
            locale: defaults[0].code,
            message: `The space marks ${defaults.length} locales as default (${defaults.map((l) => `"${l.code}"`).join(', ')}); "${defaults[0].code}" is used.`
        });
    }
    return defaults[0];
}

function resolveEnabledLocales(
    option: readonly unknown[] | undefined,
    spaceLocales: SpaceLocale[],
    byCode: Map<string, SpaceLocale>,
    defaultLocale: SpaceLocale
): string[] {
    if (option === undefined) {
        // The default locale is always enabled: every rule needs it, even in a space that marks it non-editable.
        return [defaultLocale.code, ...spaceLocales.filter((l) => l !== defaultLocale && l.editable).map((l) => l.code)];
    }
    const spaceCodes = spaceLocales.map((locale) => `"${locale.code}"`).join(', ');
    if (!Array.isArray(option)) {
        throw new ConfigError('locales', `expected an array of locale codes, got ${describeValue(option)}. Space locales: ${spaceCodes}.`);
    }
    if (option.length === 0) {
        throw new ConfigError('locales', `the list is empty; list at least the default locale "${defaultLocale.code}", or omit the option to enable every editable locale.`);
    }
    const seen = new Set<string>();
    option.forEach((code, index) => {
        if (typeof code !== 'string') {
            throw new ConfigError('locales', `entry #${index} is ${describeValue(code)}, not a locale code. Space locales: ${spaceCodes}.`);
        }
        if (seen.has(code)) {
            throw new ConfigError('locales', `"${code}" is listed twice.`);
        }
        seen.add(code);
        const locale = byCode.get(code);
        if (!locale) {
            const sameIgnoringCase = spaceLocales.find((l) => l.code.toLowerCase() === code.toLowerCase());
            const hint = sameIgnoringCase ? ` Did you mean "${sameIgnoringCase.code}"? Locale codes are case-sensitive.` : '';
            throw new ConfigError('locales', `"${code}" is not a locale of this Contentful environment (space locales: ${spaceCodes}).${hint}`);
        }
        if (!locale.editable) {
            throw new ConfigError(
                'locales',
                `"${code}" cannot be enabled: the space does not allow editing it through the Content Management API (contentManagementApi is false).`
            );
        }
    });
    if (!seen.has(defaultLocale.code)) {
        throw new ConfigError('locales', `the list must include the space's default locale "${defaultLocale.code}" (got ${option.map((c) => `"${String(c)}"`).join(', ')}).`);
    }
    const codes = option as string[];
    return [defaultLocale.code, ...codes.filter((code) => code !== defaultLocale.code)];
}

/** The space's `fallbackCode`s with the `fallbacks` option applied; validates the option. */
function resolveFallbackMap(
    spaceLocales: SpaceLocale[],
    byCode: Map<string, SpaceLocale>,
    overrides: Readonly<Record<string, unknown>> | undefined,
    defaultCode: string
): Map<string, string | null> {
    const fallbackOf = new Map(spaceLocales.map((locale) => [locale.code, locale.fallbackCode]));
    if (overrides === undefined) {
        return fallbackOf;
    }
    const spaceCodes = spaceLocales.map((locale) => `"${locale.code}"`).join(', ');
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
        throw new ConfigError('fallbacks', `expected an object of locale code → fallback locale code (or null), got ${describeValue(overrides)}.`);
    }
    for (const [code, target] of Object.entries(overrides)) {
        if (!byCode.has(code)) {
            throw new ConfigError('fallbacks', `"${code}" is not a locale of this Contentful environment (space locales: ${spaceCodes}).`);
        }
        if (target !== null && typeof target !== 'string') {
            throw new ConfigError('fallbacks', `the fallback of "${code}" must be a locale code or null, got ${describeValue(target)}.`);
        }
        if (typeof target === 'string' && !byCode.has(target)) {
            throw new ConfigError('fallbacks', `"${code}" falls back to "${target}", which is not a locale of this Contentful environment (space locales: ${spaceCodes}).`);
        }
        if (code === defaultCode && target !== null) {
            throw new ConfigError('fallbacks', `the default locale "${code}" is where fallback chains end; it cannot fall back to "${target}".`);
        }
        fallbackOf.set(code, target);
    }
    return fallbackOf;
}

/**
 * Walks every locale's chain once. The fallback graph has one outgoing edge per locale, so cycles
 * are disjoint and each one is reported once (or thrown, when the `fallbacks` option made it).
 */
function computeFallbackChains(
    spaceLocales: SpaceLocale[],
    byCode: Map<string, SpaceLocale>,
    fallbackOf: Map<string, string | null>,
    overrides: Readonly<Record<string, unknown>>,
    diagnostics: Diagnostic[]
): Record<string, string[]> {
    const chains: Record<string, string[]> = {};
    const reportedCycles = new Set<string>();
    const reportedDangling = new Set<string>();
    for (const { code } of spaceLocales) {
        const chain: string[] = [];
        const visited = new Set([code]);
        let current = code;
        let next = fallbackOf.get(code) ?? null;
        while (next !== null) {
            if (!byCode.has(next)) {
                if (!reportedDangling.has(current)) {
                    reportedDangling.add(current);
                    diagnostics.push({
                        kind: 'fallback-dangling',
                        locale: current,
                        message: `Locale "${current}" falls back to "${next}", which is not a locale of the space; its fallback chain stops at "${current}".`
                    });
                }
                break;
            }
            if (visited.has(next)) {
                reportCycle(cycleFrom(next, fallbackOf), overrides, reportedCycles, diagnostics);
                break;
            }
            chain.push(next);
            visited.add(next);
            current = next;
            next = fallbackOf.get(next) ?? null;
        }
        chains[code] = chain;
    }
    return chains;
}

/** The cycle's members in fallback order, starting at `start` (which is on the cycle). */
function cycleFrom(start: string, fallbackOf: Map<string, string | null>): string[] {
    const members = [start];
    let next = fallbackOf.get(start) ?? null;
    while (next !== null && next !== start) {
        members.push(next);
        next = fallbackOf.get(next) ?? null;
    }
    return members;
}

function reportCycle(members: string[], overrides: Readonly<Record<string, unknown>>, reported: Set<string>, diagnostics: Diagnostic[]): void {
    const key = [...members].sort().join('\u0000');
    if (reported.has(key)) {
        return;
    }
    reported.add(key);
    const path = [...members, members[0]].map((code) => `"${code}"`).join(' → ');
    const fromOption = members.filter((code) => Object.prototype.hasOwnProperty.call(overrides, code));
    if (fromOption.length > 0) {
        throw new ConfigError('fallbacks', `the fallbacks of ${fromOption.map((c) => `"${c}"`).join(', ')} make a cycle: ${path}. End the chain with null.`);
    }
    diagnostics.push({
        kind: 'fallback-cycle',
        locale: members[0],
        message: `The space's locale fallbacks make a cycle: ${path}. Each chain stops before it repeats a locale; fix the fallbacks in Settings → Locales or override them with the \`fallbacks\` option.`
    });
}

function describeValue(value: unknown): string {
    if (value === null) {
        return 'null';
    }
    if (Array.isArray(value)) {
        return 'an array';
    }
    if (typeof value === 'object') {
        return 'an object';
    }
    return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}
