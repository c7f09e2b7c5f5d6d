/**
 * Builds @stackbit/cms-core's ContentStore — the engine behind the Visual Editor — around a content
 * source, the way `stackbit dev` does, so tests drive the adapter exactly as the editor would.
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach } from 'vitest';
import { ContentStore, GitService, getCommandRunner } from '@stackbit/cms-core';
import type { Config } from '@stackbit/sdk';
import type { Logger, StackbitConfig } from '@stackbit/types';
import { Worker } from '@stackbit/utils';

export interface CapturedLogs {
    error: string[];
    warn: string[];
    info: string[];
}

/** A logger that keeps what it was told, so tests can assert on warnings. */
export function createTestLogger(logs: CapturedLogs = { error: [], warn: [], info: [] }): Logger & { logs: CapturedLogs } {
    const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
    const logger = {
        logs,
        error: (...args: unknown[]) => void logs.error.push(text(args)),
        warn: (...args: unknown[]) => void logs.warn.push(text(args)),
        info: (...args: unknown[]) => void logs.info.push(text(args)),
        debug: () => undefined,
        createLogger: () => logger
    };
    return logger as unknown as Logger & { logs: CapturedLogs };
}

export interface EngineHandle {
    store: ContentStore;
    logger: ReturnType<typeof createTestLogger>;
    /** Content changes the engine reported to the editor. */
    contentChanges: unknown[];
    /** Custom action state changes the engine reported to the editor (running, finished, success / error messages). */
    actionStates: Record<string, unknown>[];
    destroy(): Promise<void>;
}

/** Starts a ContentStore with the given content sources and config extras. */
export async function startEngine(options: {
    /** Typed like StackbitConfig's: a source with its own context types is accepted. */
    contentSources: NonNullable<StackbitConfig['contentSources']>;
    config?: Partial<StackbitConfig>;
}): Promise<EngineHandle> {
    const dirPath = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-engine-'));
    const logger = createTestLogger();
    const runCommand = getCommandRunner({ env: process.env });
    const contentChanges: unknown[] = [];
    const actionStates: Record<string, unknown>[] = [];
    const store = new ContentStore({
        logger,
        userLogger: logger,
        isLocalDev: true,
        isDevServer: false,
        staticAssetsPublicPath: '/_static/app-assets',
        runCommand,
        git: new GitService({
            repoUrl: '',
            repoDir: dirPath,
            repoBranch: 'preview',
            repoPublishBranch: 'main',
            worker: new Worker(),
            runCommand,
            logger,
            userLogger: logger
        }),
        onSchemaChangeCallback: () => undefined,
        onContentChangeCallback: (changes) => void contentChanges.push(changes),
        onActionStateChangeCallback: (state) => void actionStates.push(state as unknown as Record<string, unknown>),
        handleConfigAssets: async ({ models, presets }) => ({ models: models ?? [], presets: presets ?? {} })
    });
    const stackbitConfig = {
        stackbitVersion: '~0.7.0',
        modelExtensions: [],
        ...options.config,
        contentSources: options.contentSources,
        dirPath,
        filePath: path.join(dirPath, 'stackbit.config.ts'),
        models: []
    } as unknown as Config;
    await store.init({ stackbitConfig });
    return {
        store,
        logger,
        contentChanges,
        actionStates,
        async destroy() {
            await store.destroy();
            fs.rmSync(dirPath, { recursive: true, force: true });
        }
    };
}

/** An engine user (what the Studio sends), with a Contentful connection. */
export function engineUser(email: string, extra: { role?: string; name?: string } = {}) {
    return {
        id: email,
        name: extra.name ?? email.split('@')[0]!,
        email,
        role: extra.role,
        connections: [{ type: 'contentful', accessToken: 'user-token' }]
    };
}

/**
 * Starts engines for one test and destroys them after it (cms-core's init starts a 30-minute timer,
 * so a forgotten engine keeps vitest alive). Call once per describe block.
 */
export function useEngine(): (options: Parameters<typeof startEngine>[0]) => Promise<EngineHandle> {
    const started: EngineHandle[] = [];
    afterEach(async () => {
        await Promise.all(started.splice(0).map((engine) => engine.destroy()));
    });
    return async (options) => {
        const engine = await startEngine(options);
        started.push(engine);
        return engine;
    };
}
