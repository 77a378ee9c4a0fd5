import { ScaffolderError, type ErrorLocation } from '../scaffolderErrors';

/** What one template run (all steps, all files) may use. */
export interface TemplateBudgets {
  /** Wall-clock time of the whole run. */
  readonly timeSeconds: number;
  /** Heap of the worker thread the run happens in (its V8 old generation). */
  readonly memoryMb: number;
  /** Files in the output. */
  readonly maxFiles: number;
  /** Bytes of one output file. */
  readonly maxFileBytes: number;
  /** Bytes of all output files together. */
  readonly maxTotalBytes: number;
}

/**
 * Generous for real templates (the largest real-world skeletons hold a few hundred files of a
 * few KB), small enough that a runaway template ends in seconds with the editor still usable.
 */
export const DEFAULT_TEMPLATE_BUDGETS: TemplateBudgets = {
  timeSeconds: 10,
  memoryMb: 512,
  maxFiles: 10_000,
  maxFileBytes: 32 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Budgets with anything missing or not a positive number taken from the defaults. */
export function completeBudgets(partial: Partial<TemplateBudgets> = {}): TemplateBudgets {
  const pickPositive = (key: keyof TemplateBudgets): number => {
    const value = partial[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_TEMPLATE_BUDGETS[key];
  };
  return {
    timeSeconds: pickPositive('timeSeconds'),
    memoryMb: Math.round(pickPositive('memoryMb')),
    maxFiles: Math.floor(pickPositive('maxFiles')),
    maxFileBytes: Math.floor(pickPositive('maxFileBytes')),
    maxTotalBytes: Math.floor(pickPositive('maxTotalBytes')),
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${+(bytes / 1024).toFixed(1)} KB`
      : `${bytes} bytes`;
}

export function timeBudgetError(seconds: number, activity: string, location?: ErrorLocation): ScaffolderError {
  return new ScaffolderError(
    'budget',
    `the template ran past its ${seconds} s time budget while ${activity}`,
    location ? { location } : {},
  );
}

export function memoryBudgetError(megabytes: number, activity: string): ScaffolderError {
  return new ScaffolderError('budget', `the template exceeded its memory budget of ${megabytes} MB while ${activity}`);
}

export function outputBudgetError(detail: string): ScaffolderError {
  return new ScaffolderError('budget', detail);
}
