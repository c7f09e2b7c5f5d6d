import { describe, expect, it } from 'vitest';
import type { Model } from '@stackbit/types';
import { fieldsFromOperationFields } from '../../src/contentful/create-fields.js';
import { convertSchema } from '../../src/contentful/schema-converter.js';
import type { ModelContext } from '../../src/contentful/types.js';
import { exportFile } from './helpers.js';

const file = exportFile('export-stackbit-i18n-field-level-en-US-es.json');
const models = convertSchema({ contentTypes: file.contentTypes, editorInterfaces: file.editorInterfaces, defaultLocale: 'en-US' });
const model = (name: string) => models.find((candidate) => candidate.name === name) as Model<ModelContext>;

describe('fieldsFromOperationFields', () => {
    it('puts localized fields under the creation locale and non-localized fields under the default locale', () => {
        const fields = fieldsFromOperationFields({
            model: model('page'),
            locale: 'es',
            defaultLocale: 'en-US',
            updateOperationFields: {
                title: { type: 'string', value: 'Hola' },
                slug: { type: 'slug', value: 'hola' },
                sections: { type: 'list', items: [{ type: 'reference', refType: 'document', refId: 'hero1' }] }
            }
        });
        expect(fields).toEqual({
            title: { es: 'Hola' },
            slug: { 'en-US': 'hola' },
            sections: { 'en-US': [{ sys: { type: 'Link', linkType: 'Entry', id: 'hero1' } }] }
        });
    });

    it('writes asset links for image fields', () => {
        const fields = fieldsFromOperationFields({
            model: model('hero'),
            locale: 'en-US',
            defaultLocale: 'en-US',
            updateOperationFields: { image: { type: 'reference', refType: 'asset', refId: 'img1' }, theme: { type: 'enum', value: 'imgLeft' } }
        });
        expect(fields).toEqual({ image: { 'en-US': { sys: { type: 'Link', linkType: 'Asset', id: 'img1' } } }, theme: { 'en-US': 'imgLeft' } });
    });

    it('leaves empty values out so Contentful fallback applies', () => {
        const fields = fieldsFromOperationFields({
            model: model('page'),
            locale: 'es',
            defaultLocale: 'en-US',
            updateOperationFields: { title: { type: 'string', value: '' }, slug: { type: 'slug', value: 'x' }, sections: { type: 'list', items: [] } }
        });
        expect(fields).toEqual({ slug: { 'en-US': 'x' } });
    });

    it('refuses a field the model does not have, naming model, field and locale', () => {
        expect(() =>
            fieldsFromOperationFields({ model: model('page'), locale: 'es', defaultLocale: 'en-US', updateOperationFields: { subtitle: { type: 'string', value: 'x' } } })
        ).toThrow('Cannot create a document of model "page" in locale "es": the model has no field "subtitle".');
    });

    it('refuses nested objects', () => {
        expect(() =>
            fieldsFromOperationFields({ model: model('page'), locale: 'es', defaultLocale: 'en-US', updateOperationFields: { title: { type: 'object', fields: {} } } })
        ).toThrow(/Field "title" of model "page" \(locale "es"\).*nested/);
    });
});
