/**
 * One user identity from either shape the Stackbit engine passes around (pure).
 *
 * - `permissionsForDocument` / `permissionsForModel` get the engine user:
 *   `{ id, name, email, role, sso, connections: [{ type, ...token }] }`.
 * - CSI methods (`createDocument`, `updateDocument`, `publishDocuments`, …) get the merged
 *   per-source user context: `{ name, email, role, sso, ...connection }` (so `type`, `accessToken`).
 *
 * Both carry `email`, `name`, `role` and `sso` at the top level; everything else (tokens,
 * connections) is deliberately dropped so a `UserIdentity` can be logged or put in a message.
 */
import type { UserSSOProfile } from '@stackbit/types';
import _ from 'lodash';
import type { UserIdentity } from './types.js';

function nonEmptyString(value: unknown): string | undefined {
    if (typeof value !== 'string') {
        return undefined;
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
}

function readSsoProfile(value: unknown): UserSSOProfile | undefined {
    if (!_.isPlainObject(value)) {
        return undefined;
    }
    // The SSO profile is kept as given: access rules read its attributes and emails.
    return value as UserSSOProfile;
}

/** The primary SSO email (or the first one), for users whose top-level email is missing. */
function primarySsoEmail(sso: UserSSOProfile | undefined): string | undefined {
    const emails = Array.isArray(sso?.emails) ? sso.emails : [];
    const primary = emails.find((entry) => entry?.primary) ?? emails[0];
    return nonEmptyString(primary?.value);
}

/**
 * Normalises the engine user or the merged CSI user context into a {@link UserIdentity}.
 *
 * @param user - whatever the engine passed (`userContext` of a CSI method, or the engine user of a
 *   permissions hook); `undefined`, `null`, non-objects and objects with no identifying property
 *   (no email, name, role or SSO profile) mean "no user".
 * @returns the identity, or `undefined` when the call carries no user.
 */
export function normalizeUser(user: unknown): UserIdentity | undefined {
    if (user === null || typeof user !== 'object' || Array.isArray(user)) {
        return undefined;
    }
    const record = user as Record<string, unknown>;
    const sso = readSsoProfile(record['sso']);
    const email = nonEmptyString(record['email']) ?? primarySsoEmail(sso);
    const name = nonEmptyString(record['name']);
    const role = nonEmptyString(record['role']);
    if (email === undefined && name === undefined && role === undefined && sso === undefined) {
        return undefined;
    }
    const identity: UserIdentity = {};
    if (email !== undefined) identity.email = email;
    if (name !== undefined) identity.name = name;
    if (role !== undefined) identity.role = role;
    if (sso !== undefined) identity.sso = sso;
    return identity;
}

/**
 * Names a user in a message: the email, else the name, else the role, else "an anonymous call".
 *
 * @param user - a normalised user, or `undefined` for a call without a user.
 */
export function describeUser(user?: UserIdentity): string {
    if (!user) {
        return 'an anonymous call';
    }
    if (user.email) {
        return user.email;
    }
    if (user.name) {
        return `user "${user.name}"`;
    }
    if (user.role) {
        return `a user with role "${user.role}"`;
    }
    if (user.sso?.idpId) {
        return `an SSO user of "${user.sso.idpId}"`;
    }
    return 'an unnamed user';
}
