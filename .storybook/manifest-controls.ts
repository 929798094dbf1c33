// What Storybook's props tables show of custom-elements.json: public members only (the analyzer
// also lists private and protected ones), and a control for every public property a user can set,
// chosen from its type.

/** A class member as custom-elements.json lists it. */
export interface Member {
  kind?: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  type?: { text?: string };
}
interface Declaration {
  tagName?: string;
  members?: Member[];
}
/** The parts of custom-elements.json read here. */
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

const isPublic = (m: Member) => (m.privacy ?? 'public') === 'public' && !m.static && !/^[_#]/.test(m.name);

/** The manifest without private, protected, static or underscore members. */
export function publicManifest<M extends object>(manifest: M): M {
  const copy = structuredClone(manifest) as unknown as Manifest;
  for (const mod of copy.modules) {
    for (const decl of mod.declarations ?? []) {
      if (decl.members) decl.members = decl.members.filter(isPublic);
    }
  }
  return copy as unknown as M;
}

export type Control =
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'text' }
  | { type: 'select'; options: string[] }
  | { type: 'object' };

/** The control for a property of type `typeText` (as the manifest writes it); undefined for functions. */
export function controlFor(typeText: string | undefined): Control | undefined {
  const parts = (typeText ?? 'string')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'undefined' && p !== 'null');
  if (parts.some((p) => p.includes('=>'))) return undefined;
  if (parts.length === 0) return { type: 'text' };
  if (parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p)))
    return { type: 'select', options: parts.map((p) => p.slice(1, -1)) };
  if (parts.length === 1 && parts[0] === 'boolean') return { type: 'boolean' };
  if (parts.length === 1 && parts[0] === 'number') return { type: 'number' };
  if (parts.length === 1 && parts[0] === 'string') return { type: 'text' };
  // A named string type (ThemeName, SmoothingKind…) takes text; arrays, records and objects take JSON.
  if (parts.length === 1 && /^[A-Z]\w*$/.test(parts[0]) && !/Source|Settings|Limits/.test(parts[0]))
    return { type: 'text' };
  return { type: 'object' };
}

/** Storybook argTypes enhancer: a control on every property (functions excepted), chosen from its type. */
export function withPropertyControls<A extends Record<string, { control?: unknown }>>(
  argTypes: A,
  manifest: object,
  tag: string,
): A {
  const decl = (manifest as Manifest).modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === tag);
  const out: Record<string, { name?: string; control?: unknown }> = { ...argTypes };
  for (const m of decl?.members ?? []) {
    if (m.kind !== 'field' || m.readonly || !isPublic(m)) continue;
    const control = controlFor(m.type?.text);
    out[m.name] = { name: m.name, ...out[m.name], control: control ?? false };
  }
  return out as A;
}
