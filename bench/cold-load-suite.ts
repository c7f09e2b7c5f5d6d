/**
 * The cold-load comparison: every contender × size × latency, `reps` times each, every measurement in
 * a fresh process, contenders interleaved so a noisy neighbour hurts all of them alike. Wall time is
 * reported as the best (min) and the median of the repetitions; ratios use the min (the least disturbed
 * run), and are also given on CPU time, which other processes on the machine distort less.
 */
import _ from 'lodash';
import { runChild } from './child.js';
import { CONTENDERS, type ContenderName } from './contenders.js';
import type { ColdLoadMeasurement } from './measure-cold-load.js';
import { median, min, ms, ratio, routes, table, verdict } from './report.js';

export interface ColdLoadSuiteOptions {
    sizes: number[];
    latencies: number[];
    locales: number;
    reps: number;
    /** Repetitions at a latency > 0 (they are dominated by the latency, so less noisy). */
    latencyReps: number;
    log: (line: string) => void;
    /** Also run ours and official at 200 ms with Contentful's 10 requests/s budget enforced (the floor has no retries). */
    rateLimited?: boolean;
}

export interface ColdLoadSummary {
    contender: ContenderName;
    entries: number;
    latencyMs: number;
    wallMinMs: number;
    wallMedianMs: number;
    cpuMinMs: number;
    requests: number;
    byRoute: Record<string, number>;
    peakMB: number;
    retainedMB: number;
    runs: ColdLoadMeasurement[];
}

export async function runColdLoadSuite(options: ColdLoadSuiteOptions): Promise<{ summaries: ColdLoadSummary[]; markdown: string; verdicts: string[] }> {
    const runs: ColdLoadMeasurement[] = [];
    for (const latencyMs of options.latencies) {
        for (const entries of options.sizes) {
            const reps = latencyMs > 0 ? options.latencyReps : options.reps;
            for (let rep = 0; rep < reps; rep += 1) {
                // Rotate the order so no contender always runs first (or last) in a round.
                const order = [...CONTENDERS.slice(rep % CONTENDERS.length), ...CONTENDERS.slice(0, rep % CONTENDERS.length)];
                for (const contender of order) {
                    const run = await runChild<ColdLoadMeasurement>('measure-cold-load.ts', { contender, entries, locales: options.locales, latencyMs });
                    options.log(`  cold load ${contender.padEnd(8)} N=${String(entries).padStart(6)} latency=${latencyMs} ms: ${ms(run.wallMs)} (cpu ${ms(run.cpuMs)}), ${run.requests} requests, peak +${run.peakMB} MB, retained +${run.retainedMB} MB`);
                    runs.push(run);
                }
            }
        }
    }
    const summaries = _.map(
        _.groupBy(runs, (run) => `${run.latencyMs}|${run.entries}|${run.contender}`),
        (group): ColdLoadSummary => ({
            contender: group[0]!.contender,
            entries: group[0]!.entries,
            latencyMs: group[0]!.latencyMs,
            wallMinMs: min(group.map((run) => run.wallMs)),
            wallMedianMs: median(group.map((run) => run.wallMs)),
            cpuMinMs: min(group.map((run) => run.cpuMs)),
            requests: group[0]!.requests,
            byRoute: group[0]!.byRoute,
            peakMB: median(group.map((run) => run.peakMB)),
            retainedMB: median(group.map((run) => run.retainedMB)),
            runs: group
        })
    );
    const described = describe(summaries, options);
    const limited: ColdLoadMeasurement[] = [];
    if (options.rateLimited) {
        for (const entries of options.sizes.filter((size) => size >= 10_000)) {
            for (const contender of ['ours', 'official'] as const) {
                const run = await runChild<ColdLoadMeasurement>('measure-cold-load.ts', { contender, entries, locales: options.locales, latencyMs: 200, rateLimitPerSecond: 10 });
                options.log(`  rate-limited cold load ${contender.padEnd(8)} N=${entries}: ${ms(run.wallMs)}, ${run.requests} requests, ${run.throttled} answered 429`);
                limited.push(run);
            }
        }
        const rows = limited.map((run) => [run.entries.toLocaleString('en-US'), run.contender, ms(run.wallMs), run.requests, run.throttled]);
        described.markdown += `\n### Cold load at 200 ms with Contentful's budget enforced (10 requests/s, 429 beyond)\n\n${table(['entries', 'contender', 'wall', 'requests', 'answered 429'], rows)}\n`;
    }
    return { summaries, ...described };
}

function find(summaries: ColdLoadSummary[], contender: ContenderName, entries: number, latencyMs: number): ColdLoadSummary | undefined {
    return summaries.find((one) => one.contender === contender && one.entries === entries && one.latencyMs === latencyMs);
}

function describe(summaries: ColdLoadSummary[], options: ColdLoadSuiteOptions): { markdown: string; verdicts: string[] } {
    const parts: string[] = [];
    const verdicts: string[] = [];
    for (const latencyMs of options.latencies) {
        const rows: (string | number)[][] = [];
        for (const entries of options.sizes) {
            const ours = find(summaries, 'ours', entries, latencyMs);
            const official = find(summaries, 'official', entries, latencyMs);
            const floor = find(summaries, 'floor', entries, latencyMs);
            for (const summary of [ours, official, floor]) {
                if (!summary) continue;
                rows.push([
                    entries.toLocaleString('en-US'),
                    summary.contender,
                    `${ms(summary.wallMinMs)} / ${ms(summary.wallMedianMs)}`,
                    ms(summary.cpuMinMs),
                    summary.requests,
                    `${summary.peakMB} MB`,
                    `${summary.retainedMB} MB`,
                    summary === ours ? `${ratio(ours.wallMinMs, official?.wallMinMs ?? NaN)} (cpu ${ratio(ours.cpuMinMs, official?.cpuMinMs ?? NaN)})` : '',
                    summary === ours ? `${ratio(ours.wallMinMs, floor?.wallMinMs ?? NaN)} (cpu ${ratio(ours.cpuMinMs, floor?.cpuMinMs ?? NaN)})` : '',
                    summary === ours ? ratio(ours.peakMB, floor?.peakMB ?? NaN) : ''
                ]);
            }
        }
        parts.push(`### Cold load, ${options.locales} locales, ${latencyMs} ms per request\n`);
        parts.push(table(['entries', 'contender', 'wall min / median', 'cpu min', 'requests', 'peak extra', 'retained', 'ours/official', 'ours/floor', 'peak ours/floor'], rows));
        const largest = _.max(options.sizes)!;
        parts.push(`\nRequests by route at ${largest.toLocaleString('en-US')} entries:\n`);
        for (const contender of CONTENDERS) {
            const summary = find(summaries, contender, largest, latencyMs);
            if (summary) parts.push(`- ${contender}: ${routes(summary.byRoute)}`);
        }
        parts.push('');
    }
    // Targets (issue #7).
    for (const entries of options.sizes.filter((size) => size >= 10_000)) {
        const ours = find(summaries, 'ours', entries, 0);
        const floor = find(summaries, 'floor', entries, 0);
        if (ours && floor) {
            verdicts.push(verdict(ours.wallMinMs <= 1.15 * floor.wallMinMs, `cold load ≤ 1.15 × floor at ${entries} (no latency): ${ratio(ours.wallMinMs, floor.wallMinMs)} (cpu ${ratio(ours.cpuMinMs, floor.cpuMinMs)})`));
            verdicts.push(verdict(ours.peakMB <= 1.3 * floor.peakMB, `peak extra memory ≤ 1.3 × floor at ${entries}: ${ratio(ours.peakMB, floor.peakMB)} (${ours.peakMB} MB vs ${floor.peakMB} MB)`));
        }
        const slowOurs = find(summaries, 'ours', entries, 200);
        const slowOfficial = find(summaries, 'official', entries, 200);
        if (slowOurs && slowOfficial) {
            verdicts.push(verdict(slowOurs.wallMinMs <= 0.3 * slowOfficial.wallMinMs, `cold load ≤ 0.3 × official at ${entries} (200 ms latency): ${ratio(slowOurs.wallMinMs, slowOfficial.wallMinMs)}`));
        }
    }
    const smallest = _.min(options.sizes)!;
    const largest = _.max(options.sizes)!;
    const small = find(summaries, 'ours', smallest, 0);
    const large = find(summaries, 'ours', largest, 0);
    if (small && large && smallest !== largest) {
        const growth = large.wallMinMs / largest / (small.wallMinMs / smallest);
        const cpuGrowth = large.cpuMinMs / largest / (small.cpuMinMs / smallest);
        verdicts.push(verdict(growth <= 1.2, `cost per 1,000 entries grows ≤ 1.2× from ${smallest} to ${largest}: ${growth.toFixed(2)}× (cpu ${cpuGrowth.toFixed(2)}×)`));
        const floorSmall = find(summaries, 'floor', smallest, 0);
        const floorLarge = find(summaries, 'floor', largest, 0);
        if (floorSmall && floorLarge) {
            const floorGrowth = floorLarge.wallMinMs / largest / (floorSmall.wallMinMs / smallest);
            parts.push(`Cost per 1,000 entries, ${smallest} → ${largest}: ours ×${growth.toFixed(2)}, floor ×${floorGrowth.toFixed(2)} (the emulator's heap is in the same process, so every contender's GC scans it).`);
        }
    }
    return { markdown: parts.join('\n'), verdicts };
}
