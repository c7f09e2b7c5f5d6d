// When the engine gives a webhook URL, the adapter registers it in Contentful (once) and stops
// polling for edits: changes, deletions included, arrive as webhook calls. When it cannot register
// it, it says so and polls instead, so changes made elsewhere still show.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { ContentChanges } from '@stackbit/types';
import { LocalizedContentfulSource } from '../../src/index.js';
import { deleteEntity, requireRecord } from '../../src/emulator/lifecycle.js';
import { createRecordingCache, testOptions } from '../helpers/emulator.js';
import { createTestLogger } from '../helpers/engine.js';
import { useSourceEmulator, DEMO_OBJECT_LEVEL, CMA_BASE } from '../source/support.js';

const WEBHOOK_URL = 'https://editor.example.com/_stackbit/webhook/contentful';
const FAST = { objectLevel: DEMO_OBJECT_LEVEL, sync: { pollIntervalMs: 20, deletionCheckIntervalMs: 3_600_000 } };

describe('webhook URL from the engine', () => {
    const emulator = useSourceEmulator();
    let running: LocalizedContentfulSource | undefined;
    afterEach(async () => {
        await running?.destroy();
        running = undefined;
    });

    async function start(webhookUrl: string | undefined) {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, FAST));
        running = source;
        const logger = createTestLogger();
        const cache = createRecordingCache();
        await source.init({ logger, userLogger: logger, localDev: false, webhookUrl, stackbitConfigFilePath: '/tmp/stackbit.config.ts', cache, git: undefined as never, runCommand: undefined as never } as never);
        await source.getSchema();
        await source.getDocuments();
        await source.getAssets();
        return { source, logger, cache };
    }

    it('registers one webhook for Entry, Asset and ContentType events of this environment, and not twice', async () => {
        await start(WEBHOOK_URL);
        const created = emulator.log.filter({ method: 'POST', route: '/webhook_definitions' });
        expect(created).toHaveLength(1);
        const body = created[0]!.body as { url: string; topics: string[]; filters: unknown[] };
        expect(body.url).toBe(WEBHOOK_URL);
        expect(body.topics).toEqual(['Entry.*', 'Asset.*', 'ContentType.*']);
        expect(JSON.stringify(body.filters)).toContain(emulator.space.environment);
        await running!.destroy();
        await start(WEBHOOK_URL);
        expect(emulator.log.filter({ method: 'POST', route: '/webhook_definitions' })).toHaveLength(1);
        expect(emulator.space.webhooks.size).toBe(1);
    });

    it('with the webhook registered, edits are not polled; a delete webhook removes the document at once', async () => {
        const { source, cache } = await start(WEBHOOK_URL);
        source.startWatchingContentUpdates();
        const before = emulator.log.all().length;
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(emulator.log.all().slice(before).filter((request) => request.query['sys.updatedAt[gte]'] !== undefined)).toHaveLength(0);
        const record = requireRecord(emulator.space, 'Entry', 'contact-en-US');
        deleteEntity(emulator.space, record);
        source.onWebhook({ data: { sys: { id: 'contact-en-US', type: 'DeletedEntry', environment: { sys: { id: emulator.space.environment } } } }, headers: { 'X-Contentful-Topic': 'ContentManagement.Entry.delete' } });
        await vi.waitFor(() => expect(cache.updates.flatMap((changes: ContentChanges) => changes.deletedDocumentIds ?? [])).toContain('contact-en-US'), { timeout: 2000, interval: 10 });
    });

    it('when the webhook cannot be registered, it warns naming the URL and the space, and polls for edits instead', async () => {
        emulator.intercept(
            http.all(`${CMA_BASE}/spaces/:space/webhook_definitions`, () => HttpResponse.json({ sys: { type: 'Error', id: 'AccessDenied' }, message: 'Forbidden' }, { status: 403 }))
        );
        const { source, logger, cache } = await start(WEBHOOK_URL);
        expect(logger.logs.warn.join('\n')).toMatch(new RegExp(`cannot register the webhook ${WEBHOOK_URL.replace(/[./]/g, '\\$&')} in space "${emulator.space.spaceId}".*polling`));
        source.startWatchingContentUpdates();
        const edited = emulator.space.editEntryAsAnotherUser('product-grinder', (fields) => ({ ...fields, price: { 'en-US': 99 } }));
        await vi.waitFor(
            () => expect(cache.updates.flatMap((changes: ContentChanges) => changes.documents ?? []).some((document) => document.id === 'product-grinder' && (document.context as { sys: { version: number } }).sys.version === edited.sys.version)).toBe(true),
            { timeout: 2000, interval: 10 }
        );
    });

    it('without a webhook URL nothing is registered', async () => {
        await start(undefined);
        expect(emulator.log.filter({ route: '/webhook_definitions' })).toHaveLength(0);
    });
});
