import { joinRelative, type FolderFiles } from '../folderFiles';
import { emptyFacts, markerEvidence, oneLine, unreadable, type ManifestFacts } from './manifestFacts';
import { parseXml, xmlChildren, xmlText, XmlError } from './xmlSubset';

/** Artifacts (and Gradle plugin ids) that mean the package serves requests. */
const SERVER_ARTIFACTS: ReadonlySet<string> = new Set([
  'spring-boot-starter-web',
  'spring-boot-starter-webflux',
  'spring-boot-starter-jersey',
  'quarkus-resteasy',
  'quarkus-resteasy-reactive',
  'quarkus-rest',
  'micronaut-http-server-netty',
  'dropwizard-core',
  'vertx-web',
  'ktor-server-core',
  'ktor-server-netty',
  'helidon-webserver',
]);

/** pom.xml: artifactId, name, description, `<modules>`, dependencies' artifactIds. */
export async function readPom(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = joinRelative(folder, 'pom.xml');
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('pom.xml', file, read);
  }
  let pom;
  try {
    pom = parseXml(read.text);
  } catch (error) {
    return emptyFacts(
      'pom.xml',
      file,
      `${file} is not well-formed XML (${error instanceof XmlError ? error.message : String(error)})`,
    );
  }
  const dependencies = [...xmlChildren(xmlChildren(pom, 'dependencies')[0], 'dependency')]
    .map((dependency) => xmlText(dependency, 'artifactId'))
    .filter((name): name is string => name !== undefined);
  const modules = xmlChildren(xmlChildren(pom, 'modules')[0], 'module')
    .map((module) => module.text.trim())
    .filter((module) => module.length > 0);
  const plugins = xmlChildren(xmlChildren(xmlChildren(pom, 'build')[0], 'plugins')[0], 'plugin').map((plugin) =>
    xmlText(plugin, 'artifactId'),
  );
  const runnable = plugins.includes('spring-boot-maven-plugin') ? [`${file} builds with spring-boot-maven-plugin`] : [];
  const packaging = xmlText(pom, 'packaging');
  return {
    format: 'pom.xml',
    file,
    name: xmlText(pom, 'artifactId'),
    displayName: xmlText(pom, 'name'),
    description: oneLine(xmlText(pom, 'description')),
    dependencies,
    members: modules,
    aggregateOnly: packaging === 'pom',
    serverEvidence: markerEvidence(dependencies, SERVER_ARTIFACTS, file),
    frontEndEvidence: [],
    runnableEvidence: packaging === 'war' ? [...runnable, `${file} packages a war`] : runnable,
  };
}

/** `implementation("group:artifact:1.0")`, `implementation 'group:artifact'`, `project(":core")`. */
function gradleDependencies(text: string): { artifacts: string[]; projects: string[] } {
  const artifacts = [...text.matchAll(/["']([\w.-]+):([\w.-]+)(?::[^"']*)?["']/g)].map((match) => match[2] ?? '');
  const projects = [...text.matchAll(/project\(\s*(?:path\s*[:=]\s*)?["']:?([\w.:-]+)["']\s*\)/g)].map(
    (match) => (match[1] ?? '').split(':').pop() ?? '',
  );
  return { artifacts: artifacts.filter(Boolean), projects: projects.filter(Boolean) };
}

/** settings.gradle(.kts): `rootProject.name` and `include(...)` project paths as folders. */
async function gradleSettings(files: FolderFiles, folder: string): Promise<{ rootName?: string; includes: string[] }> {
  for (const name of ['settings.gradle.kts', 'settings.gradle']) {
    const read = await files.readText(joinRelative(folder, name));
    if (read.kind !== 'text') {
      continue;
    }
    const rootName = /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(read.text)?.[1];
    const includes: string[] = [];
    for (const statement of read.text.matchAll(/^\s*include\s*\(?([^\n)]*)\)?/gm)) {
      for (const project of (statement[1] ?? '').matchAll(/["']:?([\w.:-]+)["']/g)) {
        includes.push((project[1] ?? '').replace(/:/g, '/'));
      }
    }
    return { ...(rootName ? { rootName } : {}), includes };
  }
  return { includes: [] };
}

/** build.gradle(.kts): Gradle says little in the build file; the name comes from settings or the folder. */
export async function readGradle(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  for (const name of ['build.gradle.kts', 'build.gradle']) {
    const file = joinRelative(folder, name);
    const read = await files.readText(file);
    if (read.kind === 'missing') {
      continue;
    }
    if (read.kind === 'too-large') {
      return unreadable('build.gradle', file, read);
    }
    const settings = await gradleSettings(files, folder);
    const { artifacts, projects } = gradleDependencies(read.text);
    const description = /^\s*description\s*=\s*["']([^"']+)["']/m.exec(read.text)?.[1];
    const runnable: string[] = [];
    if (/\bid\s*\(?\s*["']application["']|apply\s+plugin:\s*["']application["']|^\s*application\b/m.test(read.text)) {
      runnable.push(`${file} applies the "application" plugin`);
    }
    if (/org\.springframework\.boot/.test(read.text)) {
      runnable.push(`${file} applies the Spring Boot plugin`);
    }
    const serverEvidence = markerEvidence(artifacts, SERVER_ARTIFACTS, file);
    return {
      format: 'build.gradle',
      file,
      name: settings.rootName,
      description: oneLine(description),
      dependencies: [...new Set([...artifacts, ...projects])],
      members: settings.includes,
      aggregateOnly: settings.includes.length > 0 && !/\b(implementation|api|compile)\b/.test(read.text),
      serverEvidence,
      frontEndEvidence: [],
      runnableEvidence: runnable,
    };
  }
  return undefined;
}
