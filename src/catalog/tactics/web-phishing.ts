/**
 * The web-phishing pack: tricks against phishing-page detectors (crawler, renderer, logo and visual-similarity
 * models, DOM text, URL features) that the page-only entries in layout.ts and input.ts do not already cover. The
 * paper's case study B (RG §III-B, Table II) and the MLSEC 2021 anti-phishing track (RG §III-C) are the anchors;
 * the URL, hosting and cloaking entries rest on the measurement papers named in `evidence` (see docs/catalog.md).
 *
 * Costs are per page (one crafted page, one domain, one hosting slot). Where a figure is an estimate rather than a
 * measured number, the cost note says so.
 */
import type { CostVector } from '../../model/cost.js';
import type { Tactic, TacticTargets } from '../types.js';

const PACK = 'web-phishing' as const;

/** The visual models and the DOM/URL features of a page detector. */
const PAGE_CONTENT: TacticTargets = {
  kinds: ['feature-extraction', 'model'],
  layers: ['application'],
  modalities: ['image', 'html'],
};
/** Where the page is fetched and its URL judged. */
const PAGE_FETCH: TacticTargets = {
  kinds: ['preprocessing', 'feature-extraction', 'policy'],
  layers: ['application'],
  modalities: ['url', 'html'],
};

/** Minutes in an image or HTML editor; the phisher learns the outcome only from the blocklist, hours later. */
const EDIT_COST: CostVector = {
  money: 0,
  humanHours: 0.2,
  implementationHours: 0,
  queries: 1,
  timeHours: 6,
  detectionRisk: 0.3,
};
const EDIT_NOTE =
  'Estimate: a few minutes of editing per page with no tooling, like the RG Table II tricks; the outcome shows ' +
  'only when the page is or is not blocklisted (hours), and a blocklisted page burns its domain.';

export const WEB_PHISHING_TACTICS: Tactic[] = [
  {
    id: 'layout.page-brand-name-removal',
    name: 'Page without the company name',
    family: 'layout',
    pack: PACK,
    summary:
      'Leave the brand name out of the page text, title and logo; colours, layout and the login form still read as ' +
      'the brand to a victim, while brand attribution from text or OCR has nothing to attribute.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: PAGE_CONTENT,
    breaks: ['brand name', 'company name', 'names the brand', 'mentions the brand', 'brand appears'],
    cost: EDIT_COST,
    costNote: EDIT_NOTE,
    baseSuccess: 0.4,
    atlas: ['AML.T0043.003', 'AML.T0015', 'AML.T0052'],
    evidence:
      'The page form of the mail pack’s layout.brand-name-removal: 16 of the 100 evasive pages of RG Table II ' +
      'carried no company name, and 6 dropped both the logo and the name.',
    simpleHeuristic: 'Judge a credential form on an unknown domain as suspect without needing a brand match.',
  },
  {
    id: 'layout.recoloured-logo',
    name: 'Recoloured logo',
    family: 'layout',
    pack: PACK,
    summary:
      'Shift the logo’s colours (hue, inverted, greyscale, brand colours swapped) so colour-histogram and ' +
      'template matching against the reference logo drops, while the shape stays familiar to a victim.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: PAGE_CONTENT,
    breaks: ['logo', 'brand', 'colour', 'color', 'visual similarity', 'reference logo'],
    cost: EDIT_COST,
    costNote: EDIT_NOTE,
    baseSuccess: 0.35,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'Same anti-OCR family as the logo tricks of RG Table II (blurring, cropping, stretching, masking, background ' +
      'changes); recolouring is not a Table II row, so its success prior is an estimate.',
    simpleHeuristic: 'Match logos on greyscale edges and shape as well as colour; augment training with colour shifts.',
  },
  {
    id: 'layout.page-layout-shuffle',
    name: 'Layout changes',
    family: 'layout',
    pack: PACK,
    summary:
      'Move, resize and reorder the parts of the cloned login page (logo left instead of centred, form in a side ' +
      'panel, extra banners) so a screenshot no longer resembles the brand’s reference login page.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: PAGE_CONTENT,
    breaks: ['layout', 'visual similarity', 'screenshot', 'reference login page', 'looks like the brand'],
    cost: { ...EDIT_COST, humanHours: 0.5 },
    costNote: `${EDIT_NOTE} Rearranging the page takes longer than editing one logo (estimate: half an hour).`,
    baseSuccess: 0.4,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'RG §III-B: the visual-similarity model compares screenshots with reference pages; Table II’s "multiple ' +
      'forms / images" (10 of 100) and "background patterns" (8 of 100) are layout changes of this kind.',
    simpleHeuristic: 'Score the credential form and the domain independently of whole-page similarity.',
  },
  {
    id: 'layout.hidden-page-text',
    name: 'Hidden text in the page',
    family: 'layout',
    pack: PACK,
    summary:
      'Add text the victim never sees (display:none, zero-size fonts, text in the page colour, off-screen ' +
      'positioning): benign words for the DOM-text features, or the brand words split so keyword checks miss them.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: { kinds: ['feature-extraction', 'model'], layers: ['application'], modalities: ['html'] },
    breaks: ['visible text', 'text of the dom', 'what the user sees', 'dom text', 'page text'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 2, queries: 1, timeHours: 6, detectionRisk: 0.15 },
    costNote:
      'Estimate: a short script inserts the hidden block into every page of a kit; the outcome shows only through ' +
      'the blocklist (hours).',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    evidence:
      'MLSEC 2021 (RG §III-C): the 3rd-place entry hid a benign template’s elements with two well-placed divs; ' +
      'static-HTML models read text the rendered page never shows.',
    simpleHeuristic: 'Extract text from the rendered page (or drop invisible elements) before computing features.',
  },
  {
    id: 'input.crawler-cloaking',
    name: 'Cloaking for crawlers',
    family: 'input-transformation',
    pack: PACK,
    summary:
      'Serve the phishing page only to likely victims and a harmless page (or an error) to everyone else, decided ' +
      'by the visitor’s IP range, user agent, referrer, geography, cookies or a JavaScript check the crawler fails.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: {
      kinds: ['preprocessing', 'input-source'],
      layers: ['application', 'automation'],
      modalities: ['html', 'url'],
    },
    breaks: ['crawler sees', 'same page a victim sees', 'cloaking', 'user agent', 'ip range', 'crawler'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 4, queries: 1, timeHours: 1, detectionRisk: 0.1 },
    costNote:
      'Cloaking filters ship with phishing kits (an .htaccess or PHP block list of vendor IP ranges and agents), so ' +
      'per page it costs minutes; 4 h of set-up for a custom filter is an estimate.',
    baseSuccess: 0.7,
    atlas: ['AML.T0015', 'AML.T0052'],
    evidence:
      'Invernizzi et al., "Cloak of Visibility: Detecting When Machines Browse a Different Web" (IEEE S&P 2016); ' +
      'Oest et al., "PhishFarm" (IEEE S&P 2019) measured that cloaking delays or prevents blacklisting.',
    simpleHeuristic: 'Fetch suspect URLs again from residential and mobile vantage points with a real browser profile.',
  },
  {
    id: 'url.fresh-lookalike-domain',
    name: 'Fresh look-alike domain with a free certificate',
    family: 'layout',
    pack: PACK,
    summary:
      'Register a domain that combines or imitates the brand (brand-login-secure, a swapped letter) and get a free ' +
      'TLS certificate, so the page carries the padlock and a brand-like host the victim accepts.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: PAGE_FETCH,
    breaks: ['domain', 'brand in domain', 'padlock', 'https', 'certificate'],
    cost: { money: 12, humanHours: 0.1, implementationHours: 0.5, queries: 1, timeHours: 24, detectionRisk: 0.25 },
    costNote:
      'Estimate: a new domain costs around $10 a year at retail registrars and the certificate is free; a day for ' +
      'registration and set-up.',
    baseSuccess: 0.45,
    atlas: ['AML.T0052', 'AML.T0015'],
    evidence:
      'Kintis et al., "Hiding in Plain Sight: A Longitudinal Study of Combosquatting Abuse" (ACM CCS 2017): ' +
      'combosquatting domains are common in phishing and long-lived.',
    simpleHeuristic: 'Watch certificate-transparency logs for new names containing protected brands.',
  },
  {
    id: 'url.free-hosting-page',
    name: 'Page on free hosting or a site builder',
    family: 'layout',
    pack: PACK,
    summary:
      'Host the page on a free web host, site builder, form service or file-sharing page, so the URL’s domain is ' +
      'old, popular and shared with many benign sites that a domain blocklist cannot block.',
    requires: { write: ['live-input', 'account'], knowledge: 'zero' },
    targets: PAGE_FETCH,
    breaks: ['domain age', 'domain reputation', 'reputable domain', 'new domain', 'domain'],
    cost: { money: 0, humanHours: 0.2, implementationHours: 0, queries: 1, timeHours: 1, detectionRisk: 0.2 },
    costNote:
      'Free hosting costs nothing but a sign-up per page (estimate: minutes); the host may remove the page on report.',
    baseSuccess: 0.55,
    atlas: ['AML.T0052', 'AML.T0015'],
    evidence:
      'Oest et al., "Sunrise to Sunset: Analyzing the End-to-end Life Cycle and Effectiveness of Phishing ' +
      'Attacks at Scale" (USENIX Security 2020) and the APWG Phishing Activity Trends Reports describe phishing ' +
      'on free hosting and shared services.',
    simpleHeuristic: 'Score the page, not the registered domain, on shared hosts; ask the host to take it down.',
  },
  {
    id: 'access.compromised-website',
    name: 'Kit on a compromised legitimate site',
    family: 'access-abuse',
    pack: PACK,
    summary:
      'Upload the kit into a directory of a legitimate site broken into through an outdated CMS or stolen ' +
      'credentials: the domain is old, has good reputation and a valid certificate, and takedown needs its owner.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'policy'],
      layers: ['application'],
      modalities: ['url', 'html'],
    },
    breaks: ['domain age', 'domain reputation', 'reputable domain', 'new domain', 'owns the domain'],
    cost: { money: 5, humanHours: 0.2, implementationHours: 2, queries: 1, timeHours: 4, detectionRisk: 0.2 },
    costNote:
      'Estimate: access to vulnerable sites is found by scanning or bought as web-shell access for a few dollars; ' +
      'uploading a kit takes minutes.',
    baseSuccess: 0.6,
    atlas: ['AML.T0012', 'AML.T0052', 'AML.T0015'],
    evidence:
      'Oest et al. (USENIX Security 2020) and the APWG trend reports: a large share of phishing pages sit on ' +
      'compromised legitimate domains.',
    simpleHeuristic: 'Flag credential forms in paths the site has never served before, whatever the domain’s age.',
  },
  {
    id: 'activity.page-url-rotation',
    name: 'URL and domain rotation',
    family: 'activity-shaping',
    pack: PACK,
    summary:
      'Give each victim or each wave a fresh URL (random paths, many subdomains, several domains behind one kit) ' +
      'and move on as soon as one is blocklisted, so exact-URL blocklists and per-URL verdicts always trail.',
    requires: { write: ['live-input'], read: ['delayed-outcome'], knowledge: 'zero' },
    targets: {
      kinds: ['activity-monitor', 'policy'],
      layers: ['activity', 'application'],
      modalities: ['url', 'html'],
    },
    breaks: ['blocklist', 'same url', 'one url', 'known url'],
    cost: { money: 2, humanHours: 0.05, implementationHours: 8, queries: 1, timeHours: 2, detectionRisk: 0.15 },
    costNote:
      'Estimate: kits generate per-visit paths themselves; extra domains cost a few dollars each and the tooling a day.',
    baseSuccess: 0.7,
    atlas: ['AML.T0015', 'AML.T0052'],
    evidence:
      'Oest et al., "PhishFarm" (IEEE S&P 2019) and "Sunrise to Sunset" (USENIX Security 2020): blacklisting ' +
      'takes hours, and phishers reuse kits across many short-lived URLs.',
    simpleHeuristic: 'Block by kit fingerprint and host pattern, not only by exact URL.',
  },
];
