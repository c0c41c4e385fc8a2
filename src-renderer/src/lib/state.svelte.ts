import type { Screen } from '../../../src-main/core/api';
import type { DeviceSnapshot } from '../../../src-main/core/devices/types';
import type { PaymentMethodId } from '../../../src-main/core/settings/schema';
import type { PublicSettings } from '../../../src-main/core/settings/public';
import type { SymptomId } from '../../../src-main/core/content/schema';

/**
 * Where the window is. Every screen the shell can open by name (`Screen`, in the contract) is a
 * route of its own, so a screen added there is a route here without a second list; the ways to
 * pay carry the method to open first, and the flow and code screens are reached from triage.
 */
type NamedScreen = Exclude<Screen, 'payments'>;
export type Route =
  | { [S in NamedScreen]: { screen: S } }[NamedScreen]
  | { screen: 'payments'; first: PaymentMethodId | null }
  | { screen: 'flow'; flowId: string; code: string | null; symptom: SymptomId | null }
  | { screen: 'code'; code: string };

export type Tab = 'triage' | 'payments' | 'devices' | 'settings';

/** Which tab a screen belongs to (the flow and code screens are part of triage). */
export function tabOf(route: Route): Tab {
  switch (route.screen) {
    case 'flow':
    case 'code':
    case 'triage':
      return 'triage';
    case 'incidents':
    case 'maintenance':
      return 'devices';
    case 'head-office':
    case 'setup':
    case 'about':
      return 'settings';
    default:
      return route.screen;
  }
}

export const app = $state<{
  route: Route;
  history: Route[];
  /** Bumped on every navigation, so a screen starts fresh each time it is opened. */
  visit: number;
  settings: PublicSettings | null;
  snapshot: DeviceSnapshot;
}>({
  route: { screen: 'triage' },
  history: [],
  visit: 0,
  settings: null,
  snapshot: { printer: null, terminal: null, network: null },
});

export function go(route: Route): void {
  app.history.push(app.route);
  app.route = route;
  app.visit++;
}

/** Open a screen from the top bar, the tray or the shortcut: its start state, no history. */
export function open(screen: Screen | Tab, flowId?: string): void {
  app.history = [];
  if (flowId) {
    app.history.push({ screen: 'triage' });
    app.route = { screen: 'flow', flowId, code: null, symptom: null };
  } else {
    app.route = screenStart(screen);
  }
  app.visit++;
}

function screenStart(screen: Screen | Tab): Route {
  switch (screen) {
    case 'payments':
      return { screen: 'payments', first: null };
    case 'devices':
      return { screen: 'devices' };
    case 'settings':
      return { screen: 'settings' };
    case 'incidents':
      return { screen: 'incidents' };
    case 'maintenance':
      return { screen: 'maintenance' };
    case 'head-office':
      return { screen: 'head-office' };
    case 'setup':
      return { screen: 'setup' };
    case 'about':
      return { screen: 'about' };
    default:
      return { screen: 'triage' };
  }
}

/** Esc: the previous screen, or triage. */
export function back(): void {
  const prev = app.history.pop();
  app.route = prev ?? { screen: 'triage' };
  app.visit++;
}

/** The active screen's own key handling; returns true when it used the key. */
let screenKeys: ((e: KeyboardEvent) => boolean) | null = null;
export function setScreenKeys(handler: ((e: KeyboardEvent) => boolean) | null): () => void {
  screenKeys = handler;
  return () => {
    if (screenKeys === handler) screenKeys = null;
  };
}
export function screenKeyHandler(): ((e: KeyboardEvent) => boolean) | null {
  return screenKeys;
}
