import { openIncidentLog } from '../../src-main/core/incidents/log';
import { writeIncidentsCsv } from '../../src-main/core/incidents/csv';
import { parseFilter } from '../../src-main/core/incidents/filter';
import { ownPeakMB } from '../peak-memory';

/** Export every incident in a data folder to CSV, in a process of its own so its peak memory is its own. */
const [dataDir, out] = process.argv.slice(2) as [string, string];
const tz = 'Asia/Shanghai';
const log = openIncidentLog(dataDir, tz);
const t = performance.now();
const count = await writeIncidentsCsv(log.scan(parseFilter({}, tz)), out, tz);
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, count, maxRssMB: ownPeakMB() }));
