// The adapter inside @stackbit/cms-core's ContentStore (the engine behind the Visual Editor):
// getDocuments({ locale }) returns the object-level variants of exactly that locale plus every
// document without a locale, the engine's locales come from the adapter, and writes made through
// the engine (create in a locale, update with locale operations, localize) show up per locale.
import { describe, expect, it } from 'vitest';
import type { ContentStoreTypes } from '@stackbit/cms-core';
import { LocalizedContentfulSource } from '../../src/index.js';
import { useEngine } from '../helpers/engine.js';
import { DEMO_OBJECT_LEVEL, testOptions, useSourceEmulator } from './support.js';

const QUIET = { sync: { pollIntervalMs: 3_600_000, deletionCheckIntervalMs: 3_600_000 } };
const PAGES = ['home-en-US', 'home-fr', 'home-de', 'about-en-US', 'about-fr', 'contact-en-US'];
const UNLOCALIZED = ['product-espresso', 'product-grinder', 'product-kettle', 'site-config'];

describe('engine: documents per locale', () => {
    const emulator = useSourceEmulator();
    const startTestEngine = useEngine();

    async function start() {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, ...QUIET }));
        const engine = await startTestEngine({ contentSources: [source] });
        const ref = { srcType: 'contentful', srcProjectId: emulator.space.spaceId };
        const idsIn = (locale?: string) =>
            engine.store
                .getDocuments(locale ? { locale } : {})
                .map((d: ContentStoreTypes.Document) => d.srcObjectId)
                .sort();
        return { source, store: engine.store, ref, idsIn };
    }

    it('the engine’s locales are the adapter’s, default flagged', async () => {
        const { store } = await start();
        expect(store.getLocales()).toEqual([{ srcType: 'contentful', srcProjectId: 'demo', locales: ['en-US', 'fr', 'de', 'fr-CA'], defaultLocale: 'en-US' }]);
    });

    it.each([
        ['en-US', ['home-en-US', 'about-en-US', 'contact-en-US']],
        ['fr', ['home-fr', 'about-fr']],
        ['de', ['home-de']],
        ['fr-CA', []]
    ])('getDocuments({ locale: %s }) = that locale’s pages + every document without a locale', async (locale, pages) => {
        const { idsIn, store } = await start();
        expect(idsIn(locale)).toEqual([...pages, ...UNLOCALIZED].sort());
        for (const document of store.getDocuments({ locale })) {
            expect([undefined, locale]).toContain(document.locale);
        }
    });

    it('getDocuments() without a locale returns every page of every locale', async () => {
        const { idsIn } = await start();
        expect(idsIn()).toEqual([...PAGES, ...UNLOCALIZED].sort());
    });

    it('a page created through the engine in a locale appears in exactly that locale', async () => {
        const { store, ref, idsIn } = await start();
        const { srcDocumentId } = await store.createDocument({ ...ref, modelName: 'page', object: { title: 'Kontakt', slug: 'kontakt' }, locale: 'de' });
        expect(emulator.space.getEntry(srcDocumentId)!.fields.locale).toEqual({ 'en-US': 'de' });
        expect(idsIn('de')).toContain(srcDocumentId);
        expect(idsIn('fr')).not.toContain(srcDocumentId);
        expect(idsIn('en-US')).not.toContain(srcDocumentId);
    });

    it('a translation created through the engine joins the group (defaultLocaleDocumentId)', async () => {
        const { store, ref, idsIn, source } = await start();
        const { srcDocumentId } = await store.createDocument({ ...ref, modelName: 'page', object: { title: 'Contact', slug: 'contact-fr' }, locale: 'fr', defaultLocaleDocumentId: 'contact-en-US' });
        expect(idsIn('fr')).toContain(srcDocumentId);
        expect(source.getAlternates({ documentId: 'contact-en-US' })).toEqual({ 'en-US': 'contact-en-US', fr: srcDocumentId });
    });

    it('an update with a locale operation changes only that locale, and the engine shows it', async () => {
        const { store, ref } = await start();
        await store.updateDocument({
            ...ref,
            srcDocumentId: 'product-kettle',
            updateOperations: [{ opType: 'set', fieldPath: ['name'], locale: 'fr', field: { type: 'string', value: 'Bouilloire col de cygne' } } as never]
        });
        expect(emulator.space.getEntry('product-kettle')!.fields.name).toEqual({ 'en-US': 'Gooseneck kettle', fr: 'Bouilloire col de cygne' });
        const kettle = store.getDocuments({ locale: 'fr' }).find((d) => d.srcObjectId === 'product-kettle')!;
        expect((kettle.fields.name as { locales: Record<string, { value: string }> }).locales.fr!.value).toBe('Bouilloire col de cygne');
    });

    it('localize through the adapter: the new fr-CA variant appears in fr-CA only; unlocalize removes it', async () => {
        const { source, idsIn } = await start();
        const { documentId } = await source.localize({ documentId: 'home-en-US', locale: 'fr-CA' });
        expect(idsIn('fr-CA')).toEqual([documentId, ...UNLOCALIZED].sort());
        expect(idsIn('fr')).not.toContain(documentId);
        await source.unlocalize({ documentId: 'home-en-US', locale: 'fr-CA' });
        expect(idsIn('fr-CA')).toEqual(UNLOCALIZED);
    });

    it('with an enabled-locale subset the engine offers only those locales', async () => {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, locales: ['en-US', 'fr'], ...QUIET }));
        const engine = await startTestEngine({ contentSources: [source] });
        expect(engine.store.getLocales()).toEqual([expect.objectContaining({ locales: ['en-US', 'fr'], defaultLocale: 'en-US' })]);
        // home-de (a disabled locale) is shown in the default locale, not lost.
        expect(engine.store.getDocuments({ locale: 'en-US' }).map((d) => d.srcObjectId)).toContain('home-de');
    });
});
