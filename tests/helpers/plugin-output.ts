/**
 * The plugin output grammar of the Monitoring Plugins development guidelines
 * (monitoring-plugins.org/doc/guidelines.html, "Plugin Output" and "Performance data"):
 * `SERVICE STATUS - text | 'label'=value[UOM];[warn];[crit];[min];[max] …`, a label without `=` or
 * `'` (quoted when it holds a space), value and min/max in
 * the class [-0-9.], UOM one of none, s, us, ms, %, B, KB, MB, TB, c; a value that could not be
 * determined may be `U`.
 */
export const PERF = /^(?:'[^'=]+'|[^'=\s]+)=(?:U|-?[0-9.]+(?:s|us|ms|%|B|KB|MB|TB|c)?)(?:;[-0-9.:~@]*){0,4}$/;
export function parsePluginLine(line: string): { status: string; text: string; perf: string[] } {
  const m = /^(?:[A-Z][A-Z -]* )?(OK|WARNING|CRITICAL|UNKNOWN) - ([^|\n]*?)(?: \| ?(.*)| ?\|(.*))?$/.exec(line);
  if (!m) throw new Error(`not plugin output: ${line}`);
  const perf = (m[3] ?? m[4] ?? '').match(/'[^']+'=\S*|\S+/g) ?? [];
  for (const p of perf) if (!PERF.test(p)) throw new Error(`not perfdata: ${p}`);
  return { status: m[1] as string, text: m[2] as string, perf };
}
