import { join } from 'node:path';
import type { CounterApi } from '../api';
import type { AppInfo } from '../app-info';
import type { Lang } from '../i18n';
import type { DeviceSnapshot } from '../devices/types';
import type { Incident, IncidentFilter } from './types';
import type { Notice } from '../notice';
import { dataFolderNotice } from '../storage/writable';
import type { ContentArea } from '../content/area';
import type { SettingsService } from '../settings/service';
import { parseFilter } from './filter';
import { newIncidentId } from './ids';
import { checkIncidentInput } from './input';
import { noteToSave } from './card-digits';
import { openIncidentLog } from './log';
import { writeIncidentsCsv } from './csv';
import { checkExportTarget, freeName } from './export-target';
import { createMaintenance } from '../maintenance/checklist';
import type { MisClientScan } from '../mis-clients/types';
import { buildReport, composeReport, saveReport, REPORT_INCIDENTS, type ReportInputs } from '../report/build';
import type { Report } from '../report/types';
import { summarize, type NodeText } from './summary';
import { checkTimeZone, localDate, systemTimeZone } from './zone';

export interface IncidentsArea {
  incidents: CounterApi['incidents'];
  maintenance: CounterApi['maintenance'];
  report: CounterApi['report'];
  /**
   * Export to a file the caller names (the CLI's `--csv FILE`), streaming like exportCsv. An
   * existing file is replaced only with `force`; see export-target.ts for what is never replaced.
   */
  exportCsvTo(filter: IncidentFilter, file: string, options?: { force?: boolean }): Promise<{ path: string; count: number }>;
  /**
   * The report, masked, with a separate step to save it (the CLI prints it even when that fails).
   * Without `probe` nothing is asked of any device or the network: the last known facts are used.
   * Without `lang` it is written in the settings' language.
   */
  composeReport(options?: { probe?: boolean; lang?: Lang }): Promise<{ text: string; json: unknown; save(): Promise<Report['savedTo']> }>;
  notices: Notice[];
  /** Settles once the start-up checks of the log files are done and their notices are in. */
  ready: Promise<void>;
}

export interface IncidentsDeps {
  dataDir: string;
  clock: () => Date;
  settings: SettingsService;
  content: Pick<ContentArea, 'session' | 'maintenanceItems'>;
  snapshot: () => DeviceSnapshot;
  appInfo: () => AppInfo;
  /** The store's time zone (IANA name); months, days and due dates follow it. Default: the system's. */
  timeZone?: string;
  /** Probe the devices and the network now, for a report that asks for it. */
  refresh?: () => Promise<DeviceSnapshot>;
  /** The last known facts, saved by earlier processes too; the report's default. */
  lastKnown?: () => DeviceSnapshot;
  /** A flow node's text, so the summary can name the step that fixed a symptom. */
  nodeText?: NodeText;
  /** The acquirer (MIS) clients on this PC, for the report. */
  misClients?: () => Promise<MisClientScan>;
}

const NO_DEVICES: DeviceSnapshot = { printer: null, terminal: null, network: null };

export function createIncidentsArea(deps: IncidentsDeps): IncidentsArea {
  // Resolved and checked on first use (see ZoneSource): a command that never reads a date skips it.
  let zone: string | undefined;
  const timeZone = (): string => (zone ??= checkTimeZone(deps.timeZone ?? systemTimeZone()));
  const log = openIncidentLog(deps.dataDir, timeZone);
  const maintenance = createMaintenance({
    dataDir: deps.dataDir,
    clock: deps.clock,
    timeZone,
    items: () => deps.content.maintenanceItems(),
  });

  const folderNotices: Notice[] = [];
  const folderChecked = dataFolderNotice(deps.dataDir).then((n) => {
    if (n) folderNotices.push(n);
  });

  /** A device layer that fails must not stop the cashier's record from being written. */
  function snapshotOrNothing(): DeviceSnapshot {
    try {
      return deps.snapshot();
    } catch {
      return NO_DEVICES;
    }
  }

  async function exportTo(
    filter: IncidentFilter,
    file: string,
    options: { force?: boolean } = {},
  ): Promise<{ path: string; count: number }> {
    const range = parseFilter(filter, timeZone());
    const target = checkExportTarget(file, { dataDir: deps.dataDir, force: options.force ?? false });
    const count = await writeIncidentsCsv(log.scan(range), target, timeZone());
    return { path: target, count };
  }

  const incidents: CounterApi['incidents'] = {
    async record(input) {
      const checked = checkIncidentInput(input);
      const at = deps.clock();
      const session = checked.sessionId ? deps.content.session(checked.sessionId) : null;
      const code = checked.code?.trim() || session?.code || null;
      const incident: Incident = {
        id: newIncidentId(at),
        at: at.toISOString(),
        symptom: checked.symptom,
        code,
        flowId: session?.flowId ?? null,
        // What the session walked to wins over what was said by hand.
        outcome: session?.outcome ?? checked.outcome ?? null,
        path: session?.path ?? [],
        paidBy: checked.paidBy ?? null,
        amount: checked.amount === undefined ? null : Math.round(checked.amount * 100) / 100,
        note: noteToSave(checked.note, checked.cardLast4),
        devices: snapshotOrNothing(),
      };
      return log.append(incident);
    },
    async list(filter) {
      const range = parseFilter(filter, timeZone());
      const found: Incident[] = [];
      for await (const incident of log.scan(range)) found.push(incident);
      // Stable: records of the same instant keep the order they were written in.
      return found.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    },
    async summary(filter) {
      const range = parseFilter(filter, timeZone());
      return summarize(log.scan(range), { from: filter.from ?? null, to: filter.to ?? null }, deps.nodeText);
    },
    async exportCsv(filter) {
      const from = parseFilter(filter, timeZone()).fromLabel ?? 'all';
      const to = filter.to?.slice(0, 10) ?? localDate(deps.clock(), timeZone());
      // A second export of the same range the same day gets a name of its own, never replacing one.
      return exportTo(filter, freeName(join(deps.dataDir, 'exports', `incidents-${from}-${to}.csv`)));
    },
  };

  async function reportInputs(probe: boolean, lang?: Lang): Promise<ReportInputs> {
    const devices = probe && deps.refresh ? await deps.refresh() : (deps.lastKnown?.() ?? snapshotOrNothing());
    const [recent, due, misClients] = await Promise.all([log.recent(REPORT_INCIDENTS), maintenance.api.due(), deps.misClients?.()]);
    return {
      generatedAt: deps.clock(),
      timeZone: timeZone(),
      app: deps.appInfo(),
      settings: deps.settings.get(),
      devices,
      incidents: recent,
      overdue: due.filter((d) => d.overdue),
      ...(misClients ? { misClients } : {}),
      probed: probe && deps.refresh !== undefined,
      ...(lang ? { lang } : {}),
    };
  }

  const report: CounterApi['report'] = {
    // The window's button says it checks the devices first.
    async build() {
      return buildReport(deps.dataDir, await reportInputs(true));
    },
  };

  /** The report first, its saving second: on a folder that cannot be written it is still read out. */
  async function composeThenSave(options: { probe?: boolean; lang?: Lang } = {}) {
    const inputs = await reportInputs(options.probe ?? false, options.lang);
    const composed = composeReport(inputs);
    return { ...composed, save: () => saveReport(deps.dataDir, inputs.generatedAt, composed) };
  }

  return {
    incidents,
    maintenance: maintenance.api,
    report,
    exportCsvTo: exportTo,
    composeReport: composeThenSave,
    ready: Promise.all([log.ready, maintenance.ready, folderChecked]).then(() => undefined),
    get notices() {
      return [...folderNotices, ...log.notices, ...maintenance.notices];
    },
  };
}
