import type * as vscode from 'vscode';

/** Tokens live only in SecretStorage, keyed by registry name; never in settings, logs or caches. */
export class RegistryTokens {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(registry: string): string {
    return `greenroom.registryToken.${registry}`;
  }

  get(registry: string): Thenable<string | undefined> {
    return this.secrets.get(this.key(registry));
  }

  set(registry: string, token: string): Thenable<void> {
    return this.secrets.store(this.key(registry), token);
  }

  delete(registry: string): Thenable<void> {
    return this.secrets.delete(this.key(registry));
  }
}
