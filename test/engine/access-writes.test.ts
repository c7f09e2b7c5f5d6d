/**
 * Every write method the adapter guards (SPEC §5 "Enforcement is in the adapter"), driven through
 * the engine: archive, unarchive, uploadAssets, updateAsset, unpublish (create, update, delete and
 * publish are in access-table.test.ts) — each allowed where the table allows it and refused, with
 * nothing written, where it does not. Plus `access.requireUser` and the engine's hasAccess.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { engineUser } from '../helpers/engine.js';
import {
    ACCESS,
    ALICE,
    GRETA,
    JEAN,
    archiveDoc,
    createIn,
    deleteDoc,
    expectRefused,
    publish,
    setAssetTitle,
    setField,
    useAccessEngine,
    storedEntry,
    unarchiveDoc,
    unpublish,
    uploadImage,
    type EngineContext
} from './support.js';

const emulator = useEmulator();
const start = useAccessEngine(emulator);

const isArchived = (c: EngineContext, id: string) => storedEntry(c, id)?.sys.archivedVersion !== undefined;

describe('archive and unarchive', () => {
    it('a global user archives a field-level document and a published object-level one', async () => {
        const c = await start();
        await archiveDoc(c, ALICE, 'product-kettle');
        await archiveDoc(c, ALICE, 'home-en-US');
        expect(isArchived(c, 'product-kettle')).toBe(true);
        expect(isArchived(c, 'home-en-US')).toBe(true);
        expect(c.engine.store.getDocument({ ...c.ref, srcDocumentId: 'product-kettle' })?.status).toBe('archived');
    });

    it('a restricted user archives and unarchives an object-level document of their locale', async () => {
        const c = await start();
        await archiveDoc(c, JEAN, 'home-fr');
        expect(isArchived(c, 'home-fr')).toBe(true);
        await unarchiveDoc(c, JEAN, 'home-fr');
        expect(isArchived(c, 'home-fr')).toBe(false);
    });

    it('a restricted user may not archive a field-level document (it holds every locale)', async () => {
        const c = await start();
        const error = await expectRefused(c, () => archiveDoc(c, JEAN, 'product-kettle'), { user: 'jean@acme.fr', action: 'archive', document: 'product-kettle' });
        expect(error.reason).toContain('holds every locale');
        expect(isArchived(c, 'product-kettle')).toBe(false);
    });

    it('a restricted user may not archive a published document of another locale (it is not even unpublished)', async () => {
        const c = await start();
        await expectRefused(c, () => archiveDoc(c, JEAN, 'about-en-US'), { user: 'jean@acme.fr', action: 'archive', document: 'about-en-US', locale: 'en-US' });
        expect(storedEntry(c, 'about-en-US')?.sys.publishedVersion).toBeDefined();
    });

    it('a restricted user may not unarchive a document of another locale or a field-level one', async () => {
        const c = await start();
        await archiveDoc(c, ALICE, 'home-de');
        await archiveDoc(c, ALICE, 'product-kettle');
        await expectRefused(c, () => unarchiveDoc(c, JEAN, 'home-de'), { user: 'jean@acme.fr', action: 'unarchive', document: 'home-de', locale: 'de' });
        await expectRefused(c, () => unarchiveDoc(c, JEAN, 'product-kettle'), { user: 'jean@acme.fr', action: 'unarchive', document: 'product-kettle' });
        expect(isArchived(c, 'home-de')).toBe(true);
        await unarchiveDoc(c, GRETA, 'home-de');
        expect(isArchived(c, 'home-de')).toBe(false);
    });
});

describe('uploadAssets', () => {
    it('a restricted user uploads in their locale: the file is in that locale and, since the asset is new, in the default locale', async () => {
        const c = await start();
        const [asset] = await uploadImage(c, JEAN, 'fr');
        const stored = c.emulator.space.getAsset(asset!.objectId)!;
        expect(Object.keys(stored.fields['file']!).sort()).toEqual(['en-US', 'fr']);
        expect(stored.sys.publishedVersion).toBeDefined();
    });

    it('a global user uploads in any locale', async () => {
        const c = await start();
        const [asset] = await uploadImage(c, ALICE, 'de');
        expect(Object.keys(c.emulator.space.getAsset(asset!.objectId)!.fields['file']!).sort()).toEqual(['de', 'en-US']);
    });

    it('a restricted user may not upload in another locale', async () => {
        const c = await start();
        const assetsBefore = c.emulator.space.listAssets().length;
        await expectRefused(c, () => uploadImage(c, JEAN, 'de'), { user: 'jean@acme.fr', action: 'upload assets', locale: 'de' });
        await expectRefused(c, () => uploadImage(c, GRETA, 'fr'), { user: 'greta@example.org', action: 'upload assets', locale: 'fr' });
        expect(c.emulator.space.listAssets()).toHaveLength(assetsBefore);
    });

    it('a restricted user’s upload without a locale (the engine sends the default one) goes to their first locale', async () => {
        // The engine always uploads a preset's thumbnail this way; a restricted user is never in Global mode.
        const c = await start();
        const [asset] = await uploadImage(c, GRETA);
        expect(Object.keys(c.emulator.space.getAsset(asset!.objectId)!.fields['file']!).sort()).toEqual(['de', 'en-US']);
        expect(c.source.explain({ user: GRETA, action: 'upload-asset' })).toMatchObject({ allowed: true });
        expect(c.source.explain({ user: GRETA, action: 'upload-asset', locale: 'fr' })).toMatchObject({ allowed: false });
    });
});

describe('updateAsset', () => {
    const titleOf = (c: EngineContext, locale: string) => c.emulator.space.getAsset('asset-hero')!.fields['title']![locale];

    it('a restricted user sets the title of their locale only', async () => {
        const c = await start();
        await setAssetTitle(c, JEAN, 'asset-hero', 'Grains torréfiés', 'fr');
        expect(titleOf(c, 'fr')).toBe('Grains torréfiés');
        expect(titleOf(c, 'en-US')).toBe('Coffee beans');
    });

    it('a global user sets any locale, Global mode writing the default locale', async () => {
        const c = await start();
        await setAssetTitle(c, ALICE, 'asset-hero', 'Kaffeebohnen', 'de');
        await setAssetTitle(c, ALICE, 'asset-hero', 'Roasted beans');
        expect([titleOf(c, 'de'), titleOf(c, 'en-US')]).toEqual(['Kaffeebohnen', 'Roasted beans']);
    });

    it('a restricted user may not set another locale nor, in Global mode, the default locale', async () => {
        const c = await start();
        await expectRefused(c, () => setAssetTitle(c, JEAN, 'asset-hero', 'Kaffeebohnen', 'de'), { user: 'jean@acme.fr', action: 'edit assets', document: 'asset-hero', field: 'title', locale: 'de' });
        await expectRefused(c, () => setAssetTitle(c, JEAN, 'asset-hero', 'Beans'), { user: 'jean@acme.fr', action: 'edit assets', document: 'asset-hero', field: 'title', locale: 'en-US' });
        expect(titleOf(c, 'en-US')).toBe('Coffee beans');
    });

    it('a file change through the CSI updateAsset (the merged user context the engine passes) is refused outside the user’s locales', async () => {
        const c = await start();
        const csiAsset = (await c.source.getAssets()).find((item) => item.id === 'asset-hero')!;
        // The shape cms-core builds for a CSI call: the user's fields plus their Contentful connection.
        const userContext = { email: JEAN.email, name: JEAN.name, role: JEAN.role, sso: undefined, type: 'contentful', accessToken: 'user-token' };
        const file = { type: 'assetFile', value: { url: 'https://example.com/de.png', fileName: 'de.png', contentType: 'image/png' } };
        await expectRefused(
            c,
            () => c.source.updateAsset({ asset: csiAsset, operations: [{ opType: 'set', fieldPath: ['file'], locale: 'de', field: file } as never], userContext }),
            { user: 'jean@acme.fr', action: 'edit assets', document: 'asset-hero', field: 'file', locale: 'de' }
        );
    });
});

describe('unpublish', () => {
    const isPublished = (c: EngineContext, id: string) => storedEntry(c, id)?.sys.publishedVersion !== undefined;

    it('a global user unpublishes anything', async () => {
        const c = await start();
        await unpublish(c, ALICE, ['home-en-US']);
        expect(isPublished(c, 'home-en-US')).toBe(false);
    });

    it('a restricted user unpublishes an object-level document of their locale', async () => {
        const c = await start();
        await unpublish(c, JEAN, ['about-fr']);
        expect(isPublished(c, 'about-fr')).toBe(false);
        expect(isPublished(c, 'about-en-US')).toBe(true);
    });

    it('a restricted user may not unpublish another locale’s document', async () => {
        const c = await start();
        const error = await expectRefused(c, () => unpublish(c, JEAN, ['home-en-US']), { user: 'jean@acme.fr', action: 'unpublish' });
        expect(error.message).toMatch(/document "home-en-US".*is en-US/);
        expect(isPublished(c, 'home-en-US')).toBe(true);
    });

    it('without locale-based publishing a restricted user may not unpublish a field-level document (every locale would go offline)', async () => {
        const c = await start({ localeBasedPublishing: false });
        const error = await expectRefused(c, () => unpublish(c, JEAN, ['product-espresso']), { user: 'jean@acme.fr', action: 'unpublish' });
        expect(error.message).toContain('document "product-espresso"');
        expect(error.message).toContain('would take every locale offline');
        expect(isPublished(c, 'product-espresso')).toBe(true);
    });
});

describe('access.requireUser', () => {
    const ANONYMOUS = 'an anonymous call';

    it('refuses every write that carries no user, before anything reaches Contentful', async () => {
        const c = await start({ access: { ...ACCESS, requireUser: true } });
        const refusal = (action: string, document?: string) => ({ user: ANONYMOUS, action, document });
        await expectRefused(c, () => createIn(c, undefined, 'page', { title: 'Shop', slug: 'shop' }), refusal('create'));
        await expectRefused(c, () => setField(c, undefined, 'product-grinder', 'price', 1), refusal('edit', 'product-grinder'));
        await expectRefused(c, () => deleteDoc(c, undefined, 'product-kettle'), refusal('delete', 'product-kettle'));
        await expectRefused(c, () => archiveDoc(c, undefined, 'product-kettle'), refusal('archive', 'product-kettle'));
        await expectRefused(c, () => unarchiveDoc(c, undefined, 'product-kettle'), refusal('unarchive', 'product-kettle'));
        await expectRefused(c, () => uploadImage(c, undefined), refusal('upload assets'));
        await expectRefused(c, () => setAssetTitle(c, undefined, 'asset-hero', 'Beans'), refusal('edit assets', 'asset-hero'));
        await expectRefused(c, () => publish(c, undefined, ['product-kettle']), refusal('publish'));
        await expectRefused(c, () => unpublish(c, undefined, ['product-espresso']), refusal('unpublish'));
        const error = await expectRefused(c, () => setField(c, undefined, 'home-en-US', 'title', 'Hi'), refusal('edit', 'home-en-US'));
        expect(error.reason).toContain('access.requireUser');
    });

    it('still lets a signed-in user write, and the engine reports no permission for a call without a user', async () => {
        const c = await start({ access: { ...ACCESS, requireUser: true } });
        await setField(c, ALICE, 'product-grinder', 'price', 1);
        expect(storedEntry(c, 'product-grinder')?.fields['price']).toEqual({ 'en-US': 1 });
        expect((await c.engine.store.hasAccess({})).hasPermissions).toBe(false);
        expect((await c.engine.store.hasAccess({ user: JEAN })).hasPermissions).toBe(true);
    });

    it('without requireUser a call with no user is global (local development, scripts)', async () => {
        const c = await start();
        await setField(c, undefined, 'product-grinder', 'price', 2);
        await setField(c, undefined, 'home-de', 'title', 'Hallo');
        expect(storedEntry(c, 'product-grinder')?.fields['price']).toEqual({ 'en-US': 2 });
        expect(storedEntry(c, 'home-de')?.fields['title']).toEqual({ 'en-US': 'Hallo' });
        expect((await c.engine.store.hasAccess({})).hasPermissions).toBe(true);
    });
});

describe('an SSO attribute rule, through both user shapes', () => {
    const MARIE = { ...engineUser('marie@partner.example', { name: 'Marie' }), sso: { idpId: 'okta', attributes: { team: ['quebec-content'] } } };
    const SSO_ACCESS = { rules: [{ sso: { team: 'quebec-*' }, locales: ['fr-CA'] }, ...ACCESS.rules!], default: ACCESS.default };

    it('grants the locales of the rule the SSO profile matches: writes, hidden documents and explain agree', async () => {
        const c = await start({ access: SSO_ACCESS });
        await setField(c, MARIE, 'product-grinder', 'name', 'Moulin (Québec)', 'fr-CA');
        expect(storedEntry(c, 'product-grinder')?.fields['name']?.['fr-CA']).toBe('Moulin (Québec)');
        await expectRefused(c, () => setField(c, MARIE, 'product-grinder', 'name', 'Moulin', 'fr'), { user: 'marie@partner.example', action: 'edit', document: 'product-grinder', field: 'name', locale: 'fr' });
        expect(c.engine.store.getDocument({ ...c.ref, srcDocumentId: 'home-fr', user: MARIE })?.hidden).toBe(true);
        expect(c.source.explain({ user: MARIE, action: 'update', documentId: 'product-grinder', field: 'name', locale: 'fr-CA' })).toMatchObject({ allowed: true, rule: SSO_ACCESS.rules[0] });
    });
});
