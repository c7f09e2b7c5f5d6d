import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../src/errors.js';
import { assertAllowed, decide, modeFor, resolveGrant, type AccessRequest, type AccessTarget, type FieldWrite } from '../../src/localization/access.js';
import type { AccessAction, ResolvedGrant, UserIdentity } from '../../src/localization/types.js';
import { normalizeUser } from '../../src/localization/user.js';
import { ACCESS, engineUser, userContext } from './access-test-data.js';

const DEFAULT = 'en-US';
const alice = normalizeUser(userContext('alice@acme.com'))!; // matches no rule → default '*'
const jean = normalizeUser(userContext('jean@acme.fr'))!; // restricted to fr
const GLOBAL = resolveGrant(alice, ACCESS);
const FR_ONLY = resolveGrant(jean, ACCESS);

const homeFr: AccessTarget = { kind: 'document', id: 'home-fr', modelName: 'page', objectLevel: true, documentLocale: 'fr', hasLocalizedFields: false };
const homeDe: AccessTarget = { kind: 'document', id: 'home-de', modelName: 'page', objectLevel: true, documentLocale: 'de', hasLocalizedFields: false };
const homeEn: AccessTarget = { kind: 'document', id: 'home-en', modelName: 'page', objectLevel: true, documentLocale: 'en-US', hasLocalizedFields: false };
const post: AccessTarget = { kind: 'document', id: 'post-1', modelName: 'post', objectLevel: false, hasLocalizedFields: true };
const settings: AccessTarget = { kind: 'document', id: 'settings', modelName: 'siteConfig', objectLevel: false, hasLocalizedFields: false };
const logo: AccessTarget = { kind: 'asset', id: 'logo', objectLevel: false, hasLocalizedFields: true };
const newPage: AccessTarget = { kind: 'document', modelName: 'page', objectLevel: true, hasLocalizedFields: false };
const newPost: AccessTarget = { kind: 'document', modelName: 'post', objectLevel: false, hasLocalizedFields: true };
const newSettings: AccessTarget = { kind: 'document', modelName: 'siteConfig', objectLevel: false, hasLocalizedFields: false };
const newAsset: AccessTarget = { kind: 'asset', objectLevel: false, hasLocalizedFields: true };

const title = (locale?: string): FieldWrite => ({ fieldId: 'title', localized: true, locale });
const slug = (locale?: string): FieldWrite => ({ fieldId: 'slug', localized: false, locale });
const shared = (locale?: string): FieldWrite => ({ fieldId: 'author', localized: false, shared: true, locale });

type Cell = [string, AccessAction, AccessTarget, Partial<AccessRequest>, boolean];

function request(user: UserIdentity, grant: ResolvedGrant, action: AccessAction, target: AccessTarget, extra: Partial<AccessRequest>): AccessRequest {
    return { action, user, grant, defaultLocale: DEFAULT, target, ...extra };
}

// Every cell of SPEC §5. "Global mode" = no operation locale or the default locale; "Specific
// mode L" = operation locale L (for object-level documents the document's own locale).
const globalUserCells: Cell[] = [
    ['views an object-level de document', 'view', homeDe, {}, true],
    ['views a field-level document', 'view', post, {}, true],
    ['views a document without localized fields', 'view', settings, {}, true],
    ['edits an object-level de document (Global mode)', 'update', homeDe, { fieldWrites: [title()] }, true],
    ['edits an object-level de document (Specific mode de)', 'update', homeDe, { fieldWrites: [title('de')] }, true],
    ['edits a localized field in the default locale (Global mode)', 'update', post, { fieldWrites: [title()] }, true],
    ['edits a localized field in de (Specific mode de)', 'update', post, { fieldWrites: [title('de')] }, true],
    ['edits a non-localized field with no locale (Global mode)', 'update', post, { fieldWrites: [slug()] }, true],
    ['edits a non-localized field in the default locale', 'update', post, { fieldWrites: [slug('en-US')] }, true],
    ['edits a non-localized field in fr (Specific mode fr)', 'update', post, { fieldWrites: [slug('fr')] }, false],
    ['edits a document without localized fields (Global mode)', 'update', settings, { fieldWrites: [slug()] }, true],
    ['edits a document without localized fields in de (Specific mode)', 'update', settings, { fieldWrites: [slug('de')] }, false],
    ['edits a shared field on the default-locale variant', 'update', homeEn, { fieldWrites: [shared()] }, true],
    ['edits a shared field on the de variant', 'update', homeDe, { fieldWrites: [shared('de')] }, false],
    ['creates an object-level document in de', 'create', newPage, { locales: ['de'] }, true],
    ['creates in several locales at once', 'create', newPage, { locales: ['en-US', 'fr', 'de'] }, true],
    ['creates a field-level document in fr', 'create', newPost, { locales: ['fr'] }, true],
    ['creates a document without localized fields', 'create', newSettings, {}, true],
    ['deletes a field-level document', 'delete', post, {}, true],
    ['deletes an object-level de document', 'delete', homeDe, {}, true],
    ['archives a field-level document', 'archive', post, {}, true],
    ['unarchives an object-level de document', 'unarchive', homeDe, {}, true],
    ['deletes an asset', 'delete', logo, {}, true],
    ['uploads an asset in de', 'upload-asset', newAsset, { locales: ['de'] }, true],
    ['replaces the de file of an asset', 'update-asset', logo, { fieldWrites: [{ fieldId: 'file', localized: true, locale: 'de' }] }, true],
    ['publishes an object-level de document', 'publish', homeDe, {}, true],
    ['publishes a document without localized fields', 'publish', settings, {}, true],
    ['unpublishes a field-level document', 'unpublish', post, {}, true]
];

const restrictedUserCells: Cell[] = [
    ['views an object-level fr document', 'view', homeFr, {}, true],
    ['views an object-level de document', 'view', homeDe, {}, false],
    ['views a field-level document (no locale)', 'view', post, {}, true],
    ['views a document without localized fields', 'view', settings, {}, true],
    ['views an asset', 'view', logo, {}, true],
    ['edits an object-level fr document', 'update', homeFr, { fieldWrites: [title('fr')] }, true],
    ['edits an object-level de document', 'update', homeDe, { fieldWrites: [title('de')] }, false],
    ['edits an object-level de document from Specific mode fr', 'update', homeDe, { fieldWrites: [title('fr')] }, false],
    ['edits a localized field in fr', 'update', post, { fieldWrites: [title('fr')] }, true],
    ['edits a localized field in de', 'update', post, { fieldWrites: [title('de')] }, false],
    ['edits a localized field with no locale (the default locale)', 'update', post, { fieldWrites: [title()] }, false],
    ['edits a non-localized field with no locale', 'update', post, { fieldWrites: [slug()] }, false],
    ['edits a non-localized field in fr', 'update', post, { fieldWrites: [slug('fr')] }, false],
    ['edits fr and de values in one update', 'update', post, { fieldWrites: [title('fr'), title('de')] }, false],
    ['edits a document without localized fields', 'update', settings, { fieldWrites: [slug('fr')] }, false],
    ['edits a shared field of its own fr variant', 'update', homeFr, { fieldWrites: [shared('fr')] }, false],
    ['creates an object-level document in fr', 'create', newPage, { locales: ['fr'] }, true],
    ['creates an object-level document in de', 'create', newPage, { locales: ['de'] }, false],
    ['creates in fr and de at once', 'create', newPage, { locales: ['fr', 'de'] }, false],
    ['creates a field-level document in fr', 'create', newPost, { locales: ['fr'] }, true],
    ['creates with no locale (the default locale)', 'create', newPost, {}, false],
    ['creates a document without localized fields in fr', 'create', newSettings, { locales: ['fr'] }, false],
    ['deletes a field-level document (all locales)', 'delete', post, {}, false],
    ['archives a field-level document', 'archive', post, {}, false],
    ['unarchives a field-level document', 'unarchive', post, {}, false],
    ['deletes an object-level fr document', 'delete', homeFr, {}, true],
    ['archives an object-level fr document', 'archive', homeFr, {}, true],
    ['deletes an object-level de document', 'delete', homeDe, {}, false],
    ['unarchives an object-level de document', 'unarchive', homeDe, {}, false],
    ['deletes an asset (all locales)', 'delete', logo, {}, false],
    ['deletes a document without localized fields', 'delete', settings, {}, false],
    ['uploads an asset in fr', 'upload-asset', newAsset, { locales: ['fr'] }, true],
    ['uploads an asset in de', 'upload-asset', newAsset, { locales: ['de'] }, false],
    ['uploads an asset with no locale (the default locale)', 'upload-asset', newAsset, {}, false],
    ['sets the fr title of an asset', 'update-asset', logo, { fieldWrites: [{ fieldId: 'title', localized: true, locale: 'fr' }] }, true],
    ['replaces the de file of an asset', 'update-asset', logo, { fieldWrites: [{ fieldId: 'file', localized: true, locale: 'de' }] }, false],
    ['publishes an object-level fr document', 'publish', homeFr, {}, true],
    ['publishes an object-level de document', 'publish', homeDe, {}, false],
    ['publishes a field-level document', 'publish', post, {}, true],
    ['publishes an asset', 'publish', logo, {}, true],
    ['publishes a document without localized fields', 'publish', settings, {}, false],
    ['unpublishes an object-level de document', 'unpublish', homeDe, {}, false]
];

describe('decide: SPEC §5 table', () => {
    it.each(globalUserCells)('a global user %s', (_name, action, target, extra, expected) => {
        expect(decide(request(alice, GLOBAL, action, target, extra)).allowed).toBe(expected);
    });

    it.each(restrictedUserCells)('a user restricted to fr %s', (_name, action, target, extra, expected) => {
        expect(decide(request(jean, FR_ONLY, action, target, extra)).allowed).toBe(expected);
    });

    it('lets a user restricted to several locales work in each of them', () => {
        const multi = normalizeUser(userContext('multi@acme.com'))!;
        const grant = resolveGrant(multi, ACCESS);
        expect(decide(request(multi, grant, 'update', homeDe, {})).allowed).toBe(true);
        expect(decide(request(multi, grant, 'create', newPage, { locales: ['fr', 'de'] })).allowed).toBe(true);
        expect(decide(request(multi, grant, 'create', newPage, { locales: ['fr', 'en-US'] })).allowed).toBe(false);
    });
});

describe('decide: reasons name the user, document, field and locale', () => {
    it('refuses an object-level document of another locale', () => {
        const decision = decide(request(jean, FR_ONLY, 'update', homeDe, {}));
        expect(decision.reason).toBe('jean@acme.fr may edit only fr; document "home-de" is de');
        expect(decision.locale).toBe('de');
    });

    it('refuses a localized field in another locale, naming the field', () => {
        const decision = decide(request(jean, FR_ONLY, 'update', post, { fieldWrites: [title('fr'), title('de')] }));
        expect(decision).toMatchObject({ allowed: false, field: 'title', locale: 'de' });
        expect(decision.reason).toContain('field "title" would be written in de');
    });

    it('tells a global user where a non-localized field can be edited', () => {
        const decision = decide(request(alice, GLOBAL, 'update', post, { fieldWrites: [slug('fr')] }));
        expect(decision.reason).toBe('field "slug" is not localized and lives in the default locale en-US; edit it in Global mode or in en-US, not in fr');
    });

    it('explains why a document without localized fields is view-only', () => {
        expect(decide(request(jean, FR_ONLY, 'update', settings, {})).reason).toContain('model "siteConfig" has no localized field, so its documents are view-only');
    });

    it('explains why deleting a field-level document is refused', () => {
        expect(decide(request(jean, FR_ONLY, 'delete', post, {})).reason).toBe(
            'jean@acme.fr may edit only fr; document "post-1" holds every locale\'s content, so only users with access to every locale may delete it'
        );
    });

    it('names the locales a create may not use', () => {
        expect(decide(request(jean, FR_ONLY, 'create', newPage, { locales: ['fr', 'de', 'en-US'] })).reason).toBe('jean@acme.fr may create only in fr, not in de, en-US');
    });
});

describe('requireUser', () => {
    const noUser = resolveGrant(undefined, ACCESS);

    it('treats a call without a user as global by default', () => {
        const decision = decide({ action: 'delete', user: undefined, grant: noUser, defaultLocale: DEFAULT, target: post });
        expect(decision).toMatchObject({ allowed: true, mode: { kind: 'global' } });
        expect(decision.reason).toContain('a call without a user is global');
    });

    it('refuses every write without a user when set, but still allows viewing', () => {
        for (const action of ['create', 'update', 'delete', 'archive', 'unarchive', 'publish', 'unpublish', 'upload-asset', 'update-asset'] as const) {
            const decision = decide({ action, user: undefined, grant: noUser, requireUser: true, defaultLocale: DEFAULT, target: post });
            expect(decision.allowed, action).toBe(false);
            expect(decision.reason).toContain('access.requireUser is set');
        }
        expect(decide({ action: 'view', user: undefined, grant: noUser, requireUser: true, defaultLocale: DEFAULT, target: post }).allowed).toBe(true);
    });

    it('does not affect calls with a user', () => {
        expect(decide({ ...request(alice, GLOBAL, 'delete', post, {}), requireUser: true }).allowed).toBe(true);
    });
});

describe('assertAllowed', () => {
    it('throws AccessDeniedError with who, what, document, field and locale', () => {
        let thrown: unknown;
        try {
            assertAllowed(request(jean, FR_ONLY, 'update', post, { fieldWrites: [title('de')] }));
        } catch (error) {
            thrown = error;
        }
        expect(thrown).toBeInstanceOf(AccessDeniedError);
        const error = thrown as AccessDeniedError;
        expect(error.message).toBe('Access denied: jean@acme.fr may not edit (document "post-1", field "title", locale "de"): jean@acme.fr may edit only fr; field "title" would be written in de');
        expect(error).toMatchObject({ user: 'jean@acme.fr', action: 'edit', documentId: 'post-1', locale: 'de' });
    });

    it('returns the decision when allowed', () => {
        expect(assertAllowed(request(jean, FR_ONLY, 'update', post, { fieldWrites: [title('fr')] })).allowed).toBe(true);
    });

    it('names an anonymous caller when requireUser refuses it', () => {
        expect(() => assertAllowed({ action: 'create', user: undefined, grant: resolveGrant(undefined, ACCESS), requireUser: true, defaultLocale: DEFAULT, target: newPage })).toThrow(
            /^Access denied: an anonymous call may not create: access\.requireUser is set/
        );
    });
});

describe('resolveGrant', () => {
    it('takes the first matching rule, matching email globs case-insensitively', () => {
        expect(resolveGrant(normalizeUser({ email: 'JEAN@ACME.FR' }), ACCESS)).toEqual({ locales: ['fr'], source: 0 });
    });

    it('requires every matcher of a rule to match (role and SSO attribute)', () => {
        const translator = (department: unknown) => normalizeUser(engineUser('hans@acme.de', { role: 'Translator', sso: { idpId: 'okta', attributes: { department } } }));
        expect(resolveGrant(translator(['sales', 'de-marketing']), ACCESS)).toEqual({ locales: ['de'], source: 1 });
        expect(resolveGrant(translator('fr-marketing'), ACCESS)).toEqual({ locales: '*', source: 'default' });
        expect(resolveGrant(normalizeUser(engineUser('hans@acme.de', { role: 'editor', sso: { idpId: 'okta', attributes: { department: 'de-x' } } })), ACCESS).source).toBe('default');
    });

    it('gives both user shapes the same grant', () => {
        expect(resolveGrant(normalizeUser(engineUser('jean@acme.fr')), ACCESS)).toEqual(resolveGrant(normalizeUser(userContext('jean@acme.fr')), ACCESS));
    });

    it('falls back to access.default, then to every locale', () => {
        expect(resolveGrant(alice, { rules: ACCESS.rules, default: ['de'] })).toEqual({ locales: ['de'], source: 'default' });
        expect(resolveGrant(alice, {})).toEqual({ locales: '*', source: 'default' });
        expect(resolveGrant(alice, undefined)).toEqual({ locales: '*', source: 'default' });
    });

    it('treats a call without a user as global', () => {
        expect(resolveGrant(undefined, { default: ['fr'] })).toEqual({ locales: '*', source: 'no-user' });
    });

    it('matches ? and [] globs, and not a partial email', () => {
        const access = { rules: [{ emails: ['bo?@acme.[cf][or]*'], locales: ['fr'] }] };
        expect(resolveGrant({ email: 'bob@acme.com' }, access).source).toBe(0);
        expect(resolveGrant({ email: 'bob@acme.fr' }, access).source).toBe(0);
        expect(resolveGrant({ email: 'bobby@acme.com' }, access).source).toBe('default');
        expect(resolveGrant({ email: 'xbob@acme.com' }, access).source).toBe('default');
    });

    it('does not match an email rule for a user without an email', () => {
        expect(resolveGrant({ name: 'Jean' }, { rules: [{ emails: ['*'], locales: ['fr'] }] }).source).toBe('default');
    });

    it('removes duplicate locales from a grant', () => {
        expect(resolveGrant(jean, { rules: [{ emails: ['*'], locales: ['fr', 'fr'] }] }).locales).toEqual(['fr']);
    });
});

describe('modeFor', () => {
    it('puts a global user in Global mode without a locale or with the default locale', () => {
        expect(modeFor(GLOBAL, undefined, DEFAULT)).toEqual({ kind: 'global' });
        expect(modeFor(GLOBAL, 'en-US', DEFAULT)).toEqual({ kind: 'global' });
    });

    it('puts a global user in Specific mode for another locale', () => {
        expect(modeFor(GLOBAL, 'fr', DEFAULT)).toEqual({ kind: 'specific', locale: 'fr' });
    });

    it('always puts a restricted user in Specific mode', () => {
        expect(modeFor(FR_ONLY, undefined, DEFAULT)).toEqual({ kind: 'specific', locale: 'fr' });
        expect(modeFor(FR_ONLY, 'en-US', DEFAULT)).toEqual({ kind: 'specific', locale: 'en-US' });
        expect(modeFor(FR_ONLY, 'fr', DEFAULT)).toEqual({ kind: 'specific', locale: 'fr' });
    });

    it('reports the mode a decision was taken in', () => {
        expect(decide(request(alice, GLOBAL, 'update', post, { fieldWrites: [title('de')] })).mode).toEqual({ kind: 'specific', locale: 'de' });
        expect(decide(request(alice, GLOBAL, 'update', post, { fieldWrites: [title()] })).mode).toEqual({ kind: 'global' });
    });
});
