/**
 * The bundled Contentful emulator (`localized-contentful-source/emulator`): a stateful emulation of
 * the Content Management API subset the adapter uses, plus the preview/delivery APIs the example site
 * reads, as msw handlers (`setupServer(...createContentfulHandlers(space))`) or a local HTTP server
 * (`startEmulatorServer`). Responses follow real Contentful (see the recordings in
 * test/fixtures/contentful-recordings): versions, fieldStatus, 409/422/404/429 bodies, paging limits.
 */
export { EmulatedSpace, type AddEntityOptions, type EntityInput, type StoredFile } from './space.js';
export { createContentfulHandlers, DEFAULT_BASE_URLS, type ContentfulHandlersOptions } from './handlers.js';
export { RequestLog, type LoggedRequest, type RequestFilter } from './request-log.js';
export { FaultInjector, type FaultKind, type FaultRule } from './faults.js';
export { startEmulatorServer, type EmulatorServerOptions, type RunningEmulatorServer } from './server.js';
export { createDemoSpace, type DemoSpaceOptions } from './demo-space.js';
export { MAX_LIMIT, DEFAULT_LIMIT } from './query.js';
export { MAX_BULK_ITEMS, MAX_ACTIVE_BULK_ACTIONS } from './bulk-actions.js';
export { EmulatorError, type ErrorBody, type FieldError } from './errors.js';
export type {
    ContentfulExport,
    EmulatedSpaceOptions,
    Link,
    LocaleStatus,
    LocalizedFields,
    SpaceChange,
    StoredSys,
    WireContentType,
    WireEditorInterface,
    WireEntity,
    WireField,
    WireLocale,
    WireSnapshot,
    WireUser
} from './types.js';
