/**
 * Stackbit update operations → new Contentful `fields` (pure).
 *
 * The adapter fetches the entry, applies the operations here, and `PUT`s the result with the
 * entry's version. On a 409 it refetches and applies the SAME operations again, so this module
 * depends on nothing but the `fields` it is given: a concurrent edit of another field survives.
 *
 * Copy-on-write: the result shares every untouched field map with the input; touched field maps
 * (and touched lists) are copied, so the input is never modified.
 */
import type { Field, FieldSpecificProps, Model, UpdateOperation } from '@stackbit/types';
import type { LocalizedFields, ModelContext } from './types.js';
import { isEmptyValue, isRecord, toContentfulValue, type WriteTarget } from './field-values.js';

/** A field and locale an operation wrote to (the locale the operation asked for, see {@link applyOperations}). */
export interface TouchedField {
    fieldId: string;
    locale: string;
}

export interface ApplyOperationsResult {
    fields: LocalizedFields;
    /** Every field/locale written, once each, in operation order. */
    touched: TouchedField[];
}

export interface ApplyOperationsInput {
    fields: LocalizedFields;
    operations: UpdateOperation[];
    model: Model<ModelContext>;
    defaultLocale: string;
    /** For error messages. */
    documentId?: string;
}

/**
 * Applies update operations (`set`, `unset`, `insert`, `remove`, `reorder`, on fields and on list
 * items such as `['tags', 2]`) to an entry's `fields`.
 *
 * A localized field is written at `op.locale ?? defaultLocale`; a non-localized field always at the
 * default locale. `touched[].locale` is `op.locale ?? defaultLocale` even for non-localized fields,
 * so the caller can refuse a non-localized edit made in another locale. An empty value unsets the
 * locale key (and the field when no locale is left), so Contentful's fallback keeps working.
 *
 * Throws a plain `Error` naming the model, document, field and locale for an unknown field, a
 * value Contentful cannot store, or a list index that does not exist (e.g. the list changed
 * since the editor read it).
 */
export function applyOperations(input: ApplyOperationsInput): ApplyOperationsResult {
    const { model, defaultLocale } = input;
    const modelFields = new Map<string, Field>();
    for (const field of model.fields ?? []) {
        modelFields.set(field.name, field);
    }
    const fieldTypes = model.context?.fieldTypes ?? {};
    const writer = new FieldsWriter(input.fields);
    const subject = `model "${model.name}"${input.documentId ? `, document "${input.documentId}"` : ''}`;

    for (const operation of input.operations) {
        const fieldId = operation.fieldPath[0];
        const modelField = typeof fieldId === 'string' ? modelFields.get(fieldId) : undefined;
        if (typeof fieldId !== 'string' || !modelField) {
            throw new Error(`Cannot apply "${operation.opType}" to ${subject}: the model has no field "${String(fieldId)}".`);
        }
        const requestedLocale = operation.locale ?? defaultLocale;
        const locale = modelField.localized ? requestedLocale : defaultLocale;
        writer.touch(fieldId, requestedLocale);
        const target: WriteTarget = { modelName: model.name, fieldName: fieldId, locale, contentfulType: fieldTypes[fieldId] };
        const itemIndex = listItemIndex(operation, subject);
        const describe = `${subject}, field "${fieldId}", locale "${locale}"`;

        switch (operation.opType) {
            case 'set':
                if (itemIndex === undefined) {
                    writer.set(fieldId, locale, toContentfulValue(operation.field, modelField, target));
                } else {
                    const list = writer.list(fieldId, locale, describe);
                    checkIndex(itemIndex, list.length, describe);
                    const value = toContentfulValue(operation.field, listItemsOf(modelField, describe), target);
                    const next = list.slice();
                    if (value === undefined || value === null) {
                        next.splice(itemIndex, 1);
                    } else {
                        next[itemIndex] = value;
                    }
                    writer.set(fieldId, locale, next);
                }
                break;
            case 'unset':
                if (itemIndex === undefined) {
                    writer.set(fieldId, locale, undefined);
                } else {
                    const list = writer.list(fieldId, locale, describe);
                    checkIndex(itemIndex, list.length, describe);
                    writer.set(fieldId, locale, without(list, itemIndex));
                }
                break;
            case 'insert': {
                const list = writer.list(fieldId, locale, describe);
                const value = toContentfulValue(operation.item, listItemsOf(modelField, describe), target);
                if (value === undefined || value === null) {
                    break;
                }
                const index = operation.index === undefined ? list.length : Math.min(Math.max(operation.index, 0), list.length);
                const next = list.slice();
                next.splice(index, 0, value);
                writer.set(fieldId, locale, next);
                break;
            }
            case 'remove': {
                const list = writer.list(fieldId, locale, describe);
                checkIndex(operation.index, list.length, describe);
                writer.set(fieldId, locale, without(list, operation.index));
                break;
            }
            case 'reorder': {
                const list = writer.list(fieldId, locale, describe);
                checkPermutation(operation.order, list.length, describe);
                writer.set(fieldId, locale, operation.order.map((index) => list[index]));
                break;
            }
            default: {
                const unknown: never = operation;
                throw new Error(`Cannot apply operation "${(unknown as { opType: string }).opType}" to ${subject}: unknown operation type.`);
            }
        }
    }
    return { fields: writer.fields, touched: writer.touched };
}

/** Asset fields an update may change (all localized in Contentful). */
const ASSET_FIELDS = new Set(['title', 'description', 'file']);

export interface ApplyAssetOperationsInput {
    fields: LocalizedFields;
    operations: UpdateOperation[];
    defaultLocale: string;
    /** For error messages. */
    assetId?: string;
}

/**
 * Applies `set` / `unset` operations to an asset's `title`, `description` and `file`, each at
 * `op.locale ?? defaultLocale`. A file is set from
 * `{ type: 'assetFile', value: { url, fileName, contentType } }` and stored as
 * `{ upload: url, fileName, contentType }` (Contentful then processes that locale only).
 */
export function applyAssetOperations(input: ApplyAssetOperationsInput): ApplyOperationsResult {
    const writer = new FieldsWriter(input.fields);
    const subject = `asset${input.assetId ? ` "${input.assetId}"` : ''}`;
    for (const operation of input.operations) {
        const fieldId = operation.fieldPath[0];
        if (typeof fieldId !== 'string' || !ASSET_FIELDS.has(fieldId) || operation.fieldPath.length !== 1) {
            throw new Error(`Cannot apply "${operation.opType}" to ${subject}: only the fields title, description and file can be updated (got "${operation.fieldPath.join('.')}").`);
        }
        const locale = operation.locale ?? input.defaultLocale;
        writer.touch(fieldId, locale);
        if (operation.opType === 'unset') {
            writer.set(fieldId, locale, undefined);
        } else if (operation.opType === 'set') {
            const field: { type: string; value?: unknown } = operation.field;
            writer.set(fieldId, locale, fieldId === 'file' ? uploadFromField(field.value, `${subject}, locale "${locale}"`) : field.value);
        } else {
            throw new Error(`Cannot apply "${operation.opType}" to ${subject}, field "${fieldId}": asset fields are not lists.`);
        }
    }
    return { fields: writer.fields, touched: writer.touched };
}

/** `{ url, fileName, contentType }` → the unprocessed Contentful file `{ upload, fileName, contentType }`. */
function uploadFromField(value: unknown, describe: string): unknown {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!isRecord(value) || typeof value.url !== 'string' || !/^https?:\/\//.test(value.url)) {
        throw new Error(`Cannot set the file of ${describe}: expected { url, fileName, contentType } with an http(s) url, got ${JSON.stringify(value)}.`);
    }
    if (typeof value.contentType !== 'string' || !value.contentType) {
        throw new Error(`Cannot set the file of ${describe}: the file's contentType (MIME type) is missing.`);
    }
    const fileName = typeof value.fileName === 'string' && value.fileName ? value.fileName : fileNameOfUrl(value.url);
    return { upload: value.url, fileName, contentType: value.contentType };
}

function fileNameOfUrl(url: string): string {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'file';
}

/** Copy-on-write access to a `fields` map. */
class FieldsWriter {
    readonly fields: LocalizedFields;
    readonly touched: TouchedField[] = [];
    private readonly copied = new Set<string>();
    private readonly touchedKeys = new Set<string>();

    constructor(source: LocalizedFields) {
        this.fields = { ...source };
    }

    touch(fieldId: string, locale: string): void {
        const key = `${fieldId}\u0000${locale}`;
        if (!this.touchedKeys.has(key)) {
            this.touchedKeys.add(key);
            this.touched.push({ fieldId, locale });
        }
    }

    /** Sets one locale's value, or unsets it (and the field when no locale is left) for an empty value. */
    set(fieldId: string, locale: string, value: unknown): void {
        if (isEmptyValue(value)) {
            if (!this.fields[fieldId] || !(locale in this.fields[fieldId])) {
                return;
            }
            const map = this.writable(fieldId);
            delete map[locale];
            if (Object.keys(map).length === 0) {
                delete this.fields[fieldId];
            }
            return;
        }
        this.writable(fieldId)[locale] = value;
    }

    /** The current list at a locale (empty when unset). Never mutate it: callers copy before changing. */
    list(fieldId: string, locale: string, describe: string): readonly unknown[] {
        const value = this.fields[fieldId]?.[locale];
        if (value === undefined || value === null) {
            return [];
        }
        if (!Array.isArray(value)) {
            throw new Error(`Cannot change list items of ${describe}: the stored value is not a list.`);
        }
        return value;
    }

    private writable(fieldId: string): Record<string, unknown> {
        if (!this.copied.has(fieldId)) {
            this.copied.add(fieldId);
            this.fields[fieldId] = { ...this.fields[fieldId] };
        }
        return this.fields[fieldId]!;
    }
}

/** The list index of an item path (`['tags', 2]`), or undefined for a whole-field path. */
function listItemIndex(operation: UpdateOperation, subject: string): number | undefined {
    const path = operation.fieldPath;
    if (path.length === 1) {
        return undefined;
    }
    if (path.length === 2 && typeof path[1] === 'number' && (operation.opType === 'set' || operation.opType === 'unset')) {
        return path[1];
    }
    throw new Error(`Cannot apply "${operation.opType}" to ${subject} at "${path.join('.')}": Contentful fields have no nested fields (only list items of a field can be addressed).`);
}

function listItemsOf(modelField: Field, describe: string): FieldSpecificProps {
    if (modelField.type !== 'list') {
        throw new Error(`Cannot change list items of ${describe}: the field is a "${modelField.type}", not a list.`);
    }
    return modelField.items;
}

function checkIndex(index: number, length: number, describe: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= length) {
        throw new Error(`Cannot change item ${index} of ${describe}: the list has ${length} item(s); it may have changed since it was read.`);
    }
}

function checkPermutation(order: number[], length: number, describe: string): void {
    const seen = new Set(order);
    if (order.length !== length || seen.size !== length || order.some((index) => !Number.isInteger(index) || index < 0 || index >= length)) {
        throw new Error(`Cannot reorder ${describe}: the order [${order.join(', ')}] does not match the ${length} item(s) of the list; it may have changed since it was read.`);
    }
}

function without(list: readonly unknown[], index: number): unknown[] {
    const next = list.slice();
    next.splice(index, 1);
    return next;
}
