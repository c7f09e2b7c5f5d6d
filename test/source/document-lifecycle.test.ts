// CSI createDocument / deleteDocument / archiveDocument / unarchiveDocument and document versions,
// through the emulator: what reached Contentful (the request log), what the space holds afterwards,
// and what the engine's cache was told.
import { describe, expect, it } from 'vitest';
import type { DataModel, Document } from '@stackbit/types';
import type { DocumentContext, ModelContext } from '../../src/index.js';
import { DEMO_OBJECT_LEVEL, byId, deleteInContentful, localeValue, plainValue, startSource, useSourceEmulator, writesOf } from './support.js';

describe('createDocument', () => {
    const emulator = useSourceEmulator();

    it('field-level model in a locale: localized values under it, non-localized under the default locale', async () => {
        const { source, schema, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const product = schema.models.find((m) => m.name === 'product')!;
        emulator.log.clear();
        const { documentId } = await source.createDocument({
            model: product,
            locale: 'fr',
            updateOperationFields: {
                name: { type: 'string', value: 'Tasse' },
                description: { type: 'text', value: 'Une tasse.' },
                price: { type: 'number', value: 12 },
                sku: { type: 'string', value: 'CUP-9' }
            }
        });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id']);
        const put = emulator.log.writes()[0]!;
        expect(put.headers['x-contentful-content-type']).toBe('product');
        expect(put.headers['x-contentful-version']).toBeUndefined();
        const stored = emulator.space.getEntry(documentId)!;
        expect(stored.fields).toEqual({ name: { fr: 'Tasse' }, description: { fr: 'Une tasse.' }, price: { 'en-US': 12 }, sku: { 'en-US': 'CUP-9' } });
        expect(stored.sys.version).toBe(1);
        const pushed = byId(cache.updates.at(-1)!.documents ?? [], documentId);
        expect(pushed).toMatchObject({ modelName: 'product', status: 'added', createdBy: 'alice@acme.com' });
        expect(localeValue(pushed, 'name', 'fr')).toBe('Tasse');
        expect(plainValue(pushed, 'price')).toBe(12);
        expect(pushed.locale).toBeUndefined();
    });

    it('without a locale, localized values go under the default locale', async () => {
        const { source, schema } = await startSource(emulator.space);
        const { documentId } = await source.createDocument({ model: schema.models.find((m) => m.name === 'product')!, updateOperationFields: { name: { type: 'string', value: 'Mug' } } });
        expect(emulator.space.getEntry(documentId)!.fields).toEqual({ name: { 'en-US': 'Mug' } });
    });

    it('object-level model in a locale: one entry with the locale and a new translation key', async () => {
        const { source, schema, cache } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const page = schema.models.find((m) => m.name === 'page')!;
        const { documentId } = await source.createDocument({ model: page, locale: 'de', updateOperationFields: { title: { type: 'string', value: 'Impressum' }, slug: { type: 'slug', value: 'impressum' } } });
        const fields = emulator.space.getEntry(documentId)!.fields;
        expect(fields.title).toEqual({ 'en-US': 'Impressum' });
        expect(fields.locale).toEqual({ 'en-US': 'de' });
        expect(typeof fields.translationKey!['en-US']).toBe('string');
        const existingKeys = emulator.space.listEntries().filter((e) => e.sys.id !== documentId).map((e) => e.fields.translationKey?.['en-US']);
        expect(existingKeys).not.toContain(fields.translationKey!['en-US']);
        expect(byId(cache.updates.at(-1)!.documents ?? [], documentId).locale).toBe('de');
        expect(source.getAlternates({ documentId })).toEqual({ de: documentId });
    });

    it('a model the schema does not have is refused before any write', async () => {
        const { source } = await startSource(emulator.space);
        emulator.log.clear();
        await expect(source.createDocument({ model: { type: 'data', name: 'landing', fields: [] } as DataModel<ModelContext>, updateOperationFields: {} })).rejects.toThrow(/"landing"/);
        expect(emulator.log.writes()).toEqual([]);
    });

    it('a locale the space lacks is refused before any write, naming model and locale', async () => {
        const { source, schema } = await startSource(emulator.space);
        emulator.log.clear();
        await expect(
            source.createDocument({ model: schema.models.find((m) => m.name === 'product')!, locale: 'pt-BR', updateOperationFields: { name: { type: 'string', value: 'x' } } })
        ).rejects.toThrow(/create a "product" document in locale "pt-BR"/);
        expect(emulator.log.all()).toEqual([]);
    });
});

describe('deleteDocument', () => {
    const emulator = useSourceEmulator();

    it('a published document is unpublished, then deleted; the engine is told it is gone', async () => {
        const { source, documents, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.deleteDocument({ document: byId(documents, 'product-espresso') });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id/published', 'DELETE /entries/:id']);
        expect(emulator.space.getEntry('product-espresso')).toBeUndefined();
        expect(cache.updates.at(-1)).toMatchObject({ deletedDocumentIds: ['product-espresso'] });
    });

    it('a draft is deleted without an unpublish', async () => {
        const { source, documents } = await startSource(emulator.space);
        emulator.log.clear();
        await source.deleteDocument({ document: byId(documents, 'product-kettle') });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id']);
        expect(emulator.space.getEntry('product-kettle')).toBeUndefined();
    });

    it('a document already deleted in Contentful is simply forgotten', async () => {
        const { source, documents, cache } = await startSource(emulator.space);
        await deleteInContentful(emulator, 'product-kettle');
        await source.deleteDocument({ document: byId(documents, 'product-kettle') });
        expect(cache.updates.at(-1)).toMatchObject({ deletedDocumentIds: ['product-kettle'] });
    });

    it('when the delete itself fails, the unpublished document is published again (no half-done state)', async () => {
        const { source, documents } = await startSource(emulator.space, { requests: { retryLimit: 0 } });
        emulator.faults.add({ match: { method: 'DELETE', path: /\/entries\/product-espresso$/ }, rate: 1, kind: '500' });
        await expect(source.deleteDocument({ document: byId(documents, 'product-espresso') })).rejects.toThrow(/delete entry "product-espresso"/);
        const entry = emulator.space.getEntry('product-espresso')!;
        expect(entry.sys.publishedVersion).toBeDefined();
        expect(entry.sys.version).toBe(entry.sys.publishedVersion! + 1);
        expect(writesOf(emulator.log).slice(-3)).toEqual(['DELETE /entries/:id/published', 'DELETE /entries/:id', 'PUT /entries/:id/published']);
    });
});

describe('archiveDocument / unarchiveDocument', () => {
    const emulator = useSourceEmulator();

    it('archiving a published document unpublishes it first; unarchive brings it back as a draft', async () => {
        const { source, documents, cache } = await startSource(emulator.space);
        emulator.log.clear();
        await source.archiveDocument({ document: byId(documents, 'product-espresso') });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id/published', 'PUT /entries/:id/archived']);
        expect(emulator.space.getEntry('product-espresso')!.sys.archivedVersion).toBeDefined();
        const archived = byId(cache.updates.at(-1)!.documents ?? [], 'product-espresso') as Document<DocumentContext>;
        expect(archived.status).toBe('archived');

        emulator.log.clear();
        await source.unarchiveDocument({ document: archived });
        expect(writesOf(emulator.log)).toEqual(['DELETE /entries/:id/archived']);
        const entry = emulator.space.getEntry('product-espresso')!;
        expect(entry.sys.archivedVersion).toBeUndefined();
        expect(entry.sys.publishedVersion).toBeUndefined();
        expect(byId(cache.updates.at(-1)!.documents ?? [], 'product-espresso').status).toBe('added');
    });

    it('archiving a draft sends only the archive', async () => {
        const { source, documents } = await startSource(emulator.space);
        emulator.log.clear();
        await source.archiveDocument({ document: byId(documents, 'product-kettle') });
        expect(writesOf(emulator.log)).toEqual(['PUT /entries/:id/archived']);
    });
});

describe('getDocumentVersions / getDocumentForVersion', () => {
    const emulator = useSourceEmulator();

    it('lists one version per publish, newest first, with the publisher’s email', async () => {
        const { source } = await startSource(emulator.space);
        emulator.space.editEntry('product-espresso', (fields) => ({ ...fields, price: { 'en-US': 259 } }));
        emulator.space.publishEntry('product-espresso', { userId: 'user-jean' });
        const { versions } = await source.getDocumentVersions({ documentId: 'product-espresso' });
        expect(versions).toHaveLength(2);
        expect(versions[0]).toMatchObject({ documentId: 'product-espresso', srcType: 'contentful', srcProjectId: 'demo', createdBy: 'jean@acme.fr', label: 'Published' });
        expect(versions[1]!.createdBy).toBe('alice@acme.com');
        expect(versions[0]!.createdAt >= versions[1]!.createdAt).toBe(true);
        expect(emulator.log.count({ method: 'GET', route: '/entries/:id/snapshots' })).toBe(1);
    });

    it('returns the document as it was in that version, in every locale', async () => {
        const { source } = await startSource(emulator.space);
        emulator.space.editEntry('product-espresso', (fields) => ({ ...fields, price: { 'en-US': 259 }, name: { ...fields.name, fr: 'Machine expresso' } }));
        emulator.space.publishEntry('product-espresso');
        const { versions } = await source.getDocumentVersions({ documentId: 'product-espresso' });
        const oldest = await source.getDocumentForVersion({ documentId: 'product-espresso', versionId: versions.at(-1)!.id });
        const newest = await source.getDocumentForVersion({ documentId: 'product-espresso', versionId: versions[0]!.id });
        expect(plainValue(oldest.version.document, 'price')).toBe(249);
        expect(localeValue(oldest.version.document, 'name', 'fr')).toBe('Machine à expresso');
        expect(plainValue(newest.version.document, 'price')).toBe(259);
        expect(localeValue(newest.version.document, 'name', 'fr')).toBe('Machine expresso');
        expect(oldest.version).toMatchObject({ id: versions.at(-1)!.id, documentId: 'product-espresso' });
    });

    it('a draft that was never published has no versions', async () => {
        const { source } = await startSource(emulator.space);
        expect((await source.getDocumentVersions({ documentId: 'product-kettle' })).versions).toEqual([]);
    });

    it('an unknown version fails with the ids named', async () => {
        const { source } = await startSource(emulator.space);
        await expect(source.getDocumentForVersion({ documentId: 'product-espresso', versionId: 'nope' })).rejects.toThrow(/snapshot "nope" of entry "product-espresso"/);
    });
});
