import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Greenroom's settings are read in one place, src/services/settings.ts (one typed snapshot, one change event).
const settingsReadOutsideItsHome = {
  selector: "CallExpression[callee.property.name='getConfiguration']",
  message: 'Read settings through Settings (src/services/settings.ts), the one place that calls getConfiguration.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'examples/**',
      'templates/**',
      '**/*.mjs',
      '.greenroom-e2e/**',
      // Workspaces the benches generate (gitignored): tens of thousands of .ts files that are data.
      'bench/.data/**',
    ],
  },
  js.configs.recommended,
  {
    // Type-aware rules: each file is checked with the types of its own tsconfig (the root one,
    // or webview/tsconfig.json for the webview). A finding is fixed, or justified inline with
    // `// eslint-disable-next-line <rule> -- <why>`.
    files: ['src/**/*.ts', 'webview/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Test fakes implement async interfaces (file systems, writers, lookups) synchronously; `async`
    // keeps them faithful, a throw becoming the rejection the real implementation gives.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Plain JavaScript (fixtures) gets the syntactic rules only.
    files: ['**/*.js'],
    extends: [tseslint.configs.recommended],
  },
  {
    // The third-party plugin fixture is plain CommonJS, as a plugin author would write it.
    files: ['test/fixtures/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core stays free of editor concerns so it runs the same in tests, the CLI and VS Code,
    // and imports point down only: nothing in the core reaches up into features/ or services/.
    files: [
      'src/catalog/**/*.ts',
      'src/scaffolder/**/*.ts',
      'src/docs/**/*.ts',
      'src/registry/**/*.ts',
      'src/plugins/**/*.ts',
      'src/cli/**/*.ts',
      'src/shared/**/*.ts',
      'src/checks/**/*.ts',
      'src/scorecards/**/*.ts',
      'src/agents/**/*.ts',
      'src/onboarding/**/*.ts',
      'src/services/settingsSchema.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The core must not import vscode.' }],
          patterns: [
            { group: ['**/features', '**/features/**'], message: 'The core must not import the editor features.' },
            { group: ['**/services', '**/services/**'], message: 'The core must not import the editor services.' },
            { group: ['**/extension', '**/extension.js'], message: 'The core must not import the composition root.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/services/settings.ts'],
    rules: { 'no-restricted-syntax': ['error', settingsReadOutsideItsHome] },
  },
  {
    // The CLI prints only through src/cli/terminalOutput.ts, its one terminal escaper.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/terminalOutput.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name=/^(stdout|stderr)$/]",
          message:
            'Print through standardOutput / standardError (src/cli/terminalOutput.ts), which escapes control characters.',
        },
        settingsReadOutsideItsHome,
      ],
      'no-console': 'error',
      // `standardOutput.line\`…\`` is a call written as a tagged template.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTaggedTemplates: true }],
    },
  },
);
