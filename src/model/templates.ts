/** Model templates for `nograd init`: the shipped examples, plus a commented blank model. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEMPLATES = ['mail-filter', 'phishing-pages', 'abuse-funnel', 'blank'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** Root of the installed package (two levels above dist/model or src/model). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/system-model.schema.json', import.meta.url));

export function examplePath(name: Exclude<TemplateName, 'blank'>): string {
  return fileURLToPath(new URL(`../../examples/${name}/system.yaml`, import.meta.url));
}

const SCHEMA_HEADER = /^# yaml-language-server: \$schema=.*\n/;

/** The template text with its `$schema` header pointing at `schemaRef`. */
export function templateText(name: TemplateName, schemaRef: string): string {
  const header = `# yaml-language-server: $schema=${schemaRef}\n`;
  if (name === 'blank') return header + BLANK;
  const path = examplePath(name);
  if (!existsSync(path)) throw new Error(`template file missing from the package: ${path}`);
  return header + readFileSync(path, 'utf8').replace(SCHEMA_HEADER, '');
}

const BLANK = `# A nograd system model. Reference: docs/model-reference.md in the nograd package.
# Describe the WHOLE ML system: what collects input, what preprocesses it, the model, the policy that turns a score
# into a decision, who reviews, what feeds back into training - and, per component, what an attacker can read and write.
nograd: 1
system:
  id: my-system
  name: My ML system
  visibility: invisible   # open | closed-unrestricted | closed-restricted | invisible

components:
  - id: intake
    kind: input-source
    layer: application
    description: Where inputs arrive.
  - id: classifier
    kind: model
    layer: application
    paradigm: shallow
    assumptions:
      - id: text-is-what-users-see
        text: The text the model reads is the text a user sees.
    outputs:
      - { name: score, kind: score, visibleTo: [operator] }
  - id: policy
    kind: policy
    layer: application
    properties: { threshold: 0.5 }

flows:
  - { from: intake, to: classifier, kind: live }
  - { from: classifier, to: policy, kind: live }

controls: []

attackers:
  - id: evader
    goal: evade
    target: policy
    budget: { money: 100, humanHours: 10, queries: 1000 }
    access:
      - component: intake
        knowledge: perfect
        read: [decision]
        write: [live-input]
      - component: classifier
        knowledge: zero
        read: [none]
        write: [none]
`;
