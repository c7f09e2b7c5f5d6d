import { describe, expect, it } from 'vitest';
import type { LocalizedFields } from '../../src/contentful/types.js';
import { checkFieldWrites, describePropagationFailure, sharedFieldPropagation } from '../../src/localization/shared-fields.js';
import type { ModelLocalization } from '../../src/localization/types.js';
import { loadRecording, refusal } from './locale-test-data.js';

/** Field-level product: title localized, price not. */
const product: ModelLocalization = { modelName: 'product', objectLevel: false, localizedFields: ['title'], nonLocalizedFields: ['price'], sharedFields: [] };
/** Object-level page: brand and sections shared by every translation. */
const page: ModelLocalization = {
    modelName: 'page',
    objectLevel: true,
    localizedFields: [],
    nonLocalizedFields: ['title', 'slug', 'sections', 'brand', 'locale', 'translationKey'],
    sharedFields: ['brand', 'sections'],
    localeField: 'locale',
    translationKeyField: 'translationKey'
};
const enabledLocales = ['en-US', 'fr', 'de'];

describe('checkFieldWrites, field-level', () => {
    const check = (writes: { fieldId: string; locale?: string }[]) =>
        checkFieldWrites({ documentId: 'abc', model: product, defaultLocale: 'en-US', enabledLocales, writes });

    it('allows localized fields in enabled locales and non-localized fields in the default locale or with no locale', () => {
        expect(check([{ fieldId: 'title', locale: 'fr' }, { fieldId: 'title' }, { fieldId: 'price', locale: 'en-US' }, { fieldId: 'price' }])).toEqual([
            { fieldId: 'title', locale: 'fr' },
            { fieldId: 'title', locale: 'en-US' },
            { fieldId: 'price', locale: 'en-US' },
            { fieldId: 'price', locale: 'en-US' }
        ]);
    });

    it('refuses a non-localized field written in another locale, saying where to edit it', () => {
        expect(refusal(() => check([{ fieldId: 'price', locale: 'fr' }])).message).toBe(
            'Field "price" of document "abc" is not localized: edit it in the default locale "en-US" (Global mode), not in "fr".'
        );
    });

    it('refuses a localized field in a locale that is not enabled', () => {
        expect(refusal(() => check([{ fieldId: 'title', locale: 'pt' }])).message).toBe(
            'Field "title" of document "abc" cannot be written in "pt": it is not an enabled locale (enabled: "en-US", "fr", "de").'
        );
    });

    it('lists every refused write once, and writes nothing partially', () => {
        const error = refusal(() => check([{ fieldId: 'price', locale: 'fr' }, { fieldId: 'price', locale: 'fr' }, { fieldId: 'title', locale: 'pt' }, { fieldId: 'title', locale: 'fr' }]));
        expect(error.message.split('\n')).toEqual([
            '2 field writes of document "abc" were refused:',
            '- Field "price" of document "abc" is not localized: edit it in the default locale "en-US" (Global mode), not in "fr".',
            '- Field "title" of document "abc" cannot be written in "pt": it is not an enabled locale (enabled: "en-US", "fr", "de").'
        ]);
    });

    it('lets fields the model does not know through, stored under the default locale', () => {
        expect(check([{ fieldId: 'unknown', locale: 'fr' }])).toEqual([{ fieldId: 'unknown', locale: 'en-US' }]);
    });
});

describe('checkFieldWrites, object-level', () => {
    const check = (documentLocale: string, writes: { fieldId: string; locale?: string }[], defaultVariantId?: string) =>
        checkFieldWrites({ documentId: 'page-fr', model: page, documentLocale, defaultLocale: 'en-US', enabledLocales, defaultVariantId, writes });

    it('allows any field on the default-locale variant, and non-shared fields on other variants in any locale', () => {
        expect(check('en-US', [{ fieldId: 'brand' }, { fieldId: 'title', locale: 'en-US' }])).toHaveLength(2);
        expect(check('fr', [{ fieldId: 'title', locale: 'fr' }, { fieldId: 'slug' }])).toEqual([
            { fieldId: 'title', locale: 'en-US' },
            { fieldId: 'slug', locale: 'en-US' }
        ]);
    });

    it('refuses a shared field on a translation, naming the master variant', () => {
        expect(refusal(() => check('fr', [{ fieldId: 'brand', locale: 'fr' }], 'page-en')).message).toBe(
            'Field "brand" of document "page-fr" is shared by every translation; edit it on the "en-US" variant (document "page-en"), not on the "fr" variant.'
        );
        expect(refusal(() => check('de', [{ fieldId: 'sections' }])).message).toContain('the group has none yet: create it first');
    });
});

describe('sharedFieldPropagation', () => {
    /** Two recorded multi-brand pages (English and Spanish "About"), with a translation key added. */
    const exported = loadRecording<{ entries: { sys: { id: string }; fields: LocalizedFields }[] }>('export-stackbit-i18n-multi-brand-en-US-es.json');
    const english = exported.entries.find((e) => e.sys.id === '4NAH9GqPm2W4eYXXEa35mg')!;
    const spanish = exported.entries.find((e) => e.sys.id === '7zMQ1dR1pzmjb6Wp37p0A0')!;
    const otherBrand = { sys: { type: 'Link', linkType: 'Entry', id: 'ASyaOAY1WmYfklCnRd01V' } };

    it('copies a changed shared field to a variant that differs, leaving its other fields alone', () => {
        const source = { ...english.fields, brand: { 'en-US': otherBrand } };
        const updates = sharedFieldPropagation({
            sourceFields: source,
            changedFieldIds: ['brand', 'title'],
            model: page,
            variants: [{ documentId: spanish.sys.id, fields: spanish.fields }],
            defaultLocale: 'en-US',
            sourceDocumentId: english.sys.id
        });
        expect(updates).toEqual([{ documentId: spanish.sys.id, fields: { ...spanish.fields, brand: { 'en-US': otherBrand } }, changedFieldIds: ['brand'] }]);
        expect(updates[0].fields.title).toEqual({ 'en-US': 'Sobre Nosotros' });
        (updates[0].fields.brand['en-US'] as { sys: { id: string } }).sys.id = 'mutated';
        expect(otherBrand.sys.id).toBe('ASyaOAY1WmYfklCnRd01V');
    });

    it('returns nothing for variants that already hold the value, for non-shared changes, and skips the source', () => {
        expect(
            sharedFieldPropagation({
                sourceFields: english.fields,
                changedFieldIds: ['brand'],
                model: page,
                variants: [
                    { documentId: spanish.sys.id, fields: spanish.fields },
                    { documentId: english.sys.id, fields: {} }
                ],
                defaultLocale: 'en-US',
                sourceDocumentId: english.sys.id
            })
        ).toEqual([]);
        expect(
            sharedFieldPropagation({ sourceFields: { title: { 'en-US': 'x' } }, changedFieldIds: ['title'], model: page, variants: [{ documentId: 'v', fields: {} }], defaultLocale: 'en-US' })
        ).toEqual([]);
    });

    it('removes a shared field the source cleared', () => {
        const { sections: _sections, ...withoutSections } = english.fields;
        const updates = sharedFieldPropagation({
            sourceFields: withoutSections,
            changedFieldIds: ['sections'],
            model: page,
            variants: [{ documentId: spanish.sys.id, fields: spanish.fields }, { documentId: 'no-sections', fields: { title: { 'en-US': 'x' } } }],
            defaultLocale: 'en-US'
        });
        expect(updates).toHaveLength(1);
        expect(updates[0].changedFieldIds).toEqual(['sections']);
        expect(updates[0].fields).not.toHaveProperty('sections');
    });

    it('does nothing for a field-level model', () => {
        expect(
            sharedFieldPropagation({ sourceFields: { brand: { 'en-US': 1 } }, changedFieldIds: ['brand'], model: { ...page, objectLevel: false }, variants: [{ documentId: 'v', fields: {} }], defaultLocale: 'en-US' })
        ).toEqual([]);
    });
});

describe('describePropagationFailure', () => {
    it('names the field, the source and the documents left behind', () => {
        expect(describePropagationFailure(['page-fr'], 'brand', 'page-en')).toBe(
            'Shared field "brand" was saved on document "page-en" but could not be copied to 1 other translation ("page-fr"); it still shows the old value. Save the field again on the default-locale variant to retry.'
        );
        expect(describePropagationFailure(['a', 'b'], ['brand', 'sections'])).toBe(
            'Shared fields "brand", "sections" could not be copied to 2 other translations ("a", "b"); they still show the old value. Save the field again on the default-locale variant to retry.'
        );
    });
});
