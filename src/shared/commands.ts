/**
 * Every command Greenroom contributes, by one name each. Code refers to these, never to the
 * string, so a rename is one edit and a typo does not compile. package.json lists the same IDs
 * (a unit test keeps the two in step).
 */
export const Commands = {
  refresh: 'greenroom.refresh',
  showLog: 'greenroom.showLog',
  goToEntity: 'greenroom.goToEntity',
  chooseCatalogFiles: 'greenroom.chooseCatalogFiles',
  openEntity: 'greenroom.openEntity',
  openDescriptor: 'greenroom.openDescriptor',
  copyEntityRef: 'greenroom.copyEntityRef',
  openEntityLink: 'greenroom.openEntityLink',
  revealInExplorer: 'greenroom.revealInExplorer',
  revealInCatalog: 'greenroom.revealInCatalog',
  changeGrouping: 'greenroom.catalog.changeGrouping',
  groupByKind: 'greenroom.catalog.groupByKind',
  groupBySystem: 'greenroom.catalog.groupBySystem',
  groupByOwner: 'greenroom.catalog.groupByOwner',
  filterCatalog: 'greenroom.catalog.filter',
  clearCatalogFilter: 'greenroom.catalog.clearFilter',
  openDocs: 'greenroom.openDocs',
  syncRegistries: 'greenroom.syncRegistries',
  signInToRegistry: 'greenroom.signInToRegistry',
  signOutOfRegistry: 'greenroom.signOutOfRegistry',
  /** A registry entity's page: ask its backend to reprocess it and fetch it again (its ref is the one argument). */
  refreshRemoteEntity: 'greenroom.refreshRemoteEntity',
  entityActions: 'greenroom.entityActions',
  runPluginCommand: 'greenroom.runPluginCommand',
  runTool: 'greenroom.runTool',
  runEntityAction: 'greenroom.runEntityAction',
  createFromTemplate: 'greenroom.createFromTemplate',
  createFromTemplateForm: 'greenroom.createFromTemplateForm',
  /** A Template's own page: the form for that template (its ref is the one argument). */
  createFromThisTemplate: 'greenroom.createFromThisTemplate',
  openCatalogTable: 'greenroom.openCatalogTable',
  /** The Create page: template cards by category. */
  openCreatePage: 'greenroom.openCreatePage',
  searchDocs: 'greenroom.searchDocs',
  starEntity: 'greenroom.starEntity',
  unstarEntity: 'greenroom.unstarEntity',
  addFolderToCatalog: 'greenroom.addFolderToCatalog',
  registerInBackstage: 'greenroom.registerInBackstage',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** What a hover card's links may run (`command:` URIs in a trusted MarkdownString). */
export const HOVER_COMMANDS: readonly CommandId[] = [
  Commands.openEntity,
  Commands.openDocs,
  Commands.openDescriptor,
  Commands.copyEntityRef,
];

/**
 * What entity pages may run from `data-command` links: acting on the entity shown, never
 * anything that writes, fetches or opens a terminal. Opening entities has its own message.
 */
export const PANEL_COMMANDS: ReadonlySet<string> = new Set<CommandId>([
  Commands.openDescriptor,
  Commands.openDocs,
  Commands.copyEntityRef,
  Commands.revealInCatalog,
  Commands.revealInExplorer,
  Commands.runEntityAction,
  Commands.createFromThisTemplate,
  Commands.openCreatePage,
  Commands.runPluginCommand,
  Commands.runTool,
  // Reaches only the registry that already serves this entity, with the token decision its sync
  // took, and writes nothing but that entity's copy in the index.
  Commands.refreshRemoteEntity,
]);
