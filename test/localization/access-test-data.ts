/**
 * Test data for the access / publish / preset / copy / create tests: a small locale context,
 * users in both shapes the engine passes, and helpers over the real recorded Contentful exports.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Document, DocumentField } from '@stackbit/types';
import type { ContentTypeProps, EntryProps, LocalizedFields } from '../../src/contentful/types.js';
import type { AccessOptions } from '../../src/options.js';
import type { LocaleContext, LocaleInfo, ModelLocalization } from '../../src/localization/types.js';

const recordingsDir = new URL('../fixtures/contentful-recordings/', import.meta.url);

/** Parses one recorded Contentful body. */
export function recording<T = unknown>(fileName: string): T {
    return JSON.parse(readFileSync(fileURLToPath(new URL(fileName, recordingsDir)), 'utf8')) as T;
}

/** A contentful-export file. */
export interface ContentfulExport {
    contentTypes: ContentTypeProps[];
    entries: EntryProps[];
    locales: { code: string; fallbackCode: string | null; default: boolean; name: string; contentManagementApi: boolean }[];
}

/** The stackbit-examples multi-brand export: object-level pages (`locale` field), localized brands. */
export const multiBrand = (): ContentfulExport => recording<ContentfulExport>('export-stackbit-i18n-multi-brand-en-US-es.json');
/** The stackbit-examples field-level export: localized titles, non-localized slugs. */
export const fieldLevel = (): ContentfulExport => recording<ContentfulExport>('export-stackbit-i18n-field-level-en-US-es.json');

export function contentTypeOf(exported: ContentfulExport, id: string): ContentTypeProps {
    const found = exported.contentTypes.find((contentType) => contentType.sys.id === id);
    if (!found) throw new Error(`no content type ${id}`);
    return found;
}

export function entryOf(exported: ContentfulExport, id: string): EntryProps {
    const found = exported.entries.find((entry) => entry.sys.id === id);
    if (!found) throw new Error(`no entry ${id}`);
    return found;
}

/** A LocaleContext from `code → fallback` pairs (first = default), with optional disabled codes. */
export function localeContext(chain: [string, string | null][], disabled: string[] = []): LocaleContext {
    const locales: LocaleInfo[] = chain.map(([code, fallback], index) => ({ code, name: code, default: index === 0, fallback, enabled: !disabled.includes(code) }));
    const fallbackChains: Record<string, string[]> = {};
    for (const { code } of locales) {
        const seen: string[] = [];
        let next = locales.find((locale) => locale.code === code)?.fallback ?? null;
        while (next && !seen.includes(next) && next !== code) {
            seen.push(next);
            next = locales.find((locale) => locale.code === next)?.fallback ?? null;
        }
        fallbackChains[code] = seen;
    }
    return { locales, defaultLocale: chain[0]![0], enabled: locales.filter((locale) => locale.enabled).map((locale) => locale.code), fallbackChains };
}

/** en-US (default); fr → en-US; fr-CA → fr; de → en-US; it (disabled for the project). */
export const EUROPE = localeContext(
    [
        ['en-US', null],
        ['fr', 'en-US'],
        ['fr-CA', 'fr'],
        ['de', 'en-US'],
        ['it', null]
    ],
    ['it']
);

/** The multi-brand export's locales: en-US (default), es → en-US. */
export function localesOfExport(exported: ContentfulExport, disabled: string[] = []): LocaleContext {
    const ordered = [...exported.locales].sort((a, b) => Number(b.default) - Number(a.default));
    return localeContext(
        ordered.map((locale) => [locale.code, locale.fallbackCode]),
        disabled
    );
}

/** Access rules used across the tests. */
export const ACCESS: AccessOptions = {
    rules: [
        { emails: ['*@acme.fr'], locales: ['fr'] },
        { roles: ['translator'], sso: { department: 'de-*' }, locales: ['de'] },
        { emails: ['multi@acme.com'], locales: ['fr', 'de'] }
    ],
    default: '*'
};

/** The engine user (what permissionsForDocument / permissionsForModel get). */
export function engineUser(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { id: `id-${email}`, name: email.split('@')[0], email, role: 'editor', connections: [{ type: 'contentful', accessToken: 'secret' }], ...extra };
}

/** The merged per-source user context (what CSI methods get). */
export function userContext(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { name: email.split('@')[0], email, role: 'editor', type: 'contentful', accessToken: 'secret', ...extra };
}

/** A model localization. */
export function model(modelName: string, options: Partial<ModelLocalization> = {}): ModelLocalization {
    return { modelName, objectLevel: false, localizedFields: [], nonLocalizedFields: [], sharedFields: [], ...options };
}

/** The model localization of a recorded content type. */
export function modelOfContentType(contentType: ContentTypeProps, options: Partial<ModelLocalization> = {}): ModelLocalization {
    return model(contentType.sys.id, {
        localizedFields: contentType.fields.filter((field) => field.localized).map((field) => field.id),
        nonLocalizedFields: contentType.fields.filter((field) => !field.localized).map((field) => field.id),
        ...options
    });
}

/**
 * A Stackbit document from a recorded entry: localized fields as `{ localized: true, locales }`,
 * the others as `{ value }` from the default locale. Enough for the rules, which read the model,
 * `locale` and the `localized` flags only.
 */
export function documentOf(entry: EntryProps, contentType: ContentTypeProps, defaultLocale: string, locale?: string): Document {
    const fields: Record<string, DocumentField> = {};
    for (const field of contentType.fields) {
        const values = (entry.fields as LocalizedFields)[field.id];
        if (!values) continue;
        fields[field.id] = field.localized
            ? { type: 'json', localized: true, locales: Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { locale: code, value }])) }
            : { type: 'json', value: values[defaultLocale] };
    }
    return {
        type: 'document',
        id: entry.sys.id,
        manageUrl: '',
        modelName: contentType.sys.id,
        status: 'published',
        createdAt: entry.sys.createdAt,
        updatedAt: entry.sys.updatedAt,
        locale,
        fields,
        context: {}
    };
}
