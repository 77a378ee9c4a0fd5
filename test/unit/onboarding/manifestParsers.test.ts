import * as assert from 'node:assert/strict';
import { parseToml, tomlAt, tomlKeys, tomlString, TomlError } from '../../../src/onboarding/manifests/tomlSubset';
import { parseXml, xmlText, XmlError } from '../../../src/onboarding/manifests/xmlSubset';
import { fixtureFiles } from './onboardingFixtures';

describe('onboarding: manifest readers', () => {
  describe('TOML', () => {
    it("reads ripgrep's real Cargo.toml: quoted dotted table keys, arrays of arrays, multi-line strings, [[bin]]", () => {
      const toml = parseToml(fixtureFiles('ripgrep')['/ws/ripgrep/Cargo.toml'] ?? '');
      assert.equal(tomlString(toml, 'package', 'name'), 'ripgrep');
      assert.deepEqual(tomlKeys(toml, 'target', 'cfg(target_os = "windows")', 'dependencies'), ['windows-sys']);
      assert.ok(Array.isArray(tomlAt(toml, 'bin')));
      assert.equal(
        tomlString(toml, 'package', 'metadata', 'deb', 'extended-description'),
        'ripgrep (rg) recursively searches your current directory for a regex pattern.\n',
      );
      assert.deepEqual(tomlKeys(toml, 'dependencies').sort(), ['anyhow', 'grep', 'ignore', 'lexopt']);
    });

    it('keeps `__proto__` and `constructor` as ordinary keys (tables are Maps)', () => {
      const toml = parseToml('[__proto__]\npolluted = true\n[package]\nconstructor = "x"\n"__proto__" = "y"\n');
      assert.equal(tomlAt(toml, '__proto__', 'polluted'), true);
      assert.equal(tomlString(toml, 'package', '__proto__'), 'y');
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    });

    it('rejects malformed TOML with a line number', () => {
      for (const [text, line] of [
        ['[package\nname = "x"', 1],
        ['a = 1\nb = "unterminated\n', 2],
        ['a = 1\na = 2\n', 2],
        ['x = [1, 2\n', 2],
        ['= 3', 1],
      ] as const) {
        assert.throws(
          () => parseToml(text),
          (error: unknown) => error instanceof TomlError && error.message.startsWith(`line ${line}:`),
          text,
        );
      }
    });

    it('stops deeply nested arrays instead of overflowing the stack', () => {
      assert.throws(() => parseToml(`a = ${'['.repeat(10_000)}`), TomlError);
    });
  });

  describe('XML', () => {
    it('reads the real petclinic pom (namespaces, comments) and ignores nested <name>s', () => {
      const pom = parseXml(fixtureFiles('spring-petclinic')['/ws/spring-petclinic/pom.xml'] ?? '');
      assert.equal(xmlText(pom, 'artifactId'), 'spring-petclinic');
      assert.equal(xmlText(pom, 'name'), 'petclinic');
      assert.equal(xmlText(pom, 'parent', 'artifactId'), 'spring-boot-starter-parent');
    });

    it('refuses DTD declarations (no entity expansion) and decodes only predefined entities', () => {
      const laughs =
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><project><name>&lol2;</name></project>';
      assert.throws(() => parseXml(laughs), XmlError);
      assert.equal(xmlText(parseXml('<p><name>a &amp; b &#x41; &unknown;</name></p>'), 'name'), 'a & b A &unknown;');
    });

    it('rejects malformed XML with a line number', () => {
      for (const text of ['<project><name>x</project>', '<project>', 'text', '<a></a><b></b>', '<project><!-- open']) {
        assert.throws(() => parseXml(text), XmlError, text);
      }
    });

    it('stops at a nesting limit', () => {
      assert.throws(() => parseXml(`${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`), /nested too deeply/);
    });
  });
});
