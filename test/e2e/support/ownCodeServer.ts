import type { CodeServer } from './codeServer';
import type { Workbench } from './workbench';

/**
 * Mocha hooks for a suite that runs a code-server of its own (the shared one cannot take its
 * settings): a screenshot `<name>-failure.png` when a test fails; at the end the editor closes,
 * and after a failure its files are kept, since its logs say what went wrong. Call it inside the
 * describe before the suite's own `after`, so the editor stops before what it talks to.
 */
export function ownCodeServerHooks(
  name: string,
  current: () => { readonly codeServer: CodeServer | undefined; readonly workbench: Workbench | undefined },
): void {
  let failed = false;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await current()
        .workbench?.screenshot(`${name}-failure.png`)
        .catch(() => undefined);
    }
  });
  after(async () => {
    const { codeServer, workbench } = current();
    await workbench?.close();
    await codeServer?.stop(failed);
    if (failed && codeServer) {
      console.log(`    ${name} e2e: code-server files kept in ${codeServer.runDir}`);
    }
  });
}
