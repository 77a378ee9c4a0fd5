/**
 * VS Code names of the agent tools: `greenroom_<tool>` (the `{prefix}_{verb}_{noun}` shape VS
 * Code asks for) and the short name people type after `#`. package.json declares the same
 * (a unit test keeps the two in step).
 */
export const LANGUAGE_MODEL_TOOL_NAMES: ReadonlyMap<string, { readonly name: string; readonly referenceName: string }> =
  new Map([
    ['get-catalog-entity', { name: 'greenroom_get_catalog_entity', referenceName: 'catalogEntity' }],
    ['query-catalog-entities', { name: 'greenroom_query_catalog_entities', referenceName: 'queryCatalog' }],
    ['validate-entity', { name: 'greenroom_validate_entity', referenceName: 'validateEntity' }],
    ['dry-run-template', { name: 'greenroom_dry_run_template', referenceName: 'dryRunTemplate' }],
    ['who-owns', { name: 'greenroom_who_owns', referenceName: 'whoOwns' }],
    ['entity-relations', { name: 'greenroom_entity_relations', referenceName: 'entityRelations' }],
    ['search-docs', { name: 'greenroom_search_docs', referenceName: 'searchDocs' }],
    ['list-templates', { name: 'greenroom_list_templates', referenceName: 'listTemplates' }],
  ]);
