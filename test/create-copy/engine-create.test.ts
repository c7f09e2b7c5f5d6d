/**
 * Creating documents the way the Visual Editor does (SPEC §6 "Create"): the engine's
 * `createDocument` with a `locale`, and with `defaultLocaleDocumentId` when the editor adds a
 * translation (object-level: a variant in the same translation group; field-level: the locale's
 * values added to the same entry).
 */
import { describe, expect, it } from 'vitest';
import { engineUser } from '../helpers/engine.js';
import { useDemoEngine, entryIdsOf, entryValue, groupInSpace } from './support.js';

describe('engine createDocument in a locale and as a translation', () => {
    const { emulator, start } = useDemoEngine();

    it('object-level: a page created in fr gets locale fr and a translation key of its own', async () => {
        const { store, source, srcProjectId } = await start();
        const { srcDocumentId } = await store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Nouveautés', slug: 'nouveautes' }, locale: 'fr' });

        expect(entryValue(emulator.space, srcDocumentId, 'locale')).toBe('fr');
        expect(entryValue(emulator.space, srcDocumentId, 'title')).toBe('Nouveautés');
        const key = entryValue(emulator.space, srcDocumentId, 'translationKey');
        expect(typeof key).toBe('string');
        expect(['home', 'about', 'contact']).not.toContain(key);
        expect(groupInSpace(emulator.space, String(key))).toEqual({ fr: srcDocumentId });
        // The editor sees it in fr only, right away (no poll needed).
        expect(store.getDocuments({ locale: 'fr' }).map((d) => d.srcObjectId)).toContain(srcDocumentId);
        expect(store.getDocuments({ locale: 'de' }).map((d) => d.srcObjectId)).not.toContain(srcDocumentId);
        expect(source.getAlternates({ documentId: srcDocumentId })).toEqual({ fr: srcDocumentId });
    });

    it('object-level: without a locale the page is created in the default locale', async () => {
        const { store, srcProjectId } = await start();
        const { srcDocumentId } = await store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'News', slug: 'news' } });
        expect(entryValue(emulator.space, srcDocumentId, 'locale')).toBe('en-US');
    });

    it('object-level: with defaultLocaleDocumentId the new variant joins the translation group', async () => {
        const { store, source, srcProjectId } = await start();
        const { srcDocumentId } = await store.createDocument({
            srcType: 'contentful',
            srcProjectId,
            modelName: 'page',
            object: { title: 'Über uns', slug: 'ueber-uns' },
            locale: 'de',
            defaultLocaleDocumentId: 'about-en-US'
        });
        expect(srcDocumentId).not.toBe('about-en-US');
        expect(entryValue(emulator.space, srcDocumentId, 'translationKey')).toBe('about');
        expect(groupInSpace(emulator.space, 'about')).toEqual({ 'en-US': 'about-en-US', fr: 'about-fr', de: srcDocumentId });
        expect(source.getAlternates({ documentId: 'about-fr' })).toEqual({ 'en-US': 'about-en-US', fr: 'about-fr', de: srcDocumentId });
        // Exactly one entry written; the other variants untouched.
        expect(emulator.log.writes().map((r) => `${r.method} ${r.route}`)).toEqual(['PUT /entries/:id']);
    });

    it('object-level: a new translation takes the group\'s shared fields (brandColor) from the en-US variant, whatever the form held', async () => {
        const { store, srcProjectId } = await start();
        const { srcDocumentId } = await store.createDocument({
            srcType: 'contentful',
            srcProjectId,
            modelName: 'page',
            object: { title: 'Über uns', slug: 'ueber-uns', brandColor: '#000000' },
            locale: 'de',
            defaultLocaleDocumentId: 'about-fr'
        });
        expect(entryValue(emulator.space, srcDocumentId, 'brandColor')).toBe('#8a4b2a');
        expect(entryValue(emulator.space, srcDocumentId, 'title')).toBe('Über uns');

        // A group without an en-US variant has no master yet: the given value stays.
        const { srcDocumentId: frOnly } = await store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Équipe', slug: 'equipe', brandColor: '#123456' }, locale: 'fr' });
        const { srcDocumentId: deVariant } = await store.createDocument({
            srcType: 'contentful',
            srcProjectId,
            modelName: 'page',
            object: { title: 'Team', slug: 'team', brandColor: '#654321' },
            locale: 'de',
            defaultLocaleDocumentId: frOnly
        });
        expect(entryValue(emulator.space, deVariant, 'brandColor')).toBe('#654321');
    });

    it('object-level: a second variant of the same locale in one group is refused, nothing written', async () => {
        const { store, srcProjectId } = await start();
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Encore', slug: 'encore' }, locale: 'fr', defaultLocaleDocumentId: 'about-en-US' })
        ).rejects.toThrow(/"about-fr" already is its "fr" variant/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('field-level: a product created in fr holds its name under fr and its price under the default locale', async () => {
        const { store, srcProjectId } = await start();
        const { srcDocumentId } = await store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'product', object: { name: 'Balance', price: 35 }, locale: 'fr' });
        const fields = emulator.space.getEntry(srcDocumentId)!.fields;
        expect(fields.name).toEqual({ fr: 'Balance' });
        expect(fields.price).toEqual({ 'en-US': 35 });
    });

    it('field-level: defaultLocaleDocumentId adds the locale to that entry and returns its id', async () => {
        const { store, srcProjectId } = await start();
        const before = entryIdsOf(emulator.space, 'product');
        const original = emulator.space.getEntry('product-kettle')!.fields;
        const { srcDocumentId } = await store.createDocument({
            srcType: 'contentful',
            srcProjectId,
            modelName: 'product',
            object: { name: 'Schwanenhalskessel', description: 'Präzises Gießen.' },
            locale: 'de',
            defaultLocaleDocumentId: 'product-kettle'
        });
        expect(srcDocumentId).toBe('product-kettle');
        expect(entryIdsOf(emulator.space, 'product')).toEqual(before);
        const fields = emulator.space.getEntry('product-kettle')!.fields;
        expect(fields.name).toEqual({ ...original.name, de: 'Schwanenhalskessel' });
        expect(fields.description).toEqual({ ...original.description, de: 'Präzises Gießen.' });
        expect(fields.price).toEqual(original.price);
        // The engine's document now carries the de values.
        const document = store.getDocument({ srcType: 'contentful', srcProjectId, srcDocumentId: 'product-kettle' })!;
        expect(document.fields.name).toMatchObject({ localized: true, locales: { de: { value: 'Schwanenhalskessel' } } });
    });

    it('field-level: adding a locale whose value already differs is refused, nothing written', async () => {
        const { store, srcProjectId } = await start();
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'product', object: { name: 'Autre nom' }, locale: 'fr', defaultLocaleDocumentId: 'product-espresso' })
        ).rejects.toThrow(/field "name" already has a different fr value/);
        expect(emulator.log.writes()).toEqual([]);
        expect(entryValue(emulator.space, 'product-espresso', 'name', 'fr')).toBe('Machine à expresso');
    });

    it('field-level: adding a locale without its required values lists them, nothing written', async () => {
        const { store, srcProjectId } = await start();
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'product', object: { description: 'Nur Text' }, locale: 'de', defaultLocaleDocumentId: 'product-kettle' })
        ).rejects.toThrow(/required fields have no value \(de: name\)/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a translation of a document that does not exist is refused', async () => {
        const { store, srcProjectId } = await start();
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'X', slug: 'x' }, locale: 'fr', defaultLocaleDocumentId: 'no-such-page' })
        ).rejects.toThrow(/"no-such-page" does not exist/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a user restricted to fr creates in fr, and is refused in de (also as a translation), nothing written', async () => {
        const { store, srcProjectId } = await start();
        const jean = engineUser('jean@acme.fr');
        const { srcDocumentId } = await store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Équipe', slug: 'equipe' }, locale: 'fr', user: jean });
        expect(entryValue(emulator.space, srcDocumentId, 'locale')).toBe('fr');
        emulator.log.clear();

        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Team', slug: 'team' }, locale: 'de', user: jean })
        ).rejects.toThrow(/jean@acme\.fr[\s\S]*de/);
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Team', slug: 'team' }, locale: 'de', defaultLocaleDocumentId: 'about-en-US', user: jean })
        ).rejects.toThrow(/jean@acme\.fr[\s\S]*de/);
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'product', object: { name: 'Kessel' }, locale: 'de', defaultLocaleDocumentId: 'product-kettle', user: jean })
        ).rejects.toThrow(/jean@acme\.fr[\s\S]*de/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a locale that is not enabled for the project is refused at create', async () => {
        const { store, srcProjectId } = await start({ locales: ['en-US', 'fr'] });
        await expect(
            store.createDocument({ srcType: 'contentful', srcProjectId, modelName: 'page', object: { title: 'Hallo', slug: 'hallo' }, locale: 'de' })
        ).rejects.toThrow(/locale "de": it is not enabled for this project \(option `locales`\)/);
        expect(emulator.log.writes()).toEqual([]);
    });
});
