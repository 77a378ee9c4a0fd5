import sanitizeHtml from 'sanitize-html';
import { classifyHref, isSafeDataImage } from '../hrefs';
import { ADMONITION_CLASSES } from './admonitions';

/** Where a link in a docs page leads, as decided by the caller (the docs site knows the folder). */
export type LinkTarget =
  | { readonly kind: 'page'; readonly path: string; readonly anchor?: string }
  | { readonly kind: 'external'; readonly url: string }
  /** A non-page file in the docs folder (a PDF, a YAML file); the host decides how to open it. */
  | { readonly kind: 'asset'; readonly path: string };

export interface LinkPolicy {
  /** undefined: the link is removed (its text stays). */
  resolveLink(href: string): LinkTarget | undefined;
  /** The `src` to show an image with; undefined: the image is replaced by its alt text. */
  resolveImage(src: string): string | undefined;
}

type Attributes = Record<string, string>;
type Transformed = { tagName: string; attribs: Attributes; text?: string };

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const SAFE_ID = /^[\p{L}\p{M}\p{N}_-]{1,200}$/u;
const DIGITS = /^\d{1,4}$/;

/** Tags whose whole content is dropped with them, not just the tag (the default keeps text). */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'title',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'head',
  'form',
  'button',
];

const ALLOWED_TAGS = [
  ...HEADINGS,
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'span',
  'div',
  'details',
  'summary',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'a',
  'img',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'kbd',
  'mark',
  'abbr',
  'small',
  'q',
  'cite',
  'figure',
  'figcaption',
  'input',
];

function transformLink(policy: LinkPolicy, attribs: Attributes): Transformed {
  // Rebuilt from scratch: raw HTML must not smuggle its own data-page or event attributes through.
  const result: Attributes = attribs['title'] ? { title: attribs['title'] } : {};
  const target = attribs['href'] === undefined ? undefined : policy.resolveLink(attribs['href']);
  if (target?.kind === 'external') {
    Object.assign(result, { href: target.url, 'data-external': '' });
  } else if (target?.kind === 'page') {
    Object.assign(
      result,
      { href: '#', 'data-page': target.path },
      target.anchor ? { 'data-anchor': target.anchor } : {},
    );
  } else if (target?.kind === 'asset') {
    Object.assign(result, { href: '#', 'data-asset': target.path });
  }
  return { tagName: 'a', attribs: result };
}

function transformImage(policy: LinkPolicy, attribs: Attributes): Transformed {
  const resolved = attribs['src'] === undefined ? undefined : policy.resolveImage(attribs['src']);
  // Whatever the policy says, a data: URI is only ever a raster image (an SVG one can carry script).
  const src =
    resolved !== undefined && /^\s*data:/i.test(resolved) && !isSafeDataImage(resolved) ? undefined : resolved;
  const alt = attribs['alt'] ?? '';
  if (src === undefined) {
    return { tagName: 'span', attribs: { class: 'missing-image' }, text: alt };
  }
  const result: Attributes = { src, alt };
  for (const name of ['title', 'width', 'height']) {
    const value = attribs[name];
    if (value !== undefined && (name === 'title' || DIGITS.test(value))) {
      result[name] = value;
    }
  }
  return { tagName: 'img', attribs: result };
}

function transformHeading(tagName: string, attribs: Attributes): Transformed {
  const id = attribs['id'];
  return { tagName, attribs: id !== undefined && SAFE_ID.test(id) ? { id } : {} };
}

function transformInput(attribs: Attributes): Transformed {
  // Only read-only task checkboxes: anything else would be a form control in the docs.
  if ((attribs['type'] ?? '').toLowerCase() !== 'checkbox') {
    return { tagName: 'span', attribs: {} };
  }
  const result: Attributes = { class: 'task-list-item-checkbox', type: 'checkbox', disabled: '' };
  return { tagName: 'input', attribs: attribs['checked'] === undefined ? result : { ...result, checked: '' } };
}

function sanitizeOptions(policy: LinkPolicy): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      ...Object.fromEntries(HEADINGS.map((tag) => [tag, ['id']])),
      a: ['href', 'title', 'data-page', 'data-anchor', 'data-external', 'data-asset'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      input: ['type', 'checked', 'disabled'],
      details: ['open'],
      ol: ['start'],
      th: ['colspan', 'rowspan'],
      td: ['colspan', 'rowspan'],
      abbr: ['title'],
    },
    allowedClasses: {
      code: [/^language-[\w+#.-]{1,40}$/],
      span: [/^hljs-[\w-]{1,40}$/, /^[a-z]{1,20}_{1,3}$/, 'missing-image'],
      div: [...ADMONITION_CLASSES],
      details: [...ADMONITION_CLASSES],
      p: ['admonition-title'],
      summary: ['admonition-title'],
      ul: ['contains-task-list'],
      ol: ['contains-task-list'],
      li: ['task-list-item'],
      input: ['task-list-item-checkbox'],
      th: ['align-left', 'align-center', 'align-right'],
      td: ['align-left', 'align-center', 'align-right'],
    },
    allowedStyles: {},
    allowedSchemes: ['http', 'https', 'mailto'],
    // data: is further limited to raster images by the image policy (never SVG or HTML).
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    allowVulnerableTags: false,
    // A refused autolink (`<javascript:…>`) would still show the URL as its text: drop it whole.
    exclusiveFilter: (frame) =>
      frame.tag === 'a' &&
      frame.attribs['href'] === undefined &&
      /^\s*[a-z][\w+.-]*:/i.test(frame.text) &&
      classifyHref(frame.text).kind === 'unsafe',
    transformTags: {
      a: (_tag, attribs) => transformLink(policy, attribs),
      img: (_tag, attribs) => transformImage(policy, attribs),
      input: (_tag, attribs) => transformInput(attribs),
      ...Object.fromEntries(
        HEADINGS.map((tag) => [tag, (_name: string, attribs: Attributes) => transformHeading(tag, attribs)]),
      ),
    },
  };
}

/**
 * The last gate before docs HTML reaches a webview: a strict allow-list of tags, attributes and
 * classes, no styles, no event handlers, links and images re-targeted through the caller's policy.
 */
export function sanitizeDocsHtml(html: string, policy: LinkPolicy): string {
  return sanitizeHtml(html, sanitizeOptions(policy));
}
