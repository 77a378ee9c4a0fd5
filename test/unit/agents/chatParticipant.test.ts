// The @greenroom participant with a model: a free question goes to the request's model with the
// greenroom_* tools, the tool the model calls runs against the real index (through the
// language-model tool registration, as in the editor), and its answer goes back to the model.
// The model is a fake that asks for who-owns and then repeats what the tool returned.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AgentContext } from '../../../src/agents';
import { MultiFolderCatalog, nodeCatalogFileSystem } from '../../../src/catalog';
import { CHAT_PARTICIPANT_ID, registerChatParticipant } from '../../../src/features/agents/chatParticipant';
import { registerLanguageModelTools } from '../../../src/features/agents/registerLanguageModelTools';
import { nodeTemplateFileSystem } from '../../../src/scaffolder';
import {
  chatParticipants,
  LanguageModelChatMessage,
  LanguageModelTextPart,
  LanguageModelToolCallPart,
  LanguageModelToolResultPart,
  Uri,
} from '../support/vscodeFake';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

interface SentRequest {
  readonly messages: LanguageModelChatMessage[];
  readonly toolNames: string[];
}

/** A model that first calls who-owns, then answers with the text of the tool result it was given. */
function scriptedModel(sent: SentRequest[]): {
  sendRequest(
    messages: LanguageModelChatMessage[],
    options: { tools?: { name: string }[] },
  ): Promise<{ stream: AsyncIterable<unknown> }>;
} {
  return {
    async sendRequest(messages, options) {
      sent.push({ messages: [...messages], toolNames: (options.tools ?? []).map((tool) => tool.name) });
      const results = messages
        .flatMap((message) => (Array.isArray(message.content) ? message.content : []))
        .filter((part: unknown): part is LanguageModelToolResultPart => part instanceof LanguageModelToolResultPart);
      const parts: unknown[] =
        results.length === 0
          ? [
              new LanguageModelTextPart('Let me look that up. '),
              new LanguageModelToolCallPart('call-1', 'greenroom_who_owns', {
                path: 'services/playback-service/mkdocs.yml',
              }),
            ]
          : [
              new LanguageModelTextPart(
                `The catalog says: ${results.flatMap((result) => result.content.map((part) => (part instanceof LanguageModelTextPart ? part.value : ''))).join('')}`,
              ),
            ];
      return {
        stream: (async function* () {
          yield* parts;
        })(),
      };
    },
  };
}

describe('@greenroom chat participant', () => {
  let folder: string;
  let workspace: MultiFolderCatalog;
  let context: AgentContext;
  const disposables: { dispose(): void }[] = [];

  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'greenroom-chat-'));
    cpSync(path.join(REPO_ROOT, 'examples'), folder, { recursive: true });
    workspace = new MultiFolderCatalog({ fs: nodeCatalogFileSystem });
    workspace.addFolder(folder);
    await workspace.loadAll();
    context = new AgentContext({
      index: workspace.index,
      roots: [folder],
      fs: nodeCatalogFileSystem,
      templateFs: nodeTemplateFileSystem,
    });
    disposables.push(
      registerLanguageModelTools(async () => context),
      registerChatParticipant(Uri.file('/extension') as unknown as import('vscode').Uri, async () => context),
    );
  });

  after(() => {
    disposables.forEach((disposable) => disposable.dispose());
    context.dispose();
    workspace.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  const ask = async (request: Record<string, unknown>): Promise<string> => {
    const participant = chatParticipants.get(CHAT_PARTICIPANT_ID);
    assert.ok(participant, 'the participant was not created');
    let shown = '';
    const stream = {
      markdown: (value: string | { value: string }): void =>
        void (shown += typeof value === 'string' ? value : value.value),
    };
    await participant.handler(
      { prompt: '', command: undefined, toolInvocationToken: undefined, ...request },
      {},
      stream,
      { isCancellationRequested: false },
    );
    return shown;
  };

  it('answers a free question with the request model, calling Greenroom tools in between', async () => {
    const sent: SentRequest[] = [];
    const answer = await ask({ prompt: 'Who owns the playback docs?', model: scriptedModel(sent) });
    assert.equal(sent.length, 2, 'one round for the tool call, one for the answer');
    const [first, second] = sent;
    assert.ok(
      first?.toolNames.includes('greenroom_who_owns') && first.toolNames.every((name) => name.startsWith('greenroom_')),
      JSON.stringify(first?.toolNames),
    );
    assert.ok(
      first?.messages.some((message) => message.content === 'Who owns the playback docs?'),
      'the question reached the model',
    );
    // The second round carries the model's tool call and the tool's real answer from the index.
    const replayed = second?.messages.find((message) => message.role === 'assistant');
    assert.ok(
      Array.isArray(replayed?.content) &&
        replayed.content.some((part: unknown) => part instanceof LanguageModelToolCallPart),
    );
    assert.match(answer, /^Let me look that up\. The catalog says: /);
    assert.match(answer, /"ref":"component:default\/playback-service"/);
    assert.match(answer, /group:default\/team-playback/);
  });

  it('says what it can do without a model, and answers slash commands from the index alone', async () => {
    assert.match(await ask({ prompt: 'Who owns this?' }), /Without a language model/);
    assert.match(await ask({ prompt: 'services/playback-service/mkdocs.yml', command: 'owner' }), /team-playback/);
  });
});
