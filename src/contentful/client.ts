/**
 * The connection to the Content Management API: the official plain client, wrapped so that every
 * call retries transient failures (429, 5xx, dropped connections) with backoff, honours
 * Contentful's rate-limit headers across concurrent calls, and fails with a
 * {@link ContentfulRequestError} that carries the HTTP status and Contentful's error id.
 *
 * The SDK's own retry is turned off: it cannot tell callers whether a failed write may still have
 * been applied, and its fixed ~19 s schedule cannot be tuned for tests.
 */
import { createClient, type PlainClientAPI } from 'contentful-management';
import { ContentfulRequestError } from '../errors.js';

/** How a call is retried. */
export interface RetryPolicy {
    limit: number;
    baseDelayMs: number;
    maxDelayMs: number;
}

/** Options to build a connection (already resolved, see `resolveOptions`). */
export interface ConnectionOptions {
    spaceId: string;
    environment: string;
    accessToken: string;
    host?: string;
    hostUpload?: string;
    insecure?: boolean;
    timeoutMs: number;
    retry: RetryPolicy;
    /** Called for every retried failure, for logging. */
    onRetry?: (info: { label: string; attempt: number; delayMs: number; error: ContentfulRequestError }) => void;
}

/** A wrapped call failed; `maybeApplied` tells whether an earlier attempt may have reached Contentful. */
export interface CallFailure {
    error: ContentfulRequestError;
    maybeApplied: boolean;
}

/** The live connection used by `api.ts`. */
export interface ContentfulConnection {
    readonly client: PlainClientAPI;
    readonly spaceId: string;
    readonly environment: string;
    /**
     * Runs one API call with retries. `label` names it in errors (`"GET entry abc"`).
     * On final failure throws a ContentfulRequestError whose `maybeApplied` flag says whether an
     * earlier attempt may have been applied (its response was lost), so callers of non-idempotent
     * writes can check before assuming nothing happened.
     */
    call<T>(label: string, fn: (client: PlainClientAPI) => Promise<T>): Promise<T>;
}

interface AxiosLikeError {
    isAxiosError?: boolean;
    code?: string;
    message?: string;
    response?: { status?: number; headers?: Record<string, unknown> };
}

/** Shared pause for every call after a 429 or an exhausted per-second budget. */
class RateGate {
    private resumeAt = 0;
    pauseFor(ms: number): void {
        this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
    }
    async wait(): Promise<void> {
        const delay = this.resumeAt - Date.now();
        if (delay > 0) {
            await sleep(delay);
        }
    }
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function headerNumber(headers: Record<string, unknown> | undefined, name: string): number | undefined {
    const raw = headers?.[name];
    const value = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
    return Number.isFinite(value) ? value : undefined;
}

/**
 * Turns whatever the SDK threw into a ContentfulRequestError. The SDK throws an Error whose `name`
 * is Contentful's error id and whose `message` is a JSON document, or the raw axios error when no
 * response arrived.
 */
export function toRequestError(label: string, thrown: unknown): ContentfulRequestError {
    if (thrown instanceof ContentfulRequestError) {
        return thrown;
    }
    const axiosError = thrown as AxiosLikeError;
    if (axiosError && axiosError.isAxiosError && !axiosError.response) {
        return new ContentfulRequestError({
            message: `${label} failed: no response from Contentful (${axiosError.code ?? axiosError.message ?? 'connection error'})`,
            cause: thrown
        });
    }
    if (thrown instanceof Error) {
        let parsed: { status?: number; statusText?: string; message?: string; details?: unknown; requestId?: string } | undefined;
        try {
            parsed = JSON.parse(thrown.message);
        } catch {
            parsed = undefined;
        }
        if (parsed && typeof parsed === 'object' && typeof parsed.status === 'number') {
            const errorId = thrown.name && !/^\d{3} /.test(thrown.name) ? thrown.name : undefined;
            const explanation = parsed.message ? `: ${parsed.message}` : '';
            const details = describeDetails(parsed.details);
            return new ContentfulRequestError({
                message: `${label} failed: Contentful answered ${parsed.status} ${errorId ?? parsed.statusText ?? ''}${explanation}${details}`,
                status: parsed.status,
                errorId,
                details: parsed.details,
                requestId: parsed.requestId,
                cause: thrown
            });
        }
        return new ContentfulRequestError({ message: `${label} failed: ${thrown.message}`, cause: thrown });
    }
    return new ContentfulRequestError({ message: `${label} failed: ${String(thrown)}`, cause: thrown });
}

function describeDetails(details: unknown): string {
    const errors = (details as { errors?: { name?: string; path?: unknown[]; details?: string }[] } | undefined)?.errors;
    if (!Array.isArray(errors) || errors.length === 0) {
        return '';
    }
    const parts = errors.slice(0, 5).map((error) => {
        const path = Array.isArray(error.path) ? error.path.join('.') : '';
        return [error.name, path, error.details].filter(Boolean).join(' ');
    });
    return ` (${parts.join('; ')}${errors.length > 5 ? `; and ${errors.length - 5} more` : ''})`;
}

/** Whether a failure is worth retrying: throttling, server errors and lost connections. */
export function isTransient(error: ContentfulRequestError): boolean {
    return error.status === undefined || error.status === 429 || error.status >= 500;
}

/** Builds the connection. Nothing is sent until the first call. */
export function createConnection(options: ConnectionOptions): ContentfulConnection {
    const gate = new RateGate();
    // The SDK's response hooks see rate-limit headers that its errors drop; keep the latest reset.
    let lastResetSeconds: number | undefined;
    const onResponse = (responseOrError: unknown): void => {
        const asError = responseOrError as AxiosLikeError;
        const response = (asError && asError.response) || (responseOrError as AxiosLikeError['response']);
        const headers = response?.headers as Record<string, unknown> | undefined;
        if (!headers) {
            return;
        }
        const reset = headerNumber(headers, 'x-contentful-ratelimit-reset');
        if (response?.status === 429) {
            lastResetSeconds = reset;
            gate.pauseFor(throttleDelay(reset, options.retry.baseDelayMs));
        } else if (headerNumber(headers, 'x-contentful-ratelimit-second-remaining') === 0) {
            gate.pauseFor(Math.max(1, reset ?? 1) * 1000);
        }
    };
    const client = createClient(
        {
            accessToken: options.accessToken,
            host: options.host,
            hostUpload: options.hostUpload,
            insecure: options.insecure,
            retryOnError: false,
            timeout: options.timeoutMs,
            responseLogger: onResponse,
            logHandler: () => undefined
        },
        { type: 'plain', defaults: { spaceId: options.spaceId, environmentId: options.environment } }
    );

    async function call<T>(label: string, fn: (client: PlainClientAPI) => Promise<T>): Promise<T> {
        let maybeApplied = false;
        for (let attempt = 0; ; attempt++) {
            await gate.wait();
            try {
                return await fn(client);
            } catch (thrown) {
                const error = toRequestError(label, thrown);
                if (!isTransient(error) || attempt >= options.retry.limit) {
                    throw Object.assign(error, { maybeApplied, attempts: attempt + 1 });
                }
                // A lost connection or a 5xx may hide a write that was applied.
                maybeApplied = maybeApplied || error.status !== 429;
                const backoff = backoffDelay(attempt, options.retry.baseDelayMs, options.retry.maxDelayMs);
                const delayMs = error.status === 429 ? throttleDelay(lastResetSeconds, backoff) : backoff;
                options.onRetry?.({ label, attempt: attempt + 1, delayMs, error });
                await sleep(delayMs);
            }
        }
    }

    return { client, spaceId: options.spaceId, environment: options.environment, call };
}

/**
 * How long a 429 asks to wait: its `X-Contentful-RateLimit-Reset` (seconds) when Contentful gives
 * one, else (`0`: the window is already over) the caller's backoff, so `requests.retry*` apply.
 */
function throttleDelay(resetSeconds: number | undefined, fallbackMs: number): number {
    return resetSeconds !== undefined && resetSeconds > 0 ? resetSeconds * 1000 : fallbackMs;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so concurrent retries spread out. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Reads the `maybeApplied` flag `call` attaches to its errors. */
export function wasMaybeApplied(error: unknown): boolean {
    return Boolean((error as { maybeApplied?: boolean } | undefined)?.maybeApplied);
}
