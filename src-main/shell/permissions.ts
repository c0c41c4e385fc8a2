import { isSamePage, type RendererPage } from './page-url';

/**
 * The one permission the app's page needs: Chromium checks and then requests
 * `clipboard-sanitized-write` before `navigator.clipboard.writeText` resolves (electron#37158,
 * documented since electron#37173). Denying it left every copy button silently doing nothing.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** What Electron tells a permission handler about who is asking. */
export interface PermissionAsker {
  /** The URL of the frame that asks (`details.requestingUrl`), or the page's URL when that is missing. */
  url: string | null | undefined;
  /** False for an iframe; undefined where Electron does not say. */
  isMainFrame?: boolean;
}

/**
 * Allowed only for the app's own page in its top frame, compared as the page it names (the install
 * folder's spaces and Chinese characters arrive percent-encoded), like the IPC sender check.
 */
export function allowPermission(permission: string, asker: PermissionAsker, page: RendererPage, platform: NodeJS.Platform): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (asker.isMainFrame === false || !asker.url) return false;
  return isSamePage(asker.url, page.url, platform);
}
