import { describe, expect, it } from 'vitest';
import { describeUser, globProblem, normalizeUser, userMatchesRule } from '../../src/localization/user.js';
import { engineUser, userContext } from './access-test-data.js';

describe('normalizeUser', () => {
    it('reads the engine user and drops its connections', () => {
        const user = normalizeUser(engineUser('jean@acme.fr', { sso: { idpId: 'okta', attributes: { team: 'fr' } } }));
        expect(user).toEqual({ email: 'jean@acme.fr', name: 'jean', role: 'editor', sso: { idpId: 'okta', attributes: { team: 'fr' } } });
    });

    it('reads the merged user context and drops the access token', () => {
        const user = normalizeUser(userContext('jean@acme.fr'));
        expect(user).toEqual({ email: 'jean@acme.fr', name: 'jean', role: 'editor' });
        expect(JSON.stringify(user)).not.toContain('secret');
    });

    it('gives the same identity for both shapes', () => {
        expect(normalizeUser(engineUser('a@b.c'))).toEqual(normalizeUser(userContext('a@b.c')));
    });

    it('means "no user" for undefined, null, non-objects and objects without identity', () => {
        expect(normalizeUser(undefined)).toBeUndefined();
        expect(normalizeUser(null)).toBeUndefined();
        expect(normalizeUser('jean@acme.fr')).toBeUndefined();
        expect(normalizeUser([{ email: 'a@b.c' }])).toBeUndefined();
        expect(normalizeUser({})).toBeUndefined();
        expect(normalizeUser({ type: 'contentful', accessToken: 'x' })).toBeUndefined();
        expect(normalizeUser({ email: '   ', name: '' })).toBeUndefined();
    });

    it('takes the primary SSO email when the top-level email is missing', () => {
        const user = normalizeUser({ name: 'Jean', sso: { idpId: 'okta', emails: [{ value: 'other@acme.fr' }, { value: 'jean@acme.fr', primary: true }] } });
        expect(user?.email).toBe('jean@acme.fr');
    });

    it('trims values and ignores a malformed SSO profile', () => {
        expect(normalizeUser({ email: ' jean@acme.fr ', sso: 'okta' })).toEqual({ email: 'jean@acme.fr' });
    });
});

describe('describeUser', () => {
    it('names a user by email, name, role or SSO provider', () => {
        expect(describeUser({ email: 'jean@acme.fr', name: 'Jean' })).toBe('jean@acme.fr');
        expect(describeUser({ name: 'Jean' })).toBe('user "Jean"');
        expect(describeUser({ role: 'admin' })).toBe('a user with role "admin"');
        expect(describeUser({ sso: { idpId: 'okta' } })).toBe('an SSO user of "okta"');
    });

    it('names a call without a user', () => {
        expect(describeUser(undefined)).toBe('an anonymous call');
    });
});

describe('userMatchesRule', () => {
    const jean = normalizeUser(engineUser('Jean.Dupont@ACME.fr', { role: 'Editor', sso: { idpId: 'okta', attributes: { country: ['FR', 'BE'], level: 3 } } }))!;

    it('matches email and role globs case-insensitively', () => {
        expect(userMatchesRule(jean, { emails: ['*@acme.fr'] })).toBe(true);
        expect(userMatchesRule(jean, { emails: ['jean.??????@acme.fr'] })).toBe(true);
        expect(userMatchesRule(jean, { emails: ['*@acme.com'] })).toBe(false);
        expect(userMatchesRule(jean, { roles: ['editor'] })).toBe(true);
        expect(userMatchesRule(jean, { roles: ['admin'] })).toBe(false);
    });

    it('matches classes and negated classes', () => {
        expect(userMatchesRule(jean, { emails: ['[ij]ean.*'] })).toBe(true);
        expect(userMatchesRule(jean, { emails: ['[!j]ean.*'] })).toBe(false);
    });

    it('treats regular-expression characters literally', () => {
        expect(userMatchesRule({ email: 'a+b@x.fr' }, { emails: ['a+b@x.fr'] })).toBe(true);
        expect(userMatchesRule({ email: 'aab@x.fr' }, { emails: ['a+b@x.fr'] })).toBe(false);
        expect(userMatchesRule({ email: 'a@x.fr' }, { emails: ['a@x.f(r'] })).toBe(false);
    });

    it('matches SSO attributes holding lists and numbers, and top-level SSO fields', () => {
        expect(userMatchesRule(jean, { sso: { country: 'be' } })).toBe(true);
        expect(userMatchesRule(jean, { sso: { level: ['3'] } })).toBe(true);
        expect(userMatchesRule(jean, { sso: { idpId: 'okta' } })).toBe(true);
        expect(userMatchesRule(jean, { sso: { country: 'DE' } })).toBe(false);
        expect(userMatchesRule({ email: 'x@y.z' }, { sso: { country: '*' } })).toBe(false);
    });

    it('needs every matcher of the rule', () => {
        expect(userMatchesRule(jean, { emails: ['*@acme.fr'], roles: ['admin'] })).toBe(false);
        expect(userMatchesRule(jean, { emails: ['*@acme.fr'], roles: ['edit*'], sso: { country: 'fr' } })).toBe(true);
    });
});

describe('globProblem', () => {
    it('finds unusable globs', () => {
        expect(globProblem('*@acme.fr')).toBeUndefined();
        expect(globProblem('[ab]c[d]')).toBeUndefined();
        expect(globProblem(' ')).toBe('is empty');
        expect(globProblem('a b')).toBe('contains whitespace');
        expect(globProblem('[ab]c[d')).toBe('has a "[" without a closing "]"');
        expect(globProblem('a[]')).toBe('has an empty "[]" class');
    });
});
