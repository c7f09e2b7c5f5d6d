import type { Asset, Document } from '@stackbit/types';
import { describe, expect, it } from 'vitest';
import { resolveGrant } from '../../src/localization/access.js';
import { filterPublishable, planPublish, planUnpublish } from '../../src/localization/publish-filter.js';
import type { ModelLocalization, ResolvedGrant } from '../../src/localization/types.js';
import { contentTypeOf, documentOf, model, modelOfContentType, multiBrand } from './access-test-data.js';

const exported = multiBrand();
const OBJECT_LEVEL = ['page', 'hero', 'button', 'stats', 'statItem'];
const models = new Map<string, ModelLocalization>(
    exported.contentTypes.map((contentType) => [
        contentType.sys.id,
        modelOfContentType(contentType, OBJECT_LEVEL.includes(contentType.sys.id) ? { objectLevel: true, localeField: 'locale' } : {})
    ])
);
models.set('legal', model('legal', { nonLocalizedFields: ['text'] }));

// The recorded multi-brand space: object-level sections/pages in en-US and es, localized brands.
const recorded: Document[] = exported.entries.map((entry) => {
    const contentType = contentTypeOf(exported, entry.sys.contentType.sys.id);
    const locale = OBJECT_LEVEL.includes(contentType.sys.id) ? (entry.fields['locale']?.['en-US'] as string) : undefined;
    return documentOf(entry, contentType, 'en-US', locale);
});
const legal: Document = { ...recorded.find((document) => document.modelName === 'brand')!, id: 'legal-1', modelName: 'legal', fields: { text: { type: 'text', value: 'Terms' } } };
const documents = [...recorded, legal];
const logo = { type: 'asset', id: '6v04DEiMN8WQW9zCkEzLo8' } as Asset;
const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();
const byId = (id: string) => documents.find((document) => document.id === id)!;

const esPages = recorded.filter((document) => document.locale === 'es');
const enPages = recorded.filter((document) => document.locale === 'en-US');
const brands = recorded.filter((document) => document.locale === undefined);

describe('filterPublishable', () => {
    it('publishes everything in Global mode', () => {
        const result = filterPublishable({ documents, assets: [logo], mode: { kind: 'global' }, models });
        expect(result.documents).toHaveLength(documents.length);
        expect(result.assets).toEqual([logo]);
        expect(result.skipped).toEqual([]);
    });

    it('publishes es documents, documents with localized fields and assets in Specific mode es', () => {
        const result = filterPublishable({ documents, assets: [logo], mode: { kind: 'specific', locale: 'es' }, models });
        expect(ids(result.documents)).toEqual(ids([...esPages, ...brands]));
        expect(result.assets).toEqual([logo]);
        expect(ids(result.skipped)).toEqual(ids([...enPages, legal]));
    });

    it('says why each document is skipped', () => {
        const result = filterPublishable({ documents: [byId('4NAH9GqPm2W4eYXXEa35mg'), legal], mode: { kind: 'specific', locale: 'es' }, models });
        expect(result.skipped).toEqual([
            {
                id: '4NAH9GqPm2W4eYXXEa35mg',
                kind: 'document',
                reason: 'document "4NAH9GqPm2W4eYXXEa35mg" is en-US; Specific mode es publishes only es documents and documents with localized fields'
            },
            {
                id: 'legal-1',
                kind: 'document',
                reason: 'model "legal" has no localized field, so it belongs to every locale; Specific mode es publishes only es documents and documents with localized fields'
            }
        ]);
    });

    it('takes the union of a restricted user\'s locales', () => {
        const result = filterPublishable({ documents, mode: { kind: 'specific-set', locales: ['es', 'en-US'] }, models });
        expect(ids(result.documents)).toEqual(ids(recorded));
        expect(ids(result.skipped)).toEqual(['legal-1']);
    });

    it('reads object-level and localized fields from documents of unknown models', () => {
        const unknownModels = new Map<string, ModelLocalization>();
        const result = filterPublishable({ documents: [byId('4NAH9GqPm2W4eYXXEa35mg'), byId('2h0tOttrNNwHQfNkIoKMox'), legal], mode: { kind: 'specific', locale: 'es' }, models: unknownModels });
        expect(ids(result.documents)).toEqual(['2h0tOttrNNwHQfNkIoKMox']);
    });

    it('filters 50,000 documents quickly', () => {
        const many = Array.from({ length: 50_000 }, (_unused, index) => ({ ...documents[index % documents.length]!, id: `doc-${index}` }));
        const started = performance.now();
        const result = filterPublishable({ documents: many, mode: { kind: 'specific', locale: 'es' }, models });
        const plan = planPublish({ documents: many, grant: { locales: ['es'], source: 0 }, localeBasedPublishing: true, defaultLocale: 'en-US', models });
        expect(performance.now() - started).toBeLessThan(1500);
        expect(result.documents.length + result.skipped.length).toBe(50_000);
        expect(plan.whole.length + plan.perLocale.length + plan.skipped.length).toBe(50_000);
    });
});

describe('planPublish', () => {
    const maria = { email: 'maria@acme.es' };
    const esOnly = resolveGrant(maria, { rules: [{ emails: ['*@acme.es'], locales: ['es'] }] });
    const aboutEs = byId('7zMQ1dR1pzmjb6Wp37p0A0');
    const aboutEn = byId('4NAH9GqPm2W4eYXXEa35mg');
    const sandwiches = byId('2h0tOttrNNwHQfNkIoKMox');

    it('publishes everything entirely for a global user or no user', () => {
        for (const grant of [resolveGrant({ email: 'bob@acme.com' }, undefined), resolveGrant(undefined, undefined)]) {
            const plan = planPublish({ documents, assets: [logo], grant, localeBasedPublishing: true, defaultLocale: 'en-US', models });
            expect(plan.whole).toHaveLength(documents.length + 1);
            expect(plan.perLocale).toEqual([]);
            expect(plan.skipped).toEqual([]);
        }
    });

    it('publishes a restricted user\'s object-level documents entirely and skips other locales', () => {
        const plan = planPublish({ documents: [aboutEs, aboutEn, legal], grant: esOnly, localeBasedPublishing: true, defaultLocale: 'en-US', models, user: maria });
        expect(plan.whole).toEqual([{ id: aboutEs.id, kind: 'document' }]);
        expect(plan.skipped.map((item) => item.reason)).toEqual([
            'maria@acme.es may publish only es; document "4NAH9GqPm2W4eYXXEa35mg" is en-US',
            'maria@acme.es may publish only es; model "legal" has no localized field, so it belongs to every locale'
        ]);
    });

    it('publishes only the user\'s enabled locales of field-level documents and assets with locale-based publishing', () => {
        const grant: ResolvedGrant = { locales: ['es', 'fr'], source: 0 };
        const plan = planPublish({ documents: [sandwiches], assets: [logo], grant, localeBasedPublishing: true, defaultLocale: 'en-US', enabledLocales: ['en-US', 'es'], models });
        expect(plan.perLocale).toEqual([
            { id: sandwiches.id, kind: 'document', locales: ['es'] },
            { id: logo.id, kind: 'asset', locales: ['es'] }
        ]);
        expect(plan.whole).toEqual([]);
    });

    it('without locale-based publishing, publishes a field-level document only when all its changes are in the user\'s locales', () => {
        const changed: Record<string, string[] | undefined> = { [sandwiches.id]: ['es'], [logo.id]: ['es', 'en-US'] };
        const plan = planPublish({
            documents: [sandwiches],
            assets: [logo],
            grant: esOnly,
            localeBasedPublishing: false,
            defaultLocale: 'en-US',
            models,
            user: maria,
            changedLocales: (item) => changed[item.id]
        });
        expect(plan.whole).toEqual([{ id: sandwiches.id, kind: 'document' }]);
        expect(plan.skipped).toEqual([
            {
                id: logo.id,
                kind: 'asset',
                reason: `maria@acme.es may publish only es; asset "${logo.id}" also has unpublished changes in en-US, and without locale-based publishing Contentful publishes every locale at once`
            }
        ]);
    });

    it('skips a field-level document whose changed locales are unknown', () => {
        const plan = planPublish({ documents: [sandwiches], grant: esOnly, localeBasedPublishing: false, defaultLocale: 'en-US', models, user: maria, changedLocales: () => undefined });
        expect(plan.skipped[0]!.reason).toContain(`it is unknown which locales of document "${sandwiches.id}" have unpublished changes`);
        expect(planPublish({ documents: [sandwiches], grant: esOnly, localeBasedPublishing: false, defaultLocale: 'en-US', models }).skipped).toHaveLength(1);
    });

    it('skips when none of the user\'s locales is enabled', () => {
        const plan = planPublish({ documents: [sandwiches], grant: esOnly, localeBasedPublishing: true, defaultLocale: 'en-US', enabledLocales: ['en-US'], models, user: maria });
        expect(plan.skipped[0]!.reason).toContain('none of these locales is enabled');
    });
});

describe('planUnpublish', () => {
    const esOnly: ResolvedGrant = { locales: ['es'], source: 0 };
    const sandwiches = byId('2h0tOttrNNwHQfNkIoKMox');
    const aboutEs = byId('7zMQ1dR1pzmjb6Wp37p0A0');

    it('removes only the user\'s locales with locale-based publishing', () => {
        const plan = planUnpublish({ documents: [sandwiches, aboutEs], grant: esOnly, localeBasedPublishing: true, defaultLocale: 'en-US', models });
        expect(plan.perLocale).toEqual([{ id: sandwiches.id, kind: 'document', locales: ['es'] }]);
        expect(plan.whole).toEqual([{ id: aboutEs.id, kind: 'document' }]);
    });

    it('refuses to unpublish a field-level document entirely for a restricted user', () => {
        const plan = planUnpublish({ documents: [sandwiches], assets: [logo], grant: esOnly, localeBasedPublishing: false, defaultLocale: 'en-US', models, user: { email: 'maria@acme.es' } });
        expect(plan.whole).toEqual([]);
        expect(plan.skipped.map((item) => item.id)).toEqual([sandwiches.id, logo.id]);
        expect(plan.skipped[0]!.reason).toBe(
            `maria@acme.es may unpublish only es; unpublishing document "${sandwiches.id}" would take every locale offline, and the space does not use locale-based publishing`
        );
    });

    it('unpublishes everything for a global user', () => {
        const plan = planUnpublish({ documents, grant: { locales: '*', source: 'default' }, localeBasedPublishing: false, defaultLocale: 'en-US', models });
        expect(plan.whole).toHaveLength(documents.length);
    });
});
