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

type LocaleStatus = ReturnType<LocalizedContentfulSource['getLocalizationStatus']>[number];

/**
 * One locale's status in words: `own` content, `inherited from <locale>` (with the variant shown, for
 * object-level documents), `missing`; for field-level documents the fields that show a fallback value; for
 * documents without localized fields, the one shared value.
 */
function describeStatus(status: LocaleStatus, kind: string, alternates: Record<string, string>): string {
    if (kind === 'not localized') {
        return status.state === 'missing' ? 'missing' : 'shared (one value)';
    }
    if (status.state === 'missing') return 'missing';
    if (status.state === 'inherited') {
        const variant = alternates[status.from ?? ''];
        return `inherited from ${status.from}${variant ? ` (${variant})` : ''}`;
    }
    const inheritedFields = Object.entries(status.fields ?? {})
        .filter(([, state]) => state === 'inherited')
        .map(([fieldId]) => fieldId);
    return inheritedFields.length > 0 ? `own, ${inheritedFields.join(', ')} inherited` : 'own';
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
        const kind = document.locale ? 'object-level' : Object.values(document.fields).some((f) => f.localized) ? 'field-level' : 'not localized';
        const statuses: Record<string, string> = {};
        for (const status of source.getLocalizationStatus({ documentId: document.id })) {
            statuses[status.locale] = describeStatus(status, kind, alternates);
        }
        rows.push({ label: `${document.modelName} "${titleOf(document, defaultLocale, defaultLocale)}" (${kind})`, statuses });
    }
    const width = Math.max(24, ...rows.flatMap((row) => Object.values(row.statuses).map((status) => status.length + 2)));
    for (const locale of locales) {
        lines.push('', `── ${locale.code} ──`);
        for (const row of rows) {
            lines.push(`  ${(row.statuses[locale.code] ?? '').padEnd(width)} ${row.label}`);
        }
    }
    const diagnostics = source.getDiagnostics();
    if (diagnostics.length > 0) {
        lines.push('', `Diagnostics (${diagnostics.length}):`, ...diagnostics.map((d) => `  - ${d.message}`));
    }
    return lines;
}
