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
