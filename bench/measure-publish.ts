/**
 * Publishing at scale, one contender per child process: cold load a space, then publish 1,000 of its
 * draft or changed documents in one `publishDocuments` call (what the editor's "Publish all" does),
 * while Contentful takes `bulkActionDurationMs` to run each bulk action. Reports wall time, requests
 * by route, and how many documents Contentful really published.
 */
import type { Document } from '@stackbit/types';
import { childMain, childParams } from './child.js';
import { coldLoad } from './contenders.js';
import { requestsByRoute, serveSpace } from './harness.js';
import { generateSpace } from './space-generator.js';

export interface PublishParams {
    contender: 'ours' | 'official';
    /** Documents to publish. */
    documents: number;
    /** Time Contentful takes per bulk action (the emulator's space clock). */
    bulkActionDurationMs: number;
    latencyMs: number;
}

export interface PublishMeasurement extends PublishParams {
    wallMs: number;
    requests: number;
    byRoute: Record<string, number>;
    bulkActions: number;
    /** Documents Contentful holds as published afterwards (of those asked). */
    published: number;
    error: string | undefined;
}

childMain(async (): Promise<PublishMeasurement> => {
    const params = childParams<PublishParams>();
    // About 40 % of generated entries are drafts or changed: enough candidates, few extra entries.
    const generated = generateSpace({ entries: Math.ceil(params.documents * 2.7), locales: 5 });
    const emulator = serveSpace(generated.space, { latencyMs: params.latencyMs || undefined, bulkActionDurationMs: params.bulkActionDurationMs });
    const loaded = await coldLoad(params.contender, generated.space);
    const [, documents] = loaded.held as [unknown, Document[], unknown];
    const candidates = documents.filter((document) => document.status === 'added' || document.status === 'modified').slice(0, params.documents);
    if (candidates.length < params.documents) throw new Error(`only ${candidates.length} publishable documents were generated`);
    emulator.log.clear();
    const started = performance.now();
    let error: string | undefined;
    try {
        await loaded.source!.publishDocuments({ documents: candidates as never, assets: [], userContext: undefined as never });
    } catch (thrown) {
        error = thrown instanceof Error ? thrown.message.slice(0, 300) : String(thrown);
    }
    const wallMs = Math.round(performance.now() - started);
    const byRoute = requestsByRoute(emulator.log);
    const published = candidates.filter((document) => {
        const sys = generated.space.getEntry(document.id)?.sys;
        return sys?.publishedVersion !== undefined && sys.version === sys.publishedVersion + 1;
    }).length;
    emulator.close();
    return {
        ...params,
        wallMs,
        requests: emulator.log.all().length,
        byRoute,
        bulkActions: emulator.log.filter({ method: 'POST' }).filter((request) => /bulk_actions/.test(request.path)).length,
        published,
        error
    };
});
