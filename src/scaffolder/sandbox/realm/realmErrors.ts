import type { RealmError } from './realmProtocol';

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A nunjucks error (or anything a template threw) as plain data; used on both sides of the boundary. */
export function describeError(error: unknown): RealmError {
  if (typeof error !== 'object' || error === null) {
    return { message: String(error) };
  }
  const shape = error as { message?: unknown; lineno?: unknown; colno?: unknown; cause?: unknown };
  const cause = shape.cause instanceof Error ? String(shape.cause.message) : undefined;
  const lineno = numberOrUndefined(shape.lineno);
  const colno = numberOrUndefined(shape.colno);
  return {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an object thrown without a message is named by its own toString, the best it offers
    message: String(shape.message ?? error),
    ...(lineno !== undefined ? { lineno } : {}),
    ...(colno !== undefined ? { colno } : {}),
    ...(cause !== undefined ? { causeMessage: cause } : {}),
  };
}
