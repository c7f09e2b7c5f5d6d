/**
 * Runs one measurement script in a fresh Node process (`--expose-gc`, tsx) and returns the JSON it
 * prints on its `RESULT ` line. A fresh process per measurement gives every contender the same clean
 * heap and JIT state, so time and memory figures do not depend on what ran before.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ChildOptions {
    /** Extra Node flags. */
    nodeFlags?: string[];
    /** Extra environment variables (e.g. BENCH_CPU_PROFILE). */
    env?: Record<string, string>;
    timeoutMs?: number;
}

/** Runs `bench/<script>` with `params` (passed as JSON) and resolves to its result. */
export function runChild<T>(script: string, params: object, options: ChildOptions = {}): Promise<T> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...(options.nodeFlags ?? []), '--import', 'tsx', path.join(here, script), JSON.stringify(params)], {
            cwd: path.join(here, '..'),
            env: { ...process.env, ...options.env },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
        child.on('close', (code) => {
            clearTimeout(timer);
            const line = stdout.split('\n').find((one) => one.startsWith('RESULT '));
            if (code !== 0 || !line) {
                reject(new Error(`${script} ${JSON.stringify(params)} failed (exit ${code}): ${stderr.trim().slice(-2000) || stdout.trim().slice(-2000)}`));
                return;
            }
            resolve(JSON.parse(line.slice('RESULT '.length)) as T);
        });
    });
}

/** Prints a result line for the parent and exits (timers of the measured source must not keep it alive). */
export function reportResult(result: unknown): never {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
}

/** Runs a child's main function, reporting failures on stderr with a non-zero exit. */
export function childMain(main: () => Promise<unknown>): void {
    main().then(reportResult, (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
    });
}

/** The JSON parameters a child was started with. */
export function childParams<T>(): T {
    return JSON.parse(process.argv[2] ?? '{}') as T;
}
