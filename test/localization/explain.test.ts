import { describe, expect, it } from 'vitest';
import { explainAccess, type ExplainInput } from '../../src/localization/explain.js';
import type { ModelLocalization } from '../../src/localization/types.js';
import { ACCESS, EUROPE, engineUser, model, userContext } from './access-test-data.js';

const models = new Map<string, ModelLocalization>([
    ['page', model('page', { objectLevel: true, nonLocalizedFields: ['title', 'author'], sharedFields: ['author'], localeField: 'locale' })],
    ['post', model('post', { localizedFields: ['title'], nonLocalizedFields: ['slug'] })]
]);
const base = { access: ACCESS, locales: EUROPE, models } satisfies Partial<ExplainInput>;
const homeDe = { id: 'home-de', modelName: 'page', locale: 'de' };
const post = { id: 'post-1', modelName: 'post' };

describe('explainAccess', () => {
    it('explains a refusal with the matching rule', () => {
        const answer = explainAccess({ ...base, user: userContext('jean@acme.fr'), action: 'update', document: homeDe, locale: 'de' });
        expect(answer.allowed).toBe(false);
        expect(answer.rule).toBe(ACCESS.rules![0]);
        expect(answer.grant).toEqual({ locales: ['fr'], source: 0 });
        expect(answer.mode).toEqual({ kind: 'specific', locale: 'de' });
        expect(answer.reason).toBe('refused: jean@acme.fr may edit only fr; document "home-de" is de; jean@acme.fr matches access.rules[0] (fr)');
    });

    it('explains an allowed edit of a localized field', () => {
        const answer = explainAccess({ ...base, user: engineUser('jean@acme.fr'), action: 'update', document: post, field: 'title', locale: 'fr' });
        expect(answer.allowed).toBe(true);
        expect(answer.reason).toContain('jean@acme.fr may edit the fr values of document "post-1"');
    });

    it('explains why a non-localized field cannot be edited in a specific locale', () => {
        const answer = explainAccess({ ...base, user: engineUser('bob@acme.com'), action: 'update', document: post, field: 'slug', locale: 'de' });
        expect(answer).toMatchObject({ allowed: false, rule: 'default', mode: { kind: 'specific', locale: 'de' } });
        expect(answer.reason).toBe(
            'refused: field "slug" is not localized and lives in the default locale en-US; edit it in Global mode or in en-US, not in de; bob@acme.com matches no access rule, so access.default applies (every locale)'
        );
    });

    it('explains a shared field of an object-level variant', () => {
        const answer = explainAccess({ ...base, user: engineUser('bob@acme.com'), action: 'update', document: homeDe, field: 'author' });
        expect(answer.allowed).toBe(false);
        expect(answer.reason).toContain('field "author" is shared by every translation and is read-only on the de variant document "home-de"; edit it on the en-US variant');
    });

    it('explains creates in several locales', () => {
        const answer = explainAccess({ ...base, user: userContext('multi@acme.com'), action: 'create', modelName: 'page', createLocales: ['fr', 'en-US'] });
        expect(answer.allowed).toBe(false);
        expect(answer.reason).toContain('multi@acme.com may create only in fr, de, not in en-US');
    });

    it('explains a call without a user', () => {
        const answer = explainAccess({ ...base, user: undefined, action: 'delete', document: post });
        expect(answer).toMatchObject({ allowed: true, rule: 'no-user', mode: { kind: 'global' } });
        expect(answer.reason).toContain('a call without a user is treated as global (every locale)');
        const strict = explainAccess({ ...base, access: { ...ACCESS, requireUser: true }, user: undefined, action: 'delete', document: post });
        expect(strict.allowed).toBe(false);
        expect(strict.reason).toContain('access.requireUser is set');
    });

    it('refuses a locale that is not enabled, for everyone', () => {
        const answer = explainAccess({ ...base, user: engineUser('bob@acme.com'), action: 'update', document: post, field: 'title', locale: 'it' });
        expect(answer.allowed).toBe(false);
        expect(answer.reason).toContain('locale it is not enabled for this project (enabled: en-US, fr, fr-CA, de)');
    });

    it('explains asset uploads and asset edits', () => {
        expect(explainAccess({ ...base, user: userContext('jean@acme.fr'), action: 'upload-asset', locale: 'fr' }).allowed).toBe(true);
        expect(explainAccess({ ...base, user: userContext('jean@acme.fr'), action: 'update-asset', asset: { id: 'logo' }, field: 'file', locale: 'de' }).allowed).toBe(false);
    });
});
