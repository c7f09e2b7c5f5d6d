/**
 * Publish validation: what Contentful checks when an entry or asset is published (single publish,
 * bulk publish, bulk validate), never on save. Errors have Contentful's shape:
 * `{ name, path: ['fields', fieldId, locale, …], details, value?, … }`.
 *
 * Which locales are checked: a full publish checks the default locale and every locale that is not
 * `optional`; a locale publish (locale-based publishing) checks exactly the locales being published
 * (Contentful ignores `optional` in that mode). Non-localized fields live under the default locale and
 * are always checked.
 */
import _ from 'lodash';
import type { FieldError } from './errors.js';
import { isPlainObject, link, sysId } from './normalize.js';
import type { EmulatedSpace } from './space.js';
import type { EntityRecord, FieldValidation, WireField } from './types.js';

/** Which locales a publish covers. */
export type PublishScope = 'all' | string[];

const MIME_GROUPS: Record<string, (contentType: string) => boolean> = {
    image: (type) => type.startsWith('image/'),
    video: (type) => type.startsWith('video/'),
    audio: (type) => type.startsWith('audio/'),
    pdfdocument: (type) => type === 'application/pdf',
    plaintext: (type) => type.startsWith('text/'),
    archive: (type) => /zip|tar|gzip|rar|7z/.test(type)
};

function isEmptyValue(value: unknown): boolean {
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function sizeDetails(min: number | undefined, max: number | undefined): string {
    if (min !== undefined && max !== undefined) {
        return `Size must be between ${min} and ${max}`;
    }
    return min !== undefined ? `Size must be at least ${min}` : `Size must be at most ${max}`;
}

/** Errors of one value against one field's validations (scalar validations, links). */
function valueErrors(space: EmulatedSpace, validations: FieldValidation[], value: unknown, path: (string | number)[]): FieldError[] {
    const errors: FieldError[] = [];
    for (const validation of validations) {
        const custom = typeof validation.message === 'string' ? validation.message : undefined;
        if (validation.in && !validation.in.some((allowed) => _.isEqual(allowed, value))) {
            errors.push({ name: 'in', expected: validation.in, path, value, details: custom ?? 'Value must be one of expected values' });
        }
        if (validation.size && (typeof value === 'string' || Array.isArray(value))) {
            const { min, max } = validation.size;
            if ((min !== undefined && value.length < min) || (max !== undefined && value.length > max)) {
                errors.push({ name: 'size', min, max, path, value, details: custom ?? sizeDetails(min, max) });
            }
        }
        if (validation.range && typeof value === 'number') {
            const { min, max } = validation.range;
            if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
                errors.push({ name: 'range', min, max, path, value, details: custom ?? `Must be between ${min ?? '-∞'} and ${max ?? '∞'}` });
            }
        }
        if (validation.regexp && typeof value === 'string') {
            let matches = true;
            try {
                matches = new RegExp(validation.regexp.pattern, validation.regexp.flags ?? undefined).test(value);
            } catch {
                matches = true; // an invalid pattern is the content type's problem, not the entry's
            }
            if (!matches) {
                errors.push({ name: 'regexp', pattern: validation.regexp.pattern, flags: validation.regexp.flags ?? null, path, value, details: custom ?? 'Does not match given regexp' });
            }
        }
        if (validation.linkContentType) {
            const target = space.entries.get(sysId(value) ?? '');
            const targetType = sysId(target?.data.sys.contentType);
            if (target && (!targetType || !validation.linkContentType.includes(targetType))) {
                errors.push({ name: 'linkContentType', contentTypeId: validation.linkContentType, path, value, details: custom ?? `Linked entry must be of type ${validation.linkContentType.join(', ')}` });
            }
        }
        if (validation.linkMimetypeGroup) {
            const groups = _.castArray(validation.linkMimetypeGroup);
            const asset = space.assets.get(sysId(value) ?? '');
            const files = Object.values(asset?.data.fields.file ?? {}).filter(isPlainObject);
            const fits = files.every((file) => groups.some((group) => MIME_GROUPS[group]?.(String(file.contentType ?? '')) ?? true));
            if (asset && !fits) {
                errors.push({ name: 'linkMimetypeGroup', mimetypeGroupName: groups, path, value, details: custom ?? `Linked asset must be of type ${groups.join(', ')}` });
            }
        }
    }
    return errors;
}

/** `notResolvable` for links whose target does not exist (deleted). */
function linkErrors(space: EmulatedSpace, value: unknown, path: (string | number)[]): FieldError[] {
    if (!isPlainObject(value) || !isPlainObject(value.sys) || value.sys.type !== 'Link') {
        return [];
    }
    const { linkType, id } = value.sys as { linkType?: string; id?: string };
    const store = linkType === 'Entry' ? space.entries : linkType === 'Asset' ? space.assets : undefined;
    if (!store || store.has(String(id))) {
        return [];
    }
    return [{ name: 'notResolvable', link: { type: 'Link', linkType, id }, path, details: `The linked ${linkType} "${id}" does not exist` }];
}

function uniqueErrors(space: EmulatedSpace, record: EntityRecord, field: WireField, locale: string, value: unknown, peers: EntityRecord[]): FieldError[] {
    const contentTypeId = sysId(record.data.sys.contentType);
    const conflicting: EntityRecord[] = [];
    for (const other of space.entries.values()) {
        if (other === record || sysId(other.data.sys.contentType) !== contentTypeId || other.data.sys.archivedVersion !== undefined) {
            continue;
        }
        // Uniqueness is among published content: a published value, or one being published in the same batch.
        const candidate = peers.includes(other) ? other.data.fields : other.published?.fields;
        if (candidate && _.isEqual(candidate[field.id]?.[locale], value)) {
            conflicting.push(other);
        }
    }
    if (!conflicting.length) {
        return [];
    }
    return [
        {
            name: 'unique',
            path: ['fields', field.id, locale],
            value,
            conflicting: conflicting.map((other) => link('Entry', other.data.sys.id)),
            details: 'Same field value present in other entry'
        }
    ];
}

function localesToCheck(space: EmulatedSpace, field: WireField | undefined, scope: PublishScope): string[] {
    const defaultLocale = space.defaultLocale();
    if (field && !field.localized) {
        return [defaultLocale];
    }
    if (scope !== 'all') {
        return scope;
    }
    return space
        .locales()
        .filter((locale) => locale.default || (!locale.optional && locale.contentManagementApi))
        .map((locale) => locale.code);
}

function entryErrors(space: EmulatedSpace, record: EntityRecord, scope: PublishScope, peers: EntityRecord[]): FieldError[] {
    const contentType = space.getContentType(sysId(record.data.sys.contentType) ?? '');
    if (!contentType) {
        return [];
    }
    const errors: FieldError[] = [];
    const fields = record.data.fields;
    for (const field of contentType.fields) {
        const required = localesToCheck(space, field, scope);
        const byLocale = fields[field.id] ?? {};
        if (field.required && !field.omitted) {
            for (const locale of required) {
                if (isEmptyValue(byLocale[locale])) {
                    errors.push({ name: 'required', path: ['fields', field.id, locale], details: `The property "${locale}" of field "${field.id}" is required here` });
                }
            }
        }
        const checked = field.localized ? (scope === 'all' ? Object.keys(byLocale) : scope) : [space.defaultLocale()];
        for (const locale of checked) {
            const value = byLocale[locale];
            if (value === undefined || value === null) {
                continue;
            }
            const path = ['fields', field.id, locale];
            const validations = field.validations ?? [];
            errors.push(...valueErrors(space, validations, value, path));
            if (validations.some((validation) => validation.unique)) {
                errors.push(...uniqueErrors(space, record, field, locale, value, peers));
            }
            errors.push(...linkErrors(space, value, path));
            if (Array.isArray(value)) {
                value.forEach((item, index) => {
                    errors.push(...valueErrors(space, field.items?.validations ?? [], item, [...path, index]));
                    errors.push(...linkErrors(space, item, [...path, index]));
                });
            }
        }
    }
    return errors;
}

function assetErrors(record: EntityRecord, scope: PublishScope): FieldError[] {
    const files = record.data.fields.file ?? {};
    const locales = scope === 'all' ? Object.keys(files) : scope;
    return locales
        .filter((locale) => isPlainObject(files[locale]) && !(files[locale] as Record<string, unknown>).url)
        .map((locale) => ({ name: 'unprocessed', path: ['fields', 'file', locale], details: `The file of locale "${locale}" has not been processed yet` }));
}

/**
 * Every publish validation error of an entity.
 * @param peers - other entities published in the same bulk action (they count as published for `unique`)
 */
export function publishValidationErrors(space: EmulatedSpace, record: EntityRecord, scope: PublishScope, peers: EntityRecord[] = []): FieldError[] {
    return record.data.sys.type === 'Entry' ? entryErrors(space, record, scope, peers) : assetErrors(record, scope);
}
