// The lint `npm test` runs (scripts/test.mjs, stage "lint"): typescript-eslint's recommended rules plus
// the dependency rules between the sides (docs/conventions.md). The boundaries are
// plain no-restricted-imports / no-restricted-globals patterns, so no plugin has to understand the tree.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

// Every Node builtin, with and without the `node:` prefix (`fs`, `node:fs`, `fs/promises`, ...).
const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];
// A regex, not gitignore-style groups: a group `url` would also match a relative `./url`.
const nodeImports = (message) => ({ regex: `^(node:.*|(${nodeBuiltins.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`, message });
const electronImports = { group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' };
const reactImports = {
  group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@monaco-editor/*', 'monaco-editor', 'monaco-editor/*'],
  message: 'shared/ is UI-free: React, stores and the editor live in renderer/.',
};
// A relative path that climbs into another side's folder, at any depth (`../host/x`, `../../host/x`).
const sideImport = (side) => [`**/${side}`, `**/${side}/**`];
const restrict = (...patterns) => ['error', { patterns }];

// DOM and browser-only globals shared/ must not touch (they compile nowhere but the renderer).
const domGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'Worker',
  'self',
  'postMessage',
  'alert',
  'confirm',
  'prompt',
  'HTMLElement',
  'Element',
  'Node',
  'Event',
  'CustomEvent',
  'Blob',
  'File',
  'FileReader',
  'requestAnimationFrame',
  'DOMParser',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
].map((name) => ({ name, message: 'shared/ runs in every process: no DOM or Node globals (take what you need as a parameter).' }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '**/node_modules/**', 'security/**', 'build/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_`-prefixed names are deliberate placeholders (unused parameters of a fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `cond ? a() : b()` and `ok && next()` as statements are the code's idiom; bare expressions still fail.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // A handle read by a callback before it is assigned (a server started after its listener) stays `let`,
      // and so does a destructuring where one of the names is reassigned.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true, destructuring: 'all' }],
    },
  },
  {
    // electron-builder hooks are CommonJS.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Twig's lexer and string filters match control characters (\x0b in Twig's whitespace, NUL) on purpose.
    files: ['shared/render/twig/lexer.ts', 'shared/render/twig/strings.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict(nodeImports('shared/ is pure TypeScript: Node builtins belong in host/, electron/ or cli/.'), electronImports, reactImports, {
        group: [...sideImport('host'), ...sideImport('electron'), ...sideImport('renderer'), ...sideImport('cli')],
        message: 'shared/ depends on nothing but itself and pure libraries.',
      }),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The two classic hook rules only: the React Compiler rules of the plugin's preset (refs,
      // set-state-in-effect, ...) judge code written for the compiler, which this app does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': restrict(nodeImports('The renderer runs in a sandboxed page: no Node builtins.'), electronImports, {
        group: [...sideImport('host'), ...sideImport('electron'), ...sideImport('cli')],
        message: 'The renderer is untrusted: it reaches the main side only through renderer/api (shared/ipc contract).',
      }),
    },
  },
  {
    files: ['host/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict(electronImports, { group: [...sideImport('renderer'), ...sideImport('electron')], message: 'host/ serves both shells: it never imports the renderer or Electron.' }),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict({ group: sideImport('renderer'), message: 'The main process talks to the renderer over IPC only (shared/ipc contract).' }),
    },
  },
  {
    files: ['cli/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict(electronImports, { group: [...sideImport('renderer'), ...sideImport('electron'), ...sideImport('host')], message: 'The CLI runs headless on shared/ and Node alone: no renderer, Electron or host code.' }),
    },
  },
);
