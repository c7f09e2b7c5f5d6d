import { describe, expect, it } from 'vitest';
import type { SnapshotProps } from 'contentful-management';
import { createEntryConverter } from '../../src/contentful/entry-converter.js';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import { documentVersionFromSnapshot, documentVersionsFromSnapshots, documentVersionWithDocument } from '../../src/contentful/versions.js';
import type { ContentTypeProps, EntryProps, LocaleProps } from '../../src/contentful/types.js';
import { diagnosticsCollector, localeContextFromLocales, recordedItems } from './helpers.js';

const snapshots = recordedItems<SnapshotProps<EntryProps>>('java-entry-snapshots-en-US-no-No.json');
const locales = localeContextFromLocales(recordedItems<LocaleProps>('java-locales-8-with-fallback-chains.json'));
const models = convertSchema({ contentTypes: recordedItems<ContentTypeProps>('java-content-types-collection.json'), editorInterfaces: [], defaultLocale: 'en-US' });

function context() {
    const collector = diagnosticsCollector();
    const convertEntry = createEntryConverter({ spaceId: 'sp', environment: 'master', managementAppUrl: 'https://app.contentful.com', locales, models, report: collector.report });
    return { ctx: { srcType: 'contentful', srcProjectId: 'sp', convertEntry, userEmail: (id: string) => (id === '<user_id>' ? 'editor@example.com' : undefined) }, ...collector };
}

describe('snapshots → document versions', () => {
    it('describes each recorded snapshot: id, document id, source, date and author', () => {
        const { ctx } = context();
        expect(documentVersionFromSnapshot(snapshots[0]!, ctx)).toEqual({
            id: '3v5AOdklBfe7preLva5OeZ',
            documentId: '34MftYTFmoOoKCqM48wcc8',
            srcType: 'contentful',
            srcProjectId: 'sp',
            createdAt: '2017-04-25T09:13:31.601Z',
            createdBy: 'editor@example.com',
            label: 'Published'
        });
    });

    it('lists versions newest first', () => {
        const { ctx } = context();
        const versions = documentVersionsFromSnapshots([...snapshots].reverse(), ctx);
        expect(versions.map((version) => version.createdAt)).toEqual([...versions.map((version) => version.createdAt)].sort().reverse());
        expect(versions.every((version) => !('document' in version))).toBe(true);
    });

    it('converts the snapshot entry, tolerating locale codes the space does not have (no-No, blafoo)', () => {
        const { ctx, ofKind } = context();
        const version = documentVersionWithDocument(snapshots[0]!, ctx);
        expect(version.document).toMatchObject({ id: '34MftYTFmoOoKCqM48wcc8', modelName: 'deleteme', status: 'published' });
        const name = version.document.fields.name;
        expect(name && name.localized && Object.keys(name.locales)).toEqual(['en-US']);
        expect(ofKind('unknown-locale-key')).toEqual([expect.objectContaining({ field: 'name', message: expect.stringMatching(/"no-No", "blafoo"/) })]);
    });
});
