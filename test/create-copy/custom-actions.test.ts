/**
 * The Visual Editor custom actions (src/actions.ts) run by the real engine: `getCustomActions`
 * (state and permissions as the editor shows them) and `runCustomAction` (the result the editor
 * gets, and what reached Contentful), with the editor's current locale and user.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StackbitConfig } from '@stackbit/types';
import { LocalizedContentfulSource, localizationActions, localizationPageActions, copyEntryAction, DEFAULT_ACTION_NAMES } from '../../src/index.js';
import { testOptions, useEmulator } from '../helpers/emulator.js';
import { engineUser, startEngine, type EngineHandle } from '../helpers/engine.js';
import { demoOptions, entryValue, groupInSpace } from './support.js';

type EngineUser = ReturnType<typeof engineUser>;

describe('localization custom actions through the engine', () => {
    const emulator = useEmulator();
    let engine: EngineHandle | undefined;
    afterEach(async () => {
        await engine?.destroy();
        engine = undefined;
    });

    async function start(config: (source: LocalizedContentfulSource) => Partial<StackbitConfig> = (source) => ({
        modelExtensions: [
            { name: 'page', type: 'page', urlPath: '/{slug}', actions: localizationActions({ source }) },
            { name: 'product', actions: localizationActions({ source }) }
        ]
    })) {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, demoOptions()));
        engine = await startEngine({ contentSources: [source], config: config(source) });
        emulator.log.clear();
        return { source, store: engine.store, srcProjectId: emulator.space.spaceId };
    }

    function documentActionId(documentId: string, actionName: string): string {
        return JSON.stringify({ srcType: 'contentful', srcProjectId: emulator.space.spaceId, srcDocumentId: documentId, actionName });
    }

    /** Runs an action and waits for the engine's final report to the editor. */
    async function run(request: { actionId: string; actionName: string; actionType: 'document' | 'global'; locale?: string; user?: EngineUser; currentPageDocument?: { srcType: string; srcProjectId: string; srcDocumentId: string } }) {
        const seen = engine!.actionStates.length;
        const { actionId } = await engine!.store.runCustomAction(request as Parameters<EngineHandle['store']['runCustomAction']>[0]);
        return vi.waitFor(
            () => {
                const done = engine!.actionStates.slice(seen).find((state) => state.actionId === actionId && state.state !== 'running');
                if (!done) throw new Error(`action ${actionId} still running`);
                return done;
            },
            { timeout: 5000, interval: 5 }
        );
    }

    function runDocumentAction(documentId: string, kind: keyof typeof DEFAULT_ACTION_NAMES, extra: { locale?: string; user?: EngineUser } = {}) {
        const actionName = DEFAULT_ACTION_NAMES[kind];
        return run({ actionId: documentActionId(documentId, actionName), actionName, actionType: 'document', ...extra });
    }

    async function actionsOf(documentId: string, extra: { locale?: string; user?: EngineUser } = {}) {
        const ids = Object.values(DEFAULT_ACTION_NAMES).map((name) => documentActionId(documentId, name));
        const actions = await engine!.store.getCustomActions({ customActionIds: ids, ...extra } as Parameters<EngineHandle['store']['getCustomActions']>[0]);
        return Object.fromEntries(actions.map((action) => [action.name, { state: action.state, canExecute: action.permissions?.canExecute }]));
    }

    it('the editor sees which actions apply in the current locale', async () => {
        await start();
        // about has en-US and fr variants, no de one.
        expect(await actionsOf('about-fr', { locale: 'fr' })).toMatchObject({
            'copy-entry-current-locale': { state: 'enabled' },
            'copy-entry-all-locales': { state: 'enabled' },
            localize: { state: 'disabled' },
            unlocalize: { state: 'enabled' }
        });
        expect(await actionsOf('about-en-US', { locale: 'de' })).toMatchObject({ localize: { state: 'enabled' }, unlocalize: { state: 'disabled' } });
        // Global mode and the default locale: nothing to localize or revert.
        expect(await actionsOf('about-en-US')).toMatchObject({ 'copy-entry-current-locale': { state: 'enabled' }, localize: { state: 'disabled' }, unlocalize: { state: 'disabled' } });
        expect(await actionsOf('about-en-US', { locale: 'en-US' })).toMatchObject({ localize: { state: 'disabled' }, unlocalize: { state: 'disabled' } });
        // Field-level: product-kettle has only en-US values, so fr can be localized but not reverted.
        expect(await actionsOf('product-kettle', { locale: 'fr' })).toMatchObject({ localize: { state: 'enabled' }, unlocalize: { state: 'disabled' } });
        // product-espresso has fr name and description but inherits its (localized) image: both apply.
        expect(await actionsOf('product-espresso', { locale: 'fr' })).toMatchObject({ localize: { state: 'enabled' }, unlocalize: { state: 'enabled' } });
    });

    it('permissions follow the access rules for the editor\'s user and locale', async () => {
        await start();
        const jean = engineUser('jean@acme.fr');
        // Jean may add the fr variant, but a copy in fr would also copy the en-US variant it falls back to.
        expect(await actionsOf('about-en-US', { locale: 'fr', user: jean })).toMatchObject({ localize: { canExecute: true }, 'copy-entry-current-locale': { canExecute: false } });
        expect(await actionsOf('about-en-US', { locale: 'de', user: jean })).toMatchObject({ localize: { canExecute: false }, 'copy-entry-current-locale': { canExecute: false } });
        expect(await actionsOf('product-kettle', { locale: 'de', user: jean })).toMatchObject({ localize: { canExecute: false } });
        expect(await actionsOf('about-en-US', { locale: 'de', user: engineUser('alice@acme.com') })).toMatchObject({ localize: { canExecute: true }, 'copy-entry-all-locales': { canExecute: true } });
        // A page that exists in fr only: Jean may copy it in either scope.
        const { srcDocumentId } = await engine!.store.createDocument({ srcType: 'contentful', srcProjectId: emulator.space.spaceId, modelName: 'page', object: { title: 'Équipe', slug: 'equipe' }, locale: 'fr', user: jean });
        expect(await actionsOf(srcDocumentId, { locale: 'fr', user: jean })).toMatchObject({ 'copy-entry-current-locale': { canExecute: true }, 'copy-entry-all-locales': { canExecute: true } });
        expect(await actionsOf('home-fr', { locale: 'fr', user: jean })).toMatchObject({ 'copy-entry-all-locales': { canExecute: false } });
    });

    it('copy (current locale) in fr copies the fr variant and its en-US fallback, and tells the editor', async () => {
        const { store, srcProjectId } = await start();
        const result = await runDocumentAction('about-fr', 'copy-current-locale', { locale: 'fr', user: engineUser('alice@acme.com') });
        expect(result.success).toMatch(/^Copied page "about-fr" \(fr\) in fr: 2 new entries \(/);
        const ids = (result.result as { documentIds: string[] }).documentIds;
        const key = entryValue(emulator.space, ids[0]!, 'translationKey') as string;
        expect(Object.keys(groupInSpace(emulator.space, key)).sort()).toEqual(['en-US', 'fr']);
        expect(store.getDocuments({ locale: 'fr' }).map((d) => d.srcObjectId)).toEqual(expect.arrayContaining([groupInSpace(emulator.space, key).fr]));
        expect(srcProjectId).toBe(emulator.space.spaceId);
    });

    it('copy (all locales) in Global mode copies every variant of the group', async () => {
        await start();
        const result = await runDocumentAction('home-en-US', 'copy-all-locales');
        expect(result.error).toBeUndefined();
        const ids = (result.result as { documentIds: string[] }).documentIds;
        expect(ids).toHaveLength(3);
        expect(result.success).toContain('in all locales: 3 new entries');
    });

    it('localize in de creates the de variant of the page in its group; unlocalize in fr deletes the fr variant', async () => {
        const { source } = await start();
        const localized = await runDocumentAction('about-en-US', 'localize', { locale: 'de' });
        const variant = (localized.result as { documentId: string }).documentId;
        expect(localized.success).toBe(`page "about-en-US" (en-US) now has its own variant "${variant}" in de.`);
        expect(groupInSpace(emulator.space, 'about')).toEqual({ 'en-US': 'about-en-US', fr: 'about-fr', de: variant });
        expect(entryValue(emulator.space, variant, 'title')).toBe('About us');

        const reverted = await runDocumentAction('about-fr', 'unlocalize', { locale: 'fr' });
        expect(reverted.success).toMatch(/inherits its fr content from the fallback locale again/);
        expect(emulator.space.getEntry('about-fr')).toBeUndefined();
        expect(source.getAlternates({ documentId: 'about-en-US' })).toEqual({ 'en-US': 'about-en-US', de: variant });
    });

    it('field-level: localize in fr copies the inherited en-US values; unlocalize in fr removes only the fr values', async () => {
        await start();
        const localized = await runDocumentAction('product-kettle', 'localize', { locale: 'fr' });
        expect(localized.success).toBe('product "product-kettle" now has its own values in fr.');
        expect(emulator.space.getEntry('product-kettle')!.fields.name).toEqual({ 'en-US': 'Gooseneck kettle', fr: 'Gooseneck kettle' });
        // Nothing left to inherit in fr: the editor no longer offers localize there.
        expect(await actionsOf('product-kettle', { locale: 'fr' })).toMatchObject({ localize: { state: 'disabled' }, unlocalize: { state: 'enabled' } });

        await runDocumentAction('product-grinder', 'unlocalize', { locale: 'fr' });
        const fields = emulator.space.getEntry('product-grinder')!.fields;
        expect(fields.name).toEqual({ 'en-US': 'Burr grinder' });
        expect(fields.description).toEqual({ 'en-US': 'Grinds evenly, from fine to coarse.', de: 'Mahlt gleichmäßig, von fein bis grob.' });
    });

    it('a refused action reports the reason to the editor and writes nothing', async () => {
        await start();
        const jean = engineUser('jean@acme.fr');
        const copy = await runDocumentAction('about-fr', 'copy-current-locale', { locale: 'fr', user: jean });
        expect(copy.error).toMatch(/jean@acme\.fr[\s\S]*en-US/);
        const localize = await runDocumentAction('about-en-US', 'localize', { locale: 'de', user: jean });
        expect(localize.error).toMatch(/jean@acme\.fr[\s\S]*de/);
        const unlocalize = await runDocumentAction('product-espresso', 'unlocalize', { locale: 'de', user: jean });
        expect(unlocalize.error).toMatch(/jean@acme\.fr/);
        const global = await runDocumentAction('about-en-US', 'localize');
        expect(global.error).toMatch(/Choose a locale in the editor's locale switcher first/);
        const onDefault = await runDocumentAction('about-fr', 'unlocalize', { locale: 'en-US' });
        expect(onDefault.error).toMatch(/en-US is the default locale/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('page actions (top-level `actions`) act on the page open in the editor', async () => {
        const { srcProjectId } = await start((source) => ({ actions: localizationPageActions({ source }) }));
        const page = { srcType: 'contentful', srcProjectId, srcDocumentId: 'about-en-US' };
        const listed = await engine!.store.getCustomActions({ customActionIds: ['config.actions.page-localize'], locale: 'de', currentPageDocument: page } as Parameters<EngineHandle['store']['getCustomActions']>[0]);
        expect(listed[0]).toMatchObject({ name: 'page-localize', state: 'enabled' });

        const result = await run({ actionId: 'config.actions.page-localize', actionName: 'page-localize', actionType: 'global', locale: 'de', currentPageDocument: page });
        expect(result.success).toMatch(/now has its own variant "[0-9A-Za-z]{22}" in de/);
        expect(Object.keys(groupInSpace(emulator.space, 'about')).sort()).toEqual(['de', 'en-US', 'fr']);

        const noPage = await run({ actionId: 'config.actions.page-copy-entry-all-locales', actionName: 'page-copy-entry-all-locales', actionType: 'global' });
        expect(noPage.error).toMatch(/Open a page/);
    });

    it('a single action can be added on its own, and leaves documents of other sources alone', async () => {
        await start((source) => ({ modelExtensions: [{ name: 'page', type: 'page', actions: [copyEntryAction({ source, scope: 'all-locales', name: 'duplicate-everywhere', label: 'Duplicate everywhere' })] }] }));
        const actionId = documentActionId('contact-en-US', 'duplicate-everywhere');
        const [listed] = await engine!.store.getCustomActions({ customActionIds: [actionId] } as Parameters<EngineHandle['store']['getCustomActions']>[0]);
        expect(listed).toMatchObject({ label: 'Duplicate everywhere', state: 'enabled' });
        const result = await run({ actionId, actionName: 'duplicate-everywhere', actionType: 'document' });
        expect(result.success).toContain('1 new entry');

        // An action built for another space refuses this space's documents.
        const other = new LocalizedContentfulSource(testOptions(emulator.space, demoOptions({ spaceId: 'another-space' })));
        const [action] = localizationActions({ source: other });
        const [contact] = engine!.store.getCSIDocuments({ documentSpecs: [{ srcType: 'contentful', srcProjectId: emulator.space.spaceId, srcDocumentId: 'contact-en-US' }] }).documents;
        // Only what the action reads; the engine would pass the full run options.
        const foreign = await action!.run({ document: { ...contact!, srcType: 'contentful', srcProjectId: emulator.space.spaceId } } as Parameters<typeof action.run>[0]);
        expect(foreign).toMatchObject({ error: expect.stringMatching(/comes from another content source/) });
    });
});
