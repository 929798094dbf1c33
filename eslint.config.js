import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'demo/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
        process: 'readonly',
        customElements: 'readonly',
        HTMLElement: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'stories/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  // Layers: elements and internal controllers reach data only through data/,
  // never a reader or the server; data/ and formats/ run in Node and workers too, so no DOM and
  // nothing of the DOM layers; the server never loads browser code.
  {
    files: ['src/elements/**/*.ts', 'src/internal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/formats/**', '**/server/**'],
              message:
                'Elements and internal/ use data/ (RunSource); readers and the server stay out of the browser bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/data/**/*.ts', 'src/formats/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/elements/**', '**/internal/**', '**/server/**', 'lit', 'lit/**', '@lit/**'],
              message: 'data/ and formats/ have no DOM and do not depend on the element or server layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'document',
          'window',
          'customElements',
          'HTMLElement',
          'localStorage',
          'getComputedStyle',
          'requestAnimationFrame',
        ].map((name) => ({ name, message: 'data/ and formats/ run without a DOM (Node, workers).' })),
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/elements/**', '**/internal/**', 'lit', 'lit/**', '@lit/**'],
              message: 'The server does not load browser code.',
            },
          ],
        },
      ],
    },
  },
  // Type-aware, for the library: a promise is awaited, returned, handled or marked `void`, never
  // dropped or passed where a plain callback is expected. Not for tests: node:test's test() and
  // chai's assertions (thenable under @open-wc/testing) return promises nobody awaits by design.
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
