/**
 * Every kind of write under 30 % injected server errors and dropped connections (before and after
 * Contentful applied the write): each operation ends in success or a clear error, and afterwards
 * the adapter shows exactly what Contentful holds — no hidden change, no stale version, no ghost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, LocalizationError } from '../../src/index.js';
import { ContentfulRequestError } from '../../src/errors.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator } from '../helpers/emulator.js';
import { opArbitrary, runOp, type FuzzUser, type SchemaModels } from './fuzz-operations.js';
import { failedByFault, faultCounts } from './support.js';

const SEED = 0xc4a05;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const OPERATIONS = Number(process.env.CHAOS_OPS ?? 300);
/** A global editor: every operation is allowed, so every one writes. */
const EDITOR: FuzzUser = { label: 'alice@acme.com', context: { type: 'contentful', accessToken: 'user-token', name: 'Alice', email: 'alice@acme.com' }, grant: '*' };

describe('every write under 30 % injected faults', () => {
    const emulator = useEmulator();

    it(`${OPERATIONS} random writes end in success or a clear error, and the adapter shows what Contentful holds`, { timeout: 60_000 }, async () => {
        const { source, schema } = await startSource(emulator.space, {
            objectLevel: DEMO_OBJECT_LEVEL,
            sync: { pollIntervalMs: 3_600_000, deletionCheckIntervalMs: 3_600_000 },
            requests: { retryLimit: 6, retryBaseDelayMs: 2, retryMaxDelayMs: 10, bulkActionTimeoutMs: 5_000 }
        });
        const models: SchemaModels = new Map(schema.models.map((model) => [model.name, model]));
        const store = source.runtimeOrUndefined()!.store;
        // 429s are left to faults.test.ts: each one pauses every request for a second.
        // 1 - (0.9 · 0.9 · 0.92 · 0.92) ≈ 0.31
        emulator.faults.add({ rate: 0.1, kind: '500' });
        emulator.faults.add({ rate: 0.1, kind: '503' });
        emulator.faults.add({ rate: 0.08, kind: 'reset' });
        emulator.faults.add({ rate: 0.08, kind: 'reset', phase: 'after' });
        const [ops] = fc.sample(fc.array(opArbitrary([EDITOR]), { minLength: OPERATIONS, maxLength: OPERATIONS }), { seed: SEED, numRuns: 1 });

        const outcomes = { succeeded: 0, refusedByRule: 0, failedClearly: 0 };
        const unclear: string[] = [];
        for (const [index, op] of ops!.entries()) {
            try {
                await runOp(source, { ...op, user: 0 }, [EDITOR], models, index);
                outcomes.succeeded++;
            } catch (error) {
                if (error instanceof AccessDeniedError || error instanceof LocalizationError) outcomes.refusedByRule++;
                else if (error instanceof ContentfulRequestError || (error instanceof Error && /^(Published|Unpublished) all but/.test(error.message))) {
                    outcomes.failedClearly++;
                    if (process.env.CHAOS_TRACE) console.log(`#${index} ${op.kind}: ${(error as Error).message.slice(0, 300)}`);
                }
                else unclear.push(`#${index} ${op.kind}: ${String((error as Error)?.stack ?? error)}`);
            }
        }

        expect(unclear).toEqual([]);
        // What the adapter (and so the engine) shows is what Contentful holds.
        const entries = emulator.space.listEntries();
        const assets = emulator.space.listAssets();
        expect([...store.documents.keys()].sort()).toEqual(entries.map((entry) => entry.sys.id).sort());
        expect([...store.assets.keys()].sort()).toEqual(assets.map((asset) => asset.sys.id).sort());
        const stale = [
            ...entries.filter((entry) => store.documents.get(entry.sys.id)?.context.sys.version !== entry.sys.version).map((entry) => `entry ${entry.sys.id} v${entry.sys.version} shown as v${store.documents.get(entry.sys.id)?.context.sys.version}`),
            ...assets.filter((asset) => store.assets.get(asset.sys.id)?.context.sys.version !== asset.sys.version).map((asset) => `asset ${asset.sys.id} v${asset.sys.version} shown as v${store.assets.get(asset.sys.id)?.context.sys.version}`)
        ];
        expect(stale).toEqual([]);
        const log = emulator.log.all();
        console.log(
            `[faults] chaos: ${OPERATIONS} random writes, ${log.length} requests, ${failedByFault(log).length} failed by injected faults (${JSON.stringify(faultCounts(log))}); ` +
                `${outcomes.succeeded} succeeded, ${outcomes.refusedByRule} refused by a localization rule, ${outcomes.failedClearly} failed with a clear error; ` +
                `${entries.length} entries and ${assets.length} assets, every one shown at Contentful's version`
        );
        expect(outcomes.succeeded).toBeGreaterThan(OPERATIONS / 3);
    });

    it('an upload whose processing check meets a 503 completes (the SDK\'s own wait used to hang forever)', { timeout: 5_000 }, async () => {
        const { source } = await startSource(emulator.space, { requests: { retryLimit: 2, retryBaseDelayMs: 2, retryMaxDelayMs: 10 } });
        emulator.faults.add({ match: { method: 'GET', path: /\/assets\/[^/]+$/ }, rate: 1, kind: '503', times: 1 });
        emulator.faults.add({ match: { method: 'PUT', path: /\/process$/ }, rate: 1, kind: 'reset', phase: 'after', times: 1 });

        const asset = await source.uploadAsset({ base64: PNG, fileName: 'pixel.png', mimeType: 'image/png', locale: 'de' });

        const stored = emulator.space.getAsset(asset.id)!;
        expect(Object.keys(stored.fields.file!).sort()).toEqual(['de', 'en-US']);
        for (const file of Object.values(stored.fields.file!)) expect((file as { url?: string }).url).toMatch(/pixel\.png$/);
        expect(emulator.log.count({ method: 'GET', route: '/assets/:id', status: 503 })).toBe(1);
    });
});
