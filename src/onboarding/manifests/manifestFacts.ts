import type { FolderFiles } from '../folderFiles';

export type ManifestFormat =
  'package.json' | 'pyproject.toml' | 'go.mod' | 'pom.xml' | 'build.gradle' | 'Cargo.toml' | 'csproj';

/**
 * What one build manifest says about its package, each fact with the words of the manifest
 * that support it, so every inference built on it can say why.
 */
export interface ManifestFacts {
  readonly format: ManifestFormat;
  /** Boundary-relative POSIX path of the manifest. */
  readonly file: string;
  /** The package's own name as written (npm name, Go module path, artifactId, crate name…). */
  readonly name?: string | undefined;
  /** A human name the manifest gives besides its id (pom `<name>`, package.json `displayName`). */
  readonly displayName?: string | undefined;
  readonly description?: string | undefined;
  /** Names of the packages this one depends on, as the ecosystem writes them. */
  readonly dependencies: readonly string[];
  /** Workspace / module member patterns, relative to the manifest's folder. */
  readonly members: readonly string[];
  /** True when the manifest only aggregates members and is not a package of its own. */
  readonly aggregateOnly: boolean;
  /** Evidence that the package runs a server, e.g. "depends on express". */
  readonly serverEvidence: readonly string[];
  /** Evidence of a front-end application, e.g. "depends on react-scripts". */
  readonly frontEndEvidence: readonly string[];
  /** Evidence of a runnable entry (bin, main package, OutputType Exe…); none hints at a library. */
  readonly runnableEvidence: readonly string[];
  /** Why the manifest could not be (fully) read, when it could not. */
  readonly problem?: string | undefined;
}

export type ManifestReader = (files: FolderFiles, folder: string) => Promise<ManifestFacts | undefined>;

export function emptyFacts(format: ManifestFormat, file: string, problem?: string): ManifestFacts {
  return {
    format,
    file,
    dependencies: [],
    members: [],
    aggregateOnly: false,
    serverEvidence: [],
    frontEndEvidence: [],
    runnableEvidence: [],
    problem,
  };
}

/** "too large" or "missing" reads as the problem a manifest has. */
export function unreadable(
  format: ManifestFormat,
  file: string,
  read: { kind: 'too-large'; size: number },
): ManifestFacts {
  return emptyFacts(format, file, `${file} is ${read.size} bytes, above the read limit; its contents were not used`);
}

/** Names found in `dependencies` that are known markers, as evidence sentences. */
export function markerEvidence(dependencies: readonly string[], markers: ReadonlySet<string>, file: string): string[] {
  return dependencies.filter((name) => markers.has(name)).map((name) => `${file} depends on ${name}`);
}

/** A description trimmed to one reasonable line. */
export function oneLine(text: string | undefined, max = 300): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  if (!line) {
    return undefined;
  }
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
