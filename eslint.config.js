// ESLint: typescript-eslint's recommended rules for the TypeScript, eslint-plugin-svelte's for
// the screens. Run with `npm run lint` (zero warnings allowed; CI runs it before the tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

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
  // renderer only through window.counter and what src-main/shared gives it, and the device
  // protocols named once, in core/devices/protocols.ts.
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    ignores: ['src-main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'electron', message: 'Electron is imported in src-main/shell/ only.' },
        { name: 'electron-store', message: 'electron-store is imported in src-main/shell/ only.' },
      ] }],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The renderer talks only to window.counter.' },
          { name: 'electron-store', message: 'The renderer talks only to window.counter.' },
        ],
        patterns: [{ group: ['**/src-main/shell/**'], message: 'The renderer takes the bridge and the error shape from src-main/shared/, not the shell.' }],
      }],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    ignores: ['src-main/core/devices/protocols.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "ArrayExpression > Literal[value=/^(escpos|star|concert|poslink)$/]", message: 'List protocols with PRINTER_PROTOCOLS / TERMINAL_PROTOCOLS from core/devices/protocols.ts.' },
        { selector: "TSUnionType > TSLiteralType > Literal[value=/^(escpos|star|concert|poslink)$/]", message: 'Type protocols with PrinterProtocol / TerminalProtocol from core/devices/protocols.ts.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
);
