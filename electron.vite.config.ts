import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { collectShippedSoftware } from './src-main/core/about/shipped-packages';

export default defineConfig({
  main: {
    // The About screen's licence list, read from node_modules now: the installed app has none.
    define: { __SHIPPED_SOFTWARE__: JSON.stringify(collectShippedSoftware(resolve('.'))) },
    build: {
      rollupOptions: { input: { index: resolve('src-main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses into one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-main/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      // The renderer ships as is in the app: minify it (electron-vite leaves it readable by default).
      minify: true,
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
  },
});
