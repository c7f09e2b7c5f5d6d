/**
 * SPEC §5, the remaining cells through the engine: "view" (the permission helpers in the engine
 * config hide what a user may not see, in Global and Specific mode) and "create in several locales
 * at once" (Global mode: the engine's createDocument with defaultLocaleDocumentId).
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import { ALICE, GRETA, JEAN, createIn, expectRefused, useAccessEngine, storedEntry, visibleIds, type EngineUser } from './support.js';

const emulator = useEmulator();
const start = useAccessEngine(emulator);

describe('SPEC §5 create in several locales at once (Global mode)', () => {
    it('a global user creates an object-level document in three locales: three entries in one translation group', async () => {
        const c = await start();
        const { srcDocumentId: master } = await createIn(c, ALICE, 'page', { title: 'Shop', slug: 'shop' });
        const { srcDocumentId: fr } = await createIn(c, ALICE, 'page', { title: 'Boutique', slug: 'boutique' }, 'fr', master);
        const { srcDocumentId: de } = await createIn(c, ALICE, 'page', { title: 'Laden', slug: 'laden' }, 'de', master);
        const entries = [master, fr, de].map((id) => storedEntry(c, id)!);
        expect(new Set([master, fr, de]).size).toBe(3);
        expect(entries.map((entry) => entry.fields['locale']!['en-US'])).toEqual(['en-US', 'fr', 'de']);
        expect(new Set(entries.map((entry) => entry.fields['translationKey']!['en-US'])).size).toBe(1);
        expect(c.source.getAlternates({ documentId: master })).toEqual({ 'en-US': master, fr, de });
    });

    it('a global user creates a field-level document in two locales: one entry with both locales', async () => {
        const c = await start();
        const { srcDocumentId: id } = await createIn(c, ALICE, 'product', { name: 'Frother' });
        const { srcDocumentId: same } = await createIn(c, ALICE, 'product', { name: 'Milchaufschäumer' }, 'de', id);
        expect(same).toBe(id);
        expect(storedEntry(c, id)?.fields['name']).toEqual({ 'en-US': 'Frother', de: 'Milchaufschäumer' });
    });

    it('a restricted user creates in several of their locales, and is refused a locale outside them with nothing written', async () => {
        const c = await start();
        const { srcDocumentId: fr } = await createIn(c, JEAN, 'page', { title: 'Boutique', slug: 'boutique' }, 'fr');
        const { srcDocumentId: frCa } = await createIn(c, JEAN, 'page', { title: 'Magasin', slug: 'magasin' }, 'fr-CA', fr);
        expect(c.source.getAlternates({ documentId: fr })).toEqual({ fr, 'fr-CA': frCa });
        const entriesBefore = c.emulator.space.listEntries().length;
        await expectRefused(c, () => createIn(c, JEAN, 'page', { title: 'Laden', slug: 'laden' }, 'de', fr), { user: 'jean@acme.fr', action: 'create', locale: 'de' });
        expect(c.emulator.space.listEntries()).toHaveLength(entriesBefore);
    });
});

describe('SPEC §5 view cell through the engine (permissionsForDocument in the engine config)', () => {
    const PRODUCTS = ['product-espresso', 'product-grinder', 'product-kettle'];
    const cases: { who: EngineUser; mode: string; locale?: string; visible: string[] }[] = [
        { who: ALICE, mode: 'Global', visible: [...PRODUCTS, 'about-en-US', 'about-fr', 'contact-en-US', 'home-de', 'home-en-US', 'home-fr', 'site-config'] },
        { who: ALICE, mode: 'Specific de', locale: 'de', visible: [...PRODUCTS, 'home-de', 'site-config'] },
        { who: JEAN, mode: 'Global', visible: [...PRODUCTS, 'about-fr', 'home-fr', 'site-config'] },
        { who: JEAN, mode: 'Specific fr', locale: 'fr', visible: [...PRODUCTS, 'about-fr', 'home-fr', 'site-config'] },
        { who: JEAN, mode: 'Specific de', locale: 'de', visible: [...PRODUCTS, 'site-config'] },
        { who: GRETA, mode: 'Global', visible: [...PRODUCTS, 'home-de', 'site-config'] }
    ];
    it.each(cases.map((entry) => [`${entry.who.email} in ${entry.mode}`, entry] as const))('%s sees only what the table allows', async (_title, entry) => {
        const c = await start();
        expect(visibleIds(c, entry.who, entry.locale)).toEqual([...entry.visible].sort());
    });

    it('the adapter assigns each object-level document its locale, which the engine filters on', async () => {
        const c = await start();
        const locales = Object.fromEntries(c.engine.store.getDocuments().map((document) => [document.srcObjectId, document.locale]));
        expect(locales).toMatchObject({ 'home-en-US': 'en-US', 'home-fr': 'fr', 'home-de': 'de', 'about-en-US': 'en-US', 'about-fr': 'fr', 'contact-en-US': 'en-US' });
        expect(locales['product-grinder']).toBeUndefined();
        expect(locales['site-config']).toBeUndefined();
    });
});
