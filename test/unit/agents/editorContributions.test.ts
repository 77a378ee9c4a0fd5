import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AGENT_TOOLS,
  dependenciesAnswer,
  docsAnswer,
  formatMessage,
  ownerAnswer,
  validationAnswer,
} from '../../../src/agents';
import { escapeMarkdown } from '../../../src/shared/markdownEscape';
import { LANGUAGE_MODEL_TOOL_NAMES } from '../../../src/features/agents/languageModelToolNames';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

interface ContributedTool {
  name: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  modelDescription: string;
  inputSchema: unknown;
  displayName: string;
  userDescription: string;
}

describe('agents in the editor', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: Record<string, unknown>;
  };
  const nls = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

  it('declares exactly the core tools as language-model tools, with the same schemas and descriptions', () => {
    const contributed = manifest.contributes['languageModelTools'] as ContributedTool[];
    assert.equal(contributed.length, AGENT_TOOLS.length);
    for (const tool of AGENT_TOOLS) {
      const names = LANGUAGE_MODEL_TOOL_NAMES.get(tool.name);
      const declared = contributed.find((entry) => entry.name === names?.name);
      assert.ok(declared, `${tool.name} is not contributed`);
      assert.match(declared.name, /^[a-z0-9_]+$/);
      assert.equal(declared.toolReferenceName, names?.referenceName);
      assert.equal(declared.canBeReferencedInPrompt, true);
      assert.equal(declared.modelDescription, tool.description);
      assert.deepEqual(declared.inputSchema, tool.inputSchema);
      for (const key of [declared.displayName, declared.userDescription]) {
        assert.ok(nls[key.replace(/^%|%$/g, '')], `${key} has no text in package.nls.json`);
      }
    }
  });

  it('declares the @greenroom participant with its commands and the MCP provider', () => {
    const [participant] = manifest.contributes['chatParticipants'] as {
      id: string;
      name: string;
      commands: { name: string }[];
    }[];
    assert.equal(participant?.id, 'greenroom.chat');
    assert.equal(participant?.name, 'greenroom');
    assert.deepEqual(
      participant?.commands.map((command) => command.name),
      ['owner', 'deps', 'docs', 'validate'],
    );
    assert.deepEqual(manifest.contributes['mcpServerDefinitionProviders'], [
      { id: 'greenroom.mcpServers', label: '%mcpServerDefinitionProviders.greenroom.label%' },
    ]);
  });

  describe('chat answers (no model)', () => {
    const link = (ref: string): string => `command:open?${encodeURIComponent(ref)}`;

    it('names the owner and members, escaping what the catalog wrote', () => {
      const text = ownerAnswer(
        {
          path: 'services/pay/x.ts',
          entity: { ref: 'component:default/pay', file: 'services/pay/catalog-info.yaml', line: 1 },
          owner: {
            ref: 'group:default/team-pay',
            title: 'Pay *team* [x](javascript:alert(1))',
            inCatalog: true,
            members: [{ ref: 'user:default/ann', displayName: 'Ann <b>' }],
          },
          codeowners: { file: 'CODEOWNERS', line: 3, pattern: '/services/pay/', owners: ['@org/pay'] },
        },
        formatMessage,
        link,
      );
      assert.match(text, /\[`component:default\/pay`\]\(command:open\?component%3Adefault%2Fpay\)/);
      assert.match(text, /\*\*Owner:\*\* \[`group:default\/team-pay`\]/);
      // Through the one Markdown escaper: no link, emphasis or tag survives from catalog text.
      assert.ok(
        text.includes(escapeMarkdown('Pay *team* [x](javascript:alert(1))')) && !text.includes('[x](javascript'),
        text,
      );
      assert.ok(text.includes(escapeMarkdown('Ann <b>')) && !text.includes('<b>'), text);
      assert.match(text, /\*\*CODEOWNERS:\*\* `\/services\/pay\/` at `CODEOWNERS:3`: `@org\/pay`/);
    });

    it('lists dependents by distance and says when nothing depends on an entity', () => {
      const text = dependenciesAnswer(
        {
          ref: 'component:default/pay',
          dependents: [
            {
              ref: 'api:default/pay-api',
              distance: 1,
              via: { from: 'component:default/pay', type: 'providesApi' },
              entity: { owner: 'group:default/team-pay' },
            },
            {
              ref: 'component:default/ghost',
              distance: 2,
              via: { from: 'api:default/pay-api', type: 'apiConsumedBy' },
            },
          ],
          dependencies: [],
          truncated: false,
        },
        formatMessage,
        () => undefined,
      );
      assert.match(
        text,
        /- `api:default\/pay-api` — `providesApi` of `component:default\/pay`, owner `group:default\/team-pay`/,
      );
      assert.match(
        text,
        /\n {2}- `component:default\/ghost` — `apiConsumedBy` of `api:default\/pay-api` \(not in the catalog\)/,
      );
      assert.match(text, /It depends on nothing in the catalog\./);
    });

    it('renders docs hits with bold matches and escaped text, and validation problems with positions', () => {
      const docs = docsAnswer(
        {
          hits: [
            {
              title: 'PCI_scope',
              ref: 'component:default/pay',
              file: 'docs/pci.md',
              snippet: 'keep **card** data <out>',
            },
          ],
          sitesSearched: 1,
        },
        'card',
        formatMessage,
        () => undefined,
      );
      assert.ok(
        docs.includes(`**${escapeMarkdown('PCI_scope')}**`) &&
          docs.includes(`${escapeMarkdown('keep ')}**card**${escapeMarkdown(' data <out>')}`),
        docs,
      );
      assert.match(
        docsAnswer({ hits: [], sitesSearched: 4 }, 'nothing', formatMessage, () => undefined),
        /No TechDocs page mentions `nothing` \(4 sites searched\)/,
      );
      const verdict = validationAnswer(
        {
          isValid: false,
          isValidYaml: true,
          problems: [{ line: 4, column: 9, severity: 'error', message: 'metadata.name "bad name!" is not valid' }],
        },
        'x/catalog-info.yaml',
        formatMessage,
      );
      assert.equal(
        verdict,
        `\`x/catalog-info.yaml\` is not a valid catalog entity.\n\n- \`4:9\` **error** ${escapeMarkdown('metadata.name "bad name!" is not valid')}`,
      );
    });
  });
});
