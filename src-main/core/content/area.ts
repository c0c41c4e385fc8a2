import type { CounterApi } from '../api';
import type { CodeLookup, FlowSummary, SymptomTile } from './types';
import type { Notice } from '../notice';
import type { Text } from '../i18n';
import type { SettingsService } from '../settings/service';
import type { FactsProvider } from './facts';
import type { CodeEntry, Flow, MaintenanceItem, PaymentGuide, SymptomId } from './schema';
import { SYMPTOM_IDS } from './schema';
import { loadCodes, loadContent, type LoadedContent } from './load';
import { checkContent } from './check';
import { formatProblem, type ContentProblem } from './problems';
import { lazySearchIndex, loadQueryReaders, type LazySearch } from './search';
import { createFlowRunner, type SessionRecord } from './runner';
import { codeCandidates } from '../common/code-query';
import { fillWays } from './ways';

export type { SessionRecord } from './runner';

/** What `content check` reports: every problem, and how much loaded. */
export interface ContentReport {
  problems: ContentProblem[];
  counts: { flows: number; codes: number; payments: number; maintenance: number };
}

export interface ContentArea {
  content: CounterApi['content'];
  flow: CounterApi['flow'];
  session(sessionId: string): SessionRecord | null;
  maintenanceItems(): MaintenanceItem[];
  /** The full check of the loaded content (schema, graph, references). */
  check(): ContentReport;
  /**
   * Load what search reads queries with (pinyin, the traditional-character converter), about half
   * a second once: the app calls it when it has started, so the first search typed in pinyin does
   * not wait. A search loads what it needs itself otherwise.
   */
  prepareSearch(): Promise<void>;
  /** A flow node's text (the incident summary names the step that fixed a symptom); null if gone. */
  nodeText(flowId: string, nodeId: string): Text | null;
  readonly notices: Notice[];
}

export interface ContentDeps {
  contentDir: string;
  settings: SettingsService;
  facts: FactsProvider;
  clock: () => Date;
}

/**
 * The triage screen's order: what cashiers meet most often first. Symptoms missing here (a
 * later addition to SYMPTOM_IDS) still get a tile, at the end.
 */
export const TILE_ORDER: readonly SymptomId[] = [
  'card-not-read',
  'declined',
  'no-response',
  'receipt-print',
  'network',
  'over-limit',
  'card-stuck',
  'no-power',
  'alarm',
  'bluetooth',
  'locked',
  'risk-blocked',
  'slow',
  'suspicious',
  'record-mismatch',
  'merchant-account',
  'update-failed',
];

/** How many content problems become separate notices; the rest are summed up in one. */
const MAX_NOTICES = 20;

interface Loaded {
  content: LoadedContent;
  problems: ContentProblem[];
  flows: Map<string, Flow>;
  codes: Map<string, CodeEntry>;
  payments: Map<string, PaymentGuide>;
  search: LazySearch;
}

/** Load, check and index a content folder: everything the area needs, importable for the bench. */
/** With duplicates, the first one wins (the checker has reported the second). */
function firstBy<T, K>(items: { value: T }[], key: (t: T) => K): Map<K, T> {
  const map = new Map<K, T>();
  for (const { value } of items) if (!map.has(key(value))) map.set(key(value), value);
  return map;
}

export function prepareContent(contentDir: string): Loaded {
  const content = loadContent(contentDir);
  const problems = checkContent(content);
  const flows = firstBy(content.flows, (f) => f.id);
  const codes = firstBy(content.codes, (c) => c.code);
  const payments = firstBy(content.payments, (p): string => p.id);
  const search = lazySearchIndex({
    flows: [...flows.values()],
    codes: [...codes.values()],
    payments: [...payments.values()],
    questions: [...firstBy(content.questions, (q) => q.id).values()],
    technical: content.technical.map((t) => t.value),
    regional: content.regional.map((w) => w.value),
  });
  return { content, problems, flows, codes, payments, search };
}

function noticesOf(problems: ContentProblem[]): Notice[] {
  const notices: Notice[] = problems.slice(0, MAX_NOTICES).map((p) => ({
    code: 'content-error',
    // A folder-level problem (a symptom without a flow) has no line worth naming.
    message: p.file.endsWith('/')
      ? { 'zh-CN': `内容有误：${p.file}`, en: `Content problem: ${p.file}` }
      : { 'zh-CN': `内容文件有误：${p.file} 第 ${p.line} 行`, en: `Content file problem: ${p.file} line ${p.line}` },
    detail: formatProblem(p),
  }));
  if (problems.length > MAX_NOTICES) {
    const more = problems.length - MAX_NOTICES;
    notices.push({
      code: 'content-error',
      message: { 'zh-CN': `内容文件还有 ${more} 处问题`, en: `${more} more content problems` },
      detail: 'run `counter-assist content check` for the full list',
    });
  }
  return notices;
}

export function createContentArea(deps: ContentDeps): ContentArea {
  // Loaded on first use, so commands that never touch content do not pay for it.
  let state: Loaded | null = null;
  let notices: Notice[] = [];
  const loaded = (): Loaded => {
    if (!state) {
      const ready = prepareContent(deps.contentDir);
      state = ready;
      notices = noticesOf(ready.problems);
      // Index right after, off the caller's path: ready before anyone has typed a word. Unref'd:
      // a CLI command that is done (`code 51`) exits instead of building an index it never uses.
      setImmediate(() => ready.search.warm()).unref();
    }
    return state;
  };

  const runner = createFlowRunner({
    flow: (id) => loaded().flows.get(id),
    facts: deps.facts,
    settings: () => deps.settings.get(),
    clock: deps.clock,
  });

  const summaryOf = (f: Flow): FlowSummary => ({ id: f.id, symptoms: [...f.symptoms], title: f.title, summary: f.summary });

  const tiles = (): SymptomTile[] => {
    const flows = [...loaded().flows.values()];
    const order = [...TILE_ORDER, ...SYMPTOM_IDS.filter((s) => !TILE_ORDER.includes(s))];
    return order.flatMap((symptom): SymptomTile[] => {
      const flow = flows.find((f) => f.id === symptom) ?? flows.find((f) => f.symptoms.includes(symptom));
      return flow ? [{ symptom, flowId: flow.id, title: flow.title, summary: flow.summary }] : [];
    });
  };

  // A lookup before anything else needs the content (`counter-assist code 51`) reads the code
  // table alone; the same entries the full load gives, without reading every flow.
  let codesAlone: Map<string, CodeEntry> | null = null;
  const codeTable = (): Map<string, CodeEntry> => state?.codes ?? (codesAlone ??= firstBy(loadCodes(deps.contentDir), (c) => c.code));

  /** A code's script and action with the ways to pay this store has switched on. */
  const spoken = (entry: CodeEntry): CodeEntry => {
    const { payments } = deps.settings.get();
    return { ...entry, customer: fillWays(entry.customer, payments), action: fillWays(entry.action, payments) };
  };

  const lookup = (raw: string): CodeLookup => {
    const codes = codeTable();
    const candidates = codeCandidates(raw);
    const hit = candidates.find((c) => codes.has(c));
    const entry = hit ? codes.get(hit) : undefined;
    return entry ? { found: true, entry: spoken(entry) } : { found: false, code: candidates[0] ?? null, flow: 'declined' };
  };

  return {
    content: {
      tiles: async () => tiles(),
      flows: async () => [...loaded().flows.values()].map(summaryOf),
      search: async (query, lang) => {
        const { search } = loaded();
        await search.prepare(query);
        return search.search(query, lang);
      },
      code: async (code) => lookup(code),
      codes: async () => [...loaded().codes.values()].map(spoken),
      payments: async () => {
        const { payments } = loaded();
        return deps.settings
          .get()
          .payments.flatMap((id) => {
            const guide = payments.get(id);
            return guide ? [guide] : [];
          });
      },
    },
    flow: {
      start: async (flowId, code) => {
        const normalized = code === null ? null : (codeCandidates(code)[0] ?? (code.trim() || null));
        // A code that may have charged the card opens on the last-transaction gate.
        const maybeCharged = normalized !== null && codeTable().get(normalized)?.maybeCharged === true;
        return runner.start(flowId, normalized, maybeCharged);
      },
      answer: async (sessionId, choice) => runner.answer(sessionId, choice),
      back: async (sessionId) => runner.back(sessionId),
      restart: async (sessionId) => runner.restart(sessionId),
    },
    session: (sessionId) => runner.session(sessionId),
    prepareSearch: async () => {
      await loadQueryReaders();
      loaded().search.warm();
    },
    maintenanceItems: () => loaded().content.maintenance.map((m) => m.value),
    nodeText: (flowId, nodeId) => {
      const flow = loaded().flows.get(flowId);
      return flow && Object.hasOwn(flow.nodes, nodeId) ? (flow.nodes[nodeId]?.text ?? null) : null;
    },
    check: () => {
      const { problems, content } = loaded();
      return {
        problems,
        counts: {
          flows: content.flows.length,
          codes: content.codes.length,
          payments: content.payments.length,
          maintenance: content.maintenance.length,
        },
      };
    },
    get notices() {
      loaded();
      return notices;
    },
  };
}
