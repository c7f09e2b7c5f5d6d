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
import type { AccessRule } from '../options.js';
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

// ---------------------------------------------------------------------------------------------
// Matching a user against an access rule's matchers. Globs (emails, roles, SSO attribute values):
// `*` any run, `?` one character, `[abc]` / `[!abc]` a class; case-insensitive.

const compiledGlobs = new Map<string, RegExp>();

/**
 * Why a glob is unusable (`"is empty"`, `"contains whitespace"`, …), or undefined when it is fine.
 * Used by the `access` option validation.
 */
export function globProblem(glob: string): string | undefined {
    if (glob.trim() === '') return 'is empty';
    if (/\s/.test(glob)) return 'contains whitespace';
    for (let open = glob.indexOf('['); open !== -1; open = glob.indexOf('[', open + 1)) {
        const close = glob.indexOf(']', open + 1);
        if (close === -1) return 'has a "[" without a closing "]"';
        if (close === open + 1) return 'has an empty "[]" class';
        open = close;
    }
    return undefined;
}

function globToRegExp(glob: string): RegExp {
    let compiled = compiledGlobs.get(glob);
    if (!compiled) {
        let source = '';
        for (let index = 0; index < glob.length; index++) {
            const char = glob[index]!;
            const close = char === '[' ? glob.indexOf(']', index + 1) : -1;
            if (char === '*') source += '.*';
            else if (char === '?') source += '.';
            else if (close > index + 1) {
                const body = glob.slice(index + 1, close).replace(/[\\^\]]/g, (special) => `\\${special}`);
                source += body.startsWith('!') ? `[^${body.slice(1)}]` : `[${body}]`;
                index = close;
            } else source += _.escapeRegExp(char);
        }
        compiled = new RegExp(`^${source}$`, 'i');
        compiledGlobs.set(glob, compiled);
    }
    return compiled;
}

function matchesGlob(value: string, glob: string): boolean {
    return globToRegExp(glob).test(value);
}

/** The values of one SSO attribute as strings (`sso.attributes[name]`, else `sso[name]`, e.g. `idpId`). */
function ssoAttributeValues(user: UserIdentity, attribute: string): string[] {
    const sso = user.sso as Record<string, unknown> | undefined;
    const attributes = sso?.['attributes'] as Record<string, unknown> | undefined;
    const raw = attributes && _.has(attributes, attribute) ? attributes[attribute] : sso?.[attribute];
    return _.castArray(raw)
        .filter((value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        .map(String);
}

/**
 * True when the user matches every matcher the rule gives: one of its email globs, one of its
 * role globs, and for every SSO attribute one value matching one of the attribute's globs.
 */
export function userMatchesRule(user: UserIdentity, rule: Pick<AccessRule, 'emails' | 'roles' | 'sso'>): boolean {
    if (rule.emails && !(user.email && rule.emails.some((glob) => matchesGlob(user.email!, glob)))) return false;
    if (rule.roles && !(user.role && rule.roles.some((glob) => matchesGlob(user.role!, glob)))) return false;
    for (const [attribute, globs] of Object.entries(rule.sso ?? {})) {
        const values = ssoAttributeValues(user, attribute);
        if (!values.some((value) => _.castArray(globs).some((glob) => matchesGlob(value, glob)))) return false;
    }
    return true;
}
