import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppInfo } from '../app-info';
import type { DeviceSnapshot } from '../devices/types';
import type { Incident } from '../incidents/types';
import type { MaintenanceDue } from '../maintenance/types';
import type { Report } from './types';
import type { DeviceStatus, NetworkLayerName, NetworkReport } from '../devices/types';
import type { Settings } from '../settings/schema';
import { maskDeep } from '../redact';
import { writeError } from '../storage/write-error';
import { OUTCOME_LABELS, PAYMENT_LABELS, pathText, yuan } from '../incidents/labels';
import { localDateTime } from '../incidents/zone';
import { misClientLines, type MisClientScan } from '../mis-clients/scan';
import { adviceFor } from '../common/device-advice';
import { PROBLEM_WORDS, TECHNICAL_DETAIL } from '../common/device-words';
import { symptomName } from '../common/incident-words';
import { pick, type Lang, type Text } from '../i18n';

/**
 * The diagnostic report for the service provider: what a technician on the phone asks for, in
 * short labelled lines a cashier can read aloud, in one language (the one asked, else the
 * settings'), and the same as JSON. Only the line marked "technical detail" keeps the transport's
 * own words.
 */

export const REPORT_INCIDENTS = 20;

export interface ReportInputs {
  generatedAt: Date;
  timeZone: string;
  app: AppInfo;
  settings: Settings;
  devices: DeviceSnapshot;
  incidents: Incident[];
  overdue: MaintenanceDue[];
  /** The acquirer (MIS) clients found on this PC; absent where nobody looked. */
  misClients?: MisClientScan;
  /** True when the devices and the network were probed for this report; else they are the last known. */
  probed?: boolean;
  /** The reader's language; default: the settings' language. */
  lang?: Lang;
}

const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });

const STATE: Record<string, Text> = {
  ok: t('正常', 'OK'),
  warning: t('注意', 'Warning'),
  error: t('故障', 'Error'),
  unknown: t('未知', 'Unknown'),
};

const LAYERS: { name: NetworkLayerName; label: Text }[] = [
  { name: 'link', label: t('本地连接', 'Link') },
  { name: 'gateway', label: t('路由器', 'Gateway') },
  { name: 'dns', label: t('域名解析', 'DNS') },
  { name: 'paymentHost', label: t('支付主机', 'Payment host') },
  { name: 'acquirer', label: t('收单前置机', 'Acquirer front end') },
];

/** Every fixed word of the report, both languages side by side so neither is forgotten. */
const W = {
  title: t('收银台助手 诊断报告', 'Counter Assist diagnostic report'),
  generated: t('生成时间', 'Generated'),
  software: t('软件', 'Software'),
  app: t('应用', 'App'),
  os: t('系统', 'OS'),
  store: t('门店', 'Store'),
  name: t('店名', 'Name'),
  merchantId: t('商户号', 'Merchant ID'),
  terminalId: t('终端号', 'Terminal ID'),
  acquirerHotline: t('收单机构热线', 'Acquirer hotline'),
  posHotline: t('POS 服务商热线', 'POS service hotline'),
  bankHotline: t('银行热线', 'Bank hotline'),
  notSet: t('未填写', 'not set'),
  devices: t('设备', 'Devices'),
  notProbedNow: t(
    '（未重新检测：以下是最后一次已知的结果；counter-assist report --probe 重新检测）',
    '(not probed now: the last known results; counter-assist report --probe checks again)',
  ),
  printer: t('打印机', 'Printer'),
  terminal: t('刷卡机', 'Terminal'),
  notProbed: t('未检测', 'not probed'),
  notConfigured: t('未配置', 'Not configured'),
  port: t('端口', 'Port'),
  notAnswering: t('无应答', 'not answering'),
  model: t('型号', 'Model'),
  firmware: t('固件', 'Firmware'),
  serial: t('序列号', 'Serial'),
  problem: t('问题', 'Problem'),
  nextStep: t('怎么办', 'Next step'),
  flow: t('流程', 'Flow'),
  checked: t('检测时间', 'Checked'),
  network: t('网络', 'Network'),
  neverChecked: t('没有记录：还没有检查过', 'nothing known: never checked'),
  layerNotChecked: t('未检查', 'not checked'),
  layerOk: t('正常', 'OK'),
  layerFailed: t('失败', 'FAILED'),
  misClients: t('收单客户端', 'Acquirer clients (MIS)'),
  incidents: t('最近故障', 'Recent incidents'),
  none: t('（无）', '(none)'),
  code: t('代码', 'Code'),
  path: t('路径', 'Path'),
  note: t('备注', 'Note'),
  overdue: t('逾期保养', 'Overdue maintenance'),
  last: t('上次', 'last'),
  neverDone: t('从未做过', 'never done'),
  timeUnknown: t('时间不明', 'time unknown'),
  justNow: t('刚才', 'just now'),
};

/** How old a finding is, for a technician deciding whether to probe again. */
export function ageText(at: string, now: Date, lang: Lang): string {
  const minutes = Math.floor((now.getTime() - Date.parse(at)) / 60_000);
  if (!Number.isFinite(minutes)) return pick(W.timeUnknown, lang);
  if (minutes < 1) return pick(W.justNow, lang);
  if (minutes < 120) return pick(t(`${minutes} 分钟前`, `${minutes} min ago`), lang);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return pick(t(`${hours} 小时前`, `${hours} h ago`), lang);
  const days = Math.floor(hours / 24);
  return pick(t(`${days} 天前`, `${days} days ago`), lang);
}

const labelled = (label: Text, lang: Lang): string => `${pick(label, lang)}: `;

function deviceLines(label: Text, status: DeviceStatus | null, configured: string | null, now: Date, lang: Lang): string[] {
  const w = (x: Text): string => pick(x, lang);
  const l = (x: Text): string => labelled(x, lang);
  if (!status) return [`${l(label)}${configured ? `${w(W.notProbed)} (${configured})` : w(W.notConfigured)}`];
  const state = STATE[status.state];
  const lines = [
    `${l(label)}${state ? w(state) : status.state} — ${w(status.summary)}`,
    `  ${l(W.port)}${status.target} (${status.protocol})${status.answering ? '' : ` ${w(W.notAnswering)}`}`,
  ];
  const id = status.identity;
  if (id) {
    lines.push(
      `  ${l(W.model)}${[id.maker, id.model].filter(Boolean).join(' ') || '-'} · ${l(W.firmware)}${id.firmware ?? '-'} · ${l(W.serial)}${id.serial ?? '-'}`,
    );
  }
  if (status.problem) lines.push(`  ${l(W.problem)}${w(PROBLEM_WORDS[status.problem])}`);
  const advice = adviceFor(status);
  if (advice) lines.push(`  ${l(W.nextStep)}${w(advice.fix)}${advice.flow ? ` (${l(W.flow)}counter-assist run ${advice.flow})` : ''}`);
  if (status.detail) lines.push(`  ${l(TECHNICAL_DETAIL)}${status.detail}`);
  lines.push(`  ${l(W.checked)}${status.at} (${ageText(status.at, now, lang)})`);
  return lines;
}

function networkLines(net: NetworkReport | null, now: Date, lang: Lang): string[] {
  const w = (x: Text): string => pick(x, lang);
  const l = (x: Text): string => labelled(x, lang);
  if (!net) return [`${l(W.network)}${w(W.neverChecked)}`];
  const state = STATE[net.state];
  const lines = [
    `${l(W.network)}${state ? w(state) : net.state} — ${w(net.summary)}`,
    `  ${l(W.checked)}${net.at} (${ageText(net.at, now, lang)})`,
  ];
  for (const { name, label } of LAYERS) {
    const layer = net.layers[name];
    if (!layer) continue;
    const verdict = w(layer.ok === null ? W.layerNotChecked : layer.ok ? W.layerOk : W.layerFailed);
    const detail = w(layer.detail);
    lines.push(`  ${l(label)}${verdict}${layer.ms === null ? '' : ` (${layer.ms} ms)`}${detail ? ` — ${detail}` : ''}`);
  }
  return lines;
}

function incidentLines(incidents: Incident[], timeZone: string, lang: Lang): string[] {
  if (incidents.length === 0) return [pick(W.none, lang)];
  return incidents.flatMap((i, n) => {
    const head = [
      `${n + 1}. ${localDateTime(new Date(i.at), timeZone)}`,
      symptomName(i.symptom, lang),
      i.code ? `${pick(W.code, lang)} ${i.code}` : null,
      i.outcome ? pick(OUTCOME_LABELS[i.outcome], lang) : null,
      i.paidBy ? `${pick(PAYMENT_LABELS[i.paidBy], lang)}${i.amount === null ? '' : ` ${yuan(i.amount)}`}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const lines = [head];
    if (i.path.length > 0) lines.push(`   ${labelled(W.path, lang)}${pathText(i.path, lang)}`);
    if (i.note) lines.push(`   ${labelled(W.note, lang)}${i.note.replace(/\s*\n\s*/g, ' / ')}`);
    return lines;
  });
}

export function reportText(r: ReportInputs): string {
  const s = r.settings;
  const { app } = r;
  const lang = r.lang ?? s.language;
  const w = (x: Text): string => pick(x, lang);
  const l = (x: Text): string => labelled(x, lang);
  const heading = (x: Text, extra = ''): string => `== ${w(x)}${extra} ==`;
  const orNone = (v: string): string => (v.trim() === '' ? w(W.notSet) : v);
  const configured = (role: 'printer' | 'terminal'): string | null => {
    const d = s.devices[role];
    return d ? `${d.target}, ${d.protocol}` : null;
  };
  const lines = [
    w(W.title),
    `${l(W.generated)}${localDateTime(r.generatedAt, r.timeZone)} (${r.timeZone})`,
    '',
    heading(W.software),
    `${l(W.app)}${app.name} ${app.version}${app.electron ? ` · Electron ${app.electron}` : ''} · Node ${app.node}`,
    `${l(W.os)}${app.platform} ${app.arch} ${app.osRelease}`,
    '',
    heading(W.store),
    `${l(W.name)}${orNone(s.store.name)}`,
    `${l(W.merchantId)}${orNone(s.store.merchantId)}`,
    `${l(W.terminalId)}${orNone(s.store.terminalId)}`,
    `${l(W.acquirerHotline)}${orNone(s.store.hotlines.acquirer)}`,
    `${l(W.posHotline)}${orNone(s.store.hotlines.posService)}`,
    `${l(W.bankHotline)}${orNone(s.store.hotlines.bank)}`,
    '',
    heading(W.devices),
    ...(r.probed ? [] : [w(W.notProbedNow)]),
    ...deviceLines(W.printer, r.devices.printer, configured('printer'), r.generatedAt, lang),
    ...deviceLines(W.terminal, r.devices.terminal, configured('terminal'), r.generatedAt, lang),
    '',
    heading(W.network),
    ...networkLines(r.devices.network, r.generatedAt, lang),
    '',
    ...(r.misClients ? [heading(W.misClients), ...misClientLines(r.misClients, lang), ''] : []),
    heading(W.incidents, ` (${r.incidents.length})`),
    ...incidentLines(r.incidents, r.timeZone, lang),
    '',
    heading(W.overdue),
    ...(r.overdue.length === 0
      ? [w(W.none)]
      : r.overdue.map(
          (d) =>
            `- ${w(d.item.title)}: ${d.lastDone ? `${w(W.last)} ${localDateTime(new Date(d.lastDone.at), r.timeZone)} (${d.lastDone.by})` : w(W.neverDone)}`,
        )),
  ];
  return `${lines.join('\n')}\n`;
}

export function reportJson(r: ReportInputs): unknown {
  return {
    generatedAt: r.generatedAt.toISOString(),
    timeZone: r.timeZone,
    app: r.app,
    store: {
      name: r.settings.store.name,
      merchantId: r.settings.store.merchantId,
      terminalId: r.settings.store.terminalId,
      hotlines: r.settings.store.hotlines,
    },
    configuredDevices: r.settings.devices,
    probed: r.probed ?? false,
    devices: r.devices,
    network: r.devices.network,
    ...(r.misClients ? { misClients: r.misClients } : {}),
    incidents: r.incidents,
    overdueMaintenance: r.overdue.map((d) => ({
      id: d.item.id,
      title: d.item.title,
      period: d.item.period,
      lastDone: d.lastDone,
      dueAt: d.dueAt,
    })),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "20261121-235959" in UTC: sorts, and never contains a character a file system refuses. */
export function reportStamp(at: Date): string {
  return `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
}

/** Mask everything and render both forms; nothing is written. */
export function composeReport(inputs: ReportInputs): { text: string; json: unknown } {
  // Everything is masked except the store's own merchant and terminal ids: the provider needs
  // them, and a 15-digit merchant id passes the Luhn check one time in ten.
  const safe: ReportInputs = {
    generatedAt: inputs.generatedAt,
    timeZone: inputs.timeZone,
    app: maskDeep(inputs.app),
    settings: {
      ...maskDeep(inputs.settings),
      store: {
        ...maskDeep(inputs.settings.store),
        merchantId: inputs.settings.store.merchantId,
        terminalId: inputs.settings.store.terminalId,
      },
    },
    devices: maskDeep(inputs.devices),
    incidents: maskDeep(inputs.incidents),
    overdue: maskDeep(inputs.overdue),
    ...(inputs.misClients ? { misClients: maskDeep(inputs.misClients) } : {}),
    probed: inputs.probed ?? false,
    ...(inputs.lang ? { lang: inputs.lang } : {}),
  };
  return { text: reportText(safe), json: reportJson(safe) };
}

/**
 * Save both forms under `<dataDir>/reports/`. A folder that cannot be written (read-only, full)
 * throws a WriteError that says so; a half-written report is removed.
 */
export async function saveReport(dataDir: string, generatedAt: Date, report: { text: string; json: unknown }): Promise<Report['savedTo']> {
  const dir = join(dataDir, 'reports');
  const base = join(dir, `report-${reportStamp(generatedAt)}`);
  const savedTo = { text: `${base}.txt`, json: `${base}.json` };
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(savedTo.text, report.text, 'utf8');
    await writeFile(savedTo.json, `${JSON.stringify(report.json, null, 2)}\n`, 'utf8');
  } catch (e) {
    await Promise.all([rm(savedTo.text, { force: true }), rm(savedTo.json, { force: true })]).catch(() => undefined);
    throw writeError(e, { 'zh-CN': '报告没有保存', en: 'The report was not saved' }, dir);
  }
  return savedTo;
}

/** Build, mask, and save both forms under `<dataDir>/reports/`. */
export async function buildReport(dataDir: string, inputs: ReportInputs): Promise<Report> {
  const report = composeReport(inputs);
  return { ...report, savedTo: await saveReport(dataDir, inputs.generatedAt, report) };
}
