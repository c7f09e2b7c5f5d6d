/**
 * The content source the demo's per-locale report reads: the one the top-level stackbit.config.ts
 * declares (so the report uses exactly the options `stackbit dev` runs with), initialised in this
 * process on its own. The localization API it offers (status, alternates, diagnostics) is not part of
 * the Visual Editor's HTTP API, hence a second, read-only instance next to the one `stackbit dev` runs.
 */
import type { InitOptions, Logger, StackbitConfig } from '@stackbit/types';
import { LocalizedContentfulSource } from '../src/index.js';

/** A logger that keeps the adapter's messages for the demo to show (or not). */
export function createCollectingLogger(messages: string[] = []): Logger & { messages: string[] } {
    const text = (level: string) => (message: string, ...rest: unknown[]) => {
        messages.push(`${level}: ${[message, ...rest.map((part) => (part instanceof Error ? part.message : JSON.stringify(part)))].join(' ')}`);
    };
    const logger: Logger & { messages: string[] } = {
        messages,
        error: text('error'),
        warn: text('warn'),
        info: text('info'),
        debug: () => undefined,
        createLogger: () => logger
    };
    return logger;
}

/** The first LocalizedContentfulSource of a config. */
export function findLocalizedSource(config: Pick<StackbitConfig, 'contentSources'>): LocalizedContentfulSource {
    const source = config.contentSources?.find((candidate): candidate is LocalizedContentfulSource => candidate instanceof LocalizedContentfulSource);
    if (!source) {
        throw new Error('stackbit.config.ts: `contentSources` has no LocalizedContentfulSource; the demo reports on that source');
    }
    return source;
}

/**
 * Initialises `source` outside the Visual Editor and loads its schema, documents and assets.
 *
 * @returns the loaded documents
 */
export async function loadSourceForReport(source: LocalizedContentfulSource, logger: Logger = createCollectingLogger()): Promise<Awaited<ReturnType<LocalizedContentfulSource['getDocuments']>>> {
    // No engine here: the adapter needs no cache (it skips engine notifications without one), git or command runner.
    const standalone: Pick<InitOptions, 'logger' | 'userLogger' | 'localDev' | 'stackbitConfigFilePath'> = {
        logger,
        userLogger: logger,
        localDev: true,
        stackbitConfigFilePath: 'stackbit.config.ts'
    };
    await source.init(standalone as Parameters<LocalizedContentfulSource['init']>[0]);
    await source.getSchema();
    const [documents] = await Promise.all([source.getDocuments(), source.getAssets()]);
    return documents;
}
