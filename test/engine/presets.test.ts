/**
 * SPEC §9 through the engine: presets are `stackbitPreset` entries of the space; one saved in a
 * locale shows only in that locale and in Global mode, one without a locale shows everywhere, and a
 * restricted user's preset is always stamped with their locale — through the engine's own preset
 * creation path (createPreset → uploadAssets for the thumbnail → createDocument).
 */
import { describe, expect, it } from 'vitest';
import type { ContentStoreTypes } from '@stackbit/cms-core';
import { useEmulator } from '../helpers/emulator.js';
import { ACCESS, ALICE, GRETA, JEAN, PIXEL_PNG, expectRefused, useAccessEngine, storedEntry, type EngineContext, type EngineUser } from './support.js';

const emulator = useEmulator();
const start = useAccessEngine(emulator);

/** The screenshot the editor sends with a new preset. */
const THUMBNAIL: ContentStoreTypes.UploadAssetData = { url: 'blob:preset', data: `data:image/png;base64,${PIXEL_PNG}`, metadata: { name: 'preset.png', type: 'image/png' } };

/** Saves a preset as the editor does; `locale` is what the editor writes into the preset in Specific mode. */
async function savePreset(c: EngineContext, user: EngineUser | undefined, label: string, locale?: string): Promise<string> {
    const preset = { label, modelName: 'page', srcType: c.ref.srcType, srcProjectId: c.ref.srcProjectId, metadata: {}, data: { title: label }, ...(locale ? { locale } : {}) };
    const { srcDocumentId } = await c.engine.store.createPreset({ preset, thumbnailAsset: THUMBNAIL, user });
    return srcDocumentId;
}

/** Preset id → its locale ('none' when it has none), as the engine shows them in `locale` (Global mode when undefined). */
function presetsIn(c: EngineContext, locale?: string): Record<string, string> {
    const presets = c.engine.store.getPresets({ locale }) as Record<string, { locale?: string }>;
    return Object.fromEntries(Object.entries(presets).map(([id, preset]) => [id, preset.locale ?? 'none']));
}

/** The locale stored in the space (the preset entry's `data` JSON). */
const storedLocale = (c: EngineContext, id: string) => (storedEntry(c, id)?.fields['data']?.['en-US'] as { locale?: string } | undefined)?.locale;

describe('presets stored in the space', () => {
    it('keep their locale: a fr preset shows in fr and in Global mode, a preset without a locale everywhere', async () => {
        const c = await start();
        expect(presetsIn(c)).toEqual({ 'preset-hero-fr': 'fr', 'preset-basic-page': 'none' });
        expect(presetsIn(c, 'fr')).toEqual({ 'preset-hero-fr': 'fr', 'preset-basic-page': 'none' });
        expect(presetsIn(c, 'de')).toEqual({ 'preset-basic-page': 'none' });
        expect(presetsIn(c, 'fr-CA')).toEqual({ 'preset-basic-page': 'none' });
    });

    it('keep the locale they were saved with across a restart of the editor', async () => {
        const first = await start();
        const id = await savePreset(first, GRETA, 'Seite (Deutsch)');
        await first.engine.destroy();
        const second = await start();
        expect(presetsIn(second, 'de')[id]).toBe('de');
        expect(presetsIn(second, 'fr')[id]).toBeUndefined();
        expect(presetsIn(second)[id]).toBe('de');
    });
});

describe('saving presets through the engine', () => {
    it('stamps a restricted user’s preset with their locale, thumbnail and all, so it shows only there and in Global mode', async () => {
        const c = await start();
        const id = await savePreset(c, JEAN, 'Ma page');
        expect(storedLocale(c, id)).toBe('fr');
        expect(presetsIn(c, 'fr')[id]).toBe('fr');
        expect(presetsIn(c, 'de')[id]).toBeUndefined();
        expect(presetsIn(c)[id]).toBe('fr');
        // The thumbnail was uploaded in Jean's locale (and, the asset being new, the default locale).
        const thumbnails = c.emulator.space.listAssets().filter((asset) => asset.fields['title']?.['fr'] === 'preset');
        expect(thumbnails).toHaveLength(1);
    });

    it('keeps the locale the editor wrote when the user has it, and replaces one they do not have', async () => {
        const c = await start();
        expect(storedLocale(c, await savePreset(c, JEAN, 'Ma page (Québec)', 'fr-CA'))).toBe('fr-CA');
        expect(storedLocale(c, await savePreset(c, JEAN, 'Meine Seite', 'de'))).toBe('fr');
        expect(storedLocale(c, await savePreset(c, GRETA, 'Meine Seite'))).toBe('de');
    });

    it('leaves a global user’s preset as saved: without a locale in Global mode (visible to all), with it in Specific mode', async () => {
        const c = await start();
        const everywhere = await savePreset(c, ALICE, 'Landing page');
        const german = await savePreset(c, ALICE, 'Landingpage', 'de');
        expect(storedLocale(c, everywhere)).toBeUndefined();
        expect(storedLocale(c, german)).toBe('de');
        for (const locale of ['en-US', 'fr', 'de']) expect(presetsIn(c, locale)[everywhere]).toBe('none');
        expect(presetsIn(c, 'fr')[german]).toBeUndefined();
    });

    it('refuses a preset without a user when access.requireUser is set, writing nothing', async () => {
        const c = await start({ access: { ...ACCESS, requireUser: true } });
        const entriesBefore = c.emulator.space.listEntries().length;
        const call = () => c.engine.store.createPreset({ preset: { label: 'x', modelName: 'page', srcType: c.ref.srcType, srcProjectId: c.ref.srcProjectId, metadata: {}, data: {} }, thumbnailAsset: undefined as never, user: undefined });
        await expectRefused(c, call, { user: 'an anonymous call', action: 'create presets' });
        expect(c.emulator.space.listEntries()).toHaveLength(entriesBefore);
    });
});

describe('deleting presets through the engine', () => {
    it('lets a restricted user delete presets of their locales only', async () => {
        const c = await start();
        const german = await savePreset(c, GRETA, 'Meine Seite');
        await expectRefused(c, () => c.engine.store.deletePreset({ presetId: 'preset-basic-page', user: JEAN }), {
            user: 'jean@acme.fr',
            action: 'delete presets',
            document: 'preset-basic-page'
        });
        await expectRefused(c, () => c.engine.store.deletePreset({ presetId: german, user: JEAN }), { user: 'jean@acme.fr', action: 'delete presets', document: german });
        expect(presetsIn(c)[german]).toBe('de');

        await c.engine.store.deletePreset({ presetId: 'preset-hero-fr', user: JEAN });
        expect(storedEntry(c, 'preset-hero-fr')).toBeUndefined();
        expect(presetsIn(c, 'fr')).not.toHaveProperty('preset-hero-fr');
    });

    it('lets a global user delete any preset', async () => {
        const c = await start();
        await c.engine.store.deletePreset({ presetId: 'preset-basic-page', user: ALICE });
        expect(storedEntry(c, 'preset-basic-page')).toBeUndefined();
        expect(presetsIn(c)).toEqual({ 'preset-hero-fr': 'fr' });
    });
});
