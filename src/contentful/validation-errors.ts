/**
 * Contentful validation error bodies → Stackbit `ValidationError[]` (pure).
 *
 * Contentful reports entry errors with paths `['fields', fieldId, locale, ...rest]`. Stackbit field
 * paths have no locale segment, so the locale is moved into the message (and kept on the result as
 * `locale`, for callers that filter by locale). Nothing here assumes a particular locale code.
 */
import type { ValidationError } from '@stackbit/types';
import { isRecord } from './field-values.js';

/** A Stackbit validation error plus the Contentful locale it is about, when there is one. */
export type LocalizedValidationError = ValidationError & { locale?: string };

/** The entity an error body belongs to (a single-entity 422 does not name it). */
export interface ValidationErrorTarget {
    objectType: 'document' | 'asset';
    objectId: string;
}

/**
 * Errors of a single-entity error body (`422 ValidationFailed` / `InvalidEntry` from a PUT or a
 * publish): one `ValidationError` per `details.errors[]` item. A body without details yields one
 * error carrying Contentful's message, so a failure is never reported as "no errors".
 */
export function validationErrorsFromErrorBody(body: unknown, target: ValidationErrorTarget): LocalizedValidationError[] {
    if (!isRecord(body)) {
        return [];
    }
    const details = isRecord(body.details) ? body.details : undefined;
    const items = Array.isArray(details?.errors) ? details.errors : undefined;
    if (!items || items.length === 0) {
        return [{ ...target, fieldPath: [], message: errorSummary(body) }];
    }
    return items.filter(isRecord).map((item) => convertItem(item, target));
}

/**
 * Errors of a failed bulk action (v1 `bulk_actions/validate|publish`, or v2 `bulk_actions`):
 * `error.details.errors[]` items name the entity (`entity.sys` link, or `entity.entity.sys` in v2
 * payload shape) and carry the entity's own error body. A succeeded action yields `[]`.
 */
export function validationErrorsFromBulkAction(bulkAction: unknown): LocalizedValidationError[] {
    if (!isRecord(bulkAction) || !isRecord(bulkAction.error)) {
        return [];
    }
    const details = isRecord(bulkAction.error.details) ? bulkAction.error.details : undefined;
    const entityErrors = Array.isArray(details?.errors) ? details.errors : [];
    const result: LocalizedValidationError[] = [];
    for (const entityError of entityErrors) {
        if (!isRecord(entityError)) {
            continue;
        }
        const target = entityTarget(entityError.entity);
        if (!target) {
            continue;
        }
        result.push(...validationErrorsFromErrorBody(entityError.error, target));
    }
    return result;
}

function entityTarget(entity: unknown): ValidationErrorTarget | undefined {
    const link = isRecord(entity) && isRecord(entity.sys) ? entity.sys : isRecord(entity) && isRecord(entity.entity) && isRecord(entity.entity.sys) ? entity.entity.sys : undefined;
    if (!link || typeof link.id !== 'string') {
        return undefined;
    }
    return { objectType: link.linkType === 'Asset' ? 'asset' : 'document', objectId: link.id };
}

function convertItem(item: Record<string, unknown>, target: ValidationErrorTarget): LocalizedValidationError {
    const path = Array.isArray(item.path) ? item.path.filter((segment): segment is string | number => typeof segment === 'string' || typeof segment === 'number') : typeof item.path === 'string' ? [item.path] : [];
    let fieldPath: (string | number)[] = path;
    let locale: string | undefined;
    // Entry paths: ['fields', fieldId, locale, ...rest]. Content-type paths use an index ('fields', 0, …).
    if (path[0] === 'fields' && typeof path[1] === 'string') {
        fieldPath = [path[1], ...path.slice(3)];
        if (typeof path[2] === 'string') {
            locale = path[2];
        } else if (path.length > 2) {
            fieldPath = path.slice(1);
        }
    }
    const where = [fieldPath.length > 0 ? `field "${fieldPath.join('.')}"` : undefined, locale ? `locale "${locale}"` : undefined].filter(Boolean).join(', ');
    const text = itemText(item, locale);
    const result: LocalizedValidationError = {
        ...target,
        fieldPath,
        message: where ? `${text} (${where})` : text
    };
    if (item.name === 'unique') {
        result.isUniqueValidation = true;
    }
    if (locale) {
        result.locale = locale;
    }
    return result;
}

/** Contentful's own text for one error (custom message, then details), else a sentence from its name. */
function itemText(item: Record<string, unknown>, locale: string | undefined): string {
    if (typeof item.customMessage === 'string' && item.customMessage) {
        return item.customMessage;
    }
    if (typeof item.details === 'string' && item.details) {
        return item.details;
    }
    switch (item.name) {
        case 'required':
            return 'A value is required';
        case 'unique':
            return 'This value must be unique; another entry already has it';
        case 'unknown':
            return locale ? `The locale "${locale}" does not exist in this environment, or is not editable` : 'The field does not exist in the content type';
        case 'notResolvable':
            return 'Links to an entry or asset that does not exist or is not published';
        case 'in':
            return Array.isArray(item.expected) ? `Must be one of: ${item.expected.map(String).join(', ')}` : 'Not one of the allowed values';
        case 'size':
        case 'range':
            return `Must be ${rangeText(item)}`;
        case 'type':
            return typeof item.type === 'string' ? `The value has the wrong type; expected ${item.type}` : 'The value has the wrong type';
        case 'taken':
            return `The value ${JSON.stringify(item.value)} is already taken`;
        default:
            return `Invalid value (${typeof item.name === 'string' ? item.name : 'unknown validation'})`;
    }
}

function rangeText(item: Record<string, unknown>): string {
    const min = typeof item.min === 'number' ? item.min : undefined;
    const max = typeof item.max === 'number' ? item.max : undefined;
    if (min !== undefined && max !== undefined) {
        return `between ${min} and ${max}`;
    }
    if (min !== undefined) {
        return `at least ${min}`;
    }
    return max !== undefined ? `at most ${max}` : 'within the allowed size';
}

function errorSummary(body: Record<string, unknown>): string {
    const id = isRecord(body.sys) && typeof body.sys.id === 'string' ? body.sys.id : 'Error';
    return typeof body.message === 'string' && body.message ? `${id}: ${body.message}` : id;
}
