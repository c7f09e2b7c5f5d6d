import type { Document } from '@stackbit/types';
import { describe, expect, it } from 'vitest';
import { LocalizationError } from '../../src/errors.js';
import { buildTranslationIndex, newTranslationKey, translationKeyOf, updateIndex, type TranslationGroup } from '../../src/localization/translation-groups.js';
import { documentFromEntry, loadRecording } from './locale-test-data.js';

type ExportEntry = Parameters<typeof documentFromEntry>[0];
const multiBrand = loadRecording<{ entries: ExportEntry[] }>('export-stackbit-i18n-multi-brand-en-US-es.json');
/** The recorded object-level pages with their locales assigned; the site pairs translations by slug. */
const pages = multiBrand.entries
    .filter((entry) => entry.sys.contentType.sys.id === 'page')
    .map((entry) => documentFromEntry(entry, { localizedFields: [], defaultLocale: 'en-US', locale: entry.fields.locale['en-US'] as string }));
const bySlug = { models: ['page'], translationKeyField: 'slug' };

function doc(id: string, locale: string | undefined, key: string | undefined, createdAt = '2024-01-01T00:00:00.000Z', modelName = 'page'): Document {
    return {
        type: 'document',
        id,
        manageUrl: '',
        modelName,
        status: 'added',
        createdAt,
        updatedAt: createdAt,
        locale,
        fields: key === undefined ? {} : { translationKey: { type: 'string', value: key } },
        context: {}
    };
}
const byKey = { models: ['page', 'post'], translationKeyField: 'translationKey' };

function sortedMembers(group: TranslationGroup | undefined): TranslationGroup | undefined {
    return group && { ...group, documentIds: [...group.documentIds].sort() };
}

describe('buildTranslationIndex on the recorded multi-brand pages (grouped by slug)', () => {
    const index = buildTranslationIndex(pages, bySlug);

    it('pairs the English and Spanish "About" pages', () => {
        expect(index.variants('4NAH9GqPm2W4eYXXEa35mg')).toEqual({ 'en-US': '4NAH9GqPm2W4eYXXEa35mg', es: '7zMQ1dR1pzmjb6Wp37p0A0' });
        expect(index.findVariant('7zMQ1dR1pzmjb6Wp37p0A0', 'en-US')).toBe('4NAH9GqPm2W4eYXXEa35mg');
        expect(index.findVariant('7zMQ1dR1pzmjb6Wp37p0A0', 'fr')).toBeUndefined();
        expect(index.groupOf('7zMQ1dR1pzmjb6Wp37p0A0')).toMatchObject({ modelName: 'page', translationKey: '/about' });
    });

    it('reports the two brands\' home pages that share slug "/" and keeps the first created per locale', () => {
        expect(index.variants('5vrAEPd8HChAYWc1CV7Y5e')).toEqual({ 'en-US': '4pQBscyvi608EAd3KNoxt9', es: '55HHBBeeWjyRcSAhz5gUJH' });
        expect(index.groupOf('5vrAEPd8HChAYWc1CV7Y5e')?.documentIds).toHaveLength(4);
        expect(index.diagnostics().map((d) => [d.documentId, d.locale])).toEqual([
            ['548iAZMfbt9ihR3kBIwM3D', 'es'],
            ['5vrAEPd8HChAYWc1CV7Y5e', 'en-US']
        ]);
        expect(index.diagnostics()[1].message).toBe(
            'Documents "4pQBscyvi608EAd3KNoxt9" and "5vrAEPd8HChAYWc1CV7Y5e" (model "page") are both the "en-US" translation of slug "/". ' +
                '"4pQBscyvi608EAd3KNoxt9" (created first) is used for fallback, copies and alternate links; give "5vrAEPd8HChAYWc1CV7Y5e" its own slug or another locale.'
        );
    });

    it('gives a losing duplicate alternates that still point at itself', () => {
        expect(index.alternates('5vrAEPd8HChAYWc1CV7Y5e')).toEqual({ 'en-US': '5vrAEPd8HChAYWc1CV7Y5e', es: '55HHBBeeWjyRcSAhz5gUJH' });
        expect(index.alternates('55HHBBeeWjyRcSAhz5gUJH')).toEqual({ 'en-US': '4pQBscyvi608EAd3KNoxt9', es: '55HHBBeeWjyRcSAhz5gUJH' });
    });
});

describe('translation groups', () => {
    it('keeps groups per model: the same key in two models makes two groups', () => {
        const index = buildTranslationIndex([doc('p-en', 'en-US', 'k'), doc('b-fr', 'fr', 'k', undefined, 'post')], byKey);
        expect(index.variants('p-en')).toEqual({ 'en-US': 'p-en' });
        expect(index.variants('b-fr')).toEqual({ fr: 'b-fr' });
    });

    it('makes a document without a key a group of one, and ignores field-level models', () => {
        const index = buildTranslationIndex([doc('lonely', 'fr', undefined), doc('blank', 'de', '  '), doc('brand', undefined, 'k', undefined, 'brand')], byKey);
        expect(index.groupOf('lonely')).toEqual({ id: 'doc:lonely', modelName: 'page', translationKey: undefined, variants: { fr: 'lonely' }, documentIds: ['lonely'] });
        expect(index.variants('blank')).toEqual({ de: 'blank' });
        expect(index.groupOf('brand')).toBeUndefined();
        expect(index.variants('brand')).toEqual({});
        expect(index.alternates('unknown')).toEqual({});
        expect(index.size).toBe(2);
    });

    it('breaks createdAt ties by id and puts unparseable dates last', () => {
        const index = buildTranslationIndex(
            [doc('b', 'fr', 'k', '2024-01-01T00:00:00Z'), doc('a', 'fr', 'k', '2024-01-01T00:00:00Z'), doc('0', 'fr', 'k', 'not a date')],
            byKey
        );
        expect(index.findVariant('b', 'fr')).toBe('a');
        expect(index.diagnostics().map((d) => d.documentId)).toEqual(['b', '0']);
    });

    it('compares createdAt as time, not as text (milliseconds vs none)', () => {
        const index = buildTranslationIndex([doc('later', 'fr', 'k', '2024-01-01T00:00:00.500Z'), doc('earlier', 'fr', 'k', '2024-01-01T00:00:00Z')], byKey);
        expect(index.findVariant('later', 'fr')).toBe('earlier');
    });

    it('keeps members without a locale in the group but not among the variants', () => {
        const index = buildTranslationIndex([doc('en', 'en-US', 'k'), doc('unknown', undefined, 'k')], byKey);
        expect(index.groupOf('unknown')?.documentIds).toEqual(['en', 'unknown']);
        expect(index.alternates('unknown')).toEqual({ 'en-US': 'en' });
    });
});

describe('updateIndex', () => {
    it('moves a document to its new group when its key changes, and drops emptied groups', () => {
        const index = buildTranslationIndex([doc('en', 'en-US', 'a'), doc('fr', 'fr', 'a'), doc('de', 'de', 'b')], byKey);
        updateIndex(index, [doc('fr', 'fr', 'b')]);
        expect(index.variants('en')).toEqual({ 'en-US': 'en' });
        expect(index.variants('de')).toEqual({ de: 'de', fr: 'fr' });
        updateIndex(index, [], ['en']);
        expect(index.groupOf('en')).toBeUndefined();
        expect(index.size).toBe(2);
    });

    it('promotes the next variant when the winning duplicate is deleted, and clears the diagnostic', () => {
        const index = buildTranslationIndex([doc('old', 'fr', 'k', '2020-01-01T00:00:00Z'), doc('new', 'fr', 'k', '2021-01-01T00:00:00Z')], byKey);
        expect(index.diagnostics()).toHaveLength(1);
        updateIndex(index, [], ['old']);
        expect(index.findVariant('new', 'fr')).toBe('new');
        expect(index.diagnostics()).toEqual([]);
    });

    it('ends up equal to a rebuild after a long random sequence of edits', () => {
        let seed = 7;
        const random = (n: number) => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed % n;
        };
        const locales = ['en-US', 'fr', 'de', undefined];
        const keys = ['a', 'b', 'c', undefined];
        const live = new Map<string, Document>();
        const index = buildTranslationIndex([], byKey);
        for (let step = 0; step < 2000; step += 1) {
            const id = `d${random(60)}`;
            if (random(5) === 0) {
                live.delete(id);
                updateIndex(index, [], [id]);
            } else {
                const changed = doc(id, locales[random(4)], keys[random(4)], `2024-01-01T00:00:${String(random(60)).padStart(2, '0')}Z`, random(6) === 0 ? 'brand' : 'page');
                live.set(id, changed);
                updateIndex(index, [changed]);
            }
        }
        const rebuilt = buildTranslationIndex([...live.values()], byKey);
        for (const id of live.keys()) {
            expect(sortedMembers(index.groupOf(id))).toEqual(sortedMembers(rebuilt.groupOf(id)));
            expect(index.alternates(id)).toEqual(rebuilt.alternates(id));
        }
        expect(new Set(index.diagnostics().map((d) => d.message))).toEqual(new Set(rebuilt.diagnostics().map((d) => d.message)));
        expect(index.size).toBe(rebuilt.size);
    });

    it('builds 50,000 documents × 10 locales quickly and updates one without a rebuild', () => {
        const locales = ['en-US', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da'];
        const documents = Array.from({ length: 50_000 }, (_, i) => doc(`d${i}`, locales[i % 10], `k${Math.floor(i / 10)}`));
        const started = performance.now();
        const index = buildTranslationIndex(documents, byKey);
        expect(performance.now() - started).toBeLessThan(3000);
        expect(index.variants('d49999')).toHaveProperty('da', 'd49999');
        const updateStarted = performance.now();
        updateIndex(index, [doc('d49999', 'da', 'k0')]);
        expect(performance.now() - updateStarted).toBeLessThan(20);
        expect(index.diagnostics()).toHaveLength(1);
    });
});

describe('translationKeyOf and newTranslationKey', () => {
    it('reads the key from a plain or (by mistake) localized field', () => {
        expect(translationKeyOf(doc('x', 'fr', 'k1'), 'translationKey')).toBe('k1');
        const localized: Document = {
            ...doc('y', 'fr', undefined),
            fields: { translationKey: { type: 'string', localized: true, locales: { fr: { locale: 'fr', value: 'kf' }, 'en-US': { locale: 'en-US', value: 'ke' } } } }
        };
        expect(translationKeyOf(localized, 'translationKey', 'en-US')).toBe('ke');
        expect(translationKeyOf(localized, 'translationKey')).toBe('kf');
    });

    it('returns the generated id, and refuses an empty or too long one', () => {
        expect(newTranslationKey(() => 'abc123')).toBe('abc123');
        expect(() => newTranslationKey(() => '')).toThrow(LocalizationError);
        expect(() => newTranslationKey(() => undefined as unknown as string)).toThrow('must return a non-empty string');
        expect(() => newTranslationKey(() => 'x'.repeat(300))).toThrow('at most 256');
    });
});
