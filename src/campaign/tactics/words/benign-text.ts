/**
 * Short benign sentences for the parts a tactic must add: an image caption, the harmless text/plain alternative,
 * "see attachment" notes, warm-up mail. Plain office small talk, so they neither carry the payload nor look like
 * a second lure.
 */
export const CAPTIONS: readonly string[] = [
  'Please see the image below.',
  'Details are in the picture below.',
  'Have a look at the image.',
  'Here is the summary as an image.',
];

export const ATTACHMENT_NOTES: readonly string[] = [
  'Please see the attached document.',
  'The details are in the attachment.',
  'Open the attached file to continue.',
  'See attachment for the full message.',
];

export const BENIGN_PARAGRAPHS: readonly string[] = [
  'Thanks for the notes from the meeting. I will go through them and send comments before Thursday.',
  'Hi, just checking that the files arrived. Let me know if anything is missing and I will resend it.',
  'The build finished overnight and the logs look clean. I think we can tag the release tomorrow.',
  'Could you forward the agenda for next week? I want to add one item about the server migration.',
  'Good to hear from you. The photos from the weekend are in the shared folder, have a look when you can.',
  'I read the article you mentioned. Interesting points about caching, although the benchmarks seem a bit old.',
];

export const WARMUP_SUBJECTS: readonly string[] = [
  'Re: meeting notes',
  'Lunch on Friday?',
  'Files from yesterday',
  'Quick question about the schedule',
  'Photos from the weekend',
  'Re: release checklist',
];

export const FIRST_NAMES: readonly string[] = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Chris', 'Robin', 'Jamie'];
