import { describe, expect, it } from 'vitest';
import { validationErrorsFromBulkAction, validationErrorsFromErrorBody } from '../../src/contentful/validation-errors.js';
import { recording } from './helpers.js';

const entry = { objectType: 'document' as const, objectId: 'entry1' };

describe('validationErrorsFromErrorBody', () => {
    it('moves the locale out of the field path and into the message (recorded unknown-locale 422)', () => {
        const errors = validationErrorsFromErrorBody(recording('rb-error-422-invalid-entry-unknown-locale-pl.json'), entry);
        expect(errors).toHaveLength(2);
        expect(errors[0]).toMatchObject({ objectType: 'document', objectId: 'entry1', fieldPath: ['city'], locale: 'pl' });
        expect(errors[1]).toMatchObject({ fieldPath: ['asset'], locale: 'pl' });
        expect(errors[0]!.message).toContain('"pl"');
        expect(errors[0]!.message).toContain('field "city"');
    });

    it("keeps Contentful's own details and names the locale (recorded wrong-type 422)", () => {
        const [error] = validationErrorsFromErrorBody(recording('java-error-invalid-entry-type.json'), entry);
        expect(error).toMatchObject({ fieldPath: ['testField2'], locale: 'en-US' });
        expect(error!.message).toBe('The type of "value" is incorrect, expected type: Symbol (field "testField2", locale "en-US")');
    });

    it('uses the locale of the error, whatever it is, and flags unique validations', () => {
        const body = {
            sys: { type: 'Error', id: 'ValidationFailed' },
            details: {
                errors: [
                    { name: 'unique', path: ['fields', 'slug', 'fr-CA'], value: 'hello' },
                    { name: 'required', path: ['fields', 'title', 'de'], details: 'Required' },
                    { name: 'size', path: ['fields', 'tags', 'es', 2], min: 1, max: 3, customMessage: 'Between one and three' }
                ]
            }
        };
        const errors = validationErrorsFromErrorBody(body, entry);
        expect(errors[0]).toMatchObject({ fieldPath: ['slug'], locale: 'fr-CA', isUniqueValidation: true });
        expect(errors[0]!.message).toContain('locale "fr-CA"');
        expect(errors[1]).toMatchObject({ fieldPath: ['title'], locale: 'de', message: 'Required (field "title", locale "de")' });
        expect(errors[1]!.isUniqueValidation).toBeUndefined();
        expect(errors[2]).toMatchObject({ fieldPath: ['tags', 2], locale: 'es', message: 'Between one and three (field "tags.2", locale "es")' });
    });

    it('handles non-entry paths (string paths, content-type field indexes) without inventing a locale', () => {
        const locale = validationErrorsFromErrorBody(recording('php-error-422-validation-failed.json'), entry);
        expect(locale.map((error) => error.fieldPath)).toEqual([['code'], ['display_code']]);
        expect(locale.every((error) => error.locale === undefined)).toBe(true);
        const contentType = validationErrorsFromErrorBody(recording('java-error-validation-failed-content-type.json'), entry);
        expect(contentType[0]).toMatchObject({ fieldPath: ['fields', 0, 'type'] });
        expect(contentType[0]!.locale).toBeUndefined();
        expect(contentType[0]!.message).toMatch(/Must be one of: Array, Boolean/);
        const taken = validationErrorsFromErrorBody(recording('rb-error-422-locale-code-taken.json'), entry);
        expect(taken[0]!.message).toContain('"ru-RU" is already taken');
    });

    it('never turns a failure into "no errors": a body without details gives one error with its message', () => {
        expect(validationErrorsFromErrorBody(recording('rb-error-400-cannot-archive-published.json'), entry)).toEqual([{ ...entry, fieldPath: [], message: 'BadRequest: Cannot archive published' }]);
        expect(validationErrorsFromErrorBody('not json', entry)).toEqual([]);
    });
});

describe('validationErrorsFromBulkAction', () => {
    it('reads entity errors of a failed v1 bulk action, entries and assets', () => {
        const bulkAction = {
            sys: { id: 'ba1', type: 'BulkAction', status: 'failed' },
            action: 'validate',
            error: {
                sys: { type: 'Error', id: 'BulkActionFailed' },
                details: {
                    errors: [
                        {
                            entity: { sys: { type: 'Link', linkType: 'Entry', id: 'e1' } },
                            error: { sys: { type: 'Error', id: 'InvalidEntry' }, details: { errors: [{ name: 'required', path: ['fields', 'title', 'it'], details: 'Required' }] } }
                        },
                        {
                            entity: { sys: { type: 'Link', linkType: 'Asset', id: 'a1', version: 3 } },
                            error: { sys: { type: 'Error', id: 'InvalidEntry' }, details: { errors: [{ name: 'required', path: ['fields', 'file', 'nl'] }] } }
                        }
                    ]
                }
            }
        };
        const errors = validationErrorsFromBulkAction(bulkAction);
        expect(errors).toEqual([
            { objectType: 'document', objectId: 'e1', fieldPath: ['title'], locale: 'it', message: 'Required (field "title", locale "it")' },
            { objectType: 'asset', objectId: 'a1', fieldPath: ['file'], locale: 'nl', message: 'A value is required (field "file", locale "nl")' }
        ]);
    });

    it('reads the v2 shape, where the entity link is wrapped as { entity: { sys } }', () => {
        const bulkAction = {
            sys: { id: 'ba2', type: 'BulkAction', status: 'failed' },
            error: {
                sys: { type: 'Error', id: 'BulkActionFailed' },
                details: { errors: [{ entity: { entity: { sys: { type: 'Link', linkType: 'Entry', id: 'e7', version: 4 } } }, error: { sys: { id: 'NotFound' }, message: 'The resource could not be found.' } }] }
            }
        };
        expect(validationErrorsFromBulkAction(bulkAction)).toEqual([{ objectType: 'document', objectId: 'e7', fieldPath: [], message: 'NotFound: The resource could not be found.' }]);
    });

    it('returns no errors for a succeeded action', () => {
        expect(validationErrorsFromBulkAction({ sys: { id: 'ba3', type: 'BulkAction', status: 'succeeded' } })).toEqual([]);
    });
});
