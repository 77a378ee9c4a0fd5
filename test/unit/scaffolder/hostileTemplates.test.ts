import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dryRun, loadTemplate, nodeTemplateFileSystem } from '../../../src/scaffolder';
import {
  contentsOf,
  lines,
  memoryTemplate,
  pathsOf,
  rejectsWith,
  run,
  tempFolder,
  templateYaml,
  TEMPLATE_DIR,
  type TempFolder,
} from './support/scaffolderFixtures';

const NAME_PARAMETER = ['    properties:', '      name: { type: string }'];

/** A fetch:template step over ./skeleton passing `name` through, with extra input lines. */
function fetchStep(...input: string[]): string[] {
  return [
    '    - id: fetch',
    '      name: Fetch',
    '      action: fetch:template',
    '      input:',
    '        url: ./skeleton',
    '        values:',
    '          name: ${{ parameters.name }}',
    ...input,
  ];
}

function hostile(
  steps: readonly string[],
  skeleton: Readonly<Record<string, string>> = { 'skeleton/README.md': '# ${{ values.name }}\n' },
) {
  return memoryTemplate({ 'template.yaml': templateYaml(steps, NAME_PARAMETER), ...skeleton });
}

describe('hostile templates and values', () => {
  describe('skeleton entry names', () => {
    it('refuses names that render to ".." paths, naming the entry, the rendered path and the step', async () => {
      // A file name cannot hold "/", so the climbing is done by folders whose names render to "..".
      const fs = hostile(fetchStep(), { "skeleton/${{ '..' }}/escape.txt": 'x' });
      await rejectsWith(
        run(fs, { name: 'x' }),
        'safety',
        /step "fetch" \(fetch:template\): skeleton entry "\$\{\{ '\.\.' \}\}\/escape\.txt" rendered as "\.\.\/escape\.txt" leaves the workspace; refused/,
      );
      const deep = hostile(fetchStep(), { "skeleton/a/${{ '../..' if true }}/${{ '..' }}/etc/cron.d/evil": 'x' });
      await rejectsWith(
        run(deep, { name: 'x' }),
        'safety',
        /rendered as "a\/\.\.\/\.\.\/\.\.\/etc\/cron\.d\/evil" leaves the workspace/,
      );
    });

    it('refuses names with backslashes, which Windows would read as folders', async () => {
      await rejectsWith(
        run(hostile(fetchStep(), { 'skeleton/..\\..\\evil.txt': 'x' })),
        'safety',
        /skeleton entry "\.\.\\\\\.\.\\\\evil\.txt" rendered as "\.\.\\\\\.\.\\\\evil\.txt" contains a backslash/,
      );
    });

    it('drops names that render empty, absolute or with "//" (Backstage skipping rule) instead of writing them', async () => {
      const result = await run(
        hostile(fetchStep(), {
          'skeleton/README.md': 'ok',
          "skeleton/${{ '/etc/passwd' }}": 'absolute',
          'skeleton/${{ values.missing }}/inner.txt': 'parent skipped',
          'skeleton/a/${{ values.missing }}/b.txt': 'middle skipped',
        }),
        { name: 'x' },
      );
      assert.deepEqual(pathsOf(result), ['README.md']);
    });
  });

  describe('parameter values used as paths', () => {
    it('refuses a targetPath that climbs out, is absolute, or uses Windows forms', async () => {
      const steps = fetchStep('        targetPath: ${{ parameters.name }}');
      await rejectsWith(
        run(hostile(steps), { name: '../../outside' }),
        'safety',
        /step "fetch" \(fetch:template\): targetPath "\.\.\/\.\.\/outside" leaves the workspace; refused/,
      );
      await rejectsWith(run(hostile(steps), { name: '/etc' }), 'safety', /targetPath "\/etc" is an absolute path/);
      await rejectsWith(
        run(hostile(steps), { name: 'C:\\Windows\\System32' }),
        'safety',
        /targetPath "C:\\\\Windows\\\\System32" contains a backslash/,
      );
      await rejectsWith(run(hostile(steps), { name: 'C:/Windows' }), 'safety', /is an absolute Windows path/);
      await rejectsWith(run(hostile(steps), { name: '\\\\server\\share' }), 'safety', /contains a backslash/);
      await rejectsWith(run(hostile(steps), { name: 'ok\0/x' }), 'safety', /"ok\\u0000\/x" contains a NUL byte/);
    });

    it('refuses a file name built from a value that climbs out', async () => {
      const fs = hostile(fetchStep(), { 'skeleton/${{ values.name }}.txt': 'x' });
      await rejectsWith(
        run(fs, { name: '../../../home/user/.bashrc' }),
        'safety',
        /rendered as "\.\.\/\.\.\/\.\.\/home\/user\/\.bashrc\.txt" leaves the workspace/,
      );
      // Inside the workspace a value may make folders.
      assert.deepEqual(pathsOf(await run(fs, { name: 'a/b' })), ['a/b.txt']);
    });

    it('refuses escaping paths in fs:rename, fs:delete, catalog:write, catalog:register and single-file fetches', async () => {
      const cases: [string[], RegExp][] = [
        [
          ['    - action: fs:rename', '      input: { files: [{ from: README.md, to: ../../moved.md }] }'],
          /fs:rename "to" "\.\.\/\.\.\/moved\.md" leaves the workspace/,
        ],
        [
          ['    - action: fs:rename', '      input: { files: [{ from: /etc/passwd, to: x }] }'],
          /fs:rename "from" "\/etc\/passwd" is an absolute path/,
        ],
        [
          ['    - action: fs:delete', '      input: { files: [../../important] }'],
          /fs:delete path "\.\.\/\.\.\/important" leaves the workspace/,
        ],
        [
          ['    - action: fs:delete', "      input: { files: ['../**'] }"],
          /fs:delete pattern "\.\.\/\*\*" leaves the workspace/,
        ],
        [['    - action: fs:delete', '      input: { files: [.] }'], /names the workspace root itself/],
        [
          [
            '    - action: catalog:write',
            '      input: { filePath: ../catalog-info.yaml, entity: { kind: Component } }',
          ],
          /filePath "\.\.\/catalog-info\.yaml" leaves the workspace/,
        ],
        [
          [
            '    - action: catalog:register',
            '      input: { repoContentsUrl: https://example.com, catalogInfoPath: /../../x.yaml }',
          ],
          /catalogInfoPath "\.\.\/\.\.\/x\.yaml" leaves the workspace/,
        ],
        [
          ['    - action: fetch:plain:file', '      input: { url: ./skeleton/README.md, targetPath: /tmp/evil }'],
          /targetPath "\/tmp\/evil" is an absolute path/,
        ],
        [
          ['    - action: fetch:template:file', '      input: { url: ./skeleton/README.md, targetPath: ../evil }'],
          /targetPath "\.\.\/evil" leaves the workspace/,
        ],
      ];
      for (const [steps, pattern] of cases) {
        await rejectsWith(run(hostile([...fetchStep(), ...steps]), { name: 'x' }), 'safety', pattern);
      }
    });
  });

  describe('fetch urls', () => {
    it('refuses urls that leave the template folder and never reads outside it', async () => {
      const fs = memoryTemplate({
        'template.yaml': templateYaml([
          '    - id: steal',
          '      action: fetch:plain',
          '      input: { url: ../../etc }',
        ]),
      });
      fs.write('/etc/passwd', 'root:x:0:0');
      await rejectsWith(
        run(fs),
        'safety',
        /step "steal" \(fetch:plain\): url "\.\.\/\.\.\/etc" leaves the template folder "\/templates\/demo"; refused/,
      );
      assert.ok(!fs.reads.some((file) => file.startsWith('/etc')));
      assert.ok(!fs.directoryReads.some((folder) => folder.startsWith('/etc')));
    });

    it('refuses absolute and Windows urls, and skips remote ones without fetching', async () => {
      const urlStep = (url: string): string[] => [
        '    - id: get',
        '      action: fetch:template',
        `      input: { url: '${url}' }`,
      ];
      await rejectsWith(
        run(memoryTemplate({ 'template.yaml': templateYaml(urlStep('/etc')) })),
        'safety',
        /url "\/etc" is an absolute path; only paths inside the template folder are read/,
      );
      await rejectsWith(
        run(memoryTemplate({ 'template.yaml': templateYaml(urlStep('C:\\Windows')) })),
        'safety',
        /url "C:\\\\Windows" contains a backslash/,
      );
      await rejectsWith(
        run(memoryTemplate({ 'template.yaml': templateYaml(urlStep('./skeleton/../../..')) })),
        'safety',
        /leaves the template folder/,
      );
      const remote = await run(memoryTemplate({ 'template.yaml': templateYaml(urlStep('file:///etc')) }));
      assert.deepEqual(
        remote.skipped.map((step) => step.reason),
        [
          "fetch:template from file:///etc needs network access; Greenroom only reads skeletons inside the template's folder",
        ],
      );
    });

    it('refuses a skeleton folder that is a link out of the template folder (in memory)', async () => {
      const fs = memoryTemplate(
        { 'template.yaml': templateYaml(fetchStep(), NAME_PARAMETER) },
        { skeleton: '/home/user/.ssh' },
      );
      fs.write('/home/user/.ssh/id_rsa', 'PRIVATE KEY');
      await rejectsWith(
        run(fs, { name: 'x' }),
        'safety',
        /url "\.\/skeleton" leads through a symbolic link to "\/home\/user\/\.ssh", outside the template folder; refused/,
      );
      assert.ok(!fs.reads.includes('/home/user/.ssh/id_rsa'));
    });
  });

  describe('symbolic links in a real skeleton folder', () => {
    let temp: TempFolder;
    let templateFolder: string;
    let outsideFile: string;

    beforeEach(() => {
      temp = tempFolder();
      templateFolder = path.join(temp.path, 'template');
      mkdirSync(path.join(templateFolder, 'skeleton', 'sub'), { recursive: true });
      writeFileSync(path.join(templateFolder, 'template.yaml'), templateYaml(fetchStep(), NAME_PARAMETER));
      writeFileSync(path.join(templateFolder, 'skeleton', 'README.md'), '# ${{ values.name }}\n');
      writeFileSync(path.join(templateFolder, 'skeleton', 'sub', 'real.txt'), 'real ${{ values.name }}\n');
      outsideFile = path.join(temp.path, 'secret.txt');
      writeFileSync(outsideFile, 'TOP SECRET');
    });

    afterEach(() => temp.remove());

    async function runReal(): Promise<Awaited<ReturnType<typeof run>>> {
      const loaded = await loadTemplate(nodeTemplateFileSystem, path.join(templateFolder, 'template.yaml'));
      assert.ok(loaded.template);
      return dryRun(nodeTemplateFileSystem, loaded.template, { name: 'demo' });
    }

    it('refuses a link to a file outside the skeleton, naming it and the step', async () => {
      symlinkSync(outsideFile, path.join(templateFolder, 'skeleton', 'stolen.txt'));
      await rejectsWith(
        runReal(),
        'safety',
        /step "fetch" \(fetch:template\): skeleton entry "stolen\.txt" is a symbolic link to ".*secret\.txt", outside the fetched folder; links are not followed out of it/,
      );
    });

    it('refuses a link to /etc/passwd and a relative link that climbs out', async () => {
      symlinkSync('/etc/passwd', path.join(templateFolder, 'skeleton', 'passwd'));
      await rejectsWith(runReal(), 'safety', /skeleton entry "passwd" is a symbolic link to "\/etc\/passwd"/);
    });

    it('refuses a relative link that climbs out of the skeleton into the template folder', async () => {
      symlinkSync('../../template.yaml', path.join(templateFolder, 'skeleton', 'sub', 'escape.yaml'));
      await rejectsWith(
        runReal(),
        'safety',
        /skeleton entry "sub\/escape\.yaml" is a symbolic link to ".*template\.yaml", outside the fetched folder/,
      );
    });

    it('copies a link to a file inside the skeleton as that file, unrendered', async () => {
      symlinkSync('sub/real.txt', path.join(templateFolder, 'skeleton', 'alias.txt'));
      const result = await runReal();
      assert.deepEqual(contentsOf(result), {
        'README.md': '# demo\n',
        'alias.txt': 'real ${{ values.name }}\n',
        'sub/real.txt': 'real demo\n',
      });
    });

    it('refuses a link to a folder, even inside the skeleton', async () => {
      symlinkSync('sub', path.join(templateFolder, 'skeleton', 'loop'));
      await rejectsWith(runReal(), 'safety', /skeleton entry "loop" is a symbolic link to a folder/);
    });

    it('refuses a skeleton folder that is itself a link out of the template folder', async () => {
      const outsideFolder = path.join(temp.path, 'elsewhere');
      mkdirSync(outsideFolder);
      writeFileSync(path.join(outsideFolder, 'x.txt'), 'x');
      writeFileSync(
        path.join(templateFolder, 'template.yaml'),
        templateYaml(
          fetchStep().map((line) => line.replace('./skeleton', './linked')),
          NAME_PARAMETER,
        ),
      );
      symlinkSync(outsideFolder, path.join(templateFolder, 'linked'));
      await rejectsWith(
        runReal(),
        'safety',
        /url "\.\/linked" leads through a symbolic link to ".*elsewhere", outside the template folder/,
      );
    });
  });

  it('never lets a template reach node through nunjucks', async () => {
    const fs = memoryTemplate({
      'template.yaml': templateYaml([
        '    - id: rce',
        '      action: debug:log',
        '      input: { message: "${{ range.constructor(\'return process.mainModule\')() }}" }',
      ]),
    });
    await rejectsWith(run(fs), 'rendering', /step "rce" \(debug:log\): Unable to call/);
    const skeleton = memoryTemplate({
      'template.yaml': templateYaml(['    - action: fetch:template', '      input: { url: ./s }']),
      's/x.txt': lines("${{ cycler.constructor('return 1')() }}"),
    });
    await rejectsWith(run(skeleton), 'rendering', new RegExp(`${TEMPLATE_DIR}/s/x\\.txt:1:\\d+: .*Unable to call`));
  });
});
