/**
 * localized-contentful-source: a Contentful content source for the Netlify Visual Editor
 * (Stackbit) with complete localization.
 */
export { LocalizedContentfulSource, type UserContext } from './content-source.js';
export type { LocalizedContentfulSourceOptions, AccessOptions, AccessRule, LocaleGrant, ObjectLevelOptions, SyncOptions, RequestOptions } from './options.js';
export { ConfigError, AccessDeniedError, LocalizationError, ContentfulRequestError } from './errors.js';
export type { LocaleInfo, LocaleMode, ModelLocalization, Diagnostic, AccessAction, ResolvedGrant, UserIdentity } from './localization/types.js';
export type { DocumentContext, AssetContext, ModelContext, SchemaContext, EntitySys, LocaleStatus } from './contentful/types.js';
export { createMapModels, createMapDocuments } from './localization/map-functions.js';
export { createPermissionHelpers } from './localization/permissions.js';
export { filterPublishable, planPublish, planUnpublish } from './localization/publish-filter.js';
export { resolveGrant, decide } from './localization/access.js';
export { explainAccess } from './localization/explain.js';
export { isPresetVisible, stampPresetLocale } from './localization/presets.js';
export { resolveLocalizedValue, resolveVariant, localizationStatus } from './localization/inheritance.js';
export type { AssetFileInput } from './source/asset-writes.js';
export { localizationActions, localizationPageActions, localizationAction, copyEntryAction, localizeAction, unlocalizeAction, DEFAULT_ACTION_NAMES } from './actions.js';
export type { LocalizationActionKind, LocalizationActionOptions } from './actions.js';
export { resolveAsset, resolveAssetFile, type ResolvedAsset, type ResolvedAssetFile } from './localization/assets.js';
export { MissingRequiredFieldsError } from './localization/create-plan.js';
