import * as path from 'node:path';
import * as vscode from 'vscode';
import { RegistryTokens } from '../../services/registryTokens';
import { askToSendToken, RegistryService } from '../../services/registryService';
import { registryOrigin, signInNeedsConsent, userOrigins } from '../../registry/registryTrust';
import { registerRegistryStatusItem } from './registryStatusItem';
import { registerUntrustedUrlTargets } from './untrustedUrlTargets';
import { REMOTE_ENTITY_SCHEME, RemoteEntityDocuments } from './remoteEntityDocuments';
import { registerRefreshRemoteEntity } from './refreshRemoteEntity';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import type { Settings } from '../../services/settings';
import { Commands } from '../../shared/commands';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';

async function pickRegistry(service: RegistryService, argument: unknown, title: string): Promise<string | undefined> {
  if (typeof argument === 'string' && service.registries.some((registry) => registry.name === argument)) {
    return argument;
  }
  if (service.registries.length === 0) {
    const open = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('No registries are configured. Add one to the greenroom.registries setting.'),
      open,
    );
    if (choice === open) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'greenroom.registries');
    }
    return undefined;
  }
  // Names and URLs are settings, possibly a workspace's: shown as text, the name kept apart from its label.
  const picked = await vscode.window.showQuickPick(
    service.registries.map((registry) => ({
      label: escapeCodicons(registry.name),
      description: escapeCodicons(registry.baseUrl),
      name: registry.name,
    })),
    { title },
  );
  return picked?.name;
}

/** Remote registries: the service, its status item, sign-in/out and sync commands, read-only remote descriptors. */
export function registerRegistries(
  context: vscode.ExtensionContext,
  catalog: CatalogService,
  settings: Settings,
  log: vscode.LogOutputChannel,
): { service: RegistryService; disposable: vscode.Disposable } {
  const store = new DisposableStore();
  const tokens = new RegistryTokens(context.secrets, context.globalState);
  const service = store.add(
    new RegistryService(catalog, tokens, path.join(context.globalStorageUri.fsPath, 'registries'), log, settings),
  );
  store.add(registerRegistryStatusItem(service));
  store.add(registerUntrustedUrlTargets(catalog, log));
  const remoteDocuments = store.add(new RemoteEntityDocuments(catalog));
  store.add(vscode.workspace.registerTextDocumentContentProvider(REMOTE_ENTITY_SCHEME, remoteDocuments));
  store.add(registerRefreshRemoteEntity(service, log));
  store.add(vscode.commands.registerCommand(Commands.syncRegistries, () => service.syncAll()));
  store.add(
    vscode.commands.registerCommand(Commands.signInToRegistry, async (argument: unknown) => {
      const name = await pickRegistry(service, argument, vscode.l10n.t('Sign in to which registry?'));
      if (!name) {
        return;
      }
      const config = service.registries.find((registry) => registry.name === name);
      const origin = config ? registryOrigin(config.baseUrl) : undefined;
      if (!config || !origin) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Registry {0} has no http(s) baseUrl; fix it in the greenroom.registries setting.',
            escapeMessageLinks(name),
          ),
        );
        return;
      }
      if (
        signInNeedsConsent(config, userOrigins(service.scopedRegistries), (candidate) => tokens.remembered(candidate))
      ) {
        const send = await askToSendToken(config, origin);
        await tokens.remember(origin, send ? 'send' : 'withhold');
        if (!send) {
          return;
        }
      }
      const token = await vscode.window.showInputBox({
        title: vscode.l10n.t('Token for registry {0} ({1})', name, origin),
        prompt: vscode.l10n.t(
          'A Backstage static external-access token (backend.auth.externalAccess). It is kept in the OS secret store and sent only to {0}.',
          escapeMessageLinksAndIcons(origin),
        ),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) =>
          /^\S+$/.test(value) ? undefined : vscode.l10n.t('A token is one word without spaces'),
      });
      if (token) {
        await tokens.set(origin, token);
        log.info(`Registry ${name}: token stored for ${origin}`);
        // A new token means new clients: the token is bound when a client is built.
        await service.start();
      }
    }),
  );
  store.add(
    vscode.commands.registerCommand(Commands.signOutOfRegistry, async (argument: unknown) => {
      const name = await pickRegistry(service, argument, vscode.l10n.t('Sign out of which registry?'));
      const origin = registryOrigin(service.registries.find((registry) => registry.name === name)?.baseUrl ?? '');
      if (name && origin) {
        await tokens.delete(origin);
        log.info(`Registry ${name}: token for ${origin} removed`);
        await service.start();
      }
    }),
  );
  // greenroom.registries is a restricted setting: in an untrusted workspace VS Code ignores the
  // workspace's value, so only registries the user configured are contacted.
  void service.start();
  return { service, disposable: store };
}
