/**
 * Create plans, in one locale or several at once (SPEC §6 "Create"), pure. Every locale's
 * required fields are validated before anything is written, so a multi-locale create never leaves
 * a half-created translation group behind.
 *
 * - Object-level: one entry per locale, its locale field set to that locale, all sharing one new
 *   translation key.
 * - Field-level: ONE entry holding the default-locale values (localized and non-localized) plus the
 *   localized values of every other selected locale. `createDocument({ defaultLocaleDocumentId })`
 *   on a field-level model adds one locale's values to that entry ({@link planAddLocaleToEntry}).
 */
import _ from 'lodash';
import { LocalizationError } from '../errors.js';
import type { ContentTypeProps, LocalizedFields } from '../contentful/types.js';
import type { ModelLocalization } from './types.js';
import { withSharedFieldsFrom } from './shared-fields.js';

/** The content type facts a create needs (field ids, `required`, `localized`). */
export type CreateContentType = Pick<ContentTypeProps, 'fields'> & { sys: { id: string }; name?: string };

/** Required fields are missing; lists every one of them per locale. Nothing was written. */
export class MissingRequiredFieldsError extends LocalizationError {
    override name = 'MissingRequiredFieldsError';
    /** Locale → the required field ids without a value in that locale. */
    readonly missing: Record<string, string[]>;
    readonly modelName: string;
    constructor(modelName: string, missing: Record<string, string[]>, documentId?: string) {
        const list = Object.entries(missing)
            .map(([locale, fields]) => `${locale}: ${fields.join(', ')}`)
            .join('; ');
        const what = documentId ? `add a locale to ${modelName} document "${documentId}"` : `create ${modelName}`;
        super(`Cannot ${what}: required fields have no value (${list}). Nothing was written.`);
        this.missing = missing;
        this.modelName = modelName;
    }
}

/** Input of {@link planCreate}. */
export interface CreatePlanInput {
    contentType: CreateContentType;
    model: ModelLocalization;
    /** The locales to create in (the default locale first when present). */
    locales: string[];
    /** Per requested locale: that locale's values already converted to entry `fields`. */
    valuesByLocale: Record<string, LocalizedFields>;
    defaultLocale: string;
    /** When given, every requested locale must be one of these. */
    enabledLocales?: string[];
    /** Object-level: the locale field (default `model.localeField`). */
    localeField?: string;
    /** Object-level: the translation key field (default `model.translationKeyField`). */
    translationKeyField?: string;
    /** Object-level: the new group's translation key. */
    translationKey?: string;
}

/** The entries to create, in order (object-level: one per locale, with its locale). */
export interface CreatePlan {
    entries: { locale?: string; fields: LocalizedFields }[];
}

type ContentTypeField = CreateContentType['fields'][number];

/** No value for a required field: absent, null, blank text or an empty list. */
export function isEmptyValue(value: unknown): boolean {
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The value of a field under the first of `keys` that has one, else its only value. */
function valueUnder(values: Record<string, unknown> | undefined, keys: string[]): unknown {
    if (!values) return undefined;
    for (const key of keys) if (values[key] !== undefined) return values[key];
    const own = Object.values(values);
    return own.length === 1 ? own[0] : undefined;
}

/** Fields an editor must fill: required, not omitted or disabled (those cannot be edited). */
function requiredFields(contentType: CreateContentType, exclude: (string | undefined)[]): ContentTypeField[] {
    return contentType.fields.filter((field) => field.required && !field.omitted && !field.disabled && !exclude.includes(field.id));
}

function checkLocales(input: { locales: string[]; enabledLocales?: string[]; what: string }): string[] {
    const locales = _.uniq(input.locales);
    if (locales.length === 0) throw new LocalizationError(`Cannot ${input.what}: no locale to create it in`);
    const disabled = input.enabledLocales ? locales.filter((locale) => !input.enabledLocales!.includes(locale)) : [];
    if (disabled.length > 0) {
        throw new LocalizationError(`Cannot ${input.what} in ${disabled.join(', ')}: not an enabled locale (enabled: ${input.enabledLocales!.join(', ')})`);
    }
    return locales;
}

function planObjectLevel(input: CreatePlanInput, locales: string[]): CreatePlan {
    const { contentType, defaultLocale, model } = input;
    const localeField = input.localeField ?? model.localeField;
    const translationKeyField = input.translationKeyField ?? model.translationKeyField;
    const fieldIds = contentType.fields.map((field) => field.id);
    for (const [option, fieldId] of [['localeField', localeField], ['translationKeyField', translationKeyField]] as const) {
        if (fieldId !== undefined && !fieldIds.includes(fieldId)) {
            throw new LocalizationError(`Cannot create ${model.modelName}: its content type has no field "${fieldId}" (objectLevel.${option})`);
        }
    }
    if (translationKeyField !== undefined && input.translationKey === undefined) {
        throw new LocalizationError(`Cannot create ${model.modelName}: a new translation key for field "${translationKeyField}" is needed`);
    }
    // Shared fields come from the default locale's values when it is created too (SPEC §4), so
    // every variant is validated and written with the values it will have.
    const master = locales.includes(defaultLocale) ? _.pick(input.valuesByLocale[defaultLocale] ?? {}, fieldIds) : undefined;
    const valuesOf = (locale: string): LocalizedFields => {
        const own = _.cloneDeep(_.pick(input.valuesByLocale[locale] ?? {}, fieldIds));
        return locale === defaultLocale ? own : withSharedFieldsFrom(own, master, model.sharedFields);
    };
    const required = requiredFields(contentType, [localeField, translationKeyField]);
    const missing: Record<string, string[]> = {};
    for (const locale of locales) {
        const values = valuesOf(locale);
        const empty = required.filter((field) => isEmptyValue(valueUnder(values[field.id], [defaultLocale, locale]))).map((field) => field.id);
        if (empty.length > 0) missing[locale] = empty;
    }
    if (!_.isEmpty(missing)) throw new MissingRequiredFieldsError(model.modelName, missing);
    return {
        entries: locales.map((locale) => {
            const fields = valuesOf(locale);
            if (localeField !== undefined) fields[localeField] = { [defaultLocale]: locale };
            if (translationKeyField !== undefined) fields[translationKeyField] = { [defaultLocale]: input.translationKey };
            return { locale, fields };
        })
    };
}

function planFieldLevel(input: CreatePlanInput, locales: string[]): CreatePlan {
    const { contentType, defaultLocale, model } = input;
    // Non-localized values live under the default locale; they come from the default locale's
    // values, or from the only locale's values when creating in one non-default locale.
    const baseLocale = locales.includes(defaultLocale) ? defaultLocale : locales[0]!;
    const baseValues = input.valuesByLocale[baseLocale] ?? {};
    const missing: Record<string, string[]> = {};
    const note = (locale: string, fieldId: string) => (missing[locale] ??= []).push(fieldId);
    const fields: LocalizedFields = {};
    for (const field of contentType.fields) {
        if (!field.localized) {
            const value = valueUnder(baseValues[field.id], [defaultLocale]);
            if (!isEmptyValue(value)) fields[field.id] = { [defaultLocale]: _.cloneDeep(value) };
            else if (field.required && !field.omitted && !field.disabled) note(baseLocale, field.id);
            continue;
        }
        for (const locale of locales) {
            const value = input.valuesByLocale[locale]?.[field.id]?.[locale];
            if (!isEmptyValue(value)) (fields[field.id] ??= {})[locale] = _.cloneDeep(value);
            else if (field.required && !field.omitted && !field.disabled) note(locale, field.id);
        }
    }
    if (!_.isEmpty(missing)) {
        // Report in the order the locales were requested.
        throw new MissingRequiredFieldsError(model.modelName, _.fromPairs(locales.filter((locale) => missing[locale]).map((locale) => [locale, missing[locale]!])));
    }
    return { entries: [{ fields }] };
}

/**
 * Plans a create in one or several locales.
 *
 * @throws MissingRequiredFieldsError (a LocalizationError) listing every missing required field of
 *   every locale, before anything is written.
 * @throws LocalizationError for no locale, a locale that is not enabled, an object-level content type
 *   without the configured locale / translation key field, or a missing translation key.
 */
export function planCreate(input: CreatePlanInput): CreatePlan {
    const locales = checkLocales({ locales: input.locales, enabledLocales: input.enabledLocales, what: `create ${input.model.modelName}` });
    return input.model.objectLevel ? planObjectLevel(input, locales) : planFieldLevel(input, locales);
}

/** Input of {@link planAddLocaleToEntry}. */
export interface AddLocaleInput {
    contentType: CreateContentType;
    modelName: string;
    /** The entry's current `fields`. */
    existing: LocalizedFields;
    /** The locale being added. */
    locale: string;
    /** That locale's values, already converted to entry `fields`. */
    values: LocalizedFields;
    defaultLocale: string;
    enabledLocales?: string[];
    /** The entry's id, for messages. */
    documentId?: string;
}

/**
 * Adds one locale's values to an existing field-level entry (`createDocument` with
 * `defaultLocaleDocumentId` on a field-level model).
 *
 * @returns the entry's new `fields` (the input is not modified).
 * @throws MissingRequiredFieldsError when a required localized field has no value in the locale.
 * @throws LocalizationError when the locale is not enabled, or the values would overwrite a
 *   non-localized field from a non-default locale, or a different existing value of the locale.
 */
export function planAddLocaleToEntry(input: AddLocaleInput): { fields: LocalizedFields; localesWritten: string[] } {
    const { locale, defaultLocale, modelName } = input;
    const documentName = input.documentId ? `${modelName} document "${input.documentId}"` : `the ${modelName} entry`;
    checkLocales({ locales: [locale], enabledLocales: input.enabledLocales, what: `add a locale to ${documentName}` });
    const fields = _.cloneDeep(input.existing);
    const missing: string[] = [];
    for (const field of input.contentType.fields) {
        const given = input.values[field.id];
        const current = fields[field.id];
        if (field.localized || locale === defaultLocale) {
            const value = given?.[locale] ?? (locale === defaultLocale ? valueUnder(given, [defaultLocale]) : undefined);
            if (isEmptyValue(value)) {
                if (field.required && !field.omitted && !field.disabled && isEmptyValue(current?.[locale])) missing.push(field.id);
                continue;
            }
            if (!isEmptyValue(current?.[locale]) && !_.isEqual(current?.[locale], value)) {
                throw new LocalizationError(`Cannot add ${locale} to ${documentName}: field "${field.id}" already has a different ${locale} value; edit it instead of creating the locale again`);
            }
            fields[field.id] = { ...current, [locale]: _.cloneDeep(value) };
            continue;
        }
        const value = valueUnder(given, [defaultLocale, locale]);
        if (isEmptyValue(value) || _.isEqual(current?.[defaultLocale], value)) continue;
        if (!isEmptyValue(current?.[defaultLocale])) {
            throw new LocalizationError(
                `Cannot add ${locale} to ${documentName}: field "${field.id}" is not localized (one value for every locale); edit it in the default locale ${defaultLocale}, not in ${locale}`
            );
        }
        // An empty non-localized field may be filled: nothing of another locale is overwritten.
        fields[field.id] = { ...current, [defaultLocale]: _.cloneDeep(value) };
    }
    if (missing.length > 0) throw new MissingRequiredFieldsError(modelName, { [locale]: missing }, input.documentId);
    return { fields, localesWritten: [locale] };
}
