/**
 * Layout changes to mails and web pages. The first group reproduces RG Table II: the tricks seen on 100 phishing
 * pages that got past a commercial visual phishing detector (an ensemble of logo, visual-similarity and form
 * models). They are decades-old anti-OCR habits, made by hand in minutes, with no gradients involved.
 */
import type { CostVector } from '../../model/cost.js';
import type { Tactic, TacticRequirements, TacticTargets } from '../types.js';

/** Shared by the page-level tricks: written blind, aimed at the visual models of a phishing detector. */
const PAGE_REQUIRES: TacticRequirements = { write: ['live-input'], knowledge: 'zero' };
const PAGE_TARGETS: TacticTargets = {
  kinds: ['feature-extraction', 'model'],
  layers: ['application'],
  modalities: ['image', 'html'],
};
/** Minutes in an image editor per page; the outcome (blocklisted or not) shows within hours. */
const PAGE_COST: CostVector = {
  money: 0,
  humanHours: 0.15,
  implementationHours: 0,
  queries: 1,
  timeHours: 6,
  detectionRisk: 0.3,
};
const PAGE_COST_NOTE =
  'A few minutes of image editing per page, no tooling; the phisher learns the outcome only when the page is ' +
  'or is not blocklisted, and a blocklisted page burns its domain.';
const PAGE_ATLAS = ['AML.T0043.003', 'AML.T0015', 'AML.T0052'];
const BRAND_BREAKS = ['logo', 'brand', 'company name', 'visual similarity', 'screenshot', 'ocr'];

function tableII(count: number): string {
  return (
    `RG Table II: seen on ${count} of 100 evasive phishing pages (counts overlap; they sum to 147). ATLAS ` +
    'AML.CS0032: such pages got past the visual-similarity model, but other components of the system still flagged them.'
  );
}

/** A Table II trick: only what differs between them is spelled out. */
function pageTrick(
  t: Pick<Tactic, 'id' | 'name' | 'summary' | 'breaks' | 'baseSuccess' | 'simpleHeuristic' | 'pack'> & {
    count: number;
  },
): Tactic {
  return {
    id: t.id,
    name: t.name,
    family: 'layout',
    pack: t.pack ?? 'web-phishing',
    summary: t.summary,
    requires: PAGE_REQUIRES,
    targets: PAGE_TARGETS,
    breaks: t.breaks,
    cost: PAGE_COST,
    costNote: PAGE_COST_NOTE,
    baseSuccess: t.baseSuccess,
    atlas: PAGE_ATLAS,
    evidence: tableII(t.count),
    ...(t.simpleHeuristic ? { simpleHeuristic: t.simpleHeuristic } : {}),
  };
}

const TABLE_II_TACTICS: Tactic[] = [
  pageTrick({
    id: 'layout.company-name-style',
    name: 'Company-name restyling',
    count: 25,
    summary:
      'Redraw the brand name inside the logo in another font, colour, case or spelling, so the text an OCR step ' +
      'reads no longer matches the protected brand while victims still recognise it.',
    breaks: BRAND_BREAKS,
    baseSuccess: 0.45,
    simpleHeuristic: 'Match brand names with fuzzy OCR matching and learn the brand from colours and layout too.',
  }),
  pageTrick({
    id: 'layout.blurred-logo',
    name: 'Blurred logo',
    count: 23,
    summary:
      'Blur or down-sample the logo until the logo matcher loses it; people still recognise the shape and colours.',
    breaks: [...BRAND_BREAKS, 'sharp', 'image quality'],
    baseSuccess: 0.45,
    simpleHeuristic: 'Train the logo matcher with blurred and low-resolution copies of every protected logo.',
  }),
  pageTrick({
    id: 'layout.cropped-logo',
    name: 'Cropped logo',
    count: 20,
    summary: 'Show only part of the logo (cut an edge or a letter) so template and OCR matching fall below threshold.',
    breaks: [...BRAND_BREAKS, 'whole logo', 'complete logo'],
    baseSuccess: 0.45,
    simpleHeuristic: 'Match partial logos (keypoints, crops in training) instead of whole-logo templates.',
  }),
  pageTrick({
    id: 'layout.brand-name-removal',
    name: 'No company name',
    // Stays in the mail pack: the executable mail tactic of the same id drops brand names from mails; the page
    // version is `layout.page-brand-name-removal` in the web-phishing pack.
    pack: 'mail',
    count: 16,
    summary:
      'Leave the brand name out of the page entirely; colours, layout and the login form are enough for the ' +
      'victim, while a brand-attribution step has nothing to attribute.',
    breaks: ['brand name', 'company name', 'names the brand', 'mentions the brand', 'brand appears'],
    baseSuccess: 0.4,
    simpleHeuristic: 'Judge credential forms without needing a brand: a login form on an unknown domain is suspect.',
  }),
  pageTrick({
    id: 'layout.no-visual-logo',
    name: 'No visual logo',
    count: 13,
    summary: 'Drop the logo image altogether and rely on the rest of the page to look legitimate.',
    breaks: ['logo', 'brand', 'visual similarity'],
    baseSuccess: 0.4,
    simpleHeuristic: 'Do not require a logo match before scoring the form and the domain.',
  }),
  pageTrick({
    id: 'layout.different-logo',
    name: 'Different visual logo',
    count: 12,
    summary: 'Use an old, regional or variant logo of the brand that the reference set does not contain.',
    breaks: [...BRAND_BREAKS, 'reference logo', 'known logos'],
    baseSuccess: 0.4,
    simpleHeuristic: 'Keep several logo variants per brand, including retired ones.',
  }),
  pageTrick({
    id: 'layout.stretched-logo',
    name: 'Stretched logo',
    count: 11,
    summary: 'Change the logo’s aspect ratio so shape-sensitive matching fails while it still reads as the brand.',
    breaks: [...BRAND_BREAKS, 'aspect ratio', 'proportion'],
    baseSuccess: 0.4,
    simpleHeuristic: 'Augment logo training data with aspect-ratio changes or match after normalising the ratio.',
  }),
  pageTrick({
    id: 'layout.stacked-forms',
    name: 'Multiple stacked forms or images',
    count: 10,
    summary:
      'Repeat the login form several times, stack copies on top of each other or tile the page with form or ' +
      'background images, which confuses form detectors that expect one form.',
    breaks: ['one form', 'single form', 'login form', 'form detector', 'page layout'],
    baseSuccess: 0.4,
    simpleHeuristic:
      'Count password inputs in the DOM; several identical forms on one page are suspicious by themselves.',
  }),
  pageTrick({
    id: 'layout.background-patterns',
    name: 'Background patterns',
    count: 8,
    summary: 'Change the background, in particular behind the logo, so segmentation and visual comparison drift.',
    breaks: [...BRAND_BREAKS, 'background', 'plain background'],
    baseSuccess: 0.35,
    simpleHeuristic: 'Train with varied backgrounds behind logos; compare foreground regions only.',
  }),
  pageTrick({
    id: 'layout.login-obfuscation',
    name: '"Log in" obfuscation',
    count: 6,
    summary:
      'Misspell or distort the words that reveal a credential form ("Passwrd", "Log1n", letters as images) so ' +
      'keyword and OCR checks for a login page stay silent.',
    breaks: ['login', 'log in', 'password', 'keyword', 'form detector', 'ocr'],
    baseSuccess: 0.35,
    simpleHeuristic: 'Detect credential forms from input types and form targets, not from label words.',
  }),
  pageTrick({
    id: 'layout.masking',
    name: 'Masking',
    count: 3,
    summary:
      'Cover parts of letters or of the logo with shapes, lines or overlays that the eye skips and OCR does not.',
    breaks: [...BRAND_BREAKS, 'legible'],
    baseSuccess: 0.35,
    simpleHeuristic: 'Train OCR and logo models with occlusion augmentation.',
  }),
];

const PAGE_AND_MAIL_TACTICS: Tactic[] = [
  {
    id: 'layout.form-as-image',
    name: 'Form drawn as an image',
    family: 'layout',
    pack: 'web-phishing',
    summary:
      'Draw the login form (labels, boxes, button) as a picture and lay transparent or unlabeled input fields ' +
      'over it. A form detector reading labels and text finds no credential form; the victim sees one.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: { kinds: ['feature-extraction', 'model'], layers: ['application'], modalities: ['html', 'image'] },
    breaks: ['form detector', 'login form', 'input labels', 'text of the page', 'visible text'],
    cost: { money: 0, humanHours: 0.5, implementationHours: 2, queries: 1, timeHours: 6, detectionRisk: 0.25 },
    costNote: 'A screenshot of the real form plus a little positioning CSS; reusable across pages of the same brand.',
    baseSuccess: 0.5,
    atlas: ['AML.T0043.003', 'AML.T0015', 'AML.T0052'],
    evidence:
      'Aimed at form checks that read HTML input elements; the detector of RG §III-B has an image-based ' +
      'input-form model for this reason. The success prior is an estimate.',
    simpleHeuristic: 'Look for password-type inputs and where the form posts, whatever the labels are.',
  },
  {
    id: 'layout.text-as-image',
    name: 'Text as an image',
    family: 'layout',
    summary:
      'Put the message (the offer, the lure, the URL to type) in an image. A text classifier receives little ' +
      'or no text, so it has nothing to score.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['email', 'html', 'text'],
    },
    breaks: ['images are ignored', 'text only', 'all content is text', 'visible text', 'what the user sees'],
    cost: { money: 0, humanHours: 0.1, implementationHours: 2, queries: 1, timeHours: 0.2, detectionRisk: 0.15 },
    costNote: 'Rendering text to an image is a one-line call; image spam has been common since the mid-2000s.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'OCR images, and treat a message that is mostly image with little text as a signal.',
  },
  {
    id: 'layout.hidden-good-words',
    name: 'Hidden good words',
    family: 'layout',
    summary:
      'Add benign words the reader never sees (white on white, zero font size, display:none, off-screen boxes). ' +
      'The text extractor keeps them, so the classifier sees a mostly benign message.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['email', 'html'],
    },
    breaks: ['visible text', 'text is visible', 'what the user sees', 'reader sees', 'rendered', 'text is what'],
    cost: { money: 0, humanHours: 0.02, implementationHours: 1, queries: 1, timeHours: 0.1, detectionRisk: 0.1 },
    costNote: 'A CSS rule and a benign word list; no feedback needed because benign words lower any text score.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'Extract only rendered-visible text; hidden text in a message is itself a signal.',
  },
  {
    id: 'layout.html-comment-word-split',
    name: 'Words split by markup',
    family: 'layout',
    summary:
      'Break trigger words with HTML comments or empty inline tags ("Vi<!-- -->agra", "Vi<b></b>agra"). A ' +
      'browser draws one word; a text extractor that emits each text node separately produces fragments.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction'],
      layers: ['application'],
      modalities: ['email', 'html'],
    },
    breaks: ['contiguous', 'one word', 'word boundar', 'markup is stripped', 'text nodes'],
    cost: { money: 0, humanHours: 0.02, implementationHours: 1, queries: 1, timeHours: 0.1, detectionRisk: 0.05 },
    costNote: 'Trivial to script; invisible to the recipient.',
    baseSuccess: 0.65,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'Extract text as a renderer lays it out: drop comments and join inline elements without spaces.',
  },
  {
    id: 'layout.css-injected-text',
    name: 'Text only CSS shows',
    family: 'layout',
    summary:
      'Make the reader see text that is not in the document’s text nodes: CSS generated content, letters ' +
      'reordered by positioning, or fonts whose glyphs draw different letters. The extractor reads other text ' +
      'than the person does.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction'],
      layers: ['application'],
      modalities: ['email', 'html'],
    },
    breaks: [
      'visible text',
      'text is visible',
      'what the user sees',
      'reader sees',
      'rendered',
      'dom order',
      'text content',
    ],
    cost: { money: 0, humanHours: 0.1, implementationHours: 4, queries: 1, timeHours: 0.2, detectionRisk: 0.1 },
    costNote: 'Some CSS knowledge; many mail clients honour enough CSS for it to work.',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'Compare the text extracted from the DOM with OCR of the rendered message.',
  },
  {
    id: 'layout.mime-reencoding',
    name: 'Re-encoded and nested MIME parts',
    family: 'layout',
    summary:
      'Encode a body part twice (base64 inside quoted-printable), nest it in a forwarded message/rfc822 part, or ' +
      'use unusual charsets and encoded words. A parser that decodes one level hands the classifier gibberish; ' +
      'the mail client shows the content.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: { kinds: ['preprocessing'], layers: ['application'], modalities: ['email'] },
    breaks: ['encoded at most once', 'decoded once', 'decoding', 'base64', 'quoted-printable', 'mime', 'charset'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 4, queries: 1, timeHours: 0.2, detectionRisk: 0.1 },
    costNote: 'Mail libraries build nested parts directly; the attacker must check which clients still render it.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'Decode recursively to a fixed depth and treat deep or double encodings as suspicious.',
  },
  {
    id: 'layout.multipart-alternative-mismatch',
    name: 'Mismatched multipart/alternative parts',
    family: 'layout',
    summary:
      'Send a harmless text/plain part and a harmful text/html part in the same multipart/alternative message. ' +
      'If the filter scores the plain part and the client shows the HTML part, each sees a different message.',
    requires: { write: ['live-input'], knowledge: 'limited' },
    targets: { kinds: ['preprocessing', 'feature-extraction'], layers: ['application'], modalities: ['email'] },
    breaks: ['multipart', 'alternative', 'text and html', 'say the same', 'plain part'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 2, queries: 1, timeHours: 0.2, detectionRisk: 0.1 },
    costNote: 'Two templates instead of one; the structure is standard MIME.',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015'],
    simpleHeuristic: 'Score every alternative part and compare them; large disagreement is a signal.',
  },
  {
    id: 'layout.link-in-attachment',
    name: 'Link moved into an attachment',
    family: 'layout',
    summary:
      'Put the phishing link in a PDF, HTML or office attachment (or a shared document) instead of the body, ' +
      'so body-only URL and text checks see a clean message that says "see attached".',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['email'],
    },
    breaks: ['links in the body', 'message body', 'attachments are', 'url in the message', 'body text'],
    cost: { money: 0, humanHours: 0.1, implementationHours: 2, queries: 1, timeHours: 1, detectionRisk: 0.15 },
    costNote: 'Document templates are generated by script; a small loss of victims who will not open attachments.',
    baseSuccess: 0.55,
    atlas: ['AML.T0043.003', 'AML.T0015', 'AML.T0052', 'AML.T0011.003'],
    simpleHeuristic: 'Extract links and text from attachments and feed them through the same checks as the body.',
  },
  {
    id: 'layout.qr-code-link',
    name: 'Link as a QR code',
    family: 'layout',
    summary:
      'Encode the link in a QR code image ("scan to verify your account"). No URL appears in the text, and the ' +
      'victim opens it on a phone, outside the protected environment.',
    requires: { write: ['live-input'], knowledge: 'zero' },
    targets: {
      kinds: ['preprocessing', 'feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['email', 'image', 'html'],
    },
    breaks: ['links are', 'url in the message', 'images are ignored', 'text only'],
    cost: { money: 0, humanHours: 0.05, implementationHours: 1, queries: 1, timeHours: 1, detectionRisk: 0.15 },
    costNote: 'QR generation is free; fewer victims follow through, so slightly more volume is needed.',
    baseSuccess: 0.6,
    atlas: ['AML.T0043.003', 'AML.T0015', 'AML.T0052'],
    simpleHeuristic: 'Decode QR codes in images and attachments and check the URL like any other link.',
  },
  {
    id: 'layout.benign-template-wrapping',
    name: 'Benign-template wrapping',
    family: 'layout',
    pack: 'web-phishing',
    summary:
      'Embed the harmful page inside a page the detectors already consider benign (a well-known homepage), and ' +
      'hide the benign parts from view with positioned elements. Whole-page features describe the benign template.',
    requires: { write: ['live-input'], read: ['score', 'label', 'decision'], knowledge: 'zero' },
    targets: {
      kinds: ['feature-extraction', 'model'],
      layers: ['application'],
      modalities: ['html'],
    },
    breaks: ['whole page', 'page content', 'static html', 'benign content', 'the page is'],
    cost: { money: 0, humanHours: 1, implementationHours: 16, queries: 30, timeHours: 24, detectionRisk: 0.1 },
    costNote:
      'Finding a template that passes every model took the MLSEC 2021 3rd-place entrant a scripted walk through ' +
      'a top-sites list; a few dozen queries per template, then reuse.',
    baseSuccess: 0.8,
    atlas: ['AML.T0043.003', 'AML.T0015', 'AML.T0042'],
    evidence:
      'MLSEC 2021 3rd place: well-known homepages (Microsoft, Google, Facebook, ESPN) and Wikipedia failed as ' +
      'templates; Adobe’s homepage passed all 7 models.',
    simpleHeuristic: 'Score what is visible after rendering, not the whole document.',
  },
];

export const LAYOUT_TACTICS: Tactic[] = [...TABLE_II_TACTICS, ...PAGE_AND_MAIL_TACTICS];
