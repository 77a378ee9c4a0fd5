import * as vscode from 'vscode';

function field(input: unknown, key: string): string {
  const value =
    input && typeof input === 'object' && Object.hasOwn(input, key)
      ? (input as Record<string, unknown>)[key]
      : undefined;
  return typeof value === 'string' ? value.slice(0, 120) : '';
}

/** What the chat shows while a Greenroom tool runs. */
export function invocationMessage(tool: string, input: unknown): string {
  switch (tool) {
    case 'get-catalog-entity':
      return vscode.l10n.t('Looking up {0} in the catalog', field(input, 'name'));
    case 'query-catalog-entities':
      return vscode.l10n.t('Querying the catalog');
    case 'validate-entity':
      return vscode.l10n.t('Validating a catalog descriptor');
    case 'dry-run-template':
      return vscode.l10n.t('Dry-running template {0}', field(input, 'templatePath') || field(input, 'templateRef'));
    case 'who-owns':
      return vscode.l10n.t('Finding who owns {0}', field(input, 'path'));
    case 'entity-relations':
      return vscode.l10n.t('Following the dependencies of {0}', field(input, 'ref'));
    case 'search-docs':
      return vscode.l10n.t('Searching TechDocs for {0}', field(input, 'query'));
    case 'list-templates':
      return vscode.l10n.t('Listing software templates');
    default:
      return vscode.l10n.t('Asking Greenroom');
  }
}
