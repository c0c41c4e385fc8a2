// ESLint: typescript-eslint's recommended rules for the TypeScript, eslint-plugin-svelte's for
// the screens. Run with `npm run lint` (zero warnings allowed; CI runs it before the tests).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// What only Node (or the main process) can load. The renderer runs in a sandboxed page and
// core/common/ is what it may load, so neither may import these, not even as types: the web
// tsconfig has no Node types, and a type from here would leak into the screens' build.
const NOT_IN_A_PAGE = 'is Node-only; the renderer and core/common/ run in a page.';
const nodeOnly = () => ({
  paths: [
    ...builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: `${name} ${NOT_IN_A_PAGE}` })),
    { name: 'electron', message: 'Electron is imported in src-main/shell/ only.' },
    { name: 'electron-store', message: 'electron-store is imported in src-main/shell/ only.' },
  ],
  patterns: [{ regex: '^(node:|serialport$|@serialport/|mqtt$|mqtt/)', message: `The module ${NOT_IN_A_PAGE}` }],
});

// The protocol ids, read from their rows in core/common/protocols.ts (the config is plain
// JavaScript and cannot load TypeScript), so the rule that keeps them there sees a new one at
// once. tests/unit/protocol-names-lint.test.ts checks every id of the list is caught.
const PROTOCOLS_FILE = 'src-main/core/common/protocols.ts';
const protocolIds = [
  ...readFileSync(new URL(`./${PROTOCOLS_FILE}`, import.meta.url), 'utf8').matchAll(/\bid: '([a-z0-9-]+)',\s*role:/g),
].map((m) => m[1]);
if (protocolIds.length === 0) throw new Error(`eslint.config.js found no protocol rows in ${PROTOCOLS_FILE}`);
const PROTOCOL_ID = `/^(${protocolIds.join('|')})$/`;

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', '.vite/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_` marks an argument a callback signature requires but this body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The project's seams, held by the linter so a stray import fails CI instead of a review:
  // Electron only in the shell (the core, the CLI and the tests run without its binary), the
  // renderer only through window.counter, src-main/shared and core/common (the runtime layer,
  // below), and the device protocols named once, in core/common/protocols.ts.
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    ignores: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Electron is imported in src-main/shell/ only.' },
            { name: 'electron-store', message: 'electron-store is imported in src-main/shell/ only.' },
          ],
        },
      ],
    },
  },
  // The runtime layer. core/common/ is the part of the core a page may load: at run time it
  // imports only itself (types from the rest of the core are fine, they leave no code behind).
  {
    files: ['src-main/core/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly().paths,
          patterns: [
            ...nodeOnly().patterns,
            {
              regex: '^\\.\\./(?!common(/|$))',
              allowTypeImports: true,
              message: 'core/common/ imports only core/common/ at run time (import type is fine): the renderer loads it.',
            },
          ],
        },
      ],
    },
  },
  // src-main/shared/ is the seam's own code (channel names, the bridge the preload builds, the
  // error shape): loaded by the sandboxed preload and by the renderer, so it keeps the same rule,
  // and may also take the method and event names from the contract (api.ts is types and names).
  {
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly().paths,
          patterns: [
            ...nodeOnly().patterns,
            {
              regex: '^\\.\\./core/(?!common/|api$)',
              allowTypeImports: true,
              message: 'src-main/shared/ takes from the core only core/common/ and api.ts at run time (import type is fine).',
            },
          ],
        },
      ],
    },
  },
  // The renderer reaches main only through window.counter; from src-main it loads core/common/
  // and src-main/shared/, and takes anything else as types only.
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly().paths.map((p) =>
            p.name.startsWith('electron') ? { ...p, message: 'The renderer talks only to window.counter.' } : p,
          ),
          patterns: [
            ...nodeOnly().patterns,
            {
              group: ['**/src-main/shell/**'],
              message: 'The renderer takes the bridge and the error shape from src-main/shared/, not the shell.',
            },
            {
              regex: '(^|/)src-main/(?!(core/common|shared)/|shell/)',
              allowTypeImports: true,
              message:
                'The renderer loads from src-main only core/common/ and src-main/shared/; anything else is import type (it would pull Node code into the page).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    ignores: [PROTOCOLS_FILE],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `ArrayExpression > Literal[value=${PROTOCOL_ID}]`,
          message: 'List protocols with PRINTER_PROTOCOLS / TERMINAL_PROTOCOLS from core/common/protocols.ts.',
        },
        {
          selector: `TSUnionType > TSLiteralType > Literal[value=${PROTOCOL_ID}]`,
          message: 'Type protocols with PrinterProtocol / TerminalProtocol from core/common/protocols.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
);
