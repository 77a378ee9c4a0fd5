// The large workspace of issue 20 for e2e runs: one folder per service, each catalog file a
// Component and its API, and one org file of 40 teams (10,000 files → 20,040 entities).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One folder per service, each file a Component and its API: 2 entities a file, plus the teams. */
export function writeLargeWorkspace(root: string, files: number): void {
  fs.mkdirSync(path.join(root, 'org'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'org', 'catalog-info.yaml'),
    Array.from(
      { length: 40 },
      (_, team) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${team}\nspec:\n  type: team\n  children: []\n`,
    ).join('---\n'),
  );
  for (let file = 0; file < files; file++) {
    const folder = path.join(root, 'services', `area-${Math.floor(file / 100)}`, `svc-${file}`);
    fs.mkdirSync(folder, { recursive: true });
    const owner = `team-${file % 40}`;
    fs.writeFileSync(
      path.join(folder, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${file}\nspec:\n  type: service\n  lifecycle: production\n  owner: ${owner}\n  providesApis: [svc-${file}-api]\n---\n` +
        `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: svc-${file}-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: ${owner}\n  definition: "openapi: 3.0.0"\n`,
    );
  }
}
