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
import { PROBLEM_WORDS } from '../common/device-words';
import { symptomName } from '../common/incident-words';

const symptomNames = (id: string): { 'zh-CN': string; en: string } => ({ 'zh-CN': symptomName(id, 'zh-CN'), en: symptomName(id, 'en') });

/**
 * The diagnostic report for the service provider: what a technician on the phone asks for, in
 * short labelled lines a cashier can read aloud (Chinese, then English), and the same as JSON.
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
}

const STATE: Record<string, string> = {
  ok: '正常 OK',
  warning: '注意 Warning',
  error: '故障 Error',
  unknown: '未知 Unknown',
};

const LAYERS: { name: NetworkLayerName; label: string }[] = [
  { name: 'link', label: '本地连接 Link' },
  { name: 'gateway', label: '路由器 Gateway' },
  { name: 'dns', label: '域名解析 DNS' },
  { name: 'paymentHost', label: '支付主机 Payment host' },
  { name: 'acquirer', label: '收单前置机 Acquirer front end' },
];

const orNone = (s: string): string => (s.trim() === '' ? '未填写 not set' : s);

/** How old a finding is, for a technician deciding whether to probe again. */
export function ageText(at: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(at)) / 60_000);
  if (!Number.isFinite(minutes)) return '时间不明 time unknown';
  if (minutes < 1) return '刚才 just now';
  if (minutes < 120) return `${minutes} 分钟前 ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} 小时前 ${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} 天前 ${days} days ago`;
}

function deviceLines(label: string, status: DeviceStatus | null, configured: string | null, now: Date): string[] {
  if (!status) return [`${label}: ${configured ? `未检测 not probed (${configured})` : '未配置 Not configured'}`];
  const lines = [
    `${label}: ${STATE[status.state] ?? status.state} — ${status.summary['zh-CN']} / ${status.summary.en}`,
    `  端口 Port: ${status.target} (${status.protocol})${status.answering ? '' : ' 无应答 not answering'}`,
  ];
  const id = status.identity;
  if (id) {
    lines.push(
      `  型号 Model: ${[id.maker, id.model].filter(Boolean).join(' ') || '-'} · 固件 Firmware: ${id.firmware ?? '-'} · 序列号 Serial: ${id.serial ?? '-'}`,
    );
  }
  if (status.problem) lines.push(`  问题 Problem: ${bothOf(PROBLEM_WORDS[status.problem])}`);
  const advice = adviceFor(status);
  if (advice)
    lines.push(`  怎么办 Next step: ${bothOf(advice.fix)}${advice.flow ? ` (流程 Flow: counter-assist run ${advice.flow})` : ''}`);
  if (status.detail) lines.push(`  技术细节 Technical detail: ${status.detail}`);
  lines.push(`  检测时间 Checked: ${status.at} (${ageText(status.at, now)})`);
  return lines;
}

/** A detail that is the same in both languages (an address list) is written once. */
const bothOf = (t: { 'zh-CN': string; en: string }): string => (t['zh-CN'] === t.en ? t.en : `${t['zh-CN']} / ${t.en}`);

function networkLines(net: NetworkReport | null, now: Date): string[] {
  if (!net) return ['网络 Network: 没有记录：还没有检查过 / nothing known: never checked'];
  const lines = [
    `网络 Network: ${STATE[net.state] ?? net.state} — ${net.summary['zh-CN']} / ${net.summary.en}`,
    `  检测时间 Checked: ${net.at} (${ageText(net.at, now)})`,
  ];
  for (const { name, label } of LAYERS) {
    const layer = net.layers[name];
    if (!layer) continue;
    const verdict = layer.ok === null ? '未检查 not checked' : layer.ok ? '正常 OK' : '失败 FAILED';
    lines.push(
      `  ${label}: ${verdict}${layer.ms === null ? '' : ` (${layer.ms} ms)`}${layer.detail['zh-CN'] ? ` — ${bothOf(layer.detail)}` : ''}`,
    );
  }
  return lines;
}

function incidentLines(incidents: Incident[], timeZone: string): string[] {
  if (incidents.length === 0) return ['（无 none）'];
  return incidents.flatMap((i, n) => {
    const head = [
      `${n + 1}. ${localDateTime(new Date(i.at), timeZone)}`,
      `${bothOf(symptomNames(i.symptom))} (${i.symptom})`,
      i.code ? `代码 Code ${i.code}` : null,
      i.outcome ? `${OUTCOME_LABELS[i.outcome]['zh-CN']} ${OUTCOME_LABELS[i.outcome].en}` : null,
      i.paidBy
        ? `${PAYMENT_LABELS[i.paidBy]['zh-CN']} ${PAYMENT_LABELS[i.paidBy].en}${i.amount === null ? '' : ` ${yuan(i.amount)}`}`
        : null,
    ]
      .filter(Boolean)
      .join(' · ');
    const lines = [head];
    if (i.path.length > 0) lines.push(`   路径 Path: ${pathText(i.path)}`);
    if (i.note) lines.push(`   备注 Note: ${i.note.replace(/\s*\n\s*/g, ' / ')}`);
    return lines;
  });
}

export function reportText(r: ReportInputs): string {
  const s = r.settings;
  const { app } = r;
  const configured = (role: 'printer' | 'terminal'): string | null => {
    const d = s.devices[role];
    return d ? `${d.target}, ${d.protocol}` : null;
  };
  const lines = [
    '收银台助手 诊断报告 / Counter Assist diagnostic report',
    `生成时间 Generated: ${localDateTime(r.generatedAt, r.timeZone)} (${r.timeZone})`,
    '',
    '== 软件 Software ==',
    `应用 App: ${app.name} ${app.version}${app.electron ? ` · Electron ${app.electron}` : ''} · Node ${app.node}`,
    `系统 OS: ${app.platform} ${app.arch} ${app.osRelease}`,
    '',
    '== 门店 Store ==',
    `店名 Name: ${orNone(s.store.name)}`,
    `商户号 Merchant ID: ${orNone(s.store.merchantId)}`,
    `终端号 Terminal ID: ${orNone(s.store.terminalId)}`,
    `收单机构热线 Acquirer hotline: ${orNone(s.store.hotlines.acquirer)}`,
    `POS 服务商热线 POS service hotline: ${orNone(s.store.hotlines.posService)}`,
    `银行热线 Bank hotline: ${orNone(s.store.hotlines.bank)}`,
    '',
    '== 设备 Devices ==',
    ...(r.probed
      ? []
      : ['（未重新检测：以下是最后一次已知的结果 / not probed now: the last known results; counter-assist report --probe checks again）']),
    ...deviceLines('打印机 Printer', r.devices.printer, configured('printer'), r.generatedAt),
    ...deviceLines('刷卡机 Terminal', r.devices.terminal, configured('terminal'), r.generatedAt),
    '',
    '== 网络 Network ==',
    ...networkLines(r.devices.network, r.generatedAt),
    '',
    ...(r.misClients ? ['== 收单客户端 Acquirer clients (MIS) ==', ...misClientLines(r.misClients), ''] : []),
    `== 最近故障 Recent incidents (${r.incidents.length}) ==`,
    ...incidentLines(r.incidents, r.timeZone),
    '',
    '== 逾期保养 Overdue maintenance ==',
    ...(r.overdue.length === 0
      ? ['（无 none）']
      : r.overdue.map(
          (d) =>
            `- ${d.item.title['zh-CN']} / ${d.item.title.en}: ${d.lastDone ? `上次 last ${localDateTime(new Date(d.lastDone.at), r.timeZone)} (${d.lastDone.by})` : '从未做过 never done'}`,
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
