// Vite resolves `?url` imports to the file's address in the built page (a data: URL when small).
declare module '*.svg?url' {
  const url: string;
  export default url;
}
