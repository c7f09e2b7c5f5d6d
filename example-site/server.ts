/**
 * Starts the example site: a small Node HTTP server that renders each page from the space (through
 * Contentful's preview client) and serves the browser script through Vite — either Vite's dev
 * middleware (default) or a production build in `example-site/dist`.
 *
 * As a command (see README.md):
 *   CONTENTFUL_PREVIEW_URL=… CONTENTFUL_SPACE_ID=… CONTENTFUL_PREVIEW_TOKEN=… npx tsx example-site/server.ts
 *   npx tsx example-site/server.ts --emulator      # offline: the bundled emulator's demo space
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createContentReader } from './src/content.js';
import { createSiteHandler, type SiteHandler } from './src/site.js';
import { clientEntry, exampleSiteRoot, exampleSiteViteConfig } from './vite.config.js';

export interface ExampleSiteOptions {
    /** Port to listen on; 0 (default) picks a free one. */
    port?: number;
    /** Interface to listen on; default 127.0.0.1. */
    host?: string;
    /** Base URL of the Content Preview API (or Delivery API), e.g. the emulator's `previewUrl`. */
    previewUrl: string;
    spaceId: string;
    /** Default `master`. */
    environment?: string;
    /** The preview (or delivery) access token. */
    accessToken: string;
    /** `dev` (default): Vite's dev middleware transforms the script on request. `build`: build once, serve files. */
    mode?: 'dev' | 'build';
    /** Slugs of the home page; default `''`, `home`, `index`. */
    homeSlugs?: readonly string[];
    /** Where failures are reported; default `console.error`. */
    logError?: (message: string) => void;
}

export interface RunningExampleSite {
    /** The site's base URL, e.g. `http://127.0.0.1:5173`. */
    url: string;
    close(): Promise<void>;
}

/** Serves the browser script: Vite middleware or built files. */
interface ScriptServer {
    scripts: string[];
    /** Handles the request when it is for a script or asset; false when it is not. */
    handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
    close(): Promise<void>;
}

const VITE_PATH_PREFIXES = ['/src/', '/@', '/node_modules/', '/assets/'];

async function startViteDev(): Promise<ScriptServer> {
    const { createServer } = await import('vite');
    const config = exampleSiteViteConfig();
    const vite = await createServer({
        ...config,
        configFile: false,
        appType: 'custom',
        server: { ...config.server, middlewareMode: true, hmr: false, ws: false }
    });
    return {
        scripts: [`/${clientEntry}`],
        handle: (request, response) =>
            new Promise<boolean>((resolve) => {
                if (!VITE_PATH_PREFIXES.some((prefix) => request.url?.startsWith(prefix))) {
                    resolve(false);
                    return;
                }
                vite.middlewares(request, response, () => resolve(false));
                response.once('finish', () => resolve(true));
            }),
        close: () => vite.close()
    };
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

async function startBuilt(): Promise<ScriptServer> {
    const { build } = await import('vite');
    await build({ ...exampleSiteViteConfig(), configFile: false });
    const distDir = join(exampleSiteRoot, 'dist');
    const manifest = JSON.parse(await readFile(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string; isEntry?: boolean }>;
    const entry = manifest[clientEntry] ?? Object.values(manifest).find((chunk) => chunk.isEntry);
    if (!entry) {
        throw new Error(`The example site's build has no entry for ${clientEntry} in ${distDir}/.vite/manifest.json`);
    }
    return {
        scripts: [`/${entry.file}`],
        async handle(request, response) {
            const pathname = new URL(request.url ?? '/', 'http://site').pathname;
            if (!pathname.startsWith('/assets/')) {
                return false;
            }
            const file = normalize(join(distDir, pathname));
            if (!file.startsWith(distDir)) {
                return false;
            }
            try {
                const body = await readFile(file);
                response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=31536000, immutable' });
                response.end(body);
            } catch {
                response.writeHead(404).end();
            }
            return true;
        },
        close: async () => undefined
    };
}

async function answerPage(handler: SiteHandler, request: IncomingMessage, response: ServerResponse, previewUrl: string, logError: (message: string) => void): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
    }
    if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
        return;
    }
    try {
        const page = await handler(url.pathname, url.origin);
        response.writeHead(page.status, page.headers);
        response.end(request.method === 'HEAD' ? undefined : page.body);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logError(`example-site: ${url.pathname}: reading content from ${previewUrl} failed: ${reason}`);
        response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`The content API at ${previewUrl} could not be read for ${url.pathname}: ${reason}`);
    }
}

/**
 * Starts the example site against a Contentful preview API (or the bundled emulator's).
 *
 * @returns the site's URL and a `close()` that stops the HTTP server and Vite
 */
export async function startExampleSite(options: ExampleSiteOptions): Promise<RunningExampleSite> {
    for (const name of ['previewUrl', 'spaceId', 'accessToken'] as const) {
        if (!options[name]) {
            throw new Error(`startExampleSite: option \`${name}\` is required`);
        }
    }
    const scripts = options.mode === 'build' ? await startBuilt() : await startViteDev();
    const reader = createContentReader({ apiUrl: options.previewUrl, spaceId: options.spaceId, environment: options.environment ?? 'master', accessToken: options.accessToken });
    const handler = createSiteHandler(reader, { scripts: scripts.scripts, ...(options.homeSlugs ? { homeSlugs: options.homeSlugs } : {}) });

    const logError = options.logError ?? ((message: string) => console.error(message));
    const server: Server = createHttpServer((request, response) => {
        scripts
            .handle(request, response)
            .then((handled) => (handled ? undefined : answerPage(handler, request, response, options.previewUrl, logError)))
            .catch((error: unknown) => {
                logError(`example-site: ${request.url ?? ''}: request failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
                if (!response.headersSent) {
                    response.writeHead(500);
                }
                response.end();
            });
    });
    const host = options.host ?? '127.0.0.1';
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(options.port ?? 0, host, () => resolve());
        });
    } catch (error) {
        await scripts.close();
        throw error;
    }
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        async close() {
            server.closeAllConnections();
            await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), scripts.close()]);
        }
    };
}

/** `npx tsx example-site/server.ts [--emulator] [--build]`: configured by environment variables. */
async function main(): Promise<void> {
    const args = new Set(process.argv.slice(2));
    const port = Number(process.env.PORT ?? 3000);
    const mode = args.has('--build') ? 'build' : 'dev';
    let closeEmulator: (() => Promise<void>) | undefined;
    let content: Pick<ExampleSiteOptions, 'previewUrl' | 'spaceId' | 'environment' | 'accessToken'>;
    if (args.has('--emulator')) {
        const { createDemoSpace, startEmulatorServer } = await import('../src/emulator/index.js');
        const space = createDemoSpace();
        const emulator = await startEmulatorServer({ space, port: Number(process.env.EMULATOR_PORT ?? 0) });
        closeEmulator = () => emulator.close();
        content = { previewUrl: emulator.previewUrl, spaceId: space.spaceId, environment: space.environment, accessToken: 'preview-token' };
        console.log(`Emulator: CMA ${emulator.url}, preview ${emulator.previewUrl}`);
    } else {
        const missing = ['CONTENTFUL_PREVIEW_URL', 'CONTENTFUL_SPACE_ID', 'CONTENTFUL_PREVIEW_TOKEN'].filter((name) => !process.env[name]);
        if (missing.length > 0) {
            throw new Error(`Set ${missing.join(', ')} (or pass --emulator to use the bundled emulator's demo space)`);
        }
        content = {
            previewUrl: process.env.CONTENTFUL_PREVIEW_URL!,
            spaceId: process.env.CONTENTFUL_SPACE_ID!,
            environment: process.env.CONTENTFUL_ENVIRONMENT ?? 'master',
            accessToken: process.env.CONTENTFUL_PREVIEW_TOKEN!
        };
    }
    const site = await startExampleSite({ ...content, port, mode, host: process.env.HOST ?? '127.0.0.1' });
    console.log(`Example site: ${site.url}/`);
    const stop = (): void => {
        void Promise.all([site.close(), closeEmulator?.()]).then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
