/**
 * Resolves the constructor options against environment variables and defaults, and validates what
 * can be validated without Contentful. Runs at `init` (bad config fails there, never later).
 */
import type { EntryProps } from 'contentful-management';
import { ConfigError } from '../errors.js';
import type { AccessOptions, LocalizedContentfulSourceOptions } from '../options.js';

/** Options with every default applied. */
export interface ResolvedOptions {
    spaceId: string;
    environment: string;
    accessToken: string;
    host?: string;
    hostUpload?: string;
    insecure: boolean;
    locales?: string[];
    fallbacks?: Record<string, string | null>;
    objectLevel: {
        models: string[];
        localeField: string;
        translationKeyField: string;
        getDocumentLocale?: (entry: EntryProps) => string | undefined;
        sharedFields: Record<string, string[]>;
    };
    access?: AccessOptions;
    localeBasedPublishing: boolean | 'auto';
    managementAppUrl: string;
    sync: { pollIntervalMs: number; deletionCheckIntervalMs: number };
    requests: {
        pageSize: number;
        concurrency: number;
        retryLimit: number;
        retryBaseDelayMs: number;
        retryMaxDelayMs: number;
        bulkActionTimeoutMs: number;
        timeoutMs: number;
    };
}

type Env = Record<string, string | undefined>;

function requireString(option: string, value: unknown, envName?: string): string {
    if (value === undefined || value === null || value === '') {
        const env = envName ? ` (or set the ${envName} environment variable)` : '';
        throw new ConfigError(option, `is required${env}`);
    }
    if (typeof value !== 'string' || value.trim() !== value || value === '') {
        throw new ConfigError(option, `must be a non-empty string without surrounding spaces, got ${JSON.stringify(value)}`);
    }
    return value;
}

function optionalString(option: string, value: unknown): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    return requireString(option, value);
}

function stringList(option: string, value: unknown, { allowEmpty = false } = {}): string[] {
    if (!Array.isArray(value)) {
        throw new ConfigError(option, `must be an array of strings, got ${JSON.stringify(value)}`);
    }
    if (!allowEmpty && value.length === 0) {
        throw new ConfigError(option, 'must not be empty');
    }
    value.forEach((item, index) => {
        if (typeof item !== 'string' || item === '') {
            throw new ConfigError(`${option}[${index}]`, `must be a non-empty string, got ${JSON.stringify(item)}`);
        }
    });
    const duplicate = value.find((item, index) => value.indexOf(item) !== index);
    if (duplicate !== undefined) {
        throw new ConfigError(option, `lists "${duplicate}" twice`);
    }
    return value as string[];
}

function positiveNumber(option: string, value: unknown, fallback: number, { max = Infinity, integer = true } = {}): number {
    if (value === undefined) {
        return fallback;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max || (integer && !Number.isInteger(value))) {
        const limit = Number.isFinite(max) ? ` up to ${max}` : '';
        throw new ConfigError(option, `must be a positive ${integer ? 'integer' : 'number'}${limit}, got ${JSON.stringify(value)}`);
    }
    return value;
}

function plainObject(option: string, value: unknown): Record<string, unknown> | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ConfigError(option, `must be an object, got ${JSON.stringify(value)}`);
    }
    return value as Record<string, unknown>;
}

function resolveObjectLevel(raw: LocalizedContentfulSourceOptions['objectLevel']): ResolvedOptions['objectLevel'] {
    const objectLevel = plainObject('objectLevel', raw);
    if (!objectLevel) {
        return { models: [], localeField: 'locale', translationKeyField: 'translationKey', sharedFields: {} };
    }
    const models = stringList('objectLevel.models', objectLevel.models);
    const localeField = optionalString('objectLevel.localeField', objectLevel.localeField) ?? 'locale';
    const translationKeyField = optionalString('objectLevel.translationKeyField', objectLevel.translationKeyField) ?? 'translationKey';
    if (localeField === translationKeyField) {
        throw new ConfigError('objectLevel.translationKeyField', `must differ from objectLevel.localeField ("${localeField}")`);
    }
    const getDocumentLocale = objectLevel.getDocumentLocale;
    if (getDocumentLocale !== undefined && typeof getDocumentLocale !== 'function') {
        throw new ConfigError('objectLevel.getDocumentLocale', 'must be a function (entry) => locale code');
    }
    const sharedFieldsRaw = plainObject('objectLevel.sharedFields', objectLevel.sharedFields) ?? {};
    const sharedFields: Record<string, string[]> = {};
    for (const [model, fields] of Object.entries(sharedFieldsRaw)) {
        if (!models.includes(model)) {
            throw new ConfigError(`objectLevel.sharedFields.${model}`, `"${model}" is not listed in objectLevel.models (${models.join(', ')})`);
        }
        const list = stringList(`objectLevel.sharedFields.${model}`, fields);
        for (const reserved of [localeField, translationKeyField]) {
            if (list.includes(reserved)) {
                throw new ConfigError(`objectLevel.sharedFields.${model}`, `"${reserved}" cannot be shared: it differs per variant by design`);
            }
        }
        sharedFields[model] = list;
    }
    return {
        models,
        localeField,
        translationKeyField,
        getDocumentLocale: getDocumentLocale as ResolvedOptions['objectLevel']['getDocumentLocale'],
        sharedFields
    };
}

/**
 * Applies environment-variable fallbacks and defaults and checks every option's type and range.
 * Checks that need the space (locale codes, content types, fields) happen later in `init`.
 */
export function resolveOptions(options: LocalizedContentfulSourceOptions, env: Env = process.env): ResolvedOptions {
    if (typeof options !== 'object' || options === null) {
        throw new ConfigError('options', 'LocalizedContentfulSource needs an options object');
    }
    const spaceId = requireString('spaceId', options.spaceId ?? env.CONTENTFUL_SPACE_ID, 'CONTENTFUL_SPACE_ID');
    const environment = requireString('environment', options.environment ?? env.CONTENTFUL_ENVIRONMENT ?? 'master');
    const accessToken = requireString('accessToken', options.accessToken ?? env.CONTENTFUL_MANAGEMENT_TOKEN, 'CONTENTFUL_MANAGEMENT_TOKEN');
    const host = optionalString('host', options.host);
    if (host && /^[a-z]+:\/\//i.test(host)) {
        throw new ConfigError('host', `must be a host name with an optional port, without a protocol (use \`insecure: true\` for http), got "${host}"`);
    }
    const hostUpload = optionalString('hostUpload', options.hostUpload);
    if (options.insecure !== undefined && typeof options.insecure !== 'boolean') {
        throw new ConfigError('insecure', `must be a boolean, got ${JSON.stringify(options.insecure)}`);
    }
    const locales = options.locales === undefined ? undefined : stringList('locales', options.locales);
    const fallbacksRaw = plainObject('fallbacks', options.fallbacks);
    if (fallbacksRaw) {
        for (const [code, target] of Object.entries(fallbacksRaw)) {
            if (target !== null && (typeof target !== 'string' || target === '')) {
                throw new ConfigError(`fallbacks.${code}`, `must be a locale code or null, got ${JSON.stringify(target)}`);
            }
        }
    }
    const lbp = options.localeBasedPublishing ?? 'auto';
    if (lbp !== 'auto' && typeof lbp !== 'boolean') {
        throw new ConfigError('localeBasedPublishing', `must be true, false or 'auto', got ${JSON.stringify(lbp)}`);
    }
    plainObject('access', options.access);
    const sync = plainObject('sync', options.sync) ?? {};
    const requests = plainObject('requests', options.requests) ?? {};
    return {
        spaceId,
        environment,
        accessToken,
        host,
        hostUpload: hostUpload ?? host,
        insecure: options.insecure ?? false,
        locales,
        fallbacks: fallbacksRaw as Record<string, string | null> | undefined,
        objectLevel: resolveObjectLevel(options.objectLevel),
        access: options.access,
        localeBasedPublishing: lbp,
        managementAppUrl: optionalString('managementAppUrl', options.managementAppUrl) ?? 'https://app.contentful.com',
        sync: {
            pollIntervalMs: positiveNumber('sync.pollIntervalMs', sync.pollIntervalMs, 2000),
            deletionCheckIntervalMs: positiveNumber('sync.deletionCheckIntervalMs', sync.deletionCheckIntervalMs, 15000)
        },
        requests: {
            pageSize: positiveNumber('requests.pageSize', requests.pageSize, 1000, { max: 1000 }),
            concurrency: positiveNumber('requests.concurrency', requests.concurrency, 4, { max: 10 }),
            retryLimit: requests.retryLimit === 0 ? 0 : positiveNumber('requests.retryLimit', requests.retryLimit, 5, { max: 20 }),
            retryBaseDelayMs: positiveNumber('requests.retryBaseDelayMs', requests.retryBaseDelayMs, 500),
            retryMaxDelayMs: positiveNumber('requests.retryMaxDelayMs', requests.retryMaxDelayMs, 15000),
            bulkActionTimeoutMs: positiveNumber('requests.bulkActionTimeoutMs', requests.bulkActionTimeoutMs, 120000),
            timeoutMs: positiveNumber('requests.timeoutMs', requests.timeoutMs, 30000)
        }
    };
}
