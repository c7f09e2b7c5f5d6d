// Bulk actions v1 and v2 through contentful-management's bulkAction API: progression, all-or-nothing
// publishing, stale versions, validate, per-locale v2, and Contentful's limits (200 items, 5 active).
import type { PlainClientAPI } from 'contentful-management';
import { describe, expect, it } from 'vitest';
import type { EmulatedSpace } from '../../src/emulator/index.js';
import { articleSpace, emulatorServer, sdkError } from './support.js';

const emulator = emulatorServer();

async function createArticles(client: PlainClientAPI, slugs: string[]) {
    return Promise.all(slugs.map((slug) => client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': slug }, slug: { 'en-US': slug } } })));
}

const versioned = (entry: { sys: { id: string; version: number } }) => ({ sys: { type: 'Link' as const, linkType: 'Entry' as const, id: entry.sys.id, version: entry.sys.version } });
const items = (links: ReturnType<typeof versioned>[]) => ({ entities: { sys: { type: 'Array' as const }, items: links } });

const at = (space: EmulatedSpace) => ({ spaceId: space.spaceId, environmentId: space.environment });

function published(space: EmulatedSpace, id: string): number | undefined {
    return space.getEntry(id)?.sys.publishedVersion;
}

describe('bulk actions v1', () => {
    it('publishes every entity once the action is terminal, progressing created → inProgress → succeeded', async () => {
        const space = articleSpace();
        const client = emulator.install(space, { bulkActionPolls: 3 });
        const entries = await createArticles(client, ['a', 'b']);
        const action = await client.bulkAction.publish(at(space), items(entries.map(versioned)));
        expect(action.sys).toMatchObject({ type: 'BulkAction', status: 'created' });
        expect(action.action).toBe('publish');
        const statuses = [];
        for (let poll = 0; poll < 3; poll++) {
            statuses.push((await client.bulkAction.get({ ...at(space), bulkActionId: action.sys.id })).sys.status);
            if (poll === 0) {
                expect(published(space, entries[0]!.sys.id)).toBeUndefined(); // nothing happens before the action runs
            }
        }
        expect(statuses).toEqual(['inProgress', 'inProgress', 'succeeded']);
        expect(entries.map((entry) => published(space, entry.sys.id))).toEqual([1, 1]);
    });

    it('fails all-or-nothing when one entity is invalid, with each entity error and its paths', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const [good] = await createArticles(client, ['good']);
        const bad = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'No slug' } } });
        const action = await client.bulkAction.publish(at(space), items([versioned(good!), versioned(bad)]));
        const done = await client.bulkAction.get({ ...at(space), bulkActionId: action.sys.id });
        expect(done.sys.status).toBe('failed');
        expect(done.error?.sys).toEqual({ type: 'Error', id: 'BulkActionFailed' });
        const errors = done.error?.details?.errors ?? [];
        expect(errors).toHaveLength(1);
        expect(errors[0]!.entity.sys.id).toBe(bad.sys.id);
        expect(errors[0]!.error.sys.id).toBe('ValidationFailed');
        expect(errors[0]!.error.details.errors[0].path).toEqual(['fields', 'slug', 'en-US']);
        expect(published(space, good!.sys.id)).toBeUndefined();
    });

    it('fails with VersionMismatch when a pinned version is stale', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const [entry] = await createArticles(client, ['a']);
        space.editEntryAsAnotherUser(entry!.sys.id, (fields) => ({ ...fields, title: { 'en-US': 'edited' } }));
        const action = await client.bulkAction.publish(at(space), items([versioned(entry!)]));
        const done = await client.bulkAction.get({ ...at(space), bulkActionId: action.sys.id });
        expect(done.sys.status).toBe('failed');
        expect(done.error?.details?.errors[0]!.error.sys.id).toBe('VersionMismatch');
        expect(published(space, entry!.sys.id)).toBeUndefined();
    });

    it('validates without changing anything, and unpublishes', async () => {
        const space = articleSpace();
        const client = emulator.install(space);
        const [entry] = await createArticles(client, ['a']);
        const invalid = await client.entry.create({ contentTypeId: 'article' }, { fields: { slug: { 'en-US': 'b' } } });
        const link = (id: string) => ({ sys: { type: 'Link' as const, linkType: 'Entry' as const, id } });
        const validation = await client.bulkAction.validate(at(space), { entities: { sys: { type: 'Array' }, items: [link(entry!.sys.id), link(invalid.sys.id)] } });
        const validated = await client.bulkAction.get({ ...at(space), bulkActionId: validation.sys.id });
        expect(validated.sys.status).toBe('failed');
        expect(validated.error?.details?.errors.map((one) => one.error.details.errors[0].path)).toEqual([['fields', 'title', 'en-US']]);
        expect(space.getEntry(entry!.sys.id)?.sys.version).toBe(1);

        space.publishEntry(entry!.sys.id);
        const unpublish = await client.bulkAction.unpublish(at(space), { entities: { sys: { type: 'Array' }, items: [link(entry!.sys.id)] } });
        expect((await client.bulkAction.get({ ...at(space), bulkActionId: unpublish.sys.id })).sys.status).toBe('succeeded');
        expect(published(space, entry!.sys.id)).toBeUndefined();
    });

    it('refuses more than 200 entities (422) and a sixth active action (429)', async () => {
        const space = articleSpace();
        const client = emulator.install(space, { bulkActionPolls: 10 });
        const link = { sys: { type: 'Link' as const, linkType: 'Entry' as const, id: 'x', version: 1 } };
        const tooMany = await sdkError(client.bulkAction.publish(at(space), items(Array.from({ length: 201 }, () => link))));
        expect(tooMany.status).toBe(422);
        for (let index = 0; index < 5; index++) {
            await client.bulkAction.publish(at(space), items([link]));
        }
        const sixth = await sdkError(client.bulkAction.publish(at(space), items([link])));
        expect(sixth).toMatchObject({ name: 'RateLimitExceeded', status: 429 });
    });

    it('finishes an action by time when a duration is configured', async () => {
        let now = Date.parse('2025-01-01T00:00:00Z');
        const space = articleSpace({ now: () => new Date(now) });
        const client = emulator.install(space, { bulkActionDurationMs: 5000 });
        const [entry] = await createArticles(client, ['a']);
        const action = await client.bulkAction.publish(at(space), items([versioned(entry!)]));
        expect((await client.bulkAction.get({ ...at(space), bulkActionId: action.sys.id })).sys.status).toBe('inProgress');
        now += 5000;
        expect((await client.bulkAction.get({ ...at(space), bulkActionId: action.sys.id })).sys.status).toBe('succeeded');
    });
});

describe('bulk actions v2', () => {
    it('publishes chosen locales per entity and reads back through getV2', async () => {
        const space = articleSpace({ localeBasedPublishing: true });
        const client = emulator.install(space);
        const entry = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hi', de: 'Hallo' }, slug: { 'en-US': 'hi' } } });
        const action = await client.bulkAction.publishV2(at(space), { action: 'publish', entities: [{ entity: versioned(entry), add: { fields: { '*': ['de'] } } }] });
        const done = await client.bulkAction.getV2({ ...at(space), bulkActionId: action.sys.id });
        expect(done.sys.status).toBe('succeeded');
        expect(space.getEntry(entry.sys.id)?.sys.fieldStatus).toEqual({ '*': { 'en-US': 'draft', de: 'published' } });

        const removal = await client.bulkAction.unpublishV2(at(space), { action: 'publish', entities: [{ entity: versioned(space.getEntry(entry.sys.id)! as never), remove: { fields: { '*': ['de'] } } }] });
        expect((await client.bulkAction.getV2({ ...at(space), bulkActionId: removal.sys.id })).sys.status).toBe('succeeded');
        expect(published(space, entry.sys.id)).toBeUndefined();
    });

    it('fails a locale publish in a space without locale-based publishing', async () => {
        const space = articleSpace({ localeBasedPublishing: false });
        const client = emulator.install(space);
        const entry = await client.entry.create({ contentTypeId: 'article' }, { fields: { title: { 'en-US': 'Hi' }, slug: { 'en-US': 'hi' } } });
        const action = await client.bulkAction.publishV2(at(space), { action: 'publish', entities: [{ entity: versioned(entry), add: { fields: { '*': ['de'] } } }] });
        const done = await client.bulkAction.getV2({ ...at(space), bulkActionId: action.sys.id });
        expect(done.sys.status).toBe('failed');
        expect(published(space, entry.sys.id)).toBeUndefined();
    });
});
