/** Reader of the model graph. */
import type { ModelGraph, ModelLayer } from '../source.js';
import { COUNT, putFields, type Fields } from './fields.js';
import type { Repairs } from './repairs.js';
import { isObj, isObjOrDropped, put, readList, readNumber, readString } from './values.js';
import { answerReader } from './answer.js';

const LAYER_FIELDS: Fields<ModelLayer> = {
  type: ['string', 'layer types'],
  trainableParams: ['number', 'layer parameter counts', COUNT],
  outputShape: ['string', 'layer shapes'],
  inputShape: ['string', 'layer shapes'],
};

function readLayer(v: unknown, r: Repairs, index: number): ModelLayer | undefined {
  if (!isObjOrDropped(v, r, 'layers')) return undefined;
  let id = readString(v.id, r, 'layer ids');
  if (id === undefined || id === '') {
    id = `#${index + 1}`;
    r.converted('layers without an id');
  }
  const name = readString(v.name, r, 'layer names');
  const params = readNumber(v.params, r, 'layer parameter counts', COUNT);
  if (params === undefined && v.params !== undefined && v.params !== null) r.converted('layer parameter counts');
  const layer: ModelLayer = { id, name: name ?? id, params: params ?? 0 };
  put(layer, 'parent', readString(v.parent, r, 'layer parents') || undefined);
  putFields(layer, v, r, LAYER_FIELDS);
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

/** How checked-source.ts reads the answers of this method. */
export const readAnswer = answerReader({ getModel: readModelGraph });
