import { describe, expect, it } from 'vitest';
import { addressCountry } from '../src/countries/address-country.js';
import { parseC1Line } from '../src/parse/wos-address-lines.js';

/**
 * Real addresses from ../shared/corpora (C1 and RP lines as WoS wrote them, author brackets
 * included), each with the country a careful reader gives it. The traps: names of other
 * countries inside the address, U.S. states that are also countries, old uppercase styles.
 */
const CASES: [string, string | null][] = [
  ['[Bruna, Emilio M.] Univ Florida, Dept Wildlife Ecol & Conservat, Gainesville, FL 32611 USA.', 'US'],
  ['Indiana Univ, Dept Geog, Bloomington, IN 47405 USA.', 'US'],
  ['Beth Israel Deaconess Med Ctr, Neurosurg Serv, Boston, MA 02215 USA.', 'US'],
  ['Georgia Inst Technol, Sch Biol, Atlanta, GA 30332 USA.', 'US'],
  ['UNIV MICHIGAN,SCH NAT RESOURCES & ENVIRONM,ANN ARBOR,MI 48109.', 'US'],
  ['COLUMBIA UNIV COLL PHYS & SURG,NEW YORK,NY 10032, USA.', 'US'],
  ['TULANE UNIV,SCH MED,NEW ORLEANS,LA 70112.', 'US'],
  ['Harvard Univ, Cambridge, MA USA.', 'US'],
  ['Univ Benin, Dept Anim & Environm Biol, Benin, Nigeria.', 'NG'],
  ['Jos Univ Teaching Hosp, Dept Surg, Neurosurg Div, Jos, Nigeria.', 'NG'],
  ['Kaohsiung Armed Forces Gen Hosp, Aviat Physiol Res Lab, Gangshan Branch, Kaohsiung 820, Taiwan.', 'TW'],
  ['Acad Sinica, Genom Res Ctr, Taipei 11529, Taiwan.', 'TW'],
  ['Univ Hong Kong, Dept Ecol & Biodivers, Pokfulam, Hong Kong, Peoples R China.', 'HK'],
  ['Hong Kong Univ Sci & Technol, Dept Math, Clear Water Bay, Hong Kong, Peoples R China.', 'HK'],
  ['Univ Macau, Fac Social Sci, Taipa, Macau, Peoples R China.', 'MO'],
  ['Zhejiang Univ, Coll Life Sci, Hangzhou 310058, Zhejiang, Peoples R China.', 'CN'],
  ['PEKING UNIV,DEPT BIOL,BEIJING 100871,PEOPLES R CHINA.', 'CN'],
  ['Univ Oxford, Dept Zool, Oxford OX1 3PS, England.', 'GB'],
  ['Univ Reading, Sch Biol Sci, Reading, Berks, England.', 'GB'],
  ['Univ Wales Swansea, Sch Biol Sci, Swansea SA2 8PP, W Glam, Wales.', 'GB'],
  ['Queens Univ Belfast, Dept Agr & Environm Sci, Belfast BT9 5PX, Antrim, North Ireland.', 'GB'],
  ['Univ Edinburgh, Inst Evolutionary Biol, Edinburgh EH9 3FL, Midlothian, Scotland.', 'GB'],
  ['Iranian Hosp Dubai, Dept Surg, Dubai, U Arab Emirates.', 'AE'],
  ['TOBB Univ Econ & Technol, Dept Elect & Elect Engn, TR-06560 Ankara, Turkiye.', 'TR'],
  ['Middle E Tech Univ, Dept Biol, TR-06531 Ankara, Turkey.', 'TR'],
  ['Univ Trinidad & Tobago, Ctr Maritime & Ocean Studies, Chaguaramas, Trinid & Tobago.', 'TT'],
  ['Univ Sarajevo, Sch Business & Econ, Sarajevo 71000, Bosnia & Herceg.', 'BA'],
  ['BORIS KIDRIC INST,ION PHYS LAB,YU-11000 BELGRADE,YUGOSLAVIA.', 'RS'],
  ['MAX PLANCK INST BIOCHEM,D-8033 MARTINSRIED,FED REP GER.', 'DE'],
  ['ACAD SCI USSR,INST SPECT,MOSCOW,USSR.', 'RU'],
  ['Ilia State Univ, Sch Nat Sci & Med, Tbilisi 0162, Georgia.', 'GE'],
  ['Univ Papua New Guinea, Dept Biol, Port Moresby, Papua N Guinea.', 'PG'],
  ['Inst Rech Dev, Brazzaville, Rep Congo.', 'CG'],
  ['Univ Kinshasa, Fac Sci, Kinshasa, Dem Rep Congo.', 'CD'],
  ['Univ Bucharest, Fac Biol, Bucharest, Romania.', 'RO'],
  ['Sultan Qaboos Univ, Coll Agr & Marine Sci, Muscat, Oman.', 'OM'],
  ['Univ Abdou Moumouni, Fac Sci, Niamey, Niger.', 'NE'],
  ['Pontificia Univ Catolica Madre & Maestra, Santiago, Dominican Rep.', 'DO'],
  ['Seoul Natl Univ, Coll Vet Med, Seoul 08826, South Korea.', 'KR'],
  ['Kim Il Sung Univ, Pyongyang, North Korea.', 'KP'],
  ['Univ Cocody, UFR Biosci, Abidjan, Cote Ivoire.', 'CI'],
  ['Univ Queensland, Sch Biol Sci, Brisbane, Qld 4072, Australia.', 'AU'],
  ['McGill Univ, Dept Biol, Montreal, PQ, Canada.', 'CA'],
  ['Univ Fed Uberlandia, Inst Biol, BR-38400902 Uberlandia, MG, Brazil.', 'BR'],
  ['Univ Barcelona, Dept Ecol, Melcior de Palau 140, Barcelona, Spain.', 'ES'],
  ['Univ Freiburg, D-79110 Freiburg, Germany.', 'DE'],
  ['Univ Sao Tome & Principe, Sao Tome, Sao Tome & Prin.', 'ST'],
  ['Falkland Isl Govt, Stanley, Falkland Island.', 'FK'],
  ['Univ Curacao, Willemstad, Neth Antilles.', 'CW'],
  ['Inst Pasteur Nouvelle Caledonie, Noumea, New Caledonia.', 'NC'],
  ['UNIV TRONDHEIM,INST THEORET PHYS,N-7034 TRONDHEIM,NORWAY.', 'NO'],
  ['Greenland Inst Nat Resources, Greenland Climate Res Ctr, Nuuk 3900, Greenland.', 'GL'],
  ['Seychelles Fishing Author, Victoria, Mahe, Seychelles.', 'SC'],
  ['Iwokrama Int Ctr Rain Forest Conservat & Dev, Georgetown, Guyana.', 'GY'],
  ['Suriname Forest Serv, Paramaribo, Suriname.', 'SR'],
  ['Vietnam Natl Univ, Univ Sci, Fac Environm Sci, Hanoi, Vietnam.', 'VN'],
  ['Ben Gurion Univ Negev, Dept Solar Energy & Environm Phys, Sede Boqer, Palestine.', 'PS'],
  ['Minist Hlth, Dept Med Serv, Dewathang Mil Hosp, Thimphu, Bhutan.', 'BT'],
  ['Univ Tripoli, Fac Med, Tripoli, Libya.', 'LY'],
  ['Snow Leopard Trust, 164 Sagimbay St, Bishkek, Kyrgyzstan.', 'KG'],
  ['Inst Marine Biol, POB 69, Kotor 85330, Montenegro.', 'ME'],
  ['Education Foundation, Hong Kong.', 'HK'],
  ['Univ Tehran, Fac Nat Resources, Karaj, Iran.', 'IR'],
  ['Natl Cheng Kung Univ, Dept Life Sci, Tainan 701, Taiwan.', 'TW'],
  ['Univ Nairobi, Sch Biol Sci, Nairobi, Kenya.', 'KE'],
  ['Univ Dar Es Salaam, Dept Zool & Wildlife Conservat, Dar Es Salaam, Tanzania.', 'TZ'],
  ['Univ Yaounde I, Fac Sci, Yaounde, Cameroon.', 'CM'],
  ['Pontificia Univ Catolica Chile, Dept Ecol, Santiago, Chile.', 'CL'],
  ['Univ Nacl Autonoma Mexico, Inst Ecol, Mexico City 04510, DF, Mexico.', 'MX'],
  ['Inst Nacl Pesquisas Amazonia, Manaus, Amazonas, Brazil.', 'BR'],
  ['Hokkaido Univ, Fac Fisheries Sci, Hakodate, Hokkaido 0418611, Japan.', 'JP'],
  ['Pacific Biol Stn, Fisheries & Oceans Canada, Nanaimo, BC V9T 6N7, Canada.', 'CA'],
  ['Russian Acad Sci, Inst Ecol & Evolut, Moscow 119071, Russia.', 'RU'],
  ['Natl Univ Singapore, Dept Biol Sci, Singapore 117543, Singapore.', 'SG'],
  ['Univ Cape Town, Dept Biol Sci, ZA-7700 Rondebosch, South Africa.', 'ZA'],
  ['Univ Copenhagen, Nat Hist Museum Denmark, DK-2100 Copenhagen, Denmark.', 'DK'],
  ['Charles Univ Prague, Fac Sci, Prague 12844 2, Czech Republic.', 'CZ'],
  ['NOAA, NMFS, Alaska Fisheries Sci Ctr, Seattle, WA 98115 USA.', 'US'],
  ['Univ Puerto Rico, Dept Biol, San Juan, PR 00931 USA.', 'US'],
  // Scopus and OpenAlex spellings.
  ['Department of Physics, University of Michigan, Ann Arbor, MI, United States', 'US'],
  ['Moscow State University, Moscow, Russian Federation', 'RU'],
  ['Hanoi University of Science and Technology, Hanoi, Viet Nam', 'VN'],
  ['KAIST, Daejeon, Korea, Republic of', 'KR'],
  ['Seoul National University, Seoul, Republic of Korea', 'KR'],
  ['National Tsing Hua University, Hsinchu, Taiwan, ROC', 'TW'],
  ['University of Tehran, Tehran, Iran, Islamic Republic of', 'IR'],
  ['Charles University, Prague, Czechia', 'CZ'],
  ['Middle East Technical University, Ankara, Türkiye', 'TR'],
  ['The Hong Kong Polytechnic University, Kowloon, Hong Kong', 'HK'],
  ['University of Macau, Taipa, Macao', 'MO'],
  ['University of Oxford, Oxford, United Kingdom', 'GB'],
  ['Some Inst, Somewhere Without Country.', null],
];

describe('address -> country (default rules)', () => {
  it.each(CASES)('%s -> %s', (line, expected) => {
    expect(addressCountry(parseC1Line(line).address).code).toBe(expected);
  });

  it('keeps the address tail it decided on, normalised, for UK nations and the unmatched list', () => {
    expect(addressCountry('Univ Glasgow, Glasgow G12 8QQ, Lanark, Scotland').tail).toBe('SCOTLAND');
    expect(addressCountry('Some Inst, Somewhere Without Country').tail).toBe('SOMEWHERE WITHOUT COUNTRY');
  });
});
