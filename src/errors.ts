/**
 * Errors the adapter throws. Every message names what a site developer needs to act on:
 * the option, document, field, locale or user involved.
 */

/** A configuration option is missing or invalid. Thrown by `init` (never later). */
export class ConfigError extends Error {
    override name = 'ConfigError';
    /** The option path, e.g. `locales` or `access.rules[2].emails`. */
    readonly option: string;
    constructor(option: string, message: string) {
        super(`localized-contentful-source: invalid option \`${option}\`: ${message}`);
        this.option = option;
    }
}

/** A user may not perform an action. Nothing was written to Contentful. */
export class AccessDeniedError extends Error {
    override name = 'AccessDeniedError';
    readonly user: string;
    readonly action: string;
    readonly documentId: string | undefined;
    readonly locale: string | undefined;
    readonly reason: string;
    constructor(options: { user: string; action: string; documentId?: string; field?: string; locale?: string; reason: string }) {
        const target = [
            options.documentId ? `document "${options.documentId}"` : undefined,
            options.field ? `field "${options.field}"` : undefined,
            options.locale ? `locale "${options.locale}"` : undefined
        ]
            .filter(Boolean)
            .join(', ');
        super(`Access denied: ${options.user} may not ${options.action}${target ? ` (${target})` : ''}: ${options.reason}`);
        this.user = options.user;
        this.action = options.action;
        this.documentId = options.documentId;
        this.locale = options.locale;
        this.reason = options.reason;
    }
}

/**
 * A write was refused because of a localization rule (disabled locale, shared field edited outside
 * the default locale, …). Nothing was written to Contentful.
 */
export class LocalizationError extends Error {
    override name = 'LocalizationError';
}

/** An error answered by Contentful, with its HTTP status and Contentful error id parsed out. */
export class ContentfulRequestError extends Error {
    override name = 'ContentfulRequestError';
    /** HTTP status, or undefined for a connection error. */
    readonly status: number | undefined;
    /** Contentful's error id (`sys.id` of the error body), e.g. `VersionMismatch`, `ValidationFailed`. */
    readonly errorId: string | undefined;
    readonly details: unknown;
    readonly requestId: string | undefined;
    constructor(options: { message: string; status?: number; errorId?: string; details?: unknown; requestId?: string; cause?: unknown }) {
        super(options.message, { cause: options.cause });
        this.status = options.status;
        this.errorId = options.errorId;
        this.details = options.details;
        this.requestId = options.requestId;
    }
}
