/**
 * Malformed data from Contentful (issue 8 item 5, SPEC §12): the odd shapes of the recorded real
 * responses, unknown locale keys, missing default-locale values, non-localized values under another
 * locale, entries of deleted content types and assets never processed never crash a load and never
 * drop a value: every value under an enabled locale is shown, or the adapter says why it is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Asset, Document } from '@stackbit/types';
import { EmulatedSpace, createDemoSpace, type ContentfulExport, type WireEntity } from '../../src/emulator/index.js';
import type { Diagnostic } from '../../src/localization/types.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator } from '../helpers/emulator.js';

function recording<T = Record<string, unknown>>(name: string): T {
    return JSON.parse(readFileSync(new URL(`../fixtures/contentful-recordings/${name}`, import.meta.url), 'utf8')) as T;
}
const items = (name: string) => recording<{ items: Record<string, unknown>[] }>(name).items;

/** Spaces rebuilt from the recorded real responses, one per source environment. */
const RECORDED_SPACES: Record<string, () => EmulatedSpace> = {
    'java (8 locales with fallback chains, two not editable; multi-locale entries and assets)': () =>
        EmulatedSpace.fromExport(
            {
                locales: items('java-locales-8-with-fallback-chains.json'),
                contentTypes: items('java-content-types-collection.json'),
                entries: [...items('java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json'), ...items('java-entries-collection-rich-text.json')],
                assets: items('java-assets-collection-multi-locale-en-US-en-UK.json')
            } as ContentfulExport,
            { spaceId: 'java', environment: 'staging' }
        ),
    'php (draft, published, archived entries; archived and unprocessed assets; inferred locales)': () =>
        EmulatedSpace.fromExport(
            {
                contentTypes: items('php-content-types-collection.json'),
                entries: [...items('php-entries-collection-draft-published-archived.json'), recording('php-entry-rich-text.json')],
                assets: items('php-assets-collection-archived-unprocessed.json')
            } as ContentfulExport,
            { spaceId: 'php', environment: 'master' }
        ),
    'ruby (de-DE/en-US/pl-PL entries, link arrays, per-locale asset files)': () =>
        EmulatedSpace.fromExport(
            {
                contentTypes: items('rb-content-types-localized-and-nonlocalized.json'),
                entries: [
                    ...items('rb-entries-collection-de-DE-en-US-pl-PL.json'),
                    ...items('rb-entries-collection-archived-draft-link-arrays.json'),
                    recording('rb-entry-nonlocalized-under-de-DE-es-en-US-de-DE.json'),
                    recording('rb-entry-default-en-GB-null-es-ES.json')
                ],
                assets: items('rb-assets-collection-per-locale-file-en-US-pl.json')
            } as ContentfulExport,
            { spaceId: 'ruby', environment: 'master' }
        ),
    'stackbit example export (field-level, en-US/es)': () => EmulatedSpace.fromExport(recording<ContentfulExport>('export-stackbit-i18n-field-level-en-US-es.json'), { spaceId: 'field', environment: 'master' }),
    'stackbit example export (multi-brand, en-US/es)': () => EmulatedSpace.fromExport(recording<ContentfulExport>('export-stackbit-i18n-multi-brand-en-US-es.json'), { spaceId: 'brand', environment: 'master' })
};

interface Accounting {
    values: number;
    shown: number;
    /** Not shown, with a diagnostic naming the document (and field) saying why. */
    reported: number;
    /** Under a locale the project does not enable: left in Contentful, by design not shown. */
    notEnabled: number;
    /** A non-localized field's copy under another locale while the default locale has the value. */
    shadowed: number;
    dropped: string[];
}

function isValue(value: unknown): boolean {
    return value !== null && value !== undefined;
}

/**
 * Goes through every value Contentful holds and finds it in what the adapter returned. A value the
 * adapter does not show must be explained by a diagnostic about that document or field.
 */
function account(entities: WireEntity[], converted: Map<string, Document | Asset>, diagnostics: Diagnostic[], spaceLocales: string[], enabled: string[], defaultLocale: string, localizedOf: (entity: WireEntity, fieldId: string) => boolean | undefined): Accounting {
    const result: Accounting = { values: 0, shown: 0, reported: 0, notEnabled: 0, shadowed: 0, dropped: [] };
    const explained = (id: string, fieldId: string) => diagnostics.some((d) => d.documentId === id && (d.field === undefined || d.field === fieldId));
    for (const entity of entities) {
        const id = entity.sys.id;
        const item = converted.get(id);
        for (const [fieldId, byLocale] of Object.entries(entity.fields ?? {})) {
            if (typeof byLocale !== 'object' || byLocale === null) continue;
            for (const [code, value] of Object.entries(byLocale)) {
                if (!isValue(value)) continue;
                result.values++;
                const where = `${entity.sys.type} ${id} ${fieldId}[${code}]`;
                if (!item) {
                    result.dropped.push(`${where}: the whole ${entity.sys.type.toLowerCase()} is missing`);
                    continue;
                }
                const field = (item.fields as Record<string, { localized?: boolean; locales?: Record<string, unknown> } | undefined>)[fieldId];
                if (spaceLocales.includes(code) && !enabled.includes(code)) {
                    result.notEnabled++;
                } else if (field?.localized === true && field.locales?.[code] !== undefined) {
                    result.shown++;
                } else if (field && field.localized !== true && (code === defaultLocale || !isValue(byLocale[defaultLocale]))) {
                    result.shown++;
                } else if (field && localizedOf(entity, fieldId) === false && code !== defaultLocale && isValue(byLocale[defaultLocale])) {
                    result.shadowed++;
                } else if (explained(id, fieldId)) {
                    result.reported++;
                } else {
                    result.dropped.push(where);
                }
            }
        }
    }
    return result;
}

async function loadAndAccount(space: EmulatedSpace, options = {}) {
    const { documents, assets, source } = await startSource(space, options);
    const diagnostics = source.getDiagnostics();
    const locales = source.getLocales();
    const enabled = locales.filter((locale) => locale.enabled).map((locale) => locale.code);
    const defaultLocale = locales.find((locale) => locale.default)!.code;
    const spaceLocales = space.localeCodes();
    const localizedOf = (entity: WireEntity, fieldId: string) => {
        if (entity.sys.type === 'Asset') return true;
        const contentType = space.getContentType((entity.sys.contentType as { sys: { id: string } } | undefined)?.sys.id ?? '');
        return contentType?.fields.find((field) => field.id === fieldId)?.localized;
    };
    const byId = new Map<string, Document | Asset>([...documents.map((d) => [d.id, d] as const), ...assets.map((a) => [a.id, a] as const)]);
    const accounting = account([...space.listEntries(), ...space.listAssets()], byId, diagnostics, spaceLocales, enabled, defaultLocale, localizedOf);
    expect(documents).toHaveLength(space.listEntries().length);
    expect(assets).toHaveLength(space.listAssets().length);
    return { accounting, diagnostics, documents, assets, source };
}

describe('recorded real Contentful data loads without a crash and without losing a value', () => {
    const emulator = useEmulator();
    let totalValues = 0;

    it.each(Object.keys(RECORDED_SPACES))('%s', async (name) => {
        const space = RECORDED_SPACES[name]!();
        emulator.use(space);
        const { accounting } = await loadAndAccount(space);
        totalValues += accounting.values;
        console.log(`[bad input] ${name}: ${JSON.stringify({ ...accounting, dropped: accounting.dropped.length })}`);
        expect(accounting.dropped).toEqual([]);
        expect(accounting.values).toBeGreaterThan(0);
        expect(accounting.shown).toBeGreaterThan(accounting.values / 2);
    });

    it('went through the values of every recorded space', () => {
        expect(totalValues).toBeGreaterThan(500);
        console.log(`[bad input] recorded values checked: ${totalValues}`);
    });
});

describe('odd shapes in an otherwise healthy space', () => {
    const link = (linkType: string, id: string) => ({ sys: { type: 'Link', linkType, id } });

    /** The demo space plus one entry or asset for every odd shape real spaces have. */
    function oddSpace(): EmulatedSpace {
        const space = createDemoSpace();
        const product = (id: string, fields: Record<string, Record<string, unknown>>) => space.addEntry({ sys: { id, contentType: link('ContentType', 'product') }, fields } as never, { asImported: true });
        // A localized field with no value in the default locale, only in French.
        product('odd-no-default', { name: { fr: 'Seulement en français' }, price: { 'en-US': 10 } });
        // Values under a locale code the space no longer has.
        product('odd-unknown-locale', { name: { 'en-US': 'Grinder', pl: 'Młynek' }, price: { 'en-US': 12 } });
        // A non-localized field stored under another locale only (pre-2020 data).
        product('odd-nonlocalized-elsewhere', { name: { 'en-US': 'Scale' }, price: { de: 30 }, sku: { fr: 'SCL-9' } });
        // A field the content type no longer has, and a value of the wrong type.
        product('odd-removed-field', { name: { 'en-US': 'Tamper' }, weight: { 'en-US': 450 }, price: { 'en-US': 'twelve' } });
        // No fields at all (the recorded java drafts).
        product('odd-empty', {});
        // Entries whose content type was deleted.
        space.addEntry({ sys: { id: 'odd-deleted-type', contentType: link('ContentType', 'legacyBanner') }, fields: { headline: { 'en-US': 'Sale!', fr: 'Soldes !' } } } as never, { asImported: true });
        // An object-level page without a locale, and one whose locale is not a space locale.
        space.addEntry({ sys: { id: 'odd-page-no-locale', contentType: link('ContentType', 'page') }, fields: { title: { 'en-US': 'Orphan' }, slug: { 'en-US': 'orphan' }, translationKey: { 'en-US': 'orphan' } } } as never);
        space.addEntry({ sys: { id: 'odd-page-es', contentType: link('ContentType', 'page') }, fields: { title: { 'en-US': 'Hola' }, slug: { 'en-US': 'hola' }, locale: { 'en-US': 'es' }, translationKey: { 'en-US': 'hola' } } } as never);
        // An asset whose file was uploaded but never processed, and one with no file at all.
        space.addAsset({ sys: { id: 'odd-unprocessed' }, fields: { title: { 'en-US': 'Raw upload' }, file: { 'en-US': { fileName: 'raw.png', contentType: 'image/png', upload: 'https://uploads.example/raw.png' }, fr: { fileName: 'brut.png', contentType: 'image/png' } } } } as never);
        space.addAsset({ sys: { id: 'odd-no-file' }, fields: { title: { 'en-US': 'Nothing yet' } } } as never);
        return space;
    }

    const emulator = useEmulator(oddSpace);

    it('loads every entry and asset, shows every value it can and reports the rest', async () => {
        const { accounting, diagnostics, documents, assets } = await loadAndAccount(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        console.log(`[bad input] odd shapes: ${JSON.stringify({ ...accounting, dropped: accounting.dropped.length })}`);
        expect(accounting.dropped).toEqual([]);

        const byId = (id: string) => documents.find((document) => document.id === id)!;
        const field = (id: string, fieldId: string) => byId(id).fields[fieldId] as { value?: unknown; locales?: Record<string, { value?: unknown }> } | undefined;
        expect(field('odd-no-default', 'name')!.locales!.fr!.value).toBe('Seulement en français');
        expect(field('odd-unknown-locale', 'name')!.locales!['en-US']!.value).toBe('Grinder');
        expect(field('odd-nonlocalized-elsewhere', 'price')!.value).toBe(30);
        expect(field('odd-nonlocalized-elsewhere', 'sku')!.value).toBe('SCL-9');
        expect(byId('odd-empty').fields).toEqual({});
        expect(byId('odd-deleted-type').modelName).toBe('legacyBanner');
        expect(byId('odd-page-no-locale').locale).toBe('en-US');
        expect(byId('odd-page-es').locale).toBe('en-US');
        const unprocessed = assets.find((asset) => asset.id === 'odd-unprocessed')!;
        const fileOf = (asset: Asset) => (asset.fields.file as { locales: Record<string, unknown> }).locales;
        expect(fileOf(unprocessed)['en-US']).toMatchObject({ url: 'https://uploads.example/raw.png', fileName: 'raw.png' });
        expect(fileOf(unprocessed).fr).toMatchObject({ fileName: 'brut.png' });
        expect((assets.find((asset) => asset.id === 'odd-no-file')!.fields.title as { locales: Record<string, unknown> }).locales['en-US']).toMatchObject({ value: 'Nothing yet' });

        const kinds = (id: string) => diagnostics.filter((d) => d.documentId === id).map((d) => d.kind);
        expect(kinds('odd-unknown-locale')).toContain('unknown-locale-key');
        expect(kinds('odd-nonlocalized-elsewhere')).toContain('nonlocalized-value-outside-default');
        expect(kinds('odd-deleted-type')).toContain('unknown-content-type');
        // A field the content type lost is reported; a value of the wrong type is still shown as it is.
        expect(diagnostics.find((d) => d.documentId === 'odd-removed-field' && d.field === 'weight')?.message).toMatch(/does not define/);
        expect(field('odd-removed-field', 'price')!.value).toBe('twelve');
        expect(kinds('odd-page-no-locale')).toContain('locale-missing');
        expect(kinds('odd-page-es')).toContain('locale-not-enabled');
        expect(kinds('odd-unprocessed')).toContain('unprocessed-asset');
    });

    it('keeps the values it cannot show (or shows from elsewhere) when an editor saves another field of the same entry', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const document = source.runtimeOrUndefined()!.store.documents.get('odd-removed-field')!;
        await source.updateDocument({ document, operations: [{ opType: 'set', fieldPath: ['name'], locale: 'fr', field: { type: 'string', value: 'Tasseur' } } as never] });
        const stored = emulator.space.getEntry('odd-removed-field')!;
        expect(stored.fields.name).toEqual({ 'en-US': 'Tamper', fr: 'Tasseur' });
        expect(stored.fields.weight).toEqual({ 'en-US': 450 });
        expect(stored.fields.price).toEqual({ 'en-US': 'twelve' });

        const legacy = source.runtimeOrUndefined()!.store.documents.get('odd-unknown-locale')!;
        await source.updateDocument({ document: legacy, operations: [{ opType: 'set', fieldPath: ['name'], locale: 'de', field: { type: 'string', value: 'Mühle' } } as never] });
        expect(emulator.space.getEntry('odd-unknown-locale')!.fields.name).toEqual({ 'en-US': 'Grinder', pl: 'Młynek', de: 'Mühle' });

        const elsewhere = source.runtimeOrUndefined()!.store.documents.get('odd-nonlocalized-elsewhere')!;
        await source.updateDocument({ document: elsewhere, operations: [{ opType: 'set', fieldPath: ['name'], locale: 'fr', field: { type: 'string', value: 'Balance' } } as never] });
        expect(emulator.space.getEntry('odd-nonlocalized-elsewhere')!.fields.sku).toEqual({ fr: 'SCL-9' });
    });
});
