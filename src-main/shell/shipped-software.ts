import type { ShippedSoftware } from '../core/about/types';

declare const __SHIPPED_SOFTWARE__: ShippedSoftware | undefined;

/**
 * The app's licence and the packages it ships, collected from node_modules when the main process
 * was built (the `define` in electron.vite.config.ts): an installed app has no package tree to read.
 */
export const SHIPPED_SOFTWARE: ShippedSoftware | undefined = typeof __SHIPPED_SOFTWARE__ === 'undefined' ? undefined : __SHIPPED_SOFTWARE__;
