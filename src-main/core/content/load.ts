import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  codeEntrySchema,
  customerQuestionSchema,
  flowSchema,
  glossaryTermSchema,
  maintenanceItemSchema,
  paymentSchema,
  regionalWordSchema,
  technicalWordsSchema,
  type CodeEntry,
  type CustomerQuestion,
  type Flow,
  type GlossaryTerm,
  type MaintenanceItem,
  type PaymentGuide,
  type RegionalWord,
  type TechnicalWords,
} from './schema';
import { parseYamlSource, type YamlSource } from './yaml-source';
import { problemAt, problemsFromZod, type ContentProblem } from './problems';

/** A piece of content and where it came from, so later checks can point at its lines. */
export interface Located<T> {
  value: T;
  source: YamlSource;
  /** The data path of `value` inside its file. */
  path: readonly PropertyKey[];
}

export interface LoadedContent {
  dir: string;
  flows: Located<Flow>[];
  codes: Located<CodeEntry>[];
  payments: Located<PaymentGuide>[];
  maintenance: Located<MaintenanceItem>[];
  /** One name per party and device; `content check` refuses their banned synonyms. */
  glossary: Located<GlossaryTerm>[];
  /** Search's own words (optional files): regional words, codes' technical names, customers' questions. */
  regional: Located<RegionalWord>[];
  technical: Located<TechnicalWords>[];
  questions: Located<CustomerQuestion>[];
  /** Files that were found (relative names), for the summary line. */
  files: string[];
  problems: ContentProblem[];
}

export const CONTENT_FILES = {
  codes: 'codes.yaml',
  payments: 'payments.yaml',
  maintenance: 'maintenance.yaml',
  glossary: 'glossary.yaml',
  regional: 'regional-words.yaml',
  technical: 'technical-words.yaml',
  questions: 'questions.yaml',
} as const;
const FLOWS_DIR = 'flows';
/** Larger than any sensible content file; a bigger one is a mistake, not content. */
const MAX_FILE_BYTES = 2_000_000;

/**
 * Read the content folder. Every file is parsed and validated on its own, and list files item by
 * item, so one broken flow or one bad code line is reported (file, line, column) while the rest
 * still loads.
 */
export function loadContent(dir: string): LoadedContent {
  const out = emptyContent(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    out.problems.push({ file: dir, line: 1, col: 1, message: 'content folder not found' });
    return out;
  }

  for (const name of listFlowFiles(dir, out)) {
    const source = readSource(dir, `${FLOWS_DIR}/${name}`, out);
    if (!source) continue;
    const parsed = flowSchema.safeParse(source.data, { reportInput: true });
    if (parsed.success) out.flows.push({ value: parsed.data, source, path: [] });
    else out.problems.push(...problemsFromZod(source, parsed.error));
  }

  out.codes = loadList(dir, CONTENT_FILES.codes, 'codes', codeEntrySchema, out, { sources: true });
  out.payments = loadList(dir, CONTENT_FILES.payments, 'payments', paymentSchema, out, { sources: false });
  out.maintenance = loadList(dir, CONTENT_FILES.maintenance, 'items', maintenanceItemSchema, out, { sources: false });
  out.glossary = loadList(dir, CONTENT_FILES.glossary, 'terms', glossaryTermSchema, out, { sources: false });
  // Search reads these when they are there; without them it finds what the other files say.
  const optional = { sources: true, required: false };
  out.regional = loadList(dir, CONTENT_FILES.regional, 'words', regionalWordSchema, out, optional);
  out.technical = loadList(dir, CONTENT_FILES.technical, 'terms', technicalWordsSchema, out, optional);
  out.questions = loadList(dir, CONTENT_FILES.questions, 'questions', customerQuestionSchema, out, { sources: false, required: false });
  return out;
}

function emptyContent(dir: string): LoadedContent {
  return { dir, flows: [], codes: [], payments: [], maintenance: [], glossary: [], regional: [], technical: [], questions: [], files: [], problems: [] };
}

function listFlowFiles(dir: string, out: LoadedContent): string[] {
  const flowsDir = join(dir, FLOWS_DIR);
  if (!existsSync(flowsDir)) {
    out.problems.push({ file: `${FLOWS_DIR}/`, line: 1, col: 1, message: 'flows folder not found' });
    return [];
  }
  return readdirSync(flowsDir)
    // Editors leave hidden swap and lock files next to the real ones.
    .filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'))
    .sort();
}

/** Read and parse one file; a missing, huge or unreadable file is a problem, not a crash. */
function readSource(dir: string, file: string, out: LoadedContent, required = true): YamlSource | null {
  const full = join(dir, file);
  if (!existsSync(full)) {
    if (required) out.problems.push({ file, line: 1, col: 1, message: 'file not found' });
    return null;
  }
  let text: string;
  try {
    if (statSync(full).size > MAX_FILE_BYTES) {
      out.problems.push({ file, line: 1, col: 1, message: `file larger than ${MAX_FILE_BYTES} bytes` });
      return null;
    }
    text = readFileSync(full, 'utf8');
  } catch (e) {
    out.problems.push({ file, line: 1, col: 1, message: `cannot read: ${(e as Error).message}` });
    return null;
  }
  out.files.push(file);
  const source = parseYamlSource(file, text.replace(/^\uFEFF/, ''));
  for (const err of source.errors) {
    out.problems.push({ file, line: err.at.line, col: err.at.col, message: `YAML: ${err.message}` });
  }
  if (source.errors.length) return null;
  if (source.data === null || source.data === undefined) {
    out.problems.push({ file, line: 1, col: 1, message: 'file is empty' });
    return null;
  }
  return source;
}

/** The response-code table alone, checked as `loadContent` checks it: what a code lookup needs, a fifth of the content. */
export function loadCodes(dir: string): Located<CodeEntry>[] {
  const out = emptyContent(dir);
  return loadList(dir, CONTENT_FILES.codes, 'codes', codeEntrySchema, out, { sources: true });
}

/**
 * A file of the form `{ sources?: [...], <key>: [item, ...] }`. Items are validated one by one
 * so a typo in one response code does not take the whole table away from the cashier.
 */
function loadList<T>(
  dir: string,
  file: string,
  key: string,
  itemSchema: z.ZodType<T>,
  out: LoadedContent,
  opts: { sources: boolean; required?: boolean },
): Located<T>[] {
  const source = readSource(dir, file, out, opts.required ?? true);
  if (!source) return [];
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    out.problems.push(problemAt(source, [], `expected a mapping with "${key}:"`));
    return [];
  }
  const record = data as Record<string, unknown>;
  const allowed = new Set([key, 'sources']);
  for (const k of Object.keys(record)) {
    if (!allowed.has(k)) out.problems.push(problemAt(source, [k], 'unknown key (a typo?)'));
  }
  const sources = z.array(z.string().trim().min(1, 'must not be empty'));
  if (opts.sources || record.sources !== undefined) {
    const checked = (opts.sources ? sources.min(1, 'name at least one source') : sources).safeParse(record.sources);
    if (!checked.success) out.problems.push(...problemsFromZod(source, checked.error, ['sources']));
  }
  const items = record[key];
  if (!Array.isArray(items) || items.length === 0) {
    out.problems.push(problemAt(source, [key], `expected a non-empty list under "${key}:"`));
    return [];
  }
  const loaded: Located<T>[] = [];
  items.forEach((item, i) => {
    const parsed = itemSchema.safeParse(item, { reportInput: true });
    if (parsed.success) loaded.push({ value: parsed.data, source, path: [key, i] });
    else out.problems.push(...problemsFromZod(source, parsed.error, [key, i]));
  });
  return loaded;
}
