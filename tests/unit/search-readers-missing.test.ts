import { expect, it, vi } from 'vitest';
import { prepareContent } from '../../src-main/core/content/area';
import { loadQueryReaders, queryReadersLoaded } from '../../src-main/core/content/search';
import { SHIPPED } from '../fixtures/content/content-dir';

// Packages that fail to load (a broken install): search keeps its literal matches and says nothing
// worse than "nothing found" for what it cannot read.
vi.mock('pinyin-pro', () => {
  throw new Error('cannot load pinyin-pro');
});
vi.mock('opencc-js/t2cn', () => {
  throw new Error('cannot load opencc-js');
});

it('searches as before when pinyin-pro and opencc-js cannot load', async () => {
  const shipped = prepareContent(SHIPPED);
  await expect(shipped.search.prepare('dyj 網絡')).resolves.toBeUndefined();
  await expect(loadQueryReaders()).resolves.toBeUndefined();
  expect(queryReadersLoaded()).toEqual({ pinyin: false, traditional: false });
  expect(shipped.search.search('小票出不来', 'zh-CN')[0]).toMatchObject({ kind: 'flow', id: 'receipt-print' });
  expect(shipped.search.search('MAC校验错', 'zh-CN')[0]).toMatchObject({ kind: 'code', id: 'A0' });
  expect(() => shipped.search.search('dyj', 'zh-CN')).not.toThrow();
});
