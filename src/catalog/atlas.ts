/**
 * The MITRE ATLAS identifiers the catalog uses, with their names as published in the pinned release. Only ids and
 * names are stored (no descriptions). Names changed between releases (4.9.0 moved "ML" wording to "AI"; v6
 * renames T0020), so the release is pinned and the names are checked by tests against this one table.
 */
import type { FrameworkRef } from './types.js';

export const ATLAS_VERSION = '5.6.0';

export const ATLAS_NOTICE =
  'MITRE ATLAS data (release 5.6.0, https://github.com/mitre-atlas/atlas-data), Copyright 2021-2025 MITRE, ' +
  'licensed under the Apache License 2.0. nograd uses only technique and mitigation identifiers and names. ' +
  'MITRE ATLAS is a trademark of MITRE.';

/** Techniques and sub-techniques (sub-techniques carry their short ATLAS name; the parent is listed too). */
export const ATLAS_TECHNIQUES = {
  'AML.T0005': 'Create Proxy AI Model',
  'AML.T0005.001': 'Train Proxy via Replication',
  'AML.T0005.002': 'Use Pre-Trained Model',
  'AML.T0010': 'AI Supply Chain Compromise',
  'AML.T0010.001': 'AI Software',
  'AML.T0010.002': 'Data',
  'AML.T0010.003': 'Model',
  'AML.T0011': 'User Execution',
  'AML.T0011.001': 'Malicious Package',
  'AML.T0011.003': 'Malicious Link',
  'AML.T0012': 'Valid Accounts',
  'AML.T0015': 'Evade AI Model',
  'AML.T0019': 'Publish Poisoned Datasets',
  'AML.T0020': 'Poison Training Data',
  'AML.T0021': 'Establish Accounts',
  'AML.T0024': 'Exfiltration via AI Inference API',
  'AML.T0024.002': 'Extract AI Model',
  'AML.T0031': 'Erode AI Model Integrity',
  'AML.T0040': 'AI Model Inference API Access',
  'AML.T0042': 'Verify Attack',
  'AML.T0043': 'Craft Adversarial Data',
  'AML.T0043.000': 'White-Box Optimization',
  'AML.T0043.001': 'Black-Box Optimization',
  'AML.T0043.002': 'Black-Box Transfer',
  'AML.T0043.003': 'Manual Modification',
  'AML.T0044': 'Full AI Model Access',
  'AML.T0046': 'Spamming AI System with Chaff Data',
  'AML.T0047': 'AI-Enabled Product or Service',
  'AML.T0052': 'Phishing',
  'AML.T0055': 'Unsecured Credentials',
  'AML.T0059': 'Erode Dataset Integrity',
  'AML.T0091': 'Use Alternate Authentication Material',
  'AML.T0091.000': 'Application Access Token',
} as const;
export type AtlasTechniqueId = keyof typeof ATLAS_TECHNIQUES;

export const ATLAS_MITIGATIONS = {
  'AML.M0002': 'Passive AI Output Obfuscation',
  'AML.M0003': 'Model Hardening',
  'AML.M0004': 'Restrict Number of AI Model Queries',
  'AML.M0006': 'Use Ensemble Methods',
  'AML.M0007': 'Sanitize Training Data',
  'AML.M0008': 'Validate AI Model',
  'AML.M0009': 'Use Multi-Modal Sensors',
  'AML.M0010': 'Input Restoration',
  'AML.M0013': 'Code Signing',
  'AML.M0014': 'Verify AI Artifacts',
  'AML.M0015': 'Adversarial Input Detection',
  'AML.M0019': 'Control Access to AI Models and Data in Production',
  'AML.M0023': 'AI Bill of Materials',
  'AML.M0024': 'AI Telemetry Logging',
  'AML.M0025': 'Maintain AI Dataset Provenance',
} as const;
export type AtlasMitigationId = keyof typeof ATLAS_MITIGATIONS;

export const ATLAS_ID_PATTERN = /^AML\.(T|M)\d{4}(\.\d{3})?$/;

/** Build an (id, name) reference; the id is checked at compile time, so the name always comes from this table. */
export function atlasMitigation(id: AtlasMitigationId): FrameworkRef {
  return { id, name: ATLAS_MITIGATIONS[id] };
}

/** Name of any ATLAS id in the tables (technique or mitigation), or undefined. */
export function atlasName(id: string): string | undefined {
  return (ATLAS_TECHNIQUES as Record<string, string>)[id] ?? (ATLAS_MITIGATIONS as Record<string, string>)[id];
}

/** The parent of a sub-technique id (`AML.T0043.003` → `AML.T0043`), or undefined for a top-level id. */
export function atlasParent(id: string): string | undefined {
  const m = /^(AML\.[TM]\d{4})\.\d{3}$/.exec(id);
  return m?.[1];
}
