import type { ComSetting } from './types';

/**
 * Reading a client's ini file for the COM port it was set up on. These files are written by
 * Chinese installers, mostly in GBK (a public register reads `softtpos.ini` with readFileGBK),
 * sometimes in UTF-8 with or without a BOM: UTF-8 is tried strictly first, GBK otherwise.
 */
export function decodeIni(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** A key that names a serial port: COM, ComPort, Port, 串口, 串口号, 端口 (any case, any section). */
const PORT_KEY = /^(com(port|no|num)?|port(name)?|serial(port)?|串口号?|端口号?)$/i;

/**
 * Every `key = value` line whose value is a COM port ("COM3", "com3") or whose port-named key
 * holds a bare number ("串口=3" is COM3). Comments (; and #) and sections are passed over.
 */
export function comSettings(text: string): ComSetting[] {
  const found: ComSetting[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#') || line.startsWith('[')) return;
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq).trim();
    const value = line
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    const named = /^com(\d{1,3})$/i.exec(value);
    const bare = /^\d{1,3}$/.test(value) && PORT_KEY.test(key) && !/^port(name)?$/i.test(key) ? value : null;
    const n = named?.[1] ?? bare;
    if (n === null || n === undefined || Number(n) === 0) return;
    found.push({ port: `COM${Number(n)}`, line: i + 1, text: line });
  });
  return found;
}
