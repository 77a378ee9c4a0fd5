import * as assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import {
  dryRun,
  loadTemplate,
  nodeResultWriter,
  nodeTemplateFileSystem,
  writeResult,
  type ResultWriter,
  type WritableFile,
} from '../../../src/scaffolder';
import { rejectsWith, tempFolder, templateYaml, type TempFolder } from './support/scaffolderFixtures';

function file(filePath: string, text: string, executable = false): WritableFile {
  return { path: filePath, bytes: new TextEncoder().encode(text), executable };
}

describe('writeResult', () => {
  let temp: TempFolder;
  let out: string;

  beforeEach(() => {
    temp = tempFolder();
    out = path.join(temp.path, 'out');
  });

  afterEach(() => temp.remove());

  it('writes every file, creating folders and the target itself', async () => {
    const summary = await writeResult(
      { files: [file('README.md', '# hi\n'), file('src/deep/index.ts', 'export {};\n')] },
      out,
      nodeResultWriter,
    );
    assert.deepEqual(summary, { written: ['README.md', 'src/deep/index.ts'], conflicts: [] });
    assert.equal(readFileSync(path.join(out, 'src/deep/index.ts'), 'utf8'), 'export {};\n');
  });

  it('keeps the execute bit of skeleton scripts from template to disk', async () => {
    const template = path.join(temp.path, 'template');
    mkdirSync(path.join(template, 'skeleton'), { recursive: true });
    writeFileSync(
      path.join(template, 'template.yaml'),
      templateYaml(['    - action: fetch:template', '      input: { url: ./skeleton }']),
    );
    writeFileSync(path.join(template, 'skeleton', 'gradlew'), '#!/bin/sh\necho build\n');
    chmodSync(path.join(template, 'skeleton', 'gradlew'), 0o755);
    writeFileSync(path.join(template, 'skeleton', 'README.md'), 'plain\n');
    const loaded = await loadTemplate(nodeTemplateFileSystem, path.join(template, 'template.yaml'));
    assert.ok(loaded.template);
    const result = await dryRun(nodeTemplateFileSystem, loaded.template, {});
    assert.deepEqual(
      result.files.map((entry) => [entry.path, entry.executable]),
      [
        ['README.md', false],
        ['gradlew', true],
      ],
    );
    await writeResult(result, out, nodeResultWriter);
    assert.notEqual(statSync(path.join(out, 'gradlew')).mode & 0o111, 0);
    assert.equal(statSync(path.join(out, 'README.md')).mode & 0o111, 0);
  });

  it('refuses to overwrite: reports the conflicts and writes nothing at all', async () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'README.md'), 'mine\n');
    const summary = await writeResult(
      { files: [file('README.md', 'theirs\n'), file('new.txt', 'new\n')] },
      out,
      nodeResultWriter,
    );
    assert.deepEqual(summary, { written: [], conflicts: ['README.md'] });
    assert.equal(readFileSync(path.join(out, 'README.md'), 'utf8'), 'mine\n');
    assert.equal(existsSync(path.join(out, 'new.txt')), false);
  });

  it('overwrites when asked', async () => {
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'README.md'), 'mine\n');
    const summary = await writeResult({ files: [file('README.md', 'theirs\n')] }, out, nodeResultWriter, {
      overwrite: true,
    });
    assert.deepEqual(summary, { written: ['README.md'], conflicts: ['README.md'] });
    assert.equal(readFileSync(path.join(out, 'README.md'), 'utf8'), 'theirs\n');
  });

  it('checks every path again: escaping, absolute and Windows paths are refused before anything is written', async () => {
    for (const [bad, pattern] of [
      ['../escape.txt', /output file "\.\.\/escape\.txt" leaves the workspace/],
      ['/etc/passwd', /is an absolute path/],
      ['C:/Windows/x', /absolute Windows path/],
      ['a\\..\\..\\x', /backslash/],
    ] as const) {
      await rejectsWith(
        writeResult({ files: [file('fine.txt', 'ok'), file(bad, 'x')] }, out, nodeResultWriter),
        'safety',
        pattern,
      );
      assert.equal(existsSync(path.join(out, 'fine.txt')), false);
    }
  });

  it('refuses to write through a symbolic link to a folder outside the target', async () => {
    const outside = path.join(temp.path, 'outside');
    mkdirSync(outside);
    mkdirSync(out);
    symlinkSync(outside, path.join(out, 'linked'));
    await rejectsWith(
      writeResult({ files: [file('linked/evil.txt', 'x')] }, out, nodeResultWriter),
      'safety',
      /output file "linked\/evil\.txt" would be written through a symbolic link to ".*outside\/evil\.txt", outside/,
    );
    assert.equal(existsSync(path.join(outside, 'evil.txt')), false);
  });

  it('refuses a file that is a link to a file outside, even with overwrite', async () => {
    const outsideFile = path.join(temp.path, 'bashrc');
    writeFileSync(outsideFile, 'original');
    mkdirSync(out);
    symlinkSync(outsideFile, path.join(out, 'config'));
    await rejectsWith(
      writeResult({ files: [file('config', 'pwned')] }, out, nodeResultWriter, { overwrite: true }),
      'safety',
      /through a symbolic link/,
    );
    assert.equal(readFileSync(outsideFile, 'utf8'), 'original');
  });

  it('treats a dangling link as a conflict and replaces the link itself, never its target', async () => {
    const target = path.join(temp.path, 'not-yet');
    mkdirSync(out);
    symlinkSync(target, path.join(out, 'dangling'));
    assert.deepEqual(await writeResult({ files: [file('dangling', 'x')] }, out, nodeResultWriter), {
      written: [],
      conflicts: ['dangling'],
    });
    await writeResult({ files: [file('dangling', 'x')] }, out, nodeResultWriter, { overwrite: true });
    assert.equal(existsSync(target), false);
    assert.equal(lstatSync(path.join(out, 'dangling')).isSymbolicLink(), false);
    assert.equal(readFileSync(path.join(out, 'dangling'), 'utf8'), 'x');
  });

  it('works with a writer that has no links (the lexical checks still apply)', async () => {
    const written = new Map<string, string>();
    const memoryWriter: ResultWriter = {
      exists: async (filePath) => written.has(filePath),
      mkdirp: async () => undefined,
      writeFile: async (filePath, bytes) => {
        written.set(filePath, new TextDecoder().decode(bytes));
      },
    };
    await writeResult({ files: [file('a/b.txt', 'b')] }, '/virtual/out', memoryWriter);
    assert.deepEqual([...written.keys()], [path.resolve('/virtual/out/a/b.txt')]);
    await rejectsWith(
      writeResult({ files: [file('../b.txt', 'b')] }, '/virtual/out', memoryWriter),
      'safety',
      /leaves the workspace/,
    );
  });
});
