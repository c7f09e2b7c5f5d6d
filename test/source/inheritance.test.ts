// Locales, fallback and inheritance through the adapter (SPEC §3): getLocales() chains, fallback
// cycles and dangling codes reported at init, localize / unlocalize for both models (never touching
// other locales), and the per-locale localization status.
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, LocalizationError } from '../../src/index.js';
import { createDemoSpace, type EmulatedSpace } from '../../src/emulator/index.js';
import { DEMO_OBJECT_LEVEL, byId, startSource, useSourceEmulator, writesOf } from './support.js';

describe('getLocales and fallback chains', () => {
    const emulator = useSourceEmulator();

    it('exposes code, name, default, fallback and enabled of every space locale, default first', async () => {
        const { source } = await startSource(emulator.space);
        expect(source.getLocales()).toEqual([
            { code: 'en-US', name: 'English (United States)', default: true, fallback: null, enabled: true },
            { code: 'fr', name: 'French', default: false, fallback: 'en-US', enabled: true },
            { code: 'de', name: 'German', default: false, fallback: 'en-US', enabled: true },
            { code: 'fr-CA', name: 'French (Canada)', default: false, fallback: 'fr', enabled: true }
        ]);
        expect(source.getDiagnostics()).toEqual([]);
    });

    function withLocales(space: EmulatedSpace, locales: Record<string, unknown>[]): EmulatedSpace {
        for (const locale of locales) space.addLocale(locale);
        return space;
    }

    it('a fallback cycle in the space is reported at init and not followed forever', async () => {
        emulator.use(
            withLocales(createDemoSpace(), [
                { code: 'fr', name: 'French', fallbackCode: 'fr-CA' },
                { code: 'fr-CA', name: 'French (Canada)', fallbackCode: 'fr' }
            ])
        );
        const { source, logger, documents } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const cycle = source.getDiagnostics().filter((d) => d.kind === 'fallback-cycle');
        expect(cycle).toHaveLength(1);
        expect(cycle[0]!.message).toMatch(/fr.*fr-CA|fr-CA.*fr/);
        expect(logger.logs.warn.some((line) => /cycle/i.test(line))).toBe(true);
        // Inheritance still terminates: fr-CA of a document only in en-US is missing, not a hang.
        expect(documents.length).toBeGreaterThan(0);
        const status = source.getLocalizationStatus({ documentId: 'contact-en-US' });
        expect(status.map((s) => s.locale)).toEqual(['en-US', 'fr', 'de', 'fr-CA']);
        expect(status.find((s) => s.locale === 'de')).toMatchObject({ state: 'inherited', from: 'en-US' });
    });

    it('a fallback to a code the space lacks is reported at init, and the chain stops there', async () => {
        emulator.use(withLocales(createDemoSpace(), [{ code: 'de', name: 'German', fallbackCode: 'de-AT' }]));
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        expect(source.getDiagnostics()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'fallback-dangling', message: expect.stringMatching(/de-AT/) })]));
        expect(source.getLocales().find((l) => l.code === 'de')).toMatchObject({ fallback: null });
        expect(source.getLocalizationStatus({ documentId: 'contact-en-US' }).find((s) => s.locale === 'de')).toMatchObject({ state: 'missing' });
    });

    it('the `fallbacks` option overrides the space’s chains', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, fallbacks: { 'fr-CA': 'en-US', de: null } });
        expect(source.getLocales().find((l) => l.code === 'fr-CA')!.fallback).toBe('en-US');
        const status = Object.fromEntries(source.getLocalizationStatus({ documentId: 'about-en-US' }).map((s) => [s.locale, s]));
        expect(status['fr-CA']).toMatchObject({ state: 'inherited', from: 'en-US' });
        expect(status.de).toMatchObject({ state: 'missing' });
    });
});

describe('getLocalizationStatus', () => {
    const emulator = useSourceEmulator();

    it('field-level: localized, inherited from the nearest locale with values, and per-locale publishing status', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const espresso = Object.fromEntries(source.getLocalizationStatus({ documentId: 'product-espresso' }).map((s) => [s.locale, s]));
        expect(espresso['en-US']).toMatchObject({ state: 'localized', publishing: 'published' });
        expect(espresso.fr).toMatchObject({ state: 'localized', fields: { name: 'own', description: 'own', image: 'inherited' } });
        expect(espresso.de).toMatchObject({ state: 'inherited', from: 'en-US' });
        expect(espresso['fr-CA']).toMatchObject({ state: 'inherited', from: 'fr' });

        const grinder = Object.fromEntries(source.getLocalizationStatus({ documentId: 'product-grinder' }).map((s) => [s.locale, s]));
        expect(grinder.fr).toMatchObject({ state: 'localized', publishing: 'changed' });
        expect(grinder['en-US']!.publishing).toBe('published');
        expect(grinder.de).toMatchObject({ state: 'localized', fields: { name: 'inherited', description: 'own' } });

        const kettle = source.getLocalizationStatus({ documentId: 'product-kettle' });
        expect(kettle.map((s) => [s.locale, s.state, s.publishing])).toEqual([
            ['en-US', 'localized', 'draft'],
            ['fr', 'inherited', 'draft'],
            ['de', 'inherited', 'draft'],
            ['fr-CA', 'inherited', 'draft']
        ]);
    });

    it('object-level: per locale of the group, with each variant’s own publishing status', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const home = source.getLocalizationStatus({ documentId: 'home-de' });
        expect(home).toEqual([
            { locale: 'en-US', state: 'localized', publishing: 'published' },
            { locale: 'fr', state: 'localized', publishing: 'changed' },
            { locale: 'de', state: 'localized', publishing: 'draft' },
            { locale: 'fr-CA', state: 'inherited', from: 'fr' }
        ]);
        expect(source.getLocalizationStatus({ documentId: 'contact-en-US' }).find((s) => s.locale === 'fr-CA')).toEqual({ locale: 'fr-CA', state: 'inherited', from: 'en-US' });
    });

    it('an unknown document is an error naming it', async () => {
        const { source } = await startSource(emulator.space);
        expect(() => source.getLocalizationStatus({ documentId: 'ghost' })).toThrow(/Document "ghost" does not exist in space "demo"/);
    });
});

describe('localize / unlocalize: field-level', () => {
    const emulator = useSourceEmulator();

    it('localize copies the resolved inherited values into the locale (fr-CA gets fr’s, and en-US’s where fr has none)', async () => {
        const { source, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const before = emulator.space.getEntry('product-espresso')!;
        emulator.log.clear();
        const result = await source.localize({ documentId: 'product-espresso', locale: 'fr-CA' });
        expect(result).toEqual({ documentId: 'product-espresso' });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        const after = emulator.space.getEntry('product-espresso')!;
        expect(after.fields.name).toEqual({ ...before.fields.name, 'fr-CA': 'Machine à expresso' });
        expect(after.fields.description!['fr-CA']).toBe(before.fields.description!.fr);
        expect(after.fields.image!['fr-CA']).toEqual(before.fields.image!['en-US']);
        // Non-localized fields and other locales are untouched.
        for (const id of ['price', 'sku']) expect(after.fields[id]).toEqual(before.fields[id]);
        for (const field of Object.keys(before.fields)) {
            for (const [locale, value] of Object.entries(before.fields[field]!)) expect(after.fields[field]![locale]).toEqual(value);
        }
        expect(source.getLocalizationStatus({ documentId: 'product-espresso' }).find((s) => s.locale === 'fr-CA')).toMatchObject({ state: 'localized' });
        expect(cache.updates.at(-1)!.documents!.map((d) => d.id)).toEqual(['product-espresso']);
    });

    it('localize of named fields copies only those', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        await source.localize({ documentId: 'product-kettle', locale: 'de', fields: ['name'] });
        const fields = emulator.space.getEntry('product-kettle')!.fields;
        expect(fields.name).toEqual({ 'en-US': 'Gooseneck kettle', de: 'Gooseneck kettle' });
        expect(fields.description).toEqual({ 'en-US': 'Precise pouring for filter coffee.' });
    });

    it('localize of a non-localized field is refused, naming it; nothing written', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(source.localize({ documentId: 'product-kettle', locale: 'de', fields: ['price'] })).rejects.toThrow(/"price" of document "product-kettle" in "de": the field is not localized/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('unlocalize removes only that locale’s own values; the locale inherits again', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const before = emulator.space.getEntry('product-grinder')!;
        await source.unlocalize({ documentId: 'product-grinder', locale: 'fr' });
        const after = emulator.space.getEntry('product-grinder')!;
        expect(after.fields.name).toEqual({ 'en-US': 'Burr grinder' });
        expect(after.fields.description).toEqual(before.fields.description);
        expect(source.getLocalizationStatus({ documentId: 'product-grinder' }).find((s) => s.locale === 'fr')).toMatchObject({ state: 'inherited', from: 'en-US' });
    });

    it('a user restricted to fr may not localize into de; nothing is written', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }] } });
        emulator.log.clear();
        const error = await source.localize({ documentId: 'product-kettle', locale: 'de', userContext: { email: 'jean@acme.fr' } }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(AccessDeniedError);
        expect((error as Error).message).toMatch(/jean@acme\.fr.*"de"/);
        expect(emulator.log.writes()).toEqual([]);
        await expect(source.localize({ documentId: 'product-kettle', locale: 'fr', userContext: { email: 'jean@acme.fr' } })).resolves.toEqual({ documentId: 'product-kettle' });
    });
});

describe('localize / unlocalize: object-level', () => {
    const emulator = useSourceEmulator();

    it('localize creates the variant as a copy of the resolved fallback variant, in the same group', async () => {
        const { source, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const others = Object.fromEntries(emulator.space.listEntries().map((e) => [e.sys.id, e.sys.version]));
        emulator.log.clear();
        const { documentId } = await source.localize({ documentId: 'about-en-US', locale: 'fr-CA' });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        const created = emulator.space.getEntry(documentId)!;
        const aboutFr = emulator.space.getEntry('about-fr')!;
        // fr-CA falls back to fr, so the French variant is the one copied; its unique slug gets the locale as a suffix.
        expect(created.fields).toEqual({ ...aboutFr.fields, locale: { 'en-US': 'fr-CA' }, slug: { 'en-US': 'a-propos-fr-ca' } });
        expect(created.sys.version).toBe(1);
        expect(created.sys.publishedVersion).toBeUndefined();
        expect(byId(cache.updates.at(-1)!.documents ?? [], documentId)).toMatchObject({ locale: 'fr-CA', status: 'added' });
        expect(source.getAlternates({ documentId: 'about-en-US' })).toEqual({ 'en-US': 'about-en-US', fr: 'about-fr', 'fr-CA': documentId });
        expect(source.getLocalizationStatus({ documentId }).find((s) => s.locale === 'fr-CA')).toMatchObject({ state: 'localized', publishing: 'draft' });
        // Nothing else moved.
        for (const [id, version] of Object.entries(others)) expect(emulator.space.getEntry(id)!.sys.version).toBe(version);
    });

    it('the localized variant can be published at once (unique fields do not collide with the original)', async () => {
        const { source, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const { documentId } = await source.localize({ documentId: 'about-en-US', locale: 'de' });
        const variant = byId(cache.updates.at(-1)!.documents ?? [], documentId);
        expect((await source.validateDocuments({ documents: [variant as never], assets: [] })).errors).toEqual([]);
        await source.publishDocuments({ documents: [variant as never], assets: [] });
        expect(emulator.space.getEntry(documentId)!.sys.publishedVersion).toBe(1);
        expect(emulator.space.getEntry(documentId)!.fields.slug).toEqual({ 'en-US': 'about-de' });
    });

    it('localize of a locale that already has its variant is refused, naming the variant', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        const error = await source.localize({ documentId: 'about-en-US', locale: 'fr' }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(LocalizationError);
        expect((error as Error).message).toMatch(/already localized \(variant document "about-fr"\)/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('unlocalize deletes the locale’s variant (unpublishing it first) and never touches other locales', async () => {
        const { source, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const enBefore = emulator.space.getEntry('about-en-US')!;
        emulator.log.clear();
        await source.unlocalize({ documentId: 'about-en-US', locale: 'fr' });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id/published', 'DELETE /entries/:id']);
        expect(emulator.log.writes().every((r) => r.path.endsWith('/about-fr') || r.path.endsWith('/about-fr/published'))).toBe(true);
        expect(emulator.space.getEntry('about-fr')).toBeUndefined();
        expect(emulator.space.getEntry('about-en-US')).toEqual(enBefore);
        expect(cache.updates.at(-1)).toMatchObject({ deletedDocumentIds: ['about-fr'] });
        expect(source.getAlternates({ documentId: 'about-en-US' })).toEqual({ 'en-US': 'about-en-US' });
        expect(source.getLocalizationStatus({ documentId: 'about-en-US' }).find((s) => s.locale === 'fr')).toEqual({ locale: 'fr', state: 'inherited', from: 'en-US' });
    });

    it('unlocalize of the default locale, or of a locale without a variant, is refused; nothing written', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(source.unlocalize({ documentId: 'about-fr', locale: 'en-US' })).rejects.toThrow(/default-locale variant is the master/);
        await expect(source.unlocalize({ documentId: 'about-fr', locale: 'de' })).rejects.toThrow(/no "de" variant.*already inherits/);
        expect(emulator.log.all()).toEqual([]);
    });

    it('a user restricted to fr may unlocalize fr but not de', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }] } });
        emulator.log.clear();
        await expect(source.unlocalize({ documentId: 'home-en-US', locale: 'de', userContext: { email: 'jean@acme.fr' } })).rejects.toBeInstanceOf(AccessDeniedError);
        expect(emulator.log.writes()).toEqual([]);
        await source.unlocalize({ documentId: 'home-en-US', locale: 'fr', userContext: { email: 'jean@acme.fr' } });
        expect(emulator.space.getEntry('home-fr')).toBeUndefined();
        expect(emulator.space.getEntry('home-de')).toBeDefined();
    });
});
