import { describe, expect, it } from 'vitest';
import { ALPHA3_OF, countryLabel, countryName, isKnownCountry, normaliseCountry } from './countries';

describe('normaliseCountry', () => {
  it.each([
    // Connect's claims carry alpha-2; documents alpha-3 — one spelling for both.
    ['NO', 'NOR'],
    ['no', 'NOR'],
    [' DK ', 'DNK'],
    ['SE', 'SWE'],
    ['FI', 'FIN'],
    ['NOR', 'NOR'],
    ['dnk', 'DNK'],
    // MRZ filler and Germany's one-letter code.
    ['D<<', 'DEU'],
    ['D', 'DEU'],
    ['UK', 'GBR'],
    ['XK', 'RKS'],
    // Codes for organisations and stateless persons are not countries: kept, shown as not recognised.
    ['XXA', 'XXA'],
    ['UNO', 'UNO'],
    ['Atlantis', 'Atlantis'],
  ])('%s → %s', (input, want) => {
    expect(normaliseCountry(input)).toBe(want);
  });

  it('leaves no country as none', () => {
    expect(normaliseCountry(undefined)).toBeUndefined();
    expect(normaliseCountry('  ')).toBeUndefined();
  });

  it('knows all 249 ISO 3166-1 codes, each with a name', () => {
    expect(ALPHA3_OF.size).toBe(249);
    expect(new Set(ALPHA3_OF.values()).size).toBe(249);
    for (const a3 of ALPHA3_OF.values()) {
      expect(isKnownCountry(a3)).toBe(true);
      expect(countryName(a3)).not.toMatch(/Not recognised/);
    }
  });
});

describe('countryName', () => {
  it('names countries from Intl.DisplayNames and says when a code is not one', () => {
    expect(countryName('NOR')).toBe('Norway');
    expect(countryName('DEU', 'de')).toBe('Deutschland');
    expect(countryName('RKS')).toBe('Kosovo');
    expect(countryName('XXA')).toBe('Not recognised (XXA)');
    expect(countryName(null)).toBe('Unknown');
    expect(countryLabel('SWE')).toBe('Sweden (SWE)');
    expect(countryLabel('XXA')).toBe('Not recognised (XXA)');
  });
});
