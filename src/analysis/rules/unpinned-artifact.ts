import type { Rule } from '../rule.js';

/** A model or dataset that can change under you is a supply-chain door (ATLAS AML.T0010). */
export const unpinnedArtifact: Rule = {
  id: 'unpinned-artifact',
  title: 'Unpinned or unhashed external artifact',
  severity: 'medium',
  severityReason: 'a library that changes under you can change behaviour; raised to high for models and datasets',
  description:
    'An external dependency has no pinned exact version or no content hash. Models and datasets are high severity: they decide what the system learns.',
  remediation: ['artifact-pinning', 'dependency-mapping'],
  atlas: ['AML.T0010'],
  check(ctx) {
    return ctx.model.dependencies.flatMap((d, i) => {
      const problems = [...(d.pinned ? [] : ['not pinned']), ...(d.hash ? [] : ['no hash'])];
      if (problems.length === 0) return [];
      const artifact = d.type === 'model' || d.type === 'dataset';
      return [
        {
          component: d.usedBy?.[0],
          message: `${d.type} '${d.name}'${d.version ? `@${d.version}` : ''} is ${problems.join(' and ')}`,
          path: ['dependencies', i],
          evidence: [
            { fact: `dependency ${d.id}: ${problems.join(', ')}`, location: ctx.positionOf(['dependencies', i]) },
          ],
          ...(artifact
            ? {
                severity: 'high' as const,
                severityReason: `an unpinned ${d.type} can be swapped for a poisoned one (AML.T0010)`,
              }
            : {}),
          atlas: artifact ? [d.type === 'model' ? 'AML.T0010.003' : 'AML.T0010.002'] : ['AML.T0010.001'],
        },
      ].map((h) => ({ ...h, component: h.component ?? `dependency:${d.id}` }));
    });
  },
};
