/**
 * Contentful error responses. Every refusal inside the emulator throws an {@link EmulatorError}; the
 * HTTP layer turns it into the status and body Contentful sends (`{ sys: { type: 'Error', id },
 * message, details, requestId }`, as in the recordings).
 */

/** An error body as Contentful sends it (before `requestId` is added). */
export interface ErrorBody {
    sys: { type: 'Error'; id: string };
    message?: string;
    details?: unknown;
    [key: string]: unknown;
}

/** A refusal with the HTTP status and body Contentful would answer. */
export class EmulatorError extends Error {
    override name = 'EmulatorError';
    readonly status: number;
    readonly body: ErrorBody;
    readonly headers: Record<string, string>;
    constructor(status: number, body: ErrorBody, headers: Record<string, string> = {}) {
        super(`${status} ${body.sys.id}${body.message ? `: ${body.message}` : ''}`);
        this.status = status;
        this.body = body;
        this.headers = headers;
    }
}

/** One entry of `details.errors` in a 422 body. */
export interface FieldError {
    name: string;
    path: (string | number)[];
    details?: string;
    value?: unknown;
    [key: string]: unknown;
}

/** 404 with the `details` real Contentful gives (`type`, `id`, `environment`, `space`). */
export function notFound(details: { type: string; id: string; environment?: string; space?: string }): EmulatorError {
    return new EmulatorError(404, {
        sys: { type: 'Error', id: 'NotFound' },
        message: 'The resource could not be found.',
        details
    });
}

/** 404 for a path the emulator does not serve. */
export function unknownRoute(method: string, path: string): EmulatorError {
    return new EmulatorError(404, {
        sys: { type: 'Error', id: 'NotFound' },
        message: `The resource could not be found. (The Contentful emulator has no route for ${method} ${path}.)`
    });
}

/** 409: `X-Contentful-Version` missing or stale. The recorded body has nothing but `sys`. */
export function versionMismatch(): EmulatorError {
    return new EmulatorError(409, { sys: { type: 'Error', id: 'VersionMismatch' } });
}

/** 400 BadRequest with a message (the recorded shape of "Cannot archive published"). */
export function badRequest(message: string, details?: unknown): EmulatorError {
    return new EmulatorError(400, { sys: { type: 'Error', id: 'BadRequest' }, message, ...(details === undefined ? {} : { details }) });
}

/** 400 InvalidQuery: a filter or order the query engine cannot apply. */
export function invalidQuery(errors: FieldError[] | Record<string, unknown>[]): EmulatorError {
    return new EmulatorError(400, {
        sys: { type: 'Error', id: 'InvalidQuery' },
        message: 'The query you sent was invalid. Probably a filter or ordering specification is not applicable to the type of a field.',
        details: { errors }
    });
}

/** 422 InvalidEntry: the body of a save does not fit the content type or the environment's locales. */
export function invalidEntry(errors: FieldError[]): EmulatorError {
    return new EmulatorError(422, { sys: { type: 'Error', id: 'InvalidEntry' }, message: 'Validation error', details: { errors } });
}

/** 422 ValidationFailed: publish validation. */
export function validationFailed(errors: FieldError[]): EmulatorError {
    return new EmulatorError(422, { sys: { type: 'Error', id: 'ValidationFailed' }, message: 'Validation error', details: { errors } });
}

/** The recorded 429 body (rb-error-429-rate-limit-exceeded.json). */
export const RATE_LIMIT_MESSAGE =
    'You have exceeded the rate limit of the Organization this Space belongs to by making too many API requests within a short timespan. Please wait a moment before trying the request again.';

/** 429 RateLimitExceeded with `X-Contentful-RateLimit-Reset`. */
export function rateLimitExceeded(resetSeconds: number, message = RATE_LIMIT_MESSAGE): EmulatorError {
    return new EmulatorError(
        429,
        { sys: { type: 'Error', id: 'RateLimitExceeded' }, message, details: { errors: [{ details: message }] } },
        { 'X-Contentful-RateLimit-Reset': String(resetSeconds) }
    );
}

/** 401 with the recorded AccessTokenInvalid body. */
export function accessTokenInvalid(): EmulatorError {
    return new EmulatorError(401, {
        sys: { type: 'Error', id: 'AccessTokenInvalid' },
        message: 'The access token you sent could not be found or is invalid.'
    });
}

/** 500/503 as Contentful's edge answers them. */
export function serverError(status: 500 | 502 | 503): EmulatorError {
    const id = status === 503 ? 'ServiceUnavailable' : 'InternalServerError';
    const message = status === 503 ? 'The service is temporarily unavailable.' : 'Internal server error.';
    return new EmulatorError(status, { sys: { type: 'Error', id }, message });
}
