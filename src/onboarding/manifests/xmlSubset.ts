/**
 * A small XML reader for build files (pom.xml, *.csproj): elements, attributes, text, comments,
 * CDATA. No DTDs and no entities beyond the five predefined and numeric ones, so a file cannot
 * expand itself (billion laughs) or reach out (external entities). Attributes are Maps.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 50_000;
const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name.startsWith('#x') ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED.get(name) ?? whole;
  });
}

/** Parses XML text into its root element; throws `XmlError` with a line number on malformed text. */
export function parseXml(text: string): XmlElement {
  let position = 0;
  let count = 0;
  const fail: (message: string) => never = (message) => {
    throw new XmlError(`line ${text.slice(0, position).split('\n').length}: ${message}`);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const chunk = text.slice(position, open < 0 ? text.length : open);
    const top = stack[stack.length - 1];
    if (top) {
      top.text += decodeEntities(chunk);
    } else if (chunk.trim().length > 0) {
      fail('text outside the root element');
    }
    if (open < 0) {
      break;
    }
    position = open;
    const skipTo = (terminator: string, what: string): void => {
      const end = text.indexOf(terminator, position);
      if (end < 0) {
        fail(`unterminated ${what}`);
      }
      position = end + terminator.length;
    };
    if (text.startsWith('<!--', position)) {
      skipTo('-->', 'comment');
    } else if (text.startsWith('<![CDATA[', position)) {
      const end = text.indexOf(']]>', position);
      if (end < 0) {
        fail('unterminated CDATA');
      }
      if (top) {
        top.text += text.slice(position + 9, end);
      }
      position = end + 3;
    } else if (text.startsWith('<?', position)) {
      skipTo('?>', 'processing instruction');
    } else if (text.startsWith('<!', position)) {
      if (/^<!DOCTYPE[^>]*\[/i.test(text.slice(position, position + 4096))) {
        fail('DTDs with declarations are not read');
      }
      skipTo('>', 'declaration');
    } else if (text.startsWith('</', position)) {
      const match = /^<\/([^\s>]+)\s*>/.exec(text.slice(position, position + 1024));
      if (!match) {
        fail('malformed closing tag');
      }
      const closing = stack.pop();
      if (!closing || closing.name !== match[1]) {
        fail(`closing tag </${match[1]}> does not match <${closing?.name ?? ''}>`);
      }
      position += match[0].length;
    } else {
      const end = text.indexOf('>', position);
      if (end < 0) {
        fail('unterminated tag');
      }
      const inside = text.slice(position + 1, end);
      const selfClosing = inside.endsWith('/');
      const body = selfClosing ? inside.slice(0, -1) : inside;
      const nameMatch = /^([A-Za-z_][\w.:-]*)/.exec(body);
      if (!nameMatch?.[1]) {
        fail('malformed tag');
      }
      const element: XmlElement = { name: nameMatch[1], attributes: new Map(), children: [], text: '' };
      const attributePattern = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
      for (const attribute of body.slice(nameMatch[1].length).matchAll(attributePattern)) {
        element.attributes.set(attribute[1] ?? '', decodeEntities(attribute[3] ?? attribute[4] ?? ''));
      }
      if (++count > MAX_ELEMENTS) {
        fail('too many elements');
      }
      if (top) {
        top.children.push(element);
      } else if (root) {
        fail('more than one root element');
      } else {
        root = element;
      }
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) {
          fail('elements nested too deeply');
        }
        stack.push(element);
      }
      position = end + 1;
    }
  }
  if (stack.length > 0) {
    fail(`<${stack[stack.length - 1]?.name ?? ''}> is not closed`);
  }
  if (!root) {
    return fail('no root element');
  }
  return root;
}

/** The local name, without a namespace prefix. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Direct children with a given (local) name. */
export function xmlChildren(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => localName(child.name) === name) : [];
}

/** The trimmed text of the first child at a path of names, e.g. `xmlText(pom, 'parent', 'groupId')`. */
export function xmlText(element: XmlElement | undefined, ...names: string[]): string | undefined {
  let current = element;
  for (const name of names) {
    current = xmlChildren(current, name)[0];
  }
  const text = current?.text.trim();
  return text ? text : undefined;
}

/** Every descendant with a given (local) name, depth first. */
export function xmlDescendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const child of node.children) {
      if (localName(child.name) === name) {
        found.push(child);
      }
      visit(child);
    }
  };
  visit(element);
  return found;
}
