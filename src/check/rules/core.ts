import { findDuplicateKeys } from '../duplicate-keys';
import type { CheckContext, Rule } from '../engine';
import { valuePositionOf } from '../resources';
import { positionAt, type YamlSource } from '../source';
import { removedFluxApiVersions } from './api-versions';

function duplicatesIn(ctx: CheckContext, source: YamlSource, where: string) {
  return source.documents.flatMap((doc) =>
    findDuplicateKeys(doc).map((dup) => {
      const first = positionAt(source, dup.firstOffset);
      return ctx.diagnostic(
        'duplicate-key',
        source.path,
        positionAt(source, dup.offset),
        dup.merge
          ? `merge key "<<" repeats${where} (first at ${first.line}:${first.column}); kustomize refuses "duplicate merge key"`
          : `key "${dup.key}" repeats${where} (first at ${first.line}:${first.column})`,
        dup.merge ? 'merge several maps with one key: <<: [*a, *b]' : 'merge the two maps into one, or remove one of the keys',
      );
    }),
  );
}

/**
 * duplicate-key: a repeated key in any mapping, with go-yaml v3's notion of equal keys (which
 * kustomize and Flux use), in every file including kustomization.yaml (which kustomize reads
 * last-wins), and in values files embedded in ConfigMaps and Secrets (which Helm reads last-wins).
 */
export const duplicateKeyRule: Rule = {
  id: 'duplicate-key',
  run: (ctx) => [
    ...ctx.sources.flatMap((s) => duplicatesIn(ctx, s, '')),
    ...ctx.embedded.flatMap((e) => duplicatesIn(ctx, e.source, ` in ${e.host.kind} ${e.host.name} ${e.path.join('.')}`)),
  ],
};

/** yaml-syntax: the first parse error of each document (later ones are usually its echoes). */
export const yamlSyntaxRule: Rule = {
  id: 'yaml-syntax',
  run: (ctx) => {
    const report = (source: YamlSource, where: string) =>
      source.documents.flatMap((doc) => {
        const e = doc.errors[0];
        if (!e) return [];
        return [ctx.diagnostic('yaml-syntax', source.path, positionAt(source, e.pos[0]), `${e.message.split('\n')[0]}${where}`)];
      });
    return [...ctx.sources.flatMap((s) => report(s, '')), ...ctx.embedded.flatMap((e) => report(e.source, ` (in ${e.host.kind} ${e.host.name} ${e.path.join('.')})`))];
  },
};

/** removed-api-version: a Flux object of an API version the controllers no longer serve. */
export const removedApiVersionRule: Rule = {
  id: 'removed-api-version',
  run: (ctx) =>
    ctx.resources.flatMap((r) => {
      const removed = removedFluxApiVersions.find((v) => v.apiVersion === r.apiVersion);
      if (!removed) return [];
      return [
        ctx.diagnostic(
          'removed-api-version',
          r.source.path,
          valuePositionOf(r, ['apiVersion']),
          `${r.apiVersion} ${r.kind} was removed in ${removed.removedIn}; Flux no longer serves it`,
          `use apiVersion: ${removed.replacement} (run \`flux migrate\` before upgrading a cluster that still stores the old version)`,
        ),
      ];
    }),
};

