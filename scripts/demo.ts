/**
 * `npm run demo`: the whole thing on one machine, offline.
 *
 * 1. the bundled Contentful emulator, seeded with the demo space (or a real space when
 *    CONTENTFUL_SPACE_ID and CONTENTFUL_MANAGEMENT_TOKEN are set);
 * 2. the example site, rendering each locale through Contentful's preview client;
 * 3. the real local Visual Editor server, `stackbit dev` (@stackbit/cli), on the top-level
 *    stackbit.config.ts, pointed at that Contentful and forwarding page requests to the site;
 *
 * then prints the URLs and, per locale, what is the locale's own content and what is inherited.
 * Ctrl-C stops everything. Environment: DEMO_EXIT=1 exits after printing, DEMO_VERBOSE=1 shows
 * stackbit dev's output, SITE_PORT (default 3000, else a free port), EMULATOR_PORT (default: free).
 */
import type { StackbitConfig } from '@stackbit/types';
import { startExampleSite, type RunningExampleSite } from '../example-site/server.js';
import { connectDemoContentful, type DemoContentful } from './demo-contentful.js';
import { describeSpacePerLocale } from './demo-report.js';
import { createCollectingLogger, findLocalizedSource, loadSourceForReport } from './report-source.js';
import { startStackbitDev, type RunningStackbitDev } from './stackbit-dev.js';

interface Collections {
    collections: { srcModelName: string; objects: { srcObjectId: string; locale?: string; hidden?: boolean }[] }[];
}

/** Things to stop on exit, stopped last-started first. */
const running: { name: string; close(): Promise<void> }[] = [];
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
    if (!stopping) {
        stopping = true;
        for (const item of running.reverse()) {
            await item.close().catch((error: unknown) => console.error(`Stopping ${item.name} failed: ${error instanceof Error ? error.message : String(error)}`));
        }
    }
    process.exit(exitCode);
}

let firstSignalAt = 0;

function onSignal(signal: NodeJS.Signals): void {
    if (stopping) {
        // A terminal's Ctrl-C can reach this process twice (from the terminal, and relayed by npm). Only
        // a later, deliberate second Ctrl-C means "do not wait for a clean stop".
        if (Date.now() - firstSignalAt < 1000) return;
        console.error(`\n${signal} again: exiting now.`);
        process.exit(130);
    }
    firstSignalAt = Date.now();
    console.log(`\n${signal}: stopping stackbit dev, the example site and the emulator…`);
    void stopAll(0);
}

/** Starts the example site on SITE_PORT (default 3000), or on a free port when that one is taken. */
async function startSite(preview: NonNullable<DemoContentful['preview']>): Promise<RunningExampleSite> {
    const wanted = Number(process.env.SITE_PORT ?? 3000);
    const options = { previewUrl: preview.url, spaceId: preview.spaceId, environment: preview.environment, accessToken: preview.accessToken };
    try {
        return await startExampleSite({ ...options, port: wanted });
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.env.SITE_PORT) throw error;
        return startExampleSite({ ...options, port: 0 });
    }
}

/** Renders one page of the site, so a wrong preview token or URL shows up now rather than in the browser. */
async function checkPage(url: string): Promise<string> {
    try {
        const response = await fetch(url);
        return response.ok ? '[home page renders]' : `[the home page answered ${response.status}: ${(await response.text()).slice(0, 200)}]`;
    } catch (error) {
        return `[the home page failed: ${error instanceof Error ? error.message : String(error)}]`;
    }
}

/** Lines of stackbit dev's own output worth showing without DEMO_VERBOSE (its errors). */
function isWorthShowing(line: string): boolean {
    return /^(error|warn):/.test(line) && !line.includes('versions.stackbit.com');
}

async function main(): Promise<void> {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const verbose = process.env.DEMO_VERBOSE === '1';

    const contentful = await connectDemoContentful();
    running.push({ name: 'the Contentful connection', close: () => contentful.close() });
    // The config reads these when it is imported (below) and when stackbit dev loads it.
    Object.assign(process.env, contentful.configEnv);

    const site = contentful.preview ? await startSite(contentful.preview) : undefined;
    if (site) running.push({ name: 'the example site', close: () => site.close() });
    const sitePort = site ? Number(new URL(site.url).port) : Number(process.env.SITE_PORT ?? 3000);

    console.log('Starting stackbit dev (the local Visual Editor server)…');
    const devServer: RunningStackbitDev = await startStackbitDev({
        sitePort,
        env: contentful.configEnv,
        apiSecret: process.env.STACKBIT_API_SECRET,
        onOutput: (line) => {
            if (verbose ? !line.startsWith('debug:') : isWorthShowing(line)) console.log(`  [stackbit dev] ${line}`);
        }
    });
    running.push({ name: 'stackbit dev', close: () => devServer.close() });
    const editorUrl = await devServer.editorUrl();

    const { default: config } = (await import('../stackbit.config.js')) as { default: StackbitConfig };
    const source = findLocalizedSource(config);
    const sourceLog = createCollectingLogger();
    const documents = await loadSourceForReport(source, sourceLog);
    running.push({ name: 'the report source', close: () => source.destroy() });

    const locales = source.getLocales().filter((locale) => locale.enabled);
    const defaultLocale = locales.find((locale) => locale.default)?.code ?? locales[0]!.code;
    console.log('');
    for (const line of contentful.describe) console.log(line);
    if (site) {
        console.log(`Example site                   ${site.url}/${defaultLocale}/   (${locales.map((locale) => `/${locale.code}/`).join(' ')})   ${await checkPage(`${site.url}/${defaultLocale}/`)}`);
    }
    console.log(`stackbit dev                   ${devServer.apiUrl}/   (forwards pages to the site on port ${sitePort})`);
    console.log(`  local API                    POST ${devServer.apiUrl}/_stackbit/<method>   Authorization: Bearer ${devServer.apiSecret}`);
    console.log(`  e.g.                         curl -s -X POST -H 'Authorization: Bearer ${devServer.apiSecret}' -H 'content-type: application/json' -d '{"locale":"${locales[1]?.code ?? defaultLocale}"}' ${devServer.apiUrl}/_stackbit/getCollections`);
    console.log(`Visual Editor (needs internet) ${devServer.apiUrl}/_stackbit${editorUrl ? `   (redirects to ${editorUrl})` : ''}`);
    console.log('');
    for (const line of describeSpacePerLocale(source, documents)) console.log(line);

    console.log('\nWhat the Visual Editor lists per locale (stackbit dev getCollections):');
    for (const locale of locales) {
        const { collections } = await devServer.call<Collections>('getCollections', { locale: locale.code });
        const perModel = collections
            .filter((collection) => collection.objects.length > 0)
            .map((collection) => `${collection.objects.length} ${collection.srcModelName}`)
            .join(', ');
        console.log(`  ${locale.code.padEnd(6)} ${perModel}`);
    }
    if (verbose && sourceLog.messages.length > 0) {
        console.log('\nAdapter messages:', ...sourceLog.messages.map((message) => `\n  ${message}`));
    }

    if (process.env.DEMO_EXIT === '1') {
        await stopAll(0);
    }
    console.log('\nRunning. Edit in the Visual Editor (link above, online) or call the local API; press Ctrl-C to stop.');
    // Keep running until a signal stops everything; stackbit dev dying on its own ends the demo too.
    const code = await devServer.exited;
    if (!stopping) {
        console.error(`stackbit dev exited on its own (code ${code}); stopping the demo.`);
        await stopAll(1);
    }
}

main().catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
});
