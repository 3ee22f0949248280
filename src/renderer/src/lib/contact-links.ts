// Links to reach a customer: mailto for an e-mail address that looks like one, tel for a phone number
// with digits. Anything else is shown as text: a link built from odd data could open something else.

const emailShape = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

export function mailtoHref(email: string, subject?: string): string | undefined {
  if (!emailShape.test(email)) return undefined;
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}${subject ? `?subject=${encodeURIComponent(subject)}` : ''}`;
}

/** "(520) 420-5638" → tel:5204205638; "+44 20 7946 0958 x12" → tel:+442079460958;ext=12. */
export function telHref(phone: string): string | undefined {
  const [main, ext] = phone.split(/\s*(?:x|ext\.?|extension)\s*/i);
  const digits = (main ?? '').replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  if (!/\d{3,}/.test(digits)) return undefined;
  const extension = ext?.replace(/\D/g, '');
  return `tel:${digits}${extension ? `;ext=${extension}` : ''}`;
}
