import type { LocalAction } from './actionContext';
import { catalogFetch } from './catalogFetch';
import { catalogRegister } from './catalogRegister';
import { catalogWrite } from './catalogWrite';
import { debugLog, debugWait } from './debugActions';
import { fetchPlain, fetchPlainFile } from './fetchPlain';
import { fetchTemplate } from './fetchTemplate';
import { fetchTemplateFile } from './fetchTemplateFile';
import { filesystemDelete, filesystemReaddir, filesystemRename } from './filesystemActions';

/** The built-in actions that run against the in-memory workspace; every other action is skipped. */
export const LOCAL_ACTIONS: ReadonlyMap<string, LocalAction> = new Map([
  ['fetch:template', fetchTemplate],
  ['fetch:template:file', fetchTemplateFile],
  ['fetch:plain', fetchPlain],
  ['fetch:plain:file', fetchPlainFile],
  ['fs:rename', filesystemRename],
  ['fs:delete', filesystemDelete],
  ['fs:readdir', filesystemReaddir],
  ['debug:log', debugLog],
  ['debug:wait', debugWait],
  ['catalog:write', catalogWrite],
  ['catalog:register', catalogRegister],
  ['catalog:fetch', catalogFetch],
]);
