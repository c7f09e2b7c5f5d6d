/**
 * Content-update watching at scale, one contender per child process: cold load, start watching, then
 * (1) an idle window: requests counted over `idleSeconds` of real time and scaled to a minute;
 * (2) changes made by "someone else" directly in the emulated space (edit, publish, unpublish,
 *     archive, create, delete a draft, delete a published entry), one at a time: the time until the
 *     change reaches the engine's cache, and the requests made meanwhile, by kind.
 *
 * Contenders: `ours` (polling), `ours-webhooks` (the engine gave a webhook URL: the space's change
 * events are delivered to `onWebhook`, as Contentful would), `official` (its 1 s date poller).
 */
import type { ContentChanges } from '@stackbit/types';
import { ContentfulContentSource } from '@stackbit/cms-contentful';
import { applyUnpublish, archiveEntity, createEntity, deleteEntity, requireRecord } from '../src/emulator/lifecycle.js';
import type { EmulatedSpace, LoggedRequest, RequestLog } from '../src/emulator/index.js';
import { LocalizedContentfulSource } from '../src/index.js';
import { childMain, childParams } from './child.js';
import { oursOptions } from './contenders.js';
import { benchCache, initOptions, serveSpace, sleep } from './harness.js';
import { generateSpace, type GeneratedSpace } from './space-generator.js';

export type SyncContender = 'ours' | 'ours-webhooks' | 'official';

export interface SyncParams {
    contender: SyncContender;
    entries: number;
    locales: number;
    latencyMs: number;
    idleSeconds: number;
    /** How long to wait for a change before calling it "not reported". */
    changeTimeoutSeconds: number;
}

export interface ChangeMeasurement {
    change: string;
    /** ms until the engine's cache got it; undefined = not reported within the timeout. */
    latencyMs: number | undefined;
    requests: number;
    byKind: Record<string, number>;
}

export interface SyncMeasurement extends SyncParams {
    idleRequestsPerMinute: number;
    idleByKind: Record<string, number>;
    changes: ChangeMeasurement[];
}

/** What a request was for, from its route and query. */
function kindOf(request: LoggedRequest): string {
    const query = request.query;
    const collection = request.route.replace(/^\//, '');
    const ranged = query['sys.createdAt[gte]'] !== undefined || query['sys.createdAt[lt]'] !== undefined;
    if (query['sys.updatedAt[gt]'] || query['sys.updatedAt[gte]']) return `poll ${collection}`;
    if (query.limit === '1') return ranged ? `range count ${collection}` : `count check ${collection}`;
    if (query.select === 'sys.id') return ranged ? `range ids ${collection}` : `id scan ${collection}`;
    if (query['sys.id[in]']) return `fetch by id ${collection}`;
    return `${request.method} ${request.route}`;
}

function countByKind(requests: LoggedRequest[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of requests) counts[kindOf(request)] = (counts[kindOf(request)] ?? 0) + 1;
    return counts;
}

type Source = LocalizedContentfulSource | ContentfulContentSource;

async function start(contender: SyncContender, space: EmulatedSpace): Promise<{ source: Source; cache: ReturnType<typeof benchCache> }> {
    const cache = benchCache();
    const webhooks = contender === 'ours-webhooks';
    const source =
        contender === 'official'
            ? new ContentfulContentSource({ spaceId: space.spaceId, environment: space.environment, accessToken: 'bench-token', previewToken: 'preview-token' })
            : new LocalizedContentfulSource(oursOptions(space));
    await source.init(initOptions(cache, webhooks ? { webhookUrl: 'https://editor.example/_webhook' } : {}) as never);
    cache.setSchema((await source.getSchema()) as never);
    await source.getDocuments();
    await source.getAssets();
    if (webhooks) {
        // Contentful calls the webhook for every change; the engine forwards it to onWebhook.
        space.subscribe((change) => source.onWebhook?.({ data: change.payload, headers: { 'x-contentful-topic': change.topic } }));
    }
    source.startWatchingContentUpdates();
    return { source, cache };
}

function reported(updates: { changes: ContentChanges }[], from: number, test: (changes: ContentChanges) => boolean): boolean {
    return updates.slice(from).some((update) => test(update.changes));
}

/** The changes, each a function that makes it and returns how to recognise it in a cache update. */
function changeScript(generated: GeneratedSpace): { name: string; make: (space: EmulatedSpace) => (changes: ContentChanges) => boolean }[] {
    const write = { userId: 'user-jean' };
    const byState = (ids: string[], want: (sys: { publishedVersion?: number; archivedVersion?: number; version: number }) => boolean) =>
        ids.find((id) => {
            const sys = generated.space.getEntry(id)?.sys;
            return sys !== undefined && want(sys);
        })!;
    const isPublished = (sys: { publishedVersion?: number; archivedVersion?: number; version: number }) => sys.publishedVersion !== undefined && sys.version === sys.publishedVersion + 1;
    const isDraft = (sys: { publishedVersion?: number; archivedVersion?: number }) => sys.publishedVersion === undefined && sys.archivedVersion === undefined;
    const editId = byState(generated.ids.products, isPublished);
    const publishId = byState(generated.ids.pages, isDraft);
    const unpublishId = byState(generated.ids.products.slice(100), isPublished);
    const archiveId = byState(generated.ids.authors, isDraft);
    const deleteDraftId = byState(generated.ids.authors.slice(50), isDraft);
    const deletePublishedId = byState(generated.ids.authors.slice(100), isPublished);
    const hasVersion = (id: string, version: () => number) => (changes: ContentChanges) => (changes.documents ?? []).some((doc) => doc.id === id && (doc.context as { sys: { version: number } }).sys.version === version());
    const deleted = (id: string) => (changes: ContentChanges) => (changes.deletedDocumentIds ?? []).includes(id);
    return [
        {
            name: 'edit (save)',
            make: (space) => {
                const saved = space.editEntryAsAnotherUser(editId, (fields) => void (fields.name![generated.defaultLocale] = 'Edited elsewhere'), write.userId);
                return hasVersion(editId, () => saved.sys.version);
            }
        },
        {
            name: 'publish',
            make: (space) => {
                const published = space.publishEntry(publishId, { userId: write.userId });
                return hasVersion(publishId, () => published.sys.version);
            }
        },
        {
            name: 'unpublish',
            make: (space) => {
                const record = applyUnpublish(space, requireRecord(space, 'Entry', unpublishId), undefined, write);
                return hasVersion(unpublishId, () => record.data.sys.version);
            }
        },
        {
            name: 'archive',
            make: (space) => {
                const record = archiveEntity(space, requireRecord(space, 'Entry', archiveId), write);
                return hasVersion(archiveId, () => record.data.sys.version);
            }
        },
        {
            name: 'create',
            make: (space) => {
                const record = createEntity(space, 'Entry', { fields: { name: { [generated.defaultLocale]: 'New author' } } }, { id: 'author-created-elsewhere', contentTypeId: 'author' }, write);
                return hasVersion(record.data.sys.id, () => record.data.sys.version);
            }
        },
        {
            name: 'delete (draft)',
            make: (space) => {
                deleteEntity(space, requireRecord(space, 'Entry', deleteDraftId));
                return deleted(deleteDraftId);
            }
        },
        {
            name: 'delete (published)',
            make: (space) => {
                const record = requireRecord(space, 'Entry', deletePublishedId);
                applyUnpublish(space, record, undefined, write);
                deleteEntity(space, record);
                return deleted(deletePublishedId);
            }
        }
    ];
}

async function measureChange(log: RequestLog, cache: ReturnType<typeof benchCache>, space: EmulatedSpace, timeoutMs: number, change: ReturnType<typeof changeScript>[number]): Promise<ChangeMeasurement> {
    // Let a poll in flight finish, so its requests are not counted for this change.
    await sleep(50);
    const fromLog = log.all().length;
    const fromUpdates = cache.updates.length;
    const started = performance.now();
    const test = change.make(space);
    let latencyMs: number | undefined;
    while (performance.now() - started < timeoutMs) {
        if (reported(cache.updates, fromUpdates, test)) {
            latencyMs = Math.round(cache.updates.find((update, index) => index >= fromUpdates && test(update.changes))!.at - started);
            break;
        }
        await sleep(10);
    }
    const requests = log.all().slice(fromLog);
    return { change: change.name, latencyMs, requests: requests.length, byKind: countByKind(requests) };
}

childMain(async (): Promise<SyncMeasurement> => {
    const params = childParams<SyncParams>();
    const generated = generateSpace({ entries: params.entries, locales: params.locales });
    const emulator = serveSpace(generated.space, { latencyMs: params.latencyMs || undefined });
    const { source, cache } = await start(params.contender, generated.space);
    emulator.log.clear();
    await sleep(params.idleSeconds * 1000);
    const idle = emulator.log.all();
    const changes: ChangeMeasurement[] = [];
    for (const change of changeScript(generated)) {
        changes.push(await measureChange(emulator.log, cache, generated.space, params.changeTimeoutSeconds * 1000, change));
    }
    source.stopWatchingContentUpdates();
    emulator.close();
    return {
        ...params,
        idleRequestsPerMinute: Math.round((idle.length * 60) / params.idleSeconds),
        idleByKind: countByKind(idle),
        changes
    };
});
