// Routes around the content: space, environments, locales, content types (create/update/activate),
// editor interfaces, webhooks, paths without /environments (master), and change notifications.
import { describe, expect, it } from 'vitest';
import type { SpaceChange } from '../../src/emulator/index.js';
import { articleSpace, emulatorServer, envUrl, raw, sdkError } from './support.js';

const emulator = emulatorServer();

describe('space-level routes', () => {
    it('serves the space, its environment, and 404s for another environment', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        expect((await client.space.get({ spaceId: space.spaceId })).sys.id).toBe('sp1');
        expect((await client.environment.getMany({ spaceId: space.spaceId })).items.map((environment) => environment.sys.id)).toEqual(['master']);
        const other = await raw('GET', `https://api.contentful.com/spaces/sp1/environments/staging/entries`);
        expect(other.status).toBe(404);
        expect(other.body.details).toMatchObject({ type: 'Environment', id: 'staging' });
    });

    it('accepts paths without /environments/:env as master', async () => {
        const space = articleSpace();
        emulator.install(space);
        space.addEntry({ sys: { id: 'e1', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'article' } } }, fields: {} });
        const answer = await raw('GET', `https://api.contentful.com/spaces/sp1/entries/e1`);
        expect(answer.status).toBe(200);
        expect(answer.body.sys.id).toBe('e1');
    });

    it('registers and lists webhooks, refusing one without url', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const webhook = await client.webhook.create({ spaceId: space.spaceId }, { name: 'editor', url: 'https://example.com/hook', topics: ['Entry.*'] } as never);
        expect(webhook.sys.id).toBeTruthy();
        expect((await client.webhook.getMany({ spaceId: space.spaceId })).items.map((one) => one.url)).toEqual(['https://example.com/hook']);
        const refused = await raw('POST', `https://api.contentful.com/spaces/sp1/webhook_definitions`, { body: { name: 'x' } });
        expect(refused.status).toBe(422);
        expect(refused.body.details.errors[0].path).toEqual(['url']);
    });
});

describe('content model routes', () => {
    it('serves locales and a locale by id', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const locales = await client.locale.getMany({ query: {} });
        expect(locales.items.map((locale) => [locale.code, locale.fallbackCode, locale.optional])).toEqual([
            ['en-US', null, false],
            ['de', 'en-US', true]
        ]);
        expect((await client.locale.get({ localeId: locales.items[1]!.sys.id })).code).toBe('de');
    });

    it('creates, updates and activates a content type with versions, and serves editor interfaces', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const created = await client.contentType.createWithId({ contentTypeId: 'note' }, { name: 'Note', fields: [{ id: 'text', name: 'Text', type: 'Text', localized: true, required: false }] });
        expect(created.sys.version).toBe(1);
        const updated = await client.contentType.update({ contentTypeId: 'note' }, { ...created, name: 'Notes' });
        expect(updated.sys.version).toBe(2);
        expect(await sdkError(client.contentType.update({ contentTypeId: 'note' }, created))).toMatchObject({ status: 409 });
        const active = await client.contentType.publish({ contentTypeId: 'note' }, updated);
        expect(active.sys).toMatchObject({ publishedVersion: 2, version: 3 });
        const note = await client.entry.create({ contentTypeId: 'note' }, { fields: { text: { de: 'Hallo' } } });
        expect(note.fields.text).toEqual({ de: 'Hallo' });

        space.addEditorInterface({ controls: [{ fieldId: 'text', widgetId: 'markdown' }] }, 'note');
        expect((await client.editorInterface.get({ contentTypeId: 'note' })).controls).toEqual([{ fieldId: 'text', widgetId: 'markdown' }]);
        expect((await client.editorInterface.getMany({})).items.map((one) => one.sys.contentType.sys.id)).toEqual(['note']);
        expect((await sdkError(client.editorInterface.get({ contentTypeId: 'article' }))).status).toBe(404);
    });

    it('refuses to delete a content type that still has entries', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        await client.entry.create({ contentTypeId: 'article' }, { fields: {} });
        expect((await raw('DELETE', `${envUrl(space)}/content_types/article`)).status).toBe(400);
    });
});

describe('change notifications', () => {
    it('tells subscribers about each change with a webhook-shaped topic and payload', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const changes: SpaceChange[] = [];
        const stop = space.subscribe((change) => changes.push(change));
        const created = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'A' }, slug: { 'en-US': 'a' } } });
        const published = await client.entry.publish({ entryId: created.sys.id }, created);
        await client.entry.unpublish({ entryId: created.sys.id });
        await client.entry.delete({ entryId: created.sys.id });
        stop();
        await client.entry.create({ contentTypeId: 'article' }, { fields: {} });
        expect(changes.map((change) => change.topic)).toEqual([
            'ContentManagement.Entry.create',
            'ContentManagement.Entry.publish',
            'ContentManagement.Entry.unpublish',
            'ContentManagement.Entry.delete'
        ]);
        expect(changes[1]!.payload).toMatchObject({ sys: { id: created.sys.id, publishedVersion: published.sys.publishedVersion } });
        expect(changes[3]!.payload).toMatchObject({ sys: { type: 'DeletedEntry', id: created.sys.id } });
    });
});
