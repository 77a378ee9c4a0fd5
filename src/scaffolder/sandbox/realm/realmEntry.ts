// The template realm's script: bundled on its own (IIFE, nunjucks' browser build) and evaluated in
// a fresh `node:vm` context per template run by templateRealm.ts. It leaves one function on the
// realm's global, which the host's bootstrap moves into a constant and deletes.
import { describeError } from './realmErrors';
import { DeepRenderFailure, renderDeep, renderText } from './realmRendering';
import { ERROR_ANSWER, TEXT_ANSWER, VALUE_ANSWER, type RealmRequest } from './realmProtocol';

let context: object = {};

function answer(input: string): string {
  try {
    const request = JSON.parse(input) as RealmRequest;
    switch (request.op) {
      case 'context':
        context = typeof request.context === 'object' && request.context !== null ? request.context : {};
        return VALUE_ANSWER + '{}';
      case 'text':
        return TEXT_ANSWER + renderText(request.text, context, request.options, request.name, request.code);
      case 'deep':
        return VALUE_ANSWER + JSON.stringify({ value: renderDeep(request.value, context) });
      default:
        return ERROR_ANSWER + JSON.stringify({ error: { message: 'unknown request' } });
    }
  } catch (error) {
    const failure = error instanceof DeepRenderFailure ? error : undefined;
    return (
      ERROR_ANSWER +
      JSON.stringify({
        error: describeError(failure ? failure.error : error),
        ...(failure ? { path: failure.path } : {}),
      })
    );
  }
}

(globalThis as unknown as { greenroomRealm: { answer(input: string): string } }).greenroomRealm = { answer };
