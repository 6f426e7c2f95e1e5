// The packaged app's smoke test (release workflow only: it needs the Electron binary and an installer
// build in ALGOSPACE_PACKAGED_DIR; our CI machines have neither).
import { defineConfig } from '@playwright/test';

export default defineConfig({ testDir: '.', testMatch: 'smoke.spec.ts', timeout: 120_000, reporter: 'list' });
