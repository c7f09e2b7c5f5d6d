/**
 * `createDocument`'s `updateOperationFields` → the `fields` of a new Contentful entry (pure).
 *
 * The engine sends plain (never localized) values plus the locale the document is created in:
 * localized fields go under that locale, non-localized fields under the default locale (the only
 * place Contentful keeps them). Empty values are left out so Contentful's fallback applies.
 */
import type { Field, Model, UpdateOperationField } from '@stackbit/types';
import type { LocalizedFields, ModelContext } from './types.js';
import { isEmptyValue, toContentfulValue } from './field-values.js';

export interface FieldsFromOperationFieldsInput {
    updateOperationFields: Record<string, UpdateOperationField>;
    model: Model<ModelContext>;
    /** The locale the document is created in. */
    locale: string;
    defaultLocale: string;
}

/**
 * Builds the `fields` of a new entry. Throws a plain `Error` naming the model, field and locale
 * when a field is not in the model or its value cannot be stored in Contentful.
 */
export function fieldsFromOperationFields(input: FieldsFromOperationFieldsInput): LocalizedFields {
    const { model, locale, defaultLocale } = input;
    const modelFields = new Map<string, Field>();
    for (const field of model.fields ?? []) {
        modelFields.set(field.name, field);
    }
    const fieldTypes = model.context?.fieldTypes ?? {};
    const fields: LocalizedFields = {};
    for (const [fieldId, operationField] of Object.entries(input.updateOperationFields)) {
        const modelField = modelFields.get(fieldId);
        if (!modelField) {
            throw new Error(`Cannot create a document of model "${model.name}" in locale "${locale}": the model has no field "${fieldId}".`);
        }
        const targetLocale = modelField.localized ? locale : defaultLocale;
        const value = toContentfulValue(operationField, modelField, {
            modelName: model.name,
            fieldName: fieldId,
            locale: targetLocale,
            contentfulType: fieldTypes[fieldId]
        });
        if (!isEmptyValue(value)) {
            fields[fieldId] = { [targetLocale]: value };
        }
    }
    return fields;
}
