/**
 * The rules `nograd monitor check` uses when no --rules file is given. Kept as YAML text (not a TS object) so
 * `nograd monitor rules --print` shows users exactly the format they would write, and so the defaults go through
 * the same validation as any user file. Why these numbers: docs/monitor.md.
 */
export const DEFAULT_RULES_YAML = `# nograd monitor — default alert rules (print with: nograd monitor rules --print)
# A rule watches a signal (a detector with its own params) or a metric (op + threshold).
# persistence "k/n": alert only when the condition held in k of the last n windows.
version: 1
rules:
  - id: probing
    signal: probing
    severity: high
    description: One account or source hammers the decision boundary with near-threshold inputs.
  - id: template-surge
    signal: template-surge
    severity: medium
    description: A near-duplicate template takes a share of traffic far beyond its baseline share.
  - id: feedback-spike
    signal: feedback-spike
    severity: high
    description: '"Not spam" reports spike, especially on messages from young accounts.'
  - id: layer-silence
    signal: layer-silence
    severity: high
    description: A funnel component that used to block has (almost) stopped blocking.
  - id: score-drift
    signal: score-drift
    severity: medium
    persistence: 2/3
    description: The score distribution moved (two effect sizes agree) in 2 of the last 3 windows.
  - id: review-overload
    signal: review-overload
    severity: medium
    description: The human review queue gets more than its capacity (or far more than usual).
  - id: outage-burst
    signal: outage-burst
    severity: critical
    description: A burst from fresh senders comes through in an hour while a layer that stops bursts is silent.
  - id: sender-hour-record
    signal: sender-hour-record
    severity: high
    description: A sender got more delivered in one hour than any sender in any hour of the baseline.
  - id: extractor-change
    signal: extractor-change
    severity: high
    description: The feature extractor changed but the model scoring with it was not retrained.
  - id: feature-skew
    signal: feature-skew
    severity: medium
    description: Served features moved from the baseline's (training–serving skew).
  - id: input-length-drift
    metric: input.length.psi
    op: '>='
    threshold: 0.2
    persistence: 2/3
    severity: low
    description: The input length distribution moved (PSI ≥ 0.2) in 2 of the last 3 windows.
  - id: overturn-rate
    metric: overturn.ratio
    op: '>='
    threshold: 3
    persistence: 2/3
    severity: medium
    description: Blocks overturned by reviewers or users (a false-positive proxy) tripled vs the baseline.
`;
