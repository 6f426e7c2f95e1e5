import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src-main/app/main.ts'),
          worker: resolve('src-main/engine/worker.ts'),
          // MMD's helper thread (src-main/engine/indicators/mmd-cross.ts loads it beside itself)
          'mmd-cross-worker': resolve('src-main/engine/indicators/mmd-cross-worker.ts'),
        },
        // shared chunks beside the entries, not in chunks/: a module that starts a worker thread from a
        // file beside itself (mmd-cross.ts: './mmd-cross-worker.js') finds it wherever it was bundled
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false, // a sandboxed preload cannot require() node_modules: bundle zod
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: { rolldownOptions: { input: resolve('src-renderer/index.html') } },
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
  },
});
