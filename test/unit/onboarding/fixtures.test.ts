import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import {
  applyAnswers,
  openQuestions,
  renderProposalYaml,
  validateProposal,
  type OnboardingProposal,
  type ProposedComponent,
} from '../../../src/onboarding';
import { catalogWith, FIXTURES, proposeFixture } from './onboardingFixtures';

function component(proposal: OnboardingProposal, name: string): ProposedComponent {
  const found = proposal.components.find((candidate) => candidate.name.value === name);
  assert.ok(
    found,
    `no component ${name}; got ${proposal.components.map((candidate) => candidate.name.value).join(', ')}`,
  );
  return found;
}

const names = (proposal: OnboardingProposal): string[] =>
  proposal.components.map((candidate) => candidate.name.value).sort();
const depends = (entry: ProposedComponent): string[] => entry.dependsOn.map((dependency) => dependency.value).sort();
const annotation = (entry: ProposedComponent, key: string): string | undefined => entry.annotations.get(key)?.value;

/** Groups the fixtures' CODEOWNERS name, so owners map. */
const ORG = { groups: ['maintainers', 'backend-team', 'devrel-team', 'platform'], users: ['andarist'], systems: {} };

describe('onboarding: real-world repository layouts', () => {
  it('express (npm library): name and description from package.json, library, GitHub annotations with origin/HEAD', async () => {
    const { proposal } = await proposeFixture('express');
    const express = component(proposal, 'express');
    assert.equal(express.description?.value, 'Fast, unopinionated, minimalist web framework');
    assert.equal(express.type?.value, 'library');
    assert.equal(annotation(express, 'github.com/project-slug'), 'expressjs/express');
    assert.equal(
      annotation(express, 'backstage.io/source-location'),
      'url:https://github.com/expressjs/express/tree/master/',
    );
    assert.equal(proposal.questions.get('express')?.[0]?.field, 'owner');
  });

  it('spring-petclinic (Maven): artifactId name, <name> title, service from k8s/ and spring-boot-starter-web, scp-like remote', async () => {
    const { proposal } = await proposeFixture('spring-petclinic');
    const petclinic = component(proposal, 'spring-petclinic');
    assert.equal(petclinic.title?.value, 'petclinic');
    assert.equal(petclinic.type?.value, 'service');
    assert.match(petclinic.type?.reason ?? '', /k8s\/petclinic\.yml is a Kubernetes/);
    assert.equal(annotation(petclinic, 'github.com/project-slug'), 'spring-projects/spring-petclinic');
  });

  it('ripgrep (Cargo workspace): one component per crate plus the root crate, dependsOn by crate name', async () => {
    const { proposal } = await proposeFixture('ripgrep');
    assert.deepEqual(names(proposal), ['globset', 'grep', 'grep-cli', 'grep-matcher', 'ignore', 'ripgrep']);
    assert.deepEqual(depends(component(proposal, 'ripgrep')), ['component:grep', 'component:ignore']);
    assert.deepEqual(depends(component(proposal, 'grep')), ['component:grep-cli', 'component:grep-matcher']);
    assert.deepEqual(depends(component(proposal, 'ignore')), ['component:globset']);
    assert.equal(component(proposal, 'globset').type?.value, 'library');
    assert.match(component(proposal, 'ripgrep').description?.value ?? '', /^ripgrep is a line-oriented search tool/);
    // The root crate has [[bin]] and nothing serves: a question, not a guess.
    assert.deepEqual(
      proposal.questions
        .get('ripgrep')
        ?.map((question) => question.field)
        .sort(),
      ['owner', 'type'],
    );
    assert.equal(
      annotation(component(proposal, 'grep-cli'), 'backstage.io/source-location'),
      'url:https://github.com/BurntSushi/ripgrep/tree/master/crates/cli/',
    );
  });

  it("cobra (Go library): the module path's last segment names it, no title", async () => {
    const { proposal } = await proposeFixture('cobra');
    const cobra = component(proposal, 'cobra');
    assert.equal(cobra.title, undefined);
    assert.equal(cobra.type?.value, 'library');
  });

  it('flask (PEP 621): lower-cased name (no title for a change of case), docs/ gives techdocs-ref, @org/team owner', async () => {
    const { proposal } = await proposeFixture('flask', { index: await catalogWith(ORG) });
    const flask = component(proposal, 'flask');
    assert.equal(flask.title, undefined);
    assert.match(flask.name.reason, /normalised from "Flask"/);
    assert.equal(annotation(flask, 'backstage.io/techdocs-ref'), 'dir:.');
    assert.equal(flask.owner?.value, 'maintainers');
    assert.match(flask.owner?.reason ?? '', /\.github\/CODEOWNERS:2/);
    assert.match(annotation(flask, 'backstage.io/source-location') ?? '', /tree\/main\/$/);
    assert.equal(proposal.questions.get('flask')?.[0]?.field, 'type', 'a CLI script is not evidence of a service');
  });

  it('full-stack-fastapi-template backend (Poetry, GitLab remote): service, folder CODEOWNERS rule, gitlab.com/project-slug', async () => {
    const { proposal } = await proposeFixture('full-stack-fastapi-template', {
      folder: 'backend',
      index: await catalogWith(ORG),
    });
    const app = component(proposal, 'app');
    assert.equal(app.type?.value, 'service');
    assert.equal(app.owner?.value, 'backend-team');
    assert.equal(annotation(app, 'gitlab.com/project-slug'), 'fastapi-mirror/full-stack-fastapi-template');
    assert.equal(annotation(app, 'github.com/project-slug'), undefined);
    assert.equal(
      annotation(app, 'backstage.io/source-location'),
      'url:https://gitlab.com/fastapi-mirror/full-stack-fastapi-template/-/tree/master/backend/',
    );
    assert.equal(proposal.descriptorPath, '/ws/full-stack-fastapi-template/backend/catalog-info.yaml');
  });

  it('gatsby-starter-blog: website from gatsby-config.js', async () => {
    const { proposal } = await proposeFixture('gatsby-starter-blog');
    assert.equal(component(proposal, 'gatsby-starter-blog').type?.value, 'website');
  });

  it('changesets (yarn workspaces): scoped names normalised, private root skipped, CODEOWNERS user rule wins for its folder', async () => {
    const { proposal } = await proposeFixture('changesets', { index: await catalogWith(ORG) });
    assert.deepEqual(names(proposal), ['changesets-apply-release-plan', 'changesets-cli', 'changesets-types']);
    const cli = component(proposal, 'changesets-cli');
    assert.equal(cli.title?.value, '@changesets/cli');
    assert.deepEqual(depends(cli), ['component:changesets-apply-release-plan', 'component:changesets-types']);
    assert.equal(cli.owner?.value, 'user:andarist');
    assert.equal(component(proposal, 'changesets-types').owner?.value, 'maintainers');
    assert.ok(proposal.notes.some((note) => note.includes('"scripts/*" matches no folder')));
  });

  it('CleanArchitecture (.NET): projects split, Web SDK is a service, ProjectReference dependsOn, NSwag OpenAPI JSON', async () => {
    const { proposal } = await proposeFixture('CleanArchitecture');
    assert.deepEqual(
      names(proposal),
      [
        'cleanarchitecture.application',
        'cleanarchitecture.domain',
        'cleanarchitecture.infrastructure',
        'cleanarchitecture.web',
      ],
      'test projects are not components',
    );
    const web = component(proposal, 'cleanarchitecture.web');
    assert.equal(web.type?.value, 'service');
    assert.deepEqual(depends(web), [
      'component:cleanarchitecture.application',
      'component:cleanarchitecture.infrastructure',
    ]);
    assert.deepEqual(
      web.providesApis.map((api) => api.value),
      ['cleanarchitecture-api'],
    );
    assert.equal(web.apis[0]?.definition.value, './src/Web/wwwroot/api/specification.json');
    assert.equal(web.apis[0]?.type.value, 'openapi');
  });

  it('consul (Go multi-module): root module plus api/ and sdk/, dependsOn by module path; docs-only CODEOWNERS asks', async () => {
    const { proposal } = await proposeFixture('consul', { index: await catalogWith(ORG) });
    assert.deepEqual(names(proposal), ['api', 'consul', 'sdk']);
    assert.deepEqual(depends(component(proposal, 'consul')), ['component:api', 'component:sdk']);
    assert.deepEqual(depends(component(proposal, 'api')), ['component:sdk']);
    assert.equal(component(proposal, 'consul').type?.value, 'service');
    const ownerQuestion = proposal.questions.get('consul')?.find((question) => question.field === 'owner');
    assert.deepEqual(ownerQuestion?.choices, ['backend-team', 'devrel-team', 'maintainers', 'platform']);
  });

  it('swagger-petstore: an OpenAPI API named from info.title, provided by the service', async () => {
    const { proposal } = await proposeFixture('swagger-petstore');
    const petstore = component(proposal, 'swagger-petstore-v3');
    assert.equal(petstore.title, undefined, 'a <name> equal to the name is no title');
    assert.deepEqual(
      petstore.providesApis.map((api) => api.value),
      ['swagger-petstore-openapi-3.0'],
    );
    assert.equal(petstore.apis[0]?.title?.value, 'Swagger Petstore - OpenAPI 3.0');
    assert.match(petstore.apis[0]?.description?.value ?? '', /sample Pet Store Server/);
  });

  it('microservices-demo: no manifest (folder name), Kubernetes manifests make a service, protobuf services become gRPC APIs', async () => {
    const { proposal } = await proposeFixture('microservices-demo', { index: await catalogWith(ORG) });
    const demo = component(proposal, 'microservices-demo');
    assert.equal(demo.type?.value, 'service');
    assert.deepEqual(
      demo.apis.map((api) => [api.name.value, api.type.value, api.definition.value]),
      [
        ['hipstershop', 'grpc', './protos/demo.proto'],
        ['health', 'grpc', './protos/grpc/health/v1/health.proto'],
      ],
    );
    assert.equal(demo.owner?.value, 'devrel-team');
  });

  it('swapi-graphql: a GraphQL schema named after its component, express + start script make a service', async () => {
    const { proposal } = await proposeFixture('swapi-graphql');
    const swapi = component(proposal, 'swapi-graphql');
    assert.equal(swapi.type?.value, 'service');
    assert.deepEqual(
      swapi.apis.map((api) => [api.name.value, api.type.value]),
      [['swapi-graphql-api', 'graphql']],
    );
  });

  it('retrofit (Gradle): settings includes become components, project(":retrofit") becomes dependsOn', async () => {
    const { proposal } = await proposeFixture('retrofit');
    assert.deepEqual(names(proposal), ['gson', 'moshi', 'retrofit']);
    assert.deepEqual(depends(component(proposal, 'gson')), ['component:retrofit']);
    assert.deepEqual(depends(component(proposal, 'moshi')), ['component:retrofit']);
    assert.equal(component(proposal, 'retrofit').description?.value, 'A type-safe HTTP client for Android and Java.');
  });

  describe('every fixture, answered, validates with zero errors against its workspace catalog', () => {
    for (const name of readdirSync(FIXTURES).filter((entry) => entry !== 'README.md')) {
      it(name, async () => {
        const index = await catalogWith(ORG);
        const { proposal } = await proposeFixture(name, {
          index,
          folder: name === 'full-stack-fastapi-template' ? 'backend' : undefined,
        });
        const answered = applyAnswers(proposal, { owner: 'platform', type: 'service' });
        assert.deepEqual(openQuestions(answered), []);
        const text = renderProposalYaml(answered);
        const problems = await validateProposal(text, answered.descriptorPath, `/ws/${name}`, index);
        assert.deepEqual(
          problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message),
          [],
        );
        // Every refs resolves: owners are catalog groups, dependsOn and providesApis point inside the proposal.
        assert.deepEqual(
          problems.map((problem) => problem.message),
          [],
        );
        assert.ok(
          text
            .split('\n')
            .filter(
              (line) =>
                /^\s+\w[\w.-]*: /.test(line) &&
                !/^\s+(apiVersion|kind|metadata|spec|annotations|definition):/.test(line),
            )
            .every((line) => line.includes(' # ')),
          'every value carries its reason',
        );
      });
    }
  });
});
