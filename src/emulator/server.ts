/**
 * The emulator as a local HTTP server (offline demo, example site, anything that cannot use msw in
 * process). A plain `node:http` server turns each request into a fetch `Request` and answers it with
 * msw's `getResponse` over the same handlers the tests use.
 *
 * One port serves everything, told apart by path:
 * - `/spaces/…` — the CMA (and, for `…/uploads`, the upload API): `contentful-management` with
 *   `{ host: '127.0.0.1:PORT', hostUpload: '127.0.0.1:PORT', insecure: true }`;
 * - `/preview/spaces/…` — the Content Preview API: `contentful` with `{ host, insecure: true, basePath: 'preview' }`;
 * - `/delivery/spaces/…` — the Content Delivery API (`basePath: 'delivery'`);
 * - `/files/…` — processed asset files (the space's asset base URL is moved here unless
 *   `serveAssetFiles: false`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createContentfulHandlers, type ContentfulHandlersOptions } from './handlers.js';
import type { EmulatedSpace } from './space.js';

/** Options of {@link startEmulatorServer}. */
export interface EmulatorServerOptions {
    space: EmulatedSpace;
    /** 0 (default) picks a free port. */
    port?: number;
    /** Default `'127.0.0.1'`. */
    host?: string;
    handlersOptions?: Omit<ContentfulHandlersOptions, 'baseUrls'>;
    /** Serve processed asset files at `/files/` and point the space's asset base URL there. Default true. */
    serveAssetFiles?: boolean;
}

/** A running emulator server. */
export interface RunningEmulatorServer {
    /** CMA + upload base URL, e.g. `http://127.0.0.1:PORT`. */
    url: string;
    /** Content Preview API base URL (`url + '/preview'`). */
    previewUrl: string;
    /** Content Delivery API base URL (`url + '/delivery'`). */
    deliveryUrl: string;
    /** `host:port`, what the Contentful clients take as `host`. */
    host: string;
    close(): Promise<void>;
}

/** Internal base URLs the handlers answer; the server maps its paths onto them. */
const INTERNAL = {
    cma: 'http://cma.emulator.internal',
    upload: 'http://upload.emulator.internal',
    preview: 'http://preview.emulator.internal',
    delivery: 'http://delivery.emulator.internal'
};

function internalUrl(path: string): string {
    if (path.startsWith('/preview/')) {
        return INTERNAL.preview + path.slice('/preview'.length);
    }
    if (path.startsWith('/delivery/')) {
        return INTERNAL.delivery + path.slice('/delivery'.length);
    }
    if (/^\/spaces\/[^/]+(\/environments\/[^/]+)?\/uploads(\/|\?|$)/.test(path)) {
        return INTERNAL.upload + path;
    }
    return INTERNAL.cma + path;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
        chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
}

function toFetchRequest(request: IncomingMessage, body: Buffer): Request {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && name !== 'host' && name !== 'connection' && name !== 'content-length') {
            headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
    }
    const method = request.method ?? 'GET';
    const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
    return new Request(internalUrl(request.url ?? '/'), { method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) });
}

function serveFile(space: EmulatedSpace, path: string, response: ServerResponse): void {
    const key = path.slice('/files/'.length).split('?')[0]!;
    const file = space.files.get(key) ?? space.files.get(decodeURIComponent(key));
    if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`No file ${key}`);
        return;
    }
    response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.bytes.length, 'Cache-Control': 'public, max-age=60' }).end(Buffer.from(file.bytes));
}

/** Starts the emulator over `space` as an HTTP server. */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<RunningEmulatorServer> {
    const { space } = options;
    const handlers = createContentfulHandlers(space, { ...options.handlersOptions, baseUrls: INTERNAL });
    const server = createServer((request, response) => {
        const path = request.url ?? '/';
        if (path.startsWith('/files/') && request.method === 'GET') {
            serveFile(space, path, response);
            return;
        }
        void (async () => {
            try {
                const fetchRequest = toFetchRequest(request, await readBody(request));
                const answer = await getResponse(handlers, fetchRequest);
                if (!answer || answer.type === 'error') {
                    request.socket.destroy(); // an injected dropped connection
                    return;
                }
                const headers: Record<string, string> = {};
                answer.headers.forEach((value, name) => {
                    headers[name] = value;
                });
                const bytes = Buffer.from(await answer.arrayBuffer());
                response.writeHead(answer.status, headers).end(bytes);
            } catch (error) {
                response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`Contentful emulator server error: ${error instanceof Error ? error.message : String(error)}`);
            }
        })();
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const hostPort = `${host}:${port}`;
    const url = `http://${hostPort}`;
    if (options.serveAssetFiles !== false) {
        space.setAssetBaseUrl(`//${hostPort}/files`);
    }
    return {
        url,
        previewUrl: `${url}/preview`,
        deliveryUrl: `${url}/delivery`,
        host: hostPort,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.closeAllConnections();
                server.close((error) => (error ? reject(error) : resolve()));
            })
    };
}
