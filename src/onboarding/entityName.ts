import type { ManifestFormat } from './manifests';

/** Backstage's `metadata.name` rule (FieldFormatEntityPolicy / KubernetesValidatorFunctions). */
const NAME_PATTERN = /^([A-Za-z0-9][-_.]?)*[A-Za-z0-9]$/;
const MAX_NAME_LENGTH = 63;

export function isValidEntityName(name: string): boolean {
  return name.length >= 1 && name.length <= MAX_NAME_LENGTH && NAME_PATTERN.test(name);
}

/**
 * The part of a package id that names the package: the last segment of a Go module path
 * (without a `/v2` major-version suffix), an npm name without its scope's `@`.
 */
export function packageIdName(id: string, format: ManifestFormat | 'folder'): string {
  if (format === 'go.mod') {
    const segments = id.split('/').filter(Boolean);
    const last = segments[segments.length - 1] ?? id;
    return /^v[0-9]+$/.test(last) && segments.length > 1 ? (segments[segments.length - 2] ?? last) : last;
  }
  return id.replace(/^@/, '');
}

/**
 * A name Backstage accepts, as close to the original as the rules allow: lower case (refs
 * compare case-insensitively and the catalog's convention is lower case), every run of
 * characters outside `[a-z0-9]` becomes one `-` (a `.` or `_` alone is kept), no separator at
 * either end, at most 63 characters. Undefined when nothing usable is left.
 */
export function normaliseEntityName(raw: string): string | undefined {
  let name = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '');
  if (name.length > MAX_NAME_LENGTH) {
    name = name.slice(0, MAX_NAME_LENGTH).replace(/[-_.]+$/, '');
  }
  return isValidEntityName(name) ? name : undefined;
}
