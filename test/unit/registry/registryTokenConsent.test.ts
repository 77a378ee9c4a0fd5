import * as assert from 'node:assert/strict';
import { askToSendToken } from '../../../src/services/registryService';
import { parseRegistrySettings, type RawSettings } from '../../../src/services/settingsSchema';
import * as vscodeFake from '../support/vscodeFake';

type Mutable = Record<string, unknown>;

/** Replaces members of the fake vscode module for one test; `restore` puts them back. */
function patch(target: object, members: Mutable): () => void {
  const saved = Object.keys(members).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const);
  Object.assign(target, members);
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) {
        Object.defineProperty(target, key, descriptor);
      } else {
        delete (target as Mutable)[key];
      }
    }
  };
}

describe('registry token consent (editor adapter, fake vscode)', () => {
  let restore: (() => void)[] = [];
  afterEach(() => {
    restore.reverse().forEach((undo) => undo());
    restore = [];
  });

  function warningAnswer(
    answer: (items: string[]) => string | undefined,
  ): { message: string; options: { modal?: boolean; detail?: string }; items: string[] }[] {
    const shown: { message: string; options: { modal?: boolean; detail?: string }; items: string[] }[] = [];
    restore.push(
      patch(vscodeFake, {
        window: {
          showWarningMessage: (message: string, options: { modal?: boolean; detail?: string }, ...items: string[]) => {
            shown.push({ message, options, items });
            return Promise.resolve(answer(items));
          },
        },
      }),
    );
    return shown;
  }

  it('asks in a modal naming the registry and the origin; closing it sends nothing', async () => {
    const shown = warningAnswer(() => undefined);
    assert.equal(
      await askToSendToken({ name: 'acme', baseUrl: 'https://evil.example/backstage' }, 'https://evil.example'),
      false,
    );
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.options.modal, true);
    assert.match(shown[0]?.message ?? '', /"acme" at https:\/\/evil\.example/);
    assert.deepEqual(shown[0]?.items, ['Send Token'], 'the only button sends; Cancel (the default) does not');
  });

  it('sends only when the user picks Send Token', async () => {
    warningAnswer((items) => items[0]);
    assert.equal(
      await askToSendToken({ name: 'acme', baseUrl: 'https://mirror.example' }, 'https://mirror.example'),
      true,
    );
  });

  it('reads who wrote each registry with inspect(): user settings apart from workspace and folder settings', () => {
    const values: Mutable = {
      registries: [{ name: 'acme', baseUrl: 'https://evil.example' }],
      registryMaxEntities: 1000,
    };
    const raw: RawSettings = {
      value: (key) => values[key],
      scopes: (key) =>
        key === 'registries'
          ? {
              user: [{ name: 'acme', baseUrl: 'https://backstage.acme.example' }],
              workspace: [{ name: 'acme', baseUrl: 'https://evil.example' }],
              workspaceFolder: [{ name: 'folder', baseUrl: 'https://folder.example' }, 'junk'],
            }
          : undefined,
    };
    const settings = parseRegistrySettings(raw);
    assert.deepEqual(settings.registries, [{ name: 'acme', baseUrl: 'https://evil.example' }]);
    assert.deepEqual(settings.scoped.user, [{ name: 'acme', baseUrl: 'https://backstage.acme.example' }]);
    assert.deepEqual(settings.scoped.workspace, [
      { name: 'acme', baseUrl: 'https://evil.example' },
      { name: 'folder', baseUrl: 'https://folder.example' },
    ]);
    assert.equal(settings.maxEntities, 1000);
    assert.equal(settings.maxPages, 10_000, 'the default when unset');
  });
});
