import { describe, expect, it } from 'vitest';
import { useEmulator, startSource, DEMO_OBJECT_LEVEL } from '../helpers/emulator.js';

describe('smoke', () => {
    const emulator = useEmulator();
    it('loads the demo space', async () => {
        const { schema, documents, assets, logger, source } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        console.log(schema.locales, schema.models.map((m) => `${m.name}:${(m as any).localized}`));
        console.log(documents.map((d) => `${d.modelName}/${d.id}/${d.locale}/${d.status}`));
        console.log(assets.length, logger.logs.warn, source.getDiagnostics());
        console.log(emulator.log.byRoute());
        expect(documents.length).toBeGreaterThan(0);
    });
});
