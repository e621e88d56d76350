// Countries, one way everywhere: ISO 3166-1 alpha-3, as ICAO 9303 documents (MRZ) and most providers write them.
// Connect's claims carry alpha-2 (`nin_issuing_country: "NO"`); both meet here at indexing time, so filters,
// tables and CSV never split one country in two. Names come from the browser's or runtime's Intl.DisplayNames
// (CLDR data), which speaks alpha-2: this table is the bridge both ways.

/** ISO 3166-1: alpha-2 followed by alpha-3, for all 249 officially assigned codes. */
const ISO_3166_1 = `
AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS AW ABW AX ALA AZ AZE
BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU BN BRN BO BOL BQ BES BR BRA BS BHS
BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG CH CHE CI CIV CK COK CL CHL CM CMR CN CHN
CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST
EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD GE GEO GF GUF
GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD
HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM
JO JOR JP JPN KE KEN KG KGZ KH KHM KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA
LI LIE LK LKA LR LBR LS LSO LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD
ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM
NC NCL NE NER NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG
PH PHL PK PAK PL POL PM SPM PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA
SA SAU SB SLB SC SYC SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD
ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM TN TUN TO TON
TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR
VN VNM VU VUT WF WLF WS WSM YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE
`
  .trim()
  .split(/\s+/);

/** alpha-2 → alpha-3. */
export const ALPHA3_OF: ReadonlyMap<string, string> = new Map(
  Array.from(
    { length: ISO_3166_1.length / 2 },
    (_, i) => [ISO_3166_1[2 * i]!, ISO_3166_1[2 * i + 1]!] as const,
  ),
);

/**
 * Other spellings of a country seen on documents and in claims, mapped to the alpha-3 code a filter should use:
 * Germany's one-letter MRZ code (ICAO 9303 part 3), the EU's own codes for the United Kingdom and Greece, and Kosovo
 * (user-assigned XK in ISO, RKS in ICAO 9303).
 */
export const COUNTRY_VARIANTS: ReadonlyMap<string, string> = new Map([
  ['D', 'DEU'],
  ['UK', 'GBR'],
  ['EL', 'GRC'],
  ['XK', 'RKS'],
]);

/** alpha-3 (and RKS) → the region code Intl.DisplayNames knows. */
const REGION_OF: ReadonlyMap<string, string> = new Map([
  ...[...ALPHA3_OF].map(([a2, a3]) => [a3, a2] as const),
  ['RKS', 'XK'],
]);

/**
 * The ISO 3166-1 alpha-3 code of a country as a provider wrote it: alpha-2 and the known variants are mapped,
 * alpha-3 is upper-cased; anything else (ICAO codes for organisations such as `UNO` or `XXA`, free text) is kept as
 * written, trimmed, so it can be shown as not recognised. Empty → undefined.
 */
export function normaliseCountry(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim().replace(/<+$/, '');
  if (trimmed === '') return undefined;
  const upper = trimmed.toUpperCase();
  if (REGION_OF.has(upper)) return upper;
  return ALPHA3_OF.get(upper) ?? COUNTRY_VARIANTS.get(upper) ?? trimmed;
}

/** True for an alpha-3 code this table knows (and Kosovo's RKS). */
export function isKnownCountry(code: string | null | undefined): boolean {
  return code != null && REGION_OF.has(code);
}

const names = new Map<string, Intl.DisplayNames | null>();
function displayNames(locale: string): Intl.DisplayNames | null {
  if (!names.has(locale)) {
    try {
      names.set(locale, new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'none' }));
    } catch {
      names.set(locale, null);
    }
  }
  return names.get(locale)!;
}

/**
 * The country's name in `locale` (Intl.DisplayNames, CLDR), e.g. NOR → "Norway". A code the table does not know is
 * shown as "Not recognised (XYZ)"; no country at all is "Unknown".
 */
export function countryName(code: string | null | undefined, locale = 'en'): string {
  if (code == null || code === '') return 'Unknown';
  const region = REGION_OF.get(code);
  let name: string | undefined;
  try {
    name = region ? displayNames(locale)?.of(region) : undefined;
  } catch {
    name = undefined; // a runtime without this region's data
  }
  return name ?? (region ? code : `Not recognised (${code})`);
}

/** "Norway (NOR)": the name with the code, for tables and CSV where both help. */
export function countryLabel(code: string | null | undefined, locale = 'en'): string {
  if (code == null || code === '') return 'Unknown';
  const name = countryName(code, locale);
  return name.startsWith('Not recognised') ? name : `${name} (${code})`;
}
