/**
 * Registers the engine's webhook URL in Contentful, so content changes (deletions included) arrive
 * as webhook calls instead of being polled for. Without a registered webhook the engine's URL would
 * never be called and, as edits are then not polled, changes made elsewhere would never show.
 */
import { createWebhook, fetchWebhooks } from '../contentful/api.js';
import type { Runtime } from './runtime.js';

export const WEBHOOK_NAME = 'Netlify Visual Editor (localized-contentful-source)';

/**
 * Makes sure a webhook definition calls `url` for Entry, Asset and ContentType events of this
 * environment. Returns false (after a warning) when it cannot: the caller then polls for edits.
 */
export async function ensureWebhook(runtime: Runtime, url: string): Promise<boolean> {
    try {
        const existing = await fetchWebhooks(runtime.conn);
        if (!existing.items.some((webhook) => webhook.url === url)) {
            await createWebhook(runtime.conn, { name: WEBHOOK_NAME, url });
            runtime.logger.info(`localized-contentful-source: registered a Contentful webhook for ${url} (space "${runtime.options.spaceId}")`);
        }
        return true;
    } catch (error) {
        runtime.logger.warn(
            `localized-contentful-source: cannot register the webhook ${url} in space "${runtime.options.spaceId}" (${(error as Error).message}); ` +
                'polling Contentful for changes instead (give the access token the right to manage webhooks to use webhooks)'
        );
        return false;
    }
}
