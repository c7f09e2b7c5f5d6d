/**
 * SPEC §7 through the engine's publishDocuments / unpublishDocuments (which carry no locale: the
 * adapter takes the mode from the user's grant): Specific-locale filtering with skipped documents
 * logged, a clear error when nothing is left, per-locale publish bodies on a space with
 * locale-based publishing (one entry: `PUT …/published` with `add`; many: bulk action v2), and the
 * rule without locale-based publishing (only when every unpublished change is in the user's locales).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StackbitConfig } from '@stackbit/types';
import { filterPublishable } from '../../src/index.js';
import { createDemoSpace } from '../../src/emulator/index.js';
import type { LoggedRequest } from '../../src/emulator/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { ALICE, GRETA, JEAN, expectRefused, publish, setAssetTitle, setField, startAccessEngine, storedEntry, unpublish, type EngineContext } from './support.js';

let ctx: EngineContext | undefined;

afterEach(async () => {
    await ctx?.engine.destroy();
    ctx = undefined;
});

const sysOf = (c: EngineContext, id: string) => storedEntry(c, id)!.sys;
/** Published with nothing left to publish: Contentful's "published" state. */
const isUpToDate = (c: EngineContext, id: string) => sysOf(c, id).publishedVersion === sysOf(c, id).version - 1;
const fieldStatusOf = (c: EngineContext, id: string) => sysOf(c, id).fieldStatus?.['*'];
const publishedName = (c: EngineContext, id: string, locale: string) => c.emulator.space.getPublishedEntry(id)?.fields['name']?.[locale];
const writes = (c: EngineContext): LoggedRequest[] => c.emulator.log.writes();
const warnings = (c: EngineContext) => c.engine.logger.logs.warn.filter((line) => line.includes('not publishing') || line.includes('not unpublishing'));

describe('publishing without locale-based publishing', () => {
    const emulator = useEmulator();
    const start = async () => (ctx = await startAccessEngine(emulator));

    it('a restricted user publishes object-level documents of their locales and field-level documents whose changes are theirs; the rest is skipped and logged', async () => {
        const c = await start();
        const homeEnBefore = sysOf(c, 'home-en-US');
        // product-grinder's only unpublished change is its fr name (demo space).
        expect(fieldStatusOf(c, 'product-grinder')).toMatchObject({ 'en-US': 'published', fr: 'changed', de: 'published' });
        await publish(c, JEAN, ['home-fr', 'home-de', 'product-grinder', 'site-config', 'contact-en-US']);

        // Two entries published together: one bulk action (v1, whole entries) naming exactly them.
        const bulk = writes(c).filter((request) => request.route === '/bulk_actions/publish');
        expect(bulk).toHaveLength(1);
        const published = (bulk[0]!.body as { entities: { items: { sys: { id: string } }[] } }).entities.items.map((link) => link.sys.id);
        expect(published.sort()).toEqual(['home-fr', 'product-grinder']);
        expect(writes(c).filter((request) => request.route !== '/bulk_actions/publish')).toEqual([]);
        expect(isUpToDate(c, 'home-fr')).toBe(true);
        expect(isUpToDate(c, 'product-grinder')).toBe(true);
        expect(publishedName(c, 'product-grinder', 'fr')).toBe('Moulin à café à meules');
        expect(sysOf(c, 'home-de').publishedVersion).toBeUndefined();
        expect(sysOf(c, 'contact-en-US').publishedVersion).toBeUndefined();
        // Object-level variants are separate entries: the en-US home page is untouched.
        expect(sysOf(c, 'home-en-US')).toEqual(homeEnBefore);

        const skipped = warnings(c);
        expect(skipped).toHaveLength(3);
        expect(skipped.find((line) => line.includes('"home-de"'))).toMatch(/jean@acme\.fr may publish only fr, fr-CA; document "home-de" is de/);
        expect(skipped.find((line) => line.includes('"contact-en-US"'))).toMatch(/document "contact-en-US" is en-US/);
        expect(skipped.find((line) => line.includes('"site-config"'))).toMatch(/model "siteConfig" has no localized field/);
    });

    it('fails clearly, writing nothing, when nothing the restricted user selected may be published', async () => {
        const c = await start();
        const error = await expectRefused(c, () => publish(c, JEAN, ['home-de', 'site-config']), { user: 'jean@acme.fr', action: 'publish any of the 2 selected item(s)' });
        expect(error.message).toContain('document "home-de": jean@acme.fr may publish only fr, fr-CA; document "home-de" is de');
        expect(error.message).toContain('document "site-config"');
        expect(warnings(c)).toHaveLength(2);
    });

    it('a single allowed document is published through its own endpoint', async () => {
        const c = await start();
        await publish(c, GRETA, ['home-de']);
        expect(writes(c).map((request) => `${request.method} ${request.route}`)).toEqual(['PUT /entries/:id/published']);
        expect(writes(c)[0]!.path).toMatch(/\/entries\/home-de\/published$/);
        expect(isUpToDate(c, 'home-de')).toBe(true);
    });

    it('a restricted user may publish a field-level entry whose unpublished changes are all in their locales', async () => {
        const c = await start();
        await setField(c, JEAN, 'product-espresso', 'name', 'Machine à espresso', 'fr');
        await setField(c, JEAN, 'product-espresso', 'description', 'Pour un espresso parfait.', 'fr-CA');
        c.emulator.log.clear();
        await publish(c, JEAN, ['product-espresso']);
        // Without locale-based publishing Contentful publishes the entry as a whole: no add/remove body.
        const [request] = writes(c);
        expect(`${request!.method} ${request!.route}`).toBe('PUT /entries/:id/published');
        expect(request!.body ?? {}).not.toHaveProperty('add');
        expect(publishedName(c, 'product-espresso', 'fr')).toBe('Machine à espresso');
        expect(isUpToDate(c, 'product-espresso')).toBe(true);
    });

    it('refuses a field-level entry that also has unpublished changes in another locale, naming that locale, and writes nothing', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-espresso', 'name', 'Espressomaschine', 'de');
        await setField(c, JEAN, 'product-espresso', 'name', 'Machine à espresso', 'fr');
        const error = await expectRefused(c, () => publish(c, JEAN, ['product-espresso']), { user: 'jean@acme.fr', action: 'publish any of the 1 selected item(s)' });
        expect(error.message).toContain('document "product-espresso" also has unpublished changes in de');
        expect(error.message).toContain('without locale-based publishing Contentful publishes every locale at once');
        expect(publishedName(c, 'product-espresso', 'fr')).toBe('Machine à expresso');
    });

    it('counts a change of a non-localized field or a default-locale draft as a default-locale change', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-espresso', 'price', 239);
        await expectRefused(c, () => publish(c, JEAN, ['product-espresso']), { user: 'jean@acme.fr', action: 'publish any of the 1 selected item(s)' });
        // product-kettle is a draft with en-US values only.
        const error = await expectRefused(c, () => publish(c, JEAN, ['product-kettle']), { user: 'jean@acme.fr', action: 'publish any of the 1 selected item(s)' });
        expect(error.message).toContain('document "product-kettle" also has unpublished changes in en-US');
    });

    it('publishes the allowed field-level entries of a mixed selection and skips, with its reason, the one with foreign changes', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-espresso', 'name', 'Espressomaschine', 'de');
        c.emulator.log.clear();
        await publish(c, JEAN, ['product-grinder', 'product-espresso']);
        expect(isUpToDate(c, 'product-grinder')).toBe(true);
        expect(isUpToDate(c, 'product-espresso')).toBe(false);
        expect(warnings(c)).toEqual([expect.stringMatching(/not publishing document "product-espresso": .*unpublished changes in de/)]);
    });

    it('a restricted user publishes an asset whose changes are in their locales, and not one with changes elsewhere', async () => {
        const c = await start();
        await setAssetTitle(c, JEAN, 'asset-hero', 'Grains torréfiés', 'fr');
        c.emulator.log.clear();
        await publish(c, JEAN, ['asset-hero']);
        expect(writes(c).map((request) => `${request.method} ${request.route}`)).toEqual(['PUT /assets/:id/published']);
        expect(c.emulator.space.getAsset('asset-hero')?.sys.fieldStatus?.['*']).toMatchObject({ fr: 'published' });
        await setAssetTitle(c, ALICE, 'asset-hero', 'Kaffeebohnen', 'de');
        const error = await expectRefused(c, () => publish(c, JEAN, ['asset-hero']), { user: 'jean@acme.fr', action: 'publish any of the 1 selected item(s)' });
        expect(error.message).toContain('asset "asset-hero" also has unpublished changes in de');
    });

    it('a global user publishes everything entirely', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-espresso', 'name', 'Espressomaschine', 'de');
        c.emulator.log.clear();
        await publish(c, ALICE, ['product-espresso', 'home-de', 'site-config']);
        for (const id of ['product-espresso', 'home-de', 'site-config']) expect(isUpToDate(c, id), id).toBe(true);
        expect(warnings(c)).toEqual([]);
    });
});

describe('the exported filter in a site’s onDocumentsPublish hook', () => {
    const emulator = useEmulator();

    it('lets a site publish only what Specific mode fr may publish, whoever clicks', async () => {
        const skippedBySite: string[] = [];
        const onDocumentsPublish: StackbitConfig['onDocumentsPublish'] = async ({ publishDocumentsOptions, publishDocuments }) => {
            const { documents, assets, skipped } = filterPublishable({ documents: publishDocumentsOptions.documents, assets: publishDocumentsOptions.assets, mode: { kind: 'specific', locale: 'fr' } });
            skippedBySite.push(...skipped.map((item) => `${item.id}: ${item.reason}`));
            await publishDocuments({ ...publishDocumentsOptions, documents, assets });
        };
        const c = (ctx = await startAccessEngine(emulator, {}, { onDocumentsPublish }));
        await publish(c, ALICE, ['home-fr', 'home-de', 'product-kettle', 'site-config']);
        expect(isUpToDate(c, 'home-fr')).toBe(true);
        expect(isUpToDate(c, 'product-kettle')).toBe(true);
        expect(sysOf(c, 'home-de').publishedVersion).toBeUndefined();
        // Without the adapter's models the helper judges by the documents themselves: a locale, or a localized field.
        expect(skippedBySite).toEqual([
            'home-de: document "home-de" is de; Specific mode fr publishes only fr documents and documents with localized fields',
            'site-config: model "siteConfig" has no localized field, so it belongs to every locale; Specific mode fr publishes only fr documents and documents with localized fields'
        ]);
    });
});

describe('publishing with locale-based publishing', () => {
    const emulator = useEmulator(() => createDemoSpace({ localeBasedPublishing: true }));
    const start = async (overrides = {}) => (ctx = await startAccessEngine(emulator, { localeBasedPublishing: true, ...overrides }));
    const addBody = (locales: string[]) => ({ add: { fields: { '*': locales } } });

    it('publishes one field-level entry for a restricted user with PUT …/published and an `add` of their changed locales only', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-grinder', 'name', 'Kegelmühle', 'de');
        c.emulator.log.clear();
        await publish(c, JEAN, ['product-grinder']);
        const [request, ...others] = writes(c);
        expect(others).toEqual([]);
        expect(request!.method).toBe('PUT');
        expect(request!.path).toMatch(/\/entries\/product-grinder\/published$/);
        // fr changed; fr-CA (granted, but without values or changes) is not published.
        expect(request!.body).toEqual(addBody(['fr']));
        expect(fieldStatusOf(c, 'product-grinder')).toMatchObject({ fr: 'published', de: 'changed' });
        expect(publishedName(c, 'product-grinder', 'fr')).toBe('Moulin à café à meules');
        expect(publishedName(c, 'product-grinder', 'de')).toBeUndefined();
    });

    it('publishes many with one bulk action v2: per-locale entities with `add`, object-level variants entirely', async () => {
        const c = await start();
        await setField(c, JEAN, 'product-espresso', 'name', 'Machine à espresso', 'fr');
        await setField(c, JEAN, 'product-espresso', 'name', 'Machine à espresso (Québec)', 'fr-CA');
        c.emulator.log.clear();
        await publish(c, JEAN, ['product-grinder', 'product-espresso', 'home-fr']);
        const bulk = writes(c);
        expect(bulk.map((request) => `${request.method} ${request.route}`)).toEqual(['POST /bulk_actions']);
        const body = bulk[0]!.body as { action: string; entities: { entity: { sys: { id: string; type: string; linkType: string; version: number } }; add?: unknown }[] };
        expect(body.action).toBe('publish');
        const byId = Object.fromEntries(body.entities.map((entity) => [entity.entity.sys.id, entity]));
        expect(Object.keys(byId).sort()).toEqual(['home-fr', 'product-espresso', 'product-grinder']);
        expect(byId['product-grinder']).toEqual({ entity: { sys: { type: 'Link', linkType: 'Entry', id: 'product-grinder', version: sysOf(c, 'product-grinder').version - 1 } }, ...addBody(['fr']) });
        expect(byId['product-espresso']!.add).toEqual(addBody(['fr', 'fr-CA']).add);
        expect(byId['home-fr']).not.toHaveProperty('add');
        expect(isUpToDate(c, 'home-fr')).toBe(true);
        expect(fieldStatusOf(c, 'product-espresso')).toMatchObject({ fr: 'published', 'fr-CA': 'published' });
        expect(publishedName(c, 'product-espresso', 'fr-CA')).toBe('Machine à espresso (Québec)');
    });

    it('skips, with its reason, a field-level entry without changes in the user’s locales', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-espresso', 'name', 'Espressomaschine', 'de');
        c.emulator.log.clear();
        const error = await expectRefused(c, () => publish(c, JEAN, ['product-espresso']), { user: 'jean@acme.fr', action: 'publish any of the 1 selected item(s)' });
        expect(error.message).toContain('document "product-espresso" has no unpublished changes in fr, fr-CA (its unpublished changes are in de)');
    });

    it('unpublishes only the restricted user’s locales with a `remove` body', async () => {
        const c = await start();
        await unpublish(c, JEAN, ['product-espresso']);
        const [request] = writes(c);
        expect(request!.method).toBe('PUT');
        expect(request!.path).toMatch(/\/entries\/product-espresso\/published$/);
        expect(request!.body).toEqual({ remove: { fields: { '*': ['fr', 'fr-CA'] } } });
        expect(fieldStatusOf(c, 'product-espresso')).toMatchObject({ 'en-US': 'published', fr: 'draft' });
        expect(sysOf(c, 'product-espresso').publishedVersion).toBeDefined();
    });

    it('unpublishes many: locale removals as a v2 `publish` action with `remove`, whole object-level variants in their own action', async () => {
        const c = await start();
        await unpublish(c, JEAN, ['product-espresso', 'product-grinder', 'about-fr']);
        const bulk = writes(c);
        expect(bulk.map((request) => `${request.method} ${request.route}`).sort()).toEqual(['POST /bulk_actions', 'POST /bulk_actions/unpublish']);
        const v2 = bulk.find((request) => request.route === '/bulk_actions')!.body as { action: string; entities: { entity: { sys: { id: string } }; remove?: unknown }[] };
        // The SDK types a locale removal as PublishBulkActionV2Payload<'remove'>: an `unpublish` action takes whole entities only.
        expect(v2.action).toBe('publish');
        expect(v2.entities.map((entity) => [entity.entity.sys.id, entity.remove])).toEqual([
            ['product-espresso', { fields: { '*': ['fr', 'fr-CA'] } }],
            ['product-grinder', { fields: { '*': ['fr', 'fr-CA'] } }]
        ]);
        const v1 = bulk.find((request) => request.route === '/bulk_actions/unpublish')!.body as { entities: { items: { sys: { id: string } }[] } };
        expect(v1.entities.items.map((link) => link.sys.id)).toEqual(['about-fr']);
        expect(sysOf(c, 'about-fr').publishedVersion).toBeUndefined();
        for (const id of ['product-espresso', 'product-grinder']) {
            expect(fieldStatusOf(c, id), id).toMatchObject({ 'en-US': 'published', fr: 'draft', de: 'published' });
            expect(sysOf(c, id).publishedVersion, id).toBeDefined();
        }
        expect(publishedName(c, 'product-espresso', 'en-US')).toBe('Espresso machine');
        expect(publishedName(c, 'product-espresso', 'fr')).toBeUndefined();
    });

    it('publishes an asset per locale for a restricted user', async () => {
        const c = await start();
        await setAssetTitle(c, JEAN, 'asset-hero', 'Grains torréfiés', 'fr');
        await setAssetTitle(c, ALICE, 'asset-hero', 'Kaffeebohnen', 'de');
        c.emulator.log.clear();
        await publish(c, JEAN, ['asset-hero']);
        const [request] = writes(c);
        expect(request!.path).toMatch(/\/assets\/asset-hero\/published$/);
        expect(request!.body).toEqual(addBody(['fr']));
        expect(c.emulator.space.getAsset('asset-hero')?.sys.fieldStatus?.['*']).toMatchObject({ fr: 'published', de: 'changed' });
    });

    it('a global user still publishes entries entirely', async () => {
        const c = await start();
        await setField(c, ALICE, 'product-grinder', 'name', 'Kegelmühle', 'de');
        c.emulator.log.clear();
        await publish(c, ALICE, ['product-grinder']);
        expect(writes(c)[0]!.body ?? {}).not.toHaveProperty('add');
        expect(Object.values(fieldStatusOf(c, 'product-grinder')!)).toEqual(['published', 'published', 'published', 'published']);
    });

    it('is detected from the space when the option is left on auto (an entry published in some locales only)', async () => {
        emulator.space.publishEntry('product-kettle', { locales: ['en-US'] });
        const c = await start({ localeBasedPublishing: 'auto' });
        await publish(c, JEAN, ['product-grinder']);
        expect(writes(c)[0]!.body).toEqual(addBody(['fr']));
    });
});
