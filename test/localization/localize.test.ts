import { describe, expect, it } from 'vitest';
import type { LocalizedFields } from '../../src/contentful/types.js';
import { localizeFields, planLocalizeVariant, planUnlocalizeVariant, unlocalizeFields, variantFieldsFromSource } from '../../src/localization/localize.js';
import { fallbackChain } from '../../src/localization/locales.js';
import { englishChainContext, europeanContext, loadRecordedItems, loadRecording, refusal } from './locale-test-data.js';

/** Recorded entry (rb): localized fields with explicit nulls for de-DE / pl-PL, one Asset link in all three. */
const recordedPost = (loadRecordedItems('rb-entries-collection-de-DE-en-US-pl-PL.json') as { sys: { id: string }; fields: LocalizedFields }[]).find(
    (e) => e.sys.id === '2arjcjtY7ucC4AGeIOIkok'
)!;
const postLocalized = ['post_title', 'post_author', 'post_body', 'post_title_image', 'post_second_image', 'post_category_id'];

describe('localizeFields', () => {
    it('copies the inherited values into the locale and keeps its own values (recorded entry with nulls)', () => {
        const before = structuredClone(recordedPost.fields);
        const { fields, copied } = localizeFields({ fields: recordedPost.fields, locale: 'de-DE', chain: ['en-US'], localizedFieldIds: postLocalized, documentId: recordedPost.sys.id });
        expect(copied).toEqual([
            { fieldId: 'post_title', from: 'en-US' },
            { fieldId: 'post_author', from: 'en-US' },
            { fieldId: 'post_body', from: 'en-US' },
            { fieldId: 'post_second_image', from: 'en-US' }
        ]);
        expect(fields.post_title).toEqual({ 'en-US': 'Updated title', 'de-DE': 'Updated title', 'pl-PL': null });
        // post_title_image already had a de-DE value; post_category_id has nothing anywhere.
        expect(fields.post_title_image).toBe(recordedPost.fields.post_title_image);
        expect(fields.post_category_id).toEqual({ 'en-US': null, 'de-DE': null, 'pl-PL': null });
        // Non-localized field untouched, input not mutated.
        expect(fields.xxasdasd).toEqual({ 'en-US': false });
        expect(recordedPost.fields).toEqual(before);
    });

    it('copies deep, so editing the localized link does not change the source locale', () => {
        const { fields } = localizeFields({ fields: recordedPost.fields, locale: 'pl-PL', chain: ['en-US'], localizedFieldIds: ['post_second_image'] });
        (fields.post_second_image['pl-PL'] as { sys: { id: string } }).sys.id = 'other';
        expect((recordedPost.fields.post_second_image['en-US'] as { sys: { id: string } }).sys.id).toBe('5LCvaD9lfycy02uqkwyE8S');
    });

    it('takes each field from the nearest chain locale that has it (en-AU → en-GB → en-US)', () => {
        const chain = fallbackChain(englishChainContext(), 'en-AU');
        const { fields, copied } = localizeFields({
            fields: { title: { 'en-US': 'Color', 'en-GB': 'Colour' }, body: { 'en-US': 'Body' } },
            locale: 'en-AU',
            chain,
            localizedFieldIds: ['title', 'body']
        });
        expect(fields).toEqual({ title: { 'en-US': 'Color', 'en-GB': 'Colour', 'en-AU': 'Colour' }, body: { 'en-US': 'Body', 'en-AU': 'Body' } });
        expect(copied).toEqual([
            { fieldId: 'title', from: 'en-GB' },
            { fieldId: 'body', from: 'en-US' }
        ]);
    });

    it('localizes only the named fields, and keeps an own empty string', () => {
        const recorded = loadRecording<{ fields: LocalizedFields }>('py-entry-multi-locale-en-US-es-AR.json');
        const input = { ...recorded.fields, tagline: { 'en-US': 'Hi', fr: '' }, extra: { 'en-US': 'x' } };
        const { fields, copied } = localizeFields({ fields: input, locale: 'fr', chain: ['en-US'], localizedFieldIds: ['name', 'tagline', 'extra'], only: ['name', 'tagline'] });
        expect(copied).toEqual([{ fieldId: 'name', from: 'en-US' }]);
        expect(fields.name).toEqual({ 'en-US': 'Foo', 'es-AR': 'Bar', fr: 'Foo' });
        expect(fields.tagline.fr).toBe('');
        expect(fields.extra).toEqual({ 'en-US': 'x' });
    });

    it('copies nothing for a locale without a fallback chain', () => {
        expect(localizeFields({ fields: { title: { 'en-US': 'a' } }, locale: 'it', chain: [], localizedFieldIds: ['title'] }).copied).toEqual([]);
    });

    it('refuses a field that is not localized, naming it, the document and the locale', () => {
        const error = refusal(() => localizeFields({ fields: {}, locale: 'fr', chain: ['en-US'], localizedFieldIds: ['title'], only: ['price'], documentId: 'abc' }));
        expect(error.message).toBe('Cannot localize "price" of document "abc" in "fr": the field is not localized (localized fields: "title").');
    });
});

describe('unlocalizeFields', () => {
    it('removes only the locale\'s own values of localized fields', () => {
        const { fields, removed } = unlocalizeFields({
            fields: { title: { 'en-US': 'Color', 'en-GB': 'Colour', 'en-AU': 'Colour' }, body: { 'en-AU': 'only AU' }, slug: { 'en-US': '/color' } },
            locale: 'en-AU',
            localizedFieldIds: ['title', 'body'],
            defaultLocale: 'en-US'
        });
        expect(fields).toEqual({ title: { 'en-US': 'Color', 'en-GB': 'Colour' }, slug: { 'en-US': '/color' } });
        expect(removed).toEqual(['title', 'body']);
    });

    it('removes explicit nulls too, and reports nothing when there is nothing to remove', () => {
        const { fields, removed } = unlocalizeFields({ fields: recordedPost.fields, locale: 'pl-PL', localizedFieldIds: postLocalized, defaultLocale: 'en-US', only: ['post_title'] });
        expect(fields.post_title).toEqual({ 'en-US': 'Updated title', 'de-DE': null });
        expect(fields.post_author).toBe(recordedPost.fields.post_author);
        expect(removed).toEqual(['post_title']);
        expect(unlocalizeFields({ fields: { t: { 'en-US': 'a' } }, locale: 'fr', localizedFieldIds: ['t'], defaultLocale: 'en-US' }).removed).toEqual([]);
    });

    it('refuses to unlocalize the default locale', () => {
        const error = refusal(() => unlocalizeFields({ fields: recordedPost.fields, locale: 'en-US', localizedFieldIds: postLocalized, defaultLocale: 'en-US', documentId: 'abc' }));
        expect(error.message).toContain('Cannot unlocalize document "abc" in "en-US": it is the default locale');
    });

    it('refuses a non-localized field', () => {
        expect(refusal(() => unlocalizeFields({ fields: {}, locale: 'fr', localizedFieldIds: ['a'], only: ['b', 'c'], defaultLocale: 'en-US' })).message).toContain(
            '"b", "c" of the document in "fr": these fields are not localized'
        );
    });
});

describe('planLocalizeVariant', () => {
    const context = europeanContext(['en-US', 'fr', 'fr-CA', 'de']);
    const plan = (variants: Record<string, string>, locale: string) =>
        planLocalizeVariant({ variants, locale, chain: fallbackChain(context, locale), enabled: context.enabled, documentId: 'page-en' });

    it('copies the variant the locale inherits from', () => {
        expect(plan({ 'en-US': 'page-en', fr: 'page-fr' }, 'fr-CA')).toEqual({ sourceDocumentId: 'page-fr', from: 'fr' });
        expect(plan({ 'en-US': 'page-en' }, 'fr-CA')).toEqual({ sourceDocumentId: 'page-en', from: 'en-US' });
    });

    it('refuses an already localized locale, a disabled locale, and a locale with nothing to copy', () => {
        expect(refusal(() => plan({ 'en-US': 'page-en', fr: 'page-fr' }, 'fr')).message).toBe(
            'Cannot localize document "page-en" into "fr": it is already localized (variant document "page-fr").'
        );
        expect(refusal(() => plan({ 'en-US': 'page-en' }, 'it')).message).toContain('"it": it is not an enabled locale ("en-US", "fr", "fr-CA", "de")');
        expect(refusal(() => plan({ de: 'page-de' }, 'fr-CA')).message).toContain('its fallback chain ("fr", "en-US") has no variant to copy from (variants: "de")');
        const noChain = europeanContext();
        expect(
            refusal(() => planLocalizeVariant({ variants: { 'en-US': 'a' }, locale: 'it', chain: fallbackChain(noChain, 'it'), enabled: noChain.enabled })).message
        ).toContain('it has no fallback locale and there is no variant to copy from');
    });
});

describe('planUnlocalizeVariant', () => {
    it('deletes the locale\'s variant', () => {
        expect(planUnlocalizeVariant({ variants: { 'en-US': 'a', fr: 'b' }, locale: 'fr', defaultLocale: 'en-US' })).toEqual({ documentId: 'b' });
    });

    it('refuses the master (default-locale) variant and a locale without a variant', () => {
        expect(refusal(() => planUnlocalizeVariant({ variants: { 'en-US': 'a', fr: 'b' }, locale: 'en-US', defaultLocale: 'en-US' })).message).toContain(
            'Cannot unlocalize document "a" in "en-US": the default-locale variant is the master'
        );
        expect(refusal(() => planUnlocalizeVariant({ variants: { 'en-US': 'a' }, locale: 'de', defaultLocale: 'en-US', documentId: 'a' })).message).toContain(
            'it has no "de" variant (variants: "en-US"); it already inherits'
        );
    });
});

describe('variantFieldsFromSource', () => {
    const source: LocalizedFields = {
        title: { 'en-US': 'About us' },
        sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'hero1' } }] },
        locale: { 'en-US': 'en-US', fr: 'stray' },
        translationKey: { 'en-US': 'about' }
    };

    it('copies every value, sets the new locale and keeps the group\'s key', () => {
        const fields = variantFieldsFromSource({ sourceFields: source, locale: 'fr', localeField: 'locale', translationKeyField: 'translationKey', translationKey: 'about', defaultLocale: 'en-US' });
        expect(fields).toEqual({ ...source, locale: { 'en-US': 'fr' }, translationKey: { 'en-US': 'about' } });
        (fields.sections['en-US'] as unknown[]).pop();
        expect(source.sections['en-US']).toHaveLength(1);
    });

    it('refuses an empty translation key or locale', () => {
        const input = { sourceFields: source, locale: 'fr', localeField: 'locale', translationKeyField: 'translationKey', translationKey: ' ', defaultLocale: 'en-US' };
        expect(refusal(() => variantFieldsFromSource(input)).message).toContain('the translation key (field "translationKey") is empty');
        expect(refusal(() => variantFieldsFromSource({ ...input, translationKey: 'k', locale: '' })).message).toContain('without a locale (field "locale")');
    });
});
