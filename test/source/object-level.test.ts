// Object-level localization through the adapter (SPEC §2, §3): documents carry their locale, a
// missing or non-enabled locale becomes the default locale plus a diagnostic (never dropped),
// translation groups (create a variant with defaultLocaleDocumentId, alternates), and the enabled
// locale subset (`locales` option) — only enabled locales shown, writes to others refused.
import { describe, expect, it, vi } from 'vitest';
import type { Model } from '@stackbit/types';
import type { ModelContext } from '../../src/index.js';
import { DEMO_OBJECT_LEVEL, byId, localeValue, startSource, useSourceEmulator, writesOf } from './support.js';

const pageLink = { sys: { type: 'Link', linkType: 'ContentType', id: 'page' } } as never;

describe('document locales', () => {
    const emulator = useSourceEmulator();

    it('every object-level document carries the locale of its locale field; field-level documents none', async () => {
        const { documents } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const locales = Object.fromEntries(documents.map((d) => [d.id, d.locale]));
        expect(locales).toMatchObject({ 'home-en-US': 'en-US', 'home-fr': 'fr', 'home-de': 'de', 'about-en-US': 'en-US', 'about-fr': 'fr', 'contact-en-US': 'en-US' });
        expect(documents.filter((d) => d.modelName !== 'page').every((d) => d.locale === undefined)).toBe(true);
    });

    it('a page without a locale, or with one that is not a locale, is kept, shown in the default locale, and reported once', async () => {
        emulator.space.addEntry({ sys: { id: 'page-nolocale', contentType: pageLink }, fields: { title: { 'en-US': 'Orphan' }, slug: { 'en-US': 'orphan' }, translationKey: { 'en-US': 'orphan' } } });
        emulator.space.addEntry({ sys: { id: 'page-klingon', contentType: pageLink }, fields: { title: { 'en-US': 'Qapla' }, slug: { 'en-US': 'qapla' }, locale: { 'en-US': 'tlh' }, translationKey: { 'en-US': 'k' } } });
        const { source, documents, logger } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        expect(byId(documents, 'page-nolocale').locale).toBe('en-US');
        expect(byId(documents, 'page-klingon').locale).toBe('en-US');
        const diagnostics = source.getDiagnostics();
        expect(diagnostics).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ kind: 'locale-missing', documentId: 'page-nolocale', field: 'locale', message: expect.stringMatching(/default locale "en-US"/) }),
                expect.objectContaining({ kind: 'locale-not-enabled', documentId: 'page-klingon', locale: 'tlh', message: expect.stringMatching(/"tlh"/) })
            ])
        );
        const warned = () => logger.logs.warn.filter((line) => line.includes('page-nolocale'));
        expect(warned()).toHaveLength(1);
        // A reload converts the document again: still one warning.
        await source.getDocuments();
        expect(warned()).toHaveLength(1);
        expect(source.getDiagnostics().filter((d) => d.documentId === 'page-nolocale')).toHaveLength(1);
    });

    it('the diagnostic survives an unrelated edit of the document, and disappears once the locale is fixed', async () => {
        emulator.space.addEntry({ sys: { id: 'page-nolocale', contentType: pageLink }, fields: { title: { 'en-US': 'Orphan' }, slug: { 'en-US': 'orphan' }, translationKey: { 'en-US': 'orphan' } } });
        const { source, documents, schema, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const page = schema.models.find((m) => m.name === 'page')!;
        const title = page.fields!.find((f) => f.name === 'title')!;
        await source.updateDocument({ document: byId(documents, 'page-nolocale'), operations: [{ opType: 'set', fieldPath: ['title'], modelField: title, field: { type: 'string', value: 'Still orphan' } }] });
        expect(source.getDiagnostics().filter((d) => d.documentId === 'page-nolocale').map((d) => d.kind)).toEqual(['locale-missing']);

        emulator.space.editEntryAsAnotherUser('page-nolocale', (fields) => ({ ...fields, locale: { 'en-US': 'fr' } }));
        const before = cache.updates.length;
        source.onWebhook({ data: { sys: { id: 'page-nolocale', type: 'Entry' } }, headers: { 'X-Contentful-Topic': 'ContentManagement.Entry.save' } });
        await vi.waitFor(() => expect(cache.updates.length).toBeGreaterThan(before), { timeout: 2000, interval: 10 });
        expect(byId(cache.updates.at(-1)!.documents ?? [], 'page-nolocale').locale).toBe('fr');
        expect(source.getDiagnostics().filter((d) => d.documentId === 'page-nolocale')).toEqual([]);
    });

    it('getDocumentLocale decides the locale when given', async () => {
        const { documents } = await startSource(emulator.space, {
            objectLevel: { ...DEMO_OBJECT_LEVEL, getDocumentLocale: (entry) => (entry.fields.slug?.['en-US'] === 'about' ? 'de' : (entry.fields.locale?.['en-US'] as string)) }
        });
        expect(byId(documents, 'about-en-US').locale).toBe('de');
        expect(byId(documents, 'home-fr').locale).toBe('fr');
    });
});

describe('editing object-level variants', () => {
    const emulator = useSourceEmulator();

    it('an edit of a variant in its own locale (as the editor sends it) is stored under the default-locale key', async () => {
        const { source, documents, schema, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }] } });
        const title = schema.models.find((m) => m.name === 'page')!.fields!.find((f) => f.name === 'title')!;
        await source.updateDocument({
            document: byId(documents, 'home-fr'),
            operations: [{ opType: 'set', fieldPath: ['title'], locale: 'fr', modelField: title, field: { type: 'string', value: 'Bienvenue !' } }],
            userContext: { email: 'jean@acme.fr' } as never
        });
        expect(emulator.space.getEntry('home-fr')!.fields.title).toEqual({ 'en-US': 'Bienvenue !' });
        expect(byId(cache.updates.at(-1)!.documents ?? [], 'home-fr')).toMatchObject({ locale: 'fr', fields: { title: { value: 'Bienvenue !' } } });
        // Its translations are untouched.
        expect(emulator.space.getEntry('home-en-US')!.fields.title).toEqual({ 'en-US': 'Welcome to Acme Coffee' });
    });

    it('a user restricted to fr may not edit the de variant; nothing is written', async () => {
        const { source, documents, schema } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }] } });
        const title = schema.models.find((m) => m.name === 'page')!.fields!.find((f) => f.name === 'title')!;
        emulator.log.clear();
        await expect(
            source.updateDocument({
                document: byId(documents, 'home-de'),
                operations: [{ opType: 'set', fieldPath: ['title'], locale: 'de', modelField: title, field: { type: 'string', value: 'x' } }],
                userContext: { email: 'jean@acme.fr' } as never
            })
        ).rejects.toThrow(/jean@acme\.fr may not edit.*"home-de"/);
        expect(emulator.log.all()).toEqual([]);
    });
});

describe('translation groups', () => {
    const emulator = useSourceEmulator();

    it('alternates list every variant of a group, from any member', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const home = { 'en-US': 'home-en-US', fr: 'home-fr', de: 'home-de' };
        expect(source.getAlternates({ documentId: 'home-en-US' })).toEqual(home);
        expect(source.getAlternates({ documentId: 'home-de' })).toEqual(home);
        expect(source.getAlternates({ documentId: 'contact-en-US' })).toEqual({ 'en-US': 'contact-en-US' });
        expect(() => source.getAlternates({ documentId: 'nope' })).toThrow(/Document "nope" does not exist/);
    });

    it('createDocument with defaultLocaleDocumentId adds a variant to the group', async () => {
        const { source, schema, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const page = schema.models.find((m) => m.name === 'page')!;
        emulator.log.clear();
        const { documentId } = await source.createDocument({
            model: page,
            locale: 'de',
            defaultLocaleDocumentId: 'about-en-US',
            updateOperationFields: { title: { type: 'string', value: 'Über uns' }, slug: { type: 'slug', value: 'ueber-uns' } }
        });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        expect(emulator.space.getEntry(documentId)!.fields).toMatchObject({ locale: { 'en-US': 'de' }, translationKey: { 'en-US': 'about' }, title: { 'en-US': 'Über uns' } });
        expect(byId(cache.updates.at(-1)!.documents ?? [], documentId).locale).toBe('de');
        const expected = { 'en-US': 'about-en-US', fr: 'about-fr', de: documentId };
        expect(source.getAlternates({ documentId: 'about-fr' })).toEqual(expected);
        expect(source.getAlternates({ documentId })).toEqual(expected);
    });

    it('a second variant of a locale the group already has is refused, naming the existing one; nothing written', async () => {
        const { source, schema } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(
            source.createDocument({ model: schema.models.find((m) => m.name === 'page')!, locale: 'fr', defaultLocaleDocumentId: 'home-en-US', updateOperationFields: { title: { type: 'string', value: 'x' } } })
        ).rejects.toThrow(/"fr" translation of document "home-en-US": document "home-fr" already is its "fr" variant/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('an unknown defaultLocaleDocumentId is refused before any write', async () => {
        const { source, schema } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(
            source.createDocument({ model: schema.models.find((m) => m.name === 'page')!, locale: 'de', defaultLocaleDocumentId: 'ghost', updateOperationFields: {} })
        ).rejects.toThrow(/"de" translation: document "ghost" does not exist/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('field-level: createDocument with defaultLocaleDocumentId adds the locale’s values to the same entry', async () => {
        const { source, schema } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const product = schema.models.find((m) => m.name === 'product') as Model<ModelContext>;
        const before = emulator.space.getEntry('product-kettle')!;
        const { documentId } = await source.createDocument({
            model: product,
            locale: 'de',
            defaultLocaleDocumentId: 'product-kettle',
            updateOperationFields: { name: { type: 'string', value: 'Schwanenhalskessel' }, description: { type: 'text', value: 'Präzises Gießen.' } }
        });
        expect(documentId).toBe('product-kettle');
        const after = emulator.space.getEntry('product-kettle')!;
        expect(after.fields.name).toEqual({ ...before.fields.name, de: 'Schwanenhalskessel' });
        expect(after.fields.description).toEqual({ ...before.fields.description, de: 'Präzises Gießen.' });
        expect(after.fields.price).toEqual(before.fields.price);
        expect(emulator.space.listEntries()).toHaveLength(emulator.space.listEntries().length);
    });

    it('two variants of one locale in a group are reported, and the first created one is used', async () => {
        emulator.space.addEntry({ sys: { id: 'home-fr-2', contentType: pageLink, createdAt: '2030-01-01T00:00:00.000Z' }, fields: { title: { 'en-US': 'Accueil bis' }, slug: { 'en-US': 'accueil-bis' }, locale: { 'en-US': 'fr' }, translationKey: { 'en-US': 'home' } } });
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        expect(source.getAlternates({ documentId: 'home-en-US' }).fr).toBe('home-fr');
        expect(source.getDiagnostics()).toEqual(expect.arrayContaining([expect.objectContaining({ documentId: 'home-fr-2', locale: 'fr', message: expect.stringMatching(/"home-fr" and "home-fr-2"/) })]));
    });
});

describe('enabled locale subset (`locales` option)', () => {
    const emulator = useSourceEmulator();
    const subset = { objectLevel: DEMO_OBJECT_LEVEL, locales: ['en-US', 'fr'] };

    it('schema and documents show only the enabled locales; disabled values stay in Contentful', async () => {
        const { schema, documents, source } = await startSource(emulator.space, subset);
        expect(schema.locales).toEqual([{ code: 'en-US', default: true }, { code: 'fr' }]);
        const grinder = byId(documents, 'product-grinder');
        expect(Object.keys((grinder.fields.description as { locales: object }).locales)).toEqual(['en-US']);
        expect(localeValue(grinder, 'name', 'fr')).toBe('Moulin à café à meules');
        expect(emulator.space.getEntry('product-grinder')!.fields.description!.de).toBe('Mahlt gleichmäßig, von fein bis grob.');
        expect(source.getLocales().map((l) => [l.code, l.enabled])).toEqual([
            ['en-US', true],
            ['fr', true],
            ['de', false],
            ['fr-CA', false]
        ]);
    });

    it('a page in a disabled locale is shown in the default locale and reported, not dropped', async () => {
        const { documents, source } = await startSource(emulator.space, subset);
        expect(byId(documents, 'home-de').locale).toBe('en-US');
        expect(source.getDiagnostics()).toEqual(
            expect.arrayContaining([expect.objectContaining({ kind: 'locale-not-enabled', documentId: 'home-de', locale: 'de', message: expect.stringMatching(/add it to the `locales` option/) })])
        );
        // The real en-US page stays the en-US variant of its group.
        expect(source.getAlternates({ documentId: 'home-fr' })['en-US']).toBe('home-en-US');
    });

    it('an update in a disabled locale is refused with a clear error, and nothing is written', async () => {
        const { source, documents, schema } = await startSource(emulator.space, subset);
        const product = schema.models.find((m) => m.name === 'product')!;
        emulator.log.clear();
        await expect(
            source.updateDocument({
                document: byId(documents, 'product-grinder'),
                operations: [{ opType: 'set', fieldPath: ['description'], locale: 'de', modelField: product.fields!.find((f) => f.name === 'description')!, field: { type: 'text', value: 'Neu' } }]
            })
        ).rejects.toThrow(/Cannot edit field "description" of document "product-grinder" in locale "de": it is not enabled for this project \(option `locales`\); enabled locales: en-US, fr\./);
        expect(emulator.log.all()).toEqual([]);
    });

    it('creating, localizing or uploading in a disabled locale is refused; nothing is written', async () => {
        const { source, schema } = await startSource(emulator.space, subset);
        emulator.log.clear();
        await expect(source.createDocument({ model: schema.models.find((m) => m.name === 'page')!, locale: 'de', updateOperationFields: { title: { type: 'string', value: 'x' } } })).rejects.toThrow(
            /in locale "de": it is not enabled/
        );
        await expect(source.localize({ documentId: 'about-en-US', locale: 'de' })).rejects.toThrow(/localize document "about-en-US" in locale "de": it is not enabled/);
        await expect(source.uploadAsset({ url: 'https://example.test/a.png', fileName: 'a.png', mimeType: 'image/png', locale: 'fr-CA' })).rejects.toThrow(/"fr-CA": it is not enabled/);
        expect(emulator.log.all()).toEqual([]);
    });
});
