/** ICAO 9303 (part 3) transliterations used when names are written into the MRZ and the chip. */
const ICAO_TRANSLITERATION: Record<string, string> = {
  Ä: 'AE',
  Å: 'AA',
  Æ: 'AE',
  Ö: 'OE',
  Ø: 'OE',
  Ü: 'UE',
  ß: 'SS',
  Þ: 'TH',
  Ð: 'D',
  Œ: 'OE',
  Ĳ: 'IJ',
  Ł: 'L',
  Đ: 'D',
  Ħ: 'H',
  Ŧ: 'T',
  Ŋ: 'N',
  ı: 'I',
};

/** A name in upper case with ICAO's transliterations applied (SCHRÖDER → SCHROEDER); other letters kept as they are. */
export function transliterateIcao(name: string): string {
  return [...name.toUpperCase()].map((ch) => ICAO_TRANSLITERATION[ch] ?? ch).join('');
}
