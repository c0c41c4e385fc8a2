export declare const PNG_SIZES: number[];
export interface IconFiles {
  png(size: number): string;
  ico: string;
  icns: string;
}
export declare function iconFiles(outDir: string): IconFiles;
export declare function renderPng(svg: Buffer | string, size: number): Buffer;
export declare function makeIcons(svgPath: string, outDir: string): IconFiles;
