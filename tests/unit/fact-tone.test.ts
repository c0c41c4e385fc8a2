import { describe, expect, it } from 'vitest';
import { factTone } from '../../src-renderer/src/lib/fact-tone';

const said = { 'zh-CN': '', en: '' };

describe('facts the app found, coloured by what they mean', () => {
  it('a closed cover and an answering printer are fine; paper end and a failing router are the problem', () => {
    expect(factTone({ fact: 'printer.coverOpen', value: false, said })).toBe('ok');
    expect(factTone({ fact: 'printer.answering', value: true, said })).toBe('ok');
    expect(factTone({ fact: 'printer.paperEnd', value: true, said })).toBe('problem');
    expect(factTone({ fact: 'printer.online', value: false, said })).toBe('problem');
    expect(factTone({ fact: 'terminal.answering', value: false, said })).toBe('problem');
    expect(factTone({ fact: 'network.firstFailing', value: 'gateway', said })).toBe('problem');
    expect(factTone({ fact: 'network.firstFailing', value: 'none', said })).toBe('ok');
    expect(factTone({ fact: 'code', value: 'A0', said })).toBe('info');
  });
});
