/**
 * Line icons (24 × 24, stroked in the current colour) for the symptom tiles and the top bar.
 * Drawn here so the app needs no image files and no icon font.
 */
import type { SymptomId } from '../../../src-main/core/content/schema';

const SYMPTOM_ICONS: Record<SymptomId, string[]> = {
  'card-not-read': ['M2 6h15v11H2z', 'M2 9.5h15', 'M16 14l6 6M22 14l-6 6'],
  declined: ['M12 2.5a9.5 9.5 0 1 0 0 19a9.5 9.5 0 1 0 0-19z', 'M5.3 5.3l13.4 13.4'],
  'no-response': ['M6 2.5h12M6 21.5h12', 'M7 2.5c0 6 10 6 10 9.5s-10 3.5-10 9.5', 'M17 2.5c0 6-10 6-10 9.5s10 3.5 10 9.5'],
  'over-limit': ['M3 21h18', 'M5 21v-6h3v6M10.5 21v-10h3v10M16 21V7h3v14', 'M3 4h18'],
  'risk-blocked': ['M12 2.5l8 3v6c0 5-3.5 8.5-8 10c-4.5-1.5-8-5-8-10v-6z', 'M9 12l2 2l4-4'],
  alarm: ['M6 17V11a6 6 0 0 1 12 0v6l1.5 2h-15z', 'M10 21h4', 'M3 8l2 1M21 8l-2 1M12 2v1.5'],
  'no-power': ['M12 2.5v9', 'M7 5.5a8 8 0 1 0 10 0'],
  'card-stuck': ['M3 14h18v7H3z', 'M7 14V4h10v10', 'M10 7h4', 'M12 17.5v0.5'],
  'receipt-print': ['M5 2.5h14v19l-2.3-1.5l-2.4 1.5l-2.3-1.5l-2.3 1.5l-2.4-1.5L5 21.5z', 'M8.5 7h7M8.5 11h7M8.5 15h4'],
  bluetooth: ['M7 7l10 10l-5 4.5V2.5l5 4.5L7 17'],
  'update-failed': ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7', 'M12 8v4M12 15v0.5'],
  locked: ['M5 11h14v10H5z', 'M8 11V7.5a4 4 0 0 1 8 0V11', 'M12 15v2'],
  suspicious: ['M1.5 12s4-7 10.5-7s10.5 7 10.5 7s-4 7-10.5 7s-10.5-7-10.5-7z', 'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z'],
  slow: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z', 'M12 7v5l3.5 2'],
  'record-mismatch': ['M3 3.5h8v17H3zM13 3.5h8v17h-8z', 'M5 8h4M5 12h4M15 8h4M15 12h4', 'M14.5 16.5l5 0M16.5 14.5l1 4'],
  'merchant-account': ['M3 9l1.5-5.5h15L21 9', 'M3 9h18v1.5a3 3 0 0 1-6 0a3 3 0 0 1-6 0a3 3 0 0 1-6 0z', 'M5 13v8h14v-8', 'M10 21v-5h4v5'],
  network: ['M2 9a14 14 0 0 1 20 0', 'M5.5 12.5a9 9 0 0 1 13 0', 'M9 16a4 4 0 0 1 6 0', 'M12 19.5v0.5'],
};

/** The top bar's tabs and the buttons' own icons. */
type UiIcon = 'pay' | 'devices' | 'settings' | 'triage' | 'copy' | 'back' | 'restart';
const UI_ICONS: Record<UiIcon, string[]> = {
  pay: ['M2 6h20v12H2z', 'M2 10h20', 'M5 14.5h4'],
  devices: ['M6 3h12v6H6z', 'M3 9h18v8H3z', 'M7 17v4h10v-4', 'M17 12.5v0.5'],
  settings: [
    'M12 8.5a3.5 3.5 0 1 0 0 7a3.5 3.5 0 1 0 0-7z',
    'M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  ],
  triage: ['M12 2.5l10 18H2z', 'M12 9.5v5M12 17.3v0.5'],
  copy: ['M8 8h12v13H8z', 'M4 16V3h12'],
  back: ['M15 5l-7 7l7 7'],
  restart: ['M4 12a8 8 0 1 0 2.5-5.8', 'M4 3v5h5'],
};

export type IconName = SymptomId | UiIcon;
/** One icon per symptom (a symptom added to the content schema without one fails the typecheck). */
export const ICONS: Record<IconName, string[]> = { ...SYMPTOM_ICONS, ...UI_ICONS };
