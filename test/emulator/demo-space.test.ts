// The demo space: its content as the brief describes it, deterministic, in sync with its
// contentful-export file (src/emulator/seeds/demo-space.json; UPDATE_SEEDS=1 rewrites it), and
// importable back with fromExport.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDemoSpace, EmulatedSpace, type WireEntity } from '../../src/emulator/index.js';

const SEED = new URL('../../src/emulator/seeds/demo-space.json', import.meta.url);

function status(entity: WireEntity): string {
    const { version, publishedVersion } = entity.sys;
    return publishedVersion === undefined ? 'draft' : version >= publishedVersion + 2 ? 'changed' : 'published';
}

function field(entity: WireEntity, id: string): unknown {
    return entity.fields[id]?.['en-US'];
}

describe('demo space', () => {
    const space = createDemoSpace();
    const entries = space.listEntries();

    it('has the four locales with their fallback chain and two users', () => {
        expect(space.locales().map((locale) => [locale.code, locale.fallbackCode, locale.default])).toEqual([
            ['en-US', null, true],
            ['fr', 'en-US', false],
            ['de', 'en-US', false],
            ['fr-CA', 'fr', false]
        ]);
        expect([...space.users.values()].map((user) => user.email)).toEqual(['alice@acme.com', 'jean@acme.fr']);
    });

    it('has object-level pages grouped by translation key: home in three locales, about in two, contact in one', () => {
        const pages = entries.filter((entry) => entry.sys.contentType?.sys.id === 'page');
        const groups: Record<string, string[]> = {};
        for (const page of pages) {
            (groups[String(field(page, 'translationKey'))] ??= []).push(String(field(page, 'locale')));
        }
        expect(groups).toEqual({ home: ['en-US', 'fr', 'de'], about: ['en-US', 'fr'], contact: ['en-US'] });
        expect(new Set(pages.map((page) => field(page, 'brandColor'))).size).toBe(1); // the shared field agrees
        const page = space.getContentType('page')!;
        expect(page.fields.find((one) => one.id === 'locale')?.validations).toEqual([{ in: ['en-US', 'fr', 'de', 'fr-CA'] }]);
        expect(page.fields.every((one) => !one.localized)).toBe(true);
    });

    it('has field-level products with partial translations, and a mix of statuses', () => {
        const products = entries.filter((entry) => entry.sys.contentType?.sys.id === 'product');
        expect(products.map((product) => Object.keys(product.fields.name ?? {}))).toEqual([['en-US', 'fr'], ['en-US', 'fr'], ['en-US']]);
        expect(products.some((product) => Object.values(product.fields).some((byLocale) => 'de' in byLocale))).toBe(true);
        expect(new Set(entries.map(status))).toEqual(new Set(['published', 'changed', 'draft']));
        expect(space.getEntry('product-grinder')?.sys.fieldStatus).toEqual({ '*': { 'en-US': 'published', fr: 'changed', de: 'published', 'fr-CA': 'published' } });
    });

    it('has presets with and without a locale, a non-localized site config, and per-locale hero files with bytes', () => {
        const presets = entries.filter((entry) => entry.sys.contentType?.sys.id === 'stackbitPreset');
        expect(presets.map((preset) => (field(preset, 'data') as { locale?: string }).locale)).toEqual(['fr', undefined]);
        expect(space.getContentType('siteConfig')!.fields.some((one) => one.localized)).toBe(false);
        const hero = space.getAsset('asset-hero')!;
        expect(Object.keys(hero.fields.file!)).toEqual(['en-US', 'fr']);
        for (const file of Object.values(hero.fields.file!) as { url: string; details: { size: number; image: unknown } }[]) {
            const key = file.url.replace('//images.ctfassets.net/', '');
            expect(space.files.get(key)?.bytes.length).toBe(file.details.size);
            expect(file.details.image).toEqual({ width: 960, height: 400 });
        }
        expect(status(hero)).toBe('published');
    });

    it('is deterministic and matches its contentful-export file', () => {
        const exported = JSON.parse(JSON.stringify(space.toExport()));
        expect(JSON.parse(JSON.stringify(createDemoSpace().toExport()))).toEqual(exported);
        if (process.env.UPDATE_SEEDS === '1') {
            writeFileSync(SEED, `${JSON.stringify(exported, null, 2)}\n`);
        }
        expect(JSON.parse(readFileSync(SEED, 'utf8'))).toEqual(exported);
    });

    it('imports back from its export file with the same entities', () => {
        const imported = EmulatedSpace.fromExport(JSON.parse(readFileSync(SEED, 'utf8')));
        expect(imported.spaceId).toBe('demo');
        expect(imported.listEntries()).toEqual(entries);
        expect(imported.getPublishedEntry('product-grinder')?.fields).toEqual(imported.getEntry('product-grinder')?.fields); // an import cannot know the older published values
    });

    it('accepts another user for writes and another space id', () => {
        const other = createDemoSpace({ spaceId: 'other', localeBasedPublishing: true });
        expect(other.spaceId).toBe('other');
        expect(other.localeBasedPublishing).toBe(true);
        const edited = other.editEntryAsAnotherUser('about-fr', (fields) => ({ ...fields, title: { 'en-US': 'À propos de nous' } }));
        expect(edited.sys.updatedBy?.sys.id).toBe('user-jean');
    });
});
