// Preview (drafts) and delivery (published) APIs through the `contentful` client on the demo space:
// fallback resolution per locale, raw locale maps, includes, filters, and what each API hides.
import { createClient, type Entry } from 'contentful';
import { describe, expect, it } from 'vitest';
import { createDemoSpace, type EmulatedSpace } from '../../src/emulator/index.js';
import { emulatorServer, raw } from './support.js';

const emulator = emulatorServer();

function cda(space: EmulatedSpace, host: 'preview.contentful.com' | 'cdn.contentful.com') {
    return createClient({ space: space.spaceId, environment: space.environment, accessToken: 'token', host, retryOnError: false });
}

function setup() {
    const space = createDemoSpace();
    emulator.install(space);
    return { space, preview: cda(space, 'preview.contentful.com'), delivery: cda(space, 'cdn.contentful.com') };
}

async function entry(client: ReturnType<typeof cda>, id: string, locale: string): Promise<Entry> {
    const { items } = await client.getEntries({ 'sys.id': id, locale });
    expect(items).toHaveLength(1);
    return items[0]!;
}

describe('locale resolution', () => {
    it('resolves a fr-CA request through fr, then en-US, per field', async () => {
        const { preview } = setup();
        const espresso = await entry(preview, 'product-espresso', 'fr-CA');
        expect(espresso.sys.locale).toBe('fr-CA');
        expect(espresso.fields.name).toBe('Machine à expresso'); // fr-CA has none: fr
        expect(espresso.fields.price).toBe(249); // not localized: the default locale's value
        const grinder = await entry(preview, 'product-grinder', 'de');
        expect(grinder.fields.name).toBe('Burr grinder'); // de has none: en-US
        expect(grinder.fields.description).toBe('Mahlt gleichmäßig, von fein bis grob.'); // de's own value
    });

    it('serves drafts on preview and the published snapshot on delivery', async () => {
        const { preview, delivery } = setup();
        expect((await entry(preview, 'product-grinder', 'fr')).fields.name).toBe('Moulin à café à meules');
        expect((await entry(delivery, 'product-grinder', 'fr')).fields.name).toBe('Moulin à meules');
        const draftIds = ['home-de', 'contact-en-US', 'product-kettle'];
        const deliveredIds = (await delivery.getEntries({ limit: 1000 })).items.map((one) => one.sys.id);
        const previewedIds = (await preview.getEntries({ limit: 1000 })).items.map((one) => one.sys.id);
        expect(deliveredIds).not.toEqual(expect.arrayContaining([draftIds[0]]));
        draftIds.forEach((id) => expect(deliveredIds).not.toContain(id));
        draftIds.forEach((id) => expect(previewedIds).toContain(id));
        await expect(delivery.getEntry('home-de')).rejects.toThrow();
    });

    it('never serves archived entries', async () => {
        const { space, preview } = setup();
        const client = emulator.install(space);
        await client.entry.archive({ entryId: 'home-de' });
        expect((await preview.getEntries({ 'sys.id': 'home-de' })).items).toHaveLength(0);
    });

    it('returns raw per-locale maps for locale=*', async () => {
        const { preview } = setup();
        const espresso = await preview.withAllLocales.getEntry('product-espresso');
        expect(espresso.fields.name).toEqual({ 'en-US': 'Espresso machine', fr: 'Machine à expresso' });
        expect(espresso.sys.locale).toBeUndefined();
    });

    it('uses the default locale when none is asked for, and refuses an unknown locale', async () => {
        const { space, preview } = setup();
        expect((await preview.getEntry('product-espresso')).sys.locale).toBe('en-US');
        const answer = await raw('GET', `https://preview.contentful.com/spaces/${space.spaceId}/environments/master/entries?locale=xx`);
        expect(answer.status).toBe(400);
    });
});

describe('includes and filters', () => {
    it('fills includes with linked entries and assets, resolved in the same locale (per-locale asset files)', async () => {
        const { preview } = setup();
        const french = await preview.getEntries({ content_type: 'page', 'fields.slug': 'accueil', locale: 'fr', include: 2 });
        expect(french.items).toHaveLength(1);
        const page = french.items[0]!;
        const hero = page.fields.hero as unknown as { fields: { file: { fileName: string }; title: string } };
        expect(hero.fields.file.fileName).toBe('hero-fr.png');
        expect(hero.fields.title).toBe('Grains de café');
        const sections = page.fields.sections as unknown as { fields: { name: string; image?: { fields: { file: { url: string } } } } }[];
        expect(sections.map((section) => section.fields.name)).toEqual(['Machine à expresso', 'Moulin à café à meules']);
        expect(sections[0]!.fields.image?.fields.file.url).toMatch(/espresso\.svg$/); // two levels deep

        const german = await preview.getEntries({ content_type: 'page', 'fields.slug': 'startseite', locale: 'de' });
        expect((german.items[0]!.fields.hero as unknown as { fields: { file: { fileName: string } } }).fields.file.fileName).toBe('hero-en.png'); // de inherits en-US's file
    });

    it('reports links it cannot resolve in errors, and honours include=0', async () => {
        const { space } = setup();
        const base = `https://preview.contentful.com/spaces/${space.spaceId}/environments/master/entries`;
        const withoutIncludes = await raw('GET', `${base}?sys.id=home-en-US&include=0`);
        expect(withoutIncludes.body.includes).toBeUndefined();
        space.editEntry('home-en-US', (fields) => ({ ...fields, sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'gone' } }] } }));
        const dangling = await raw('GET', `${base}?sys.id=home-en-US`);
        expect(dangling.body.errors).toEqual([{ sys: { id: 'notResolvable', type: 'error' }, details: { type: 'Link', linkType: 'Entry', id: 'gone' } }]);
        const delivered = await raw('GET', `https://cdn.contentful.com/spaces/${space.spaceId}/environments/master/entries?sys.id=home-en-US&include=1`);
        // Delivery still serves the published version: the edit above is only a draft.
        expect(delivered.body.includes.Entry.map((one: { sys: { id: string } }) => one.sys.id)).toEqual(expect.arrayContaining(['product-espresso', 'product-grinder']));
    });

    it('serves CDA-shaped sys, locales with fallbacks, and content types', async () => {
        const { preview } = setup();
        const espresso = await entry(preview, 'product-espresso', 'en-US');
        expect(Object.keys(espresso.sys).sort()).toEqual(['contentType', 'createdAt', 'environment', 'id', 'locale', 'publishedVersion', 'revision', 'space', 'type', 'updatedAt']);
        const locales = await preview.getLocales();
        expect(locales.items.map((locale) => [locale.code, locale.fallbackCode])).toEqual([
            ['en-US', null],
            ['fr', 'en-US'],
            ['de', 'en-US'],
            ['fr-CA', 'fr']
        ]);
        const contentTypes = await preview.getContentTypes();
        expect(contentTypes.items.map((one) => one.sys.id).sort()).toEqual(['page', 'product', 'siteConfig', 'stackbitPreset']);
        expect((await preview.getContentType('page')).fields.map((field) => field.id)).toContain('translationKey');
    });

    it('orders and pages', async () => {
        const { preview } = setup();
        const pages = await preview.getEntries({ content_type: 'page', order: ['-sys.id'], limit: 2, skip: 1, select: ['sys.id', 'fields.slug'] });
        expect(pages.total).toBe(6);
        expect(pages.items.map((one) => one.sys.id)).toEqual(['home-en-US', 'home-de']);
        expect(Object.keys(pages.items[0]!.fields)).toEqual(['slug']);
    });
});
