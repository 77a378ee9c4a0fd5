import { CatalogIndex } from '../catalog/catalogIndex';
import { parseCatalogFile } from '../catalog/parseCatalogFile';
import type { CatalogProblem } from '../catalog/problems';

/**
 * The problems the catalog would report for the proposal written at `file`: Backstage's own
 * policies and validators (parseCatalogFile), then the cross-file checks (dangling refs,
 * duplicates) against a copy of the workspace index with the proposal in it.
 */
export async function validateProposal(
  text: string,
  file: string,
  workspaceFolder: string,
  catalog?: CatalogIndex,
): Promise<CatalogProblem[]> {
  const parsed = await parseCatalogFile(file, text, { type: 'workspace', folder: workspaceFolder });
  const copy = new CatalogIndex();
  if (catalog) {
    for (const indexed of catalog.indexedFiles()) {
      const result = catalog.fileResult(indexed);
      if (result && indexed !== file) {
        copy.upsertFile(result);
      }
    }
  }
  copy.upsertFile(parsed);
  const problems = copy.problemsOf(file);
  copy.dispose();
  return problems;
}
