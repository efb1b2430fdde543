/**
 * The words of description pages in French, English and Spanish. A missing translation falls
 * back to English, then French.
 */
import { STANDARD_PREFIXES } from '../../rdf/namespaces.js';
import type { PageLanguage } from '../../server/language.js';

export type Texts = { readonly fr: string; readonly en: string; readonly es?: string };

export function say(texts: Texts, language: PageLanguage): string {
  return texts[language] ?? texts.en ?? texts.fr;
}

export const UI = {
  authors: { fr: 'Auteurs', en: 'Authors', es: 'Autores' },
  partners: { fr: 'Partenaires', en: 'Partners', es: 'Socios' },
  places: { fr: 'Lieux', en: 'Places', es: 'Lugares' },
  dossier: { fr: 'Dossier', en: 'Dossier', es: 'Dossier' },
  descriptors: { fr: 'Descripteurs de l\'atlas', en: 'Atlas descriptors', es: 'Descriptores del atlas' },
  published: { fr: 'Publiée le', en: 'Published', es: 'Publicada el' },
  modified: { fr: 'Mise à jour', en: 'Updated', es: 'Actualizada' },
  languages: { fr: 'Langues', en: 'Languages', es: 'Idiomas' },
  translations: { fr: 'Dans d\'autres langues', en: 'In other languages', es: 'En otros idiomas' },
  original: { fr: 'Page d\'origine sur citego.org', en: 'Original page on citego.org', es: 'Página original en citego.org' },
  related: { fr: 'Fiches liées', en: 'Related sheets', es: 'Fichas relacionadas' },
  citation: { fr: 'Référence', en: 'Reference', es: 'Referencia' },
  matrix: { fr: 'Place dans la matrice de l\'atlas', en: 'Place in the atlas matrix', es: 'Lugar en la matriz del atlas' },
  component: { fr: 'Composante', en: 'Component', es: 'Componente' },
  angle: { fr: 'Angle d\'approche', en: 'Governance angle', es: 'Ángulo de enfoque' },
  scale: { fr: 'Échelle', en: 'Scale', es: 'Escala' },
  neighbours: { fr: 'Voisins', en: 'Neighbours', es: 'Vecinos' },
  broader: { fr: 'Plus général', en: 'Broader', es: 'Más general' },
  narrower: { fr: 'Plus détaillé', en: 'Narrower', es: 'Más detallado' },
  indexedSheets: { fr: 'Fiches indexées', en: 'Indexed sheets', es: 'Fichas indexadas' },
  sheets: { fr: 'Fiches', en: 'Sheets', es: 'Fichas' },
  wrote: { fr: 'Fiches écrites', en: 'Sheets written', es: 'Fichas escritas' },
  partnerOf: { fr: 'Fiches dont elle est partenaire', en: 'Sheets it is a partner of', es: 'Fichas de las que es socia' },
  members: { fr: 'Membres', en: 'Members', es: 'Miembros' },
  memberOf: { fr: 'Membre de', en: 'Member of', es: 'Miembro de' },
  role: { fr: 'rôle', en: 'role', es: 'rol' },
  location: { fr: 'Siège', en: 'Location', es: 'Sede' },
  within: { fr: 'Situé dans', en: 'Within', es: 'Situado en' },
  contains: { fr: 'Contient', en: 'Contains', es: 'Contiene' },
  about: { fr: 'Fiches sur ce lieu', en: 'Sheets about this place', es: 'Fichas sobre este lugar' },
  coordinates: { fr: 'Coordonnées', en: 'Coordinates', es: 'Coordenadas' },
  sameAs: { fr: 'Ailleurs sur le web de données', en: 'Elsewhere on the web of data', es: 'En otros lugares de la web de datos' },
  coordinator: { fr: 'Coordination', en: 'Coordinator', es: 'Coordinación' },
  introduction: { fr: 'Fiche introductive', en: 'Introduction', es: 'Ficha introductoria' },
  descriptorsHere: { fr: 'Descripteurs', en: 'Descriptors', es: 'Descriptores' },
  otherLinks: { fr: 'Autres liens vers cette page', en: 'Other links to this page', es: 'Otros enlaces a esta página' },
  properties: { fr: 'Propriétés', en: 'Properties', es: 'Propiedades' },
  formats: { fr: 'Cette description dans d\'autres formats', en: 'This description in other formats', es: 'Esta descripción en otros formatos' },
  page: { fr: 'Page', en: 'Page', es: 'Página' },
  of: { fr: 'sur', en: 'of', es: 'de' },
  previous: { fr: 'Page précédente', en: 'Previous page', es: 'Página anterior' },
  next: { fr: 'Page suivante', en: 'Next page', es: 'Página siguiente' },
  links: { fr: 'liens', en: 'links', es: 'enlaces' },
  homepage: { fr: 'Site web', en: 'Website', es: 'Sitio web' },
  localMaps: { fr: 'Cartes locales', en: 'Local maps', es: 'Mapas locales' },
  notFound: { fr: 'Ressource introuvable', en: 'Resource not found', es: 'Recurso no encontrado' },
  notFoundText: {
    fr: 'Aucune ressource de CITEGO ne porte cette adresse. Elle a peut-être été mal recopiée.',
    en: 'No CITEGO resource has this address. It may have been copied wrongly.',
    es: 'Ningún recurso de CITEGO tiene esta dirección. Quizás se copió mal.',
  },
  home: { fr: 'Accueil', en: 'Home', es: 'Inicio' },
} as const satisfies Record<string, Texts>;

const { dct, skos, foaf, org, schema, owl, rdfs, rdf, geo } = STANDARD_PREFIXES;

/** Names of the properties of reused vocabularies; CITEGO's own come from the ontology. */
export const PROPERTY_NAMES: Readonly<Record<string, Texts>> = {
  [`${rdf}type`]: { fr: 'Type', en: 'Type', es: 'Tipo' },
  [`${dct}title`]: { fr: 'Titre', en: 'Title', es: 'Título' },
  [`${dct}abstract`]: { fr: 'Résumé', en: 'Abstract', es: 'Resumen' },
  [`${dct}description`]: { fr: 'Présentation', en: 'Description', es: 'Presentación' },
  [`${dct}language`]: { fr: 'Langue', en: 'Language', es: 'Idioma' },
  [`${dct}issued`]: { fr: 'Date de publication', en: 'Publication date', es: 'Fecha de publicación' },
  [`${dct}modified`]: { fr: 'Mise à jour', en: 'Updated', es: 'Actualización' },
  [`${dct}subject`]: { fr: 'Descripteur', en: 'Descriptor', es: 'Descriptor' },
  [`${dct}creator`]: { fr: 'Auteur', en: 'Author', es: 'Autor' },
  [`${dct}contributor`]: { fr: 'Contributeur', en: 'Contributor', es: 'Colaborador' },
  [`${dct}spatial`]: { fr: 'Lieu', en: 'Place', es: 'Lugar' },
  [`${dct}isPartOf`]: { fr: 'Fait partie de', en: 'Part of', es: 'Parte de' },
  [`${dct}hasPart`]: { fr: 'Contient', en: 'Has part', es: 'Contiene' },
  [`${dct}relation`]: { fr: 'Fiche liée', en: 'Related sheet', es: 'Ficha relacionada' },
  [`${dct}source`]: { fr: 'Page d\'origine', en: 'Original page', es: 'Página original' },
  [`${dct}references`]: { fr: 'Ressource citée', en: 'Referenced resource', es: 'Recurso citado' },
  [`${dct}bibliographicCitation`]: { fr: 'Référence', en: 'Citation', es: 'Referencia' },
  [`${dct}license`]: { fr: 'Licence', en: 'Licence', es: 'Licencia' },
  [`${skos}prefLabel`]: { fr: 'Libellé', en: 'Label', es: 'Etiqueta' },
  [`${skos}altLabel`]: { fr: 'Synonyme', en: 'Alternative label', es: 'Sinónimo' },
  [`${skos}definition`]: { fr: 'Définition', en: 'Definition', es: 'Definición' },
  [`${skos}notation`]: { fr: 'Notation', en: 'Notation', es: 'Notación' },
  [`${skos}inScheme`]: { fr: 'Schéma', en: 'Scheme', es: 'Esquema' },
  [`${skos}topConceptOf`]: { fr: 'Tête de', en: 'Top concept of', es: 'Concepto superior de' },
  [`${skos}related`]: { fr: 'Voisin', en: 'Neighbour', es: 'Vecino' },
  [`${skos}broader`]: { fr: 'Plus général', en: 'Broader', es: 'Más general' },
  [`${skos}narrower`]: { fr: 'Plus détaillé', en: 'Narrower', es: 'Más detallado' },
  [`${skos}member`]: { fr: 'Membre', en: 'Member', es: 'Miembro' },
  [`${skos}exactMatch`]: { fr: 'Correspondance exacte', en: 'Exact match', es: 'Correspondencia exacta' },
  [`${foaf}name`]: { fr: 'Nom', en: 'Name', es: 'Nombre' },
  [`${foaf}givenName`]: { fr: 'Prénom', en: 'Given name', es: 'Nombre de pila' },
  [`${foaf}familyName`]: { fr: 'Nom de famille', en: 'Family name', es: 'Apellido' },
  [`${foaf}homepage`]: { fr: 'Site web', en: 'Website', es: 'Sitio web' },
  [`${org}memberOf`]: { fr: 'Membre de', en: 'Member of', es: 'Miembro de' },
  [`${org}member`]: { fr: 'Membre', en: 'Member', es: 'Miembro' },
  [`${org}organization`]: { fr: 'Organisation', en: 'Organisation', es: 'Organización' },
  [`${org}role`]: { fr: 'Rôle', en: 'Role', es: 'Rol' },
  [`${org}subOrganizationOf`]: { fr: 'Fait partie de', en: 'Part of', es: 'Parte de' },
  [`${schema}location`]: { fr: 'Siège', en: 'Location', es: 'Sede' },
  [`${schema}containedInPlace`]: { fr: 'Situé dans', en: 'Within', es: 'Situado en' },
  [`${owl}sameAs`]: { fr: 'Identique à', en: 'Same as', es: 'Idéntico a' },
  [`${rdfs}label`]: { fr: 'Libellé', en: 'Label', es: 'Etiqueta' },
  [`${rdfs}comment`]: { fr: 'Commentaire', en: 'Comment', es: 'Comentario' },
  [`${geo}lat`]: { fr: 'Latitude', en: 'Latitude', es: 'Latitud' },
  [`${geo}long`]: { fr: 'Longitude', en: 'Longitude', es: 'Longitud' },
  [`${foaf}primaryTopic`]: { fr: 'Sujet principal', en: 'Primary topic', es: 'Tema principal' },
};

/** Names of the reused vocabularies' classes; CITEGO's own come from the ontology. */
export const CLASS_NAMES: Readonly<Record<string, Texts>> = {
  [`${dct}Location`]: { fr: 'Lieu', en: 'Place', es: 'Lugar' },
  [`${foaf}Person`]: { fr: 'Personne', en: 'Person', es: 'Persona' },
  [`${org}Organization`]: { fr: 'Organisation', en: 'Organisation', es: 'Organización' },
  [`${org}Membership`]: { fr: 'Appartenance', en: 'Membership', es: 'Pertenencia' },
  [`${org}Role`]: { fr: 'Rôle', en: 'Role', es: 'Rol' },
  [`${STANDARD_PREFIXES.skos}ConceptScheme`]: { fr: 'Schéma de concepts', en: 'Concept scheme', es: 'Esquema de conceptos' },
  [`${STANDARD_PREFIXES.skos}Concept`]: { fr: 'Concept', en: 'Concept', es: 'Concepto' },
};

/** Names of the EU language table's languages, for the languages of a sheet. */
export const LANGUAGE_NAMES: Readonly<Record<string, Texts>> = {
  FRA: { fr: 'français', en: 'French', es: 'francés' },
  ENG: { fr: 'anglais', en: 'English', es: 'inglés' },
  SPA: { fr: 'espagnol', en: 'Spanish', es: 'español' },
  POR: { fr: 'portugais', en: 'Portuguese', es: 'portugués' },
  ZHO: { fr: 'chinois', en: 'Chinese', es: 'chino' },
  ITA: { fr: 'italien', en: 'Italian', es: 'italiano' },
  DEU: { fr: 'allemand', en: 'German', es: 'alemán' },
  ARA: { fr: 'arabe', en: 'Arabic', es: 'árabe' },
};

/** BCP 47 tags of the EU table's codes, for lang attributes. */
export const LANGUAGE_TAGS: Readonly<Record<string, string>> = { FRA: 'fr', ENG: 'en', SPA: 'es', POR: 'pt', ZHO: 'zh', ITA: 'it', DEU: 'de', ARA: 'ar' };
