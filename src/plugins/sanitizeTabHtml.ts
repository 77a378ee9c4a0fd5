import sanitizeHtml from 'sanitize-html';
import { isSafeDataImage } from '../docs/hrefs';

/** The @vscode-elements components a tab may use. */
const ELEMENTS = [
  'vscode-badge',
  'vscode-button',
  'vscode-divider',
  'vscode-collapsible',
  'vscode-table',
  'vscode-table-header',
  'vscode-table-header-cell',
  'vscode-table-body',
  'vscode-table-row',
  'vscode-table-cell',
  'vscode-textfield',
  'vscode-icon',
  'vscode-label',
];

const SAFE_CLASS = /^[a-z][a-z0-9_-]{0,63}$/i;

/**
 * Tab HTML comes from plugins (third-party code, and docs written by anyone): keep structure,
 * drop anything that runs (scripts, event handlers, javascript: URLs, frames, forms, styles).
 * Links do not navigate the webview: they carry data-* attributes the shell acts on.
 */
export function sanitizeTabHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'a'),
      'a',
      'img',
      'details',
      'summary',
      'input',
      'svg',
      'g',
      'line',
      'rect',
      'circle',
      'text',
      'title',
      'path',
      'marker',
      'defs',
      'polygon',
      'span',
      'section',
      'header',
      ...ELEMENTS,
    ],
    allowedAttributes: {
      '*': [
        'class',
        'id',
        'title',
        'role',
        'aria-label',
        'aria-hidden',
        'data-entity-ref',
        'data-href',
        'data-command',
        'data-args',
        'data-tab-state',
        'data-file',
        'data-line',
        'data-page',
        'data-anchor',
        'data-external',
        'data-tab-search',
        'data-kind',
        'data-graph-action',
      ],
      a: ['href'],
      img: ['src', 'alt', 'width', 'height'],
      input: ['type', 'checked', 'disabled'],
      details: ['open'],
      th: ['align', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      // The parser lower-cases attribute names (viewBox → viewbox); the webview's HTML parser
      // puts SVG's camel case back. Listing only 'viewBox' dropped it, and with it the scaling.
      svg: ['viewbox', 'width', 'height', 'xmlns', 'role', 'aria-label', 'preserveaspectratio'],
      g: ['transform'],
      line: ['x1', 'y1', 'x2', 'y2', 'marker-end'],
      rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
      circle: ['cx', 'cy', 'r'],
      text: ['x', 'y', 'text-anchor', 'dominant-baseline'],
      path: ['d'],
      polygon: ['points'],
      marker: ['id', 'viewbox', 'refx', 'refy', 'markerwidth', 'markerheight', 'orient'],
      'vscode-textfield': ['placeholder', 'value'],
      'vscode-button': ['secondary', 'icon'],
      'vscode-icon': ['name'],
      'vscode-collapsible': ['title', 'open'],
      'vscode-badge': ['variant'],
    },
    allowedSchemes: ['https', 'http', 'mailto', 'vscode-webview-resource', 'vscode-resource'],
    allowedSchemesByTag: { img: ['https', 'http', 'vscode-webview-resource', 'vscode-resource', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedClasses: { '*': [SAFE_CLASS] },
    exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs['type'] !== 'checkbox',
    transformTags: {
      // A plain href would navigate the webview itself; external links go through the host.
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        const external = href && /^(https?:|mailto:)/i.test(href) ? { 'data-href': href } : {};
        return { tagName, attribs: { ...rest, ...external, href: '#' } };
      },
      img: (tagName, attribs) => {
        const src = attribs['src'] ?? '';
        // Only resources the webview may load, and raster data: URLs as the docs sanitizer judges
        // them (an SVG one could carry script); a relative src would resolve against the webview.
        const allowed =
          /^(https?:|vscode-webview-resource:|vscode-resource:)/i.test(src) ||
          /^https:\/\/[a-z0-9.-]+\.vscode-cdn\.net\//i.test(src) ||
          isSafeDataImage(src);
        return { tagName, attribs: allowed ? attribs : { alt: attribs['alt'] ?? '' } };
      },
      input: (tagName, attribs) => ({
        tagName,
        attribs: { type: 'checkbox', disabled: '', ...(attribs['checked'] !== undefined ? { checked: '' } : {}) },
      }),
    },
  });
}
