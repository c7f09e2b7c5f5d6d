/**
 * Copy entry (SPEC §6): current locale (with the fallback hierarchy) and all locales, for object-
 * and field-level models; shared / non-localized fields from the master; a timestamp suffix on the
 * display field and every `unique` field so the copy can be published next to the original;
 * disabled locales skipped; access checked for every locale written.
 */
import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../src/errors.js';
import { LocalizedContentfulSource } from '../../src/index.js';
import { startSource, testOptions, useEmulator } from '../helpers/emulator.js';
import { engineUser, useEngine } from '../helpers/engine.js';
import { demoOptions, entryIdsOf, groupInSpace, userContext } from './support.js';

/** `-YYYYMMDDTHHMMSS`, the suffix a copy gets. */
const SUFFIX = /-\d{8}T\d{6}$/;

function fieldsOf(space: ReturnType<typeof useEmulator>['space'], id: string) {
    return space.getEntry(id)!.fields;
}

describe('copyDocument: object-level pages', () => {
    const emulator = useEmulator();

    it('current locale = default: one copy with suffixed title and slug, a new translation key, other fields as they were', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const original = fieldsOf(emulator.space, 'about-en-US');
        const { documentIds } = await source.copyDocument({ documentId: 'about-en-US', scope: 'current-locale' });

        expect(documentIds).toHaveLength(1);
        const copy = fieldsOf(emulator.space, documentIds[0]!);
        expect(copy.title!['en-US']).toMatch(/^About us-\d{8}T\d{6}$/);
        expect(copy.slug!['en-US']).toMatch(/^about-\d{8}T\d{6}$/);
        expect(copy.locale).toEqual({ 'en-US': 'en-US' });
        expect(copy.translationKey!['en-US']).not.toBe('about');
        expect(copy.body).toEqual(original.body);
        expect(copy.brandColor).toEqual(original.brandColor);
        // The original group is unchanged; the copy is a group of its own.
        expect(groupInSpace(emulator.space, 'about')).toEqual({ 'en-US': 'about-en-US', fr: 'about-fr' });
        expect(source.getAlternates({ documentId: documentIds[0]! })).toEqual({ 'en-US': documentIds[0] });
    });

    it('current locale fr (not the default): the fr variant and its fallback en-US variant are copied into one new group', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const { documentIds } = await source.copyDocument({ documentId: 'about-fr', scope: 'current-locale', locale: 'fr' });

        expect(documentIds).toHaveLength(2);
        const key = fieldsOf(emulator.space, documentIds[0]!).translationKey!['en-US'] as string;
        const group = groupInSpace(emulator.space, key);
        expect(Object.keys(group).sort()).toEqual(['en-US', 'fr']);
        expect(fieldsOf(emulator.space, group.fr!).title!['en-US']).toMatch(/^À propos-\d{8}T\d{6}$/);
        expect(fieldsOf(emulator.space, group['en-US']!).title!['en-US']).toMatch(/^About us-/);
        expect(source.getAlternates({ documentId: group.fr! })).toEqual(group);
    });

    it('a three-level chain fr-CA → fr → en-US copies every variant of the hierarchy, and no other locale', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const { documentId: frCa } = await source.localize({ documentId: 'home-fr', locale: 'fr-CA' });
        const { documentIds } = await source.copyDocument({ documentId: frCa, scope: 'current-locale', locale: 'fr-CA' });

        const key = fieldsOf(emulator.space, documentIds[0]!).translationKey!['en-US'] as string;
        // home also has a de variant: not in fr-CA's hierarchy, not copied.
        expect(Object.keys(groupInSpace(emulator.space, key)).sort()).toEqual(['en-US', 'fr', 'fr-CA']);
    });

    it('current locale without its own variant copies the variant it inherits from', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        // about has no de variant: de inherits en-US.
        const { documentIds } = await source.copyDocument({ documentId: 'about-en-US', scope: 'current-locale', locale: 'de' });
        expect(documentIds).toHaveLength(1);
        expect(fieldsOf(emulator.space, documentIds[0]!).locale).toEqual({ 'en-US': 'en-US' });
    });

    it('all locales: every variant, shared fields (brandColor) taken from the master variant', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        // A stale shared value on the fr variant (edited behind the adapter's back).
        emulator.space.editEntry('home-fr', (fields) => ({ ...fields, brandColor: { 'en-US': '#000000' } }));
        const { documentIds } = await source.copyDocument({ documentId: 'home-fr', scope: 'all-locales' });

        expect(documentIds).toHaveLength(3);
        const key = fieldsOf(emulator.space, documentIds[0]!).translationKey!['en-US'] as string;
        const group = groupInSpace(emulator.space, key);
        expect(Object.keys(group).sort()).toEqual(['de', 'en-US', 'fr']);
        for (const id of Object.values(group)) {
            expect(fieldsOf(emulator.space, id).brandColor).toEqual({ 'en-US': '#8a4b2a' });
            expect(fieldsOf(emulator.space, id).slug!['en-US']).toMatch(SUFFIX);
        }
        expect(fieldsOf(emulator.space, group.fr!).body).toEqual(fieldsOf(emulator.space, 'home-fr').body);
        expect(fieldsOf(emulator.space, group.de!).hero).toEqual(fieldsOf(emulator.space, 'home-de').hero);
    });

    it('all locales with de disabled for the project: the de variant is not copied', async () => {
        const { source } = await startSource(emulator.space, demoOptions({ locales: ['en-US', 'fr'] }));
        const { documentIds } = await source.copyDocument({ documentId: 'home-en-US', scope: 'all-locales' });
        const key = fieldsOf(emulator.space, documentIds[0]!).translationKey!['en-US'] as string;
        expect(Object.keys(groupInSpace(emulator.space, key)).sort()).toEqual(['en-US', 'fr']);
    });

    it('copying in a disabled locale, or a document that does not exist, is refused before anything is written', async () => {
        const { source } = await startSource(emulator.space, demoOptions({ locales: ['en-US', 'fr'] }));
        emulator.log.clear();
        await expect(source.copyDocument({ documentId: 'home-en-US', scope: 'current-locale', locale: 'de' })).rejects.toThrow(/"de": it is not enabled for this project/);
        await expect(source.copyDocument({ documentId: 'no-such-page', scope: 'all-locales' })).rejects.toThrow(/Document "no-such-page" does not exist/);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('copyDocument: field-level products', () => {
    const emulator = useEmulator();

    it('current locale fr: fr values and its fallback en-US values, non-localized fields from the master, name and sku suffixed', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const { documentIds } = await source.copyDocument({ documentId: 'product-grinder', scope: 'current-locale', locale: 'fr' });
        expect(documentIds).toHaveLength(1);
        const copy = fieldsOf(emulator.space, documentIds[0]!);
        expect(copy.name!['en-US']).toMatch(/^Burr grinder-\d{8}T\d{6}$/);
        // The current (draft) fr value, not the published one.
        expect(copy.name!.fr).toMatch(/^Moulin à café à meules-\d{8}T\d{6}$/);
        expect(copy.description).toEqual({ 'en-US': 'Grinds evenly, from fine to coarse.' });
        expect(copy.price).toEqual({ 'en-US': 129 });
        expect(copy.sku!['en-US']).toMatch(/^GRD-002-\d{8}T\d{6}$/);
    });

    it('all locales copies every enabled locale, and skips a disabled one', async () => {
        const all = await startSource(emulator.space, demoOptions());
        const { documentIds } = await all.source.copyDocument({ documentId: 'product-grinder', scope: 'all-locales' });
        expect(fieldsOf(emulator.space, documentIds[0]!).description).toEqual({ 'en-US': 'Grinds evenly, from fine to coarse.', de: 'Mahlt gleichmäßig, von fein bis grob.' });

        const subset = await startSource(emulator.space, demoOptions({ locales: ['en-US', 'fr'] }));
        const { documentIds: withoutDe } = await subset.source.copyDocument({ documentId: 'product-grinder', scope: 'all-locales' });
        const copy = fieldsOf(emulator.space, withoutDe[0]!);
        expect(copy.description).toEqual({ 'en-US': 'Grinds evenly, from fine to coarse.' });
        expect(Object.keys(copy.name!).sort()).toEqual(['en-US', 'fr']);
    });
});

describe('copyDocument: a failed write part-way', () => {
    const emulator = useEmulator();

    it('removes the copies already made: no half-copied translation group', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const pages = entryIdsOf(emulator.space, 'page');
        const stop = emulator.space.subscribe((change) => {
            if (change.topic === 'ContentManagement.Entry.create') {
                emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/[^/]+$/ }, rate: 1, kind: '500' });
                stop();
            }
        });
        await expect(source.copyDocument({ documentId: 'home-en-US', scope: 'all-locales' })).rejects.toThrow(/Creating 3 "page" entries failed after 1: [\s\S]*Nothing was left behind\./);
        expect(entryIdsOf(emulator.space, 'page').sort()).toEqual(pages.sort());
        expect(emulator.log.count({ method: 'DELETE', route: '/entries/:id', status: 204 })).toBe(1);
    });
});

describe('copyDocument: values under a locale the space no longer has', () => {
    const emulator = useEmulator();

    it('are not copied (Contentful would refuse the new entry), in either scope', async () => {
        // Italian values left behind when the locale was removed from the space (the emulator, like
        // Contentful, refuses to save them now, so they are put into its store directly).
        emulator.space.records('Entry').get('product-grinder')!.data.fields.name!.it = 'Macinino';
        const { source } = await startSource(emulator.space, demoOptions());
        for (const scope of ['all-locales', 'current-locale'] as const) {
            const { documentIds } = await source.copyDocument({ documentId: 'product-grinder', scope, locale: 'fr' });
            expect(Object.keys(fieldsOf(emulator.space, documentIds[0]!).name!).sort()).toEqual(['en-US', 'fr']);
            expect(fieldsOf(emulator.space, documentIds[0]!).name!.it).toBeUndefined();
        }
        expect(emulator.space.getEntry('product-grinder')!.fields.name!.it).toBe('Macinino');
    });
});

describe('copyDocument: the suffix makes the copy publishable next to the original', () => {
    const emulator = useEmulator();
    const startTestEngine = useEngine();

    it('a copy publishes; the same copy with the original (unique) slug is rejected by Contentful', async () => {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, demoOptions()));
        const engine = await startTestEngine({ contentSources: [source] });
        const srcProjectId = emulator.space.spaceId;
        const publish = (id: string) => engine.store.publishDocuments({ objects: [{ srcType: 'contentful', srcProjectId, srcObjectId: id }] });

        const { documentIds: [copyId] } = await source.copyDocument({ documentId: 'about-en-US', scope: 'current-locale' });
        await publish(copyId!);
        expect(emulator.space.getEntry(copyId!)!.sys.publishedVersion).toBeDefined();

        // Without the suffix: a second copy whose slug is put back to the original's. The engine's
        // own update refuses a duplicate unique value, so the CSI is called directly, like a script would.
        const { documentIds: [second] } = await source.copyDocument({ documentId: 'about-en-US', scope: 'current-locale' });
        const [document] = engine.store.getCSIDocuments({ documentSpecs: [{ srcType: 'contentful', srcProjectId, srcDocumentId: second! }] }).documents;
        await source.updateDocument({
            document: document as Parameters<typeof source.updateDocument>[0]['document'],
            operations: [{ opType: 'set', fieldPath: ['slug'], field: { type: 'slug', value: 'about' }, modelField: { type: 'slug', name: 'slug' } }]
        });
        expect(emulator.space.getEntry(second!)!.fields.slug).toEqual({ 'en-US': 'about' });
        await expect(publish(second!)).rejects.toThrow(/422 ValidationFailed[\s\S]*unique fields\.slug\.en-US/);
        expect(emulator.space.getEntry(second!)!.sys.publishedVersion).toBeUndefined();
    });

    it('field-level: the copy of a published product (unique sku) publishes', async () => {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, demoOptions()));
        const engine = await startTestEngine({ contentSources: [source] });
        const { documentIds: [copyId] } = await source.copyDocument({ documentId: 'product-espresso', scope: 'all-locales' });
        await engine.store.publishDocuments({ objects: [{ srcType: 'contentful', srcProjectId: emulator.space.spaceId, srcObjectId: copyId! }] });
        expect(emulator.space.getEntry(copyId!)!.sys.publishedVersion).toBeDefined();
        // The engine lists the copy right after the copy call, without waiting for a poll.
        expect(engine.store.getDocuments().map((d) => d.srcObjectId)).toContain(copyId);
    });
});

describe('copyDocument: access to every locale written', () => {
    const emulator = useEmulator();

    it('a user restricted to fr cannot copy a fr page whose fallback en-US variant would be copied too; nothing written', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const pages = entryIdsOf(emulator.space, 'page');
        emulator.log.clear();
        const attempt = source.copyDocument({ documentId: 'about-fr', scope: 'current-locale', locale: 'fr', userContext: userContext('jean@acme.fr') });
        await expect(attempt).rejects.toBeInstanceOf(AccessDeniedError);
        await expect(attempt).rejects.toThrow(/jean@acme\.fr[\s\S]*en-US/);
        await expect(source.copyDocument({ documentId: 'home-fr', scope: 'all-locales', userContext: engineUser('jean@acme.fr') })).rejects.toBeInstanceOf(AccessDeniedError);
        await expect(
            source.copyDocument({ documentId: 'product-espresso', scope: 'current-locale', locale: 'fr', userContext: userContext('jean@acme.fr') })
        ).rejects.toBeInstanceOf(AccessDeniedError);
        expect(emulator.log.writes()).toEqual([]);
        expect(entryIdsOf(emulator.space, 'page')).toEqual(pages);
    });

    it('a user restricted to fr copies a fr-only page; a global user copies everything', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const jean = userContext('jean@acme.fr');
        const { documentIds: [frOnly] } = await source.createDocumentInLocales({
            modelName: 'page',
            locales: ['fr'],
            valuesByLocale: { fr: { title: { type: 'string', value: 'Équipe' }, slug: { type: 'string', value: 'equipe' } } },
            userContext: jean
        });
        const { documentIds } = await source.copyDocument({ documentId: frOnly!, scope: 'current-locale', locale: 'fr', userContext: jean });
        expect(fieldsOf(emulator.space, documentIds[0]!).locale).toEqual({ 'en-US': 'fr' });

        const all = await source.copyDocument({ documentId: 'home-de', scope: 'all-locales', userContext: userContext('alice@acme.com') });
        expect(all.documentIds).toHaveLength(3);
    });
});
