import * as vscode from 'vscode';
import { nodeCatalogFileSystem } from '../../catalog';
import { descriptorUrl } from '../../onboarding';
import type { RegistryConfig } from '../../registry/catalogApiClient';
import {
  entityRefsToCome,
  LocationRegistrationError,
  registerLocation,
  waitForEntities,
  type LocationRegistration,
} from '../../registry/locationRegistration';
import type { CatalogService } from '../../services/catalogService';
import { Commands } from '../../shared/commands';
import { entityRefArgument } from '../entityCommands/entityRefArgument';
import type { RegistryService } from '../../services/registryService';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';

async function pickRegistry(registries: readonly RegistryConfig[]): Promise<RegistryConfig | undefined> {
  if (registries.length === 1) {
    return registries[0];
  }
  const picked = await vscode.window.showQuickPick(
    registries.map((config) => ({
      label: escapeCodicons(config.name),
      description: escapeCodicons(config.baseUrl),
      config,
    })),
    { title: vscode.l10n.t('Greenroom: Register in Which Backstage?') },
  );
  return picked?.config;
}

/** `Kind:name` of each entity, with the namespace when it is not the default one. */
function entityList(registration: LocationRegistration): string {
  return registration.entities
    .map(
      (entity) =>
        `${entity.kind}:${entity.metadata.namespace && entity.metadata.namespace !== 'default' ? `${entity.metadata.namespace}/` : ''}${entity.metadata.name}`,
    )
    .join('\n');
}

/**
 * "Register in Backstage…" on a workspace entity: posts its descriptor's repository URL to a
 * configured registry's `POST /api/catalog/locations`, first as a dry run whose entities the
 * user confirms, then for real; Backstage's refusals are shown in its own words. The token is
 * the registry's, by the same consent rules as a sync.
 */
export function registerRegisterInBackstage(
  catalog: CatalogService,
  registries: RegistryService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const run = async (argument: unknown): Promise<void> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Greenroom: registering in Backstage is disabled in an untrusted workspace. Trust the workspace to use it.',
        ),
      );
      return;
    }
    const ref = entityRefArgument(argument);
    const record = ref
      ? catalog.index.getAll(ref).find((candidate) => candidate.origin.type === 'workspace')
      : undefined;
    if (!record) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Greenroom: only entities described in this workspace can be registered; {0} is not.',
          ref === undefined ? vscode.l10n.t('this entry') : escapeMessageLinks(ref),
        ),
      );
      return;
    }
    if (registries.registries.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Greenroom: no Backstage registry is configured. Add one to the greenroom.registries setting.'),
      );
      return;
    }
    const registry = await pickRegistry(registries.registries);
    if (!registry) {
      return;
    }
    const name = record.entity.metadata.name;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(record.file));
    const known = folder ? await descriptorUrl(nodeCatalogFileSystem, folder.uri.fsPath, record.file) : undefined;
    const target = await vscode.window.showInputBox({
      title: vscode.l10n.t('Greenroom: URL Backstage reads {0} from', name),
      value: known?.url ?? '',
      prompt: known
        ? vscode.l10n.t('From {0}. The file must be pushed there.', escapeMessageLinksAndIcons(known.reason))
        : vscode.l10n.t('No git remote was found: enter the URL of this catalog-info.yaml on your git host.'),
      ignoreFocusOut: true,
      validateInput: (value) =>
        /^https?:\/\/\S+$/.test(value.trim()) ? undefined : vscode.l10n.t('An http(s) URL of the descriptor'),
    });
    if (!target) {
      return;
    }
    const token = await registries.tokenFor(registry);
    try {
      const dryRun = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t(
            'Greenroom: asking {0} what it would create…',
            escapeMessageLinksAndIcons(registry.name),
          ),
        },
        () => registerLocation(registry.baseUrl, target.trim(), { token, dryRun: true }),
      );
      if (dryRun.exists) {
        // What the user asked about first: a toast shows one line, the URL may be cut.
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            '{0} is already registered in {1}: {2}',
            escapeMessageLinks(name),
            escapeMessageLinks(registry.name),
            escapeMessageLinks(target.trim()),
          ),
        );
        return;
      }
      const register = vscode.l10n.t('Register');
      const choice = await vscode.window.showInformationMessage(
        dryRun.entities.length === 1
          ? vscode.l10n.t('{0} would create 1 entity from this location.', registry.name)
          : vscode.l10n.t('{0} would create {1} entities from this location.', registry.name, dryRun.entities.length),
        { modal: true, detail: `${entityList(dryRun)}\n\n${target.trim()}` },
        register,
      );
      if (choice !== register) {
        return;
      }
      const registered = await registerLocation(registry.baseUrl, target.trim(), { token, dryRun: false });
      log.info(
        `Registered ${target.trim()} in ${registry.name} (location ${registered.location.id ?? '?'}, ${registered.entities.length} entities in the answer)`,
      );
      // Backstage answers before it has read the location: wait for what the dry run listed,
      // so the sync that follows brings the registry's copies and both origins show at once.
      const expected = entityRefsToCome(dryRun);
      const missing = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t(
            'Greenroom: registered in {0}; waiting for it to read the location…',
            escapeMessageLinksAndIcons(registry.name),
          ),
          cancellable: true,
        },
        (_progress, cancellation) => {
          const controller = new AbortController();
          cancellation.onCancellationRequested(() => controller.abort());
          return waitForEntities(registry.baseUrl, expected, { token, signal: controller.signal });
        },
      );
      if (missing.length > 0) {
        log.warn(`${registry.name} does not serve ${missing.join(', ')} yet`);
      }
      await registries.syncAll();
      const others = expected.length - 1;
      void vscode.window.showInformationMessage(
        missing.length > 0
          ? vscode.l10n.t(
              'Registered {0} in {1}, which has not read it yet. Run Greenroom: Sync Registries in a while to see both origins.',
              escapeMessageLinks(name),
              escapeMessageLinks(registry.name),
            )
          : others > 0
            ? vscode.l10n.t(
                'Registered {0} and {1} more in {2}. The Catalog marks them ⇅.',
                escapeMessageLinks(name),
                others,
                escapeMessageLinks(registry.name),
              )
            : vscode.l10n.t(
                'Registered {0} in {1}. The Catalog marks it ⇅.',
                escapeMessageLinks(name),
                escapeMessageLinks(registry.name),
              ),
      );
    } catch (error) {
      if (error instanceof LocationRegistrationError) {
        log.warn(
          `Registering ${target.trim()} in ${registry.name}: HTTP ${error.status ?? '-'} ${error.backstageName ?? ''} ${error.message}`,
        );
        // Backstage's own words, whole: a modal, since the user is waiting on this answer and a
        // toast would cut the message after one line.
        const code = [error.status === undefined ? '' : `HTTP ${error.status}`, error.backstageName ?? '']
          .filter((part) => part)
          .join(' ');
        await vscode.window.showErrorMessage(vscode.l10n.t('{0} did not register {1}.', registry.name, name), {
          modal: true,
          detail: code ? `${error.message}\n\n${code}` : error.message,
        });
        return;
      }
      throw error;
    }
  };
  return vscode.commands.registerCommand(Commands.registerInBackstage, async (argument: unknown) => {
    try {
      await run(argument);
    } catch (error) {
      log.error(error instanceof Error ? error : String(error));
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'Greenroom: could not register: {0}',
          escapeMessageLinks(error instanceof Error ? error.message : String(error)),
        ),
      );
    }
  });
}
