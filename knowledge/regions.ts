import type { RegionId } from './types.js';

/**
 * Where a customer is, from the words they use: the support regions, their countries, states
 * and larger cities. Reference data, not knowledge-base content: the phone numbers themselves
 * come from the articles.
 */
export const REGION_NAMES: Record<RegionId, string> = {
  us: 'United States',
  canada: 'Canada',
  emea: 'EMEA',
  apac: 'Asia Pacific',
};

const PLACES: Record<RegionId, string[]> = {
  us: [
    'united states', 'united states of america', 'usa', 'u.s.', 'u.s.a.', 'america', 'north america', 'stateside',
    'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida',
    'georgia atlanta', 'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine',
    'maryland', 'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada',
    'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'ohio', 'oklahoma',
    'oregon', 'pennsylvania', 'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas', 'utah',
    'vermont', 'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming',
    'new york city', 'nyc', 'los angeles', 'chicago', 'houston', 'phoenix', 'philadelphia', 'san antonio', 'san diego',
    'dallas', 'san jose', 'austin', 'jacksonville', 'san francisco', 'columbus', 'seattle', 'denver', 'boston',
    'nashville', 'detroit', 'portland', 'las vegas', 'memphis', 'louisville', 'baltimore', 'milwaukee', 'albuquerque',
    'tucson', 'sacramento', 'kansas city', 'atlanta', 'miami', 'raleigh', 'omaha', 'minneapolis', 'cleveland',
    'tampa', 'pittsburgh', 'cincinnati', 'st. louis', 'salt lake city', 'orlando', 'charlotte', 'indianapolis',
    'silicon valley', 'monroe', 'sterling', 'ashburn', 'bellevue', 'redmond', 'irvine', 'new orleans', 'honolulu',
  ],
  canada: [
    'canada', 'canadian', 'toronto', 'vancouver', 'montreal', 'montréal', 'ottawa', 'calgary', 'edmonton', 'winnipeg',
    'quebec', 'québec', 'quebec city', 'halifax', 'victoria bc', 'ontario', 'british columbia', 'alberta', 'manitoba',
    'saskatchewan', 'nova scotia', 'new brunswick', 'newfoundland', 'regina', 'saskatoon', 'mississauga', 'hamilton',
    'kitchener', 'waterloo', 'london ontario',
  ],
  emea: [
    'emea', 'europe', 'european', 'eu', 'middle east', 'africa', 'uk', 'u.k.', 'united kingdom', 'great britain',
    'britain', 'england', 'scotland', 'wales', 'northern ireland', 'ireland', 'germany', 'france', 'spain', 'portugal',
    'italy', 'netherlands', 'holland', 'belgium', 'luxembourg', 'switzerland', 'austria', 'denmark', 'norway', 'sweden',
    'finland', 'iceland', 'poland', 'czech republic', 'czechia', 'slovakia', 'hungary', 'romania', 'bulgaria', 'greece',
    'croatia', 'serbia', 'slovenia', 'estonia', 'latvia', 'lithuania', 'ukraine', 'turkey', 'israel', 'uae',
    'united arab emirates', 'saudi arabia', 'qatar', 'kuwait', 'bahrain', 'oman', 'jordan', 'lebanon', 'egypt',
    'morocco', 'tunisia', 'algeria', 'nigeria', 'kenya', 'ghana', 'ethiopia', 'south africa',
    'london', 'manchester', 'birmingham', 'edinburgh', 'glasgow', 'leeds', 'bristol', 'belfast', 'dublin', 'cork',
    'frankfurt', 'berlin', 'munich', 'münchen', 'hamburg', 'cologne', 'düsseldorf', 'dusseldorf', 'stuttgart',
    'paris', 'lyon', 'marseille', 'toulouse', 'madrid', 'barcelona', 'valencia', 'lisbon', 'porto', 'rome', 'milan',
    'turin', 'naples', 'amsterdam', 'rotterdam', 'the hague', 'utrecht', 'brussels', 'antwerp', 'zurich', 'zürich',
    'geneva', 'basel', 'vienna', 'copenhagen', 'oslo', 'stockholm', 'gothenburg', 'helsinki', 'reykjavik', 'warsaw',
    'krakow', 'prague', 'budapest', 'bucharest', 'sofia', 'athens', 'istanbul', 'ankara', 'tel aviv', 'jerusalem',
    'dubai', 'abu dhabi', 'riyadh', 'jeddah', 'doha', 'cairo', 'casablanca', 'lagos', 'nairobi', 'johannesburg',
    'cape town', 'durban', 'kyiv', 'kiev', 'tallinn', 'riga', 'vilnius', 'zagreb', 'belgrade', 'ljubljana',
  ],
  apac: [
    'apac', 'asia pacific', 'asia-pacific', 'asia', 'pacific', 'oceania', 'singapore', 'japan', 'china', 'hong kong',
    'taiwan', 'korea', 'south korea', 'india', 'australia', 'new zealand', 'malaysia', 'indonesia', 'philippines',
    'thailand', 'vietnam', 'viet nam', 'cambodia', 'myanmar', 'sri lanka', 'bangladesh', 'pakistan', 'nepal', 'macau',
    'tokyo', 'osaka', 'kyoto', 'yokohama', 'nagoya', 'beijing', 'shanghai', 'shenzhen', 'guangzhou', 'chengdu',
    'hangzhou', 'taipei', 'seoul', 'busan', 'mumbai', 'bombay', 'delhi', 'new delhi', 'bangalore', 'bengaluru',
    'hyderabad', 'chennai', 'pune', 'kolkata', 'sydney', 'melbourne', 'brisbane', 'perth', 'adelaide', 'canberra',
    'auckland', 'wellington', 'christchurch', 'kuala lumpur', 'jakarta', 'manila', 'bangkok', 'hanoi',
    'ho chi minh city', 'saigon', 'karachi', 'lahore', 'dhaka', 'colombo',
  ],
};

/**
 * Places no support region covers. They are read like the others, so "Latin America" is not taken
 * for "America", and a question about one can say that no number is given for it.
 */
const UNSERVED = [
  'latin america', 'south america', 'central america', 'caribbean', 'mexico', 'brazil', 'argentina', 'chile',
  'colombia', 'peru', 'venezuela', 'uruguay', 'paraguay', 'bolivia', 'ecuador', 'costa rica', 'panama', 'guatemala',
  'puerto rico', 'cuba', 'jamaica', 'sao paulo', 'são paulo', 'rio de janeiro', 'buenos aires', 'santiago', 'bogota',
  'bogotá', 'lima', 'mexico city', 'guadalajara', 'monterrey', 'caracas', 'montevideo',
];

export interface PlaceName {
  name: string;
  region: RegionId;
}

/** A place's name as written in an answer: "new south wales" → "New South Wales". */
export function placeTitle(name: string): string {
  return name.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

export const PLACE_NAMES: PlaceName[] = (Object.entries(PLACES) as [RegionId, string[]][]).flatMap(([region, names]) =>
  names.map((name) => ({ name, region })),
);

const BY_NAME = new Map(PLACE_NAMES.map((place) => [place.name, place.region]));

/** The region a label such as "United States" or "Asia Pacific" stands for, if any. */
export function regionOfName(label: string): RegionId | null {
  const key = label.toLowerCase().replace(/\s+/g, ' ').trim();
  return BY_NAME.get(key) ?? null;
}

/**
 * Every place named in a text (already lower-cased), longest names first so "new york" wins
 * over "york"; one per region, in the order they appear.
 */
export function findPlaces(text: string): PlaceName[] {
  const regions = new Set<RegionId>();
  return namedIn(text)
    .flatMap((place) => (place.region === null ? [] : [{ name: place.name, region: place.region }]))
    .filter((place) => !regions.has(place.region) && regions.add(place.region));
}

/** Places named in a text (lower-cased) that no support region covers ("latin america", "são paulo"). */
export function unservedPlaces(text: string): string[] {
  return namedIn(text).flatMap((place) => (place.region === null ? [place.name] : []));
}

/** Every name found, served or not, in the order written; a longer name takes its words from a shorter one. */
function namedIn(text: string): { name: string; region: RegionId | null }[] {
  const padded = ` ${text.replace(/[^a-z0-9.éüöã' -]+/g, ' ').replace(/\s+/g, ' ')} `;
  const taken: [number, number][] = [];
  const found: { place: { name: string; region: RegionId | null }; at: number }[] = [];
  for (const place of BY_LENGTH) {
    const at = wordAt(padded, place.name, taken);
    if (at < 0) continue;
    taken.push([at, at + place.name.length]);
    found.push({ place, at });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.place);
}

const BY_LENGTH: { name: string; region: RegionId | null }[] = [...PLACE_NAMES, ...UNSERVED.map((name) => ({ name, region: null }))].sort(
  (a, b) => b.name.length - a.name.length,
);

/** Where a name stands as whole words outside the spans already taken, or -1. */
function wordAt(padded: string, name: string, taken: readonly [number, number][]): number {
  for (let at = padded.indexOf(name); at >= 0; at = padded.indexOf(name, at + 1)) {
    const before = padded[at - 1] ?? ' ';
    const after = padded[at + name.length] ?? ' ';
    const free = taken.every(([start, end]) => at + name.length <= start || at >= end);
    if (free && !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return at;
  }
  return -1;
}
