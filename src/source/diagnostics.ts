/**
 * Problems found in the space or the configuration that did not stop the adapter (a document with
 * no locale, a fallback cycle, a value under an unknown locale). Each is logged once and listed by
 * `getDiagnostics()`, so a site team can fix its data.
 */
import type { Logger } from '@stackbit/types';
import type { Diagnostic } from '../localization/types.js';

export class DiagnosticsLog {
    private readonly byKey = new Map<string, Diagnostic>();
    private logger: Pick<Logger, 'warn'> | undefined;

    setLogger(logger: Pick<Logger, 'warn'> | undefined): void {
        this.logger = logger;
    }

    /** Records a diagnostic; logs it the first time it is seen. */
    report(diagnostic: Diagnostic): void {
        const key = [diagnostic.kind, diagnostic.documentId ?? '', diagnostic.field ?? '', diagnostic.locale ?? '', diagnostic.message].join('\u0000');
        if (this.byKey.has(key)) {
            return;
        }
        this.byKey.set(key, diagnostic);
        this.logger?.warn(`localized-contentful-source: ${diagnostic.message}`);
    }

    /** Forgets what was reported for documents that changed or were deleted (their data is new). */
    forgetDocuments(documentIds: Iterable<string>): void {
        const ids = new Set(documentIds);
        for (const [key, diagnostic] of this.byKey) {
            if (diagnostic.documentId && ids.has(diagnostic.documentId)) {
                this.byKey.delete(key);
            }
        }
    }

    list(): Diagnostic[] {
        return [...this.byKey.values()];
    }
}
