/**
 * Object-level localization: which locale each entry of an object-level content type belongs to.
 * Pure; remembers only which documents it has already reported, so each problem is reported once.
 */
import type { DocumentField } from '@stackbit/types';
import type { EntryProps } from 'contentful-management';
import type { LocalizedFields } from '../contentful/types.js';
import type { Diagnostic, LocaleContext } from './types.js';

/** Configuration of {@link createLocaleAssigner}. */
export interface LocaleAssignerConfig {
    /** Object-level content type ids (`objectLevel.models`). */
    models: readonly string[];
    /** The non-localized Symbol field holding the locale (`objectLevel.localeField`). */
    localeField: string;
    /** `objectLevel.getDocumentLocale`: reads the locale from the raw entry instead of `localeField`. */
    getDocumentLocale?: (entry: EntryProps) => string | undefined;
    locales: LocaleContext;
    /**
     * Called once when a document gets a new problem (for the adapter's log). The same problem on
     * the same document is not reported again when the document is assigned again.
     */
    onDiagnostic?: (diagnostic: Diagnostic) => void;
}

/** Assigns locales to object-level entries; see {@link createLocaleAssigner}. */
export interface LocaleAssigner {
    /**
     * The locale of an object-level entry, or `undefined` when its content type is not
     * object-level. A missing or non-enabled locale yields the default locale (and a diagnostic).
     */
    assign(entry: EntryProps): string | undefined;
    /** Whether entries of this content type are localized per object. */
    isObjectLevel(contentTypeId: string): boolean;
    /** The current problems, one per document at most. */
    diagnostics(): Diagnostic[];
    /** Drops what is known about a deleted document, so its diagnostic disappears. */
    forget(documentId: string): void;
}

/**
 * Creates the object-level locale assigner. The locale comes from `getDocumentLocale(entry)` when
 * given, else from `fields[localeField]` under the default locale (or, when the field was
 * mistakenly made localized, under any locale). A document is never dropped: a missing, invalid or
 * non-enabled locale becomes the default locale and is reported once per document.
 */
export function createLocaleAssigner(config: LocaleAssignerConfig): LocaleAssigner {
    const objectLevelModels = new Set(config.models);
    const enabled = new Set(config.locales.enabled);
    const defaultLocale = config.locales.defaultLocale;
    const problems = new Map<string, Diagnostic>();

    function report(documentId: string, diagnostic: Diagnostic | undefined): void {
        if (!diagnostic) {
            problems.delete(documentId);
            return;
        }
        const previous = problems.get(documentId);
        if (previous && previous.kind === diagnostic.kind && previous.locale === diagnostic.locale && previous.message === diagnostic.message) {
            return;
        }
        problems.set(documentId, diagnostic);
        config.onDiagnostic?.(diagnostic);
    }

    const source = config.getDocumentLocale ? 'objectLevel.getDocumentLocale' : `field "${config.localeField}"`;
    const describeEntry = (documentId: string, contentTypeId: string) => `document "${documentId}" (content type "${contentTypeId}")`;
    /** Thrown by getDocumentLocale: reported as a problem of the document. */
    const threw = Symbol('getDocumentLocale threw');
    let thrownReason = '';

    /** The raw locale value (`threw` when getDocumentLocale threw). Runs for every object-level entry: no allocation. */
    function readLocale(entry: EntryProps): unknown {
        if (!config.getDocumentLocale) {
            return readNonLocalizedValue(entry.fields as LocalizedFields | undefined, config.localeField, defaultLocale);
        }
        try {
            return config.getDocumentLocale(entry);
        } catch (error) {
            thrownReason = error instanceof Error ? error.message : String(error);
            return threw;
        }
    }

    return {
        assign(entry) {
            const contentTypeId = entry.sys?.contentType?.sys?.id;
            if (contentTypeId === undefined || !objectLevelModels.has(contentTypeId)) {
                return undefined;
            }
            const documentId = entry.sys.id;
            const value = readLocale(entry);
            if (value === threw) {
                report(documentId, {
                    kind: 'locale-missing',
                    documentId,
                    message: `objectLevel.getDocumentLocale threw for ${describeEntry(documentId, contentTypeId)}: ${thrownReason}. The document is shown in the default locale "${defaultLocale}".`
                });
                return defaultLocale;
            }
            const locale = typeof value === 'string' ? value.trim() : undefined;
            if (!locale) {
                report(documentId, {
                    kind: 'locale-missing',
                    documentId,
                    field: config.getDocumentLocale ? undefined : config.localeField,
                    message:
                        `${capitalize(describeEntry(documentId, contentTypeId))} has no locale in ${source}${value === undefined || value === null || value === '' ? '' : ` (got ${JSON.stringify(value)})`}; ` +
                        `it is shown in the default locale "${defaultLocale}". Set it to one of: ${quoteAll(config.locales.enabled)}.`
                });
                return defaultLocale;
            }
            if (!enabled.has(locale)) {
                const inSpace = config.locales.locales.some((info) => info.code === locale);
                const hint = inSpace
                    ? `"${locale}" is a locale of the space but not enabled for this project: add it to the \`locales\` option.`
                    : `Enabled locales: ${quoteAll(config.locales.enabled)}.`;
                report(documentId, {
                    kind: 'locale-not-enabled',
                    documentId,
                    locale,
                    field: config.getDocumentLocale ? undefined : config.localeField,
                    message: `${capitalize(describeEntry(documentId, contentTypeId))} has locale "${locale}" in ${source}, which is not an enabled locale; it is shown in the default locale "${defaultLocale}". ${hint}`
                });
                return defaultLocale;
            }
            report(documentId, undefined);
            return locale;
        },
        isObjectLevel(contentTypeId) {
            return objectLevelModels.has(contentTypeId);
        },
        diagnostics() {
            return [...problems.values()];
        },
        forget(documentId) {
            problems.delete(documentId);
        }
    };
}

/**
 * The value of a non-localized field of raw CMA `fields`: the default-locale value, or when there
 * is none (the field was localized by mistake, or the data predates a default-locale change) the
 * first non-null value under any locale. `undefined` when the field has no value.
 */
export function readNonLocalizedValue(fields: LocalizedFields | undefined, fieldId: string, defaultLocale: string): unknown {
    const perLocale = fields?.[fieldId];
    if (typeof perLocale !== 'object' || perLocale === null) {
        return undefined;
    }
    const atDefault = perLocale[defaultLocale];
    if (atDefault !== undefined && atDefault !== null) {
        return atDefault;
    }
    return Object.values(perLocale).find((value) => value !== undefined && value !== null);
}

/**
 * The string value of a Stackbit document field meant to be non-localized (a locale field, a
 * translation key): the plain `value`, or when the field was localized by mistake the default
 * locale's value or any locale's. Trimmed; `undefined` when blank or not a string.
 */
export function readDocumentStringValue(field: DocumentField | undefined, defaultLocale?: string): string | undefined {
    if (!field) {
        return undefined;
    }
    let value: unknown;
    if (field.localized === true) {
        const locales: Record<string, object> = field.locales;
        const preferred = defaultLocale ? valueOf(locales[defaultLocale]) : undefined;
        value = isNonBlankString(preferred) ? preferred : Object.values(locales).map(valueOf).find(isNonBlankString);
    } else if ('value' in field) {
        value = field.value;
    }
    return isNonBlankString(value) ? value.trim() : undefined;
}

function valueOf(props: object | undefined): unknown {
    return props && 'value' in props ? props.value : undefined;
}

function isNonBlankString(value: unknown): value is string {
    return typeof value === 'string' && value.trim() !== '';
}

function quoteAll(codes: readonly string[]): string {
    return codes.map((code) => `"${code}"`).join(', ');
}

function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
