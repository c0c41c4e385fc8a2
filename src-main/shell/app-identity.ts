/**
 * Who the app is to the operating system, in one place. electron-builder writes the same values
 * into the installers (`appId` in electron-builder.yml, `desktopName` in package.json); a test
 * reads both files against these constants, so the shortcut Windows matches toasts against, the
 * registry name of the login item and the Linux desktop file cannot drift apart.
 */
export const APP_ID = 'com.counterassist.app';

/** Linux: the installed `.desktop` file, the Wayland app id and the portal identity. */
export const DESKTOP_FILE_NAME = `${APP_ID}.desktop`;

/** The name and comment every desktop entry we write carries, Chinese first. */
export const DESKTOP_TEXT = {
  Name: 'Counter Assist',
  'Name[zh_CN]': '收银台助手',
  Comment: 'Card payment help at the store counter',
  'Comment[zh_CN]': '刷卡失败时告诉收银员该怎么办',
} as const;
