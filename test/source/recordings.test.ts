// Real recorded Contentful data read by the adapter: an emulator seeded from every recorded collection
// (entries, assets, content types, locales), the single recorded entities, and both contentful-export
// files. The adapter must load each without a crash and without dropping a value: every value under
// an enabled locale of the space is in the converted document, or a diagnostic names its document and
// field (a value Contentful itself would not deliver, e.g. under a locale code the space lacks).
//
// Counting rule: a localized field (or any field of a content type the schema lacks) is one value per
// locale; a non-localized field is ONE value — Contentful delivers its default-locale value in every
// locale — so it counts once when any locale holds a value.
import { describe, expect, it } from 'vitest';
import type { Asset, Document, DocumentField } from '@stackbit/types';
import { EmulatedSpace, type ContentfulExport } from '../../src/emulator/index.js';
import type { Diagnostic } from '../../src/index.js';
import { recording, startSource, useSourceEmulator } from './support.js';

interface Scenario {
    name: string;
    spaceId: string;
    locales?: string[];
    contentTypes?: string[];
    entries?: string[];
    assets?: string[];
    exportFile?: string;
}

const SCENARIOS: Scenario[] = [
    {
        name: 'java: 8 locales with chains, 11 content types, 23 multi-locale entries, 47 assets',
        spaceId: 'java',
        locales: ['java-locales-8-with-fallback-chains.json'],
        contentTypes: ['java-content-types-collection.json'],
        entries: ['java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json'],
        assets: ['java-assets-collection-multi-locale-en-US-en-UK.json']
    },
    { name: 'java: 27 rich-text entries (content type not recorded)', spaceId: 'javarich', entries: ['java-entries-collection-rich-text.json'] },
    {
        name: 'php: locale chain en-AU → en-GB → en-US, content types, draft/published/archived entries, archived/unprocessed assets',
        spaceId: '34luz0flcmxt',
        locales: ['php-locales-3-fallback-chain-en-AU-en-GB-en-US.json'],
        contentTypes: ['php-content-types-collection.json'],
        entries: ['php-entries-collection-draft-published-archived.json'],
        assets: ['php-assets-collection-archived-unprocessed.json']
    },
    { name: 'php: single archived, published and rich-text entries', spaceId: 'pmgjoasidv3w', entries: ['php-entry-archived.json', 'php-entry-published.json', 'php-entry-rich-text.json'] },
    {
        name: 'ruby: 2014 locales, archived/draft entries with link arrays, per-locale asset files, modern fieldStatus',
        spaceId: 'yr5m0jky5hsh',
        locales: ['rb-locales-legacy-2014-no-fallback.json'],
        entries: ['rb-entries-collection-archived-draft-link-arrays.json', 'rb-entry-archived.json', 'rb-entry-modern-fieldStatus-concepts.json'],
        assets: ['rb-assets-collection-per-locale-file-en-US-pl.json', 'rb-asset-modern-fieldStatus-concepts.json', 'rb-asset-per-locale-file-en-US-pl.json']
    },
    { name: 'ruby: de-DE / en-US / pl-PL entries (locales inferred)', spaceId: 'bfsvtul0c41g', entries: ['rb-entries-collection-de-DE-en-US-pl-PL.json', 'rb-entries-collection-de-DE-asset-link.json'] },
    {
        name: 'ruby: localized + non-localized content type, non-localized values outside the default locale',
        spaceId: '9sh5dtmfyzhj',
        contentTypes: ['rb-content-types-localized-and-nonlocalized.json'],
        entries: ['rb-entry-nonlocalized-under-de-DE-es-en-US-de-DE.json', 'rb-entry-nonlocalized-under-de-DE-es-only.json']
    },
    { name: 'ruby: de-DE / en-US content type and entry', spaceId: '0agypmo1waov', contentTypes: ['rb-content-types-localized-de-DE-en-US.json'], entries: ['rb-entry-multi-locale-de-DE-en-US.json'] },
    { name: 'ruby: entry created in de-DE / en-US / pl-PL', spaceId: 'v2umtz8ths9v', entries: ['rb-entry-created-de-DE-en-US-pl-PL.json'] },
    { name: 'ruby: en-GB default with a null es-ES value', spaceId: 'u2viwgfeal0o', entries: ['rb-entry-default-en-GB-null-es-ES.json'] },
    { name: 'python: localized content type and en-US / es-AR entry', spaceId: '0drrop6zxj19', contentTypes: ['py-content-type-localized-field.json'], entries: ['py-entry-multi-locale-en-US-es-AR.json'] },
    { name: 'export: stackbit i18n field-level (en-US, es)', spaceId: 'fieldlevel', exportFile: 'export-stackbit-i18n-field-level-en-US-es.json' },
    { name: 'export: stackbit i18n multi-brand (en-US, es)', spaceId: 'multibrand', exportFile: 'export-stackbit-i18n-multi-brand-en-US-es.json' }
];

type Raw = { sys: { id: string; type?: string; contentType?: { sys: { id: string } } }; fields?: Record<string, Record<string, unknown> | null>; [key: string]: unknown };

/** Items of a recorded collection, or the single recorded entity. */
function itemsOf(name: string): Raw[] {
    const body = recording(name) as { items?: Raw[] } & Raw;
    return body.items ?? [body];
}

function exportOf(scenario: Scenario): ContentfulExport {
    if (scenario.exportFile) return recording(scenario.exportFile) as ContentfulExport;
    const collect = (names: string[] = []) => {
        const byId = new Map<string, Raw>();
        for (const item of names.flatMap(itemsOf)) if (!byId.has(item.sys.id)) byId.set(item.sys.id, item);
        return [...byId.values()];
    };
    return { locales: collect(scenario.locales), contentTypes: collect(scenario.contentTypes), entries: collect(scenario.entries), assets: collect(scenario.assets) } as unknown as ContentfulExport;
}

interface Tally {
    valuesIn: number;
    valuesOut: number;
    /** Values not shown, each with the diagnostic that names it. */
    reported: string[];
    /** Values not shown and not reported: must stay empty. */
    lost: string[];
}

/** Counts every value of the input entities against the converted documents / assets. */
function tally(
    input: Raw[],
    output: ReadonlyMap<string, Document | Asset>,
    localizedOf: (entity: Raw, fieldId: string) => boolean,
    enabled: ReadonlySet<string>,
    diagnostics: Diagnostic[]
): Tally {
    const result: Tally = { valuesIn: 0, valuesOut: 0, reported: [], lost: [] };
    const isReported = (id: string, fieldId: string) => diagnostics.some((d) => d.documentId === id && (d.field === undefined || d.field === fieldId));
    for (const entity of input) {
        const converted = output.get(entity.sys.id);
        for (const [fieldId, byLocale] of Object.entries(entity.fields ?? {})) {
            const locales = Object.entries(byLocale ?? {})
                .filter(([, value]) => value !== null && value !== undefined)
                .map(([code]) => code)
                .filter((code) => enabled.has(code));
            if (locales.length === 0) continue;
            const field = converted?.fields[fieldId] as DocumentField | undefined;
            const wanted = localizedOf(entity, fieldId) ? locales : ['*'];
            for (const locale of wanted) {
                result.valuesIn++;
                const shown = locale === '*' ? field !== undefined && !field.localized : Boolean(field?.localized && (field.locales as Record<string, unknown>)[locale]);
                const label = `${entity.sys.id}.${fieldId}[${locale}]`;
                if (shown) result.valuesOut++;
                else if (isReported(entity.sys.id, fieldId)) result.reported.push(label);
                else result.lost.push(label);
            }
        }
    }
    return result;
}

describe('recorded Contentful data read through the adapter', () => {
    const emulator = useSourceEmulator();

    it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
        const exportJson = exportOf(scenario);
        const space = EmulatedSpace.fromExport(exportJson, { spaceId: scenario.spaceId });
        emulator.use(space);
        const { source, documents, assets, schema, logger } = await startSource(space, { environment: space.environment });

        // No crash, nothing dropped wholesale, nothing written.
        const entries = (exportJson.entries ?? []) as Raw[];
        const rawAssets = (exportJson.assets ?? []) as Raw[];
        expect(documents.map((d) => d.id).sort()).toEqual(entries.map((e) => e.sys.id).sort());
        expect(assets.map((a) => a.id).sort()).toEqual(rawAssets.map((a) => a.sys.id).sort());
        expect(logger.logs.error).toEqual([]);
        expect(emulator.log.writes()).toEqual([]);

        // Locales: the schema lists exactly the editable space locales, the default flagged.
        const spaceLocales = space.locales();
        const editable = spaceLocales.filter((l) => l.contentManagementApi !== false).map((l) => l.code);
        expect(schema.locales!.map((l) => l.code).sort()).toEqual([...editable].sort());
        expect(schema.locales!.filter((l) => l.default).map((l) => l.code)).toEqual([space.defaultLocale()]);
        const enabled = new Set(source.getLocales().filter((l) => l.enabled).map((l) => l.code));
        expect([...enabled].sort()).toEqual([...editable].sort());

        // Values: in == out + reported, and nothing lost silently.
        const contentTypes = new Map((exportJson.contentTypes ?? []).map((ct) => [String((ct.sys as { id: string }).id), ct as { fields: { id: string; localized?: boolean }[] }]));
        const entryLocalized = (entity: Raw, fieldId: string) => {
            const contentType = contentTypes.get(entity.sys.contentType?.sys.id ?? '');
            if (!contentType) return true; // unknown content type: every field is shown as localized JSON
            const field = contentType.fields.find((f) => f.id === fieldId);
            return field ? field.localized === true : true;
        };
        const diagnostics = source.getDiagnostics();
        const entryTally = tally(entries, new Map(documents.map((d) => [d.id, d])), entryLocalized, enabled, diagnostics);
        const assetTally = tally(rawAssets, new Map(assets.map((a) => [a.id, a])), () => true, enabled, diagnostics);
        for (const counts of [entryTally, assetTally]) {
            expect(counts.lost).toEqual([]);
            expect(counts.valuesOut + counts.reported.length).toBe(counts.valuesIn);
        }
        expect(entryTally.valuesIn + assetTally.valuesIn).toBeGreaterThan(0);
        // Nearly everything is shown; what is not is named (at most a handful of odd recorded values).
        expect(entryTally.reported.length + assetTally.reported.length).toBeLessThanOrEqual(Math.max(2, Math.ceil(0.05 * (entryTally.valuesIn + assetTally.valuesIn))));
    });

    it('the java entry with a name in four locales keeps all four', async () => {
        const space = EmulatedSpace.fromExport(exportOf(SCENARIOS[0]!), { spaceId: 'java' });
        emulator.use(space);
        const { documents } = await startSource(space, { environment: space.environment });
        const entry = documents.find((d) => d.id === '3OeiIue2l2ouss8OUIaEgu')!;
        expect(Object.keys((entry.fields.name as { locales: object }).locales).sort()).toEqual(['T123', 'en-UK', 'en-US', 'kt4']);
    });

    it('values under a locale code the space does not have are reported, not shown and not fatal', async () => {
        const scenario = SCENARIOS.find((s) => s.spaceId === '0agypmo1waov')!;
        const exportJson = exportOf(scenario);
        // The recorded space had de-DE and en-US; seed only en-US as a locale so de-DE is unknown.
        const space = EmulatedSpace.fromExport({ ...exportJson, locales: [{ code: 'en-US', name: 'English', default: true, fallbackCode: null }] }, { spaceId: scenario.spaceId });
        emulator.use(space);
        const { documents, source, logger } = await startSource(space);
        expect(documents).toHaveLength(1);
        const unknown = source.getDiagnostics().filter((d) => d.kind === 'unknown-locale-key');
        expect(unknown.length).toBeGreaterThan(0);
        expect(unknown[0]).toMatchObject({ documentId: documents[0]!.id, locale: 'de-DE' });
        expect(unknown[0]!.message).toMatch(/"de-DE".*left untouched in Contentful/);
        expect(logger.logs.warn.some((line) => line.includes('de-DE'))).toBe(true);
    });

    it('getLocales exposes the recorded fallback chains (bar → foo → en-US, en-AU → en-GB → en-US)', async () => {
        const java = EmulatedSpace.fromExport(exportOf(SCENARIOS[0]!), { spaceId: 'java' });
        emulator.use(java);
        const { source } = await startSource(java, { environment: java.environment });
        const byCode = new Map(source.getLocales().map((l) => [l.code, l]));
        expect(byCode.get('bar')).toMatchObject({ fallback: 'foo', enabled: true, default: false });
        expect(byCode.get('foo')).toMatchObject({ fallback: 'en-US' });
        expect(byCode.get('en-US')).toMatchObject({ fallback: null, default: true });
        expect(byCode.get('T5')).toMatchObject({ enabled: false });

        const php = EmulatedSpace.fromExport(exportOf(SCENARIOS[2]!), { spaceId: '34luz0flcmxt' });
        emulator.use(php);
        const started = await startSource(php);
        expect(started.source.getLocales().map((l) => [l.code, l.fallback])).toEqual([
            ['en-US', null],
            ['en-GB', 'en-US'],
            ['en-AU', 'en-GB']
        ]);
    });
});
