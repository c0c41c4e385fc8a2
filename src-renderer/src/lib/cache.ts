import type { FlowSummary, SymptomTile } from '../../../src-main/core/content/types';
import { counter } from './counter';

/** Content does not change while the app runs: read the tiles and flow list once. */
let tiles: Promise<SymptomTile[]> | null = null;
let flows: Promise<FlowSummary[]> | null = null;

export function cachedTiles(): Promise<SymptomTile[]> {
  tiles ??= counter()
    .content.tiles()
    .catch((e: unknown) => {
      tiles = null;
      throw e;
    });
  return tiles;
}

export function cachedFlows(): Promise<FlowSummary[]> {
  flows ??= counter()
    .content.flows()
    .catch((e: unknown) => {
      flows = null;
      throw e;
    });
  return flows;
}
