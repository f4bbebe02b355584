/**
 * Benchmark support: generate a large, valid system model as YAML (a long funnel with side components, controls
 * and attackers), so loading and validation can be timed at scale.
 */
import { COMPONENT_KINDS, LAYERS } from './vocabulary.js';

/** Kinds that may sit on a live chain (feedback and training data join through feedback/training flows). */
const CHAIN_KINDS = COMPONENT_KINDS.filter((k) => k !== 'feedback' && k !== 'training-data' && k !== 'input-source');

export function generateModelYaml(components: number, attackers = 10): string {
  const lines = ['nograd: 1', 'system: { id: generated, name: Generated model }', 'components:'];
  for (let i = 0; i < components; i++) {
    const kind = i === 0 ? 'input-source' : CHAIN_KINDS[i % CHAIN_KINDS.length];
    const layer = LAYERS[Math.min(3, Math.floor((i / components) * 4))];
    lines.push(`  - id: c${i}`);
    lines.push(`    kind: ${kind}`);
    lines.push(`    layer: ${layer}`);
    lines.push(`    description: Generated component ${i} of ${components}.`);
    if (i % 5 === 0)
      lines.push(`    assumptions:\n      - { id: a${i}, text: "Inputs to c${i} are plain ASCII words" }`);
    if (i % 7 === 0) lines.push(`    properties: { threshold: 0.5, capacityPerDay: ${100 + i} }`);
  }
  lines.push('flows:');
  for (let i = 1; i < components; i++) lines.push(`  - { from: c${i - 1}, to: c${i}, kind: live }`);
  lines.push('controls:');
  for (let i = 0; i < components; i += 10)
    lines.push(`  - { id: k${i}, catalog: rate-limit, on: [c${i}], effectiveness: 0.5 }`);
  lines.push('attackers:');
  for (let a = 0; a < attackers; a++) {
    lines.push(
      `  - id: atk${a}`,
      '    goal: evade',
      `    target: c${components - 1}`,
      '    budget: { money: 100, queries: 1000 }',
      '    access:',
    );
    lines.push(`      - { component: c0, knowledge: perfect, read: [decision], write: [live-input] }`);
  }
  return `${lines.join('\n')}\n`;
}
