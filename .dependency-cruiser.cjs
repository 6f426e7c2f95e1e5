// Import boundaries between the layers of ARCHITECTURE.md ("Layout", "Rules of the house").
// Run: `npm run lint:layers` (any violation → exit 1); tests/unit/layers.test.ts runs the same
// cruise inside `npm test` and lists the violations in its failure message. Cycles that predate the
// rules are parked in .dependency-cruiser-known-violations.json (--ignore-known); only cycles may be.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ── src-shared: pure TypeScript, no Node or DOM APIs, shared by every process ──
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'src-shared/ is imported by main, preload, worker and renderer: it imports nothing from them.',
      from: { path: '^src-shared/' },
      to: { path: '^(src-main|src-renderer)/' },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      comment: 'src-shared/ runs in the sandboxed renderer and preload too: no Node builtins.',
      from: { path: '^src-shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-packages-zod-only',
      severity: 'error',
      comment: 'src-shared/ may use zod (through src-shared/zod.ts) and no other package.',
      from: { path: '^src-shared/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '(^|/)node_modules/zod/',
      },
    },
    // ── store: SQLite repositories, below the engine ──
    {
      name: 'store-below-engine',
      severity: 'error',
      comment: 'src-main/store/ is used by engine and CLI; it imports nothing from them, the server or the app (shared types live in src-shared/domain).',
      from: { path: '^src-main/store/' },
      to: { path: '^src-main/(engine|cli|server|app|preload)/' },
    },
    // ── engine: runs in a worker thread and under plain Node (CLI, tests) ──
    {
      name: 'engine-no-transport-or-cli',
      severity: 'error',
      comment: 'src-main/engine/ is driven by the transports and the CLI; it never imports them.',
      from: { path: '^src-main/engine/' },
      to: { path: '^src-main/(app|server|cli|preload)/' },
    },
    {
      name: 'no-electron-outside-app-and-preload',
      severity: 'error',
      comment: "Only src-main/app/ (and the preload) run inside Electron; engine, store, server, CLI run under plain Node, where importing 'electron' throws.",
      from: { path: '^src-main/(engine|store|server|cli)/' },
      to: { path: '^electron$|(^|/)node_modules/electron/' },
    },
    {
      name: 'headless-no-app',
      severity: 'error',
      comment: 'The browser-mode server and the CLI run without Electron: they never import the Electron glue in src-main/app/.',
      from: { path: '^src-main/(server|cli)/' },
      to: { path: '^src-main/app/' },
    },
    {
      name: 'cli-is-a-driver',
      severity: 'error',
      comment: 'src-main/cli/ may import engine and store; nothing in the app, the server, the engine or the store imports the CLI.',
      from: { path: '^src-main/(app|server|engine|store|preload)/' },
      to: { path: '^src-main/cli/' },
    },
    {
      name: 'onnx-writer-dev-only',
      severity: 'error',
      comment: 'engine/decision/onnx-writer.ts loads onnx-proto (a devDependency the packaged app does not ship): shipped code may import its types only; scripts and tests build models with it.',
      from: { path: '^src-main/', pathNot: '^src-main/engine/decision/onnx-writer\\.ts$' },
      to: { path: '^src-main/engine/decision/onnx-writer\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    // ── preload: the sandboxed bridge, bundled as CommonJS ──
    {
      name: 'preload-electron-and-contract-only',
      severity: 'error',
      comment: 'src-main/preload/ imports only electron and src-shared/ (a sandboxed preload cannot require anything else).',
      from: { path: '^src-main/preload/' },
      to: { pathNot: '^src-shared/|^src-main/preload/|^electron$|(^|/)node_modules/electron/' },
    },
    // ── renderer: talks to the engine through the contract only ──
    {
      name: 'renderer-not-main',
      severity: 'error',
      comment: 'src-renderer/ reaches the engine only through lib/api.ts and the contract in src-shared/.',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'The renderer is a sandboxed page: no Node builtins.',
      from: { path: '^src-renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    // ── hygiene ──
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only imports included (a recursive Svelte component importing itself is not a cycle). Break one with a small module both sides import (e.g. the shared type).',
      from: { path: '^((src-main|src-shared|src-renderer)/.+)$' },
      to: { circular: true, pathNot: '^$1$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'What the main bundle runs (electron-vite keeps dependencies external) imports no devDependency at run time; electron is where it runs. The renderer and preload are bundled; the CLI is a developer tool.',
      from: { path: '^(src-main/(app|engine|store|server)|src-shared)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '(^|/)node_modules/(electron|@types)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist)/' },
    // type-only imports count as dependencies (they couple layers just the same)
    tsPreCompilationDeps: true,
    // imports are relative with explicit extensions (no path aliases): no tsconfig needed to resolve them
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
