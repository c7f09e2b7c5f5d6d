/**
 * The top-level stackbit.config.ts, loaded the way `stackbit dev` loads it (@stackbit/sdk's
 * loadConfig: esbuild bundle, `sitemap` → `siteMap`), then run by the engine against the emulated
 * demo space: per-locale site map, permissions from the access rules, the custom actions, and the
 * adapter refusing what the rules forbid.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@stackbit/sdk';
import type { Config } from '@stackbit/sdk';
import { useEmulator } from '../helpers/emulator.js';
import { engineUser, startEngine, type EngineHandle } from '../helpers/engine.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the top-level stackbit.config.ts', () => {
    const emulator = useEmulator();
    let config: Config;
    let engine: EngineHandle | undefined;

    beforeAll(async () => {
        // What `npm run demo` / the devserver test set; no CONTENTFUL_HOST: msw answers api.contentful.com.
        vi.stubEnv('CONTENTFUL_SPACE_ID', 'demo');
        vi.stubEnv('CONTENTFUL_MANAGEMENT_TOKEN', 'config-test-token');
        vi.stubEnv('CONTENTFUL_ENVIRONMENT', '');
        vi.stubEnv('CONTENTFUL_HOST', '');
        vi.stubEnv('CONTENTFUL_INSECURE', '');
        const loaded = await loadConfig({ dirPath: repositoryRoot });
        expect(loaded.errors.map((error) => error.message)).toEqual([]);
        config = loaded.config!;
        await loaded.destroy?.();
    }, 60_000);
    afterAll(() => vi.unstubAllEnvs());
    afterEach(async () => {
        await engine?.destroy();
        engine = undefined;
    });

    async function start() {
        // The harness supplies its own paths and (empty) file models.
        const { contentSources, models: _models, dirPath: _dirPath, filePath: _filePath, ...rest } = config;
        engine = await startEngine({ contentSources: contentSources ?? [], config: rest });
        emulator.log.clear();
        return engine.store;
    }

    it('loads like stackbit dev does: one Contentful source, the site map, actions and permission helpers', () => {
        expect(config.contentSources).toHaveLength(1);
        expect(config.contentSources![0]!.getContentSourceType()).toBe('contentful');
        expect(typeof config.siteMap).toBe('function');
        expect(typeof config.permissionsForDocument).toBe('function');
        expect(typeof config.permissionsForModel).toBe('function');
        expect(config.actions?.map((action) => action.name)).toEqual(['page-copy-entry-current-locale', 'page-copy-entry-all-locales']);
        const page = config.modelExtensions?.find((model) => model.name === 'page');
        expect(page).toMatchObject({ type: 'page', urlPath: '/{locale}/{slug}' });
        expect((page as { actions?: { name: string }[] }).actions?.map((action) => action.name)).toEqual(['copy-entry-current-locale', 'copy-entry-all-locales', 'localize', 'unlocalize']);
    });

    it('the site map gives every page variant its locale URL and title, and every product a URL and label per locale', async () => {
        const store = await start();
        const byPath = (locale: string) => Object.fromEntries(store.getSiteMapEntries({ locale }).map((entry) => [entry.urlPath, entry]));
        const fr = byPath('fr');
        expect(fr['/fr/']).toMatchObject({ label: 'Bienvenue chez Acme Coffee', isHomePage: true, locale: 'fr', document: { id: 'home-fr' } });
        expect(fr['/fr/a-propos']).toMatchObject({ label: 'À propos', document: { id: 'about-fr' } });
        expect(fr['/fr/products/ESP-001']).toMatchObject({ label: 'Machine à expresso', document: { id: 'product-espresso' } });
        // The kettle has no French name: the label falls back to en-US, as the site does.
        expect(fr['/fr/products/KTL-003']).toMatchObject({ label: 'Gooseneck kettle' });
        // No entries of other locales in fr mode.
        expect(Object.keys(fr).every((urlPath) => urlPath.startsWith('/fr/'))).toBe(true);
        expect(byPath('en-US')['/en-US/']).toMatchObject({ label: 'Welcome to Acme Coffee', isHomePage: true });
        expect(byPath('de')['/de/']).toMatchObject({ label: 'Willkommen bei Acme Coffee', isHomePage: true });
        // fr-CA: no page variant of its own, products labelled through fr-CA → fr.
        expect(byPath('fr-CA')['/fr-CA/products/GRD-002']).toMatchObject({ label: 'Moulin à café à meules' });
    });

    it('permissions follow the access rules: the French team does not see German pages and cannot edit the site config', async () => {
        const store = await start();
        const jean = engineUser('jean@acme.fr');
        const documents = Object.fromEntries(store.getDocuments({ user: jean }).map((d) => [d.srcObjectId, d]));
        expect(documents['home-de']).toMatchObject({ hidden: true, permissions: { canView: false } });
        expect(documents['home-fr']).toMatchObject({ permissions: { canView: true, canEdit: true } });
        expect(documents['site-config']!.permissions).toMatchObject({ canEdit: false });
        const alice = Object.fromEntries(store.getDocuments({ user: engineUser('alice@acme.com') }).map((d) => [d.srcObjectId, d]));
        expect(alice['home-de']!.hidden).toBeFalsy();
        // A translator (by role) may edit de but not the default locale's pages.
        const translator = Object.fromEntries(store.getDocuments({ user: engineUser('tom@acme.com', { role: 'translator' }) }).map((d) => [d.srcObjectId, d]));
        expect(translator['home-de']!.permissions).toMatchObject({ canEdit: true });
        expect(translator['home-en-US']!.permissions).toMatchObject({ canEdit: false });
    });

    it('the adapter enforces the same rules and the custom actions run with the editor\'s locale', async () => {
        const store = await start();
        const srcProjectId = 'demo';
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Hallo', slug: 'hallo' }, locale: 'de', user: engineUser('jean@acme.fr') })
        ).rejects.toThrow(/jean@acme\.fr/);
        expect(emulator.log.writes()).toEqual([]);

        const actionId = JSON.stringify({ srcType: 'contentful', srcProjectId, srcDocumentId: 'about-en-US', actionName: 'localize' });
        const [listed] = await store.getCustomActions({ customActionIds: [actionId], locale: 'fr-CA' } as Parameters<typeof store.getCustomActions>[0]);
        expect(listed).toMatchObject({ name: 'localize', state: 'enabled' });
        await store.runCustomAction({ actionId, actionName: 'localize', actionType: 'document', locale: 'fr-CA', user: engineUser('jean@acme.fr') } as Parameters<typeof store.runCustomAction>[0]);
        const done = await vi.waitFor(() => {
            const state = engine!.actionStates.find((s) => s.state !== 'running');
            if (!state) throw new Error('still running');
            return state;
        });
        expect(done.success).toMatch(/now has its own variant "[0-9A-Za-z]{22}" in fr-CA/);
        const variants = emulator.space.listEntries().filter((entry) => entry.fields.translationKey?.['en-US'] === 'about').map((entry) => entry.fields.locale?.['en-US']);
        expect(variants.sort()).toEqual(['en-US', 'fr', 'fr-CA']);
    });
});
