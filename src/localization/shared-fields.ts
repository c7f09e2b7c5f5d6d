/**
 * Non-localizable fields (SPEC §4): which field writes are allowed in which locale, and the plan
 * for copying a shared field of an object-level translation group to every variant. Pure.
 */
import _ from 'lodash';
import type { LocalizedFields } from '../contentful/types.js';
import { LocalizationError } from '../errors.js';
import type { ModelLocalization } from './types.js';

/** One field write of an update (an `UpdateOperation`'s field and locale). */
export interface FieldWrite {
    fieldId: string;
    /** The operation's locale; none means the default locale. */
    locale?: string;
}

/** Input of {@link checkFieldWrites}. */
export interface CheckFieldWritesInput {
    documentId: string;
    model: ModelLocalization;
    /** Object-level: the locale of the variant being written. */
    documentLocale?: string;
    defaultLocale: string;
    /** The enabled locales: localized fields may be written only in these. */
    enabledLocales: readonly string[];
    /** Object-level: the default-locale variant of the document's group, named in the error. */
    defaultVariantId?: string;
    writes: readonly FieldWrite[];
}

/** A checked write with the locale its value is stored under in Contentful. */
export interface ResolvedFieldWrite {
    fieldId: string;
    /** The write's locale for localized fields; the default locale for every other field. */
    locale: string;
}

/**
 * Checks the field writes of one update before anything is written:
 * - a non-localized field of a field-level model may only be written in the default locale
 *   (Global mode);
 * - a shared field of an object-level model may only be written on the default-locale variant;
 * - a localized field may only be written in an enabled locale.
 *
 * Writes with no locale count as the default locale. Returns every write with the locale its
 * value is stored under.
 *
 * @throws {LocalizationError} naming the field, document and locale of every refused write.
 */
export function checkFieldWrites(input: CheckFieldWritesInput): ResolvedFieldWrite[] {
    const { model, defaultLocale, documentId } = input;
    const localized = new Set(model.localizedFields);
    const nonLocalized = new Set(model.nonLocalizedFields);
    const shared = new Set(model.objectLevel ? model.sharedFields : []);
    const enabled = new Set(input.enabledLocales);
    const variantLocale = input.documentLocale ?? defaultLocale;
    const refusals = new Set<string>();
    const resolved: ResolvedFieldWrite[] = [];

    for (const write of input.writes) {
        const locale = write.locale ?? defaultLocale;
        const field = `Field "${write.fieldId}" of document "${documentId}"`;
        if (shared.has(write.fieldId) && variantLocale !== defaultLocale) {
            const master = input.defaultVariantId
                ? `the "${defaultLocale}" variant (document "${input.defaultVariantId}")`
                : `the "${defaultLocale}" variant of its translation group (the group has none yet: create it first)`;
            refusals.add(`${field} is shared by every translation; edit it on ${master}, not on the "${variantLocale}" variant.`);
            continue;
        }
        if (localized.has(write.fieldId)) {
            if (!enabled.has(locale)) {
                refusals.add(`${field} cannot be written in "${locale}": it is not an enabled locale (enabled: ${quoteAll(input.enabledLocales)}).`);
                continue;
            }
            resolved.push({ fieldId: write.fieldId, locale });
            continue;
        }
        if (!model.objectLevel && nonLocalized.has(write.fieldId) && locale !== defaultLocale) {
            refusals.add(`${field} is not localized: edit it in the default locale "${defaultLocale}" (Global mode), not in "${locale}".`);
            continue;
        }
        // Non-localized values live under the default locale only; object-level variants carry their locale in a field instead.
        resolved.push({ fieldId: write.fieldId, locale: defaultLocale });
    }

    if (refusals.size === 1) {
        throw new LocalizationError([...refusals][0]);
    }
    if (refusals.size > 1) {
        throw new LocalizationError(`${refusals.size} field writes of document "${documentId}" were refused:\n${[...refusals].map((r) => `- ${r}`).join('\n')}`);
    }
    return resolved;
}

/** Input of {@link sharedFieldPropagation}. */
export interface SharedFieldPropagationInput {
    /** Raw `fields` of the default-locale variant after its update. */
    sourceFields: LocalizedFields;
    /** Fields the update changed. Only the model's shared fields among them are propagated. */
    changedFieldIds: readonly string[];
    model: ModelLocalization;
    /** The other variants of the group, with their current raw `fields`. */
    variants: readonly { documentId: string; fields: LocalizedFields }[];
    defaultLocale: string;
    /** The source variant's id: skipped if it appears among `variants`. */
    sourceDocumentId?: string;
}

/** New `fields` for one variant. */
export interface SharedFieldUpdate {
    documentId: string;
    /** The variant's complete `fields` with the shared values replaced. */
    fields: LocalizedFields;
    /** The shared fields whose value changed on this variant. */
    changedFieldIds: string[];
}

/**
 * After the default-locale variant changed shared fields: the new `fields` of every other variant
 * whose shared values differ (variants already equal are left out). A shared field the source no
 * longer has is removed from the variants too. Values are deep-copied.
 */
export function sharedFieldPropagation(input: SharedFieldPropagationInput): SharedFieldUpdate[] {
    const sharedChanged = input.model.objectLevel ? _.intersection([...input.changedFieldIds], input.model.sharedFields) : [];
    if (sharedChanged.length === 0) {
        return [];
    }
    const updates: SharedFieldUpdate[] = [];
    for (const variant of input.variants) {
        if (variant.documentId === input.sourceDocumentId) {
            continue;
        }
        const fields: LocalizedFields = { ...variant.fields };
        const changedFieldIds: string[] = [];
        for (const fieldId of sharedChanged) {
            const sourceValue = input.sourceFields[fieldId];
            if (sourceValue === undefined || _.isEmpty(sourceValue)) {
                if (fieldId in fields) {
                    delete fields[fieldId];
                    changedFieldIds.push(fieldId);
                }
            } else if (!_.isEqual(fields[fieldId], sourceValue)) {
                fields[fieldId] = _.cloneDeep(sourceValue);
                changedFieldIds.push(fieldId);
            }
        }
        if (changedFieldIds.length > 0) {
            updates.push({ documentId: variant.documentId, fields, changedFieldIds });
        }
    }
    return updates;
}

/**
 * The fields of a new variant of a translation group with the group's shared fields taken from its
 * master (the default-locale variant): the master's value replaces whatever the new variant was
 * given (a preset, a default, another locale's value), and a shared field the master lacks is left
 * out, so the group never disagrees on a shared field.
 *
 * @param master - the master's `fields`; `undefined` when the group has no default-locale variant
 *   (the given values are kept: there is nothing to agree with yet).
 * @returns new `fields` (the input is not modified).
 */
export function withSharedFieldsFrom(fields: LocalizedFields, master: LocalizedFields | undefined, sharedFields: readonly string[]): LocalizedFields {
    if (!master || sharedFields.length === 0) return fields;
    const result = { ...fields };
    for (const fieldId of sharedFields) {
        if (master[fieldId] !== undefined) result[fieldId] = _.cloneDeep(master[fieldId]);
        else delete result[fieldId];
    }
    return result;
}

/**
 * The message for variants the adapter could not update (after its retries) when propagating a
 * shared field: which field, which documents, and what to do.
 */
export function describePropagationFailure(failedIds: readonly string[], field: string | readonly string[], sourceDocumentId?: string): string {
    const fieldIds = typeof field === 'string' ? [field] : [...field];
    const fieldText = fieldIds.length === 1 ? `Shared field "${fieldIds[0]}"` : `Shared fields ${quoteAll(fieldIds)}`;
    const saved = sourceDocumentId ? ` was saved on document "${sourceDocumentId}" but` : '';
    const count = failedIds.length === 1 ? '1 other translation' : `${failedIds.length} other translations`;
    return (
        `${fieldText}${saved} could not be copied to ${count} (${quoteAll(failedIds)}); ` +
        `${failedIds.length === 1 ? 'it still shows' : 'they still show'} the old value. Save the field again on the default-locale variant to retry.`
    );
}

function quoteAll(values: readonly string[]): string {
    return values.map((value) => `"${value}"`).join(', ');
}
