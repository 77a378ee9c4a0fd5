import * as assert from 'node:assert/strict';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../../src/shared/messageLinkEscape';
import { iconsOf } from '../support/renderLabelWithIcons';
import { messageSurfaces, parseLinkedText, stripIcons } from '../support/parseLinkedText';
import { seededRandom } from '../support/seededRandom';

const SEND_SEQUENCE =
  '[Continue](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)';

/** What a person reads: the joiners draw nothing. */
function read(text: string): string {
  return text.replaceAll('\u2060', '');
}

function randomText(random: () => number, alphabet: readonly string[], maxParts: number): string {
  const length = Math.floor(random() * maxParts);
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '').join('');
}

/** Pieces of link syntax, in every case VS Code accepts, and what sits around them. */
const LINK_ALPHABET = [
  '[',
  ']',
  '(',
  ')',
  '](',
  'command:',
  'COMMAND:',
  'https://',
  'Http://',
  'file:',
  'x',
  'Go',
  ' ',
  '"',
  "'",
  ' "t"',
  '\n',
  '$(',
  '$(x)',
  '\\',
  '\u2060',
  '(command:x)',
  '$(x)(https://a)',
];

const SCHEMES = ['command:', 'https://', 'file:', 'CoMmAnD:', 'HTTP://'];

/** Random text, often holding a whole link whose label and target are random text themselves. */
function hostileText(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pieces = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
    random() < 0.5
      ? `[${randomText(random, LINK_ALPHABET, 4) || 'Go'}](${pick(SCHEMES)}${randomText(random, ['x', '?', '%7B', '.'], 4)}${pick(['', ' "tip"', " 't'"])})`
      : randomText(random, LINK_ALPHABET, 6),
  );
  return pieces.join('');
}

describe('messageLinkEscape', () => {
  it('the model finds the links VS Code finds', () => {
    assert.deepEqual(parseLinkedText(SEND_SEQUENCE).links, [
      {
        label: 'Continue',
        href: 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D',
      },
    ]);
    assert.equal(parseLinkedText('a [x](https://e.com "tip") b').text, 'a x b');
    assert.equal(parseLinkedText('[x](FILE:///etc/passwd)').links.length, 1, 'schemes in any case');
    assert.equal(parseLinkedText('[x](ftp://e.com) [y](command: z)').links.length, 0);
  });

  it('leaves text without a `]` as it is', () => {
    for (const text of ['', 'Payments service', 'component:default/payments', 'see (command:x)', '[open', 'a (b)']) {
      assert.equal(escapeMessageLinks(text), text);
    }
  });

  it('turns a command link into the same text, linking nowhere', () => {
    const escaped = escapeMessageLinks(`Owner of ${SEND_SEQUENCE} and [site](https://evil.example)`);
    assert.deepEqual(parseLinkedText(escaped).links, []);
    assert.equal(read(escaped), `Owner of ${SEND_SEQUENCE} and [site](https://evil.example)`);
    assert.equal(escaped.includes(']('), false);
  });

  it('holds inside each surface VS Code parses links in', () => {
    const hostile = `[Continue](command:greenroom.showLog) [[nested](https://a)](file:///b)`;
    const escaped = escapeMessageLinks(hostile);
    assert.deepEqual(messageSurfaces.notification(`Greenroom could not sync registry ${escaped}: x`).links, []);
    assert.deepEqual(messageSurfaces.validationMessage(escaped).links, []);
    assert.deepEqual(messageSurfaces.inputBoxPrompt(escapeMessageLinksAndIcons(hostile)).links, []);
    assert.deepEqual(messageSurfaces.progressNotification(`Preparing ${escaped}`, escaped).links, []);
    // Unescaped, each of them is a link: the checks above can fail.
    assert.notDeepEqual(messageSurfaces.notification(hostile).links, []);
    assert.notDeepEqual(messageSurfaces.progressNotification(hostile, '').links, []);
  });

  it('a `]` before an icon stays apart from a `(` once progress strips the icon', () => {
    const hostile = '[Continue]$(x)(command:greenroom.showLog)';
    assert.equal(parseLinkedText(hostile).links.length, 0, 'no link before the icon is stripped');
    assert.equal(parseLinkedText(stripIcons(hostile)).links.length, 1, 'a link after');
    assert.deepEqual(messageSurfaces.progressNotification('Syncing', escapeMessageLinks(hostile)).links, []);
  });

  it('joined to other text, escaped text starts and ends no link', () => {
    assert.deepEqual(parseLinkedText(`${escapeMessageLinks('[Go]')}${escapeMessageLinks('(command:x)')}`).links, []);
    assert.deepEqual(parseLinkedText(`Greenroom [beta]${escapeMessageLinks('(https://evil.example)')}`).links, []);
    assert.deepEqual(parseLinkedText(`${escapeMessageLinks('[Go]')}(command:greenroom.showLog)`).links, []);
  });

  it('escaping twice changes nothing', () => {
    const once = escapeMessageLinks(`(x) ${SEND_SEQUENCE}]`);
    assert.equal(escapeMessageLinks(once), once);
  });

  it('adds only the joiner to what input boxes and progress draw as icons', () => {
    const escaped = escapeMessageLinksAndIcons('$(verified) [Continue](command:greenroom.showLog)');
    assert.deepEqual(iconsOf(escaped), []);
    assert.deepEqual(parseLinkedText(escaped).links, []);
    assert.equal(read(escaped), '\\$(verified) [Continue](command:greenroom.showLog)');
  });

  it('no escaped text parses as a link, alone or joined to other text (random strings)', () => {
    const random = seededRandom(20261208);
    let linksBefore = 0;
    for (let round = 0; round < 20_000; round++) {
      const text = hostileText(random);
      const escaped = escapeMessageLinks(text);
      if (parseLinkedText(text).links.length > 0) {
        linksBefore++;
      }
      assert.deepEqual(parseLinkedText(escaped).links, [], `a link in escaped ${JSON.stringify(text)}`);
      assert.equal(read(escaped), read(text), `${JSON.stringify(text)} reads differently`);
      assert.equal(escapeMessageLinks(escaped), escaped, `escaping ${JSON.stringify(text)} twice`);
      if (!text.includes(']') && !text.startsWith('(')) {
        assert.equal(escaped, text, `${JSON.stringify(text)} has no \`]\` and stays as it is`);
      }
      // Greenroom's own words (never a `]`) around two escaped pieces, as in a l10n message.
      const own = () =>
        randomText(
          random,
          LINK_ALPHABET.filter((part) => !part.includes(']')),
          5,
        );
      const other = escapeMessageLinks(hostileText(random));
      const message = `${own()}${escaped}${own()}${other}${own()}`;
      for (const surface of [
        messageSurfaces.notification(message),
        messageSurfaces.validationMessage(message),
        messageSurfaces.inputBoxPrompt(message),
        messageSurfaces.progressNotification(own(), message),
      ]) {
        assert.deepEqual(surface.links, [], `a link in ${JSON.stringify(message)}`);
      }
    }
    // The strings exercise the parser: many of them are links before escaping.
    assert.ok(linksBefore > 10_000, `only ${linksBefore} random strings held a link`);
  });
});
