import type { CounterApi, Notice, PathStep } from '../api';
import type { SettingsService } from '../settings/service';
import type { FactsProvider } from './facts';
import type { MaintenanceItem, OutcomeKind } from './schema';
import { notYet } from '../not-yet';

/** What other areas read of a flow session (the incident log records it). */
export interface SessionRecord {
  flowId: string;
  code: string | null;
  outcome: OutcomeKind | null;
  path: PathStep[];
}

export interface ContentArea {
  content: CounterApi['content'];
  flow: CounterApi['flow'];
  session(sessionId: string): SessionRecord | null;
  maintenanceItems(): MaintenanceItem[];
  notices: Notice[];
}

export interface ContentDeps {
  contentDir: string;
  settings: SettingsService;
  facts: FactsProvider;
  clock: () => Date;
}

export function createContentArea(_deps: ContentDeps): ContentArea {
  const missing = () => notYet('content');
  return {
    content: { tiles: missing, flows: missing, search: missing, code: missing, codes: missing, payments: missing },
    flow: { start: missing, answer: missing, back: missing, restart: missing },
    session: () => null,
    maintenanceItems: () => [],
    notices: [],
  };
}
