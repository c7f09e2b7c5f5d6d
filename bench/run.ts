/**
 * `npm run bench`: the side-by-side benchmarks of issue #7 (not part of `npm test`).
 *
 *   npm run bench                          everything (about 12 minutes on 2 cores)
 *   npm run bench -- --only cold --sizes 1000,10000 --reps 3
 *   npm run bench -- --quick               one repetition, smaller sync window
 *
 * Each measurement runs in a fresh child process (see child.ts). Raw results go to bench/results/
 * (gitignored); the final table is in bench/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runColdLoadSuite } from './cold-load-suite.js';
import { runLocaleWorkSuite, runPublishSuite, runSyncSuite } from './other-suites.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function argument(name: string): string | undefined {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
}

const numbers = (raw: string | undefined, fallback: number[]) => (raw ? raw.split(',').map(Number) : fallback);

async function main(): Promise<void> {
    const quick = process.argv.includes('--quick');
    const only = (argument('only') ?? 'cold,sync,publish,locale').split(',');
    const reps = Number(argument('reps') ?? (quick ? 1 : 3));
    const log = (line: string) => console.log(line);
    const sections: string[] = [`# Benchmark run ${new Date().toISOString()} (node ${process.version}, ${process.platform})\n`];
    const verdicts: string[] = [];
    const raw: Record<string, unknown> = {};

    if (only.includes('cold')) {
        log('cold load…');
        const cold = await runColdLoadSuite({
            sizes: numbers(argument('sizes'), [1000, 10_000, 50_000]),
            latencies: numbers(argument('latencies'), [0, 200]),
            locales: Number(argument('locales') ?? 5),
            reps,
            latencyReps: Math.max(1, Math.min(reps, 2)),
            rateLimited: !process.argv.includes('--no-rate-limited'),
            log
        });
        sections.push(cold.markdown);
        verdicts.push(...cold.verdicts);
        raw.cold = cold.summaries;
    }

    const syncEntries = Number(argument('sync-entries') ?? 50_000);
    if (only.includes('sync')) {
        log('sync…');
        const sync = await runSyncSuite({ entries: syncEntries, locales: 5, idleSeconds: Number(argument('idle-seconds') ?? (quick ? 16 : 45)), changeTimeoutSeconds: 25, log });
        sections.push(sync.markdown);
        verdicts.push(...sync.verdicts);
        raw.sync = sync.raw;
    }
    if (only.includes('publish')) {
        log('publishing…');
        const publish = await runPublishSuite({ documents: 1000, durations: [1500, 8000], log });
        sections.push(publish.markdown);
        verdicts.push(...publish.verdicts);
        raw.publish = publish.raw;
    }
    if (only.includes('locale')) {
        log('locale work…');
        const localeWork = await runLocaleWorkSuite({ entries: Number(argument('locale-entries') ?? 50_000), locales: 10, reps: quick ? 1 : 3, log });
        sections.push(localeWork.markdown);
        raw.localeWork = localeWork.raw;
    }

    sections.push('\n## Targets\n', ...verdicts.map((line) => `- ${line}`));
    const markdown = sections.join('\n');
    console.log(`\n${markdown}`);
    const resultsDir = path.join(here, 'results');
    fs.mkdirSync(resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify(raw, null, 2));
    fs.writeFileSync(path.join(resultsDir, `${stamp}.md`), markdown);
    console.log(`\nraw results: bench/results/${stamp}.json`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
