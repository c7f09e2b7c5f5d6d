/**
 * Inheritance along fallback chains: which value (field-level) or which variant (object-level) a
 * locale shows, and the per-locale localization status of a document. Pure.
 *
 * A value "exists" for a locale when its key is present and not null, as in Contentful: an empty
 * string is a value and stops the fallback (which is why writers unset keys instead).
 */
import type { Document, DocumentField, DocumentFieldLocalized, DocumentFieldNonLocalized } from '@stackbit/types';
import type { LocaleStatus } from '../contentful/types.js';
import { fallbackChain } from './locales.js';
import type { LocaleContext, ModelLocalization } from './types.js';

/** The per-locale props of a localized field (`{ locale, value }`, `{ locale, refId }`, …). */
export type LocalizedFieldProps = DocumentFieldLocalized['locales'][string];

/** Where a locale's value of one field comes from. */
export interface ResolvedLocalizedValue {
    props: LocalizedFieldProps;
    /** The locale that holds the value: the asked locale itself, or one of its chain. */
    from: string;
}

/**
 * The value a locale shows for a localized field: its own, else the nearest locale of its
 * fallback chain that has one. `undefined` when none has.
 *
 * @param chain the locale's fallback chain, excluding the locale (see `fallbackChain`).
 */
export function resolveLocalizedValue(field: DocumentFieldLocalized, locale: string, chain: readonly string[]): ResolvedLocalizedValue | undefined {
    // Runs per field, locale and document (hundreds of thousands of times on a large space): no array per call.
    const own = field.locales[locale];
    if (hasValue(own)) {
        return { props: own, from: locale };
    }
    for (const candidate of chain) {
        const props = field.locales[candidate];
        if (hasValue(props)) {
            return { props, from: candidate };
        }
    }
    return undefined;
}

/** A document's fields as one locale shows them (see {@link resolveDocumentFields}). */
export interface ResolvedDocumentFields {
    /** Field → the field in non-localized shape, with the resolved value. Fields without any value are left out. */
    fields: Record<string, DocumentFieldNonLocalized>;
    /** Field → the locale its value comes from (the default locale for non-localized fields). */
    from: Record<string, string>;
}

/**
 * The fields of a field-level document as `locale` shows them, fallback applied: what the site
 * renders for that locale. Non-localized fields are the same in every locale.
 */
export function resolveDocumentFields(document: Document, locale: string, context: LocaleContext): ResolvedDocumentFields {
    const chain = fallbackChain(context, locale);
    const result: ResolvedDocumentFields = { fields: {}, from: {} };
    for (const fieldId in document.fields) {
        const field = document.fields[fieldId]!;
        if (field.localized !== true) {
            result.fields[fieldId] = field;
            result.from[fieldId] = context.defaultLocale;
            continue;
        }
        const resolved = resolveLocalizedValue(field, locale, chain);
        if (resolved) {
            result.fields[fieldId] = flattenLocalizedField(field, resolved.props);
            result.from[fieldId] = resolved.from;
        }
    }
    return result;
}

/** Which variant a locale shows in an object-level translation group. */
export interface ResolvedVariant {
    documentId: string;
    /** The locale of that variant: the asked locale itself, or one of its chain. */
    from: string;
}

/**
 * The variant a locale shows: its own, else the variant of the nearest locale of its fallback
 * chain. `undefined` when no locale of the chain has a variant.
 */
export function resolveVariant(variants: Readonly<Record<string, string>>, locale: string, chain: readonly string[]): ResolvedVariant | undefined {
    const own = variants[locale];
    if (own !== undefined) {
        return { documentId: own, from: locale };
    }
    for (const candidate of chain) {
        const documentId = variants[candidate];
        if (documentId !== undefined) {
            return { documentId, from: candidate };
        }
    }
    return undefined;
}

/** How a locale relates to a document. */
export type LocalizationState = 'localized' | 'inherited' | 'missing';

/** Whether a locale has its own value of a localized field. */
export type FieldLocalizationState = 'own' | 'inherited' | 'missing';

/** The localization status of a document in one enabled locale. */
export interface LocaleLocalizationStatus {
    locale: string;
    state: LocalizationState;
    /** For `inherited`: the locale the content comes from. */
    from?: string;
    /** Contentful's per-locale publishing status, when the caller passed `fieldStatus`. */
    publishing?: LocaleStatus;
    /** Field-level documents: the state of every localized field in this locale. */
    fields?: Record<string, FieldLocalizationState>;
}

/** Input of {@link localizationStatus}. */
export interface LocalizationStatusInput {
    document: Document;
    model: ModelLocalization;
    locales: LocaleContext;
    /** Object-level: the document's translation group (locale → document id). Default: the document alone. */
    variants?: Readonly<Record<string, string>>;
    /**
     * Per-locale publishing status: `sys.fieldStatus['*']` of a field-level entry, or for an
     * object-level group each variant's status keyed by its locale.
     */
    fieldStatus?: Readonly<Record<string, LocaleStatus>>;
}

/**
 * The localization status of a document in every enabled locale (default first).
 *
 * Field-level: `localized` when the locale has its own value in at least one localized field;
 * `inherited` (from the nearest chain locale with values) when it has none; `missing` otherwise.
 * The default locale is `localized` whenever the document has any value. Non-localized values are
 * delivered in every locale, so for a model without localized fields the other locales inherit
 * from the default locale.
 *
 * Object-level: `localized` when the group has a variant in the locale; `inherited` from the
 * nearest chain locale with a variant; `missing` otherwise.
 */
export function localizationStatus(input: LocalizationStatusInput): LocaleLocalizationStatus[] {
    const { document, model, locales } = input;
    const statuses = model.objectLevel ? objectLevelStatus(input) : fieldLevelStatus(document, model, locales);
    if (!input.fieldStatus) {
        return statuses;
    }
    const fieldStatus = input.fieldStatus;
    return statuses.map((status) => (fieldStatus[status.locale] === undefined ? status : { ...status, publishing: fieldStatus[status.locale] }));
}

function objectLevelStatus(input: LocalizationStatusInput): LocaleLocalizationStatus[] {
    const variants = input.variants ?? (input.document.locale ? { [input.document.locale]: input.document.id } : {});
    return input.locales.enabled.map((locale) => {
        const resolved = resolveVariant(variants, locale, fallbackChain(input.locales, locale));
        if (!resolved) {
            return { locale, state: 'missing' };
        }
        return resolved.from === locale ? { locale, state: 'localized' } : { locale, state: 'inherited', from: resolved.from };
    });
}

function fieldLevelStatus(document: Document, model: ModelLocalization, locales: LocaleContext): LocaleLocalizationStatus[] {
    const localizedFieldSet = new Set(model.localizedFields);
    // Locales holding a value, per localized field: computed once, then every locale reads it.
    const valueLocales = model.localizedFields.map((fieldId) => ({ fieldId, locales: localesWithValue(document.fields[fieldId], locales.defaultLocale) }));
    const hasSharedValue = Object.entries(document.fields).some(([fieldId, field]) => !localizedFieldSet.has(fieldId) && fieldHasAnyValue(field));
    const localeHasValues = (locale: string) => valueLocales.some((entry) => entry.locales.has(locale));

    return locales.enabled.map((locale): LocaleLocalizationStatus => {
        const chain = fallbackChain(locales, locale);
        const fields: Record<string, FieldLocalizationState> = {};
        for (const entry of valueLocales) {
            fields[entry.fieldId] = entry.locales.has(locale) ? 'own' : chain.some((c) => entry.locales.has(c)) ? 'inherited' : 'missing';
        }
        const isDefault = locale === locales.defaultLocale;
        if (localeHasValues(locale) || (isDefault && hasSharedValue)) {
            return { locale, state: 'localized', fields };
        }
        const from = chain.find(localeHasValues);
        if (from !== undefined) {
            return { locale, state: 'inherited', from, fields };
        }
        if (model.localizedFields.length === 0 && hasSharedValue) {
            return { locale, state: 'inherited', from: locales.defaultLocale, fields };
        }
        return { locale, state: 'missing', fields };
    });
}

/** Locales in which a field has a value; a field in non-localized shape counts for the default locale. */
function localesWithValue(field: DocumentField | undefined, defaultLocale: string): Set<string> {
    if (!field) {
        return new Set();
    }
    if (field.localized === true) {
        const locales: Record<string, object> = field.locales;
        return new Set(Object.keys(locales).filter((locale) => hasValue(locales[locale])));
    }
    return fieldHasAnyValue(field) ? new Set([defaultLocale]) : new Set();
}

function fieldHasAnyValue(field: DocumentField): boolean {
    if (field.localized === true) {
        const locales: Record<string, object> = field.locales;
        return Object.values(locales).some(hasValue);
    }
    return hasValue(field);
}

/** Present and, when the shape carries a `value`, not null. */
function hasValue<T extends object>(props: T | undefined | null): props is T {
    if (props === undefined || props === null) {
        return false;
    }
    return !('value' in props) || (props.value !== null && props.value !== undefined);
}

/** `{ type, localized: true, locales: { fr: { locale, …props } } }` → `{ type, …props }` for one locale. */
function flattenLocalizedField(field: DocumentFieldLocalized, props: LocalizedFieldProps): DocumentFieldNonLocalized {
    // A plain copy loop: lodash omit walks inherited keys and symbols, many times slower on this hot path.
    const flat: Record<string, unknown> = {};
    for (const key in field) {
        if (key !== 'localized' && key !== 'locales') flat[key] = (field as unknown as Record<string, unknown>)[key];
    }
    for (const key in props) {
        if (key !== 'locale') flat[key] = (props as Record<string, unknown>)[key];
    }
    return flat as unknown as DocumentFieldNonLocalized;
}
