/**
 * What Contentful checks when an entry or asset is saved (create, update, patch): the shape of
 * `fields`, field ids the content type has, locale codes the environment has, and value types.
 * Business validations (`required`, `unique`, `size`, …) are NOT checked here: Contentful runs them
 * only at publish (see publish-validation.ts).
 *
 * Values already stored under a key are tolerated unchanged, so an entity imported with legacy data
 * (a value under a locale that no longer exists, a non-localized value under another locale) can
 * still be fetched, edited elsewhere and saved back, as it can in Contentful.
 */
import _ from 'lodash';
import { invalidEntry, type FieldError } from './errors.js';
import { isPlainObject } from './normalize.js';
import type { LocalizedFields, WireContentType, WireField } from './types.js';

/** The fields every asset has; all of them are localized. */
export const ASSET_FIELDS = ['title', 'description', 'file'] as const;

/** What the save validation needs to know. */
export interface SaveContext {
    kind: 'Entry' | 'Asset';
    /** The entry's content type; undefined for assets (and entries whose content type is gone). */
    contentType: WireContentType | undefined;
    localeCodes: string[];
    defaultLocale: string;
    /** The stored fields before this save (empty for a create). */
    previous: LocalizedFields;
}

function isLink(value: unknown, linkType?: string): boolean {
    return isPlainObject(value) && isPlainObject(value.sys) && value.sys.type === 'Link' && typeof value.sys.id === 'string' && (!linkType || value.sys.linkType === linkType);
}

function typeMatches(value: unknown, type: string, linkType?: string): boolean {
    switch (type) {
        case 'Symbol':
        case 'Text':
        case 'Date':
            return typeof value === 'string';
        case 'Integer':
            return Number.isInteger(value);
        case 'Number':
            return typeof value === 'number' && Number.isFinite(value);
        case 'Boolean':
            return typeof value === 'boolean';
        case 'Location':
            return isPlainObject(value) && typeof value.lat === 'number' && typeof value.lon === 'number';
        case 'Link':
            return isLink(value, linkType);
        case 'ResourceLink':
            return isPlainObject(value) && isPlainObject(value.sys) && value.sys.type === 'ResourceLink';
        case 'RichText':
            return isPlainObject(value) && value.nodeType === 'document';
        case 'Object':
            return isPlainObject(value) || Array.isArray(value);
        default:
            return true;
    }
}

function typeError(field: WireField, locale: string, value: unknown): FieldError | undefined {
    if (value === null) {
        return undefined;
    }
    const expected = field.type;
    if (expected === 'Array') {
        const itemType = field.items?.type;
        const ok = Array.isArray(value) && (!itemType || value.every((item) => typeMatches(item, itemType, field.items?.linkType)));
        return ok ? undefined : { name: 'type', value, type: 'Array', details: `The type of "value" is incorrect, expected type: Array${itemType ? ` of ${itemType}` : ''}`, path: ['fields', field.id, locale] };
    }
    if (typeMatches(value, expected, field.linkType)) {
        return undefined;
    }
    return { name: 'type', value, type: expected, details: `The type of "value" is incorrect, expected type: ${expected}`, path: ['fields', field.id, locale] };
}

function assetFileError(locale: string, value: unknown): FieldError | undefined {
    if (value === null) {
        return undefined;
    }
    const ok = isPlainObject(value) && typeof value.fileName === 'string' && typeof value.contentType === 'string' && (typeof value.upload === 'string' || isLink(value.uploadFrom, 'Upload') || typeof value.url === 'string');
    return ok
        ? undefined
        : { name: 'type', value, type: 'File', details: 'A file needs fileName, contentType and one of upload, uploadFrom or url', path: ['fields', 'file', locale] };
}

function unchanged(previous: LocalizedFields, fieldId: string, locale: string, value: unknown): boolean {
    const before = previous[fieldId];
    return !!before && Object.prototype.hasOwnProperty.call(before, locale) && _.isEqual(before[locale], value);
}

/**
 * Checks `fields` of a save body and returns them cleaned (locale maps that end up empty are
 * omitted, as Contentful omits empty fields).
 * @throws EmulatorError 422 InvalidEntry with `details.errors` naming each offending path
 */
export function validateFieldsForSave(rawFields: unknown, context: SaveContext): LocalizedFields {
    if (rawFields === undefined || rawFields === null) {
        return {};
    }
    if (!isPlainObject(rawFields)) {
        throw invalidEntry([{ name: 'type', type: 'Object', value: rawFields, path: ['fields'], details: 'The type of "fields" is incorrect, expected type: Object' }]);
    }
    const known = new Set(context.localeCodes);
    const fieldsById = context.contentType ? new Map(context.contentType.fields.map((field) => [field.id, field])) : undefined;
    const errors: FieldError[] = [];
    const cleaned: LocalizedFields = {};
    for (const [fieldId, byLocale] of Object.entries(rawFields)) {
        if (!isPlainObject(byLocale)) {
            errors.push({ name: 'type', type: 'Object', value: byLocale, path: ['fields', fieldId], details: `The type of "${fieldId}" is incorrect, expected type: Object (locale code → value)` });
            continue;
        }
        const field = fieldsById?.get(fieldId);
        const unknownField = context.kind === 'Asset' ? !(ASSET_FIELDS as readonly string[]).includes(fieldId) : fieldsById !== undefined && !field;
        const kept: Record<string, unknown> = {};
        for (const [locale, value] of Object.entries(byLocale)) {
            if (value === undefined) {
                continue;
            }
            kept[locale] = value;
            if (unchanged(context.previous, fieldId, locale, value)) {
                continue;
            }
            if (unknownField) {
                errors.push({ name: 'unknown', path: ['fields', fieldId], details: `The property "${fieldId}" is not expected` });
                break;
            }
            const nonLocalizedElsewhere = field && !field.localized && locale !== context.defaultLocale;
            if (!known.has(locale) || nonLocalizedElsewhere) {
                // Contentful answers `unknown` for both (rb-error-422-invalid-entry-unknown-locale-pl.json).
                errors.push({ name: 'unknown', path: ['fields', fieldId, locale], value });
                continue;
            }
            const error = field ? typeError(field, locale, value) : fieldId === 'file' && context.kind === 'Asset' ? assetFileError(locale, value) : undefined;
            if (error) {
                errors.push(error);
            }
        }
        if (!_.isEmpty(kept)) {
            cleaned[fieldId] = kept;
        }
    }
    if (errors.length) {
        throw invalidEntry(errors);
    }
    return cleaned;
}
