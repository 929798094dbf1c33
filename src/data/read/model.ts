/** Reader of the model graph. */
import type { ModelGraph, ModelLayer } from '../source.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, put, readList, readNumber, readString } from './values.js';

function readLayer(v: unknown, r: Repairs, index: number): ModelLayer | undefined {
  if (!isObjOrDropped(v, r, 'layers')) return undefined;
  let id = readString(v.id, r, 'layer ids');
  if (id === undefined || id === '') {
    id = `#${index + 1}`;
    r.converted('layers without an id');
  }
  const name = readString(v.name, r, 'layer names');
  const params = readNumber(v.params, r, 'layer parameter counts', { min: 0, int: true });
  if (params === undefined && v.params !== undefined && v.params !== null) r.converted('layer parameter counts');
  const layer: ModelLayer = { id, name: name ?? id, params: params ?? 0 };
  put(layer, 'parent', readString(v.parent, r, 'layer parents') || undefined);
  put(layer, 'type', readString(v.type, r, 'layer types'));
  put(layer, 'trainableParams', readNumber(v.trainableParams, r, 'layer parameter counts', { min: 0, int: true }));
  put(layer, 'outputShape', readString(v.outputShape, r, 'layer shapes'));
  put(layer, 'inputShape', readString(v.inputShape, r, 'layer shapes'));
  return layer;
}

export function readModelGraph(v: unknown, r: Repairs): ModelGraph | undefined {
  if (!isObj(v)) return undefined;
  const layers: ModelLayer[] = [];
  readList(v.layers, r, 'layer lists').forEach((l, i) => {
    const layer = readLayer(l, r, i);
    if (layer) layers.push(layer);
  });
  const graph: ModelGraph = { format: readString(v.format, r, 'model formats') ?? 'unknown', layers };
  put(graph, 'name', readString(v.name, r, 'model names'));
  return graph;
}
