// `npm run test:electron`: the in-editor suite in desktop VS Code, downloaded by
// @vscode/test-electron. Machines without that download (these CI machines) run the
// code-server suite (`npm run test:e2e`) instead; this one is for machines that can.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite.js'),
    launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error('The in-editor suite failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
