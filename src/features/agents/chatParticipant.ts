import * as vscode from 'vscode';
import {
  callAgentTool,
  dependenciesAnswer,
  docsAnswer,
  ownerAnswer,
  validationAnswer,
  type AgentContext,
  type EntityLink,
} from '../../agents';
import { resolveEntityRef } from '../../catalog';
import { Commands } from '../../shared/commands';

export const CHAT_PARTICIPANT_ID = 'greenroom.chat';
const MAX_MODEL_ROUNDS = 6;

const localize = (message: string, ...args: (string | number)[]): string => vscode.l10n.t(message, ...args);
// encodeURIComponent leaves ( ) ! ' * as they are; a `)` would end the Markdown link.
const openEntityLink: EntityLink = (ref) =>
  `command:${Commands.openEntity}?${encodeURIComponent(JSON.stringify([ref])).replace(/[()!'*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** Whether this VS Code has chat participants (1.90+). */
export function hasChatParticipants(): boolean {
  return typeof vscode.chat?.createChatParticipant === 'function';
}

function activeFile(): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.uri.scheme === 'file' ? document.uri.fsPath : undefined;
}

/** A ref the user typed, if the catalog has it (kind defaults to component). */
function knownRef(context: AgentContext, text: string): string | undefined {
  const resolved = resolveEntityRef(text, { defaultKind: 'component', defaultNamespace: 'default' });
  return resolved.ok && context.index.has(resolved.ref) ? resolved.ref : undefined;
}

function markdown(text: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(text);
  result.isTrusted = { enabledCommands: [Commands.openEntity] };
  return result;
}

async function answerOwner(context: AgentContext, prompt: string, stream: vscode.ChatResponseStream): Promise<void> {
  const ref = prompt ? knownRef(context, prompt) : undefined;
  const record = ref ? context.index.get(ref) : undefined;
  const target = record?.origin.type === 'workspace' ? record.file : prompt || activeFile();
  if (!target) {
    stream.markdown(
      vscode.l10n.t('Name a file, a folder or an entity, or open a file: `/owner src/payments/checkout.ts`'),
    );
    return;
  }
  const result = await callAgentTool('who-owns', { path: target }, context);
  stream.markdown(
    result.ok
      ? markdown(ownerAnswer(result.output, localize, openEntityLink))
      : vscode.l10n.t('Cannot tell: {0}', result.message),
  );
}

async function answerDependencies(
  context: AgentContext,
  prompt: string,
  stream: vscode.ChatResponseStream,
): Promise<void> {
  const file = activeFile();
  const ref = prompt || (file ? context.index.byFile(file)[0]?.ref : undefined);
  if (!ref) {
    stream.markdown(
      vscode.l10n.t('Name an entity, e.g. `/deps component:default/payments-service`, or open its catalog-info.yaml.'),
    );
    return;
  }
  const result = await callAgentTool('entity-relations', { ref, direction: 'both', depth: 3 }, context);
  stream.markdown(
    result.ok
      ? markdown(dependenciesAnswer(result.output, localize, openEntityLink))
      : vscode.l10n.t('Cannot tell: {0}', result.message),
  );
}

async function answerDocs(context: AgentContext, prompt: string, stream: vscode.ChatResponseStream): Promise<void> {
  if (!prompt) {
    stream.markdown(vscode.l10n.t('What should I look for? `/docs rotate card processor keys`'));
    return;
  }
  const result = await callAgentTool('search-docs', { query: prompt }, context);
  stream.markdown(
    result.ok
      ? markdown(docsAnswer(result.output, prompt, localize, openEntityLink))
      : vscode.l10n.t('Cannot search: {0}', result.message),
  );
}

async function answerValidate(context: AgentContext, prompt: string, stream: vscode.ChatResponseStream): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const text = prompt.includes('\n') || prompt.includes('kind:') ? prompt : document?.getText();
  if (!text) {
    stream.markdown(vscode.l10n.t('Open a catalog-info.yaml, or paste the YAML after `/validate`.'));
    return;
  }
  const location = text === prompt || document?.uri.scheme !== 'file' ? undefined : document.uri.fsPath;
  const result = await callAgentTool('validate-entity', { entity: text, ...(location ? { location } : {}) }, context);
  const shown = location ? context.displayPath(location) : vscode.l10n.t('The YAML');
  stream.markdown(
    result.ok
      ? markdown(validationAnswer(result.output, shown, localize))
      : vscode.l10n.t('Cannot validate: {0}', result.message),
  );
}

/** A free question: the request's model with Greenroom's tools, in a bounded tool-calling loop. */
async function answerWithModel(
  request: vscode.ChatRequest,
  stream: vscode.ChatResponseStream,
  token: vscode.CancellationToken,
): Promise<void> {
  const tools = (vscode.lm.tools ?? []).filter((tool) => tool.name.startsWith('greenroom_'));
  const messages = [
    vscode.LanguageModelChatMessage.User(
      "You answer questions about this workspace's software catalog (Backstage entities: components, APIs, groups, …) with the greenroom_* tools. " +
        'Cite entity refs and descriptor files. Say so when the catalog does not know.',
    ),
    vscode.LanguageModelChatMessage.User(request.prompt),
  ];
  for (let round = 0; round < MAX_MODEL_ROUNDS && !token.isCancellationRequested; round++) {
    const response = await request.model.sendRequest(messages, { tools }, token);
    const calls: vscode.LanguageModelToolCallPart[] = [];
    const said: vscode.LanguageModelTextPart[] = [];
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        stream.markdown(part.value);
        said.push(part);
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        calls.push(part);
      }
    }
    if (calls.length === 0) {
      return;
    }
    messages.push(vscode.LanguageModelChatMessage.Assistant([...said, ...calls]));
    for (const call of calls) {
      const result = await vscode.lm.invokeTool(
        call.name,
        { input: call.input, toolInvocationToken: request.toolInvocationToken },
        token,
      );
      messages.push(
        vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, result.content)]),
      );
    }
  }
}

/**
 * `@greenroom`: `/owner`, `/deps`, `/docs` and `/validate` answer from the index with no model;
 * other questions go to the request's model with the Greenroom tools.
 */
export function registerChatParticipant(
  extensionUri: vscode.Uri,
  context: () => Promise<AgentContext>,
): vscode.Disposable {
  if (!hasChatParticipants()) {
    return new vscode.Disposable(() => undefined);
  }
  const participant = vscode.chat.createChatParticipant(
    CHAT_PARTICIPANT_ID,
    async (request, _chatContext, stream, token) => {
      const agentContext = await context();
      const prompt = request.prompt.trim();
      switch (request.command) {
        case 'owner':
          return answerOwner(agentContext, prompt, stream);
        case 'deps':
          return answerDependencies(agentContext, prompt, stream);
        case 'docs':
          return answerDocs(agentContext, prompt, stream);
        case 'validate':
          return answerValidate(agentContext, prompt, stream);
        default:
          if (!request.model) {
            stream.markdown(
              vscode.l10n.t('Without a language model I answer `/owner`, `/deps`, `/docs` and `/validate`.'),
            );
            return;
          }
          return answerWithModel(request, stream, token);
      }
    },
  );
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'greenroom.png');
  return participant;
}
