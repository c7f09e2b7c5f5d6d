/**
 * What the demo prints: per enabled locale, the documents an editor sees in that locale and whether
 * each is the locale's own content or inherited through the fallback chain.
 */
import type { Document } from '@stackbit/types';
import type { LocalizedContentfulSource } from '../src/index.js';

function titleOf(document: Document, locale: string, defaultLocale: string): string {
    for (const name of ['title', 'name', 'siteName', 'label']) {
        const field = document.fields[name];
        if (!field) continue;
        if (field.localized) {
            const own = (field.locales as Record<string, { value?: unknown }>)[locale] ?? (field.locales as Record<string, { value?: unknown }>)[defaultLocale];
            if (own && own.value !== undefined) return String(own.value);
        } else if ('value' in field) {
            return String(field.value);
        }
    }
    return document.id;
}

/** Lines describing the space per locale (own / inherited / missing). */
export function describeSpacePerLocale(source: LocalizedContentfulSource, documents: Document[]): string[] {
    const locales = source.getLocales().filter((locale) => locale.enabled);
    const defaultLocale = locales.find((locale) => locale.default)!.code;
    const lines: string[] = [];
    lines.push(`Locales: ${locales.map((l) => `${l.code}${l.default ? ' (default)' : ''}${l.fallback ? ` → ${l.fallback}` : ''}`).join(', ')}`);
    const seenGroups = new Set<string>();
    const rows: { label: string; statuses: Record<string, string> }[] = [];
    for (const document of documents) {
        if (document.modelName === 'stackbitPreset') continue;
        const alternates = document.locale ? source.getAlternates({ documentId: document.id }) : {};
        const groupKey = document.locale ? Object.values(alternates).sort().join('|') : document.id;
        if (seenGroups.has(groupKey)) continue;
        seenGroups.add(groupKey);
        const statuses: Record<string, string> = {};
        for (const status of source.getLocalizationStatus({ documentId: document.id })) {
            statuses[status.locale] = status.state === 'inherited' ? `inherited from ${status.from}` : status.state;
        }
        const kind = document.locale ? 'object-level' : Object.values(document.fields).some((f) => f.localized) ? 'field-level' : 'not localized';
        rows.push({ label: `${document.modelName} "${titleOf(document, defaultLocale, defaultLocale)}" (${kind})`, statuses });
    }
    for (const locale of locales) {
        lines.push('', `── ${locale.code} ──`);
        for (const row of rows) {
            lines.push(`  ${row.statuses[locale.code]?.padEnd(24) ?? ''.padEnd(24)} ${row.label}`);
        }
    }
    const diagnostics = source.getDiagnostics();
    if (diagnostics.length > 0) {
        lines.push('', `Diagnostics (${diagnostics.length}):`, ...diagnostics.map((d) => `  - ${d.message}`));
    }
    return lines;
}
