/**
 * One Contentful value ↔ one Stackbit field value, per Stackbit field type (pure).
 *
 * Read side: {@link createFieldReader} compiles a reader once per model field; the entry and asset
 * converters call it for every value. Write side: {@link toContentfulValue} turns an
 * `UpdateOperationField` into the value stored under one locale key.
 *
 * "No value": on read only `undefined`/`null` are missing (an explicit `''` or `[]` is kept, because
 * Contentful stores it and it blocks fallback, so the editor must see it). On write, every
 * {@link isEmptyValue} value means "unset this locale key", so Contentful's fallback keeps working.
 */
import type {
    DocumentFieldLocalized,
    DocumentFieldNonLocalized,
    DocumentListFieldItems,
    FieldSpecificProps,
    UpdateOperationField
} from '@stackbit/types';

/** `srcType` of cross-references between Contentful spaces. */
export const CONTENTFUL_SRC_TYPE = 'contentful';

/** Longest rich-text `hint` (plain text preview) put on a document field. */
export const RICH_TEXT_HINT_LENGTH = 200;

/** Field-type-specific props of one value (`{ value }`, `{ refId }`, `{ items }`, …). */
export type FieldValueProps = { [key: string]: unknown };

/** Props of one locale of a localized document field. */
export type LocaleValueProps = { locale: string } & FieldValueProps;

/** Reads the per-locale values of a localized field (document fields and asset files alike). */
export interface LocalizedValueReader<Props extends { locale: string }, LocalizedField> {
    /** `{ locale, ...props }` for one locale of a localized field; `undefined` when there is no usable value. */
    readLocale(value: unknown, locale: string): Props | undefined;
    /** Wraps per-locale props (from `readLocale`) into the localized field. */
    localizedField(locales: Record<string, Props>): LocalizedField;
}

/** Reads Contentful values of one model field into Stackbit document field values. */
export interface FieldValueReader extends LocalizedValueReader<LocaleValueProps, DocumentFieldLocalized> {
    /** The document field `type`: an asset link on an `image` model field is a `reference`, as the engine expects. */
    readonly type: string;
    /** The whole non-localized document field; `undefined` when there is no usable value. */
    readField(value: unknown): DocumentFieldNonLocalized | undefined;
}

/** Where a written value goes, for error messages and type coercion. */
export interface WriteTarget {
    modelName: string;
    fieldName: string;
    locale?: string;
    /** Contentful field type (`Integer`, `Symbol`, …) from `ModelContext.fieldTypes`. */
    contentfulType?: string;
}

/** `undefined`, `null`, `''` and `[]`: values that must not be written (the locale key is unset instead). */
export function isEmptyValue(value: unknown): boolean {
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Compiles the reader of one model field (or list item field). Unknown or nested Stackbit types,
 * which the schema converter never produces, are read as opaque values so nothing is lost.
 */
export function createFieldReader(modelField: FieldSpecificProps): FieldValueReader {
    switch (modelField.type) {
        case 'image':
            return makeLinkReader('asset');
        case 'reference':
            return makeLinkReader('document');
        case 'cross-reference':
            return makeResourceLinkReader();
        case 'richText':
            return makeRichTextReader();
        case 'list':
            return makeListReader(createFieldReader(modelField.items));
        case 'object':
        case 'model':
        case 'style':
            return makePlainReader('json');
        default:
            return makePlainReader(modelField.type);
    }
}

/*
 * Every reader builds its result objects as literals with all their keys, never by spreading: a
 * spread of two objects makes V8 build a dictionary-mode object (about 250 bytes instead of 20 for
 * a link), and the cold load keeps tens of thousands of them. The asserted shapes are exactly the
 * CSI field shapes for the reader's type; TypeScript cannot follow the runtime type tag.
 */

/** The common case (strings, numbers, booleans, JSON, …) without intermediate objects: it runs for most values. */
function makePlainReader(type: string): FieldValueReader {
    return {
        type,
        readLocale(value, locale) {
            return value === undefined || value === null ? undefined : { locale, value };
        },
        readField(value) {
            return value === undefined || value === null ? undefined : ({ type, value } as DocumentFieldNonLocalized);
        },
        localizedField(locales) {
            return { type, localized: true, locales } as DocumentFieldLocalized;
        }
    };
}

/** Links to entries or assets: `{ refId }`; an asset link on an `image` field is a `reference` to an asset. */
function makeLinkReader(refType: 'document' | 'asset'): FieldValueReader {
    return {
        type: 'reference',
        readLocale(value, locale) {
            const refId = linkId(value);
            return refId === undefined ? undefined : { locale, refId };
        },
        readField(value) {
            const refId = linkId(value);
            return refId === undefined ? undefined : ({ type: 'reference', refType, refId } as DocumentFieldNonLocalized);
        },
        localizedField(locales) {
            return { type: 'reference', refType, localized: true, locales } as DocumentFieldLocalized;
        }
    };
}

/** Cross-space links (ResourceLink with an entry URN). */
function makeResourceLinkReader(): FieldValueReader {
    const target = (value: unknown) => {
        const urn = isRecord(value) && isRecord(value.sys) ? value.sys.urn : undefined;
        return typeof urn === 'string' ? parseEntryUrn(urn) : undefined;
    };
    return {
        type: 'cross-reference',
        readLocale(value, locale) {
            const parsed = target(value);
            return parsed ? { locale, refId: parsed.entryId, refSrcType: CONTENTFUL_SRC_TYPE, refProjectId: parsed.spaceId } : undefined;
        },
        readField(value) {
            const parsed = target(value);
            return parsed
                ? ({ type: 'cross-reference', refType: 'document', refId: parsed.entryId, refSrcType: CONTENTFUL_SRC_TYPE, refProjectId: parsed.spaceId } as DocumentFieldNonLocalized)
                : undefined;
        },
        localizedField(locales) {
            return { type: 'cross-reference', refType: 'document', localized: true, locales } as DocumentFieldLocalized;
        }
    };
}

/** Rich text keeps the Contentful document as `value`, plus a plain-text `hint`. */
function makeRichTextReader(): FieldValueReader {
    return {
        type: 'richText',
        readLocale(value, locale) {
            return value === undefined || value === null ? undefined : { locale, value, hint: richTextHint(value) };
        },
        readField(value) {
            return value === undefined || value === null ? undefined : ({ type: 'richText', value, hint: richTextHint(value) } as DocumentFieldNonLocalized);
        },
        localizedField(locales) {
            return { type: 'richText', localized: true, locales } as DocumentFieldLocalized;
        }
    };
}

function makeListReader(itemReader: FieldValueReader): FieldValueReader {
    return {
        type: 'list',
        readLocale(value, locale) {
            const items = readListItems(value, itemReader);
            return items ? { locale, items } : undefined;
        },
        readField(value) {
            const items = readListItems(value, itemReader);
            return items ? ({ type: 'list', items } as DocumentFieldNonLocalized) : undefined;
        },
        localizedField(locales) {
            return { type: 'list', localized: true, locales } as DocumentFieldLocalized;
        }
    };
}

function readListItems(value: unknown, itemReader: FieldValueReader): DocumentListFieldItems[] | undefined {
    if (!Array.isArray(value)) {
        return undefined;
    }
    const items: DocumentListFieldItems[] = [];
    for (const item of value) {
        // A list item cannot itself be a list, and Contentful arrays hold links or symbols.
        const read = itemReader.readField(item) as DocumentListFieldItems | undefined;
        if (read) {
            items.push(read);
        }
    }
    return items;
}

/** `sys.id` of a Contentful link (`{ sys: { type: 'Link', id } }`), if it is one. */
export function linkId(value: unknown): string | undefined {
    if (isRecord(value) && isRecord(value.sys) && typeof value.sys.id === 'string' && value.sys.id !== '') {
        return value.sys.id;
    }
    return undefined;
}

/**
 * Parses a Contentful entry resource name: `crn:contentful:::content:spaces/<space>/entries/<id>`
 * or `…/spaces/<space>/environments/<env>/entries/<id>`.
 */
export function parseEntryUrn(urn: string): { spaceId: string; environmentId?: string; entryId: string } | undefined {
    const match = /^crn:contentful:::content:spaces\/([^/]+)(?:\/environments\/([^/]+))?\/entries\/([^/]+)$/.exec(urn);
    if (!match) {
        return undefined;
    }
    return match[2] ? { spaceId: match[1]!, environmentId: match[2], entryId: match[3]! } : { spaceId: match[1]!, entryId: match[3]! };
}

/** The plain text of a rich-text document, cut at `maxLength` characters (the document field `hint`). */
export function richTextHint(node: unknown, maxLength: number = RICH_TEXT_HINT_LENGTH): string {
    let text = '';
    // Iterative depth-first walk: deep nesting must not overflow the stack, and we stop early.
    const stack: unknown[] = [node];
    while (stack.length > 0 && text.length < maxLength) {
        const current = stack.pop();
        if (!isRecord(current)) {
            continue;
        }
        if (current.nodeType === 'text' && typeof current.value === 'string') {
            text += current.value;
            continue;
        }
        if (Array.isArray(current.content)) {
            for (let i = current.content.length - 1; i >= 0; i--) {
                stack.push(current.content[i]);
            }
        }
    }
    return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** A Contentful link to an entry. */
export function entryLink(id: string): { sys: { type: 'Link'; linkType: 'Entry'; id: string } } {
    return { sys: { type: 'Link', linkType: 'Entry', id } };
}

/** A Contentful link to an asset. */
export function assetLink(id: string): { sys: { type: 'Link'; linkType: 'Asset'; id: string } } {
    return { sys: { type: 'Link', linkType: 'Asset', id } };
}

/** A Contentful cross-space link to an entry. */
export function entryResourceLink(spaceId: string, entryId: string): { sys: { type: 'ResourceLink'; linkType: 'Contentful:Entry'; urn: string } } {
    return { sys: { type: 'ResourceLink', linkType: 'Contentful:Entry', urn: `crn:contentful:::content:spaces/${spaceId}/entries/${entryId}` } };
}

/**
 * The Contentful value of an update-operation field, to be stored under one locale key.
 * Returns an {@link isEmptyValue} value when the field has no value (the caller unsets the key).
 * Throws when the value cannot be stored in a Contentful field (nested objects, non-numbers in
 * number fields); the message names the model, field and locale.
 */
export function toContentfulValue(field: UpdateOperationField, modelField: FieldSpecificProps, target: WriteTarget): unknown {
    switch (field.type) {
        case 'reference':
            if (!field.refId) {
                return undefined;
            }
            return field.refType === 'asset' ? assetLink(field.refId) : entryLink(field.refId);
        case 'image':
            return imageLink(field.value, target);
        case 'cross-reference':
            return crossReferenceLink(field.value, target);
        case 'list': {
            if (modelField.type !== 'list') {
                throw new Error(`${describe(target)}: a list value was sent for a field of type "${modelField.type}".`);
            }
            const values: unknown[] = [];
            for (const item of field.items) {
                const value = toContentfulValue(item, modelField.items, target);
                if (value !== undefined && value !== null) {
                    values.push(value);
                }
            }
            return values;
        }
        case 'object':
        case 'model':
            throw new Error(`${describe(target)}: Contentful fields cannot hold nested "${field.type}" values; link an entry instead.`);
        case 'number':
            return toNumber(field.value, target);
        case 'enum':
            // Integer/Number fields with an `in` validation are enums whose options are numbers.
            return target.contentfulType === 'Integer' || target.contentfulType === 'Number' ? toNumber(field.value, target) : field.value;
        case 'boolean':
            return toBoolean(field.value, target);
        default:
            return field.value;
    }
}

function imageLink(value: unknown, target: WriteTarget): unknown {
    if (value === undefined || value === null || value === '') {
        return undefined;
    }
    if (typeof value === 'string') {
        return assetLink(value);
    }
    const id = linkId(value) ?? (isRecord(value) && typeof value.refId === 'string' ? value.refId : undefined);
    if (id) {
        return assetLink(id);
    }
    throw new Error(`${describe(target)}: an image must be an asset id, got ${JSON.stringify(value)}.`);
}

function crossReferenceLink(value: unknown, target: WriteTarget): unknown {
    let ref = value;
    if (typeof ref === 'string') {
        if (ref === '') {
            return undefined;
        }
        try {
            ref = JSON.parse(ref);
        } catch {
            throw new Error(`${describe(target)}: a cross-reference must be { refId, refProjectId }, got "${value as string}".`);
        }
    }
    if (ref === undefined || ref === null) {
        return undefined;
    }
    if (isRecord(ref) && typeof ref.refId === 'string' && typeof ref.refProjectId === 'string' && ref.refId && ref.refProjectId) {
        return entryResourceLink(ref.refProjectId, ref.refId);
    }
    throw new Error(`${describe(target)}: a cross-reference must be { refId, refProjectId }, got ${JSON.stringify(ref)}.`);
}

function toNumber(value: unknown, target: WriteTarget): number | undefined {
    if (value === undefined || value === null || value === '') {
        return undefined;
    }
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) {
        throw new Error(`${describe(target)}: expected a number, got ${JSON.stringify(value)}.`);
    }
    if (target.contentfulType === 'Integer' && !Number.isInteger(number)) {
        throw new Error(`${describe(target)}: expected a whole number (Contentful Integer field), got ${number}.`);
    }
    return number;
}

function toBoolean(value: unknown, target: WriteTarget): boolean | undefined {
    if (value === undefined || value === null || value === '') {
        return undefined;
    }
    if (typeof value === 'boolean') {
        return value;
    }
    if (value === 'true' || value === 'false') {
        return value === 'true';
    }
    throw new Error(`${describe(target)}: expected true or false, got ${JSON.stringify(value)}.`);
}

function describe(target: WriteTarget): string {
    return `Field "${target.fieldName}" of model "${target.modelName}"${target.locale ? ` (locale "${target.locale}")` : ''}`;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
