import { describe, expect, it } from 'vitest';
import { ageParts, reasonWord, reasonWords } from '../../src-renderer/src/lib/queue-words';
import { zhCN } from '../../src-renderer/src/i18n/zh-CN';
import { en } from '../../src-renderer/src/i18n/en';

/*
 * The reasons as CUPS reports them (printer-state-reasons with their severity suffixes, RFC 8011
 * §5.4.12; lpstat's state message) and as the Windows reader maps the spooler's flags.
 */
describe('a print queue in plain words', () => {
  it('names the common reasons, whatever severity suffix they carry', () => {
    const words = (r: string) => {
      const w = reasonWord(r);
      return 'key' in w ? [zhCN[w.key], en[w.key]] : null;
    };
    expect(words('media-empty-error')).toEqual(['缺纸', 'Out of paper']);
    expect(words('media-empty')).toEqual(['缺纸', 'Out of paper']);
    expect(words('offline-report')).toEqual(['电脑认为打印机脱机', 'The computer marks the printer offline']);
    expect(words('connecting-to-device')).toEqual(['正在连接打印机', 'Connecting to the printer']);
    expect(words('paused')).toEqual(['已暂停', 'Paused']);
    expect(words('door-open')).toEqual(['盖子没盖好', 'Cover open']);
    expect(words('not-accepting-jobs')).toEqual(['不接受新的打印任务', 'Not accepting new jobs']);
  });

  it("keeps an unknown keyword as it is, and tells the print system's own message from a keyword", () => {
    expect(reasonWord('cups-missing-filter-warning')).toEqual({ keyword: 'cups-missing-filter-warning' });
    expect(reasonWord('Printer jammed near the cutter')).toEqual({ message: 'Printer jammed near the cutter' });
  });

  it("says the print system's common messages in words, and keeps its own text for the technical details", () => {
    // `cupsdisable -r "paper out"` and CUPS's own "may not exist" message (backend/ipp.c).
    expect(reasonWord('paper out')).toEqual({ key: 'pqrMediaEmpty', said: 'paper out' });
    expect(reasonWord('Paper out.')).toEqual({ key: 'pqrMediaEmpty', said: 'Paper out.' });
    expect(reasonWord('The printer may not exist or is unavailable at this time.')).toEqual({
      key: 'pqrOffline',
      said: 'The printer may not exist or is unavailable at this time.',
    });
    expect(reasonWords(['media-empty-error', 'paper out'])).toEqual([{ key: 'pqrMediaEmpty' }]);
  });

  it('leaves out a message that only repeats a keyword (CUPS says "Paused" for a queue stopped without a reason)', () => {
    expect(reasonWords(['paused', 'Paused'])).toEqual([{ key: 'pqrPaused' }]);
    expect(reasonWords(['paused', 'paper out'])).toEqual([{ key: 'pqrPaused' }, { key: 'pqrMediaEmpty', said: 'paper out' }]);
    expect(reasonWords(['Paused'])).toEqual([{ key: 'pqrPaused', said: 'Paused' }]);
  });

  it('says how long a job has waited: seconds under a minute, then minutes, then hours', () => {
    expect(ageParts(45)).toEqual({ key: 'pqAgeSeconds', vars: { s: 45 } });
    expect(ageParts(600)).toEqual({ key: 'pqAgeMinutes', vars: { m: 10 } });
    expect(ageParts(2 * 3600 + 5 * 60 + 9)).toEqual({ key: 'pqAgeHours', vars: { h: 2, m: 5 } });
  });
});
