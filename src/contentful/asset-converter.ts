/**
 * Contentful assets → Stackbit assets (pure).
 *
 * One asset record per file, localized `title`, `description` and `file` (same asset id in every
 * locale). Assets whose file was uploaded but never processed (no `url` yet) keep their file name
 * and content type, use the upload URL when there is one, and are reported.
 */
import type { Asset, AssetFileFieldLocalized, AssetFileFieldProps, AssetFields, DocumentStringLikeFieldForType } from '@stackbit/types';
import type { Diagnostic, LocaleContext } from '../localization/types.js';
import type { AssetContext, AssetProps } from './types.js';
import { applyUsers, localeKeys, readLocalizedField, toEntitySys, type EntityRef } from './entry-converter.js';
import { createFieldReader, isRecord, type LocalizedValueReader } from './field-values.js';
import { documentStatus } from './status.js';

/** What {@link createAssetConverter} needs: where assets live and the project's locales. */
export interface AssetConverterContext {
    spaceId: string;
    environment: string;
    /** Base URL of the Contentful web app, e.g. `https://app.contentful.com`. */
    managementAppUrl: string;
    locales: LocaleContext;
    userEmail?: (userId: string) => string | undefined;
    report: (diagnostic: Diagnostic) => void;
}

/** Converts one asset. Never throws on bad data. */
export type AssetConverter = (asset: AssetProps) => Asset<AssetContext>;

/**
 * Compiles an asset converter for the project locales. Only enabled locales are returned; values
 * under codes the space does not have are reported once per asset and field.
 */
export function createAssetConverter(ctx: AssetConverterContext): AssetConverter {
    const keys = localeKeys(ctx.locales);
    const titleReader = createFieldReader({ type: 'string' });
    const descriptionReader = createFieldReader({ type: 'text' });
    const fileReader = assetFileReader();
    const manageUrlPrefix = `${ctx.managementAppUrl.replace(/\/+$/, '')}/spaces/${ctx.spaceId}/environments/${ctx.environment}/assets/`;
    const report = ctx.report;

    return (asset: AssetProps): Asset<AssetContext> => {
        const sys = asset.sys;
        const entity: EntityRef = { kind: 'Asset', id: sys.id };
        const assetFields: Record<string, unknown> = isRecord(asset.fields) ? asset.fields : {};
        const read = <Props extends { locale: string }, Field>(fieldId: string, reader: LocalizedValueReader<Props, Field>): Field | undefined => {
            const values = assetFields[fieldId];
            return isRecord(values) ? readLocalizedField(values, reader, keys, entity, fieldId, report) : undefined;
        };
        // The string readers produce exactly the string/text CSI shapes.
        const fields: AssetFields = {
            title: (read('title', titleReader) as DocumentStringLikeFieldForType<'string'> | undefined) ?? { type: 'string', localized: true, locales: {} },
            file: read('file', fileReader) ?? { type: 'assetFile', localized: true, locales: {} }
        };
        const description = read('description', descriptionReader);
        if (description) {
            fields.description = description as DocumentStringLikeFieldForType<'text'>;
        }
        reportUnprocessedFiles(asset, keys.enabled, report);
        const entitySys = toEntitySys(sys, 'Asset');
        const result: Asset<AssetContext> = {
            type: 'asset',
            id: sys.id,
            manageUrl: manageUrlPrefix + sys.id,
            status: documentStatus(entitySys),
            createdAt: sys.createdAt,
            updatedAt: sys.updatedAt,
            fields,
            context: { sys: entitySys }
        };
        applyUsers(result, sys, ctx.userEmail);
        return result;
    };
}

type AssetFileLocaleProps = { locale: string } & AssetFileFieldProps;

/** Reads `fields.file[locale]` into `assetFile` props (asset files are always localized in Contentful). */
function assetFileReader(): LocalizedValueReader<AssetFileLocaleProps, AssetFileFieldLocalized> {
    return {
        readLocale(value, locale) {
            const props = assetFileProps(value);
            return props ? { locale, ...props } : undefined;
        },
        localizedField(locales) {
            return { type: 'assetFile', localized: true, locales };
        }
    };
}

/**
 * `{ url, fileName, contentType, size, dimensions }` of one locale's file. Protocol-relative CDN
 * URLs get `https:`; an unprocessed file uses its `upload` URL (or no URL at all).
 */
export function assetFileProps(value: unknown): AssetFileFieldProps | undefined {
    if (!isRecord(value)) {
        return undefined;
    }
    const url = typeof value.url === 'string' && value.url ? absoluteUrl(value.url) : typeof value.upload === 'string' && /^https?:\/\//.test(value.upload) ? value.upload : '';
    const props: AssetFileFieldProps = { url };
    if (typeof value.fileName === 'string') {
        props.fileName = value.fileName;
    }
    if (typeof value.contentType === 'string') {
        props.contentType = value.contentType;
    }
    const details = isRecord(value.details) ? value.details : undefined;
    if (typeof details?.size === 'number') {
        props.size = details.size;
    }
    const image = isRecord(details?.image) ? details.image : undefined;
    if (image && (typeof image.width === 'number' || typeof image.height === 'number')) {
        props.dimensions = {};
        if (typeof image.width === 'number') {
            props.dimensions.width = image.width;
        }
        if (typeof image.height === 'number') {
            props.dimensions.height = image.height;
        }
    }
    return props;
}

function absoluteUrl(url: string): string {
    return url.startsWith('//') ? `https:${url}` : url;
}

/** One 'unprocessed-asset' report per asset listing the enabled locales whose file has no `url` yet. */
function reportUnprocessedFiles(asset: AssetProps, enabled: ReadonlySet<string>, report: (diagnostic: Diagnostic) => void): void {
    const files: unknown = isRecord(asset.fields) ? asset.fields.file : undefined;
    if (!isRecord(files)) {
        return;
    }
    let unprocessed: string[] | undefined;
    for (const code in files) {
        const file = files[code];
        if (enabled.has(code) && isRecord(file) && !(typeof file.url === 'string' && file.url)) {
            (unprocessed ??= []).push(code);
        }
    }
    if (unprocessed) {
        report({
            kind: 'unprocessed-asset',
            message: `Asset "${asset.sys.id}": the file in locale(s) ${unprocessed.map((code) => `"${code}"`).join(', ')} was uploaded but not processed by Contentful yet (no URL); process it in Contentful or upload it again.`,
            documentId: asset.sys.id,
            field: 'file',
            locale: unprocessed[0]
        });
    }
}
