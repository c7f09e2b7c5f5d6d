/**
 * Publishing: which documents a caller may publish (SPEC §7), per-locale publishing where the space
 * supports it, bulk actions for many, and a clear account of what was skipped or failed.
 */
import _ from 'lodash';
import type { Asset, Document, ValidationError } from '@stackbit/types';
import type { AssetProps, EntryProps } from 'contentful-management';
import pLimit from 'p-limit';
import { AccessDeniedError } from '../errors.js';
import { bulkValidate, fetchAssets, fetchEntries, fetchEntrySnapshots, publishAsset, publishEntry, unpublishAsset, unpublishEntry } from '../contentful/api.js';
import { runBulk, waitForBulkAction, BULK_ACTION_MAX_ITEMS, type BulkItem } from '../contentful/bulk.js';
import { validationErrorsFromBulkAction } from '../contentful/validation-errors.js';
import { isGlobalGrant } from '../localization/access.js';
import { planPublish, planUnpublish, type PublishPlan } from '../localization/publish-filter.js';
import { describeUser } from '../localization/user.js';
import type { Runtime } from './runtime.js';
import { callerOf, guard, type Caller } from './guard.js';
import { applyContentChanges } from './loading.js';

type Entity = EntryProps | AssetProps;
type Kind = 'document' | 'asset';

/** Current sys of the given ids (100 per request), so stale cached versions never fail a publish. */
async function currentEntities(runtime: Runtime, kind: Kind, ids: string[]): Promise<Map<string, Entity>> {
    const limit = pLimit(runtime.options.requests.concurrency);
    const fetchPage = async (query: Record<string, string | number>): Promise<Entity[]> =>
        (kind === 'document' ? (await fetchEntries(runtime.conn, query)).items : (await fetchAssets(runtime.conn, query)).items);
    const pages = _.chunk(ids, 100).map((chunk) => limit(() => fetchPage({ 'sys.id[in]': chunk.join(','), limit: 100 })));
    const entities = (await Promise.all(pages)).flat();
    return new Map(entities.map((entity) => [entity.sys.id, entity]));
}

function isUpToDate(entity: Entity, locales?: string[]): boolean {
    const { version, publishedVersion, fieldStatus } = entity.sys;
    if (locales) {
        const statuses = fieldStatus?.['*'];
        return Boolean(statuses) && locales.every((locale) => statuses![locale] === 'published');
    }
    return publishedVersion !== undefined && version === publishedVersion + 1;
}

/** Locales with unpublished changes of a field-level entry, from `fieldStatus` or, without it, the last publish snapshot. */
async function changedLocalesOf(runtime: Runtime, item: Document | Asset): Promise<string[] | undefined> {
    const statuses = item.context && (item.context as { sys?: { fieldStatus?: Record<string, string> } }).sys?.fieldStatus;
    if (statuses) {
        // A `draft` locale without values has nothing to publish; a `changed` one without values had
        // published values that are now removed: publishing it removes them from the site, a change too.
        return Object.entries(statuses)
            .filter(([locale, status]) => status === 'changed' || (status === 'draft' && hasValueIn(item, locale, runtime.locales.defaultLocale)))
            .map(([locale]) => locale);
    }
    if (item.type !== 'document' || item.status === 'published') return item.status === 'published' ? [] : undefined;
    const [current, snapshots] = await Promise.all([currentEntities(runtime, 'document', [item.id]), fetchEntrySnapshots(runtime.conn, item.id).catch(() => undefined)]);
    const entry = current.get(item.id) as EntryProps | undefined;
    const last = _.maxBy(snapshots?.items ?? [], (s) => s.sys.createdAt);
    if (!entry || !last) return undefined;
    const changed = new Set<string>();
    const before = last.snapshot.fields as Record<string, Record<string, unknown>>;
    for (const fieldId of _.union(Object.keys(entry.fields), Object.keys(before))) {
        const a = entry.fields[fieldId] ?? {};
        const b = before[fieldId] ?? {};
        for (const locale of _.union(Object.keys(a), Object.keys(b))) {
            if (!_.isEqual(a[locale], b[locale])) changed.add(locale);
        }
    }
    return [...changed];
}

function hasValueIn(item: Document | Asset, locale: string, defaultLocale: string): boolean {
    return Object.values(item.fields).some((field) =>
        field && 'localized' in field && field.localized ? Boolean((field as { locales?: Record<string, unknown> }).locales?.[locale]) : locale === defaultLocale
    );
}

function logSkipped(runtime: Runtime, verb: string, plan: PublishPlan): void {
    for (const item of plan.skipped) {
        runtime.logger.warn(`localized-contentful-source: not ${verb}ing ${item.kind} "${item.id}": ${item.reason}`);
    }
}

function assertSomethingLeft(caller: Caller, verb: string, plan: PublishPlan, requested: number): void {
    if (requested > 0 && plan.whole.length === 0 && plan.perLocale.length === 0) {
        throw new AccessDeniedError({
            user: describeUser(caller.user),
            action: `${verb} any of the ${requested} selected item(s)`,
            reason: plan.skipped.map((item) => `${item.kind} "${item.id}": ${item.reason}`).join('; ')
        });
    }
}

/** Publishes or unpublishes a plan; returns failures as messages. */
async function executePlan(runtime: Runtime, action: 'publish' | 'unpublish', plan: PublishPlan): Promise<string[]> {
    const idsOf = (kind: Kind) => [...plan.whole, ...plan.perLocale].filter((item) => item.kind === kind).map((item) => item.id);
    const [entries, assets] = await Promise.all([currentEntities(runtime, 'document', idsOf('document')), currentEntities(runtime, 'asset', idsOf('asset'))]);
    const lookup = (kind: Kind, id: string) => (kind === 'document' ? entries : assets).get(id);
    const failures: string[] = [];
    const items: (BulkItem & { kind: Kind })[] = [];
    for (const ref of [...plan.whole, ...plan.perLocale]) {
        const entity = lookup(ref.kind, ref.id);
        const locales = 'locales' in ref ? (ref as { locales: string[] }).locales : undefined;
        if (!entity) {
            failures.push(`${ref.kind} "${ref.id}" no longer exists in Contentful`);
            continue;
        }
        if (entity.sys.archivedVersion !== undefined) {
            failures.push(`${ref.kind} "${ref.id}" is archived: unarchive it first`);
            continue;
        }
        const nothingToDo = action === 'publish' ? isUpToDate(entity, locales) : entity.sys.publishedVersion === undefined;
        if (nothingToDo) continue;
        const linkType = ref.kind === 'document' ? 'Entry' : 'Asset';
        items.push({ kind: ref.kind, locales, link: { sys: { type: 'Link', linkType, id: ref.id, version: entity.sys.version } } });
    }
    const done: Entity[] = [];
    const failed: { item: BulkItem & { kind: Kind }; message: string }[] = [];
    if (items.length === 1) {
        // One item: the direct endpoint answers with the updated entity (no bulk action to wait for).
        const [item] = items;
        const entity = lookup(item!.kind, item!.link.sys.id)!;
        try {
            done.push(await publishOne(runtime, action, item!.kind, entity, item!.locales));
        } catch (error) {
            failed.push({ item: item!, message: `${item!.kind} "${item!.link.sys.id}": ${(error as Error).message}` });
        }
    } else if (items.length > 1) {
        const result = await runBulk(runtime.conn, {
            action,
            items,
            limiter: runtime.bulkLimiter,
            timeoutMs: runtime.options.requests.bulkActionTimeoutMs
        });
        const byKey = new Map(items.map((item) => [`${item.link.sys.linkType}:${item.link.sys.id}`, item]));
        failed.push(...result.failed.map((failure) => ({ item: byKey.get(`${failure.linkType}:${failure.id}`)!, message: failure.message })));
        const ok = (linkType: string) => result.succeeded.filter((s) => s.linkType === linkType).map((s) => s.id);
        const [refreshedEntries, refreshedAssets] = await Promise.all([currentEntities(runtime, 'document', ok('Entry')), currentEntities(runtime, 'asset', ok('Asset'))]);
        done.push(...refreshedEntries.values(), ...refreshedAssets.values());
    }
    const applied = await appliedDespiteFailure(runtime, action, failed.map((failure) => failure.item));
    done.push(...applied.values());
    failures.push(...failed.filter((failure) => !applied.has(`${failure.item.link.sys.linkType}:${failure.item.link.sys.id}`)).map((failure) => failure.message));
    await applyContentChanges(runtime, {
        entries: done.filter((e): e is EntryProps => e.sys.type === 'Entry'),
        assets: done.filter((e): e is AssetProps => e.sys.type === 'Asset')
    });
    return failures;
}

/**
 * Items whose failure hid a success: when the answer to a publish was lost, the retry meets a
 * VersionMismatch although the first attempt was applied. Such an entity now shows exactly what was
 * asked, at the version that was sent (a publish pins it), so it is not reported as failed.
 */
async function appliedDespiteFailure(runtime: Runtime, action: 'publish' | 'unpublish', items: (BulkItem & { kind: Kind })[]): Promise<Map<string, Entity>> {
    const applied = new Map<string, Entity>();
    if (items.length === 0) return applied;
    const idsOf = (kind: Kind) => items.filter((item) => item.kind === kind).map((item) => item.link.sys.id);
    const [entries, assets] = await Promise.all([currentEntities(runtime, 'document', idsOf('document')), currentEntities(runtime, 'asset', idsOf('asset'))]);
    for (const item of items) {
        const entity = (item.kind === 'document' ? entries : assets).get(item.link.sys.id);
        if (!entity) continue;
        const done =
            action === 'publish'
                ? entity.sys.publishedVersion === item.link.sys.version && (!item.locales || isUpToDate(entity, item.locales))
                : item.locales
                  ? Boolean(entity.sys.fieldStatus?.['*']) && item.locales.every((locale) => entity.sys.fieldStatus!['*']![locale] !== 'published')
                  : entity.sys.publishedVersion === undefined;
        if (done) applied.set(`${item.link.sys.linkType}:${item.link.sys.id}`, entity);
    }
    return applied;
}

function publishOne(runtime: Runtime, action: 'publish' | 'unpublish', kind: Kind, entity: Entity, locales?: string[]): Promise<Entity> {
    if (kind === 'document') {
        return action === 'publish' ? publishEntry(runtime.conn, entity as EntryProps, locales) : unpublishEntry(runtime.conn, entity as EntryProps, locales);
    }
    return action === 'publish' ? publishAsset(runtime.conn, entity as AssetProps, locales) : unpublishAsset(runtime.conn, entity as AssetProps, locales);
}

function planInput(runtime: Runtime, caller: Caller, documents: Document[], assets: Asset[]) {
    return {
        documents,
        assets,
        grant: caller.grant,
        localeBasedPublishing: runtime.localeBasedPublishing,
        defaultLocale: runtime.locales.defaultLocale,
        models: runtime.schema.localization,
        enabledLocales: runtime.locales.enabled,
        user: caller.user
    };
}

function assertUserIfRequired(runtime: Runtime, caller: Caller, action: 'publish' | 'unpublish'): void {
    if (runtime.options.access?.requireUser && !caller.user) {
        guard(runtime, caller, action, { kind: 'document', objectLevel: false, hasLocalizedFields: true });
    }
}

/**
 * Failures joined for one message, items that failed for the same reason named together (a bulk
 * action that could not be submitted fails 200 documents with one reason, said once).
 */
function summarizeFailures(failures: string[]): string {
    const byReason = new Map<string, string[]>();
    for (const failure of failures) {
        const match = /^((?:document|asset) "[^"]*"): (.*)$/s.exec(failure);
        const [label, reason] = match ? [match[1]!, match[2]!] : [undefined, failure];
        const labels = byReason.get(reason) ?? [];
        if (label) labels.push(label);
        byReason.set(reason, labels);
    }
    return [...byReason].map(([reason, labels]) => (labels.length ? `${labels.join(', ')}: ${reason}` : reason)).join('; ');
}

/** CSI `publishDocuments`: publishes what the caller may, logs what it skips, fails clearly when nothing is left or something failed. */
export async function publishDocuments(runtime: Runtime, options: { documents: Document[]; assets: Asset[]; userContext?: unknown }): Promise<void> {
    const caller = callerOf(runtime, options.userContext);
    assertUserIfRequired(runtime, caller, 'publish');
    // A restricted user's field-level items need their changed locales: without locale-based publishing
    // to check that every change is theirs, with it to publish only their locales that changed.
    const needsChanges = !isGlobalGrant(caller.grant);
    const changed = new Map<string, string[] | undefined>();
    if (needsChanges) {
        for (const item of [...options.documents, ...options.assets]) changed.set(`${item.type}:${item.id}`, await changedLocalesOf(runtime, item));
    }
    const plan = planPublish({ ...planInput(runtime, caller, options.documents, options.assets), changedLocales: (item) => changed.get(`${item.type}:${item.id}`) });
    logSkipped(runtime, 'publish', plan);
    assertSomethingLeft(caller, 'publish', plan, options.documents.length + options.assets.length);
    const failures = await executePlan(runtime, 'publish', plan);
    if (failures.length > 0) {
        throw new Error(`Published all but ${failures.length} item(s): ${summarizeFailures(failures)}`);
    }
}

/** CSI `unpublishDocuments`, with the same rules. */
export async function unpublishDocuments(runtime: Runtime, options: { documents: Document[]; assets: Asset[]; userContext?: unknown }): Promise<void> {
    const caller = callerOf(runtime, options.userContext);
    assertUserIfRequired(runtime, caller, 'unpublish');
    const plan = planUnpublish(planInput(runtime, caller, options.documents, options.assets));
    logSkipped(runtime, 'unpublish', plan);
    assertSomethingLeft(caller, 'unpublish', plan, options.documents.length + options.assets.length);
    const failures = await executePlan(runtime, 'unpublish', plan);
    if (failures.length > 0) {
        throw new Error(`Unpublished all but ${failures.length} item(s): ${summarizeFailures(failures)}`);
    }
}

/** CSI `validateDocuments`: Contentful's own publish validation (bulk validate), errors mapped to field paths and locales. */
export async function validateDocuments(runtime: Runtime, options: { documents: Document[]; assets: Asset[]; locale?: string }): Promise<{ errors: ValidationError[] }> {
    const links = [
        ...options.documents.map((d) => ({ sys: { type: 'Link' as const, linkType: 'Entry' as const, id: d.id, version: d.context ? (d.context as { sys: { version: number } }).sys.version : 0 } })),
        ...options.assets.map((a) => ({ sys: { type: 'Link' as const, linkType: 'Asset' as const, id: a.id, version: a.context ? (a.context as { sys: { version: number } }).sys.version : 0 } }))
    ];
    const errors: ValidationError[] = [];
    for (const chunk of _.chunk(links, BULK_ACTION_MAX_ITEMS)) {
        const action = await runtime.bulkLimiter(async () =>
            waitForBulkAction(runtime.conn, await bulkValidate(runtime.conn, chunk), false, { timeoutMs: runtime.options.requests.bulkActionTimeoutMs })
        );
        errors.push(...validationErrorsFromBulkAction(action).map(({ locale: _locale, ...error }) => error));
    }
    return { errors };
}
