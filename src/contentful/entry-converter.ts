/**
 * Contentful entries → Stackbit documents (pure).
 *
 * Built for start-up on large spaces (tens of thousands of entries × several locales): each
 * content type is compiled once into a map of field readers, then every entry is a plain loop over
 * its own fields and locale keys. Bad data never throws and never silently loses content: values
 * under locale codes the space lacks, non-localized values outside the default locale, unknown
 * content types and unknown fields are all reported through `report`.
 */
import type { Document, DocumentField, Model } from '@stackbit/types';
import type { Diagnostic, LocaleContext } from '../localization/types.js';
import type { DocumentContext, EntitySys, EntryProps, ModelContext } from './types.js';
import { createFieldReader, isRecord, type FieldValueReader, type LocalizedValueReader } from './field-values.js';
import { documentStatus } from './status.js';

/** What {@link createEntryConverter} needs: where entries live, the project's locales and the converted schema. */
export interface EntryConverterContext {
    spaceId: string;
    environment: string;
    /** Base URL of the Contentful web app, e.g. `https://app.contentful.com`. */
    managementAppUrl: string;
    locales: LocaleContext;
    /** The converted schema (see schema-converter.ts), as a list or keyed by model name. */
    models: readonly Model<ModelContext>[] | ReadonlyMap<string, Model<ModelContext>>;
    /** Object-level locale of an entry; returns `undefined` for entries of field-level models. */
    assignLocale?: (entry: EntryProps) => string | undefined;
    /** Email of a Contentful user id, when known. */
    userEmail?: (userId: string) => string | undefined;
    report: (diagnostic: Diagnostic) => void;
}

/** Converts one entry. Never throws on bad data. */
export type EntryConverter = (entry: EntryProps) => Document<DocumentContext>;

interface CompiledField {
    reader: FieldValueReader;
    localized: boolean;
}

interface CompiledModel {
    fields: Map<string, CompiledField>;
    /** The content type is not in the schema: every field is read as localized JSON. */
    unknown: boolean;
}

/** How the locale keys of a `fields` map relate to the project's locales. */
export interface LocaleKeys {
    defaultLocale: string;
    enabled: ReadonlySet<string>;
    /** Every locale code of the space, with its rank (default first). */
    rank: ReadonlyMap<string, number>;
}

/** @internal Shared with asset-converter.ts. */
export function localeKeys(locales: LocaleContext): LocaleKeys {
    const rank = new Map<string, number>();
    rank.set(locales.defaultLocale, 0);
    for (const locale of locales.locales) {
        if (!rank.has(locale.code)) {
            rank.set(locale.code, rank.size);
        }
    }
    return { defaultLocale: locales.defaultLocale, enabled: new Set(locales.enabled), rank };
}

/**
 * Compiles an entry converter for a schema and project locales. Compilation per content type is
 * lazy and cached, so the returned function can be called for every entry of a space.
 */
export function createEntryConverter(ctx: EntryConverterContext): EntryConverter {
    const modelsByName = ctx.models instanceof Map ? ctx.models : new Map((ctx.models as readonly Model<ModelContext>[]).map((model) => [model.name, model]));
    const keys = localeKeys(ctx.locales);
    const compiled = new Map<string, CompiledModel>();
    const jsonField: CompiledField = { reader: createFieldReader({ type: 'json' }), localized: true };
    const manageUrlPrefix = `${ctx.managementAppUrl.replace(/\/+$/, '')}/spaces/${ctx.spaceId}/environments/${ctx.environment}/entries/`;
    const report = ctx.report;

    const compile = (contentTypeId: string): CompiledModel => {
        let result = compiled.get(contentTypeId);
        if (!result) {
            const model = modelsByName.get(contentTypeId);
            result = { fields: new Map(), unknown: !model };
            for (const field of model?.fields ?? []) {
                result.fields.set(field.name, { reader: createFieldReader(field), localized: field.localized === true });
            }
            compiled.set(contentTypeId, result);
        }
        return result;
    };

    return (entry: EntryProps): Document<DocumentContext> => {
        const sys = entry.sys;
        const contentTypeId: string = sys.contentType?.sys?.id ?? '';
        const model = compile(contentTypeId);
        if (model.unknown) {
            report({
                kind: 'unknown-content-type',
                message: `Entry "${sys.id}" has content type "${contentTypeId}", which the schema does not have; its fields are shown as JSON.`,
                documentId: sys.id
            });
        }
        const fields: Record<string, DocumentField> = {};
        const entity: EntityRef = { kind: 'Entry', id: sys.id, contentTypeId };
        const entryFields: unknown = entry.fields;
        if (isRecord(entryFields)) {
            for (const fieldId in entryFields) {
                const values = entryFields[fieldId];
                const field = model.unknown ? jsonField : model.fields.get(fieldId);
                if (!field) {
                    report({
                        kind: 'other',
                        message: `Entry "${sys.id}" (content type "${contentTypeId}") has a value for field "${fieldId}", which the content type does not define (deleted field?); it is not shown.`,
                        documentId: sys.id,
                        field: fieldId
                    });
                    continue;
                }
                if (!isRecord(values)) {
                    continue;
                }
                const converted = field.localized
                    ? readLocalizedField(values, field.reader, keys, entity, fieldId, report)
                    : readNonLocalizedField(values, field.reader, keys, entity, fieldId, report);
                if (converted) {
                    fields[fieldId] = converted;
                }
            }
        }
        const entitySys = toEntitySys(sys, 'Entry');
        entitySys.contentTypeId = contentTypeId;
        const document: Document<DocumentContext> = {
            type: 'document',
            id: sys.id,
            manageUrl: manageUrlPrefix + sys.id,
            modelName: contentTypeId,
            status: documentStatus(entitySys),
            createdAt: sys.createdAt,
            updatedAt: sys.updatedAt,
            fields,
            context: { sys: entitySys }
        };
        applyUsers(document, sys, ctx.userEmail);
        const locale = ctx.assignLocale?.(entry);
        if (locale !== undefined) {
            document.locale = locale;
        }
        return document;
    };
}

/** The entity a field belongs to, for diagnostics (one object per entity, labels built only when reporting). */
export interface EntityRef {
    kind: 'Entry' | 'Asset';
    id: string;
    contentTypeId?: string;
}

function entityLabel(entity: EntityRef): string {
    return entity.contentTypeId === undefined ? `${entity.kind} "${entity.id}"` : `${entity.kind} "${entity.id}" (content type "${entity.contentTypeId}")`;
}

/**
 * @internal A localized field: one entry per ENABLED locale that has a value. Values under
 * space locales that are not enabled are skipped silently (they stay in Contentful); values under
 * codes the space does not have are reported once per entity and field.
 */
export function readLocalizedField<Props extends { locale: string }, LocalizedField>(
    values: Record<string, unknown>,
    reader: LocalizedValueReader<Props, LocalizedField>,
    keys: LocaleKeys,
    entity: EntityRef,
    fieldId: string,
    report: (diagnostic: Diagnostic) => void
): LocalizedField | undefined {
    let locales: Record<string, Props> | undefined;
    let unknownCodes: string[] | undefined;
    let unreadableCodes: string[] | undefined;
    for (const code in values) {
        const value = values[code];
        if (value === null || value === undefined) {
            continue;
        }
        if (keys.enabled.has(code)) {
            const props = reader.readLocale(value, code);
            if (props) {
                (locales ??= {})[code] = props;
            } else {
                (unreadableCodes ??= []).push(code);
            }
        } else if (!keys.rank.has(code)) {
            (unknownCodes ??= []).push(code);
        }
    }
    if (unknownCodes) {
        reportUnknownCodes(unknownCodes, entity, fieldId, report);
    }
    if (unreadableCodes) {
        reportUnreadable(unreadableCodes, entity, fieldId, report);
    }
    return locales ? reader.localizedField(locales) : undefined;
}

/**
 * A non-localized field: the default locale's value. When the default locale has none but another
 * key has (data written before Contentful dropped other-locale values of non-localized fields, or
 * a changed default locale), that value is shown, preferring space locales in order, and reported.
 */
function readNonLocalizedField(
    values: Record<string, unknown>,
    reader: FieldValueReader,
    keys: LocaleKeys,
    entity: EntityRef,
    fieldId: string,
    report: (diagnostic: Diagnostic) => void
): DocumentField | undefined {
    let candidate: string | undefined;
    let candidateRank = Number.POSITIVE_INFINITY;
    let unknownCodes: string[] | undefined;
    for (const code in values) {
        const value = values[code];
        if (code === keys.defaultLocale || value === null || value === undefined) {
            continue;
        }
        const rank = keys.rank.get(code);
        if (rank === undefined) {
            (unknownCodes ??= []).push(code);
        }
        // Unknown codes rank after every space locale.
        const effectiveRank = rank ?? keys.rank.size;
        if (effectiveRank < candidateRank) {
            candidate = code;
            candidateRank = effectiveRank;
        }
    }
    if (unknownCodes) {
        reportUnknownCodes(unknownCodes, entity, fieldId, report);
    }
    const defaultValue = values[keys.defaultLocale];
    const field = reader.readField(defaultValue);
    if (!field && defaultValue !== null && defaultValue !== undefined) {
        reportUnreadable([keys.defaultLocale], entity, fieldId, report);
    }
    if (field || candidate === undefined) {
        return field;
    }
    report({
        kind: 'nonlocalized-value-outside-default',
        message:
            `${entityLabel(entity)}, field "${fieldId}" is not localized but has no value under the default locale "${keys.defaultLocale}"; ` +
            `showing its value stored under "${candidate}". Saving the field writes it under "${keys.defaultLocale}".`,
        documentId: entity.id,
        field: fieldId,
        locale: candidate
    });
    return reader.readField(values[candidate]);
}

function reportUnknownCodes(codes: string[], entity: EntityRef, fieldId: string, report: (diagnostic: Diagnostic) => void): void {
    report({
        kind: 'unknown-locale-key',
        message: `${entityLabel(entity)}, field "${fieldId}" has values under locale code(s) ${codes.map((code) => `"${code}"`).join(', ')} that the space does not have; they are left untouched in Contentful.`,
        documentId: entity.id,
        field: fieldId,
        locale: codes[0]
    });
}

function reportUnreadable(codes: string[], entity: EntityRef, fieldId: string, report: (diagnostic: Diagnostic) => void): void {
    report({
        kind: 'other',
        message: `${entityLabel(entity)}, field "${fieldId}": the value in locale(s) ${codes.map((code) => `"${code}"`).join(', ')} does not fit the field's type (e.g. a link without an id) and is not shown; it is left untouched in Contentful.`,
        documentId: entity.id,
        field: fieldId,
        locale: codes[0]
    });
}

/** The `sys` fields the adapter keeps, without undefined keys. */
interface ContentfulSys {
    id: string;
    version: number;
    publishedVersion?: number;
    archivedVersion?: number;
    fieldStatus?: { '*': Record<string, 'draft' | 'changed' | 'published'> };
    createdBy?: { sys: { id: string } };
    updatedBy?: { sys: { id: string } };
}

/** @internal Shared with asset-converter.ts and versions.ts. */
export function toEntitySys(sys: ContentfulSys, type: EntitySys['type']): EntitySys {
    const result: EntitySys = { type, id: sys.id, version: sys.version };
    if (sys.publishedVersion !== undefined && sys.publishedVersion !== null) {
        result.publishedVersion = sys.publishedVersion;
    }
    if (sys.archivedVersion !== undefined && sys.archivedVersion !== null) {
        result.archivedVersion = sys.archivedVersion;
    }
    const fieldStatus = sys.fieldStatus?.['*'];
    if (fieldStatus) {
        result.fieldStatus = fieldStatus;
    }
    return result;
}

/** @internal `createdBy` (email, else user id) and `updatedBy` ([email, else user id]). */
export function applyUsers(target: { createdBy?: string; updatedBy?: string[] }, sys: ContentfulSys, userEmail: ((userId: string) => string | undefined) | undefined): void {
    const createdById = sys.createdBy?.sys?.id;
    if (createdById) {
        target.createdBy = userEmail?.(createdById) ?? createdById;
    }
    const updatedById = sys.updatedBy?.sys?.id;
    if (updatedById) {
        target.updatedBy = [userEmail?.(updatedById) ?? updatedById];
    }
}
