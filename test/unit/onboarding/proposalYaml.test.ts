import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_ONBOARDING, EMPTY_CATALOG, proposeOnboarding, renderProposalYaml } from '../../../src/onboarding';
import { MemoryFileSystem } from '../support/memoryFileSystem';

describe('onboarding: the proposal as YAML', () => {
  it('wraps the header and its notes to fit a half-width diff pane, and keeps every word', async () => {
    // No .git folder: the proposal carries the long "No repository annotations: …" note.
    const fs = new MemoryFileSystem({
      '/ws/repo/pyproject.toml':
        '[project]\nname = "billing-worker"\ndescription = "Turns usage records into invoices"\n',
      '/ws/repo/Dockerfile': 'FROM python:3.12\n',
    });
    const proposal = await proposeOnboarding({
      fs,
      boundary: '/ws',
      folder: '/ws/repo',
      catalog: EMPTY_CATALOG,
      defaults: DEFAULT_ONBOARDING,
    });
    const text = renderProposalYaml(proposal);
    const header = text.split('\n').filter((line) => line.startsWith('#'));
    assert.ok(
      header.some((line) => line.includes('No repository annotations')),
      'the note is in the header',
    );
    for (const line of header) {
      assert.ok(line.length <= 72, `header line of ${line.length} characters: ${line}`);
    }
    const words = (lines: readonly string[]): string =>
      lines
        .map((line) => line.replace(/^#\s*/, ''))
        .join(' ')
        .split(/\s+/)
        .filter((word) => word !== '' && word !== '-')
        .join(' ');
    const expected = [
      'Proposed by Greenroom from what this folder already says.',
      'Each comment names where its value came from; lines marked ASK still need a choice.',
      'Notes:',
      ...proposal.notes,
    ];
    assert.equal(words(header), words(expected), 'wrapping lost or changed a word');
    // Still one valid document whose values are untouched by the header.
    const [document] = parseAllDocuments(text);
    assert.equal(document?.errors.length, 0);
    assert.equal((document?.toJS() as { metadata: { name: string } }).metadata.name, 'billing-worker');
  });
});
