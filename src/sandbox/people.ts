/**
 * Synthetic end-users (contract §7: "Shared public sandbox credentials: no real personal data"; §8 synthetic data).
 * Names come from several countries and include diacritics; countries are ISO 3166-1 alpha-3 (contract §4).
 */
import { Rng } from './prng';
import type { DocumentType, FaceLook, Gender, Person } from './types';

interface CountryNames {
  code: string; // alpha-3
  alpha2: string;
  name: string;
  adjective: string;
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
  /** Gendered surnames where the language has them (Czech, Icelandic, …). */
  lastFemale?: readonly string[];
  lastMale?: readonly string[];
  cities: readonly string[];
  authority: string;
}

export const COUNTRIES: readonly CountryNames[] = [
  {
    code: 'PRT',
    alpha2: 'PT',
    name: 'Portugal',
    adjective: 'Portuguese',
    female: ['Maria Paula', 'Inês', 'Beatriz', 'Leonor', 'Conceição'],
    male: ['João', 'Tomás', 'Gonçalo', 'Rodrigo'],
    last: ['Santos Mendes', 'Gonçalves', 'Araújo', 'Simões', 'Magalhães'],
    cities: ['Lisboa', 'Porto', 'Coimbra'],
    authority: 'República Portuguesa',
  },
  {
    code: 'NOR',
    alpha2: 'NO',
    name: 'Norway',
    adjective: 'Norwegian',
    female: ['Ingrid', 'Solveig', 'Åse', 'Kari', 'Sigrid'],
    male: ['Øystein', 'Håkon', 'Bjørn', 'Lars', 'Ståle'],
    last: ['Østby', 'Hansen', 'Bjørnstad', 'Kværne', 'Sæther', 'Lien'],
    cities: ['Oslo', 'Bergen', 'Tromsø'],
    authority: 'Politiet',
  },
  {
    code: 'SWE',
    alpha2: 'SE',
    name: 'Sweden',
    adjective: 'Swedish',
    female: ['Åsa', 'Linnéa', 'Märta', 'Elin'],
    male: ['Björn', 'Göran', 'Måns', 'Olof'],
    last: ['Åkesson', 'Lindström', 'Söderberg', 'Nyström', 'Ekström'],
    cities: ['Göteborg', 'Malmö', 'Uppsala'],
    authority: 'Polismyndigheten',
  },
  {
    code: 'DNK',
    alpha2: 'DK',
    name: 'Denmark',
    adjective: 'Danish',
    female: ['Mette', 'Karoline', 'Sørine', 'Ditte'],
    male: ['Søren', 'Jørgen', 'Mads', 'Anders'],
    last: ['Jørgensen', 'Møller', 'Sørensen', 'Kjær', 'Bøgh'],
    cities: ['København', 'Århus', 'Odense'],
    authority: 'Rigspolitiet',
  },
  {
    code: 'FIN',
    alpha2: 'FI',
    name: 'Finland',
    adjective: 'Finnish',
    female: ['Päivi', 'Aino', 'Sini', 'Heljä'],
    male: ['Jyrki', 'Väinö', 'Mikko', 'Jaakko'],
    last: ['Mäkinen', 'Järvinen', 'Häkkinen', 'Kärkkäinen'],
    cities: ['Helsinki', 'Jyväskylä', 'Hämeenlinna'],
    authority: 'Poliisi',
  },
  {
    code: 'DEU',
    alpha2: 'DE',
    name: 'Germany',
    adjective: 'German',
    female: ['Anneliese', 'Sophie', 'Käthe', 'Jördis'],
    male: ['Jürgen', 'Lukas', 'Jörg', 'Maximilian'],
    last: ['Müller', 'Schröder', 'Weiß', 'Köhler', 'Groß'],
    cities: ['Köln', 'München', 'Düsseldorf'],
    authority: 'Stadt Köln',
  },
  {
    code: 'FRA',
    alpha2: 'FR',
    name: 'France',
    adjective: 'French',
    female: ['Chloé', 'Hélène', 'Zoé', 'Amélie'],
    male: ['François', 'Jérôme', 'Théo', 'Loïc'],
    last: ['Lefèvre', 'Dubois', 'Béranger', 'Château', 'Giraud'],
    cities: ['Lyon', 'Besançon', 'Orléans'],
    authority: 'Préfecture du Rhône',
  },
  {
    code: 'ESP',
    alpha2: 'ES',
    name: 'Spain',
    adjective: 'Spanish',
    female: ['Lucía', 'Sofía', 'María José'],
    male: ['José Luis', 'Álvaro', 'Íñigo'],
    last: ['Núñez', 'Muñoz García', 'Peña', 'Ibáñez'],
    cities: ['Madrid', 'Logroño', 'Cádiz'],
    authority: 'DGP 28001',
  },
  {
    code: 'POL',
    alpha2: 'PL',
    name: 'Poland',
    adjective: 'Polish',
    female: ['Małgorzata', 'Zofia', 'Agnieszka'],
    male: ['Łukasz', 'Wojciech', 'Paweł'],
    last: ['Nowak', 'Wójcik', 'Kaczmarek', 'Mazur'],
    cities: ['Łódź', 'Kraków', 'Gdańsk'],
    authority: 'Wojewoda Mazowiecki',
  },
  {
    code: 'CZE',
    alpha2: 'CZ',
    name: 'Czechia',
    adjective: 'Czech',
    female: ['Tereza', 'Kateřina', 'Zuzana'],
    male: ['Jiří', 'Tomáš', 'Ondřej'],
    last: [],
    lastFemale: ['Dvořáková', 'Nováková', 'Černá'],
    lastMale: ['Dvořák', 'Novák', 'Černý'],
    cities: ['Brno', 'Plzeň', 'České Budějovice'],
    authority: 'MěÚ Brno',
  },
  {
    code: 'ISL',
    alpha2: 'IS',
    name: 'Iceland',
    adjective: 'Icelandic',
    female: ['Guðrún', 'Sigríður', 'Þóra'],
    male: ['Þórður', 'Ólafur', 'Sigurður'],
    last: [],
    lastFemale: ['Ólafsdóttir', 'Jónsdóttir'],
    lastMale: ['Ólafsson', 'Þórsson'],
    cities: ['Reykjavík', 'Akureyri'],
    authority: 'Þjóðskrá Íslands',
  },
  {
    code: 'NLD',
    alpha2: 'NL',
    name: 'Netherlands',
    adjective: 'Dutch',
    female: ['Femke', 'Saskia', 'Noëlle'],
    male: ['Daan', 'Joël', 'Sjoerd'],
    last: ['van der Berg', 'de Vries', 'Bakker', 'IJzerman'],
    cities: ['Utrecht', 'Den Haag', 'Groningen'],
    authority: 'Burg. van Utrecht',
  },
  {
    code: 'ITA',
    alpha2: 'IT',
    name: 'Italy',
    adjective: 'Italian',
    female: ['Giulia', 'Chiara', 'Benedetta'],
    male: ['Niccolò', 'Luca', 'Nicolò'],
    last: ['Rossi', "D'Angelo", 'Esposito', 'Mancini'],
    cities: ['Milano', 'Forlì', 'Cantù'],
    authority: 'Comune di Milano',
  },
  {
    code: 'TUR',
    alpha2: 'TR',
    name: 'Türkiye',
    adjective: 'Turkish',
    female: ['Ayşe', 'Gülşen', 'Şule'],
    male: ['Çağrı', 'Oğuz', 'İbrahim'],
    last: ['Yılmaz', 'Öztürk', 'Çelik', 'Şahin'],
    cities: ['İstanbul', 'İzmir', 'Eskişehir'],
    authority: 'Nüfus Müdürlüğü',
  },
  {
    code: 'ROU',
    alpha2: 'RO',
    name: 'Romania',
    adjective: 'Romanian',
    female: ['Ioana', 'Ștefania', 'Mădălina'],
    male: ['Ștefan', 'Mihăiță', 'Costică'],
    last: ['Popescu', 'Țurcan', 'Bălănescu'],
    cities: ['Cluj-Napoca', 'Iași', 'Brașov'],
    authority: 'SPCLEP Cluj',
  },
  {
    code: 'GBR',
    alpha2: 'GB',
    name: 'United Kingdom',
    adjective: 'British',
    female: ['Siobhan', 'Emily', 'Harriet'],
    male: ['Oliver', 'Rhodri', 'Alistair'],
    last: ["O'Connor", 'Smith-Jones', 'Taylor', 'Ffion-Hughes'],
    cities: ['Cardiff', 'Leeds', 'Inverness'],
    authority: 'HMPO',
  },
];

/** Nordic countries have a Connect eID (contract §5.5: BankID Norway/Sweden, MitID, FTN). */
export const NORDIC = ['NOR', 'SWE', 'DNK', 'FIN'] as const;

export function countryByCode(code: string): CountryNames {
  return COUNTRIES.find((c) => c.code === code) ?? COUNTRIES[0];
}

const SKIN: readonly [number, number, number][] = [
  [247, 219, 196],
  [238, 200, 170],
  [224, 180, 140],
  [205, 160, 120],
  [180, 130, 95],
  [150, 100, 70],
  [115, 75, 50],
  [85, 55, 38],
];
const HAIR: readonly [number, number, number][] = [
  [25, 20, 18],
  [60, 40, 28],
  [105, 70, 40],
  [190, 150, 90],
  [160, 75, 35],
  [140, 135, 130],
  [215, 210, 205],
];
const EYES: readonly [number, number, number][] = [
  [80, 50, 30],
  [60, 110, 160],
  [70, 120, 80],
  [120, 95, 50],
  [110, 120, 130],
];

function randomLook(rng: Rng, gender: Gender): FaceLook {
  const skin = rng.pick(SKIN);
  const hue = rng.int(0, 5);
  const clothesPalette: [number, number, number][] = [
    [40, 60, 110],
    [120, 30, 40],
    [40, 90, 60],
    [70, 70, 75],
    [200, 160, 60],
    [110, 60, 130],
  ];
  const style =
    gender === 'F'
      ? rng.weighted<FaceLook['hairStyle']>([
          { value: 'long', weight: 6 },
          { value: 'bun', weight: 2 },
          { value: 'short', weight: 2 },
        ])
      : rng.weighted<FaceLook['hairStyle']>([
          { value: 'short', weight: 7 },
          { value: 'bald', weight: 2 },
          { value: 'long', weight: 1 },
        ]);
  return {
    skin,
    hair: rng.pick(HAIR),
    eyes: rng.pick(EYES),
    lips: [Math.min(255, skin[0] - 20), Math.max(0, skin[1] - 70), Math.max(0, skin[2] - 60)],
    clothes: clothesPalette[hue],
    backdrop: [rng.int(200, 235), rng.int(205, 235), rng.int(210, 245)],
    faceWidth: rng.float(0.25, 0.31),
    faceHeight: rng.float(0.28, 0.33),
    hairStyle: style,
    glasses: rng.bool(0.2),
    beard: gender === 'M' && rng.bool(0.25),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = rng.int(fromYear, toYear);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/** National identity number in a country-flavoured (never valid, always synthetic) format. */
function personalNumberFor(rng: Rng, country: string, dateOfBirth: string): string {
  const yy = dateOfBirth.slice(2, 4);
  const mm = dateOfBirth.slice(5, 7);
  const dd = dateOfBirth.slice(8, 10);
  switch (country) {
    case 'NOR':
      return `${dd}${mm}${yy}${rng.digits(5)}`;
    case 'SWE':
      return `${dateOfBirth.replaceAll('-', '')}${rng.digits(4)}`;
    case 'DNK':
    case 'FIN':
      return `${dd}${mm}${yy}-${rng.digits(4)}`;
    default:
      return rng.digits(9);
  }
}

function documentNumberFor(rng: Rng, type: DocumentType): string {
  switch (type) {
    case 'passport':
      return `${rng.letters(1)}${rng.digits(7)}`;
    case 'identityCard':
      return `${rng.letters(3)}${rng.digits(6)}`;
    case 'driversLicense':
      return rng.digits(10);
    case 'residencePermit':
      return `${rng.letters(2)}${rng.digits(7)}`;
  }
}

export interface PersonOverrides {
  firstName?: string;
  lastName?: string;
  country?: string;
  documentType?: DocumentType;
  gender?: Gender;
}

/** Invent one end-user from `key` (deterministic: the same key gives the same person). */
export function makePerson(key: string, overrides: PersonOverrides = {}): Person {
  const rng = new Rng(`person:${key}`);
  const country = overrides.country ? countryByCode(overrides.country) : rng.pick(COUNTRIES);
  const drawn = rng.weighted<Gender>([
    { value: 'F', weight: 49 },
    { value: 'M', weight: 49 },
    { value: 'X', weight: 2 },
  ]);
  const gender = overrides.gender ?? drawn;
  const asFemale = gender === 'F' || (gender === 'X' && rng.bool());
  const firstName = rng.pick(asFemale ? country.female : country.male);
  const lastPool = (asFemale ? country.lastFemale : country.lastMale) ?? country.last;
  const lastName = rng.pick(lastPool.length > 0 ? lastPool : country.last);
  const documentType =
    overrides.documentType ??
    rng.weighted<DocumentType>([
      { value: 'passport', weight: 55 },
      { value: 'identityCard', weight: 30 },
      { value: 'driversLicense', weight: 10 },
      { value: 'residencePermit', weight: 5 },
    ]);
  // Dates are relative to fixed years, not to the clock: a person does not age between runs.
  const dateOfBirth = randomDate(rng, 1942, 2006);
  const dateOfIssue = randomDate(rng, 2017, 2024);
  const validity = documentType === 'driversLicense' ? 15 : documentType === 'residencePermit' ? 5 : 10;
  return {
    key,
    firstName: overrides.firstName ?? firstName,
    lastName: overrides.lastName ?? lastName,
    gender,
    dateOfBirth,
    placeOfBirth: rng.pick(country.cities),
    nationality: documentType === 'residencePermit' ? rng.pick(COUNTRIES).code : country.code,
    issuingCountry: country.code,
    countryName: country.name,
    nationalityAdjective: country.adjective,
    documentType,
    documentNumber: documentNumberFor(rng, documentType),
    personalNumber: personalNumberFor(rng, country.code, dateOfBirth),
    dateOfIssue,
    dateOfExpiry: addYears(dateOfIssue, validity),
    issuingAuthority: country.authority,
    look: randomLook(rng, gender),
  };
}

/**
 * The one seeded person whose name carries markup, so every screen's escaping is exercised (brief §6).
 * Mixed case on purpose: shown through Signicat Paper, whose names are delivered as printed (contract §4).
 */
export function makeHostilePerson(key: string): Person {
  return makePerson(key, {
    firstName: 'Róisín',
    lastName: "O'Hara<img src=x onerror=alert(1)>",
    country: 'GBR',
    documentType: 'identityCard',
    gender: 'F',
  });
}

/** Latin transliteration as used in an MRZ (ICAO 9303 §6 simplified): "Sørensen" → "SORENSEN". */
export function toMrzName(name: string): string {
  const special: Record<string, string> = {
    Æ: 'AE',
    æ: 'AE',
    Ø: 'OE',
    ø: 'OE',
    Å: 'AA',
    å: 'AA',
    Ä: 'AE',
    ä: 'AE',
    Ö: 'OE',
    ö: 'OE',
    Ü: 'UE',
    ü: 'UE',
    ß: 'SS',
    Þ: 'TH',
    þ: 'TH',
    Ð: 'D',
    ð: 'D',
    Ł: 'L',
    ł: 'L',
    Đ: 'D',
    đ: 'D',
    ı: 'I',
  };
  const replaced = [...name].map((ch) => special[ch] ?? ch).join('');
  return replaced
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
