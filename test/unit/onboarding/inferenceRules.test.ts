import * as assert from 'node:assert/strict';
import { parseCatalogFile } from '../../../src/catalog/parseCatalogFile';
import {
  applyAnswers,
  catalogFactsOf,
  DEFAULT_ONBOARDING,
  descriptorUrl,
  isValidEntityName,
  normaliseEntityName,
  openQuestions,
  parseRemoteUrl,
  proposeOnboarding,
  remotesOfConfig,
  renderProposalYaml,
  validateProposal,
} from '../../../src/onboarding';
import { packageIdName } from '../../../src/onboarding/entityName';
import { MemoryFileSystem } from '../support/memoryFileSystem';
import { catalogWith } from './onboardingFixtures';

describe('onboarding: inference rules', () => {
  describe('names', () => {
    it("normalises to Backstage's rules", () => {
      const cases: [string, string | undefined][] = [
        ['@backstage/plugin-catalog', 'backstage-plugin-catalog'],
        ['My Service', 'my-service'],
        ['CleanArchitecture.Web', 'cleanarchitecture.web'],
        ['a__b..c', 'a-b-c'],
        ['-._leading', 'leading'],
        ['Ünïcödé', 'unicode'],
        ['Smørrebrød', 'sm-rrebr-d'],
        ['x'.repeat(80), 'x'.repeat(63)],
        [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
        ['日本語', undefined],
        ['', undefined],
      ];
      for (const [raw, expected] of cases) {
        const name = normaliseEntityName(raw.startsWith('@') ? packageIdName(raw, 'package.json') : raw);
        assert.equal(name, expected, raw);
        if (name) {
          assert.ok(isValidEntityName(name), name);
        }
      }
      assert.equal(packageIdName('github.com/cpuguy83/go-md2man/v2', 'go.mod'), 'go-md2man');
    });
  });

  describe('git remotes', () => {
    it('parses https, ssh, scp-like and git+https forms, dropping credentials', () => {
      const cases: [string, string, string][] = [
        ['https://github.com/org/repo.git', 'github.com', 'org/repo'],
        ['https://user:s3cret@github.com/org/repo', 'github.com', 'org/repo'],
        ['ssh://git@github.com:22/org/repo.git', 'github.com', 'org/repo'],
        ['git@github.com:org/repo.git', 'github.com', 'org/repo'],
        ['git@gitlab.example.com:group/sub/repo.git', 'gitlab.example.com', 'group/sub/repo'],
        ['git+https://gitlab.com/group/repo.git', 'gitlab.com', 'group/repo'],
      ];
      for (const [url, host, slug] of cases) {
        const remote = parseRemoteUrl(url);
        assert.equal(remote?.host, host, url);
        assert.equal(remote?.slug, slug, url);
        assert.ok(!remote?.written.includes('s3cret'));
      }
      for (const url of [
        '/srv/git/repo.git',
        'C:\\repos\\x',
        'file:///tmp/repo',
        'https://github.com/only',
        'https://github.com/a/../b',
      ]) {
        assert.equal(parseRemoteUrl(url), undefined, url);
      }
    });

    it('reads remotes from a git config, origin first in file order', () => {
      const config =
        '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/up/repo.git\n[remote "origin"]\n\turl = git@github.com:me/repo.git\n[branch "main"]\n\tremote = origin\n';
      assert.deepEqual(remotesOfConfig(config), [
        { name: 'upstream', url: 'https://github.com/up/repo.git' },
        { name: 'origin', url: 'git@github.com:me/repo.git' },
      ]);
    });

    it("follows a worktree's .git file and commondir to the config inside the workspace", async () => {
      const fs = new MemoryFileSystem({
        '/ws/main/.git/config': '[remote "origin"]\n\turl = https://github.com/org/mono.git\n',
        '/ws/main/.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/trunk\n',
        '/ws/main/.git/worktrees/feature/HEAD': 'ref: refs/heads/feature\n',
        '/ws/main/.git/worktrees/feature/commondir': '../..\n',
        '/ws/feature/.git': 'gitdir: ../main/.git/worktrees/feature\n',
        '/ws/feature/package.json': '{"name": "feature"}',
      });
      const proposal = await proposeOnboarding({
        fs,
        boundary: '/ws',
        folder: '/ws/feature',
        catalog: catalogFactsOf(await catalogWith()),
        defaults: DEFAULT_ONBOARDING,
      });
      const annotations = proposal.components[0]?.annotations;
      assert.equal(annotations?.get('github.com/project-slug')?.value, 'org/mono');
      assert.equal(
        annotations?.get('backstage.io/source-location')?.value,
        'url:https://github.com/org/mono/tree/trunk/',
      );
    });

    it('a submodule folder below the repository root gets its own remote', async () => {
      const fs = new MemoryFileSystem({
        '/ws/.git/config': '[remote "origin"]\n\turl = https://github.com/org/parent.git\n',
        '/ws/.git/modules/lib/config': '[remote "origin"]\n\turl = git@gitlab.com:org/lib.git\n',
        '/ws/.git/modules/lib/HEAD': 'ref: refs/heads/main\n',
        '/ws/lib/.git': 'gitdir: ../.git/modules/lib\n',
        '/ws/lib/Cargo.toml': '[package]\nname = "lib"\n',
      });
      const proposal = await proposeOnboarding({
        fs,
        boundary: '/ws',
        folder: '/ws/lib',
        catalog: catalogFactsOf(await catalogWith()),
        defaults: DEFAULT_ONBOARDING,
      });
      assert.equal(proposal.components[0]?.annotations.get('gitlab.com/project-slug')?.value, 'org/lib');
    });
  });

  describe('owners from CODEOWNERS', () => {
    const files = (codeowners: string): MemoryFileSystem =>
      new MemoryFileSystem({
        '/ws/.git/config': '',
        '/ws/CODEOWNERS': codeowners,
        '/ws/services/pay/package.json': '{"name": "pay"}',
        '/ws/services/pay/Dockerfile': 'FROM x',
      });
    const ownerOf = async (
      codeowners: string,
      options: { groups?: string[]; users?: string[]; handleGroups?: Map<string, string> } = {},
    ) => {
      const proposal = await proposeOnboarding({
        fs: files(codeowners),
        boundary: '/ws',
        folder: '/ws/services/pay',
        catalog: catalogFactsOf(await catalogWith({ groups: options.groups ?? [], users: options.users ?? [] })),
        defaults: { ...DEFAULT_ONBOARDING, handleGroups: options.handleGroups ?? new Map() },
      });
      return {
        owner: proposal.components[0]?.owner,
        question: proposal.questions.get('pay')?.find((question) => question.field === 'owner'),
      };
    };

    it('@org/team maps to the catalog group team; the last matching rule wins', async () => {
      const { owner } = await ownerOf('* @acme/platform\n/services/pay/ @acme/payments @acme/platform\n', {
        groups: ['payments', 'platform'],
      });
      assert.equal(owner?.value, 'payments');
      assert.match(owner?.reason ?? '', /CODEOWNERS:2/);
    });

    it('the handle mapping setting wins over the name rule', async () => {
      const { owner } = await ownerOf('/services/ @acme/pay-devs\n', {
        groups: ['payments'],
        handleGroups: new Map([['@ACME/pay-devs', 'group:default/payments']]),
      });
      assert.equal(owner?.value, 'group:default/payments');
      assert.match(owner?.reason ?? '', /handle mapping setting/);
    });

    it("a team not in the catalog is offered first in a question with the catalog's groups", async () => {
      const { owner, question } = await ownerOf('/services/pay/ @acme/Payments\n', {
        groups: ['platform', 'identity'],
      });
      assert.equal(owner, undefined);
      assert.deepEqual(question?.choices, ['payments', 'identity', 'platform']);
    });

    it('an email owner maps to a catalog user', async () => {
      const { owner } = await ownerOf('* jane@example.com\n', { users: ['jane'] });
      assert.equal(owner?.value, 'user:jane');
    });

    it("no rule: a question listing the catalog's groups", async () => {
      const { question } = await ownerOf('/docs/ @acme/writers\n', { groups: ['platform'] });
      assert.match(question?.reason ?? '', /no CODEOWNERS rule governs/);
      assert.deepEqual(question?.choices, ['platform']);
    });
  });

  describe('system and answers', () => {
    it('proposes the one system the owner owns; asks when several fit; the answer validates', async () => {
      const index = await catalogWith({
        groups: ['payments', 'platform'],
        systems: { checkout: 'payments', billing: 'platform', ledger: 'platform' },
      });
      const fs = new MemoryFileSystem({
        '/ws/CODEOWNERS': '* @acme/payments\n',
        '/ws/package.json': '{"name": "pay"}',
      });
      const proposal = await proposeOnboarding({
        fs,
        boundary: '/ws',
        folder: '/ws',
        catalog: catalogFactsOf(index),
        defaults: DEFAULT_ONBOARDING,
      });
      assert.equal(proposal.components[0]?.system?.value, 'checkout');

      const fsPlatform = new MemoryFileSystem({
        '/ws/CODEOWNERS': '* @acme/platform\n',
        '/ws/package.json': '{"name": "pay"}',
      });
      const asked = await proposeOnboarding({
        fs: fsPlatform,
        boundary: '/ws',
        folder: '/ws',
        catalog: catalogFactsOf(index),
        defaults: DEFAULT_ONBOARDING,
      });
      assert.deepEqual(openQuestions(asked).find((question) => question.field === 'system')?.choices, [
        'billing',
        'ledger',
      ]);
      const answered = applyAnswers(asked, { system: 'ledger' });
      assert.equal(answered.components[0]?.system?.value, 'ledger');
      const problems = await validateProposal(renderProposalYaml(answered), answered.descriptorPath, '/ws', index);
      assert.deepEqual(
        problems.map((problem) => problem.message),
        [],
      );
    });

    it('validation catches what the catalog would reject: a name already taken, an unknown owner', async () => {
      const index = await catalogWith({ groups: ['platform'] });
      const fs = new MemoryFileSystem({ '/ws/package.json': '{"name": "platform"}' });
      const proposal = applyAnswers(
        await proposeOnboarding({
          fs,
          boundary: '/ws',
          folder: '/ws',
          catalog: catalogFactsOf(index),
          defaults: DEFAULT_ONBOARDING,
        }),
        { owner: 'nobody', type: 'library' },
      );
      const problems = await validateProposal(renderProposalYaml(proposal), proposal.descriptorPath, '/ws', index);
      assert.deepEqual(
        problems.map((problem) => problem.code),
        ['dangling-ref'],
      );
      const taken = await catalogWith({ groups: ['platform'] });
      taken.upsertFile(
        await parseCatalogFile(
          '/ws/other/catalog-info.yaml',
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: platform\nspec:\n  type: service\n  lifecycle: production\n  owner: platform\n',
          { type: 'workspace', folder: '/ws' },
        ),
      );
      const duplicate = applyAnswers(
        await proposeOnboarding({
          fs,
          boundary: '/ws',
          folder: '/ws',
          catalog: catalogFactsOf(taken),
          defaults: DEFAULT_ONBOARDING,
        }),
        { owner: 'platform', type: 'library' },
      );
      const duplicateProblems = await validateProposal(
        renderProposalYaml(duplicate),
        duplicate.descriptorPath,
        '/ws',
        taken,
      );
      assert.ok(
        duplicateProblems.some((problem) => problem.code === 'duplicate-entity' && problem.severity === 'error'),
      );
    });

    it('the default type setting fills an undecided type; the default lifecycle is used', async () => {
      const fs = new MemoryFileSystem({ '/ws/package.json': '{"name": "tool", "bin": "x.js"}' });
      const proposal = await proposeOnboarding({
        fs,
        boundary: '/ws',
        folder: '/ws',
        catalog: catalogFactsOf(await catalogWith()),
        defaults: { ...DEFAULT_ONBOARDING, lifecycle: 'experimental', type: 'tool' },
      });
      assert.equal(proposal.components[0]?.type?.value, 'tool');
      assert.equal(proposal.components[0]?.lifecycle.value, 'experimental');
    });
  });
});

describe('onboarding: descriptor URLs for registration', () => {
  it("points at the file on its git host, in the host's URL scheme", async () => {
    const cases: [string, string][] = [
      ['https://github.com/org/repo.git', 'https://github.com/org/repo/blob/main/services/pay/catalog-info.yaml'],
      [
        'git@gitlab.com:group/sub/repo.git',
        'https://gitlab.com/group/sub/repo/-/blob/main/services/pay/catalog-info.yaml',
      ],
      [
        'https://bitbucket.org/team/repo.git',
        'https://bitbucket.org/team/repo/src/main/services/pay/catalog-info.yaml',
      ],
    ];
    for (const [remote, expected] of cases) {
      const fs = new MemoryFileSystem({
        '/ws/.git/config': `[remote "origin"]\n\turl = ${remote}\n`,
        '/ws/.git/HEAD': 'ref: refs/heads/main\n',
        '/ws/services/pay/catalog-info.yaml': '',
      });
      assert.equal((await descriptorUrl(fs, '/ws', '/ws/services/pay/catalog-info.yaml'))?.url, expected, remote);
    }
    assert.equal(
      await descriptorUrl(new MemoryFileSystem({ '/ws/catalog-info.yaml': '' }), '/ws', '/ws/catalog-info.yaml'),
      undefined,
    );
  });
});
