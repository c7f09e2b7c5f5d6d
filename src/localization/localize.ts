/**
 * Localize (break inheritance) and unlocalize (revert to inheritance) as plans: pure functions
 * that say what to write; the adapter performs the writes.
 *
 * Field-level plans work on raw Contentful `fields` (field → locale → value). A locale "has a
 * value" when its key is present and not null, as in Contentful.
 */
import _ from 'lodash';
import type { LocalizedFields } from '../contentful/types.js';
import { LocalizationError } from '../errors.js';
import { resolveVariant } from './inheritance.js';

/** Input of {@link localizeFields}. */
export interface LocalizeFieldsInput {
    /** The entry's raw `fields`. Not mutated. */
    fields: LocalizedFields;
    /** The locale to localize. */
    locale: string;
    /** Its fallback chain, excluding itself. */
    chain: readonly string[];
    /** The model's localized fields (Contentful `localized: true`). */
    localizedFieldIds: readonly string[];
    /** Localize only these fields (default: every localized field). */
    only?: readonly string[];
    /** For error messages. */
    documentId?: string;
}

/** A field value copied into the localized locale. */
export interface CopiedField {
    fieldId: string;
    /** The chain locale it was copied from. */
    from: string;
}

/**
 * Field-level localize: copies the value each localized field inherits (nearest chain locale with
 * a value) into `locale`, for the fields where `locale` has no own value. Own values are never
 * overwritten; fields nothing in the chain has stay empty. Returns new `fields` and what was copied.
 *
 * @throws {LocalizationError} when `only` names a field that is not localized.
 */
export function localizeFields(input: LocalizeFieldsInput): { fields: LocalizedFields; copied: CopiedField[] } {
    const targets = targetFields(input.localizedFieldIds, input.only, 'localize', input.locale, input.documentId);
    const fields: LocalizedFields = { ...input.fields };
    const copied: CopiedField[] = [];
    for (const fieldId of targets) {
        const perLocale = input.fields[fieldId] ?? {};
        if (hasValue(perLocale, input.locale)) {
            continue;
        }
        const from = input.chain.find((candidate) => hasValue(perLocale, candidate));
        if (from === undefined) {
            continue;
        }
        // A deep copy: the localized value must not share objects (rich text, arrays of links) with its source.
        fields[fieldId] = { ...perLocale, [input.locale]: _.cloneDeep(perLocale[from]) };
        copied.push({ fieldId, from });
    }
    return { fields, copied };
}

/** Input of {@link unlocalizeFields}. */
export interface UnlocalizeFieldsInput {
    fields: LocalizedFields;
    locale: string;
    localizedFieldIds: readonly string[];
    only?: readonly string[];
    defaultLocale: string;
    documentId?: string;
}

/**
 * Field-level unlocalize: removes the locale's own values of the localized fields (all, or the
 * `only` ones), so it inherits from its fallback chain again. Other locales and non-localized
 * fields are untouched. A field left without any value is removed.
 *
 * @throws {LocalizationError} for the default locale (every chain ends there) or a non-localized field in `only`.
 */
export function unlocalizeFields(input: UnlocalizeFieldsInput): { fields: LocalizedFields; removed: string[] } {
    if (input.locale === input.defaultLocale) {
        throw new LocalizationError(
            `Cannot unlocalize ${describeDocument(input.documentId)} in "${input.locale}": it is the default locale, whose values every other locale falls back to. Edit or clear the fields instead.`
        );
    }
    const targets = targetFields(input.localizedFieldIds, input.only, 'unlocalize', input.locale, input.documentId);
    const fields: LocalizedFields = { ...input.fields };
    const removed: string[] = [];
    for (const fieldId of targets) {
        const perLocale = input.fields[fieldId];
        if (!perLocale || !(input.locale in perLocale)) {
            continue;
        }
        const rest = _.omit(perLocale, input.locale);
        if (_.isEmpty(rest)) {
            delete fields[fieldId];
        } else {
            fields[fieldId] = rest;
        }
        removed.push(fieldId);
    }
    return { fields, removed };
}

/** Input of {@link planLocalizeVariant}. */
export interface PlanLocalizeVariantInput {
    /** The translation group: locale → document id. */
    variants: Readonly<Record<string, string>>;
    locale: string;
    /** Its fallback chain, excluding itself. */
    chain: readonly string[];
    /** The enabled locales. */
    enabled: readonly string[];
    /** The document the user acted on, for error messages. */
    documentId?: string;
}

/**
 * Object-level localize: which variant to copy to create the locale's variant (the one the locale
 * inherits from).
 *
 * @throws {LocalizationError} when the locale is not enabled, is already localized, or has nothing to copy from.
 */
export function planLocalizeVariant(input: PlanLocalizeVariantInput): { sourceDocumentId: string; from: string } {
    const what = describeDocument(input.documentId);
    if (!input.enabled.includes(input.locale)) {
        throw new LocalizationError(`Cannot localize ${what} into "${input.locale}": it is not an enabled locale (${quoteAll(input.enabled)}).`);
    }
    const own = input.variants[input.locale];
    if (own !== undefined) {
        throw new LocalizationError(`Cannot localize ${what} into "${input.locale}": it is already localized (variant document "${own}").`);
    }
    const resolved = resolveVariant(input.variants, input.locale, input.chain);
    if (!resolved) {
        const chain = input.chain.length > 0 ? `its fallback chain (${quoteAll(input.chain)}) has` : 'it has no fallback locale and there is';
        throw new LocalizationError(
            `Cannot localize ${what} into "${input.locale}": ${chain} no variant to copy from (variants: ${quoteAll(Object.keys(input.variants)) || 'none'}). Create the "${input.locale}" version instead.`
        );
    }
    return { sourceDocumentId: resolved.documentId, from: resolved.from };
}

/** Input of {@link planUnlocalizeVariant}. */
export interface PlanUnlocalizeVariantInput {
    variants: Readonly<Record<string, string>>;
    locale: string;
    defaultLocale: string;
    documentId?: string;
}

/**
 * Object-level unlocalize: the variant to delete so the locale inherits again.
 *
 * @throws {LocalizationError} for the default-locale variant (the master) or a locale without a variant.
 */
export function planUnlocalizeVariant(input: PlanUnlocalizeVariantInput): { documentId: string } {
    const documentId = input.variants[input.locale];
    if (input.locale === input.defaultLocale) {
        throw new LocalizationError(
            `Cannot unlocalize ${describeDocument(documentId ?? input.documentId)} in "${input.locale}": the default-locale variant is the master of its translation group that other locales fall back to. Delete the document instead.`
        );
    }
    if (documentId === undefined) {
        throw new LocalizationError(
            `Cannot unlocalize ${describeDocument(input.documentId)} in "${input.locale}": it has no "${input.locale}" variant (variants: ${quoteAll(Object.keys(input.variants)) || 'none'}); it already inherits.`
        );
    }
    return { documentId };
}

/** Input of {@link variantFieldsFromSource}. */
export interface VariantFieldsInput {
    /** Raw `fields` of the variant being copied. Not mutated. */
    sourceFields: LocalizedFields;
    /** Locale of the new variant. */
    locale: string;
    localeField: string;
    translationKeyField: string;
    /** The group's translation key (the source's). */
    translationKey: string;
    defaultLocale: string;
}

/**
 * The `fields` of a new variant copied from another: the same values (deep-copied), the locale
 * field set to the new locale and the translation key set to the group's key. Both are written
 * under the default locale, where Contentful keeps non-localized values.
 *
 * @throws {LocalizationError} for an empty translation key or locale.
 */
export function variantFieldsFromSource(input: VariantFieldsInput): LocalizedFields {
    if (input.translationKey.trim() === '') {
        throw new LocalizationError(`Cannot create the "${input.locale}" variant: the translation key (field "${input.translationKeyField}") is empty.`);
    }
    if (input.locale.trim() === '') {
        throw new LocalizationError(`Cannot create a variant without a locale (field "${input.localeField}").`);
    }
    return {
        ..._.cloneDeep(input.sourceFields),
        [input.localeField]: { [input.defaultLocale]: input.locale },
        [input.translationKeyField]: { [input.defaultLocale]: input.translationKey }
    };
}

/** A content-type field as far as {@link uniqueValuesForVariant} needs it. */
export interface VariantContentTypeField {
    id: string;
    type: string;
    validations?: { unique?: boolean; size?: { max?: number } }[];
}

const SYMBOL_MAX_LENGTH = 256;

/**
 * A new variant's values of `unique` fields (a slug, a SKU) get the locale as a suffix
 * (`a-propos` → `a-propos-fr-ca`): Contentful refuses to publish two entries with the same value
 * of a unique field, so an exact copy of the fallback variant could never be published. Values
 * are shortened when the field's length limit requires it. Returns new fields; the input is not mutated.
 */
export function uniqueValuesForVariant(fields: LocalizedFields, contentTypeFields: readonly VariantContentTypeField[], locale: string): LocalizedFields {
    const suffix = `-${locale.toLowerCase()}`;
    const result: LocalizedFields = { ...fields };
    for (const field of contentTypeFields) {
        const validations = field.validations ?? [];
        const values = fields[field.id];
        if (!values || !validations.some((validation) => validation.unique === true)) continue;
        const sizeMax = validations.map((validation) => validation.size?.max).find((max): max is number => typeof max === 'number');
        const max = field.type === 'Symbol' ? Math.min(sizeMax ?? SYMBOL_MAX_LENGTH, SYMBOL_MAX_LENGTH) : sizeMax;
        result[field.id] = _.mapValues(values, (value) => {
            if (typeof value !== 'string' || value === '') return value;
            const base = max !== undefined && value.length + suffix.length > max ? value.slice(0, Math.max(0, max - suffix.length)) : value;
            return `${base}${suffix}`;
        });
    }
    return result;
}

function targetFields(localizedFieldIds: readonly string[], only: readonly string[] | undefined, action: string, locale: string, documentId: string | undefined): readonly string[] {
    if (only === undefined) {
        return localizedFieldIds;
    }
    const notLocalized = only.filter((fieldId) => !localizedFieldIds.includes(fieldId));
    if (notLocalized.length > 0) {
        const fieldList = notLocalized.map((f) => `"${f}"`).join(', ');
        throw new LocalizationError(
            `Cannot ${action} ${fieldList} of ${describeDocument(documentId)} in "${locale}": ${notLocalized.length > 1 ? 'these fields are' : 'the field is'} not localized (localized fields: ${quoteAll(localizedFieldIds) || 'none'}).`
        );
    }
    return only;
}

function hasValue(perLocale: Record<string, unknown>, locale: string): boolean {
    const value = perLocale[locale];
    return value !== undefined && value !== null;
}

function describeDocument(documentId: string | undefined): string {
    return documentId ? `document "${documentId}"` : 'the document';
}

function quoteAll(codes: readonly string[]): string {
    return codes.map((code) => `"${code}"`).join(', ');
}
