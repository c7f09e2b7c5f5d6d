/**
 * `permissionsForDocument` / `permissionsForModel` for `stackbit.config.ts`, from the same access
 * rules the adapter enforces (pure).
 *
 * The engine calls these with the *engine* user (`{ id, name, email, role, sso, connections[] }`)
 * and the *raw* CSI document (whose `locale` the adapter sets for object-level documents). It only
 * acts on `canView` (hidden documents); `canEdit` / `canPublish` are UI hints, which is why the
 * adapter enforces the same rules again on every write.
 */
import type { DocumentPermissions, ModelPermissions, StackbitConfig } from '@stackbit/types';
import type { AccessOptions } from '../options.js';
import { decide, resolveGrant, type AccessRequest, type AccessTarget, type ModelLookup, findModel } from './access.js';
import { documentTarget } from './publish-filter.js';
import type { LocaleContext } from './types.js';
import { normalizeUser } from './user.js';

/** What the permission helpers need; every field is read on each call. */
export interface PermissionHelpersConfig {
    access: AccessOptions | undefined;
    locales: LocaleContext;
    models: ModelLookup;
    /** Only judge documents and models of this content source type (others get `undefined`). */
    srcType?: string;
    /** Only judge documents and models of this project (others get `undefined`). */
    srcProjectId?: string;
}

export type PermissionsForDocument = NonNullable<StackbitConfig['permissionsForDocument']>;
export type PermissionsForModel = NonNullable<StackbitConfig['permissionsForModel']>;

/** `false` wins: a permission the document or model already denies stays denied. */
function combine(ours: DocumentPermissions, existing: unknown): DocumentPermissions {
    const given = existing !== null && typeof existing === 'object' ? (existing as DocumentPermissions) : {};
    return {
        canView: ours.canView !== false && given.canView !== false,
        canEdit: ours.canEdit !== false && given.canEdit !== false,
        canPublish: ours.canPublish !== false && given.canPublish !== false
    };
}

function isOtherSource(config: PermissionHelpersConfig, item: { srcType?: string; srcProjectId?: string }): boolean {
    return (config.srcType !== undefined && item.srcType !== config.srcType) || (config.srcProjectId !== undefined && item.srcProjectId !== config.srcProjectId);
}

/**
 * Builds the two StackbitConfig permission functions.
 *
 * @param config - the access options, locales and model lookup; or a function returning them, so
 *   the helpers can be put into `stackbit.config.ts` before the content source has loaded its schema
 *   (until it returns a config the helpers return `undefined`: the engine's own permissions apply).
 * @returns `permissionsForDocument` (canView false for object-level documents of locales outside a
 *   restricted user's locales; canEdit / canPublish false for documents they may not edit or
 *   publish, e.g. documents of models without localized fields) and `permissionsForModel`
 *   (canEdit / canPublish false for models without localized fields for a restricted user). Both
 *   accept the engine user and the merged per-source user context.
 */
export function createPermissionHelpers(config: PermissionHelpersConfig | (() => PermissionHelpersConfig | undefined)): {
    permissionsForDocument: PermissionsForDocument;
    permissionsForModel: PermissionsForModel;
} {
    const current = typeof config === 'function' ? config : () => config;

    const requestFor = (resolved: PermissionHelpersConfig, userContext: unknown, target: AccessTarget) => {
        const user = normalizeUser(userContext);
        return {
            user,
            grant: resolveGrant(user, resolved.access),
            requireUser: resolved.access?.requireUser === true,
            defaultLocale: resolved.locales.defaultLocale,
            target
        };
    };

    const permissionsForDocument: PermissionsForDocument = ({ document, userContext }) => {
        const resolved = current();
        if (!resolved || isOtherSource(resolved, document)) return undefined;
        const base = requestFor(resolved, userContext, documentTarget(document, resolved.models));
        const allowed = (action: AccessRequest['action']) => decide({ ...base, action, fieldWrites: [] }).allowed;
        const canView = allowed('view');
        return combine({ canView, canEdit: canView && allowed('update'), canPublish: canView && allowed('publish') }, document.permissions);
    };

    const permissionsForModel: PermissionsForModel = ({ model, userContext }) => {
        const resolved = current();
        if (!resolved || isOtherSource(resolved, model)) return undefined;
        const known = findModel(resolved.models, model.name);
        const target: AccessTarget = {
            kind: 'document',
            modelName: model.name,
            objectLevel: known ? known.objectLevel : 'localized' in model && model.localized === true,
            hasLocalizedFields: known ? known.localizedFields.length > 0 : (model.fields ?? []).some((field) => field.localized === true)
        };
        const base = requestFor(resolved, userContext, target);
        // A model is editable when its documents can be created in one of the user's locales.
        const locales = base.grant.locales === '*' ? undefined : base.grant.locales.slice(0, 1);
        const canEdit = decide({ ...base, action: 'create', locales }).allowed;
        const ours: ModelPermissions = { canView: true, canEdit, canPublish: canEdit };
        return combine(ours, typeof model.permissions === 'function' ? undefined : model.permissions);
    };

    return { permissionsForDocument, permissionsForModel };
}
