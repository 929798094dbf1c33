// Generates custom-elements.json from the classes' JSDoc. Module paths point at dist/ (what users import).
const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

// Elements are registered with `defineElement('tag', Class)` in their define.ts (no decorator),
// so the tag names come from those calls.
const tags = new Map();
const registrations = {
  name: 'runpage-define-element-tags',
  analyzePhase({ ts, node }) {
    if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
    const [tag, cls] = node.arguments;
    if (tag && cls && ts.isStringLiteral(tag) && ts.isIdentifier(cls)) tags.set(cls.text, tag.text);
  },
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const decl of mod.declarations ?? []) {
        const tag = decl.kind === 'class' ? tags.get(decl.name) : undefined;
        if (!tag) continue;
        decl.tagName = tag;
        decl.customElement = true;
        mod.exports = [
          ...(mod.exports ?? []),
          { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: mod.path } },
        ];
      }
    }
  },
};

// The analyzer reads every entry of lit's `static properties` as a public field with an attribute;
// an entry with `state: true` is internal state (no attribute), and "public" is only the default.
const litStaticProperties = {
  name: 'runpage-lit-static-properties',
  analyzePhase({ ts, node, moduleDoc }) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const block = node.members.find(
      (m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.initializer,
    )?.initializer;
    const decl = moduleDoc.declarations?.find((d) => d.name === node.name.text);
    if (!block || !ts.isObjectLiteralExpression(block) || !decl) return;
    for (const entry of block.properties) {
      const index = decl.members?.findIndex((m) => m.name === entry.name?.getText()) ?? -1;
      if (index < 0 || !ts.isPropertyAssignment(entry) || !ts.isObjectLiteralExpression(entry.initializer)) continue;
      const isState = entry.initializer.properties.some(
        (p) => p.name?.getText() === 'state' && p.initializer?.kind === ts.SyntaxKind.TrueKeyword,
      );
      // Keys in the order the analyzer gives a decorated field.
      const { kind, name, type, privacy, attribute, reflects, ...rest } = decl.members[index];
      decl.members[index] = {
        kind,
        name,
        ...(type && { type }),
        ...(privacy !== 'public' && { privacy }),
        ...rest,
        ...(!isState && attribute && { attribute }),
        ...(reflects && { reflects }),
      };
      if (isState) decl.attributes = decl.attributes?.filter((a) => a.fieldName !== name);
    }
  },
};

export default {
  globs: ['src/elements/**/*.ts', 'src/internal/base-element.ts', 'src/index.ts', 'src/define.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    litStaticProperties,
    registrations,
    {
      name: 'runpage-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
        // Files are analysed in whatever order the file system lists them; sort for a stable file.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules) {
          mod.path = toDist(mod.path);
          for (const exp of mod.exports ?? []) {
            if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
          }
          for (const decl of mod.declarations ?? []) {
            if (decl.superclass?.module) decl.superclass.module = toDist(decl.superclass.module);
            for (const member of [...(decl.members ?? []), ...(decl.attributes ?? [])]) {
              if (member.inheritedFrom?.module) member.inheritedFrom.module = toDist(member.inheritedFrom.module);
            }
          }
        }
      },
    },
  ],
};
