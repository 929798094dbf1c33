// Generates custom-elements.json from the classes' JSDoc. Module paths point at dist/ (what users import).
const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/elements/**/*.ts', 'src/index.ts', 'src/define.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.messages.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'runpage-dist-paths',
      packageLinkPhase({ customElementsManifest }) {
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
