import { load as fastLoad } from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A place in a content file, 1-based as editors show it. */
export interface Position {
  line: number;
  col: number;
}

/** A content file parsed for validation: its data, and a way back from a data path to a line. */
export interface YamlSource {
  /** Relative to the content folder, with forward slashes: "flows/declined.yaml". */
  file: string;
  data: unknown;
  /** Syntax errors; when there are any, `data` must not be trusted. */
  errors: { message: string; at: Position }[];
  locate(path: readonly PropertyKey[]): Position;
}

const FIRST_LINE: Position = { line: 1, col: 1 };

/** An alias (`*name`) can multiply a small file into a huge value; only the careful parser limits that. */
const ALIAS = /(^|[\s[{,:-])\*[^\s,\]}]/m;

/**
 * Parse YAML for validation. Well-formed content (every start-up) goes through js-yaml, several
 * times faster; node positions, which only a problem needs, come from the `yaml` parser on
 * the first `locate`. A file js-yaml refuses is parsed by `yaml` at once for its precise errors.
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  if (ALIAS.test(text)) return parseYamlPrecisely(file, text);
  let data: unknown;
  try {
    data = fastLoad(text, { filename: file });
  } catch {
    return parseYamlPrecisely(file, text);
  }
  let precise: YamlSource | null = null;
  return {
    file,
    data,
    errors: [],
    locate: (path) => (precise ??= parseYamlPrecisely(file, text)).locate(path),
  };
}

/**
 * Parse YAML keeping node positions, so a problem found in the data (by zod or by the graph
 * checks) can be reported at the line a technician has to edit.
 */
export function parseYamlPrecisely(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): Position => {
    if (offset === undefined) return FIRST_LINE;
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const errors = doc.errors.map((e) => {
    const where = at(e.pos[0]);
    const opened = e.code === 'MISSING_CHAR' ? unclosedQuoteLine(text, where.line, e.message) : null;
    // The parser notices a missing closing quote only at the end of the file; the fix is where it opened.
    return opened
      ? { message: `${firstLine(e.message)} (opened here, still open at line ${where.line})`, at: opened }
      : { message: firstLine(e.message), at: where };
  });
  let data: unknown = null;
  if (!errors.length) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      // An alias bomb or a dangling alias: the syntax is fine but the data cannot be built.
      errors.push({ message: (e as Error).message, at: FIRST_LINE });
    }
  }
  return {
    file,
    data,
    errors,
    locate: (path) => at(offsetOf(doc, path)),
  };
}

/** The last line before `beforeLine` with an odd number of the quote character the error names. */
function unclosedQuoteLine(text: string, beforeLine: number, message: string): Position | null {
  const quote = message.includes("'") && !message.includes('"') ? "'" : '"';
  const lines = text.split('\n').slice(0, beforeLine);
  for (let i = lines.length - 1; i >= 0; i--) {
    const count = (lines[i] ?? '').split(quote).length - 1;
    if (count % 2 === 1) return { line: i + 1, col: (lines[i] ?? '').lastIndexOf(quote) + 1 };
  }
  return null;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/**
 * The offset of the deepest node on `path`: the value itself when it exists, else the key of the
 * deepest pair that does (a missing `en:` is reported at its parent's key, where it belongs).
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      best = rangeStart(pair.key) ?? best;
      node = pair.value;
      // A scalar is reported where its value is; a block (or an empty `en:`) at its key, the line
      // a person reads as "this entry".
      const valueStart = rangeStart(node);
      if (valueStart !== undefined && isScalar(node) && node.value !== null) best = valueStart;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return best;
      node = item;
      best = rangeStart(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as Node).range;
    return range?.[0];
  }
  return undefined;
}
