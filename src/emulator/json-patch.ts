/**
 * JSON Patch (RFC 6902) for `PATCH …/entries/:id`: add, remove, replace, move, copy, test over a
 * document `{ fields, metadata }`. Pure.
 */
import _ from 'lodash';
import { EmulatorError } from './errors.js';
import { isPlainObject } from './normalize.js';

/** One JSON Patch operation. */
export interface PatchOperation {
    op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
    path: string;
    value?: unknown;
    from?: string;
}

function unprocessable(message: string, operation: unknown): EmulatorError {
    return new EmulatorError(422, { sys: { type: 'Error', id: 'UnprocessableEntity' }, message, details: { operation } });
}

function pointer(path: string, operation: unknown): string[] {
    if (path === '') {
        return [];
    }
    if (!path.startsWith('/')) {
        throw unprocessable(`Invalid JSON pointer "${path}"`, operation);
    }
    return path
        .slice(1)
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, segments: string[], operation: unknown, create: boolean): Record<string, unknown> | unknown[] {
    let node: unknown = document;
    for (const segment of segments.slice(0, -1)) {
        const container = node as Record<string, unknown>;
        if (create && isPlainObject(node) && node[segment] === undefined) {
            node[segment] = {};
        }
        node = Array.isArray(container) ? container[Number(segment)] : isPlainObject(container) ? container[segment] : undefined;
        if (node === undefined || node === null || typeof node !== 'object') {
            throw unprocessable(`Path "/${segments.join('/')}" does not exist`, operation);
        }
    }
    return node as Record<string, unknown> | unknown[];
}

function remove(document: unknown, segments: string[], operation: unknown): unknown {
    const parent = parentOf(document, segments, operation, false);
    const key = segments[segments.length - 1]!;
    if (Array.isArray(parent)) {
        return parent.splice(Number(key), 1)[0];
    }
    if (!(key in parent)) {
        throw unprocessable(`Path "/${segments.join('/')}" does not exist`, operation);
    }
    const removed = parent[key];
    delete parent[key];
    return removed;
}

function add(document: unknown, segments: string[], value: unknown, operation: unknown): void {
    // Contentful creates the per-field locale map when adding `/fields/<id>/<locale>`.
    const parent = parentOf(document, segments, operation, true);
    const key = segments[segments.length - 1]!;
    if (Array.isArray(parent)) {
        parent.splice(key === '-' ? parent.length : Number(key), 0, value);
    } else {
        parent[key] = value;
    }
}

/**
 * Applies `operations` to a deep copy of `document`.
 * @throws EmulatorError 422 for a malformed operation, a missing path or a failed `test`
 */
export function applyJsonPatch<T>(document: T, operations: unknown): T {
    if (!Array.isArray(operations)) {
        throw unprocessable('A JSON Patch body must be an array of operations', operations);
    }
    const result = _.cloneDeep(document);
    for (const operation of operations as PatchOperation[]) {
        if (!isPlainObject(operation) || typeof operation.path !== 'string') {
            throw unprocessable('Each operation needs "op" and "path"', operation);
        }
        const segments = pointer(operation.path, operation);
        if (!segments.length) {
            throw unprocessable('Replacing the whole document is not supported', operation);
        }
        switch (operation.op) {
            case 'add':
                add(result, segments, _.cloneDeep(operation.value), operation);
                break;
            case 'remove':
                remove(result, segments, operation);
                break;
            case 'replace':
                remove(result, segments, operation);
                add(result, segments, _.cloneDeep(operation.value), operation);
                break;
            case 'move':
            case 'copy': {
                const from = pointer(operation.from ?? '', operation);
                const value = operation.op === 'move' ? remove(result, from, operation) : _.cloneDeep(_.get(result, from));
                add(result, segments, value, operation);
                break;
            }
            case 'test':
                if (!_.isEqual(_.get(result, segments), operation.value)) {
                    throw unprocessable(`Test failed at "${operation.path}"`, operation);
                }
                break;
            default:
                throw unprocessable(`Unknown operation "${String((operation as { op?: unknown }).op)}"`, operation);
        }
    }
    return result;
}
