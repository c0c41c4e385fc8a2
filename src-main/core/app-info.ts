/** What the About line, `counter-assist version` and the report say about the running app. */
export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  osRelease: string;
  node: string;
  electron: string | null;
  dataDir: string;
}
