/**
 * Which Contentful the demo uses: the bundled emulator seeded with the demo space (default, offline),
 * or a real space when CONTENTFUL_SPACE_ID and CONTENTFUL_MANAGEMENT_TOKEN are set. Either way the
 * result is the environment the top-level stackbit.config.ts reads, plus what the example site needs.
 */
import { createDemoSpace, startEmulatorServer, type RunningEmulatorServer } from '../src/emulator/index.js';

/** The environment variables stackbit.config.ts reads. */
export const CONFIG_ENV_NAMES = ['CONTENTFUL_SPACE_ID', 'CONTENTFUL_ENVIRONMENT', 'CONTENTFUL_MANAGEMENT_TOKEN', 'CONTENTFUL_HOST', 'CONTENTFUL_INSECURE'] as const;

/** The Contentful the demo runs against. */
export interface DemoContentful {
    kind: 'emulator' | 'space';
    /** CONTENTFUL_* for stackbit.config.ts (and `stackbit dev`). */
    configEnv: Record<string, string>;
    /** What the example site reads through Contentful's preview client; undefined when no preview token is known. */
    preview: { url: string; spaceId: string; environment: string; accessToken: string } | undefined;
    /** Lines describing it, printed by the demo. */
    describe: string[];
    /** The emulator, when there is one. */
    emulator?: RunningEmulatorServer;
    close(): Promise<void>;
}

/** Management token the config hands the emulator (it accepts any token; this one says what it is). */
const EMULATOR_MANAGEMENT_TOKEN = 'demo-emulator-management-token';
const EMULATOR_PREVIEW_TOKEN = 'demo-emulator-preview-token';

/** Starts the emulator with the demo space on `port` (0: any free port). */
export async function startDemoEmulator(port = 0): Promise<DemoContentful> {
    const space = createDemoSpace();
    const emulator = await startEmulatorServer({ space, port });
    return {
        kind: 'emulator',
        configEnv: {
            CONTENTFUL_SPACE_ID: space.spaceId,
            CONTENTFUL_ENVIRONMENT: space.environment,
            CONTENTFUL_MANAGEMENT_TOKEN: EMULATOR_MANAGEMENT_TOKEN,
            CONTENTFUL_HOST: emulator.host,
            CONTENTFUL_INSECURE: 'true'
        },
        preview: { url: emulator.previewUrl, spaceId: space.spaceId, environment: space.environment, accessToken: EMULATOR_PREVIEW_TOKEN },
        describe: [`Contentful emulator (offline)  CMA ${emulator.url}   preview API ${emulator.previewUrl}   space "${space.spaceId}"`],
        emulator,
        close: () => emulator.close()
    };
}

/**
 * The Contentful the demo uses, from the environment: a real space when CONTENTFUL_SPACE_ID and
 * CONTENTFUL_MANAGEMENT_TOKEN are set (CONTENTFUL_PREVIEW_TOKEN adds the example site), else the emulator.
 *
 * @throws Error when only one of CONTENTFUL_SPACE_ID / CONTENTFUL_MANAGEMENT_TOKEN is set
 */
export async function connectDemoContentful(env: NodeJS.ProcessEnv = process.env): Promise<DemoContentful> {
    const spaceId = env.CONTENTFUL_SPACE_ID;
    const token = env.CONTENTFUL_MANAGEMENT_TOKEN;
    if (!spaceId && !token) {
        return startDemoEmulator(Number(env.EMULATOR_PORT ?? 0));
    }
    if (!spaceId || !token) {
        const missing = spaceId ? 'CONTENTFUL_MANAGEMENT_TOKEN' : 'CONTENTFUL_SPACE_ID';
        throw new Error(`npm run demo: ${missing} is not set. Set both CONTENTFUL_SPACE_ID and CONTENTFUL_MANAGEMENT_TOKEN to use a real space, or neither to use the bundled emulator.`);
    }
    const environment = env.CONTENTFUL_ENVIRONMENT ?? 'master';
    const configEnv: Record<string, string> = {};
    for (const name of CONFIG_ENV_NAMES) {
        const value = env[name];
        if (value !== undefined) configEnv[name] = value;
    }
    const previewToken = env.CONTENTFUL_PREVIEW_TOKEN;
    const describe = [`Contentful space "${spaceId}" (environment "${environment}")${env.CONTENTFUL_HOST ? ` via ${env.CONTENTFUL_HOST}` : ''}`];
    if (!previewToken) {
        describe.push('  (no CONTENTFUL_PREVIEW_TOKEN: the example site is not started; stackbit dev forwards page requests to a site you run yourself)');
    }
    return {
        kind: 'space',
        configEnv,
        preview: previewToken ? { url: env.CONTENTFUL_PREVIEW_URL ?? 'https://preview.contentful.com', spaceId, environment, accessToken: previewToken } : undefined,
        describe,
        close: async () => undefined
    };
}
