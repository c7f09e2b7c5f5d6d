/**
 * Runs the real local Visual Editor server — `stackbit dev` from @stackbit/cli — as a child process,
 * and talks to its local HTTP API. Used by `npm run demo` and by test/devserver.
 *
 * `stackbit dev` writes its identity (`localId`) and telemetry settings under `~/.config`; it runs
 * here with HOME (and XDG_CONFIG_HOME) in a throwaway directory, with telemetry switched off in that
 * directory, so it writes nothing into the user's home. It still bundles stackbit.config.ts into
 * `<dir>/.stackbit/cache/` (git-ignored) as it always does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the directory holding the top-level stackbit.config.ts). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Options of {@link startStackbitDev}. */
export interface StackbitDevOptions {
    /** The directory holding stackbit.config.ts (`stackbit dev -d`). Default: the repository root. */
    dir?: string;
    /** Port of the site `stackbit dev` forwards page requests to (`-p`). */
    sitePort: number;
    /** Host of that site (`-h`). Default `127.0.0.1` (`localhost` may resolve to ::1 where the site does not listen). */
    siteHost?: string;
    /** Environment for the child on top of `process.env`, e.g. the CONTENTFUL_* variables the config reads. */
    env?: Record<string, string | undefined>;
    /** Bearer secret of the local API (STACKBIT_API_SECRET). Default: a random one. */
    apiSecret?: string;
    /** Receives every output line of the child (colors removed), as it arrives. */
    onOutput?: (line: string) => void;
    /** Longest wait for the API to listen. Default 90 s. */
    startTimeoutMs?: number;
}

/** A running `stackbit dev`. */
export interface RunningStackbitDev {
    /** Base URL of its local API and proxy, e.g. `http://localhost:8090`. */
    apiUrl: string;
    port: number;
    /** The bearer secret `POST /_stackbit/:method` accepts. */
    apiSecret: string;
    /** The id `stackbit dev` printed (`info: localId: …`). */
    localId: string | undefined;
    /** Process id of the child. */
    pid: number;
    /** Every output line so far (colors removed). */
    output(): string[];
    /** Settles when the child exits, with its exit code (null when a signal ended it). */
    exited: Promise<number | null>;
    /** Calls a local API method: `POST /_stackbit/<method>` with the bearer secret; throws {@link StackbitDevApiError} on a non-2xx answer. */
    call<Result = unknown>(method: string, body?: unknown): Promise<Result>;
    /** Where `GET /_stackbit` redirects: the Visual Editor link (a web app, so it needs the internet). */
    editorUrl(): Promise<string | undefined>;
    /** Stops the child (SIGTERM to its process group, SIGKILL after 5 s) and removes the temporary HOME. */
    close(): Promise<void>;
}

/** `stackbit dev` did not come up; carries what it printed. */
export class StackbitDevStartError extends Error {
    constructor(
        message: string,
        readonly output: string[]
    ) {
        super(`${message}\n--- stackbit dev output (last lines) ---\n${output.slice(-40).join('\n')}`);
        this.name = 'StackbitDevStartError';
    }
}

/** A non-2xx answer of the local API. */
export class StackbitDevApiError extends Error {
    constructor(
        readonly method: string,
        readonly status: number,
        readonly body: string
    ) {
        super(`stackbit dev API ${method} answered ${status}: ${body}`);
        this.name = 'StackbitDevApiError';
    }
}

/** Path of the `stackbit` command of the installed @stackbit/cli. */
export function stackbitCliPath(): string {
    const requireHere = createRequire(import.meta.url);
    const packageJsonPath = requireHere.resolve('@stackbit/cli/package.json');
    const { bin } = requireHere(packageJsonPath) as { bin: Record<string, string> };
    return path.join(path.dirname(packageJsonPath), bin.stackbit!);
}

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/** Splits a stream into lines, colors removed. */
function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line.replace(ANSI_ESCAPES, ''));
    });
    stream.on('end', () => {
        if (pending) onLine(pending.replace(ANSI_ESCAPES, ''));
    });
}

/** A HOME for the child: `~/.config/stackbit-cli/config.json` with telemetry off, so nothing is sent or written at home. */
function createThrowawayHome(): string {
    const home = mkdtempSync(path.join(os.tmpdir(), 'lcs-stackbit-home-'));
    const cliConfigDir = path.join(home, '.config', 'stackbit-cli');
    mkdirSync(cliConfigDir, { recursive: true });
    writeFileSync(path.join(cliConfigDir, 'config.json'), JSON.stringify({ telemetryDisabled: true }));
    return home;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
        // The child leads its own process group (detached), so esbuild's service process goes too.
        process.kill(-child.pid, signal);
    } catch {
        child.kill(signal);
    }
}

/**
 * Whether a failed start lost a race that another try wins:
 * - every loader of a stackbit.config.ts (stackbit dev, @stackbit/sdk's loadConfig) first deletes the
 *   `stackbit.config.*` bundles in `<dir>/.stackbit/cache/`, then writes and imports its own, so two
 *   loaders starting together (parallel test files, a demo next to a test) can delete each other's
 *   bundle between write and import;
 * - stackbit dev picks its API port by probing from 8090 and listens later, so two starting together
 *   can pick the same port (EADDRINUSE).
 */
function lostAStartRace(error: unknown): boolean {
    if (!(error instanceof StackbitDevStartError)) return false;
    const lostBundle = error.output.some((line) => /Cannot find module|ENOENT/.test(line) && /\.stackbit\/cache\/stackbit\.config\./.test(line));
    const lostPort = error.output.some((line) => /EADDRINUSE/.test(line));
    return lostBundle || lostPort;
}

/**
 * Starts `stackbit dev` on a stackbit.config.ts and resolves once its API listens.
 *
 * The API port is the first free one from 8090 (stackbit dev has no option for it); it is read from
 * the child's own "Server running on port N" line, so several instances can run side by side.
 *
 * @throws StackbitDevStartError when the child exits or does not listen in time
 */
export async function startStackbitDev(options: StackbitDevOptions): Promise<RunningStackbitDev> {
    const apiSecret = options.apiSecret ?? randomBytes(16).toString('hex');
    for (let attempt = 1; ; attempt++) {
        try {
            return await startOnce(options, apiSecret);
        } catch (error) {
            if (attempt >= 5 || !lostAStartRace(error)) throw error;
            options.onOutput?.('(stackbit dev lost a start race with another instance — its config bundle or API port; starting it again)');
            // Start apart from whoever else is starting now.
            await new Promise((resolve) => setTimeout(resolve, attempt * (300 + Math.random() * 1200)));
        }
    }
}

async function startOnce(options: StackbitDevOptions, apiSecret: string): Promise<RunningStackbitDev> {
    const home = createThrowawayHome();
    const args = ['--require', path.join(repositoryRoot, 'scripts', 'exit-with-parent.cjs'), stackbitCliPath(), 'dev', '-d', options.dir ?? repositoryRoot, '-p', String(options.sitePort), '-h', options.siteHost ?? '127.0.0.1', '--log-level', 'debug'];
    const child = spawn(process.execPath, args, {
        cwd: options.dir ?? repositoryRoot,
        env: {
            ...process.env,
            ...options.env,
            HOME: home,
            USERPROFILE: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            STACKBIT_DEV_THROWAWAY_HOME: home,
            STACKBIT_API_SECRET: apiSecret,
            FORCE_COLOR: '0'
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
    });
    // Whatever happens to this process, the child must not outlive it.
    const killOnExit = (): void => killGroup(child, 'SIGKILL');
    process.once('exit', killOnExit);

    const lines: string[] = [];
    let localId: string | undefined;
    let port: number | undefined;
    let onPort: ((port: number) => void) | undefined;
    const handleLine = (line: string): void => {
        lines.push(line);
        if (lines.length > 5000) lines.splice(0, lines.length - 5000);
        localId ??= /localId: ([0-9a-f]+)/.exec(line)?.[1];
        const listening = /Server running on port (\d+)/.exec(line);
        if (listening && port === undefined) {
            port = Number(listening[1]);
            onPort?.(port);
        }
        options.onOutput?.(line);
    };
    forEachLine(child.stdout!, handleLine);
    forEachLine(child.stderr!, handleLine);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const cleanUp = async (): Promise<void> => {
        killGroup(child, 'SIGTERM');
        const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(forced);
        process.removeListener('exit', killOnExit);
        rmSync(home, { recursive: true, force: true });
    };

    const timeoutMs = options.startTimeoutMs ?? 90_000;
    try {
        port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new StackbitDevStartError(`stackbit dev did not start its API within ${timeoutMs} ms`, lines)), timeoutMs);
            onPort = (value) => {
                clearTimeout(timer);
                resolve(value);
            };
            child.once('error', (error) => {
                clearTimeout(timer);
                reject(new StackbitDevStartError(`stackbit dev could not be started (${process.execPath} ${args.join(' ')}): ${error.message}`, lines));
            });
            child.once('exit', (code, signal) => {
                clearTimeout(timer);
                reject(new StackbitDevStartError(`stackbit dev exited (${signal ?? `code ${code}`}) before its API listened`, lines));
            });
        });
    } catch (error) {
        await cleanUp();
        throw error;
    }

    const apiUrl = `http://localhost:${port}`;
    return {
        apiUrl,
        port,
        apiSecret,
        get localId() {
            return localId;
        },
        pid: child.pid!,
        output: () => [...lines],
        exited,
        async call<Result>(method: string, body: unknown = {}): Promise<Result> {
            const response = await fetch(`${apiUrl}/_stackbit/${method}`, {
                method: 'POST',
                headers: { authorization: `Bearer ${apiSecret}`, 'content-type': 'application/json' },
                body: JSON.stringify(body)
            });
            const text = await response.text();
            if (!response.ok) {
                throw new StackbitDevApiError(method, response.status, text);
            }
            return (text ? JSON.parse(text) : undefined) as Result;
        },
        async editorUrl() {
            const response = await fetch(`${apiUrl}/_stackbit`, { redirect: 'manual' });
            return response.headers.get('location') ?? undefined;
        },
        close: cleanUp
    };
}
