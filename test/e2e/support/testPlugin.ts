import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './codeServer';

/**
 * Packages the third-party plugin fixture (test/fixtures/third-party-plugin) as a .vsix, in a
 * temp folder with the repo's LICENSE beside it (vsce wants one), and returns its path.
 */
export function packageTestPlugin(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-test-plugin-'));
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', 'third-party-plugin'), folder, { recursive: true });
  fs.copyFileSync(path.join(repoRoot(), 'LICENSE'), path.join(folder, 'LICENSE'));
  const vsix = path.join(folder, 'greenroom-test-plugin.vsix');
  const vsce = path.join(repoRoot(), 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
    cwd: folder,
    stdio: 'pipe',
  });
  return vsix;
}
