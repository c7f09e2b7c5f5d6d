/**
 * Wires the pure access rules to CSI calls: who is calling (either user shape), what they are
 * touching, and a refusal *before* anything is written.
 */
import type { Document } from '@stackbit/types';
import { LocalizationError } from '../errors.js';
import { assertAllowed, resolveGrant, type AccessRequest, type AccessTarget, type FieldWrite } from '../localization/access.js';
import { documentTarget } from '../localization/publish-filter.js';
import { normalizeUser } from '../localization/user.js';
import type { AccessAction, ModelLocalization, ResolvedGrant, UserIdentity } from '../localization/types.js';
import type { Runtime } from './runtime.js';

export interface Caller {
    user: UserIdentity | undefined;
    grant: ResolvedGrant;
}

/** The caller of a CSI method, from the `userContext` the engine passes (or none). */
export function callerOf(runtime: Runtime, userContext: unknown): Caller {
    const user = normalizeUser(userContext);
    return { user, grant: resolveGrant(user, runtime.options.access) };
}

export function localizationOf(runtime: Runtime, modelName: string): ModelLocalization {
    const localization = runtime.schema.localization.get(modelName);
    if (!localization) {
        throw new LocalizationError(`Model "${modelName}" is not a content type of space "${runtime.options.spaceId}" (environment "${runtime.options.environment}").`);
    }
    return localization;
}

export function targetOfDocument(runtime: Runtime, document: Pick<Document, 'id' | 'modelName' | 'locale'>): AccessTarget {
    return documentTarget(document, runtime.schema.localization);
}

/** Throws AccessDeniedError unless the caller may do `action`. */
export function guard(
    runtime: Runtime,
    caller: Caller,
    action: AccessAction,
    target: AccessTarget,
    extra: Pick<AccessRequest, 'locales' | 'fieldWrites'> = {}
): void {
    assertAllowed({
        action,
        user: caller.user,
        grant: caller.grant,
        requireUser: runtime.options.access?.requireUser,
        defaultLocale: runtime.locales.defaultLocale,
        target,
        ...extra
    });
}

/** The access view of one update's field writes. */
export function fieldWritesOf(localization: ModelLocalization, writes: readonly { fieldId: string; locale?: string }[]): FieldWrite[] {
    return writes.map((write) => ({
        fieldId: write.fieldId,
        localized: localization.localizedFields.includes(write.fieldId),
        shared: localization.sharedFields.includes(write.fieldId),
        locale: write.locale
    }));
}

/** Refuses a locale that is not enabled for this project. */
export function assertEnabledLocale(runtime: Runtime, locale: string, what: string): void {
    if (!runtime.locales.enabled.includes(locale)) {
        const known = runtime.spaceLocaleCodes.includes(locale) ? 'is not enabled for this project (option `locales`)' : 'is not a locale of the space';
        throw new LocalizationError(`Cannot ${what} in locale "${locale}": it ${known}; enabled locales: ${runtime.locales.enabled.join(', ')}.`);
    }
}
