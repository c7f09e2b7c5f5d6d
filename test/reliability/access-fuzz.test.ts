/**
 * Access fuzzing (issue 8 item 4, SPEC §5): a seeded property-based run of more than 10,000 random
 * operations — create, update, delete, archive, publish, unpublish, upload, replace an asset file,
 * copy, localize — by random users with random locale grants in random modes, straight against the
 * adapter (as the engine calls it, with the merged userContext). After every operation the
 * emulator's request log and state say what reached Contentful; an oracle that shares no code with
 * the adapter's rules checks that nothing was written outside the user's grant, and every refusal
 * must name its reason and have written nothing.
 */
import fc from 'fast-check';
import _ from 'lodash';
import { describe, expect, it } from 'vitest';
import { AccessDeniedError, LocalizationError } from '../../src/index.js';
import { createDemoSpace } from '../../src/emulator/index.js';
import { DEMO_OBJECT_LEVEL, startSource, useEmulator } from '../helpers/emulator.js';
import { EntityMirror, intendedState, judge, touchedBy, type OracleModels } from './fuzz-oracle.js';
import { LOCALES, opArbitrary, randomUsers, runOp, type FuzzOp, type FuzzUser, type SchemaModels } from './fuzz-operations.js';

// FUZZ_SEED=n tries another seed; FUZZ_RUNS=n runs fewer (or more) property runs; FUZZ_CONTINUE=1 collects every problem instead of
// stopping at the first (for debugging). Disabling the adapter's guard for updates and publishes makes
// this test report dozens of violations within two runs: the oracle does catch writes outside a grant.
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2025);
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const OPS_PER_RUN = 400;

const ORACLE_MODELS: OracleModels = {
    objectLevel: { page: { localeField: 'locale', translationKeyField: 'translationKey', sharedFields: DEMO_OBJECT_LEVEL.sharedFields.page } }
};

interface Tally {
    operations: number;
    allowed: number;
    refused: number;
    refusedByAccess: number;
    failed: number;
    writesChecked: number;
    entityChangesJudged: number;
    attemptsJudged: number;
    violations: string[];
    byKind: Record<string, { allowed: number; refused: number; failed: number; ms: number }>;
}

function describeOp(op: FuzzOp, user: FuzzUser, index: number): string {
    return `#${index} ${op.kind} by ${user.label} (grant ${user.grant === '*' ? '*' : user.grant.join(',')}) in ${op.mode} mode`;
}

/** What makes a refusal acceptable: an error class of the adapter, a message naming who and why, nothing written. */
function refusalProblem(error: Error, user: FuzzUser, writes: number): string | undefined {
    if (writes > 0) return `refused after ${writes} write(s) reached Contentful`;
    if (error instanceof AccessDeniedError) {
        const who = user.context ? user.label : 'an anonymous call';
        if (!error.message.startsWith(`Access denied: ${who} may not `)) return `the refusal does not name the user: ${error.message}`;
        if (error.reason.trim().length < 10) return `the refusal gives no reason: ${error.message}`;
        return undefined;
    }
    if (!/"[^"]+"/.test(error.message)) return `the refusal names nothing: ${error.message}`;
    return undefined;
}

describe('access fuzzing', () => {
    const emulator = useEmulator();

    it(`${RUNS * OPS_PER_RUN} random operations by random users: no write outside a grant, every refusal names its reason`, { timeout: 120_000 }, async () => {
        const started = performance.now();
        const { users, rules, defaultGrant } = randomUsers(SEED);
        const { source } = await startSource(emulator.space, {
            objectLevel: DEMO_OBJECT_LEVEL,
            access: { rules, default: defaultGrant },
            sync: { pollIntervalMs: 3_600_000, deletionCheckIntervalMs: 3_600_000 },
            requests: { retryLimit: 0, bulkActionTimeoutMs: 5_000 }
        });
        const tally: Tally = { operations: 0, allowed: 0, refused: 0, refusedByAccess: 0, failed: 0, writesChecked: 0, entityChangesJudged: 0, attemptsJudged: 0, violations: [], byKind: {} };

        await fc.assert(
            fc.asyncProperty(fc.boolean(), fc.array(opArbitrary(users), { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), async (localeBasedPublishing, ops) => {
                // A fresh space per run (with or without locale-based publishing), the same adapter re-initialised.
                const space = createDemoSpace({ localeBasedPublishing });
                emulator.use(space);
                await source.reset();
                const models: SchemaModels = new Map((await source.getSchema()).models.map((model) => [model.name, model]));
                await Promise.all([source.getDocuments(), source.getAssets()]);
                const mirror = new EntityMirror(space);
                const enabled = source.getLocales().filter((locale) => locale.enabled).map((locale) => locale.code);

                for (const [index, op] of ops.entries()) {
                    const user = users[op.user]!;
                    emulator.log.clear();
                    let error: unknown;
                    const opStarted = performance.now();
                    try {
                        await runOp(source, op, users, models, index);
                    } catch (thrown) {
                        error = thrown;
                    }
                    const writes = emulator.log.writes();
                    tally.operations++;
                    tally.writesChecked += writes.length;
                    const kind = (tally.byKind[op.kind] ??= { allowed: 0, refused: 0, failed: 0, ms: 0 });
                    kind.ms += Math.round(performance.now() - opStarted);
                    const touched = _.uniq(writes.flatMap(touchedBy));
                    const befores = new Map(touched.map((entityKey) => [entityKey, mirror.get(entityKey)]));
                    for (const entityKey of touched) {
                        const before = befores.get(entityKey);
                        mirror.refresh(entityKey);
                        const violation = judge({ grant: user.grant, before, after: mirror.get(entityKey), space, models: ORACLE_MODELS, enabled });
                        tally.entityChangesJudged++;
                        if (violation) {
                            const requests = writes.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.body ?? '')}`).join(' | ');
                            tally.violations.push(`${describeOp(op, user, index)}: ${violation} [requests: ${requests}]`);
                        }
                    }
                    // Writes Contentful refused or never answered count too: what they would have done is judged.
                    for (const request of writes.filter((one) => one.status === 0 || one.status >= 400)) {
                        const entityKey = touchedBy(request)[0];
                        const intended = entityKey ? intendedState(request, befores.get(entityKey)) : undefined;
                        if (!entityKey || !intended) continue;
                        tally.attemptsJudged++;
                        const violation = judge({ grant: user.grant, before: befores.get(entityKey), after: intended.after, space, models: ORACLE_MODELS, enabled });
                        if (violation) tally.violations.push(`${describeOp(op, user, index)}: attempted (Contentful answered ${request.status}): ${violation}`);
                    }
                    if (error === undefined) {
                        tally.allowed++;
                        kind.allowed++;
                    } else if (error instanceof AccessDeniedError || (error instanceof LocalizationError && writes.length === 0)) {
                        tally.refused++;
                        kind.refused++;
                        if (error instanceof AccessDeniedError) tally.refusedByAccess++;
                        const problem = refusalProblem(error, user, writes.length);
                        if (problem) tally.violations.push(`${describeOp(op, user, index)}: ${problem}`);
                    } else if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof ReferenceError)) {
                        // Contentful said no (validation at publish, an archived entry, a taken slug…): not an access question.
                        tally.failed++;
                        kind.failed++;
                    } else {
                        tally.violations.push(`${describeOp(op, user, index)}: unexpected ${String((error as Error)?.stack ?? error)}`);
                    }
                    if (tally.violations.length > 0 && !process.env.FUZZ_CONTINUE) {
                        throw new Error(`Access fuzzing found ${tally.violations.length} problem(s):\n${tally.violations.slice(0, 10).join('\n')}`);
                    }
                }
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true }
        );

        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
            `[fuzz] seed ${SEED}: ${tally.operations} operations by ${users.length} users (${users.map((u) => `${u.label}=${u.grant === '*' ? '*' : u.grant.join('+')}`).join(', ')}) ` +
                `in Global and ${LOCALES.length + 1} locale modes: ${tally.allowed} allowed, ${tally.refused} refused (${tally.refusedByAccess} by access rules, ` +
                `${tally.refused - tally.refusedByAccess} by localization rules), ${tally.failed} failed in Contentful; ${tally.writesChecked} writes checked ` +
                `(${tally.entityChangesJudged} entity changes and ${tally.attemptsJudged} refused attempts judged), violations: ${tally.violations.length}; ${seconds} s`
        );
        console.log(`[fuzz] by operation: ${JSON.stringify(tally.byKind)}`);
        expect(tally.violations).toEqual([]);
        expect(tally.operations).toBeGreaterThanOrEqual(10_000);
        // The run exercised both sides of the boundary, for every kind of operation.
        expect(tally.allowed).toBeGreaterThan(2_000);
        expect(tally.refusedByAccess).toBeGreaterThan(2_000);
        for (const [kind, counts] of Object.entries(tally.byKind)) {
            expect(counts.allowed, `${kind} never allowed`).toBeGreaterThan(0);
            expect(counts.refused, `${kind} never refused`).toBeGreaterThan(0);
        }
    });
});
