import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { validateAccessOptions } from '../../src/localization/access.js';
import type { AccessOptions } from '../../src/options.js';
import { ACCESS, EUROPE, localesOfExport, multiBrand } from './access-test-data.js';

/** The ConfigError thrown for `access` (fails the test when nothing is thrown). */
function configError(access: unknown, locales = EUROPE): ConfigError {
    try {
        validateAccessOptions(access as AccessOptions, locales);
    } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return error as ConfigError;
    }
    throw new Error('expected a ConfigError');
}

describe('validateAccessOptions', () => {
    it('accepts a valid configuration and no configuration', () => {
        expect(() => validateAccessOptions(ACCESS, EUROPE)).not.toThrow();
        expect(() => validateAccessOptions(undefined, EUROPE)).not.toThrow();
        expect(() => validateAccessOptions({ requireUser: true, default: ['fr', 'de'] }, EUROPE)).not.toThrow();
    });

    it('accepts the locales of a recorded space', () => {
        expect(() => validateAccessOptions({ rules: [{ emails: ['*@acme.es'], locales: ['es'] }] }, localesOfExport(multiBrand()))).not.toThrow();
    });

    it('names an unknown locale code with its exact path', () => {
        const error = configError({ rules: [{ emails: ['*@acme.fr'], locales: ['fr', 'xx'] }] });
        expect(error.option).toBe('access.rules[0].locales[1]');
        expect(error.message).toBe(
            'localized-contentful-source: invalid option `access.rules[0].locales[1]`: "xx" is not a locale of the space (space locales: en-US, fr, fr-CA, de, it)'
        );
    });

    it('names a locale that is not enabled for the project', () => {
        const error = configError({ default: ['fr', 'it'] });
        expect(error.option).toBe('access.default[1]');
        expect(error.message).toContain('locale "it" is not enabled for this project (enabled: en-US, fr, fr-CA, de)');
    });

    it('refuses an empty locale list', () => {
        const error = configError({ rules: [ACCESS.rules![0], ACCESS.rules![1], { roles: ['x'], locales: [] }] });
        expect(error.option).toBe('access.rules[2].locales');
        expect(error.message).toContain('the locale list is empty');
        expect(configError({ default: [] }).option).toBe('access.default');
    });

    it('refuses a rule without a matcher', () => {
        const error = configError({ rules: [{ locales: ['fr'] }] });
        expect(error.option).toBe('access.rules[0]');
        expect(error.message).toContain('the rule has no matcher');
    });

    it('refuses a rule without locales', () => {
        expect(configError({ rules: [{ emails: ['*'] }] }).option).toBe('access.rules[0].locales');
    });

    it('refuses bad globs, naming the list item', () => {
        expect(configError({ rules: [{ emails: ['*@acme.fr', 'bob'], locales: ['fr'] }] })).toMatchObject({ option: 'access.rules[0].emails[1]' });
        expect(configError({ rules: [{ emails: ['bob'], locales: ['fr'] }] }).message).toContain('can never match an email address');
        expect(configError({ rules: [{ emails: ['a b@acme.fr'], locales: ['fr'] }] }).message).toContain('contains whitespace');
        expect(configError({ rules: [{ emails: ['[ab@acme.fr'], locales: ['fr'] }] }).message).toContain('without a closing "]"');
        expect(configError({ rules: [{ roles: [''], locales: ['fr'] }] })).toMatchObject({ option: 'access.rules[0].roles[0]' });
        expect(configError({ rules: [{ emails: [], locales: ['fr'] }] }).message).toContain('the list is empty');
    });

    it('checks SSO matchers', () => {
        expect(configError({ rules: [{ sso: {}, locales: ['fr'] }] }).option).toBe('access.rules[0].sso');
        expect(configError({ rules: [{ sso: { department: [] }, locales: ['fr'] }] }).option).toBe('access.rules[0].sso.department');
        expect(configError({ rules: [{ sso: { department: ['fr-*', 3] }, locales: ['fr'] }] }).option).toBe('access.rules[0].sso.department[1]');
        expect(() => validateAccessOptions({ rules: [{ sso: { department: 'fr-*' }, locales: ['fr'] }] }, EUROPE)).not.toThrow();
    });

    it('refuses wrong types', () => {
        expect(configError('everyone').option).toBe('access');
        expect(configError({ rules: { emails: ['*'] } }).option).toBe('access.rules');
        expect(configError({ rules: ['*@acme.fr'] }).option).toBe('access.rules[0]');
        expect(configError({ default: 'fr' }).message).toContain(`expected '*' (every locale) or a list of locale codes, got "fr"`);
        expect(configError({ requireUser: 'yes' })).toMatchObject({ option: 'access.requireUser' });
        expect(configError({ rules: [{ emails: '*@acme.fr', locales: ['fr'] }] }).option).toBe('access.rules[0].emails');
        expect(configError({ rules: [{ emails: ['*'], locales: [42] }] }).option).toBe('access.rules[0].locales[0]');
    });

    it('refuses unknown keys (typos)', () => {
        expect(configError({ rules: [{ email: ['*@acme.fr'], locales: ['fr'] }] }).option).toBe('access.rules[0].email');
        expect(configError({ defaults: '*' }).option).toBe('access.defaults');
    });
});
