/** The report's stylesheet (inline, no external fonts or assets), with print rules. */
export const REPORT_CSS = `
:root { --fg:#1d2935; --muted:#5b6b7b; --line:#d9e1e8; --bg:#ffffff; --panel:#f6f8fa; --accent:#1f6fb2;
  --critical:#9b1c1c; --high:#d7263d; --medium:#e07b00; --low:#b59b00; --info:#5b6b7b; --ok:#2f8f4e; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin:0; color:var(--fg); background:var(--bg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 20px 28px 40px; }
header.top { border-bottom: 3px solid var(--fg); padding-bottom: 10px; margin-bottom: 14px; }
header.top h1 { margin: 0 0 2px; font-size: 26px; line-height: 1.2; }
header.top .meta { color: var(--muted); font-size: 12.5px; }
nav.toc { display:flex; flex-wrap:wrap; gap: 4px 14px; font-size: 13px; margin: 6px 0 18px; }
nav.toc a { color: var(--accent); text-decoration: none; }
h2 { font-size: 20px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 8px; }
p { margin: 6px 0 10px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.verdict { border-radius: 10px; padding: 14px 18px; margin: 8px 0 14px; border: 1px solid; }
.verdict.fail { background:#fdecee; border-color:#f2b8bf; }
.verdict.warn { background:#fff5e6; border-color:#f3d19c; }
.verdict.pass { background:#e9f6ee; border-color:#b5dfc3; }
.verdict .headline { font-size: 18px; font-weight: 700; }
.chips { display:flex; flex-wrap:wrap; gap:8px; margin: 8px 0 2px; }
.chip { display:inline-flex; align-items:baseline; gap:6px; border-radius: 999px; padding: 3px 12px; background:#fff; border:1px solid var(--line); font-size: 13px; }
.chip b { font-size: 16px; }
.sev { display:inline-block; min-width: 64px; text-align:center; border-radius: 4px; padding: 1px 6px; font-size: 11.5px; font-weight: 700; color:#fff; text-transform: uppercase; letter-spacing: .02em; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.card { border:1px solid var(--line); border-radius: 10px; padding: 12px 14px; background: var(--panel); }
.card h3 { margin: 0 0 6px; font-size: 15px; }
.card ol, .card ul { margin: 4px 0 0; padding-left: 20px; }
.card li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; position: sticky; top: 0; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.loc { word-break: break-all; font-size: 12px; }
td.remediation .pill { margin: 0 2px 3px 0; }
table.findings { table-layout: fixed; }
td.ids a, td.ids span { display:inline-block; margin: 0 4px 2px 0; }
.finding-title { font-weight: 600; }
details.finding-group { border: 1px solid #dde3ea; border-radius: 8px; margin: 8px 0; padding: 4px 10px; background: #fff; }
details.finding-group > summary { cursor: pointer; padding: 4px 0; }
.group-meta { display: grid; gap: 2px; margin: 4px 0 6px; color: #3b4a5a; }
.finding-id { color: var(--muted); font-size: 11.5px; word-break: break-all; }
details { margin: 4px 0; }
details > summary { cursor: pointer; color: var(--accent); }
details.section > summary { font-weight: 600; font-size: 14.5px; margin: 8px 0; }
.figure { overflow-x: auto; border:1px solid var(--line); border-radius: 10px; padding: 8px; background:#fff; }
.figure svg.diagram { display:block; width: 100%; height: auto; min-width: 900px; }
.legend { display:flex; flex-wrap:wrap; gap: 6px 16px; font-size: 12px; color: var(--muted); margin: 8px 4px 2px; }
.legend .lg { display:inline-flex; align-items:center; gap:6px; }
.charts { display:grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 14px; }
.charts figure { margin:0; border:1px solid var(--line); border-radius: 10px; padding: 6px; background:#fff; }
.charts figure svg { width: 100%; height: auto; display:block; }
.charts figcaption { font-size: 12px; color: var(--muted); padding: 2px 6px 4px; }
.diff { display:grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.diff pre { white-space: pre-wrap; word-break: break-word; margin:0; padding: 8px 10px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; max-height: 340px; overflow:auto; font-size: 12.5px; }
.diff h4 { margin: 0 0 4px; font-size: 12.5px; color: var(--muted); font-weight: 600; }
del { background:#fbd5d8; color:#7a0f1a; text-decoration: line-through; }
ins { background:#cdeed8; color:#0f5128; text-decoration: none; }
.inv { background:#ffe066; color:#5c4200; border-radius: 3px; padding: 0 2px; font-size: 11px; }
.nonascii { outline: 1px dashed #6a4c93; }
.pill { display:inline-block; border-radius: 999px; padding: 0 8px; font-size: 11.5px; border:1px solid var(--line); background:#fff; }
.pill.planned { border-style: dashed; border-color:#c98a00; color:#7a5300; background:#fff8e6; }
.pill.ok { border-color: var(--ok); color: var(--ok); }
.pill.bad { border-color: var(--high); color: var(--high); }
.bar { display:inline-block; height: 9px; background: var(--high); border-radius: 2px; vertical-align: middle; }
.bar.planned { background: #e0a84a; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
footer p { margin: 4px 0; }
@media (max-width: 760px) { main { padding: 12px; } .diff { grid-template-columns: 1fr; } .charts { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  tr, .card, figure, .verdict { break-inside: avoid; }
  th { position: static; }
  .figure { overflow: visible; border: none; padding: 0; }
  .figure svg.diagram { min-width: 0; }
  details > summary { color: var(--fg); }
  details::details-content { content-visibility: visible; display: block; }
  a { color: var(--fg); text-decoration: none; }
  .diff pre { max-height: none; overflow: visible; }
}
`;
