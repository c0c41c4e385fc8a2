import { isFileInside, type RendererPage } from './page-url';

/**
 * Which renderer requests may go ahead: the app's own files (only inside its renderer folder,
 * so a page can never read `file:///etc/…` or the data folder), the dev server while developing,
 * and the developer tools. Nothing ever leaves the machine.
 */
export function allowRendererRequest(url: string, page: RendererPage, platform: NodeJS.Platform): boolean {
  if (url.startsWith('devtools://')) return true;
  if (page.folder !== null) return isFileInside(url, page.folder, platform);
  try {
    return new URL(url).origin === new URL(page.url).origin;
  } catch {
    return false;
  }
}
