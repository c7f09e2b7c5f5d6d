// Non-localizable (shared) fields through the adapter (SPEC §4): field-level non-localized fields are
// editable only in the default locale; object-level `sharedFields` only on the default-locale variant,
// and a change there is written to every other variant of the translation group — retried when a
// variant's save fails once, and reported by variant when it keeps failing.
import { describe, expect, it } from 'vitest';
import type { UpdateOperation } from '@stackbit/types';
import { DEMO_OBJECT_LEVEL, byId, startSource, useSourceEmulator, writesOf } from './support.js';

type Started = Awaited<ReturnType<typeof startSource>>;

function setOp(started: Started, modelName: string, fieldId: string, value: unknown, locale?: string): UpdateOperation {
    const modelField = started.schema.models.find((m) => m.name === modelName)!.fields!.find((f) => f.name === fieldId)!;
    return { opType: 'set', fieldPath: [fieldId], modelField, field: { type: modelField.type, value } as never, ...(locale ? { locale } : {}) };
}

describe('field-level non-localized fields', () => {
    const emulator = useSourceEmulator();

    it('an edit in another locale is refused naming the field and the locale to edit it in; nothing written', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        const error = await started.source.updateDocument({ document: byId(started.documents, 'product-espresso'), operations: [setOp(started, 'product', 'price', 199, 'fr')] }).catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/"price"/);
        expect((error as Error).message).toMatch(/not localized/);
        expect((error as Error).message).toMatch(/en-US/);
        expect((error as Error).message).toMatch(/"fr"|in fr|not in fr/);
        expect(emulator.log.all()).toEqual([]);
    });

    it('the same edit in the default locale, or without a locale (Global mode), is written under the default locale', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        await started.source.updateDocument({ document: byId(started.documents, 'product-espresso'), operations: [setOp(started, 'product', 'price', 199, 'en-US')] });
        expect(emulator.space.getEntry('product-espresso')!.fields.price).toEqual({ 'en-US': 199 });
        await started.source.updateDocument({ document: byId(started.cache.updates.at(-1)!.documents ?? [], 'product-espresso') as never, operations: [setOp(started, 'product', 'sku', 'ESP-002')] });
        expect(emulator.space.getEntry('product-espresso')!.fields.sku).toEqual({ 'en-US': 'ESP-002' });
    });

    it('a mixed update (a localized field in fr plus a non-localized one) is refused as a whole', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(
            started.source.updateDocument({
                document: byId(started.documents, 'product-espresso'),
                operations: [setOp(started, 'product', 'name', 'Machine', 'fr'), setOp(started, 'product', 'sku', 'X', 'fr')]
            })
        ).rejects.toThrow(/"sku"/);
        expect(emulator.log.writes()).toEqual([]);
        expect(emulator.space.getEntry('product-espresso')!.fields.name!.fr).toBe('Machine à expresso');
    });
});

describe('object-level shared fields', () => {
    const emulator = useSourceEmulator();

    it('a shared field is read-only on a non-default variant: refused with the master named; nothing written', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        const error = await started.source.updateDocument({ document: byId(started.documents, 'home-fr'), operations: [setOp(started, 'page', 'brandColor', '#000000')] }).catch((e: Error) => e);
        expect((error as Error).message).toMatch(/field "brandColor"/i);
        expect((error as Error).message).toMatch(/document "home-fr"/);
        expect((error as Error).message).toMatch(/shared by every translation/);
        expect((error as Error).message).toMatch(/edit it on the "?en-US"? variant/);
        expect(emulator.log.all()).toEqual([]);
    });

    it('the refusal for a named global user says who, which variant, and where to edit instead', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }], default: '*' } });
        emulator.log.clear();
        await expect(
            started.source.updateDocument({ document: byId(started.documents, 'home-de'), operations: [setOp(started, 'page', 'brandColor', '#000000')], userContext: { email: 'alice@acme.com' } as never })
        ).rejects.toThrow(/alice@acme\.com may not edit \(document "home-de", field "brandColor", locale "de"\): .*shared by every translation.*edit it on the en-US variant/);
        expect(emulator.log.all()).toEqual([]);
    });

    it('the locale and translation-key fields are managed by the adapter: edits are refused', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await expect(started.source.updateDocument({ document: byId(started.documents, 'home-fr'), operations: [setOp(started, 'page', 'locale', 'de')] })).rejects.toThrow(
            /"locale" and "translationKey" of document "home-fr" are managed by the adapter/
        );
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a change on the default variant is written to every other variant; every variant’s version moves', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const versions = Object.fromEntries(emulator.space.listEntries().map((e) => [e.sys.id, e.sys.version]));
        emulator.log.clear();
        await started.source.updateDocument({ document: byId(started.documents, 'home-en-US'), operations: [setOp(started, 'page', 'brandColor', '#112233')] });
        for (const id of ['home-en-US', 'home-fr', 'home-de']) {
            const entry = emulator.space.getEntry(id)!;
            expect(entry.fields.brandColor, id).toEqual({ 'en-US': '#112233' });
            expect(entry.sys.version, id).toBe(versions[id]! + 1);
        }
        // Other groups are untouched.
        for (const id of ['about-en-US', 'about-fr', 'contact-en-US']) expect(emulator.space.getEntry(id)!.sys.version).toBe(versions[id]);
        expect(writesOf(emulator.log).filter((w) => w === 'PUT /entries/:id')).toHaveLength(3);
        // The engine was told about every variant.
        const pushed = started.cache.updates.flatMap((u) => u.documents ?? []).map((d) => d.id);
        expect(pushed).toEqual(expect.arrayContaining(['home-en-US', 'home-fr', 'home-de']));
        // Only the shared field moved on the variants: their own titles are theirs.
        expect(emulator.space.getEntry('home-fr')!.fields.title).toEqual({ 'en-US': 'Bienvenue chez Acme Coffee' });
    });

    it('a change of a field that is not shared stays on the default variant', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.log.clear();
        await started.source.updateDocument({ document: byId(started.documents, 'home-en-US'), operations: [setOp(started, 'page', 'title', 'Hello')] });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        expect(emulator.space.getEntry('home-fr')!.fields.title).toEqual({ 'en-US': 'Bienvenue chez Acme Coffee' });
    });

    it('a variant edited by someone else meanwhile keeps their edit and gets the shared value', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        emulator.space.editEntryAsAnotherUser('home-de', (fields) => ({ ...fields, body: { 'en-US': 'Neuer Text' } }));
        await started.source.updateDocument({ document: byId(started.documents, 'home-en-US'), operations: [setOp(started, 'page', 'brandColor', '#445566')] });
        expect(emulator.space.getEntry('home-de')!.fields).toMatchObject({ body: { 'en-US': 'Neuer Text' }, brandColor: { 'en-US': '#445566' } });
    });

    it('a variant whose save fails once is retried, and the propagation completes', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 0 } });
        emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/home-de$/ }, rate: 1, kind: '500', times: 1 });
        await started.source.updateDocument({ document: byId(started.documents, 'home-en-US'), operations: [setOp(started, 'page', 'brandColor', '#778899')] });
        expect(emulator.faults.injectedCount()['500']).toBe(1);
        expect(emulator.log.filter({ method: 'PUT', path: /\/entries\/home-de$/ }).map((r) => r.status)).toEqual([500, 200]);
        for (const id of ['home-en-US', 'home-fr', 'home-de']) expect(emulator.space.getEntry(id)!.fields.brandColor).toEqual({ 'en-US': '#778899' });
    });

    it('a variant that keeps failing is reported by id; the others are updated and the engine knows', async () => {
        const started = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, requests: { retryLimit: 0 } });
        emulator.faults.add({ match: { method: 'PUT', path: /\/entries\/home-de$/ }, rate: 1, kind: '500' });
        const error = await started.source
            .updateDocument({ document: byId(started.documents, 'home-en-US'), operations: [setOp(started, 'page', 'brandColor', '#abcdef')] })
            .catch((e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(/Shared field "brandColor" was saved on document "home-en-US" but could not be copied to 1 other translation \("home-de"\)/);
        expect((error as Error).message).toMatch(/home-de: .*500/);
        expect(emulator.space.getEntry('home-en-US')!.fields.brandColor).toEqual({ 'en-US': '#abcdef' });
        expect(emulator.space.getEntry('home-fr')!.fields.brandColor).toEqual({ 'en-US': '#abcdef' });
        expect(emulator.space.getEntry('home-de')!.fields.brandColor).toEqual({ 'en-US': '#8a4b2a' });
        const pushed = started.cache.updates.flatMap((u) => u.documents ?? []);
        expect(pushed.map((d) => d.id)).toEqual(expect.arrayContaining(['home-en-US', 'home-fr']));
        expect(pushed.map((d) => d.id)).not.toContain('home-de');
    });
});
