/**
 * The model graph as a tree: parent links resolved, parameter counts summed up the tree, and the
 * rows a table shows for a given collapse state, search and sort. Pure functions, no DOM.
 *
 * Bad input never throws: a layer without an id gets one, an unknown or cyclic parent makes the
 * layer top-level, unusable parameter counts count as 0; each such repair is listed in `warnings`.
 */
import type { ModelGraph, ModelLayer } from '../../data/source.js';
import { FIELD_SEPARATOR, matchesQuery, parseQuery } from '../../data/search-query.js';

export interface ModelNode {
  layer: ModelLayer;
  id: string;
  /** Index of the parent node, -1 for top-level nodes. */
  parent: number;
  children: number[];
  depth: number;
  /** Parameters of this layer itself. */
  own: number;
  ownTrainable: number;
  /** Parameters of this layer and everything inside it. */
  total: number;
  trainable: number;
}

export interface ModelTree {
  nodes: ModelNode[];
  roots: number[];
  total: number;
  trainable: number;
  nonTrainable: number;
  /** Deepest nesting level (0 when every layer is top-level). */
  maxDepth: number;
  warnings: string[];
  /** The graph's name, when it has one (e.g. the logged model a signature belongs to). */
  name?: string;
  /**
   * False when no layer counts a parameter (an MLflow signature, a graph exported without
   * counts): the table then shows names, types and shapes, without counts, shares or totals.
   */
  countsParameters: boolean;
}

export type ParamSort = 'none' | 'desc' | 'asc';

export interface RowOptions {
  /** Ids of nodes whose children are hidden. */
  collapsed?: ReadonlySet<string>;
  /** Case-insensitive text matched against name, type and output shape. */
  query?: string;
  sort?: ParamSort;
}

export interface ModelRow {
  node: number;
  /** 1-based, for `aria-level`. */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Position among the visible siblings, 1-based, and their count (`aria-posinset` / `aria-setsize`). */
  posInSet: number;
  setSize: number;
  /** The node itself matches the query (not only kept as an ancestor of a match). */
  match: boolean;
}

function count(value: unknown, what: string, warnings: string[]): number {
  if (value === undefined || value === null) return 0;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) {
    warnings.push(`${what} has an unusable parameter count ${JSON.stringify(value)}; counted as 0`);
    return 0;
  }
  return Math.round(n);
}

export function buildModelTree(graph: ModelGraph | null | undefined): ModelTree {
  const warnings: string[] = [];
  const raw: unknown[] = Array.isArray(graph?.layers) ? graph!.layers : [];
  if (graph && !Array.isArray(graph.layers)) warnings.push('The model graph has no list of layers');
  const nodes: ModelNode[] = [];
  const byId = new Map<string, number>();
  const parentIds: (string | undefined)[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    if (!item || typeof item !== 'object') {
      warnings.push(`Skipped layer #${i + 1}: not an object`);
      continue;
    }
    const layer = item as ModelLayer;
    let id =
      typeof layer.id === 'string' && layer.id !== '' ? layer.id : typeof layer.id === 'number' ? String(layer.id) : '';
    if (!id) id = `#${i + 1}`;
    if (byId.has(id)) {
      let k = 2;
      while (byId.has(`${id}~${k}`)) k++;
      warnings.push(`Two layers have the id ${id}; the second is shown as ${id}~${k}`);
      id = `${id}~${k}`;
    }
    const label = typeof layer.name === 'string' && layer.name ? layer.name : id;
    const own = count(layer.params, `Layer ${label}`, warnings);
    const trainableRaw =
      layer.trainableParams === undefined ? own : count(layer.trainableParams, `Layer ${label} (trainable)`, warnings);
    const ownTrainable = Math.min(own, trainableRaw);
    byId.set(id, nodes.length);
    parentIds.push(
      layer.parent === undefined || layer.parent === null || layer.parent === '' ? undefined : String(layer.parent),
    );
    nodes.push({
      layer,
      id,
      parent: -1,
      children: [],
      depth: 0,
      own,
      ownTrainable,
      total: own,
      trainable: ownTrainable,
    });
  }
  resolveParents(nodes, parentIds, byId, warnings);
  const roots: number[] = [];
  nodes.forEach((n, i) => (n.parent < 0 ? roots.push(i) : nodes[n.parent].children.push(i)));
  let maxDepth = 0;
  // Depth-first order over the resolved tree: depths down, subtotals up.
  const order = depthFirst(nodes, roots);
  for (const i of order) {
    const n = nodes[i];
    n.depth = n.parent < 0 ? 0 : nodes[n.parent].depth + 1;
    if (n.depth > maxDepth) maxDepth = n.depth;
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const n = nodes[order[k]];
    if (n.parent >= 0) {
      nodes[n.parent].total += n.total;
      nodes[n.parent].trainable += n.trainable;
    }
  }
  let total = 0;
  let trainable = 0;
  for (const n of nodes) {
    total += n.own;
    trainable += n.ownTrainable;
  }
  const tree: ModelTree = {
    nodes,
    roots,
    total,
    trainable,
    nonTrainable: total - trainable,
    maxDepth,
    warnings,
    countsParameters: total > 0,
  };
  if (typeof graph?.name === 'string' && graph.name.trim() !== '') tree.name = graph.name;
  return tree;
}

function resolveParents(
  nodes: ModelNode[],
  parentIds: (string | undefined)[],
  byId: Map<string, number>,
  warnings: string[],
): void {
  nodes.forEach((n, i) => {
    const pid = parentIds[i];
    if (pid === undefined) return;
    const p = byId.get(pid);
    if (p === undefined) warnings.push(`Layer ${n.id} names an unknown parent ${pid}; shown at the top level`);
    else if (p === i) warnings.push(`Layer ${n.id} names itself as its parent; shown at the top level`);
    else n.parent = p;
  });
  // Break parent cycles: walk up from each node; a walk that comes back to a node on its own path is a cycle.
  const state = new Uint8Array(nodes.length); // 0 unvisited, 1 on the current path, 2 done
  for (let start = 0; start < nodes.length; start++) {
    const path: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      path.push(i);
      i = nodes[i].parent;
    }
    if (i >= 0 && state[i] === 1) {
      warnings.push(
        `The layers around ${nodes[i].id} are each other's parents; ${nodes[i].id} is shown at the top level`,
      );
      nodes[i].parent = -1;
    }
    for (const k of path) state[k] = 2;
  }
}

function depthFirst(nodes: ModelNode[], roots: number[]): number[] {
  const order: number[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const i = stack.pop()!;
    order.push(i);
    const c = nodes[i].children;
    for (let k = c.length - 1; k >= 0; k--) stack.push(c[k]);
  }
  return order;
}

/** The fields a query is matched against: name, type, output shape, id. */
function haystack(n: ModelNode): string {
  return [n.layer.name ?? '', n.layer.type ?? '', n.layer.outputShape ?? '', n.id].join(FIELD_SEPARATOR);
}

/**
 * Which nodes a query keeps: every match and every ancestor of a match. Undefined when the query is
 * empty (everything is kept).
 */
export function matchingNodes(
  tree: ModelTree,
  query: string | undefined,
): { keep: Uint8Array; matches: number } | undefined {
  const { terms } = parseQuery(query ?? '');
  if (!terms.length) return undefined;
  const keep = new Uint8Array(tree.nodes.length); // 0 hidden, 1 ancestor of a match, 2 match
  let matches = 0;
  tree.nodes.forEach((n, i) => {
    if (!matchesQuery(terms, haystack(n))) return;
    matches++;
    keep[i] = 2;
    for (let p = n.parent; p >= 0 && keep[p] === 0; p = tree.nodes[p].parent) keep[p] = 1;
  });
  return { keep, matches };
}

function orderSiblings(tree: ModelTree, siblings: number[], sort: ParamSort): number[] {
  if (sort === 'none') return siblings;
  const dir = sort === 'desc' ? -1 : 1;
  // Array.prototype.sort is stable: equal counts keep the model's order.
  return [...siblings].sort((a, b) => dir * (tree.nodes[a].total - tree.nodes[b].total));
}

/** The rows to show, in display order. */
export function visibleRows(tree: ModelTree, options: RowOptions = {}): ModelRow[] {
  const collapsed = options.collapsed ?? new Set<string>();
  const sort = options.sort ?? 'none';
  const filter = matchingNodes(tree, options.query);
  const rows: ModelRow[] = [];
  const kept = (list: number[]) => (filter ? list.filter((i) => filter.keep[i] !== 0) : list);
  // Explicit stack of sibling lists, so 10,000-deep chains do not overflow the call stack.
  const stack: { list: number[]; pos: number }[] = [{ list: orderSiblings(tree, kept(tree.roots), sort), pos: 0 }];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.pos >= frame.list.length) {
      stack.pop();
      continue;
    }
    const i = frame.list[frame.pos++];
    const n = tree.nodes[i];
    const children = kept(n.children);
    const expanded = children.length > 0 && !collapsed.has(n.id);
    rows.push({
      node: i,
      level: n.depth + 1,
      hasChildren: children.length > 0,
      expanded,
      posInSet: frame.pos,
      setSize: frame.list.length,
      match: filter ? filter.keep[i] === 2 : false,
    });
    if (expanded) stack.push({ list: orderSiblings(tree, children, sort), pos: 0 });
  }
  return rows;
}

/** Ids of every node that has children: "collapse all". */
export function parentIds(tree: ModelTree): Set<string> {
  const ids = new Set<string>();
  for (const n of tree.nodes) if (n.children.length) ids.add(n.id);
  return ids;
}
