/**
 * The public `createDocumentInLocales` (SPEC §6, Global mode): every locale's required fields are
 * validated before anything is written, object-level documents land in one translation group,
 * field-level documents are one entry, and a write that fails part-way removes what was created.
 */
import { describe, expect, it } from 'vitest';
import { MissingRequiredFieldsError } from '../../src/localization/create-plan.js';
import { AccessDeniedError, LocalizationError } from '../../src/errors.js';
import { startSource, useEmulator } from '../helpers/emulator.js';
import { demoOptions, entryIdsOf, groupInSpace, userContext } from './support.js';

const text = (value: string) => ({ type: 'string' as const, value });
const number = (value: number) => ({ type: 'number' as const, value });

const PAGE_VALUES = {
    'en-US': { title: text('Careers'), slug: text('careers'), body: text('Join us.') },
    fr: { title: text('Carrières'), slug: text('carrieres'), body: text('Rejoignez-nous.') },
    de: { title: text('Karriere'), slug: text('karriere') }
};

describe('createDocumentInLocales', () => {
    const emulator = useEmulator();

    it('object-level: one entry per locale, all in one new translation group, visible at once', async () => {
        const { source, cache } = await startSource(emulator.space, demoOptions());
        const { documentIds } = await source.createDocumentInLocales({ modelName: 'page', locales: ['en-US', 'fr', 'de'], valuesByLocale: PAGE_VALUES });

        expect(documentIds).toHaveLength(3);
        const key = emulator.space.getEntry(documentIds[0]!)!.fields.translationKey!['en-US'] as string;
        expect(groupInSpace(emulator.space, key)).toEqual({ 'en-US': documentIds[0], fr: documentIds[1], de: documentIds[2] });
        expect(emulator.space.getEntry(documentIds[1]!)!.fields.title).toEqual({ 'en-US': 'Carrières' });
        expect(source.getAlternates({ documentId: documentIds[2]! })).toEqual({ 'en-US': documentIds[0], fr: documentIds[1], de: documentIds[2] });
        // The engine was told about all three.
        const pushed = cache.updates.flatMap((update) => (update.documents ?? []).map((document) => document.id));
        expect(pushed).toEqual(expect.arrayContaining(documentIds));
    });

    it('object-level: every variant gets the shared fields (brandColor) of the default locale\'s values', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const color = (value: string) => ({ type: 'color' as const, value });
        const { documentIds } = await source.createDocumentInLocales({
            modelName: 'page',
            locales: ['en-US', 'fr', 'de'],
            valuesByLocale: {
                'en-US': { ...PAGE_VALUES['en-US'], brandColor: color('#111111') },
                fr: { ...PAGE_VALUES.fr, brandColor: color('#222222') },
                de: PAGE_VALUES.de
            }
        });
        expect(documentIds.map((id) => emulator.space.getEntry(id)!.fields.brandColor)).toEqual([{ 'en-US': '#111111' }, { 'en-US': '#111111' }, { 'en-US': '#111111' }]);
    });

    it('field-level: one entry with every locale\'s localized values and the non-localized ones once', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const before = entryIdsOf(emulator.space, 'product').length;
        const { documentIds } = await source.createDocumentInLocales({
            modelName: 'product',
            locales: ['en-US', 'fr'],
            valuesByLocale: { 'en-US': { name: text('Scale'), price: number(35), sku: text('SCL-004') }, fr: { name: text('Balance'), description: text('Au gramme près.') } }
        });
        expect(documentIds).toHaveLength(1);
        expect(entryIdsOf(emulator.space, 'product')).toHaveLength(before + 1);
        const fields = emulator.space.getEntry(documentIds[0]!)!.fields;
        expect(fields).toEqual({
            name: { 'en-US': 'Scale', fr: 'Balance' },
            description: { fr: 'Au gramme près.' },
            price: { 'en-US': 35 },
            sku: { 'en-US': 'SCL-004' }
        });
    });

    it('validates every locale before writing: all missing required fields are listed, nothing is written', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        emulator.log.clear();
        const attempt = source.createDocumentInLocales({
            modelName: 'page',
            locales: ['en-US', 'fr', 'de'],
            valuesByLocale: { ...PAGE_VALUES, fr: { title: text('Carrières') }, de: { body: text('Nur Text') } }
        });
        await expect(attempt).rejects.toBeInstanceOf(MissingRequiredFieldsError);
        await expect(attempt).rejects.toThrow('required fields have no value (fr: slug; de: title, slug). Nothing was written.');
        expect(emulator.log.writes()).toEqual([]);
    });

    it('field-level: a missing required localized value of one locale refuses the whole create', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        emulator.log.clear();
        await expect(
            source.createDocumentInLocales({ modelName: 'product', locales: ['en-US', 'de'], valuesByLocale: { 'en-US': { name: text('Scale') }, de: { description: text('Waage') } } })
        ).rejects.toThrow(/\(de: name\)/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a write failing after the first entry was created removes that entry: no half-created group', async () => {
        const { source, cache } = await startSource(emulator.space, demoOptions());
        const pagesBefore = entryIdsOf(emulator.space, 'page');
        // Once the first variant exists, every further entry create answers 500 (retries exhausted).
        const stop = emulator.space.subscribe((change) => {
            if (change.topic === 'ContentManagement.Entry.create') {
                emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/[^/]+$/ }, rate: 1, kind: '500' });
                stop();
            }
        });
        emulator.log.clear();
        cache.updates.length = 0;

        const attempt = source.createDocumentInLocales({ modelName: 'page', locales: ['en-US', 'fr', 'de'], valuesByLocale: PAGE_VALUES });
        await expect(attempt).rejects.toBeInstanceOf(LocalizationError);
        await expect(attempt).rejects.toThrow(/failed after 1: [\s\S]*Nothing was left behind\./);

        // The emulator holds exactly the pages it had: the first variant was deleted again.
        expect(entryIdsOf(emulator.space, 'page').sort()).toEqual(pagesBefore.sort());
        const created = emulator.log.filter({ method: 'PUT', route: '/entries/:id', status: 201 });
        expect(created).toHaveLength(1);
        expect(emulator.log.count({ method: 'PUT', route: '/entries/:id', status: 500 })).toBe(3);
        expect(emulator.log.filter({ method: 'DELETE', route: '/entries/:id' }).map((r) => r.path)).toEqual([created[0]!.path]);
        // The engine never saw a document that no longer exists.
        expect(cache.updates.flatMap((update) => update.documents ?? [])).toEqual([]);
    });

    it('when the clean-up fails too, the error names the entry left behind', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        const stop = emulator.space.subscribe((change) => {
            if (change.topic === 'ContentManagement.Entry.create') {
                emulator.faults.add({ match: { path: /\/entries\/[^/]+$/ }, rate: 1, kind: '503' });
                stop();
            }
        });
        emulator.log.clear();
        const attempt = source.createDocumentInLocales({ modelName: 'page', locales: ['en-US', 'fr'], valuesByLocale: PAGE_VALUES });
        await expect(attempt).rejects.toThrow(/Could not remove "[0-9A-Za-z]{22}": delete them by hand\./);
        const leftover = emulator.log.filter({ method: 'PUT', route: '/entries/:id', status: 201 })[0]!.path.split('/').pop()!;
        await expect(attempt).rejects.toThrow(`"${leftover}"`);
    });

    it('a user restricted to fr may create in fr only; fr+de is refused before anything is written', async () => {
        const { source } = await startSource(emulator.space, demoOptions());
        emulator.log.clear();
        const jean = userContext('jean@acme.fr');
        const attempt = source.createDocumentInLocales({ modelName: 'page', locales: ['fr', 'de'], valuesByLocale: PAGE_VALUES, userContext: jean });
        await expect(attempt).rejects.toBeInstanceOf(AccessDeniedError);
        await expect(attempt).rejects.toThrow(/jean@acme\.fr[\s\S]*de/);
        expect(emulator.log.writes()).toEqual([]);

        const { documentIds } = await source.createDocumentInLocales({ modelName: 'page', locales: ['fr'], valuesByLocale: PAGE_VALUES, userContext: jean });
        expect(emulator.space.getEntry(documentIds[0]!)!.fields.locale).toEqual({ 'en-US': 'fr' });
    });

    it('refuses a locale that is not enabled for the project, and an unknown model', async () => {
        const { source } = await startSource(emulator.space, demoOptions({ locales: ['en-US', 'fr'] }));
        emulator.log.clear();
        await expect(source.createDocumentInLocales({ modelName: 'page', locales: ['en-US', 'de'], valuesByLocale: PAGE_VALUES })).rejects.toThrow(
            /locale "de": it is not enabled for this project/
        );
        await expect(source.createDocumentInLocales({ modelName: 'banner', locales: ['en-US'], valuesByLocale: {} })).rejects.toThrow(/"banner"/);
        await expect(source.createDocumentInLocales({ modelName: 'page', locales: [], valuesByLocale: {} })).rejects.toThrow(/no locale/);
        expect(emulator.log.writes()).toEqual([]);
    });
});
