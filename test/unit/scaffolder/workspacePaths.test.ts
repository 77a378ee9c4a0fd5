import * as assert from 'node:assert/strict';
import { ScaffolderError } from '../../../src/scaffolder';
import { resolveInside, unsafePathReason } from '../../../src/scaffolder/workspacePaths';

function refusal(base: string, relative: string): string {
  try {
    resolveInside(base, relative, { what: 'path' });
  } catch (error) {
    assert.ok(error instanceof ScaffolderError);
    assert.equal(error.kind, 'safety');
    return error.message;
  }
  return assert.fail(`"${relative}" was accepted`);
}

describe('workspace paths', () => {
  it('normalizes paths that stay inside their base', () => {
    assert.equal(resolveInside('', 'src/index.ts', { what: 'path' }), 'src/index.ts');
    assert.equal(resolveInside('', './a/./b//c.txt', { what: 'path' }), 'a/b/c.txt');
    assert.equal(resolveInside('', 'a/../b.txt', { what: 'path' }), 'b.txt');
    assert.equal(resolveInside('service', 'docs/../README.md', { what: 'path' }), 'service/README.md');
    assert.equal(resolveInside('', './', { what: 'targetPath', allowBase: true }), '');
    assert.equal(resolveInside('', 'out/', { what: 'targetPath', allowBase: true }), 'out');
    // A name that merely starts with two dots is an ordinary name.
    assert.equal(resolveInside('', '..config/x', { what: 'path' }), '..config/x');
  });

  it('refuses ".." that climbs out of the workspace or out of the base folder', () => {
    assert.match(refusal('', '../outside.txt'), /path "\.\.\/outside\.txt" leaves the workspace; refused/);
    assert.match(refusal('', 'a/../../outside.txt'), /leaves the workspace/);
    assert.match(refusal('target', '../sibling/file'), /leaves "target"/);
    assert.match(refusal('', '..'), /leaves the workspace/);
  });

  it('refuses absolute POSIX and Windows paths, UNC paths and backslash tricks', () => {
    assert.match(refusal('', '/etc/passwd'), /is an absolute path/);
    assert.match(refusal('', 'C:\\Windows\\System32'), /backslash/);
    assert.match(refusal('', 'C:/Windows/System32'), /is an absolute Windows path/);
    assert.match(refusal('', 'c:relative'), /is an absolute Windows path/);
    assert.match(refusal('', '\\\\server\\share\\x'), /backslash/);
    assert.match(refusal('', '..\\..\\evil.txt'), /backslash/);
    assert.match(refusal('', 'a\\..\\..\\b'), /backslash/);
  });

  it('refuses NUL bytes and segments Windows trims into dots', () => {
    assert.match(refusal('', 'file\0.txt'), /"file\\u0000\.txt" contains a NUL byte/);
    assert.match(refusal('', '.. /x'), /Windows reads as "\." or "\.\."/);
    assert.match(refusal('', 'a/.../b'), /Windows reads/);
  });

  it('refuses a file path that names the base folder itself', () => {
    assert.match(refusal('', '.'), /names the workspace root itself/);
    assert.match(refusal('', ''), /names the workspace root itself/);
  });

  it('explains what is unsafe without resolving anything', () => {
    assert.equal(unsafePathReason('skeleton/README.md'), undefined);
    assert.equal(unsafePathReason('/abs'), 'is an absolute path');
  });
});
