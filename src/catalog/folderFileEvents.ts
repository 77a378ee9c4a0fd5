import * as path from 'node:path';
import { isAppConfigFile } from './appConfig';
import type { CatalogFileSystem } from './catalogFileSystem';
import { linkOutsideProblem, type FolderParsePipeline } from './folderParsePipeline';
import { isRootReason, type LocationGraph } from './locationGraph';
import type { PathIdentity } from './pathIdentity';

export interface FolderFileEventHooks {
  /** Whether the folder's catalog globs match the path. */
  readonly matchesGlobs: (file: string) => boolean;
  /** Indexes the whole folder again, as a full load would (without the caller's queue). */
  readonly reload: () => Promise<void>;
}

/**
 * Applies one file event (created, changed, deleted, or unsaved text) to a folder's catalog,
 * so the index ends as a full load of the disk would leave it. The caller runs one event at a
 * time; where an event's effect depends on links or Location cycles, it reloads the folder.
 */
export class FolderFileEvents {
  constructor(
    private readonly root: string,
    private readonly fs: CatalogFileSystem,
    private readonly identity: PathIdentity,
    private readonly graph: LocationGraph,
    private readonly pipeline: FolderParsePipeline,
    private readonly hooks: FolderFileEventHooks,
  ) {}

  /** Brings one path in line with the disk (or with the editor's unsaved `text`). */
  async refresh(file: string, text: string | undefined): Promise<void> {
    if (isAppConfigFile(this.root, file)) {
      // Roots and rules change together: index the folder again, as a fresh load would.
      await this.hooks.reload();
      return;
    }
    this.identity.reset();
    if (text === undefined && (this.graph.hasLinksIn(file) || (await this.isLinkInside(file)))) {
      // A link's identity is the file it names, which other paths may reach too: what it adds or
      // takes away is what a full load decides. Links are few, so their events reload the folder.
      await this.hooks.reload();
      return;
    }
    await this.refreshIdentity(text === undefined ? file : await this.identityOf(file), text);
  }

  /** An editor open on a link edits the file it names. */
  private async identityOf(file: string): Promise<string> {
    const lookup = await this.identity.lookup(file);
    return lookup.kind === 'inside' ? lookup.path : file;
  }

  private async refreshIdentity(file: string, text: string | undefined): Promise<void> {
    const cyclicBefore = this.graph.hasCycles();
    const hadTargets = this.graph.hasLocationTargets(file);
    await this.refreshPath(file, text);
    // Which edge of a Location cycle is refused depends on the order files were indexed in.
    // When a Location file changes while a cycle is (or was) there, the folder is indexed again
    // in a full load's order, so the problems are those a reload would show.
    if (
      text === undefined &&
      (cyclicBefore || this.graph.hasCycles()) &&
      (hadTargets || this.graph.hasLocationTargets(file))
    ) {
      await this.hooks.reload();
    }
  }

  private async refreshPath(file: string, text: string | undefined): Promise<void> {
    this.pipeline.forgetListing();
    if (text === undefined && !(await this.graph.listable(file))) {
      // Gone by the time it is read (deleted right after the change), a folder, or a link out
      // of the root: a full load would not list it, so it leaves the catalog like a deleted file.
      await this.removeDeleted(file);
      const lookup = await this.identity.lookup(file);
      if (lookup.kind !== 'inside' && this.hooks.matchesGlobs(file) && (await this.isLink(file))) {
        // ...but a glob-matched link out of the root is reported, as a full load reports it.
        this.graph.addReason(file, 'glob');
        await this.graph.index(
          linkOutsideProblem(this.root, file, lookup.kind === 'outside' ? lookup.real : undefined),
        );
      }
      return;
    }
    // Locations whose targets (a glob, or one reported missing) match the file but do not reach it yet.
    let wanting = this.graph.locationsWanting(file).filter((source) => !this.graph.reaches(source.file, file));
    const configured = this.graph.configLocationsFor(file);
    if (this.hooks.matchesGlobs(file) || configured.length > 0) {
      if (this.hooks.matchesGlobs(file)) {
        this.graph.addReason(file, 'glob');
      }
      for (const position of configured) {
        this.graph.addConfigReason(file, position);
      }
    } else if (!this.graph.includes(file)) {
      // Only Locations bring it in: indexing them reads it.
      await this.graph.reindexLocations(wanting);
      wanting = [];
      if (!this.graph.includes(file) || text === undefined) {
        return;
      }
    }
    if (text !== undefined) {
      // Unsaved text is not what is on disk: the disk's parse must not be reused for it.
      this.pipeline.forgetCached(file);
    }
    const parsed =
      text === undefined ? await this.pipeline.readAndParse(file) : await this.pipeline.parseUnsaved(file, text);
    await this.graph.index(parsed);
    // The file is indexed first, as a full load would, then the Locations that reported it missing see it.
    await this.graph.reindexLocations(wanting);
  }

  private async removeDeleted(file: string): Promise<void> {
    this.pipeline.forgetListing();
    this.graph.dropDiscoveryReasons(file);
    if (this.graph.includes(file)) {
      // Still a Location target: it stays in the catalog with a "missing" problem at the Location.
      const locations = this.graph.reasonsOf(file);
      this.graph.forget(file);
      for (const location of locations) {
        if (!isRootReason(location)) {
          await this.graph.reindexLocation(location);
        }
      }
    }
  }

  /**
   * Whether the path is a symbolic link in a folder listFolder reads (its listing says so; the
   * file system seam has no lstat). A folder reached through a link is not read.
   */
  private async isLink(file: string): Promise<boolean> {
    const folder = await this.identity.lookup(path.dirname(file));
    if (folder.kind !== 'inside' || folder.path !== path.dirname(file)) {
      return false;
    }
    try {
      const entries = await this.fs.readDirectory(path.dirname(file));
      return entries.some((entry) => entry.name === path.basename(file) && entry.isSymbolicLink);
    } catch {
      return false;
    }
  }

  /** A path inside the root whose identity is another path: a link, or a path through a linked folder. */
  private async isLinkInside(file: string): Promise<boolean> {
    const lookup = await this.identity.lookup(file);
    return lookup.kind === 'inside' && lookup.path !== file;
  }
}
