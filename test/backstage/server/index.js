// A real Backstage catalog backend (catalog plugin + the Template kind + the MCP actions
// endpoint at /api/mcp-actions/v1, which serves the catalog's registered actions + Tech Insights
// at /api/tech-insights with the json-rules-engine fact checker; optionally the auth plugin with the
// guest sign-in provider) for Greenroom's tests.
// Run from the install folder made by scripts/install-backstage.sh:
//   node index.js --config /abs/app-config.yaml
// backend-defaults reads every `--config <file>` argument from process.argv itself (its root
// config service parses argv with minimist); without one it would look for app-config.yaml in
// the working folder. APP_CONFIG_* environment variables are merged over the files.
/* global require, process, console */
'use strict';

/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS run by node, not bundled */
const { createBackend } = require('@backstage/backend-defaults');
const catalogPlugin = require('@backstage/plugin-catalog-backend');
const scaffolderEntityModel = require('@backstage/plugin-catalog-backend-module-scaffolder-entity-model');
const mcpActionsPlugin = require('@backstage/plugin-mcp-actions-backend');
const techInsightsPlugin = require('@backstage-community/plugin-tech-insights-backend');
const techInsightsJsonRules = require('@backstage-community/plugin-tech-insights-backend-module-jsonfc');
const authPlugin = require('@backstage/plugin-auth-backend');
const authGuestProvider = require('@backstage/plugin-auth-backend-module-guest-provider');
/* eslint-enable @typescript-eslint/no-require-imports */

if (!process.argv.includes('--config')) {
  console.error('usage: node index.js --config <app-config.yaml> [--config <more.yaml>]');
  process.exit(2);
}

const backend = createBackend();
backend.add(catalogPlugin.default ?? catalogPlugin);
backend.add(scaffolderEntityModel.default ?? scaffolderEntityModel);
// Lists only the actions of the plugins named in `backend.actions.pluginSources` (the harness's
// app-config names `catalog`); idle unless a client calls it.
backend.add(mcpActionsPlugin.default ?? mcpActionsPlugin);
// Scorecards from a registry: facts from the catalog, checks from `techInsights.factChecker` in
// the harness's app-config; results served by POST /api/tech-insights/checks/run/…
backend.add(techInsightsPlugin.default ?? techInsightsPlugin);
backend.add(techInsightsJsonRules.default ?? techInsightsJsonRules);

// Sign-in (GREENROOM_BACKSTAGE_AUTH=guest): the auth plugin at /api/auth with the guest provider,
// which issues real user tokens (GET /api/auth/guest/refresh) and answers /api/auth/v1/userinfo.
// Off otherwise, so a backend without /api/auth stays testable too.
if (process.env.GREENROOM_BACKSTAGE_AUTH === 'guest') {
  backend.add(authPlugin.default ?? authPlugin);
  backend.add(authGuestProvider.default ?? authGuestProvider);
}

// A rejected start() leaves the process alive with nothing listening; fail loudly instead so
// the harness sees an exit code rather than a readiness timeout.
backend.start().then(
  () => console.log('greenroom-backstage: started'),
  (error) => {
    console.error('greenroom-backstage: backend failed to start');
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  },
);
