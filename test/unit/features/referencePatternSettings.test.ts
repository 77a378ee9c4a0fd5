import * as assert from 'node:assert/strict';
import { referencePatternSource } from '../../../src/features/languageFeatures/referencePatternSettings';
import type { Settings } from '../../../src/services/settings';
import { messageSurfaces } from '../support/parseLinkedText';
import * as vscodeFake from '../support/vscodeFake';

/** A workspace's pattern that Greenroom refuses (a backreference) and that reads as a command link. */
const HOSTILE_PATTERN = '[Continue](command:greenroom.showLog)\\1';

function settingsWith(patterns: readonly string[]): Settings {
  return { current: { referencePatterns: patterns.map((pattern) => ({ pattern })) } } as unknown as Settings;
}

describe('referencePatternSettings', () => {
  afterEach(() => {
    vscodeFake.shownMessages.length = 0;
  });

  it('names a refused pattern from the workspace as text, not as a link', () => {
    referencePatternSource(settingsWith([HOSTILE_PATTERN, 'component:([a-z-]+)']))();
    assert.equal(vscodeFake.shownMessages.length, 1);
    const [shown] = vscodeFake.shownMessages;
    const notification = messageSurfaces.notification(shown?.message ?? '');
    assert.deepEqual(notification.links, [], `the warning links: ${shown?.message}`);
    assert.ok(notification.text.replaceAll('\u2060', '').includes(HOSTILE_PATTERN), notification.text);
    assert.match(notification.text, /backreference/);
  });

  it('names each refused pattern once per session', () => {
    const source = referencePatternSource(settingsWith([HOSTILE_PATTERN]));
    source();
    source();
    assert.equal(vscodeFake.shownMessages.length, 1);
  });
});
