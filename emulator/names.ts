// Deterministic randomness and the words generated books are made of.
export type Rng = {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
  cents: (lo: number, hi: number) => number;
};

export function rng(seed: number): Rng {
  let a = seed >>> 0 || 1;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    cents: (lo: number, hi: number) => Math.round((lo + next() * (hi - lo)) * 100) / 100,
  };
}

export const companyNames = [
  'Harbor Lane Bakery',
  'Summit Ridge Landscaping',
  'Bluebird Dental Studio',
  'Northwind Coffee Roasters',
  'Copperleaf Design Co.',
  'Riverside Auto Repair',
  'Maple & Main Hardware',
  'Brightside Physical Therapy',
  'Tidewater Marine Supply',
  'Oak Hollow Veterinary',
  'Cedar Point Plumbing',
  'Golden Gate Catering',
  'Pinecrest Pediatrics',
  'Silverline Electric',
  'Juniper Yoga Collective',
];

const vendorFirst = [
  'Pacific',
  'Bay Area',
  'Sierra',
  'Golden',
  'Evergreen',
  'Redwood',
  'Coastal',
  'Valley',
  'Summit',
  'Metro',
  'Union',
  'Lakeside',
  'Granite',
  'Prairie',
  'Harbor',
  'Atlas',
  'Beacon',
  'Keystone',
  'Liberty',
  'Pioneer',
];
const vendorSecond = [
  'Supply',
  'Office Products',
  'Wholesale',
  'Packaging',
  'Logistics',
  'Print Shop',
  'Janitorial',
  'IT Services',
  'Staffing',
  'Equipment Rental',
  'Uniforms',
  'Paper Co.',
  'Produce',
  'Electrical Supply',
  'Lumber',
  'Signs',
  'Freight',
  'Insurance Agency',
  'Legal Group',
  'CPA Partners',
];
const merchants = [
  'Costco',
  'Home Depot',
  'Staples',
  'Amazon',
  'Shell',
  'Chevron',
  'Uber',
  'Delta Air Lines',
  'Best Buy',
  'FedEx',
  'UPS Store',
  "Lowe's",
  'Target',
  'Office Depot',
  'Starbucks',
  'Hilton',
  'Zoom',
  'Adobe',
  'Dropbox',
  'Squarespace',
];
const firstNames = [
  'Amy',
  'Bill',
  'Grace',
  'Diego',
  'Dylan',
  'Kirby',
  'Geeta',
  'Lisa',
  'Jeff',
  'John',
  'Kate',
  'Mark',
  'Nina',
  'Paulsen',
  'Rago',
  'Sonnenschein',
  'Sushi',
  'Travis',
  'Wedding',
  'Weiskopf',
  'Maria',
  'Sam',
  'Priya',
  'Omar',
  'Lena',
  'Hiro',
  'Chen',
  'Fatima',
  'Luis',
  'Olga',
];
const lastNames = [
  'Lauterbach',
  'Lucchini',
  'Pariente',
  'Rodriguez',
  'Sollfrank',
  'Freeman',
  'Kalapatapu',
  'Gevelber',
  'Chang',
  'Melton',
  'Whelan',
  'Cho',
  'Nguyen',
  'Patel',
  'Okafor',
  'Schmidt',
  'Rossi',
  'Kowalski',
  'Tanaka',
  'Silva',
];
const customerKinds = [
  'Dental',
  'Bistro',
  'Fitness',
  'Realty',
  'Architects',
  'Florist',
  'Salon',
  'Bookshop',
  'Brewing',
  'Clinic',
  'Pet Care',
  'Studio',
  'Events',
  'Landscaping',
  'Motors',
];

function unique(make: (i: number) => string, count: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    let name = make(i);
    if (seen.has(name.toLowerCase())) name = `${name} ${Math.floor(i / 7) + 2}`;
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

export function vendorNames(r: Rng, count: number): string[] {
  return unique(() => `${r.pick(vendorFirst)} ${r.pick(vendorSecond)}`, count);
}

export function merchantNames(r: Rng, count: number): string[] {
  return unique(
    (i) =>
      i < merchants.length ? (merchants[i] as string) : `${r.pick(merchants)} #${r.int(100, 9999)}`,
    count,
  );
}

export function customerNames(r: Rng, count: number): string[] {
  return unique(
    () =>
      r.chance(0.4)
        ? `${r.pick(firstNames)} ${r.pick(lastNames)}`
        : `${r.pick(lastNames)} ${r.pick(customerKinds)}`,
    count,
  );
}

// Area codes of the demo books' phone numbers; 555-0100 to 555-0199 are the numbers set aside for fiction.
const areaCodes = ['415', '650', '510', '408', '707', '916'];

/**
 * A customer's contact as QBO keeps it, made from its name and place in the list (no draw from the
 * generator's random stream, so books generated before keep every other value): the person (the name
 * itself for a person, else someone at the company), a phone and, for one in three, a mobile.
 */
export function customerContact(name: string, i: number): Record<string, unknown> {
  const person = /^(\S+) (\S+)$/.exec(name);
  const isPerson = person !== null && firstNames.includes(person[1]!);
  const given = isPerson ? person[1]! : firstNames[(i * 7 + 3) % firstNames.length]!;
  const family = isPerson ? person[2]! : lastNames[(i * 11 + 5) % lastNames.length]!;
  const area = areaCodes[i % areaCodes.length]!;
  const line = (n: number) => `555-01${String(n % 100).padStart(2, '0')}`;
  return {
    GivenName: given,
    FamilyName: family,
    PrimaryPhone: { FreeFormNumber: `(${area}) ${line(i)}` },
    ...(i % 3 === 0 ? { Mobile: { FreeFormNumber: `${area}-${line(i + 50)}` } } : {}),
  };
}
