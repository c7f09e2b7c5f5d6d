/**
 * Test helpers for the pure Contentful converters: recorded fixtures, locale contexts, and a
 * diagnostics collector. No adapter code is stubbed here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, LocaleContext, LocaleInfo } from '../../src/localization/types.js';
import type { AssetProps, ContentTypeProps, EditorInterfaceProps, EntryProps, LocaleProps } from '../../src/contentful/types.js';

const RECORDINGS = fileURLToPath(new URL('../fixtures/contentful-recordings/', import.meta.url));

/** A recorded Contentful response body, parsed. */
export function recording<T = unknown>(name: string): T {
    return JSON.parse(readFileSync(RECORDINGS + name, 'utf8')) as T;
}

/** `items` of a recorded collection. */
export function recordedItems<T>(name: string): T[] {
    return recording<{ items: T[] }>(name).items;
}

/** A contentful-export file. */
export interface ExportFile {
    contentTypes: ContentTypeProps[];
    editorInterfaces: EditorInterfaceProps[];
    entries: EntryProps[];
    assets: AssetProps[];
    locales: LocaleProps[];
}

export function exportFile(name: string): ExportFile {
    return recording<ExportFile>(name);
}

/** The subset of a Contentful locale the tests need (recorded shapes vary by year). */
export interface LocaleLike {
    code: string;
    name?: string;
    default?: boolean;
    fallbackCode?: string | null;
    contentManagementApi?: boolean;
}

/**
 * A LocaleContext from Contentful locales, the way the adapter resolves it: enabled = the given
 * codes, or every locale editable through the CMA.
 */
export function localeContextFromLocales(locales: LocaleLike[], enabled?: string[]): LocaleContext {
    const defaultLocale = locales.find((locale) => locale.default)?.code ?? locales[0]!.code;
    const ordered = [...locales].sort((a, b) => (a.code === defaultLocale ? -1 : b.code === defaultLocale ? 1 : 0));
    const enabledCodes = enabled ?? ordered.filter((locale) => locale.contentManagementApi !== false).map((locale) => locale.code);
    const infos: LocaleInfo[] = ordered.map((locale) => ({
        code: locale.code,
        name: locale.name ?? locale.code,
        default: locale.code === defaultLocale,
        fallback: locale.fallbackCode ?? null,
        enabled: enabledCodes.includes(locale.code)
    }));
    const fallbackChains: Record<string, string[]> = {};
    for (const info of infos) {
        const chain: string[] = [];
        let next = info.fallback;
        while (next && !chain.includes(next) && next !== info.code) {
            chain.push(next);
            next = infos.find((candidate) => candidate.code === next)?.fallback ?? null;
        }
        fallbackChains[info.code] = chain;
    }
    return {
        locales: infos,
        defaultLocale,
        enabled: infos.filter((info) => info.enabled).map((info) => info.code),
        fallbackChains
    };
}

/** A LocaleContext from codes; the first is the default, all are enabled unless `enabled` says otherwise. */
export function localeContext(codes: string[], enabled?: string[]): LocaleContext {
    return localeContextFromLocales(
        codes.map((code, index) => ({ code, default: index === 0 })),
        enabled
    );
}

/** Collects diagnostics. */
export function diagnosticsCollector(): { report: (diagnostic: Diagnostic) => void; diagnostics: Diagnostic[]; ofKind: (kind: Diagnostic['kind']) => Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    return {
        report: (diagnostic) => diagnostics.push(diagnostic),
        diagnostics,
        ofKind: (kind) => diagnostics.filter((diagnostic) => diagnostic.kind === kind)
    };
}

/** A content type built from field shapes, the way the CMA returns it (a field defaults to: name = id, not required, not localized). */
export function contentType(id: string, fields: Partial<ContentTypeProps['fields'][number]>[], extra: Partial<ContentTypeProps> = {}): ContentTypeProps {
    return {
        sys: { id, type: 'ContentType', version: 1, createdAt: '', updatedAt: '' } as ContentTypeProps['sys'],
        name: id,
        description: '',
        displayField: '',
        fields: fields.map((field) => ({ name: field.id!, required: false, localized: false, ...field }) as ContentTypeProps['fields'][number]),
        ...extra
    };
}
