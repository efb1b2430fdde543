/**
 * Places for the synthetic CITEGO: a small table of real countries and cities (the only places
 * that get owl:sameAs links, to Wikidata identifiers checked by hand), and the parts from which
 * plausible sub-places are named in each naming tradition.
 */
import type { Localised } from './grammar.js';

export type NamingTradition = 'french' | 'spanish' | 'portuguese' | 'italian' | 'westAfrican' | 'chinese';

export interface RealCountry {
  readonly key: string;
  readonly wikidata: string;
  readonly name: Localised<string>;
  /** "in <country>" as each language says it: "au Brésil", "na França", "en Francia". */
  readonly inPhrase: Localised<string>;
  readonly lat: number;
  readonly long: number;
  readonly tradition: NamingTradition;
  /** Share of the synthetic sub-places (and so of the sheets) located in this country. */
  readonly weight: number;
}

export interface RealCity {
  readonly key: string;
  readonly country: string;
  readonly wikidata: string;
  readonly name: Localised<string>;
  readonly lat: number;
  readonly long: number;
  /**
   * For coastal cities, the side where the land is: places generated around the city only move
   * in these directions (+1 north/east, -1 south/west), so that none ends up at sea.
   */
  readonly inland?: Inland;
}

export interface Inland {
  readonly lat?: 1 | -1;
  readonly long?: 1 | -1;
}

function names(fr: string, en = fr, es = en, pt = es): Localised<string> {
  return { fr, en, es, pt };
}

export const REAL_COUNTRIES: readonly RealCountry[] = [
  { key: 'france', wikidata: 'Q142', name: names('France', 'France', 'Francia', 'França'),
    inPhrase: { fr: 'en France', en: 'in France', es: 'en Francia', pt: 'na França' }, lat: 46.6, long: 2.45, tradition: 'french', weight: 50 },
  { key: 'spain', wikidata: 'Q29', name: names('Espagne', 'Spain', 'España', 'Espanha'),
    inPhrase: { fr: 'en Espagne', en: 'in Spain', es: 'en España', pt: 'na Espanha' }, lat: 40.2, long: -3.7, tradition: 'spanish', weight: 7 },
  { key: 'italy', wikidata: 'Q38', name: names('Italie', 'Italy', 'Italia', 'Itália'),
    inPhrase: { fr: 'en Italie', en: 'in Italy', es: 'en Italia', pt: 'na Itália' }, lat: 42.8, long: 12.6, tradition: 'italian', weight: 3 },
  { key: 'portugal', wikidata: 'Q45', name: names('Portugal'),
    inPhrase: { fr: 'au Portugal', en: 'in Portugal', es: 'en Portugal', pt: 'em Portugal' }, lat: 39.6, long: -8.0, tradition: 'portuguese', weight: 4 },
  { key: 'brazil', wikidata: 'Q155', name: names('Brésil', 'Brazil', 'Brasil', 'Brasil'),
    inPhrase: { fr: 'au Brésil', en: 'in Brazil', es: 'en Brasil', pt: 'no Brasil' }, lat: -14.2, long: -51.9, tradition: 'portuguese', weight: 8 },
  { key: 'mexico', wikidata: 'Q96', name: names('Mexique', 'Mexico', 'México', 'México'),
    inPhrase: { fr: 'au Mexique', en: 'in Mexico', es: 'en México', pt: 'no México' }, lat: 23.6, long: -102.5, tradition: 'spanish', weight: 4 },
  { key: 'colombia', wikidata: 'Q739', name: names('Colombie', 'Colombia', 'Colombia', 'Colômbia'),
    inPhrase: { fr: 'en Colombie', en: 'in Colombia', es: 'en Colombia', pt: 'na Colômbia' }, lat: 4.57, long: -74.3, tradition: 'spanish', weight: 4 },
  { key: 'argentina', wikidata: 'Q414', name: names('Argentine', 'Argentina', 'Argentina', 'Argentina'),
    inPhrase: { fr: 'en Argentine', en: 'in Argentina', es: 'en Argentina', pt: 'na Argentina' }, lat: -38.4, long: -63.6, tradition: 'spanish', weight: 3 },
  { key: 'senegal', wikidata: 'Q1041', name: names('Sénégal', 'Senegal', 'Senegal', 'Senegal'),
    inPhrase: { fr: 'au Sénégal', en: 'in Senegal', es: 'en Senegal', pt: 'no Senegal' }, lat: 14.5, long: -14.45, tradition: 'westAfrican', weight: 5 },
  { key: 'mali', wikidata: 'Q912', name: names('Mali', 'Mali', 'Malí', 'Mali'),
    inPhrase: { fr: 'au Mali', en: 'in Mali', es: 'en Malí', pt: 'no Mali' }, lat: 17.57, long: -3.99, tradition: 'westAfrican', weight: 3 },
  { key: 'china', wikidata: 'Q148', name: names('Chine', 'China', 'China', 'China'),
    inPhrase: { fr: 'en Chine', en: 'in China', es: 'en China', pt: 'na China' }, lat: 35.86, long: 104.2, tradition: 'chinese', weight: 3 },
  { key: 'belgium', wikidata: 'Q31', name: names('Belgique', 'Belgium', 'Bélgica', 'Bélgica'),
    inPhrase: { fr: 'en Belgique', en: 'in Belgium', es: 'en Bélgica', pt: 'na Bélgica' }, lat: 50.5, long: 4.47, tradition: 'french', weight: 3 },
  { key: 'canada', wikidata: 'Q16', name: names('Canada', 'Canada', 'Canadá', 'Canadá'),
    inPhrase: { fr: 'au Canada', en: 'in Canada', es: 'en Canadá', pt: 'no Canadá' }, lat: 56.13, long: -106.35, tradition: 'french', weight: 3 },
];

export const REAL_CITIES: readonly RealCity[] = [
  { key: 'paris', country: 'france', wikidata: 'Q90', name: names('Paris', 'Paris', 'París', 'Paris'), lat: 48.8566, long: 2.3522 },
  { key: 'lyon', country: 'france', wikidata: 'Q456', name: names('Lyon'), lat: 45.764, long: 4.8357 },
  { key: 'marseille', country: 'france', wikidata: 'Q23482', name: names('Marseille', 'Marseille', 'Marsella', 'Marselha'), lat: 43.2965, long: 5.3698, inland: { lat: 1, long: 1 } },
  { key: 'grenoble', country: 'france', wikidata: 'Q1289', name: names('Grenoble'), lat: 45.1885, long: 5.7245 },
  { key: 'nantes', country: 'france', wikidata: 'Q12191', name: names('Nantes'), lat: 47.2184, long: -1.5536, inland: { long: 1 } },
  { key: 'rennes', country: 'france', wikidata: 'Q647', name: names('Rennes'), lat: 48.1173, long: -1.6778 },
  { key: 'lille', country: 'france', wikidata: 'Q648', name: names('Lille'), lat: 50.6292, long: 3.0573 },
  { key: 'toulouse', country: 'france', wikidata: 'Q7880', name: names('Toulouse'), lat: 43.6047, long: 1.4442 },
  { key: 'bordeaux', country: 'france', wikidata: 'Q1479', name: names('Bordeaux', 'Bordeaux', 'Burdeos', 'Bordéus'), lat: 44.8378, long: -0.5792, inland: { long: 1 } },
  { key: 'strasbourg', country: 'france', wikidata: 'Q6602', name: names('Strasbourg', 'Strasbourg', 'Estrasburgo', 'Estrasburgo'), lat: 48.5734, long: 7.7521 },
  { key: 'montpellier', country: 'france', wikidata: 'Q6500', name: names('Montpellier'), lat: 43.6108, long: 3.8767, inland: { lat: 1 } },
  { key: 'barcelona', country: 'spain', wikidata: 'Q1492', name: names('Barcelone', 'Barcelona', 'Barcelona', 'Barcelona'), lat: 41.3874, long: 2.1686, inland: { lat: 1, long: -1 } },
  { key: 'madrid', country: 'spain', wikidata: 'Q2807', name: names('Madrid'), lat: 40.4168, long: -3.7038 },
  { key: 'bologna', country: 'italy', wikidata: 'Q1891', name: names('Bologne', 'Bologna', 'Bolonia', 'Bolonha'), lat: 44.4949, long: 11.3426 },
  { key: 'lisbon', country: 'portugal', wikidata: 'Q597', name: names('Lisbonne', 'Lisbon', 'Lisboa', 'Lisboa'), lat: 38.7223, long: -9.1393, inland: { lat: 1, long: 1 } },
  { key: 'porto-alegre', country: 'brazil', wikidata: 'Q40269', name: names('Porto Alegre'), lat: -30.0346, long: -51.2177, inland: { lat: 1, long: -1 } },
  { key: 'mexico-city', country: 'mexico', wikidata: 'Q1489', name: names('Mexico', 'Mexico City', 'Ciudad de México', 'Cidade do México'), lat: 19.4326, long: -99.1332 },
  { key: 'bogota', country: 'colombia', wikidata: 'Q2841', name: names('Bogota', 'Bogotá', 'Bogotá', 'Bogotá'), lat: 4.711, long: -74.0721 },
  { key: 'buenos-aires', country: 'argentina', wikidata: 'Q1486', name: names('Buenos Aires'), lat: -34.6037, long: -58.3816, inland: { lat: -1, long: -1 } },
  { key: 'dakar', country: 'senegal', wikidata: 'Q3718', name: names('Dakar'), lat: 14.7167, long: -17.4677, inland: { long: 1 } },
  { key: 'bamako', country: 'mali', wikidata: 'Q3703', name: names('Bamako'), lat: 12.6392, long: -8.0029 },
  { key: 'beijing', country: 'china', wikidata: 'Q956', name: names('Pékin', 'Beijing', 'Pekín', 'Pequim'), lat: 39.9042, long: 116.4074 },
  { key: 'brussels', country: 'belgium', wikidata: 'Q239', name: names('Bruxelles', 'Brussels', 'Bruselas', 'Bruxelas'), lat: 50.8503, long: 4.3517 },
  { key: 'montreal', country: 'canada', wikidata: 'Q340', name: names('Montréal', 'Montreal', 'Montreal', 'Montreal'), lat: 45.5019, long: -73.5674 },
];

export const WIKIDATA_ENTITY = 'http://www.wikidata.org/entity/';

/**
 * Parts of synthetic place names: a settlement is `stem + suffix`, a neighbourhood a `quarter`
 * name. French quarter names may carry an article ("Les Tilleuls"), which French labels contract
 * ("Quartier des Tilleuls").
 */
export interface NameParts {
  readonly stems: readonly string[];
  readonly suffixes: readonly string[];
  readonly quarters: readonly string[];
}

export const PLACE_NAME_PARTS: Readonly<Record<NamingTradition, NameParts>> = {
  french: {
    stems: ['Saint-Martin', 'Saint-Julien', 'Sainte-Colombe', 'Saint-Aubin', 'Villeneuve', 'Villefranche', 'Beaumont', 'Montfort',
      'Rochefort', 'Fontenay', 'Chantemerle', 'Bellerive', 'Clairvaux', 'Neuville', 'Montval', 'Belleville', 'Champagnac', 'Lavaur',
      'Mirebeau', 'Valmont', 'Bourgneuf', 'Plessis', 'Aubeterre', 'Orival', 'Sauveterre', 'Hautefort', 'Châteauneuf', 'Beaulieu'],
    suffixes: ['', '', '', '', '-sur-Loire', '-sur-Isère', '-en-Vercors', '-les-Bains', '-le-Vieux', '-sur-Mer', '-la-Forêt',
      '-du-Lac', '-en-Bresse', '-sur-Garonne', '-de-Bretagne', '-en-Auvergne', '-sur-Meuse', '-le-Haut'],
    quarters: ['Les Tilleuls', 'La Gare', 'Le Moulin', 'Les Capucins', 'Le Port', 'Les Glycines', 'Le Vieux-Marché', 'Bellevue',
      'Saint-Roch', 'Les Sablons', 'La Fontaine', 'Les Acacias', 'Le Plateau', 'Les Chênes', 'La Roseraie', 'Les Hauts-de-Ville',
      'Le Faubourg', 'Les Lilas', 'La Source', 'Les Quatre-Vents', 'Beauséjour', 'Le Mail', 'Les Peupliers', 'Champ-Fleuri'],
  },
  spanish: {
    stems: ['San Isidro', 'Villanueva', 'Santa Cruz', 'Valdemora', 'Fuentealba', 'Torrejón', 'Castilblanco', 'Miraflores', 'Robledo',
      'Alcalá', 'San Pedro', 'Santa Rosa', 'La Esperanza', 'El Carmen', 'Villaverde', 'Los Álamos', 'Puerto Nuevo', 'Monteverde',
      'San Miguel', 'Las Palmas'],
    suffixes: ['', '', '', ' del Río', ' de la Sierra', ' de Abajo', ' del Monte', ' de los Olivos', ' del Valle', ' de las Flores', ' Alto'],
    quarters: ['La Esperanza', 'El Carmen', 'San Antonio', 'Las Flores', 'Nueva Vida', 'El Progreso', 'La Victoria', 'Santa Fe',
      'Los Pinos', 'Villa Hermosa', 'San Rafael', 'El Porvenir', 'La Paz', 'Las Américas', 'El Mirador', 'Los Naranjos'],
  },
  portuguese: {
    stems: ['São João', 'Vila Nova', 'Santa Luzia', 'Boa Vista', 'Ribeira', 'Campo Alegre', 'Nova Esperança', 'Santo Antônio',
      'Vila Rica', 'Bela Vista', 'Três Marias', 'Serra Verde', 'Rio Claro', 'Pedra Branca', 'Lagoa Santa', 'Monte Alto'],
    suffixes: ['', '', '', ' do Sul', ' da Serra', ' dos Campos', ' de Baixo', ' do Norte', ' das Flores', ' do Rio'],
    quarters: ['Vila Esperança', 'Jardim das Flores', 'Morro Azul', 'Bom Jesus', 'Vila Operária', 'Cidade Nova', 'Parque dos Pinheiros',
      'Vila Nova', 'Jardim América', 'Alto da Boa Vista', 'Vila Verde', 'Santa Marta', 'Conjunto Esperança', 'Vila União'],
  },
  italian: {
    stems: ['San Lazzaro', 'Castelnuovo', 'Borgonuovo', 'Villafranca', 'Monteverde', 'Pieve', 'Rocca', 'Santa Maria', 'Fontanelle',
      'Casalnuovo', 'Montalto', 'Valverde'],
    suffixes: ['', '', ' di Reno', ' al Mare', ' Vecchio', ' di Sopra', ' in Valle', ' Emilia'],
    quarters: ['Borgo Nuovo', 'Porta Verde', 'Le Fonti', 'Santa Chiara', 'Prato Alto', 'Villaggio Giardino', 'San Rocco', 'Borgo Antico'],
  },
  westAfrican: {
    stems: ['Keur Mbaye', 'Darou Salam', 'Sinthiou Coura', 'Ndiaye Gaye', 'Kalaban Koro', 'Médina Sané', 'Thiaroye Fall', 'Keur Diaby',
      'Darou Bougou', 'Sinthiou Sow', 'Niakhar', 'Ndombo', 'Kounkané', 'Dialakoro'],
    suffixes: ['', '', '', ' Peul', ' Wolof', ' Nord', ' Sud'],
    quarters: ['Cité Sotrac', 'Cité Millionnaire', 'Médina Gounass', 'Keur Gorgui', 'Hamdallaye Est', 'Sébougou', 'Liberté Nord',
      'Cité des Enseignants', 'Darou Khoudoss', 'Sogoniko Sud', 'Cité Fadia', 'Baco Koura'],
  },
  chinese: {
    stems: ['Qingping', 'Dongcheng', 'Xishan', 'Nanhu', 'Beitai', 'Changan', 'Fengyuan', 'Jingning', 'Heping', 'Shunhe', 'Tianqiao',
      'Yongfeng', 'Haidong', 'Pingshan'],
    suffixes: ['', '', ' Zhen', ' Xiang'],
    quarters: ['Heping Li', 'Xinhua Cun', 'Dongfeng Li', 'Guangming Cun', 'Yuquan Li', 'Xingfu Cun', 'Jianshe Li', 'Qinghe Cun'],
  },
};

/** Names of French "pays" (rural areas organised around a project). */
export const FRENCH_PAYS_NAMES: readonly string[] = [
  'Bois-Dormant', 'Haut-Bocage', 'Les Trois Rivières', 'Val de Sèvre', 'Les Causses', 'La Vallée Verte', 'Les Coteaux', 'Les Hautes Terres',
  'Bois-Joli', 'La Plaine Blanche', 'Les Monts d\'Argent', 'Val d\'Orge', 'Les Deux Vallées', 'Trois-Sources', 'Les Landes Fleuries',
];
