import type { FlowNode } from './schema';

/** Where each kind of node leads, with the data path of each reference. */
export function nextRefs(node: FlowNode): { next: string; path: PropertyKey[] }[] {
  switch (node.type) {
    case 'question':
    case 'check':
      return node.options.map((o, i) => ({ next: o.next, path: ['options', i, 'next'] }));
    case 'step':
      return (['done', 'fixed', 'notFixed'] as const).flatMap((k) => {
        const next = node[k];
        return next === undefined ? [] : [{ next, path: [k] }];
      });
    case 'outcome':
      return [];
  }
}
