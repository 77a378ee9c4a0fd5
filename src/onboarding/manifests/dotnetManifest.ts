import * as path from 'node:path';
import type { FolderFiles } from '../folderFiles';
import { emptyFacts, oneLine, unreadable, type ManifestFacts } from './manifestFacts';
import { parseXml, xmlDescendants, XmlError } from './xmlSubset';

function property(project: ReturnType<typeof parseXml>, name: string): string | undefined {
  const value = xmlDescendants(project, name)[0]?.text.trim();
  return value ? value : undefined;
}

/** The first *.csproj / *.fsproj directly in the folder, in name order. */
async function projectFile(files: FolderFiles, folder: string): Promise<string | undefined> {
  const walked = await files.files(folder);
  const prefix = folder === '' ? '' : `${folder}/`;
  return walked
    .map((entry) => entry.relative)
    .filter(
      (relative) =>
        relative.startsWith(prefix) &&
        !relative.slice(prefix.length).includes('/') &&
        /\.(cs|fs|vb)proj$/.test(relative),
    )
    .sort()[0];
}

/** *.csproj: AssemblyName / PackageId / file name, Description, the Web SDK, OutputType, project references. */
export async function readCsproj(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = await projectFile(files, folder);
  if (!file) {
    return undefined;
  }
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('csproj', file, read);
  }
  let project;
  try {
    project = parseXml(read.text);
  } catch (error) {
    return emptyFacts(
      'csproj',
      file,
      `${file} is not well-formed XML (${error instanceof XmlError ? error.message : String(error)})`,
    );
  }
  const fileName = path.posix.basename(file).replace(/\.(cs|fs|vb)proj$/, '');
  const references = xmlDescendants(project, 'ProjectReference')
    .map((reference) => reference.attributes.get('Include') ?? '')
    .map((include) => path.posix.basename(include.replace(/\\/g, '/')).replace(/\.(cs|fs|vb)proj$/, ''))
    .filter(Boolean);
  const packages = xmlDescendants(project, 'PackageReference')
    .map((reference) => reference.attributes.get('Include') ?? '')
    .filter(Boolean);
  const sdk = project.attributes.get('Sdk') ?? '';
  const outputType = property(project, 'OutputType');
  const serverEvidence = /^Microsoft\.NET\.Sdk\.Web\b/i.test(sdk) ? [`${file} uses the ${sdk} SDK`] : [];
  const frontEndEvidence = /^Microsoft\.NET\.Sdk\.BlazorWebAssembly\b/i.test(sdk)
    ? [`${file} uses the ${sdk} SDK`]
    : [];
  return {
    format: 'csproj',
    file,
    name: property(project, 'PackageId') ?? property(project, 'AssemblyName') ?? fileName,
    description: oneLine(property(project, 'Description')),
    dependencies: [...references, ...packages],
    members: [],
    aggregateOnly: false,
    serverEvidence,
    frontEndEvidence,
    // The Web SDK builds an executable host whatever OutputType says.
    runnableEvidence: [
      ...serverEvidence,
      ...(outputType && /^(Win)?Exe$/i.test(outputType) ? [`${file} has OutputType ${outputType}`] : []),
    ],
  };
}
