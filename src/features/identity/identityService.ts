import * as vscode from 'vscode';
import type { CatalogIndex } from '../../catalog';
import { ownedByMeRefs } from '../../catalog/views/ownedBy';
import type { RegistryIdentity } from '../../registry/registryIdentity';
import type { Settings } from '../../services/settings';

export interface CurrentIdentity {
  readonly userEntityRef: string;
  /** `setting` (greenroom.identity) or the name of the registry the user is signed in to. */
  readonly source: 'setting' | { readonly registry: string };
  /** Ownership refs the registry vouched for (its token's `ent` claim); empty for the setting. */
  readonly claimedOwnership: readonly string[];
}

/**
 * Who "me" is for "owned by me": `greenroom.identity` when set (the user said so), else the
 * identity of a registry the user is signed in to (unless `greenroom.identityFromRegistry` is off).
 */
export class IdentityService implements vscode.Disposable {
  private registryIdentity: RegistryIdentity | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly settings: Settings) {
    this.subscription = settings.onDidChange((change) => {
      if (change.affects(['identity', 'identityFromRegistry'])) {
        this.emitter.fire();
      }
    });
  }

  current(): CurrentIdentity | undefined {
    const configured = this.settings.current.identity;
    if (configured) {
      return { userEntityRef: configured, source: 'setting', claimedOwnership: [] };
    }
    const fromRegistry = this.registryIdentity;
    if (fromRegistry && this.settings.current.identityFromRegistry) {
      return {
        userEntityRef: fromRegistry.userEntityRef,
        source: { registry: fromRegistry.registry },
        claimedOwnership: fromRegistry.ownershipEntityRefs,
      };
    }
    return undefined;
  }

  /** What "owned by me" accepts as owner: the user, the groups it is a direct member of, and what the registry claimed. */
  ownerRefs(index: CatalogIndex): ReadonlySet<string> | undefined {
    const identity = this.current();
    if (!identity) {
      return undefined;
    }
    return ownedByMeRefs(index, identity.userEntityRef, identity.claimedOwnership);
  }

  /** A short line for the UI: `user:default/amara.osei (signed in to acme)`. */
  describe(): string | undefined {
    const identity = this.current();
    if (!identity) {
      return undefined;
    }
    return identity.source === 'setting'
      ? identity.userEntityRef
      : vscode.l10n.t('{0} (signed in to {1})', identity.userEntityRef, identity.source.registry);
  }

  setRegistryIdentity(identity: RegistryIdentity | undefined): void {
    const before = JSON.stringify(this.registryIdentity ?? null);
    this.registryIdentity = identity;
    if (JSON.stringify(identity ?? null) !== before) {
      this.emitter.fire();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
