// Entry lifecycle through contentful-management 12: versions, publishedVersion and fieldStatus moves,
// stale versions, save-time 422s, 404 bodies, refusals of archive/delete while published, snapshots.
import { describe, expect, it } from 'vitest';
import { EmulatedSpace } from '../../src/emulator/index.js';
import { articleSpace, emulatorServer, envUrl, raw, recording, sdkError } from './support.js';

const emulator = emulatorServer();

const article = (title: string, slug: string, extra: Record<string, Record<string, unknown>> = {}) => ({
    fields: { title: { 'en-US': title }, slug: { 'en-US': slug }, ...extra }
});

describe('versions and status', () => {
    it('counts versions as Contentful: create 1, save +1, publish sets publishedVersion and bumps, unpublish bumps', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('Hello', 'hello'));
        expect(created.sys.version).toBe(1);
        expect(created.sys.publishedVersion).toBeUndefined();
        expect(created.sys.publishedCounter).toBe(0);
        expect(created.sys.fieldStatus).toEqual({ '*': { 'en-US': 'draft', de: 'draft' } });
        expect(created.sys.createdBy?.sys.id).toBe('user-1');

        const saved = await client.entry.update({ entryId: created.sys.id }, { ...created, fields: { ...created.fields, title: { 'en-US': 'Hello!' } } });
        expect(saved.sys.version).toBe(2);
        expect(saved.sys.fieldStatus?.['*']['en-US']).toBe('draft'); // a draft stays a draft

        const published = await client.entry.publish({ entryId: created.sys.id }, saved);
        expect(published.sys).toMatchObject({ version: 3, publishedVersion: 2, publishedCounter: 1 });
        expect(published.sys.publishedAt).toBe(published.sys.firstPublishedAt);
        expect(published.sys.publishedBy?.sys.id).toBe('user-1');
        expect(published.sys.fieldStatus).toEqual({ '*': { 'en-US': 'published', de: 'published' } });

        const changed = await client.entry.update({ entryId: created.sys.id }, { ...published, fields: { ...published.fields, title: { 'en-US': 'Hello!', de: 'Hallo!' } } });
        expect(changed.sys.version).toBe(4); // version >= publishedVersion + 2: changed
        expect(changed.sys.fieldStatus).toEqual({ '*': { 'en-US': 'published', de: 'changed' } });

        const republished = await client.entry.publish({ entryId: created.sys.id }, changed);
        expect(republished.sys).toMatchObject({ version: 5, publishedVersion: 4, publishedCounter: 2 });
        expect(republished.sys.firstPublishedAt).toBe(published.sys.firstPublishedAt);

        const unpublished = await client.entry.unpublish({ entryId: created.sys.id });
        expect(unpublished.sys.version).toBe(6);
        expect(unpublished.sys.publishedVersion).toBeUndefined();
        expect(unpublished.sys.publishedAt).toBeUndefined();
        expect(unpublished.sys.firstPublishedAt).toBe(published.sys.firstPublishedAt);
        expect(unpublished.sys.fieldStatus).toEqual({ '*': { 'en-US': 'draft', de: 'draft' } });
    });

    it('archives with archivedVersion = version and unarchives, each a version bump', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('A', 'a'));
        const archived = await client.entry.archive({ entryId: created.sys.id });
        expect(archived.sys).toMatchObject({ version: 2, archivedVersion: 1 });
        expect(archived.sys.archivedBy?.sys.id).toBe('user-1');
        expect(await sdkError(client.entry.update({ entryId: created.sys.id }, archived))).toMatchObject({ name: 'BadRequest', status: 400 });
        const unarchived = await client.entry.unarchive({ entryId: created.sys.id });
        expect(unarchived.sys.version).toBe(3);
        expect(unarchived.sys.archivedVersion).toBeUndefined();
    });

    it('creates with a chosen id (PUT without version) and reads it back', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.createWithId({ contentTypeId: 'article', entryId: 'my-id' }, article('A', 'a'));
        expect(created.sys).toMatchObject({ id: 'my-id', version: 1 });
        expect((await client.entry.get({ entryId: 'my-id' })).fields.title).toEqual({ 'en-US': 'A' });
    });

    it('applies JSON patches with the version header', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('A', 'a'));
        const patched = await client.entry.patch({ entryId: created.sys.id, version: 1 }, [{ op: 'add', path: '/fields/title/de', value: 'Ä' }]);
        expect(patched.fields.title).toEqual({ 'en-US': 'A', de: 'Ä' });
        expect(patched.sys.version).toBe(2);
        expect((await sdkError(client.entry.patch({ entryId: created.sys.id, version: 1 }, [{ op: 'remove', path: '/fields/title/de' }]))).status).toBe(409);
    });
});

describe('concurrency', () => {
    it('answers 409 VersionMismatch with the recorded body to a stale or missing X-Contentful-Version', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('A', 'a'));
        space.editEntryAsAnotherUser(created.sys.id, (fields) => ({ ...fields, title: { 'en-US': 'Changed elsewhere' } }));
        const stale = await sdkError(client.entry.update({ entryId: created.sys.id }, { ...created, fields: { ...created.fields, slug: { 'en-US': 'b' } } }));
        expect(stale).toMatchObject({ name: 'VersionMismatch', status: 409 });
        expect(space.getEntry(created.sys.id)?.fields.title).toEqual({ 'en-US': 'Changed elsewhere' });
        expect(space.getEntry(created.sys.id)?.sys.updatedBy?.sys.id).toBe('user-2');

        const noVersion = await raw('PUT', `${envUrl(space)}/entries/${created.sys.id}`, { body: { fields: {} } });
        expect(noVersion.status).toBe(409);
        expect(Object.keys(noVersion.body).sort()).toEqual(Object.keys(recording('php-error-409-version-mismatch.json')).sort());
        expect(noVersion.body.sys).toEqual({ type: 'Error', id: 'VersionMismatch' });
        expect(await sdkError(client.entry.publish({ entryId: created.sys.id }, created))).toMatchObject({ name: 'VersionMismatch' });
    });
});

describe('save-time validation (422 InvalidEntry)', () => {
    it('refuses a locale the environment lacks with the recorded "unknown" shape', async () => {
        const space = articleSpace();
        emulator.install(space);
        const answer = await raw('POST', `${envUrl(space)}/entries`, {
            headers: { 'X-Contentful-Content-Type': 'article' },
            body: { fields: { title: { 'en-US': 'A', pl: 'Polski' }, slug: { 'en-US': 'a' } } }
        });
        expect(answer.status).toBe(422);
        const recorded = recording('rb-error-422-invalid-entry-unknown-locale-pl.json');
        expect(answer.body).toMatchObject({ sys: recorded.sys, message: recorded.message });
        expect(answer.body.details.errors).toEqual([{ name: 'unknown', path: ['fields', 'title', 'pl'], value: 'Polski' }]);
        expect(space.listEntries()).toHaveLength(0);
    });

    it('refuses a non-localized field under another locale, an unknown field and a value of the wrong type', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const error = await sdkError(
            client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A' }, slug: { 'en-US': 'a', de: 'x' }, nope: { 'en-US': 1 }, rating: { 'en-US': 'five' } } })
        );
        expect(error.name).toBe('InvalidEntry');
        expect(error.status).toBe(422);
        expect(error.details.errors).toEqual(
            expect.arrayContaining([
                { name: 'unknown', path: ['fields', 'slug', 'de'], value: 'x' },
                expect.objectContaining({ name: 'unknown', path: ['fields', 'nope'] }),
                expect.objectContaining({ name: 'type', type: 'Integer', path: ['fields', 'rating', 'en-US'], value: 'five' })
            ])
        );
    });

    it('accepts an entry missing required values on save (validation is at publish), keeps explicit nulls, omits empty fields', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A', de: null }, tags: {} } });
        expect(created.fields).toEqual({ title: { 'en-US': 'A', de: null } });
    });

    it('refuses an unknown content type', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const error = await sdkError(client.entry.create({ contentTypeId: 'nope' }, { fields: {} }));
        expect(error).toMatchObject({ name: 'InvalidEntry', status: 422 });
        expect(error.details.errors?.[0]).toMatchObject({ name: 'notResolvable', link: { linkType: 'ContentType', id: 'nope' } });
    });
});

describe('publish validation (422 ValidationFailed)', () => {
    it('requires the default locale and every non-optional locale of a required localized field', async () => {
        const space = articleSpace({ deOptional: false });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A' } } });
        const error = await sdkError(client.entry.publish({ entryId: created.sys.id }, created));
        expect(error).toMatchObject({ name: 'ValidationFailed', status: 422, message: 'Validation error' });
        expect(error.details.errors?.map((one) => [one.name, one.path])).toEqual([
            ['required', ['fields', 'title', 'de']],
            ['required', ['fields', 'slug', 'en-US']]
        ]);
        expect(space.getEntry(created.sys.id)?.sys.publishedVersion).toBeUndefined();
    });

    it('does not require an optional locale', async () => {
        const space = articleSpace({ deOptional: true });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('A', 'a'));
        expect((await client.entry.publish({ entryId: created.sys.id }, created)).sys.publishedVersion).toBe(1);
    });

    it('refuses a value another published entry of the type already has for a unique field', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const first = await client.entry.create({ contentTypeId: 'article' }, article('A', 'same'));
        const second = await client.entry.create({ contentTypeId: 'article' }, article('B', 'same'));
        await client.entry.publish({ entryId: first.sys.id }, first);
        const error = await sdkError(client.entry.publish({ entryId: second.sys.id }, second));
        expect(error.details.errors).toEqual([
            expect.objectContaining({ name: 'unique', path: ['fields', 'slug', 'en-US'], value: 'same', conflicting: [{ sys: { type: 'Link', linkType: 'Entry', id: first.sys.id } }] })
        ]);
    });

    it('checks in, size, regexp, range, item validations and link content types', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        space.addContentType({ sys: { id: 'other' }, name: 'Other', fields: [] });
        space.addEntry({ sys: { id: 'not-an-article', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'other' } } }, fields: {} });
        const created = await client.entry.create(
            { contentTypeId: 'article' },
            {
                fields: {
                    title: { 'en-US': 'x'.repeat(41) },
                    slug: { 'en-US': 'Not A Slug' },
                    category: { 'en-US': 'gossip' },
                    rating: { 'en-US': 9 },
                    related: { 'en-US': { sys: { type: 'Link', linkType: 'Entry', id: 'not-an-article' } } },
                    tags: { 'en-US': ['ok', 'far-too-long-a-tag'] }
                }
            }
        );
        const error = await sdkError(client.entry.publish({ entryId: created.sys.id }, created));
        expect(error.details.errors?.map((one) => `${one.name} ${(one.path as string[]).join('.')}`).sort()).toEqual([
            'in fields.category.en-US',
            'linkContentType fields.related.en-US',
            'range fields.rating.en-US',
            'regexp fields.slug.en-US',
            'size fields.tags.en-US.1',
            'size fields.title.en-US'
        ]);
    });
});

describe('refusals and 404s', () => {
    it('answers 404 NotFound with type, id, environment and space', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const answer = await raw('GET', `${envUrl(space)}/entries/missing`);
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ sys: { type: 'Error', id: 'NotFound' }, message: recording('py-error-404-entry-not-found.json').message });
        expect(answer.body.details).toEqual({ type: 'Entry', id: 'missing', environment: 'master', space: 'sp1' });
        expect(typeof answer.body.requestId).toBe('string');
        expect((await sdkError(client.asset.get({ assetId: 'missing' }))).details).toMatchObject({ type: 'Asset', id: 'missing' });
    });

    it('refuses to archive or delete a published entry, with the recorded 400 body', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('A', 'a'));
        await client.entry.publish({ entryId: created.sys.id }, created);
        const archive = await raw('PUT', `${envUrl(space)}/entries/${created.sys.id}/archived`);
        expect(archive.status).toBe(400);
        expect(archive.body).toMatchObject(recording('rb-error-400-cannot-archive-published.json'));
        expect(await sdkError(client.entry.delete({ entryId: created.sys.id }))).toMatchObject({ name: 'BadRequest', message: 'Cannot delete published' });
        await client.entry.unpublish({ entryId: created.sys.id });
        await client.entry.delete({ entryId: created.sys.id });
        expect(space.getEntry(created.sys.id)).toBeUndefined();
    });

    it('answers an unknown route with a 404 JSON body instead of leaving it unhandled', async () => {
        const space = articleSpace();
        emulator.install(space);
        const answer = await raw('GET', `${envUrl(space)}/not_a_resource`);
        expect(answer.status).toBe(404);
        expect(answer.body.sys).toEqual({ type: 'Error', id: 'NotFound' });
        expect((await raw('GET', `https://api.contentful.com/spaces/other-space/environments/master/entries`)).body.details).toMatchObject({ type: 'Space', id: 'other-space' });
    });
});

describe('snapshots', () => {
    it('takes one snapshot per publish, newest first, with the entity as published', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, article('First', 'a'));
        const published = await client.entry.publish({ entryId: created.sys.id }, created);
        const saved = await client.entry.update({ entryId: created.sys.id }, { ...published, fields: { ...published.fields, title: { 'en-US': 'Second' } } });
        await client.entry.publish({ entryId: created.sys.id }, saved);
        const snapshots = await client.snapshot.getManyForEntry({ entryId: created.sys.id });
        expect(snapshots.items.map((one) => one.snapshot.fields.title)).toEqual([{ 'en-US': 'Second' }, { 'en-US': 'First' }]);
        expect(snapshots.items[1]!.snapshot.sys).toMatchObject({ version: 2, publishedVersion: 1 });
        const recorded = recording('java-entry-snapshots-en-US-no-No.json').items[0];
        expect(Object.keys(snapshots.items[0]!.sys).sort()).toEqual(expect.arrayContaining(Object.keys(recorded.sys).sort()));
        const one = await client.snapshot.getForEntry({ entryId: created.sys.id, snapshotId: snapshots.items[1]!.sys.id });
        expect(one.snapshot.fields.title).toEqual({ 'en-US': 'First' });
    });

    it('keeps no snapshots outside the master environment', async () => {
        const space = new EmulatedSpace({ spaceId: 'sp2', environment: 'staging' });
        space.addLocale({ code: 'en-US', default: true });
        space.addContentType({ sys: { id: 'note' }, name: 'Note', fields: [{ id: 'text', type: 'Text' }] });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'note' }, { fields: { text: { 'en-US': 'x' } } });
        await client.entry.publish({ entryId: created.sys.id }, created);
        expect((await client.snapshot.getManyForEntry({ entryId: created.sys.id })).items).toEqual([]);
    });
});
