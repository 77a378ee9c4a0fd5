import type { Entity } from '@backstage/catalog-model';
import type { TemplateFolder } from '../templateFolder';
import type { Templating } from '../templating';
import type { Workspace } from '../workspace';

export interface StepInfo {
  readonly id: string;
  readonly name: string;
  readonly action: string;
}

/** A catalog file of the output that should join the workspace catalog once written. */
export interface CatalogRegistration {
  readonly step: string;
  /** Workspace-relative path of the catalog file. */
  readonly path: string;
  readonly catalogInfoUrl: string;
  /** The main entity of the file (a Component first, as Backstage picks), when it could be read. */
  readonly entityRef: string | undefined;
}

/** Finds an entity of the workspace catalog by ref, for `catalog:fetch` (asynchronous across threads). */
export type EntityLookup = (ref: string) => Entity | undefined | Promise<Entity | undefined>;

export interface ActionContext {
  readonly step: StepInfo;
  /** The step's input, rendered. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly workspace: Workspace;
  readonly templateFolder: TemplateFolder;
  /** Renders in the run's sandbox, within its budget. */
  readonly templating: Templating;
  log(message: string): void;
  output(name: string, value: unknown): void;
  readonly registrations: CatalogRegistration[];
  readonly lookupEntity: EntityLookup | undefined;
}

/** An action Greenroom runs itself, against the in-memory workspace; one that reads files returns a promise. */
export type LocalAction = (context: ActionContext) => void | Promise<void>;

/**
 * Thrown by an action that cannot run locally after all (a `fetch:*` whose url is remote): the
 * runner records the step as skipped with this reason instead of failing.
 */
export class StepSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StepSkipped';
  }
}
