/**
 * What a user in a locale mode may publish (SPEC §7), pure and linear in the number of documents
 * (it runs over every changed document of a space, tens of thousands at once).
 *
 * The engine's `publishDocuments` carries no locale: the adapter derives the mode from the user's
 * grant and plans what to publish entirely, what to publish per locale (Contentful locale-based
 * publishing) and what to skip, with a reason for each skipped item.
 */
import type { Asset, Document } from '@stackbit/types';
import _ from 'lodash';
import { findModel, grantedLocales, isGlobalGrant, publishProblem, type AccessTarget, type ModelLookup } from './access.js';
import type { LocaleMode, ResolvedGrant, UserIdentity } from './types.js';
import { describeUser } from './user.js';

/** A locale mode, or the set of locales of a restricted user (what `publishDocuments` uses). */
export type PublishMode = LocaleMode | { kind: 'specific-set'; locales: string[] };

/** One document or asset of a plan. */
export interface PublishItemRef {
    id: string;
    kind: 'document' | 'asset';
}

/** An item left out, and why. */
export interface SkippedPublishItem extends PublishItemRef {
    reason: string;
}

/**
 * The access target of a document: object-level and localized-field flags come from the model
 * when known, else from the document itself (a `locale`, or a field with `localized: true`).
 */
export function documentTarget(document: Pick<Document, 'id' | 'modelName' | 'locale'> & { fields?: Document['fields'] }, models?: ModelLookup): AccessTarget {
    const model = findModel(models, document.modelName);
    const objectLevel = model ? model.objectLevel : document.locale !== undefined;
    const hasLocalizedFields = model ? model.localizedFields.length > 0 : _.some(document.fields, (field) => field?.localized === true);
    return { kind: 'document', id: document.id, modelName: document.modelName, objectLevel, documentLocale: document.locale, hasLocalizedFields };
}

/** The access target of an asset: one record holding every locale's title, description and file. */
export function assetTarget(asset: Pick<Asset, 'id'>): AccessTarget {
    return { kind: 'asset', id: asset.id, objectLevel: false, hasLocalizedFields: true };
}

function modeLocales(mode: PublishMode): string[] | undefined {
    if (mode.kind === 'global') return undefined;
    return mode.kind === 'specific' ? [mode.locale] : mode.locales;
}

function describeMode(mode: PublishMode): string {
    if (mode.kind === 'global') return 'Global mode';
    return mode.kind === 'specific' ? `Specific mode ${mode.locale}` : `locales ${mode.locales.join(', ')}`;
}

/**
 * Filters what may be published in a mode: Global → everything; Specific L (or a set of locales)
 * → object-level documents of L, documents with localized fields (field-level documents) and
 * assets; not documents of other locales, not documents without any localized field.
 *
 * @returns the publishable documents and assets (same objects, same order) and every skipped item
 *   with its reason.
 */
export function filterPublishable<D extends Document, A extends Asset>(input: {
    documents: D[];
    assets?: A[];
    mode: PublishMode;
    models?: ModelLookup;
}): { documents: D[]; assets: A[]; skipped: SkippedPublishItem[] } {
    const assets = input.assets ?? [];
    const locales = modeLocales(input.mode);
    if (!locales) return { documents: [...input.documents], assets: [...assets], skipped: [] };
    const skipped: SkippedPublishItem[] = [];
    const documents = input.documents.filter((document) => {
        const problem = publishProblem(documentTarget(document, input.models), locales);
        if (problem) {
            skipped.push({ id: document.id, kind: 'document', reason: `${problem}; ${describeMode(input.mode)} publishes only ${locales.join(', ')} documents and documents with localized fields` });
        }
        return problem === undefined;
    });
    // Assets always have per-locale fields, so every mode may publish them.
    return { documents, assets: [...assets], skipped };
}

/** A publish or unpublish plan. */
export interface PublishPlan {
    /** Publish (or unpublish) entirely. */
    whole: PublishItemRef[];
    /** Contentful locale-based publishing: publish (`add`) or unpublish (`remove`) these locales only. */
    perLocale: (PublishItemRef & { locales: string[] })[];
    skipped: SkippedPublishItem[];
}

/** Input of {@link planPublish} and {@link planUnpublish}. */
export interface PublishPlanInput {
    documents: Document[];
    assets?: Asset[];
    grant: ResolvedGrant;
    /** The space publishes per locale (`sys.fieldStatus`), or the option says so. */
    localeBasedPublishing: boolean;
    /** The space's default locale (part of the contract; `changedLocales` already maps non-localized changes to it). */
    defaultLocale?: string;
    models?: ModelLookup;
    /** Enabled locales; per-locale plans never name another one. */
    enabledLocales?: string[];
    /** The user, for reasons. */
    user?: UserIdentity;
}

type Planned = { kind: 'whole' } | { kind: 'per-locale'; locales: string[] } | { kind: 'skip'; reason: string };

function planItems(input: PublishPlanInput, planShared: (target: AccessTarget, granted: string[], who: string) => Planned, verb: string): PublishPlan {
    const plan: PublishPlan = { whole: [], perLocale: [], skipped: [] };
    const targets = [...input.documents.map((document) => documentTarget(document, input.models)), ...(input.assets ?? []).map(assetTarget)];
    if (isGlobalGrant(input.grant)) {
        plan.whole = targets.map((target) => ({ id: target.id!, kind: target.kind }));
        return plan;
    }
    const granted = grantedLocales(input.grant);
    const who = describeUser(input.user);
    for (const target of targets) {
        const ref: PublishItemRef = { id: target.id!, kind: target.kind };
        const problem = publishProblem(target, granted);
        if (problem) {
            plan.skipped.push({ ...ref, reason: `${who} may ${verb} only ${granted.join(', ')}; ${problem}` });
        } else if (target.objectLevel) {
            plan.whole.push(ref);
        } else {
            const planned = planShared(target, granted, who);
            if (planned.kind === 'whole') plan.whole.push(ref);
            else if (planned.kind === 'per-locale') plan.perLocale.push({ ...ref, locales: planned.locales });
            else plan.skipped.push({ ...ref, reason: planned.reason });
        }
    }
    return plan;
}

function perLocalePlan(input: PublishPlanInput, target: AccessTarget, granted: string[], who: string, verb: string): Planned {
    const locales = input.enabledLocales ? granted.filter((locale) => input.enabledLocales!.includes(locale)) : granted;
    if (locales.length === 0) {
        return { kind: 'skip', reason: `${who} may ${verb} only ${granted.join(', ')}, and none of these locales is enabled for ${target.kind} "${target.id}"` };
    }
    return { kind: 'per-locale', locales };
}

/**
 * The locales a restricted user publishes of a field-level item under locale-based publishing: their
 * enabled locales that have unpublished changes (when known). Publishing a granted locale without
 * changes is pointless, and one without values fails Contentful's required-field validation
 * (locale-based publishing ignores the locale's "optional" setting), which would fail the whole item.
 */
function perLocalePublishPlan(input: PublishPlanInput, target: AccessTarget, granted: string[], who: string, changed: string[] | undefined): Planned {
    const planned = perLocalePlan(input, target, granted, who, 'publish');
    if (planned.kind !== 'per-locale' || changed === undefined) return planned;
    const locales = planned.locales.filter((locale) => changed.includes(locale));
    if (locales.length > 0) return { kind: 'per-locale', locales };
    const elsewhere = changed.length > 0 ? ` (its unpublished changes are in ${_.uniq(changed).join(', ')})` : '';
    return { kind: 'skip', reason: `${who} may publish only ${granted.join(', ')}; ${target.kind} "${target.id}" has no unpublished changes in ${planned.locales.join(', ')}${elsewhere}` };
}

/**
 * Plans `publishDocuments` for a user's grant. A global user (or no user) publishes everything
 * entirely. A restricted user publishes object-level documents of their locales entirely; field-level
 * documents and assets hold every locale, so with locale-based publishing only the user's locales
 * are published (those of them with unpublished changes, when `changedLocales` knows them), and
 * without it the item is published entirely only when all its unpublished changes are in the user's
 * locales.
 *
 * @param input.changedLocales - the locales with unpublished changes of an item (from
 *   `sys.fieldStatus` or snapshots; non-localized field changes count as default-locale changes),
 *   or `undefined` when unknown (the item is then skipped for a restricted user without
 *   locale-based publishing).
 */
export function planPublish(input: PublishPlanInput & { changedLocales?: (item: Document | Asset) => string[] | undefined }): PublishPlan {
    const items = new Map<string, Document | Asset>();
    for (const item of [...input.documents, ...(input.assets ?? [])]) items.set(`${item.type}:${item.id}`, item);
    return planItems(
        input,
        (target, granted, who) => {
            const item = items.get(`${target.kind}:${target.id}`)!;
            const changed = input.changedLocales?.(item);
            if (input.localeBasedPublishing) return perLocalePublishPlan(input, target, granted, who, changed);
            if (changed === undefined) {
                return {
                    kind: 'skip',
                    reason: `${who} may publish only ${granted.join(', ')}; it is unknown which locales of ${target.kind} "${target.id}" have unpublished changes, and without locale-based publishing Contentful publishes every locale at once`
                };
            }
            const others = _.uniq(changed.filter((locale) => !granted.includes(locale)));
            if (others.length > 0) {
                return {
                    kind: 'skip',
                    reason: `${who} may publish only ${granted.join(', ')}; ${target.kind} "${target.id}" also has unpublished changes in ${others.join(', ')}, and without locale-based publishing Contentful publishes every locale at once`
                };
            }
            return { kind: 'whole' };
        },
        'publish'
    );
}

/**
 * Plans `unpublishDocuments` for a user's grant: like {@link planPublish}, except that a restricted
 * user may unpublish a field-level document or an asset only with locale-based publishing (their
 * locales are removed); unpublishing it entirely would take every other locale offline.
 */
export function planUnpublish(input: PublishPlanInput): PublishPlan {
    return planItems(
        input,
        (target, granted, who) => {
            if (input.localeBasedPublishing) return perLocalePlan(input, target, granted, who, 'unpublish');
            return {
                kind: 'skip',
                reason: `${who} may unpublish only ${granted.join(', ')}; unpublishing ${target.kind} "${target.id}" would take every locale offline, and the space does not use locale-based publishing`
            };
        },
        'unpublish'
    );
}
