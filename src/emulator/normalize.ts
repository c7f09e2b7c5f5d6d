/**
 * Turning loosely shaped input (contentful-export files, recordings from 2014 to 2025, hand-written
 * test seeds) into the stored shapes, without changing what a round trip should give back.
 */
import _ from 'lodash';
import type { Link, WireContentType, WireEditorInterface, WireLocale, WireUser } from './types.js';

type Loose = Record<string, unknown>;

/** A `{ sys: { type: 'Link', linkType, id } }` link. */
export function link<T extends string>(linkType: T, id: string): Link<T> {
    return { sys: { type: 'Link', linkType, id } };
}

/** Whether a value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `sys.id` of anything shaped `{ sys: { id } }`, or undefined. */
export function sysId(value: unknown): string | undefined {
    if (!isPlainObject(value) || !isPlainObject(value.sys)) {
        return undefined;
    }
    const id = value.sys.id;
    return typeof id === 'string' ? id : undefined;
}

/**
 * A locale in the modern shape. Legacy shapes are tolerated: 2016's snake_case `fallback_code`, 2014's
 * missing `fallbackCode`/`optional`/`contentManagementApi`. Keys the input had are kept (so a served
 * locale still carries e.g. `internal_code`); missing modern keys get Contentful's defaults.
 */
export function normalizeLocale(input: Loose, fallbackId: () => string): WireLocale {
    const code = String(input.code ?? '');
    if (!code) {
        throw new Error(`Contentful emulator: a locale needs a \`code\` (got ${JSON.stringify(input)})`);
    }
    const legacyFallback = input.fallback_code;
    const fallbackCode = (input.fallbackCode ?? legacyFallback ?? null) as string | null;
    const sys = isPlainObject(input.sys) ? { ...input.sys } : {};
    const normalized: WireLocale = {
        ..._.omit(input, ['fallback_code']),
        name: String(input.name ?? code),
        code,
        fallbackCode,
        default: input.default === true,
        contentManagementApi: input.contentManagementApi !== false,
        contentDeliveryApi: input.contentDeliveryApi !== false,
        optional: input.optional === true,
        sys: { ...sys, type: 'Locale', id: typeof sys.id === 'string' ? sys.id : fallbackId(), version: typeof sys.version === 'number' ? sys.version : 1 }
    };
    return normalized;
}

/** A content type; `fields` defaults to `[]`, `sys.version` to 1. */
export function normalizeContentType(input: Loose): WireContentType {
    const sys = isPlainObject(input.sys) ? input.sys : {};
    const id = typeof sys.id === 'string' ? sys.id : undefined;
    if (!id) {
        throw new Error(`Contentful emulator: a content type needs \`sys.id\` (got ${JSON.stringify(input).slice(0, 200)})`);
    }
    return {
        ...input,
        sys: { ...sys, id, type: 'ContentType', version: typeof sys.version === 'number' ? sys.version : 1 },
        name: String(input.name ?? id),
        fields: Array.isArray(input.fields) ? (input.fields as WireContentType['fields']) : []
    } as WireContentType;
}

/** An editor interface; the content type comes from `sys.contentType` or the argument. */
export function normalizeEditorInterface(input: Loose, contentTypeId?: string): WireEditorInterface {
    const sys = isPlainObject(input.sys) ? input.sys : {};
    const ctId = contentTypeId ?? sysId(sys.contentType);
    if (!ctId) {
        throw new Error('Contentful emulator: an editor interface needs `sys.contentType`');
    }
    return {
        ...input,
        sys: { ...sys, id: typeof sys.id === 'string' ? sys.id : 'default', type: 'EditorInterface', contentType: link('ContentType', ctId) },
        controls: Array.isArray(input.controls) ? (input.controls as WireEditorInterface['controls']) : []
    } as WireEditorInterface;
}

/** A user; accepts the CMA shape or a short `{ id, email, firstName?, lastName? }`. */
export function normalizeUser(input: Loose, fallbackId: () => string): WireUser {
    const sys = isPlainObject(input.sys) ? input.sys : {};
    const id = typeof sys.id === 'string' ? sys.id : typeof input.id === 'string' ? input.id : fallbackId();
    const email = String(input.email ?? `${id}@users.emulator.local`);
    const [localPart = id] = email.split('@');
    return {
        ..._.omit(input, ['id']),
        sys: { ...sys, type: 'User', id },
        firstName: String(input.firstName ?? _.capitalize(localPart)),
        lastName: String(input.lastName ?? ''),
        email,
        activated: input.activated !== false,
        confirmed: input.confirmed !== false
    } as WireUser;
}
