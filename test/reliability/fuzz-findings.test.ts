/**
 * What the access fuzzer found, kept as plain regression tests: each one is the smallest sequence
 * of calls that reached Contentful outside a user's grant (or refused without naming why) before
 * the fix.
 */
import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../src/index.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator } from '../helpers/emulator.js';

const EDITOR_EN = { type: 'contentful', accessToken: 'user-token', name: 'Emma', email: 'emma@fuzz.test' };

describe('fuzz findings', () => {
    const emulator = useEmulator();

    it('a user restricted to en-US cannot publish the removal of the French values (without locale-based publishing)', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['emma@fuzz.test'], locales: ['en-US'] }] } });
        const store = source.runtimeOrUndefined()!.store;
        // A global editor reverts French to inheritance: the entry's fr values are gone from the draft.
        await source.unlocalize({ documentId: 'product-espresso', locale: 'fr' });
        emulator.log.clear();

        const error = await source.publishDocuments({ documents: [store.documents.get('product-espresso')!], assets: [], userContext: EDITOR_EN }).then(() => undefined, (thrown: Error) => thrown);

        expect(error).toBeInstanceOf(AccessDeniedError);
        expect(error!.message).toMatch(/document "product-espresso" also has unpublished changes in fr/);
        expect(emulator.log.writes()).toEqual([]);
        expect(emulator.space.getPublishedEntry('product-espresso')!.fields.name).toEqual({ 'en-US': 'Espresso machine', fr: 'Machine à expresso' });
    });

    it('the same user may still publish an entry whose only change is in en-US', async () => {
        const { source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL, access: { rules: [{ emails: ['emma@fuzz.test'], locales: ['en-US'] }] } });
        const store = source.runtimeOrUndefined()!.store;
        await source.updateDocument({ document: store.documents.get('product-espresso')!, operations: [{ opType: 'set', fieldPath: ['name'], locale: 'en-US', field: { type: 'string', value: 'Espresso machine II' } } as never], userContext: EDITOR_EN });

        await source.publishDocuments({ documents: [store.documents.get('product-espresso')!], assets: [], userContext: EDITOR_EN });

        expect(emulator.space.getPublishedEntry('product-espresso')!.fields.name).toEqual({ 'en-US': 'Espresso machine II', fr: 'Machine à expresso' });
    });
});
