/**
 * `npm run demo`: offline, on the bundled Contentful emulator (or a real space when
 * CONTENTFUL_SPACE_ID and CONTENTFUL_MANAGEMENT_TOKEN are set). Starts the emulator as a local HTTP
 * server, runs the adapter through the Visual Editor's engine (@stackbit/cms-core), and prints what
 * an editor sees per locale. Ctrl-C stops everything.
 */
import { createDemoSpace, startEmulatorServer } from '../src/emulator/index.js';
import { LocalizedContentfulSource } from '../src/index.js';
import { startEngine } from '../test/helpers/engine.js';
import { describeSpacePerLocale } from './demo-report.js';

async function main(): Promise<void> {
    const realSpace = Boolean(process.env.CONTENTFUL_SPACE_ID && process.env.CONTENTFUL_MANAGEMENT_TOKEN);
    const emulator = realSpace ? undefined : await startEmulatorServer({ space: createDemoSpace(), port: Number(process.env.EMULATOR_PORT ?? 0) });
    const host = emulator ? new URL(emulator.url).host : undefined;
    const source = new LocalizedContentfulSource(
        emulator
            ? { spaceId: 'demo', environment: 'master', accessToken: 'demo-token', host, insecure: true, objectLevel: { models: ['page'], sharedFields: { page: ['brandColor'] } } }
            : { objectLevel: { models: (process.env.OBJECT_LEVEL_MODELS ?? 'page').split(',') } }
    );
    const engine = await startEngine({ contentSources: [source] });
    const stop = async () => {
        await engine.destroy();
        await emulator?.close();
        process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());

    const csiDocuments = [...(source.runtimeOrUndefined()?.store.documents.values() ?? [])];
    console.log(emulator ? `Contentful emulator (CMA):  ${emulator.url}\nPreview API:                ${emulator.previewUrl}` : `Contentful space ${source.getProjectId()}`);
    console.log('');
    for (const line of describeSpacePerLocale(source, csiDocuments)) console.log(line);
    for (const locale of source.getLocales().filter((l) => l.enabled)) {
        const seen = engine.store.getDocuments({ locale: locale.code });
        console.log(`\nThe editor in ${locale.code} lists ${seen.length} documents.`);
    }
    if (process.env.DEMO_EXIT === '1') {
        await stop();
        return;
    }
    console.log('\nRunning. Press Ctrl-C to stop.');
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});
