/**
 * `npm run demo` as a user runs it: the script as a child process (the way `npm run demo` starts it),
 * its printed output, that it stops cleanly on Ctrl-C (SIGINT to its process group, as a terminal
 * sends it) and with DEMO_EXIT=1, that it writes nothing into HOME, and the real-space mode (pointed at
 * an emulator in this process standing in for Contentful).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoSpace, RequestLog, startEmulatorServer } from '../../src/emulator/index.js';
import { repositoryRoot, stackbitCliPath } from '../../scripts/stackbit-dev.js';
import { findCliProblem } from './support.js';

const cliProblem = findCliProblem(stackbitCliPath);

interface DemoRun {
    stdout: () => string;
    stderr: () => string;
    /** Resolves with the exit code once the demo exited. */
    exit: Promise<number | null>;
    /** Resolves when the output contains `text`; rejects when the demo exits first. */
    waitFor(text: string): Promise<void>;
    /** Sends a signal to the demo's whole process group, like Ctrl-C in a terminal. */
    signalGroup(signal: NodeJS.Signals): void;
    /** Sends a signal to the demo process alone. */
    kill(signal: NodeJS.Signals): void;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs scripts/demo.ts with a clean CONTENTFUL_* environment plus `env`, and a throwaway HOME. */
function runDemo(env: Record<string, string>): DemoRun & { home: string } {
    const home = mkdtempSync(path.join(os.tmpdir(), 'lcs-demo-home-'));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CONTENTFUL_') && !name.startsWith('DEMO_') && name !== 'STACKBIT_API_SECRET'));
    // What `npm run demo` runs.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
        cwd: repositoryRoot,
        env: { ...inherited, HOME: home, SITE_PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
    });
    let stdout = '';
    let stderr = '';
    const waiters: { text: string; resolve: () => void }[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        for (const waiter of waiters.filter((candidate) => stdout.includes(candidate.text))) waiter.resolve();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
        if (child.exitCode === null && child.signalCode === null) {
            process.kill(-child.pid!, 'SIGKILL');
            await exit;
        }
        rmSync(home, { recursive: true, force: true });
    });
    return {
        home,
        stdout: () => stdout,
        stderr: () => stderr,
        exit,
        waitFor: (text) =>
            new Promise<void>((resolve, reject) => {
                if (stdout.includes(text)) return resolve();
                waiters.push({ text, resolve });
                void exit.then((code) => reject(new Error(`the demo exited (code ${code}) before printing "${text}".\nstdout:\n${stdout}\nstderr:\n${stderr}`)));
            }),
        signalGroup: (signal) => process.kill(-child.pid!, signal),
        kill: (signal) => child.kill(signal)
    };
}

/** The `stackbit dev` API URL the demo printed. */
function printedApiUrl(stdout: string): string {
    const url = /^stackbit dev\s+(http:\/\/localhost:\d+)\//m.exec(stdout)?.[1];
    expect(url, `stackbit dev URL in:\n${stdout}`).toBeDefined();
    return url!;
}

async function isListening(url: string): Promise<boolean> {
    return fetch(`${url}/_health`).then(
        () => true,
        () => false
    );
}

describe.skipIf(Boolean(cliProblem))('npm run demo', () => {
    it('offline: prints the URLs and the per-locale report, serves the stackbit dev API until Ctrl-C, then stops everything and leaves HOME untouched', async () => {
        const demo = runDemo({});
        await demo.waitFor('press Ctrl-C to stop');
        const stdout = demo.stdout();
        expect(stdout).toMatch(/^Contentful emulator \(offline\)\s+CMA http:\/\/127\.0\.0\.1:\d+/m);
        expect(stdout).toMatch(/^Example site\s+http:\/\/127\.0\.0\.1:\d+\/en-US\/ .*\[home page renders\]/m);
        expect(stdout).toMatch(/^Visual Editor \(needs internet\) http:\/\/localhost:\d+\/_stackbit\s+\(redirects to https:\/\/create\.netlify\.com\/local\/\S+\)/m);
        expect(stdout).toMatch(/^Locales: en-US \(default\), fr → en-US, de → en-US, fr-CA → fr$/m);
        // fr-CA has no page of its own: the report says where each page comes from.
        const frenchCanadian = stdout.slice(stdout.indexOf('── fr-CA ──'));
        expect(frenchCanadian).toMatch(/inherited from fr \(home-fr\)\s+page "Welcome to Acme Coffee" \(object-level\)/);
        expect(frenchCanadian).toMatch(/inherited from en-US \(contact-en-US\)\s+page "Contact" \(object-level\)/);
        expect(stdout).toMatch(/^ {2}de\s+1 page, 3 product, 1 siteConfig$/m);

        // The API it printed is the real stackbit dev, answering with the printed secret.
        const apiUrl = printedApiUrl(stdout);
        const secret = /Authorization: Bearer ([0-9a-f]+)/.exec(stdout)?.[1];
        const answer = await fetch(`${apiUrl}/_stackbit/getCollections`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{"locale":"fr"}' });
        expect(answer.status).toBe(200);

        demo.signalGroup('SIGINT');
        expect(await demo.exit).toBe(0);
        expect(demo.stdout()).toContain('SIGINT: stopping');
        expect(await isListening(apiUrl)).toBe(false);
        expect(readdirSync(demo.home)).toEqual([]);
    }, 50_000);

    it('leaves no stackbit dev behind when the demo itself is killed without a chance to clean up (SIGKILL)', async () => {
        const demo = runDemo({});
        await demo.waitFor('press Ctrl-C to stop');
        const apiUrl = printedApiUrl(demo.stdout());
        expect(await isListening(apiUrl)).toBe(true);
        demo.kill('SIGKILL');
        await demo.exit;
        // stackbit dev notices it was orphaned and exits (it polls twice a second).
        const deadline = Date.now() + 5000;
        while ((await isListening(apiUrl)) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(await isListening(apiUrl)).toBe(false);
    }, 50_000);

    it('with CONTENTFUL_SPACE_ID and a token set, uses that space instead of the emulator, and DEMO_EXIT=1 exits after printing', async () => {
        const space = createDemoSpace({ spaceId: 'acme-live' });
        const log = new RequestLog();
        const contentful = await startEmulatorServer({ space, handlersOptions: { log } });
        cleanups.push(() => contentful.close());
        const demo = runDemo({
            DEMO_EXIT: '1',
            CONTENTFUL_SPACE_ID: 'acme-live',
            CONTENTFUL_MANAGEMENT_TOKEN: 'cma-token',
            CONTENTFUL_HOST: contentful.host,
            CONTENTFUL_INSECURE: 'true',
            CONTENTFUL_PREVIEW_TOKEN: 'preview-token',
            CONTENTFUL_PREVIEW_URL: contentful.previewUrl
        });
        expect(await demo.exit, demo.stderr()).toBe(0);
        const stdout = demo.stdout();
        expect(stdout).toContain(`Contentful space "acme-live" (environment "master") via ${contentful.host}`);
        expect(stdout).not.toContain('emulator (offline)');
        expect(stdout).toMatch(/^Example site\s+http:\/\/127\.0\.0\.1:\d+\/en-US\/ .*\[home page renders\]/m);
        expect(stdout).toMatch(/^ {2}fr\s+2 page, 3 product, 1 siteConfig$/m);
        // Both the editor (CMA) and the site (preview API) read this space.
        expect(log.count({ api: 'cma', route: '/locales' })).toBeGreaterThan(0);
        expect(log.all().some((request) => request.api === 'preview')).toBe(true);
        expect(log.all().every((request) => request.path.includes('/spaces/acme-live'))).toBe(true);
        expect(await isListening(printedApiUrl(stdout))).toBe(false);
    }, 50_000);

    it('refuses half a real-space configuration: CONTENTFUL_SPACE_ID without a token names the missing variable', async () => {
        const demo = runDemo({ CONTENTFUL_SPACE_ID: 'acme-live' });
        expect(await demo.exit).toBe(1);
        expect(demo.stderr()).toContain('CONTENTFUL_MANAGEMENT_TOKEN is not set');
        expect(demo.stdout()).not.toContain('Starting stackbit dev');
    }, 30_000);
});
