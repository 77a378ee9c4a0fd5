// Backstage's scaffolder filters. They run inside the template realm; the same functions serve
// the host (remote actions read repo URLs with them), so there is one implementation.
export { parseEntityRefFilter, parseRepoUrl, pick, projectSlug, type RepoSpec } from './sandbox/realm/realmFilters';
