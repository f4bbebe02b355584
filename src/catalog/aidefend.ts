/**
 * The AIDEFEND entries the catalog maps controls to: ids and names only, from one pinned release. AIDEFEND ids
 * and names drifted between releases (e.g. AID-H-006.003 and AID-D-005.002 were renamed in the 1.20260930
 * export), so every reference is stored as (id, name) from this table and the release is stated with it.
 *
 * AIDEFEND content is CC BY 4.0; whoever ships these ids and names must carry AIDEFEND_ATTRIBUTION.
 */
import type { FrameworkRef } from './types.js';

/** The pinned AIDEFEND data release (data/data.json `version.dataVersion`). */
export const AIDEFEND_VERSION = '2026.06.25';

/** The attribution the AIDEFEND licence requires, verbatim. */
export const AIDEFEND_ATTRIBUTION =
  'AIDEFEND AI Defense Framework, created by Edward Lee, https://aidefend.net, licensed under CC BY 4.0';

/** How nograd uses the material (CC BY 4.0 asks that changes be indicated). */
export const AIDEFEND_NOTICE =
  `${AIDEFEND_ATTRIBUTION}. nograd uses only entry identifiers and names from data release ${AIDEFEND_VERSION}; ` +
  'the control descriptions are nograd’s own, and a mapping means the entry is relevant, not that the threat ' +
  'is mitigated. The AIDEFEND name and marks are not licensed and are used only to identify the source.';

export const AIDEFEND_ENTRIES = {
  'AID-M-001.002': 'AI System Dependency Mapping',
  'AID-M-002': 'Data Provenance & Lineage Tracking',
  'AID-M-002.003': 'Third-Party Data Vetting',
  'AID-M-003.002': 'Performance & Operational Metric Baselining',
  'AID-M-004': 'AI Threat Modeling & Risk Assessment',
  'AID-M-005.002': 'Configuration Baseline Definition & Posture SLOs',
  'AID-M-006': 'Human-in-the-Loop (HITL) Control Point Mapping',
  'AID-H-001': 'Adversarial Robustness Training',
  'AID-H-002.001': 'Training & Fine-Tuning Data Sanitization',
  'AID-H-002.002': 'Inference-Time Prompt & Input Validation',
  'AID-H-002.003': 'Multimodal Input Sanitization',
  'AID-H-002.004': 'Feature Pipeline Integrity & Transformation Audit',
  'AID-H-002.005': 'Label Provenance, Integrity & Tamper Detection',
  'AID-H-003.001': 'Software Dependency & Package Security',
  'AID-H-003.003': 'Dataset Supply Chain Validation',
  'AID-H-003.006': 'Model SBOM & Provenance Attestation',
  'AID-H-004.002': 'Service & API Authentication',
  'AID-H-006.003': 'Passive AI Output Obfuscation',
  'AID-H-007.004': 'Evaluation Data Integrity, Sufficiency Assurance & Promotion Governance',
  'AID-H-015': 'Ensemble Methods for Robustness',
  'AID-D-001': 'Adversarial Input & Prompt Injection Detection',
  'AID-D-002.001': 'Input/Output Distribution Drift Monitoring',
  'AID-D-002.002': 'Labeled Performance Tracking with Ground Truth Feedback Loop',
  'AID-D-004.001': 'Static Artifact Hash & Signature Verification',
  'AID-D-005.001': 'AI System Log Generation & Collection',
  'AID-D-005.002': 'Security Monitoring & Alerting for AI',
  'AID-D-005.007': 'Token, Tool-Use, Request-Parameter & Cost Spike Detection & Alerting',
  'AID-D-007': 'Multimodal Inconsistency Detection',
  'AID-D-008': 'AI-Based Security Analytics for AI systems',
  'AID-D-017': 'AI Detection SLO & Alert-Coverage Measurement',
  'AID-I-003': 'Quarantine & Throttling of AI Interactions',
} as const;
export type AidefendId = keyof typeof AIDEFEND_ENTRIES;

export const AIDEFEND_ID_PATTERN = /^AID-(M|H|D|I|DV|E|R)-\d{3}(\.\d{3})?$/;

/** Build an (id, name) reference; the id is checked at compile time, so the name always comes from this table. */
export function aidefend(id: AidefendId): FrameworkRef {
  return { id, name: AIDEFEND_ENTRIES[id] };
}

/** The entry's page on the AIDEFEND site. */
export function aidefendUrl(id: string): string {
  return `https://aidefend.net/#t=${id}`;
}
