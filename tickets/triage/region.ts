import type { Region } from '../model.js';

/**
 * A first guess at the customer's support region from what their client reports: the
 * activity's locale (a BCP 47 tag such as en-CA) and its local IANA timezone. Only a guess: the
 * dialog always has the customer confirm it, since a laptop set to en-US says little about
 * where the servers or the customer are.
 */

// The Americas outside Canada are served by the United States desk
const COUNTRY_REGIONS: Readonly<Record<Region, readonly string[]>> = {
  us: ['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'VE', 'EC', 'UY', 'PY', 'BO', 'CR', 'PA', 'GT', 'HN', 'SV', 'NI', 'DO', 'CU', 'JM', 'TT', 'BS', 'BB', '419'],
  canada: ['CA'],
  emea: [
    'GB', 'UK', 'IE', 'DE', 'FR', 'ES', 'PT', 'IT', 'NL', 'BE', 'LU', 'CH', 'AT', 'DK', 'NO', 'SE', 'FI', 'IS', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'GR', 'HR',
    'RS', 'SI', 'EE', 'LV', 'LT', 'UA', 'TR', 'CY', 'MT', 'BA', 'ME', 'MK', 'AL', 'BY', 'MD', 'LI', 'MC', 'SM', 'AD', 'IL', 'AE', 'SA', 'QA', 'KW', 'BH', 'OM',
    'JO', 'LB', 'IQ', 'IR', 'EG', 'MA', 'TN', 'DZ', 'LY', 'NG', 'KE', 'GH', 'ET', 'ZA', 'SN', 'CI', 'CM', 'TZ', 'UG', 'RW', 'ZW', 'ZM', 'AO', 'MZ', 'NA', 'BW', 'MU',
    '150',
  ],
  apac: ['JP', 'SG', 'AU', 'NZ', 'CN', 'HK', 'TW', 'KR', 'IN', 'MY', 'TH', 'ID', 'PH', 'VN', 'PK', 'BD', 'LK', 'NP', 'MM', 'KH', 'LA', 'MN', 'MO', 'FJ', 'PG', 'BN', 'MV'],
};

const REGION_OF_COUNTRY: ReadonlyMap<string, Region> = new Map(
  (Object.entries(COUNTRY_REGIONS) as [Region, readonly string[]][]).flatMap(([region, countries]) => countries.map((country) => [country, region] as const)),
);

const CANADIAN_ZONES = new Set([
  'toronto', 'vancouver', 'montreal', 'halifax', 'winnipeg', 'edmonton', 'regina', 'st_johns', 'moncton', 'glace_bay', 'goose_bay', 'whitehorse',
  'dawson', 'dawson_creek', 'yellowknife', 'iqaluit', 'swift_current', 'thunder_bay', 'nipigon', 'rainy_river', 'rankin_inlet', 'resolute',
  'cambridge_bay', 'inuvik', 'creston', 'fort_nelson', 'atikokan', 'blanc-sablon', 'pangnirtung',
]);

// Asia/* is Asia Pacific except the Middle East and the Caucasus, which EMEA serves
const MIDDLE_EAST_ZONES = new Set([
  'dubai', 'riyadh', 'qatar', 'kuwait', 'bahrain', 'muscat', 'jerusalem', 'tel_aviv', 'beirut', 'amman', 'baghdad', 'tehran', 'damascus', 'nicosia',
  'famagusta', 'gaza', 'hebron', 'aden', 'baku', 'tbilisi', 'yerevan', 'istanbul',
]);

const AFRICAN_ISLAND_ZONES = new Set(['mauritius', 'reunion', 'mayotte', 'comoro', 'antananarivo', 'mahe']);

/** The region of an IANA timezone such as Europe/Berlin, or null for zones that say nothing (UTC). */
function regionFromTimezone(timezone: string): Region | null {
  const [area, ...rest] = timezone.trim().split('/');
  const city = rest.join('/').toLowerCase().split('/').pop() ?? '';
  switch (area?.toLowerCase()) {
    case 'america':
      return CANADIAN_ZONES.has(city) ? 'canada' : 'us';
    case 'canada':
      return 'canada';
    case 'us':
      return 'us';
    case 'europe':
    case 'africa':
      return 'emea';
    case 'asia':
      return MIDDLE_EAST_ZONES.has(city) ? 'emea' : 'apac';
    case 'australia':
      return 'apac';
    case 'pacific':
      return city === 'honolulu' || city === 'guam' || city === 'saipan' || city === 'pago_pago' ? 'us' : 'apac';
    case 'indian':
      return AFRICAN_ISLAND_ZONES.has(city) ? 'emea' : 'apac';
    case 'atlantic':
      return city === 'bermuda' ? 'us' : 'emea';
    default:
      return null;
  }
}

/** The region of a BCP 47 locale's country (en-CA, zh-Hans-CN, es-419), or null when it names none. */
function regionFromLocaleTag(locale: string): Region | null {
  const subtags = locale.trim().split(/[-_]/).slice(1);
  for (const subtag of subtags) {
    if (/^[a-z]{2}$/i.test(subtag) || /^\d{3}$/.test(subtag)) return REGION_OF_COUNTRY.get(subtag.toUpperCase()) ?? null;
  }
  return null;
}

/**
 * The support region a client's settings point to. The timezone wins when both speak: it
 * follows where the device is, while a locale is often just the language the customer reads.
 */
export function regionFromLocale(locale?: string, timezone?: string): Region | null {
  const fromZone = timezone ? regionFromTimezone(timezone) : null;
  if (fromZone) return fromZone;
  return locale ? regionFromLocaleTag(locale) : null;
}
