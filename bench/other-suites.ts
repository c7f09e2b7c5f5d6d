/** The sync, publishing and locale-work suites: each measurement in a fresh child process. */
import _ from 'lodash';
import { runChild } from './child.js';
import type { LocaleWorkMeasurement } from './measure-locale-work.js';
import type { PublishMeasurement } from './measure-publish.js';
import type { SyncContender, SyncMeasurement } from './measure-sync.js';
import { ms, routes, table, verdict } from './report.js';

type Log = (line: string) => void;
export interface SuiteResult<T> {
    raw: T;
    markdown: string;
    verdicts: string[];
}

const kinds = (byKind: Record<string, number>) => _.map(byKind, (count, kind) => `${kind} ${count}`).join(', ');

export async function runSyncSuite(options: { entries: number; locales: number; idleSeconds: number; changeTimeoutSeconds: number; log: Log }): Promise<SuiteResult<SyncMeasurement[]>> {
    const contenders: SyncContender[] = ['ours', 'ours-webhooks', 'official'];
    const runs: SyncMeasurement[] = [];
    for (const contender of contenders) {
        options.log(`  sync ${contender} N=${options.entries}…`);
        runs.push(await runChild<SyncMeasurement>('measure-sync.ts', { contender, entries: options.entries, locales: options.locales, latencyMs: 0, idleSeconds: options.idleSeconds, changeTimeoutSeconds: options.changeTimeoutSeconds }));
    }
    const idleRows = runs.map((run) => [run.contender, run.idleRequestsPerMinute, kinds(run.idleByKind)]);
    const changeNames = runs[0]!.changes.map((change) => change.change);
    const changeRows = changeNames.map((name) => [
        name,
        ...runs.map((run) => {
            const change = run.changes.find((one) => one.change === name)!;
            return change.latencyMs === undefined ? `not reported (${run.changeTimeoutSeconds} s)` : `${ms(change.latencyMs)}, ${change.requests} req`;
        })
    ]);
    const markdown = [
        `### Sync at ${options.entries.toLocaleString('en-US')} entries (idle window ${options.idleSeconds} s of real time, scaled to a minute; no latency)\n`,
        table(['contender', 'idle requests / min', 'what (in the window)'], idleRows),
        '\nTime until a change made elsewhere reaches the engine\'s cache, and the requests made meanwhile (all kinds, polls included):\n',
        table(['change', ...runs.map((run) => run.contender)], changeRows),
        '\nRequests per change by kind:\n',
        ...runs.flatMap((run) => [`- ${run.contender}: ${run.changes.map((change) => `${change.change}: ${kinds(change.byKind) || 'none'}`).join('; ')}`]),
        ''
    ].join('\n');
    const ours = runs.find((run) => run.contender === 'ours')!;
    const official = runs.find((run) => run.contender === 'official')!;
    const edit = ours.changes.find((change) => change.change === 'edit (save)');
    const verdicts = [
        verdict(ours.idleRequestsPerMinute < official.idleRequestsPerMinute, `idle sync at ${options.entries} costs fewer requests than the official poller: ${ours.idleRequestsPerMinute}/min vs ${official.idleRequestsPerMinute}/min`),
        verdict(ours.changes.every((change) => change.latencyMs !== undefined), `every change including deletion is reported (ours): ${ours.changes.map((change) => `${change.change} ${change.latencyMs === undefined ? 'NOT' : ms(change.latencyMs)}`).join(', ')}`),
        verdict(edit?.latencyMs !== undefined && edit.latencyMs <= 2000 + 250, `an edit is visible within one poll interval (2 s) plus one round trip: ${edit?.latencyMs} ms`)
    ];
    return { raw: runs, markdown, verdicts };
}

export async function runPublishSuite(options: { documents: number; durations: number[]; log: Log }): Promise<SuiteResult<PublishMeasurement[]>> {
    const runs: PublishMeasurement[] = [];
    for (const bulkActionDurationMs of options.durations) {
        for (const contender of ['ours', 'official'] as const) {
            options.log(`  publish ${contender} ${options.documents} documents, bulk actions take ${bulkActionDurationMs} ms…`);
            runs.push(await runChild<PublishMeasurement>('measure-publish.ts', { contender, documents: options.documents, bulkActionDurationMs, latencyMs: 0 }));
        }
    }
    const rows = runs.map((run) => [
        `${run.bulkActionDurationMs} ms`,
        run.contender,
        run.error ? `FAILED after ${ms(run.wallMs)}: ${run.error.slice(0, 80)}` : `ok, ${ms(run.wallMs)}`,
        `${run.published} / ${run.documents}`,
        run.bulkActions,
        `${run.requests} (${routes(run.byRoute)})`
    ]);
    const markdown = [
        `### Publishing ${options.documents.toLocaleString('en-US')} documents in one publishDocuments call\n`,
        table(['bulk action takes', 'contender', 'result', 'published', 'bulk actions', 'requests'], rows),
        ''
    ].join('\n');
    const slowest = _.max(options.durations)!;
    const oursSlow = runs.find((run) => run.contender === 'ours' && run.bulkActionDurationMs === slowest);
    const officialSlow = runs.find((run) => run.contender === 'official' && run.bulkActionDurationMs === slowest);
    const verdicts = oursSlow
        ? [verdict(!oursSlow.error && oursSlow.published === oursSlow.documents, `${oursSlow.documents} documents publish when each bulk action takes ${slowest} ms: ours ${oursSlow.published} in ${ms(oursSlow.wallMs)}; official ${officialSlow?.error ? 'fails' : `${officialSlow?.published}`}`)]
        : [];
    return { raw: runs, markdown, verdicts };
}

export async function runLocaleWorkSuite(options: { entries: number; locales: number; reps: number; log: Log }): Promise<SuiteResult<LocaleWorkMeasurement>> {
    options.log(`  locale work N=${options.entries} L=${options.locales}…`);
    const run = await runChild<LocaleWorkMeasurement>('measure-locale-work.ts', { entries: options.entries, locales: options.locales, reps: options.reps });
    const markdown = [
        `### Locale work at ${run.documents.toLocaleString('en-US')} documents, ${options.locales} locales (best of ${options.reps})\n`,
        table(['step', 'calls', 'time', 'per 1,000 documents', 'result'], run.steps.map((step) => [step.step, step.calls.toLocaleString('en-US'), ms(step.ms), `${step.msPer1000} ms`, step.result])),
        ''
    ].join('\n');
    return { raw: run, markdown, verdicts: [] };
}
