import type { z } from 'zod';
import type { Position, YamlSource } from './yaml-source';

/** One thing wrong with the content, where a technician has to fix it. */
export interface ContentProblem {
  /** Relative to the content folder: "flows/declined.yaml". */
  file: string;
  line: number;
  col: number;
  message: string;
}

/** "flows/declined.yaml:12:7: nodes.ask.options.1.next: no node "nope" in this flow". */
export function formatProblem(p: ContentProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

export function problemAt(source: YamlSource, path: readonly PropertyKey[], message: string): ContentProblem {
  const at: Position = source.locate(path);
  const where = path.length ? `${path.map(String).join('.')}: ` : '';
  return { file: source.file, line: at.line, col: at.col, message: `${where}${message}` };
}

const LANG_KEYS = new Set(['zh-CN', 'en']);

/**
 * Zod's issues as problems at their YAML lines, in words a content writer understands
 * ("en text missing" rather than "expected string, received undefined").
 */
export function problemsFromZod(source: YamlSource, error: z.ZodError, base: readonly PropertyKey[] = []): ContentProblem[] {
  return error.issues.flatMap((issue): ContentProblem[] => {
    const path = [...base, ...issue.path];
    const last = path[path.length - 1];
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    if (missing && typeof last === 'string' && LANG_KEYS.has(last)) {
      return [problemAt(source, path.slice(0, -1), `${last} text missing (every text needs zh-CN and en)`)];
    }
    if (issue.code === 'too_small' && typeof last === 'string' && LANG_KEYS.has(last)) {
      return [problemAt(source, path.slice(0, -1), `${last} text is empty (every text needs zh-CN and en)`)];
    }
    if (missing) return [problemAt(source, path, `missing (${issue.expected} expected)`)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => problemAt(source, [...path, key], 'unknown key (a typo?)'));
    }
    if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
      return [problemAt(source, path, `must be one of ${issue.options.join(', ')}`)];
    }
    if (issue.code === 'invalid_value') {
      return [problemAt(source, path, `must be one of ${issue.values.map(String).join(', ')}`)];
    }
    return [problemAt(source, path, issue.message)];
  });
}
