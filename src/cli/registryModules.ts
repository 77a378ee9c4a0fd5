import type * as CatalogApiClientModule from '../registry/catalogApiClient';
import type * as RegistrySyncModule from '../registry/registrySync';

/**
 * The registry client and sync, loaded when a command is given --registry. They bring axios,
 * whose fetch adapter touches Node's lazy `fetch` globals at load and so loads undici: about a
 * tenth of every CLI start (a quarter of `greenroom mcp`'s before it reads its cache).
 */
export function registryModules(): {
  readonly CatalogApiClient: typeof CatalogApiClientModule.CatalogApiClient;
  readonly RegistrySync: typeof RegistrySyncModule.RegistrySync;
} {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, which an import statement cannot express */
  const { CatalogApiClient } = require('../registry/catalogApiClient') as typeof CatalogApiClientModule;
  const { RegistrySync } = require('../registry/registrySync') as typeof RegistrySyncModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { CatalogApiClient, RegistrySync };
}
