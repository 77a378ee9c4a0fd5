/** Value names templates commonly give the new component's name, in the order they are tried. */
const NAME_FIELDS = [
  'name',
  'component_id',
  'componentId',
  'componentName',
  'component_name',
  'app_name',
  'appName',
  'repoName',
];
/** A folder name that stays one level below the target: no separators, no dot-only names. */
const SAFE_NAME = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;

function topLevel(filePath: string): { folder: string | undefined } {
  const slash = filePath.indexOf('/');
  return { folder: slash > 0 ? filePath.slice(0, slash) : undefined };
}

/**
 * The folder, below the one the user chose, that a template's result is written into.
 * A template that already writes into one folder of its own (`fetch:template` with
 * `targetPath: ./${{ parameters.name }}`) says where: nothing is added. A template that writes
 * at its root gets a new folder named after the component (the `name` / `component_id` answer,
 * else the template's name), so it never lands beside — or over — the workspace's own files.
 */
export function resultSubfolder(
  files: readonly { readonly path: string }[],
  values: Readonly<Record<string, unknown>>,
  templateName: string,
): string | undefined {
  if (files.length === 0) {
    return undefined;
  }
  const folders = new Set(files.map((file) => topLevel(file.path).folder));
  if (folders.size === 1 && !folders.has(undefined)) {
    return undefined;
  }
  for (const field of NAME_FIELDS) {
    const value = Object.prototype.hasOwnProperty.call(values, field) ? values[field] : undefined;
    if (typeof value === 'string' && SAFE_NAME.test(value.trim())) {
      return value.trim();
    }
  }
  return SAFE_NAME.test(templateName) ? templateName : 'new-component';
}
