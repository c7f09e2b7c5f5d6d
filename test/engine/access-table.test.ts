/**
 * SPEC §5, cell by cell, through the engine: a global user (alice@acme.com) and a user restricted to
 * S = fr, fr-CA (jean@acme.fr), in Global mode (the editor sends no locale) and Specific mode
 * (the editor sends locale L). Every refusal must name the user, action, document, field and
 * locale, and the emulator's request log must show that nothing but GETs reached Contentful.
 * Every allowed write is checked in the emulator's state. The view cell and multi-locale create are in
 * access-view-create.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../helpers/emulator.js';
import {
    ALICE,
    GRETA,
    JEAN,
    createIn,
    deleteDoc,
    expectRefused,
    publish,
    setField,
    useAccessEngine,
    storedEntry,
    type EngineContext,
    type EngineUser,
    type RefusalExpectation
} from './support.js';

const emulator = useEmulator();
const start = useAccessEngine(emulator);

interface TableCase {
    /** The SPEC §5 row. */
    row: string;
    who: EngineUser;
    /** Global (no locale on the call), Specific L, or "no locale on the call" for delete/publish. */
    mode: string;
    act: (ctx: EngineContext) => Promise<unknown>;
    /** For a refusal: what the error must name. */
    refused?: RefusalExpectation;
    /** For an allowed write: what Contentful holds afterwards. */
    then?: (ctx: EngineContext, result: unknown) => void;
}

const titleOf = (c: EngineContext, id: string, locale = 'en-US') => storedEntry(c, id)?.fields['title']?.[locale];
const nameOf = (c: EngineContext, id: string, locale: string) => storedEntry(c, id)?.fields['name']?.[locale];
const createdId = (result: unknown) => (result as { srcDocumentId: string }).srcDocumentId;

const EDIT_OBJECT_LEVEL: TableCase[] = [
    {
        row: 'edit object-level document',
        who: ALICE,
        mode: 'Global',
        act: (c) => setField(c, ALICE, 'home-de', 'title', 'Hallo'),
        then: (c) => expect(titleOf(c, 'home-de')).toBe('Hallo')
    },
    {
        row: 'edit object-level document',
        who: ALICE,
        mode: 'Specific de',
        act: (c) => setField(c, ALICE, 'home-de', 'title', 'Hallo', 'de'),
        then: (c) => expect(storedEntry(c, 'home-de')?.fields['title']).toEqual({ 'en-US': 'Hallo' })
    },
    {
        row: 'edit object-level document',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => setField(c, JEAN, 'home-fr', 'title', 'Salut', 'fr'),
        then: (c) => expect(titleOf(c, 'home-fr')).toBe('Salut')
    },
    {
        row: 'edit object-level document',
        who: JEAN,
        mode: 'Specific fr-CA',
        act: (c) => setField(c, JEAN, 'about-fr', 'title', 'À propos de nous', 'fr-CA'),
        then: (c) => expect(titleOf(c, 'about-fr')).toBe('À propos de nous')
    },
    {
        row: 'edit object-level document',
        who: JEAN,
        mode: 'Specific de',
        act: (c) => setField(c, JEAN, 'home-de', 'title', 'Hallo', 'de'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'home-de', locale: 'de' }
    },
    {
        row: 'edit object-level document',
        who: JEAN,
        mode: 'Specific fr (a direct call on a de document)',
        act: (c) => setField(c, JEAN, 'home-de', 'title', 'Hallo', 'fr'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'home-de', locale: 'de' }
    },
    {
        row: 'edit object-level document',
        who: JEAN,
        mode: 'Global',
        act: (c) => setField(c, JEAN, 'home-en-US', 'title', 'Hello'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'home-en-US', locale: 'en-US' }
    },
    {
        row: 'edit object-level document (shared field)',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => setField(c, JEAN, 'home-fr', 'brandColor', '#000000', 'fr'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'home-fr', field: 'brandColor', locale: 'fr' }
    },
    {
        row: 'edit object-level document (shared field)',
        who: ALICE,
        mode: 'Specific fr',
        act: (c) => setField(c, ALICE, 'home-fr', 'brandColor', '#000000', 'fr'),
        refused: { user: 'alice@acme.com', action: 'edit', document: 'home-fr', field: 'brandColor', locale: 'fr' }
    }
];

const EDIT_LOCALIZED_FIELD: TableCase[] = [
    {
        row: 'edit localized field of a field-level document',
        who: ALICE,
        mode: 'Global',
        act: (c) => setField(c, ALICE, 'product-grinder', 'name', 'Grinder'),
        then: (c) => expect(nameOf(c, 'product-grinder', 'en-US')).toBe('Grinder')
    },
    {
        row: 'edit localized field of a field-level document',
        who: ALICE,
        mode: 'Specific de',
        act: (c) => setField(c, ALICE, 'product-grinder', 'name', 'Kaffeemühle', 'de'),
        then: (c) => {
            expect(nameOf(c, 'product-grinder', 'de')).toBe('Kaffeemühle');
            expect(nameOf(c, 'product-grinder', 'en-US')).toBe('Burr grinder');
        }
    },
    {
        row: 'edit localized field of a field-level document',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => setField(c, JEAN, 'product-grinder', 'name', 'Moulin', 'fr'),
        then: (c) => expect(nameOf(c, 'product-grinder', 'fr')).toBe('Moulin')
    },
    {
        row: 'edit localized field of a field-level document',
        who: JEAN,
        mode: 'Specific fr-CA',
        act: (c) => setField(c, JEAN, 'product-espresso', 'name', 'Machine à espresso', 'fr-CA'),
        then: (c) => {
            expect(nameOf(c, 'product-espresso', 'fr-CA')).toBe('Machine à espresso');
            expect(nameOf(c, 'product-espresso', 'fr')).toBe('Machine à expresso');
        }
    },
    {
        row: 'edit localized field of a field-level document',
        who: JEAN,
        mode: 'Specific de',
        act: (c) => setField(c, JEAN, 'product-grinder', 'name', 'Mühle', 'de'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'product-grinder', field: 'name', locale: 'de' }
    },
    {
        row: 'edit localized field of a field-level document',
        who: JEAN,
        mode: 'Global',
        act: (c) => setField(c, JEAN, 'product-grinder', 'name', 'Grinder'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'product-grinder', field: 'name', locale: 'en-US' }
    },
    {
        row: 'edit localized field of a field-level document (role rule)',
        who: GRETA,
        mode: 'Specific de',
        act: (c) => setField(c, GRETA, 'product-grinder', 'name', 'Kegelmahlwerk', 'de'),
        then: (c) => expect(nameOf(c, 'product-grinder', 'de')).toBe('Kegelmahlwerk')
    },
    {
        row: 'edit localized field of a field-level document (role rule)',
        who: GRETA,
        mode: 'Specific fr',
        act: (c) => setField(c, GRETA, 'product-grinder', 'name', 'Moulin', 'fr'),
        refused: { user: 'greta@example.org', action: 'edit', document: 'product-grinder', field: 'name', locale: 'fr' }
    }
];

const EDIT_NON_LOCALIZED_FIELD: TableCase[] = [
    {
        row: 'edit non-localized field',
        who: ALICE,
        mode: 'Global',
        act: (c) => setField(c, ALICE, 'product-grinder', 'price', 99),
        then: (c) => expect(storedEntry(c, 'product-grinder')?.fields['price']).toEqual({ 'en-US': 99 })
    },
    {
        row: 'edit non-localized field',
        who: ALICE,
        mode: 'Global (the default locale sent explicitly)',
        act: (c) => setField(c, ALICE, 'product-grinder', 'price', 98, 'en-US'),
        then: (c) => expect(storedEntry(c, 'product-grinder')?.fields['price']).toEqual({ 'en-US': 98 })
    },
    {
        row: 'edit non-localized field',
        who: ALICE,
        mode: 'Specific fr',
        act: (c) => setField(c, ALICE, 'product-grinder', 'price', 99, 'fr'),
        refused: { user: 'alice@acme.com', action: 'edit', document: 'product-grinder', field: 'price', locale: 'fr' }
    },
    {
        row: 'edit non-localized field',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => setField(c, JEAN, 'product-grinder', 'price', 99, 'fr'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'product-grinder', field: 'price', locale: 'fr' }
    },
    {
        row: 'edit non-localized field',
        who: JEAN,
        mode: 'Global',
        act: (c) => setField(c, JEAN, 'product-grinder', 'price', 99),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'product-grinder', field: 'price', locale: 'en-US' }
    },
    {
        row: 'edit non-localized field (a model without localized fields)',
        who: JEAN,
        mode: 'Global',
        act: (c) => setField(c, JEAN, 'site-config', 'siteName', 'Acme Café'),
        refused: { user: 'jean@acme.fr', action: 'edit', document: 'site-config' }
    }
];

const CREATE: TableCase[] = [
    {
        row: 'create',
        who: ALICE,
        mode: 'Global',
        act: (c) => createIn(c, ALICE, 'page', { title: 'Shop', slug: 'shop' }),
        then: (c, result) => expect(storedEntry(c, createdId(result))?.fields['locale']).toEqual({ 'en-US': 'en-US' })
    },
    {
        row: 'create',
        who: ALICE,
        mode: 'Specific de',
        act: (c) => createIn(c, ALICE, 'page', { title: 'Laden', slug: 'laden' }, 'de'),
        then: (c, result) => expect(storedEntry(c, createdId(result))?.fields['locale']).toEqual({ 'en-US': 'de' })
    },
    {
        row: 'create',
        who: ALICE,
        mode: 'Specific de (field-level)',
        act: (c) => createIn(c, ALICE, 'product', { name: 'Milchaufschäumer' }, 'de'),
        then: (c, result) => expect(storedEntry(c, createdId(result))?.fields['name']).toEqual({ de: 'Milchaufschäumer' })
    },
    {
        row: 'create',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => createIn(c, JEAN, 'page', { title: 'Boutique', slug: 'boutique' }, 'fr'),
        then: (c, result) => expect(storedEntry(c, createdId(result))?.fields['locale']).toEqual({ 'en-US': 'fr' })
    },
    {
        row: 'create',
        who: JEAN,
        mode: 'Specific fr (field-level)',
        act: (c) => createIn(c, JEAN, 'product', { name: 'Mousseur à lait' }, 'fr'),
        then: (c, result) => expect(storedEntry(c, createdId(result))?.fields['name']).toEqual({ fr: 'Mousseur à lait' })
    },
    {
        row: 'create',
        who: JEAN,
        mode: 'Specific de',
        act: (c) => createIn(c, JEAN, 'page', { title: 'Laden', slug: 'laden' }, 'de'),
        refused: { user: 'jean@acme.fr', action: 'create', locale: 'de' }
    },
    {
        row: 'create',
        who: JEAN,
        mode: 'Global',
        act: (c) => createIn(c, JEAN, 'page', { title: 'Shop', slug: 'shop' }),
        refused: { user: 'jean@acme.fr', action: 'create', locale: 'en-US' }
    },
    {
        row: 'create',
        who: JEAN,
        mode: 'Global (field-level)',
        act: (c) => createIn(c, JEAN, 'product', { name: 'Frother' }),
        refused: { user: 'jean@acme.fr', action: 'create', locale: 'en-US' }
    },
    {
        row: 'create (a translation in another locale)',
        who: JEAN,
        mode: 'Specific de',
        act: (c) => createIn(c, JEAN, 'page', { title: 'Über uns', slug: 'ueber-uns' }, 'de', 'about-fr'),
        refused: { user: 'jean@acme.fr', action: 'create', locale: 'de' }
    },
    {
        row: 'create (field-level translation in another locale)',
        who: JEAN,
        mode: 'Specific de',
        act: (c) => createIn(c, JEAN, 'product', { name: 'Wasserkocher' }, 'de', 'product-kettle'),
        refused: { user: 'jean@acme.fr', action: 'create', document: 'product-kettle', locale: 'de' }
    },
    {
        row: 'create (a model without localized fields)',
        who: JEAN,
        mode: 'Specific fr',
        act: (c) => createIn(c, JEAN, 'siteConfig', { siteName: 'Acme France' }, 'fr'),
        refused: { user: 'jean@acme.fr', action: 'create' }
    }
];

const DELETE: TableCase[] = [
    {
        row: 'delete field-level document (all locales)',
        who: ALICE,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, ALICE, 'product-espresso'),
        then: (c) => expect(storedEntry(c, 'product-espresso')).toBeUndefined()
    },
    {
        row: 'delete field-level document (all locales)',
        who: JEAN,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, JEAN, 'product-kettle'),
        refused: { user: 'jean@acme.fr', action: 'delete', document: 'product-kettle' }
    },
    {
        row: 'delete field-level document (all locales, published)',
        who: JEAN,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, JEAN, 'product-espresso'),
        refused: { user: 'jean@acme.fr', action: 'delete', document: 'product-espresso' }
    },
    {
        row: 'delete object-level document',
        who: ALICE,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, ALICE, 'home-de'),
        then: (c) => {
            expect(storedEntry(c, 'home-de')).toBeUndefined();
            expect(storedEntry(c, 'home-en-US')).toBeDefined();
        }
    },
    {
        row: 'delete object-level document',
        who: JEAN,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, JEAN, 'about-fr'),
        then: (c) => {
            expect(storedEntry(c, 'about-fr')).toBeUndefined();
            expect(storedEntry(c, 'about-en-US')?.sys.publishedVersion).toBeDefined();
        }
    },
    {
        row: 'delete object-level document',
        who: JEAN,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, JEAN, 'home-de'),
        refused: { user: 'jean@acme.fr', action: 'delete', document: 'home-de', locale: 'de' }
    },
    {
        row: 'delete object-level document (published)',
        who: JEAN,
        mode: 'no locale on the call',
        act: (c) => deleteDoc(c, JEAN, 'home-en-US'),
        refused: { user: 'jean@acme.fr', action: 'delete', document: 'home-en-US', locale: 'en-US' }
    }
];

const PUBLISH: TableCase[] = [
    {
        row: 'publish',
        who: ALICE,
        mode: 'no locale on the call',
        act: (c) => publish(c, ALICE, ['home-de', 'product-grinder', 'site-config']),
        then: (c) => {
            for (const id of ['home-de', 'product-grinder']) {
                const sys = storedEntry(c, id)!.sys;
                expect(sys.publishedVersion, id).toBe(sys.version - 1);
            }
        }
    }
];

const TABLE = [...EDIT_OBJECT_LEVEL, ...EDIT_LOCALIZED_FIELD, ...EDIT_NON_LOCALIZED_FIELD, ...CREATE, ...DELETE, ...PUBLISH];

describe('SPEC §5 write cells through the engine', () => {
    it.each(TABLE.map((entry) => [`${entry.row} | ${entry.who.email} | ${entry.mode} → ${entry.refused ? 'refused' : 'allowed'}`, entry] as const))('%s', async (_title, entry) => {
        const c = await start();
        if (entry.refused) {
            await expectRefused(c, () => entry.act(c), entry.refused);
            return;
        }
        const result = await entry.act(c);
        expect(c.emulator.log.writes().length).toBeGreaterThan(0);
        entry.then?.(c, result);
    });
});
