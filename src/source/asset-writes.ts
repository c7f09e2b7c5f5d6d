/**
 * Asset writes: upload (from a URL or base64), per-locale title/description/file updates, and
 * replacing one locale's file while the asset id and every other locale stay as they are.
 */
import type { UpdateOperation } from '@stackbit/types';
import type { AssetProps } from 'contentful-management';
import { ContentfulRequestError, LocalizationError } from '../errors.js';
import { applyAssetOperations } from '../contentful/operations.js';
import { createUpload, getAsset, requestAssetProcessing } from '../contentful/api.js';
import { sleep, wasMaybeApplied } from '../contentful/client.js';
import type { LocalizedFields } from '../contentful/types.js';
import { uploadLocaleFor, type AccessTarget } from '../localization/access.js';
import type { Runtime } from './runtime.js';
import { assertEnabledLocale, callerOf, guard } from './guard.js';
import { createAsset, newEntityId, publishAssetOnce, saveAsset } from './entry-save.js';
import { applyContentChanges } from './loading.js';
import type { SourceAsset } from './document-store.js';

/** A file to store: a public URL Contentful fetches, or the bytes themselves. */
export type AssetFileInput =
    | { url: string; fileName: string; contentType: string }
    | { base64: string; fileName: string; contentType: string };

const PROCESSING_CHECK_WAIT_MS = 300;

function assetTarget(id?: string): AccessTarget {
    return { kind: 'asset', id, objectLevel: false, hasLocalizedFields: true };
}

/** The value of `fields.file[locale]` before processing. */
async function fileValue(runtime: Runtime, file: AssetFileInput): Promise<Record<string, unknown>> {
    if (!file.fileName || !file.contentType) {
        throw new LocalizationError('An asset file needs a `fileName` and a `contentType` (MIME type).');
    }
    if ('url' in file && file.url) {
        if (!/^https?:\/\//i.test(file.url)) {
            throw new LocalizationError(`Cannot store file "${file.fileName}": its url must be an absolute http(s) URL, got "${file.url}".`);
        }
        return { upload: file.url, fileName: file.fileName, contentType: file.contentType };
    }
    if ('base64' in file && file.base64) {
        const bytes = Buffer.from(file.base64, 'base64');
        if (bytes.length === 0) {
            throw new LocalizationError(`Cannot store file "${file.fileName}": its base64 content is empty or not base64.`);
        }
        const upload = await createUpload(runtime.conn, bytes);
        return { uploadFrom: { sys: { type: 'Link', linkType: 'Upload', id: upload.sys.id } }, fileName: file.fileName, contentType: file.contentType };
    }
    throw new LocalizationError(`Cannot store file "${file.fileName}": give either a url or base64 content.`);
}

const PROCESSING_CHECKS = 40;

/** Processes one locale's file and waits (each check retried like any call) until its URL appears. */
async function processLocale(runtime: Runtime, asset: AssetProps, locale: string): Promise<AssetProps> {
    try {
        await requestAssetProcessing(runtime.conn, asset, locale);
    } catch (error) {
        // A lost answer whose retry met 409: processing had started (it moves the version). Wait for it.
        if (!(error instanceof ContentfulRequestError && error.status === 409 && wasMaybeApplied(error))) throw error;
    }
    for (let check = 0; check < PROCESSING_CHECKS; check++) {
        const current = await getAsset(runtime.conn, asset.sys.id);
        if ((current.fields.file as Record<string, { url?: string } | undefined> | undefined)?.[locale]?.url) return current;
        await sleep(PROCESSING_CHECK_WAIT_MS);
    }
    throw new ContentfulRequestError({
        message: `The file of asset "${asset.sys.id}" in "${locale}" was not processed within ${(PROCESSING_CHECKS * PROCESSING_CHECK_WAIT_MS) / 1000} s; Contentful may still finish it: reload the asset later.`
    });
}

/** Processes the given locales' files one after the other (each one moves the version). */
async function processLocales(runtime: Runtime, asset: AssetProps, locales: string[]): Promise<AssetProps> {
    let current = asset;
    for (const locale of locales) {
        current = await processLocale(runtime, current, locale);
    }
    return current;
}

async function store(runtime: Runtime, asset: AssetProps): Promise<SourceAsset> {
    await applyContentChanges(runtime, { assets: [asset] });
    return runtime.store.assets.get(asset.sys.id) ?? runtime.schema.convertAsset(asset);
}

/**
 * CSI `uploadAsset`: a new asset with the file in `locale` and, when that is not the default
 * locale, in the default locale too (an asset is never blank in the default locale). Published,
 * like the official source does, so pages can use it at once.
 */
export async function uploadAsset(
    runtime: Runtime,
    options: { url?: string; base64?: string; fileName: string; mimeType: string; locale?: string; userContext?: unknown }
): Promise<SourceAsset> {
    const { defaultLocale } = runtime.locales;
    const caller = callerOf(runtime, options.userContext);
    const locale = uploadLocaleFor(caller.grant, options.locale ?? defaultLocale, defaultLocale, runtime.locales.enabled);
    assertEnabledLocale(runtime, locale, `upload "${options.fileName}"`);
    guard(runtime, caller, 'upload-asset', assetTarget(), { locales: [locale] });
    const file = await fileValue(
        runtime,
        options.base64 ? { base64: options.base64, fileName: options.fileName, contentType: options.mimeType } : { url: options.url ?? '', fileName: options.fileName, contentType: options.mimeType }
    );
    const locales = locale === defaultLocale ? [locale] : [locale, defaultLocale];
    const title = options.fileName.replace(/\.[^.]+$/, '');
    const fields = {
        title: Object.fromEntries(locales.map((code) => [code, title])),
        file: Object.fromEntries(locales.map((code) => [code, file]))
    };
    const created = await createAsset(runtime.conn, { assetId: newEntityId(), fields: fields as AssetProps['fields'] });
    const processed = await processLocales(runtime, created, locales);
    const published = await publishAssetOnce(runtime.conn, processed);
    return store(runtime, published);
}

/** CSI `updateAsset`: `set`/`unset` of title, description and file per locale. Only changed files are processed. */
export async function updateAsset(runtime: Runtime, options: { asset: { id: string }; operations: UpdateOperation[]; userContext?: unknown }): Promise<void> {
    const { defaultLocale } = runtime.locales;
    const writes = options.operations.map((op) => ({ fieldId: String(op.fieldPath[0]), locale: op.locale ?? defaultLocale }));
    for (const write of writes) assertEnabledLocale(runtime, write.locale, `edit "${write.fieldId}" of asset "${options.asset.id}"`);
    guard(runtime, callerOf(runtime, options.userContext), 'update-asset', assetTarget(options.asset.id), {
        fieldWrites: writes.map((write) => ({ ...write, localized: true }))
    });
    const saved = await saveAsset(runtime.conn, options.asset.id, (current) =>
        applyAssetOperations({ fields: current.fields as unknown as LocalizedFields, operations: options.operations, defaultLocale, assetId: options.asset.id }).fields
    );
    const fileLocales = [...new Set(writes.filter((w) => w.fieldId === 'file').map((w) => w.locale))].filter((locale) => {
        const value = (saved.fields.file as Record<string, { url?: string }> | undefined)?.[locale];
        return value !== undefined && !value.url;
    });
    await store(runtime, await processLocales(runtime, saved, fileLocales));
}

/**
 * Replaces the file of one locale. The asset keeps its id (every entry linking it gets the new
 * file in that locale), only that locale is processed, and the other locales are untouched.
 */
export async function replaceAssetFile(
    runtime: Runtime,
    options: { assetId: string; locale: string; file: AssetFileInput; userContext?: unknown }
): Promise<SourceAsset> {
    assertEnabledLocale(runtime, options.locale, `replace the file of asset "${options.assetId}"`);
    guard(runtime, callerOf(runtime, options.userContext), 'update-asset', assetTarget(options.assetId), {
        fieldWrites: [{ fieldId: 'file', localized: true, locale: options.locale }]
    });
    const file = await fileValue(runtime, options.file);
    const saved = await saveAsset(runtime.conn, options.assetId, (current) => {
        const fields = current.fields as unknown as LocalizedFields;
        return { ...fields, file: { ...fields.file, [options.locale]: file } };
    });
    return store(runtime, await processLocales(runtime, saved, [options.locale]));
}
