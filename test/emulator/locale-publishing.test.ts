// Locale-based publishing: `PUT …/published` with { add | remove: { fields: { '*': codes } } }, the
// per-locale published snapshot the delivery API serves, and the refusal when the space lacks it.
import { describe, expect, it } from 'vitest';
import { articleSpace, emulatorServer, envUrl, raw, sdkError } from './support.js';

const emulator = emulatorServer();
const CDN = 'https://cdn.contentful.com';

describe('locale-based publishing', () => {
    it('publishes only the listed locales: publishedVersion = version, version + 1, only those flip to published', async () => {
        const space = articleSpace({ localeBasedPublishing: true });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hello', de: 'Hallo' }, slug: { 'en-US': 'hello' } } });
        const published = await client.entry.publish({ entryId: created.sys.id, locales: ['de'] }, created);
        expect(published.sys).toMatchObject({ version: 2, publishedVersion: 1, publishedCounter: 1 });
        expect(published.sys.fieldStatus).toEqual({ '*': { 'en-US': 'draft', de: 'published' } });

        const delivered = await raw('GET', `${envUrl(space, CDN)}/entries/${created.sys.id}?locale=de`);
        expect(delivered.body.fields.title).toBe('Hallo');
        expect(delivered.body.fields.slug).toBeUndefined(); // non-localized fields belong to the (unpublished) default locale
        const hidden = await raw('GET', `${envUrl(space, CDN)}/entries/${created.sys.id}?locale=en-US`, { headers: { 'X-Contentful-Locale-Based-Publishing': 'true' } });
        expect(hidden.status).toBe(404);
    });

    it('validates only the locales being published', async () => {
        const space = articleSpace({ localeBasedPublishing: true });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { de: 'Nur Deutsch' }, slug: { 'en-US': 'nur-deutsch' } } });
        const published = await client.entry.publish({ entryId: created.sys.id, locales: ['de'] }, created);
        expect(published.sys.fieldStatus?.['*'].de).toBe('published');
        const error = await sdkError(client.entry.publish({ entryId: created.sys.id, locales: ['en-US'] }, published));
        expect(error.name).toBe('ValidationFailed');
        expect(error.details.errors).toEqual([expect.objectContaining({ name: 'required', path: ['fields', 'title', 'en-US'] })]);
    });

    it('marks a published locale changed on edit, leaves others alone, and unpublishes locales one by one', async () => {
        const space = articleSpace({ localeBasedPublishing: true });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hello', de: 'Hallo' }, slug: { 'en-US': 'hello' } } });
        const published = await client.entry.publish({ entryId: created.sys.id }, created);
        const edited = await client.entry.update({ entryId: created.sys.id }, { ...published, fields: { ...published.fields, title: { 'en-US': 'Hello', de: 'Servus' } } });
        expect(edited.sys.fieldStatus).toEqual({ '*': { 'en-US': 'published', de: 'changed' } });

        const deRemoved = await client.entry.unpublish({ entryId: created.sys.id, locales: ['de'] }, edited);
        expect(deRemoved.sys.fieldStatus).toEqual({ '*': { 'en-US': 'published', de: 'draft' } });
        expect(deRemoved.sys.publishedVersion).toBe(published.sys.publishedVersion); // still published in en-US
        expect(deRemoved.sys.version).toBe(edited.sys.version + 1);
        const german = await raw('GET', `${envUrl(space, CDN)}/entries/${created.sys.id}?locale=de`);
        expect(german.body.fields.title).toBe('Hello'); // de has no published value: falls back to en-US

        const allRemoved = await client.entry.unpublish({ entryId: created.sys.id, locales: ['en-US'] }, deRemoved);
        expect(allRemoved.sys.publishedVersion).toBeUndefined();
        expect((await raw('GET', `${envUrl(space, CDN)}/entries/${created.sys.id}`)).status).toBe(404);
    });

    it('reverting an edit to the published value shows the locale as published again', async () => {
        const space = articleSpace({ localeBasedPublishing: true });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hello' }, slug: { 'en-US': 'hello' } } });
        const published = await client.entry.publish({ entryId: created.sys.id }, created);
        const edited = await client.entry.update({ entryId: created.sys.id }, { ...published, fields: { ...published.fields, title: { 'en-US': 'Other' } } });
        expect(edited.sys.fieldStatus?.['*']['en-US']).toBe('changed');
        const reverted = await client.entry.update({ entryId: created.sys.id }, { ...edited, fields: { ...edited.fields, title: { 'en-US': 'Hello' } } });
        expect(reverted.sys.fieldStatus?.['*']['en-US']).toBe('published');
    });

    it('refuses locale publish bodies when the space does not use locale-based publishing, and unknown locales', async () => {
        const space = articleSpace({ localeBasedPublishing: false });
        const client = emulator.install(space);
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hello' }, slug: { 'en-US': 'hello' } } });
        const refused = await sdkError(client.entry.publish({ entryId: created.sys.id, locales: ['de'] }, created));
        expect(refused).toMatchObject({ name: 'BadRequest', status: 400 });
        expect(refused.message).toContain('Locale-based publishing is not enabled');
        expect(space.getEntry(created.sys.id)?.sys.version).toBe(1);

        space.localeBasedPublishing = true;
        const unknown = await sdkError(client.entry.publish({ entryId: created.sys.id, locales: ['pl'] }, created));
        expect(unknown.message).toContain('pl');
    });
});
