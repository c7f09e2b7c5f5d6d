/**
 * Uploads and asset file processing. `POST upload/…/uploads` keeps the bytes; `PUT …/assets/:id/
 * files/:locale/process` turns that locale's `upload`/`uploadFrom` file into a processed one (`url`
 * under the space's asset base URL, `details.size`, `details.image` for images) and touches no other
 * locale. The processed bytes are kept so the HTTP server can serve them.
 */
import { createHash } from 'node:crypto';
import { badRequest, invalidEntry, notFound } from './errors.js';
import { checkVersion, emitChange, type WriteContext } from './lifecycle.js';
import { isPlainObject, link, sysId } from './normalize.js';
import type { EmulatedSpace, StoredFile } from './space.js';
import type { EntityRecord, Link } from './types.js';

/** A stored upload (`{ sys: { type: 'Upload', id, … } }` plus its bytes). */
export interface UploadRecord {
    sys: { type: 'Upload'; id: string; createdAt: string; expiresAt: string; createdBy: Link<'User'>; space: Link<'Space'>; environment?: Link<'Environment'> };
    bytes: Uint8Array;
}

// Uploads and pending processing are transient API state, not content: they live beside the space
// (keyed by it) rather than in it, and are not part of its export.
const uploadsBySpace = new WeakMap<EmulatedSpace, Map<string, UploadRecord>>();
const pendingBySpace = new WeakMap<EmulatedSpace, { record: EntityRecord; locale: string; readyAt: number; userId: string }[]>();

function uploads(space: EmulatedSpace): Map<string, UploadRecord> {
    let map = uploadsBySpace.get(space);
    if (!map) {
        map = new Map();
        uploadsBySpace.set(space, map);
    }
    return map;
}

/** Stores uploaded bytes; the upload expires after 48 hours like Contentful's. */
export function createUpload(space: EmulatedSpace, bytes: Uint8Array, write: WriteContext, withEnvironment: boolean): UploadRecord['sys'] {
    const now = space.now();
    const links = space.spaceLinks();
    const sys: UploadRecord['sys'] = {
        type: 'Upload',
        id: space.newId(),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 48 * 3600 * 1000).toISOString(),
        createdBy: link('User', write.userId),
        space: links.space!,
        ...(withEnvironment ? { environment: links.environment! } : {})
    };
    uploads(space).set(sys.id, { sys, bytes });
    return sys;
}

/** An upload's sys, or a 404. */
export function getUpload(space: EmulatedSpace, id: string): UploadRecord {
    const upload = uploads(space).get(id);
    if (!upload) {
        throw notFound({ type: 'Upload', id, space: space.spaceId });
    }
    return upload;
}

/** Deletes an upload. */
export function deleteUpload(space: EmulatedSpace, id: string): void {
    getUpload(space, id);
    uploads(space).delete(id);
}

/** Width and height of a PNG, GIF, JPEG or SVG, or undefined. */
export function imageDimensions(bytes: Uint8Array, contentType: string): { width: number; height: number } | undefined {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
        return { width: view.getUint32(16), height: view.getUint32(20) };
    }
    if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
        return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
    }
    if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
        let offset = 2;
        while (offset + 9 < bytes.length) {
            const marker = bytes[offset + 1]!;
            const length = view.getUint16(offset + 2);
            if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
                return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
            }
            offset += 2 + length;
        }
        return undefined;
    }
    if (contentType.includes('svg')) {
        const text = new TextDecoder().decode(bytes.subarray(0, 4096));
        const width = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)/.exec(text)?.[1];
        const height = /<svg[^>]*\sheight="(\d+(?:\.\d+)?)/.exec(text)?.[1];
        if (width && height) {
            return { width: Math.round(Number(width)), height: Math.round(Number(height)) };
        }
        const viewBox = /viewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/.exec(text);
        return viewBox ? { width: Math.round(Number(viewBox[1])), height: Math.round(Number(viewBox[2])) } : undefined;
    }
    return undefined;
}

function decodeDataUrl(url: string): StoredFile | undefined {
    const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(url);
    if (!match) {
        return undefined;
    }
    const bytes = match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!));
    return { bytes: new Uint8Array(bytes), contentType: match[1] || 'application/octet-stream' };
}

function sourceBytes(space: EmulatedSpace, file: Record<string, unknown>, path: (string | number)[]): Uint8Array | undefined {
    const uploadId = sysId(file.uploadFrom);
    if (uploadId) {
        const upload = uploads(space).get(uploadId);
        if (!upload) {
            throw invalidEntry([{ name: 'notResolvable', link: { type: 'Link', linkType: 'Upload', id: uploadId }, path: [...path, 'uploadFrom'], details: `Upload "${uploadId}" does not exist or has expired` }]);
        }
        return upload.bytes;
    }
    const url = typeof file.upload === 'string' ? file.upload : undefined;
    return url ? (space.remoteFiles.get(url) ?? decodeDataUrl(url))?.bytes : undefined;
}

function finishProcessing(space: EmulatedSpace, record: EntityRecord, locale: string, userId: string): void {
    const files = record.data.fields.file;
    const file = files?.[locale];
    if (!isPlainObject(file) || file.url) {
        return;
    }
    const path = ['fields', 'file', locale];
    const bytes = sourceBytes(space, file, path);
    const fileName = String(file.fileName);
    const contentType = String(file.contentType);
    const hash = createHash('md5')
        .update(bytes ?? `${String(file.upload)}|${fileName}`)
        .digest('hex');
    const isImage = contentType.startsWith('image/');
    const base = !isImage && space.assetBaseUrl === '//images.ctfassets.net' ? '//assets.ctfassets.net' : space.assetBaseUrl;
    const key = `${space.spaceId}/${record.data.sys.id}/${hash}/${encodeURIComponent(fileName)}`;
    const image = bytes && isImage ? imageDimensions(bytes, contentType) : undefined;
    if (bytes) {
        space.files.set(key, { bytes, contentType });
    }
    files![locale] = { url: `${base}/${key}`, details: { size: bytes?.length ?? 0, ...(image ? { image } : {}) }, fileName, contentType };
    // Processing is a change Contentful records as a new version.
    const sys = record.data.sys;
    sys.version += 1;
    sys.updatedAt = space.timestamp();
    sys.updatedBy = link('User', userId);
    if (sys.fieldStatus && sys.fieldStatus['*'][locale] === 'published') {
        sys.fieldStatus['*'][locale] = 'changed';
    }
    emitChange(space, record, 'save');
}

/**
 * `PUT …/assets/:id/files/:locale/process`. Several locales may be processed with the same version
 * (the SDK's `processForAllLocales` sends them concurrently), as Contentful processes asynchronously.
 */
export function processAssetFile(space: EmulatedSpace, record: EntityRecord, locale: string, versionHeader: string | null, write: WriteContext): void {
    checkVersion(record, versionHeader, record.processingBaseVersion);
    const file = record.data.fields.file?.[locale];
    if (!isPlainObject(file)) {
        throw badRequest(`Asset "${record.data.sys.id}" has no file in locale "${locale}" to process`);
    }
    if (file.url && !file.upload && !file.uploadFrom) {
        return; // already processed: nothing to do
    }
    sourceBytes(space, file, ['fields', 'file', locale]); // fail now on a missing upload, like Contentful
    record.processingBaseVersion ??= record.data.sys.version;
    if (space.assetProcessingDelayMs <= 0) {
        finishProcessing(space, record, locale, write.userId);
        return;
    }
    let pending = pendingBySpace.get(space);
    if (!pending) {
        pending = [];
        pendingBySpace.set(space, pending);
    }
    pending.push({ record, locale, readyAt: space.now().getTime() + space.assetProcessingDelayMs, userId: write.userId });
}

/** Finishes processing that is due (called before every request). */
export function finishDueProcessing(space: EmulatedSpace): void {
    const pending = pendingBySpace.get(space);
    if (!pending?.length) {
        return;
    }
    const now = space.now().getTime();
    const due = pending.filter((job) => job.readyAt <= now);
    pendingBySpace.set(
        space,
        pending.filter((job) => job.readyAt > now)
    );
    for (const job of due) {
        finishProcessing(space, job.record, job.locale, job.userId);
    }
}
