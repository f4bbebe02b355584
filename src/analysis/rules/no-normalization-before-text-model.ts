import type { Rule } from '../rule.js';
import { isTextModel } from './helpers.js';

const NORMALIZERS = ['input-normalization', 'confusable-skeleton', 'hidden-text-stripping', 'nested-encoding-decoding'];

/** Confusables, zero-width characters and hidden text are the cheapest text evasions; normalization defuses them. */
export const noNormalizationBeforeTextModel: Rule = {
  id: 'no-normalization-before-text-model',
  title: 'No input normalization in front of a text model',
  severity: 'high',
  severityReason: 'confusable characters and hidden text cost an attacker minutes and no knowledge of the model',
  description:
    'A text/HTML model has no implemented normalization control (Unicode normalization, confusable skeleton, hidden-text stripping, nested-decoding) on its live input path.',
  remediation: NORMALIZERS,
  atlas: ['AML.T0043.003', 'AML.T0015'],
  check(ctx) {
    return ctx.graph
      .ofKind('model')
      .filter(isTextModel)
      .flatMap((m) => {
        const path = [m.id, ...ctx.graph.upstream(m.id, ['live'])];
        const normalizers = path
          .flatMap((id) => ctx.graph.controls(id))
          .filter((c) => c.catalog && NORMALIZERS.includes(c.catalog));
        if (normalizers.some((c) => c.status === 'implemented')) return [];
        const planned = normalizers.filter((c) => c.status === 'planned');
        return [
          {
            component: m.id,
            message: `no normalization runs before text model '${m.id}'${planned.length ? ` (planned: ${planned.map((c) => c.id).join(', ')})` : ''}`,
            path: ctx.componentPath(m.id),
            evidence: [
              { fact: `live path into ${m.id}: ${path.join(', ')}` },
              ...planned.map((c) => ({
                fact: `planned control ${c.id} (${c.catalog})`,
                location: ctx.positionOf(['controls', ctx.model.controls.indexOf(c)]),
              })),
            ],
          },
        ];
      });
  },
};
