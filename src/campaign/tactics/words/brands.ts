/**
 * Brand names phishing lures imitate most (vendor phishing-trend reports name the same handful every year:
 * Microsoft, Google, Apple, Amazon, PayPal, Netflix, DHL, banks). Brand-name removal drops them from the visible text
 * (Apruzzese et al. 2023, Table II: "removed brand names" on evasive phishing pages); the hand-written seeds use
 * them, and Contoso / Fabrikam / Northwind are the fictitious brands Microsoft documentation uses.
 */
export const BRANDS: readonly string[] = [
  'PayPal',
  'Microsoft 365',
  'Microsoft',
  'Office 365',
  'Outlook',
  'Google',
  'Apple',
  'iCloud',
  'Amazon',
  'Netflix',
  'DHL',
  'FedEx',
  'DocuSign',
  'Wells Fargo',
  'Chase',
  'Bank of America',
  'Contoso Bank',
  'Contoso',
  'Fabrikam',
  'Northwind',
];

/**
 * The registrable domains the brands really own in this toolkit's reserved-name world (the hand-written seeds link
 * to them). The brand look-alike heuristic protects these: a brand token on any other domain is suspect.
 */
export const BRAND_DOMAINS: readonly string[] = [
  'paypal.example',
  'contoso-bank.example',
  'microsoft365.example',
  'microsoft.example',
  'netflix.example',
  'dhl.example',
  'google.example',
  'apple.example',
  'amazon.example',
  // the brands' real domains, which benign mail links to all the time
  'paypal.com',
  'microsoft.com',
  'office.com',
  'outlook.com',
  'live.com',
  'google.com',
  'apple.com',
  'icloud.com',
  'amazon.com',
  'netflix.com',
  'dhl.com',
  'fedex.com',
  'docusign.com',
  'docusign.net',
  'wellsfargo.com',
  'chase.com',
  'bankofamerica.com',
];

/** Lower-case brand tokens as they appear in host names ("paypal", "wellsfargo", "microsoft365"). */
export const BRAND_TOKENS: readonly string[] = [
  ...new Set(BRANDS.map((b) => b.toLowerCase().replace(/[^a-z0-9]/g, ''))),
].filter((t) => t.length >= 3);
