/**
 * Contentful content types (+ editor interfaces) → Stackbit models (pure).
 *
 * Every content type becomes a `data` model named by its id. Field types follow what the engine
 * expects from a Contentful source (an asset link is an `image` field whose document values are
 * asset `reference`s; see field-values.ts). The Contentful field type of every field is kept in
 * `ModelContext.fieldTypes` so writes can coerce values (enum numbers, integers).
 */
import _ from 'lodash';
import type { ContentFields, ContentTypeFieldValidation, Control } from 'contentful-management';
import type { DataModel, Field, FieldCrossReferenceModel, FieldListItems, FieldSpecificProps, Model } from '@stackbit/types';
import type { Diagnostic } from '../localization/types.js';
import type { ContentTypeProps, EditorInterfaceProps, ModelContext } from './types.js';
import { CONTENTFUL_SRC_TYPE } from './field-values.js';

/** Object-level models and the fields the adapter manages on them. */
export interface ObjectLevelSchemaOptions {
    models: string[];
    localeField: string;
    translationKeyField: string;
}

/** Input of {@link convertSchema}: the space's content types and editor interfaces, as the CMA returns them. */
export interface ConvertSchemaInput {
    contentTypes: ContentTypeProps[];
    editorInterfaces: EditorInterfaceProps[];
    /** The space's default locale: field `default`s are read from `defaultValue[defaultLocale]`. */
    defaultLocale: string;
    objectLevel?: ObjectLevelSchemaOptions;
    /** Receives problems that did not stop the conversion (unsupported field types). */
    report?: (diagnostic: Diagnostic) => void;
}

/** A Contentful field as it may arrive: old shapes lack `required`, `validations`, `disabled`, … */
type ContentfulField = Partial<ContentFields> & Pick<ContentFields, 'id' | 'type'>;

interface FieldContext {
    contentTypeId: string;
    control: Control | undefined;
    contentTypeIds: ReadonlySet<string>;
    allContentTypeIds: string[];
    report: (diagnostic: Diagnostic) => void;
}

/**
 * Converts content types to Stackbit models: one `type: 'data'` model per content type,
 * `name` = content type id. Deleted fields are left out; disabled and omitted fields are hidden.
 * Models listed in `objectLevel.models` are `localized: true` and their locale and
 * translation-key fields are read-only (the adapter manages them).
 */
export function convertSchema(input: ConvertSchemaInput): Model<ModelContext>[] {
    const report = input.report ?? noReport;
    const controlsByContentType = new Map<string, Map<string, Control>>();
    for (const editorInterface of input.editorInterfaces) {
        const contentTypeId = editorInterface.sys?.contentType?.sys?.id;
        if (!contentTypeId) {
            continue;
        }
        const controls = new Map<string, Control>();
        for (const control of editorInterface.controls ?? []) {
            controls.set(control.fieldId, control);
        }
        controlsByContentType.set(contentTypeId, controls);
    }
    const allContentTypeIds = input.contentTypes.map((contentType) => contentType.sys.id);
    const contentTypeIds = new Set(allContentTypeIds);
    const objectLevelModels = new Set(input.objectLevel?.models ?? []);

    return input.contentTypes.map((contentType): DataModel<ModelContext> => {
        const contentTypeId = contentType.sys.id;
        const controls = controlsByContentType.get(contentTypeId);
        const objectLevel = objectLevelModels.has(contentTypeId);
        const managedFields = objectLevel && input.objectLevel ? new Set([input.objectLevel.localeField, input.objectLevel.translationKeyField]) : undefined;
        const fields: Field[] = [];
        const fieldTypes: Record<string, string> = {};
        for (const contentfulField of (contentType.fields ?? []) as ContentfulField[]) {
            if (contentfulField.deleted) {
                continue;
            }
            const field = convertField(contentfulField, input.defaultLocale, {
                contentTypeId,
                control: controls?.get(contentfulField.id),
                contentTypeIds,
                allContentTypeIds,
                report
            });
            if (managedFields?.has(field.name)) {
                field.readOnly = true;
            }
            fields.push(field);
            fieldTypes[contentfulField.id] = contentfulField.type;
        }
        const model: DataModel<ModelContext> = {
            type: 'data',
            name: contentTypeId,
            label: contentType.name || _.startCase(contentTypeId),
            fields,
            context: { fieldTypes }
        };
        if (contentType.description) {
            model.description = contentType.description;
        }
        const labelField = resolveLabelField(contentType.displayField, fields);
        if (labelField) {
            model.labelField = labelField;
        }
        if (objectLevel) {
            model.localized = true;
        }
        return model;
    });
}

function convertField(contentfulField: ContentfulField, defaultLocale: string, context: FieldContext): Field {
    const settings = context.control?.settings;
    const specific = convertFieldType(contentfulField, context);
    // Field is a union keyed by `type`; `specific` carries the type, the rest is common to all.
    const field = { ...specific, name: contentfulField.id, label: contentfulField.name || _.startCase(contentfulField.id) } as Field;
    if (typeof settings?.helpText === 'string' && settings.helpText) {
        field.description = settings.helpText;
    }
    field.required = contentfulField.required === true;
    field.localized = contentfulField.localized === true;
    if (contentfulField.disabled || settings?.readOnly === true) {
        field.readOnly = true;
    }
    if (contentfulField.disabled || contentfulField.omitted) {
        field.hidden = true;
    }
    const defaultValue = contentfulField.defaultValue;
    if (defaultValue && typeof defaultValue === 'object' && defaultLocale in defaultValue) {
        field.default = (defaultValue as Record<string, unknown>)[defaultLocale];
    }
    const validations = convertFieldValidations(contentfulField.validations, validationTarget(specific));
    if (validations) {
        // The accepted keys were chosen per field type above.
        Object.assign(field, { validations });
    }
    return field;
}

function convertFieldType(contentfulField: ContentfulField, context: FieldContext): FieldSpecificProps {
    const widgetId = context.control?.widgetId;
    const validations = contentfulField.validations;
    switch (contentfulField.type) {
        case 'Symbol':
        case 'Text':
            return textField(contentfulField.type, validations, widgetId);
        case 'Integer':
        case 'Number': {
            const options = inOptions(validations);
            if (options) {
                return { type: 'enum', options };
            }
            return { type: 'number', subtype: contentfulField.type === 'Integer' ? 'int' : 'float' };
        }
        case 'Date':
            return { type: context.control?.settings?.format === 'dateonly' ? 'date' : 'datetime' };
        case 'Boolean':
            return { type: 'boolean' };
        case 'Location':
        case 'Object':
            return { type: 'json' };
        case 'RichText':
            return { type: 'richText' };
        case 'Link':
            return linkField(contentfulField.linkType, validations, context);
        case 'ResourceLink':
            return { type: 'cross-reference', models: crossReferenceModels(contentfulField.allowedResources) };
        case 'Array':
            return listField(contentfulField, widgetId, context);
        default:
            context.report({
                kind: 'other',
                message: `Content type "${context.contentTypeId}", field "${contentfulField.id}": unsupported Contentful field type "${contentfulField.type}"; it is shown as JSON.`,
                field: contentfulField.id
            });
            return { type: 'json' };
    }
}

function textField(type: 'Symbol' | 'Text', validations: ContentTypeFieldValidation[] | undefined, widgetId: string | undefined): FieldSpecificProps {
    const options = inOptions(validations);
    if (options) {
        return widgetId === 'radio' ? { type: 'enum', options, controlType: 'button-group' } : { type: 'enum', options };
    }
    if (type === 'Symbol') {
        return { type: widgetId === 'slugEditor' ? 'slug' : widgetId === 'urlEditor' ? 'url' : 'string' };
    }
    return { type: widgetId === 'markdown' ? 'markdown' : widgetId === 'singleLine' ? 'string' : 'text' };
}

function linkField(linkType: string | undefined, validations: ContentTypeFieldValidation[] | undefined, context: FieldContext): FieldSpecificProps {
    if (linkType === 'Asset') {
        return { type: 'image' };
    }
    return { type: 'reference', models: referenceModels(validations, context) };
}

function listField(contentfulField: ContentfulField, widgetId: string | undefined, context: FieldContext): FieldSpecificProps {
    const items = contentfulField.items;
    let itemField: FieldListItems;
    switch (items?.type) {
        case 'Symbol':
            itemField = textField('Symbol', items.validations, undefined) as FieldListItems;
            break;
        case 'Link':
            itemField = linkField(items.linkType, items.validations, context) as FieldListItems;
            break;
        case 'ResourceLink':
            itemField = { type: 'cross-reference', models: crossReferenceModels(contentfulField.allowedResources) };
            break;
        case 'Object':
            // Not creatable in today's Contentful web app, but recorded data has it.
            itemField = { type: 'json' };
            break;
        default:
            context.report({
                kind: 'other',
                message: `Content type "${context.contentTypeId}", field "${contentfulField.id}": unsupported list item type "${items?.type ?? '(none)'}"; items are shown as JSON.`,
                field: contentfulField.id
            });
            itemField = { type: 'json' };
    }
    const itemValidations = convertFieldValidations(items?.validations, validationTarget(itemField));
    if (itemValidations) {
        Object.assign(itemField, { validations: itemValidations });
    }
    if (widgetId === 'checkbox' && itemField.type === 'enum') {
        return { type: 'list', controlType: 'checkbox', items: itemField };
    }
    return { type: 'list', items: itemField };
}

/** Entry link targets: the `linkContentType` validation (known content types only), or every content type. */
function referenceModels(validations: ContentTypeFieldValidation[] | undefined, context: FieldContext): string[] {
    const allowed = validations?.find((validation) => Array.isArray(validation.linkContentType))?.linkContentType;
    if (!allowed) {
        return context.allContentTypeIds;
    }
    return allowed.filter((id) => context.contentTypeIds.has(id));
}

function crossReferenceModels(allowedResources: ContentFields['allowedResources']): FieldCrossReferenceModel[] {
    const models: FieldCrossReferenceModel[] = [];
    for (const resource of allowedResources ?? []) {
        if (resource.type !== 'Contentful:Entry' || !('source' in resource)) {
            continue;
        }
        const spaceId = /^crn:contentful:::content:spaces\/([^/]+)/.exec(resource.source)?.[1];
        if (!spaceId) {
            continue;
        }
        for (const modelName of resource.contentTypes ?? []) {
            models.push({ modelName, srcType: CONTENTFUL_SRC_TYPE, srcProjectId: spaceId });
        }
    }
    return models;
}

function inOptions(validations: ContentTypeFieldValidation[] | undefined): (string | number)[] | undefined {
    const options = validations?.find((validation) => Array.isArray(validation.in))?.in;
    return options && options.length > 0 ? options : undefined;
}

function validationTarget(field: FieldSpecificProps): ValidationTarget {
    switch (field.type) {
        case 'list':
            return 'list';
        case 'number':
            return 'number';
        case 'date':
        case 'datetime':
            return 'date';
        case 'image':
            return 'image';
        case 'string':
        case 'url':
        case 'slug':
            return 'uniqueText';
        case 'enum':
            return 'enum';
        case 'text':
        case 'markdown':
            return 'text';
        default:
            return 'none';
    }
}

/** `displayField` when it is a field of the model, else `title`, `label`, or the first string field. */
function resolveLabelField(displayField: string | undefined | null, fields: Field[]): string | undefined {
    if (displayField && fields.some((field) => field.name === displayField)) {
        return displayField;
    }
    const isText = (field: Field) => field.type === 'string' || field.type === 'text';
    return (
        fields.find((field) => field.name === 'title' && isText(field))?.name ??
        fields.find((field) => field.name === 'label' && isText(field))?.name ??
        fields.find((field) => field.type === 'string')?.name
    );
}

/** Which Stackbit validations a field type accepts (they differ per type in @stackbit/types). */
type ValidationTarget = 'text' | 'uniqueText' | 'enum' | 'number' | 'date' | 'list' | 'image' | 'none';

type ValidationKey = 'min' | 'max' | 'regexp' | 'regexpNot' | 'unique' | 'minWidth' | 'maxWidth' | 'minHeight' | 'maxHeight' | 'fileMinSize' | 'fileMaxSize';

/**
 * Contentful validations → Stackbit field validations (with Contentful's custom message as the
 * error text). `in` and `linkContentType` are not validations here: they became enum options and
 * reference models. A `regexp` with flags is left to Contentful: Stackbit patterns have no flags,
 * and checking `^a$` without its `i` flag would reject values Contentful accepts.
 */
function convertFieldValidations(validations: ContentTypeFieldValidation[] | undefined, target: ValidationTarget): Record<string, unknown> | undefined {
    if (!validations || validations.length === 0 || target === 'none') {
        return undefined;
    }
    const result: Partial<Record<ValidationKey, unknown>> = {};
    const errors: Partial<Record<ValidationKey, string>> = {};
    const put = (key: ValidationKey, value: unknown, message: string | null | undefined) => {
        if (value === undefined || value === null) {
            return;
        }
        result[key] = value;
        if (message) {
            errors[key] = message;
        }
    };
    const textual = target === 'text' || target === 'uniqueText';
    for (const validation of validations) {
        const message = validation.message;
        if (validation.unique && (target === 'uniqueText' || target === 'enum' || target === 'number')) {
            put('unique', true, message);
        } else if (validation.size && (textual || target === 'list')) {
            put('min', validation.size.min, message);
            put('max', validation.size.max, message);
        } else if (validation.range && target === 'number') {
            put('min', validation.range.min, message);
            put('max', validation.range.max, message);
        } else if (validation.dateRange && target === 'date') {
            put('min', validation.dateRange.min, message);
            put('max', validation.dateRange.max, message);
        } else if (validation.regexp && textual && !validation.regexp.flags) {
            put('regexp', validation.regexp.pattern, message);
        } else if (validation.prohibitRegexp && textual && !validation.prohibitRegexp.flags) {
            put('regexpNot', validation.prohibitRegexp.pattern, message);
        } else if (validation.assetImageDimensions && target === 'image') {
            const { width, height } = validation.assetImageDimensions;
            put('minWidth', width?.min, message);
            put('maxWidth', width?.max, message);
            put('minHeight', height?.min, message);
            put('maxHeight', height?.max, message);
        } else if (validation.assetFileSize && target === 'image') {
            put('fileMinSize', validation.assetFileSize.min, message);
            put('fileMaxSize', validation.assetFileSize.max, message);
        }
    }
    if (Object.keys(result).length === 0) {
        return undefined;
    }
    return Object.keys(errors).length > 0 ? { ...result, errors } : result;
}

function noReport(): void {}
