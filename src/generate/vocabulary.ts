/**
 * The words of the synthetic CITEGO: notions of territorial governance, actors, devices, and the
 * sentences that put them together, in French, English, Spanish and Portuguese.
 *
 * Every sentence exists in the four languages with the same slots, so a sheet's English or
 * Spanish abstract is a translation of its French one rather than a second random text: that is
 * what the real fonds looks like, and it lets tests and demos compare languages meaningfully.
 * Data only; the grammar that fills the slots is in grammar.ts.
 */
import { phrase, sentence, type CompiledSentence, type Localised, type Phrase } from './grammar.js';

// ---------------------------------------------------------------------------------------------
// Atlas: notions by territory component, aspects by governance angle, qualifiers
// ---------------------------------------------------------------------------------------------

/**
 * Notions of what a territory is made of, keyed by the local name of the component IRI in
 * data/atlas-matrix.ttl (<id/component/society> …). General descriptors are these notions.
 */
export const NOTIONS_BY_COMPONENT: Readonly<Record<string, readonly Phrase[]>> = {
  society: [
    phrase('f', 'cohésion sociale', 'social cohesion', 'cohesión social', 'coesão social'),
    phrase('f', 'lutte contre la pauvreté', 'the fight against poverty', 'lucha contra la pobreza', 'luta contra a pobreza'),
    phrase('m', 'accès au logement', 'access to housing', 'acceso a la vivienda', 'acesso à moradia'),
    phrase('f', 'santé communautaire', 'community health', 'salud comunitaria', 'saúde comunitária'),
    phrase('f', 'insertion des jeunes', 'integration of young people', 'inserción de los jóvenes', 'inserção dos jovens'),
    phrase('f', 'égalité entre les femmes et les hommes', 'gender equality', 'igualdad entre mujeres y hombres', 'igualdade entre mulheres e homens'),
    phrase('m f m', 'accueil des migrants', 'reception of migrants', 'acogida de los migrantes', 'acolhimento dos migrantes'),
    phrase('m', 'vieillissement de la population', 'population ageing', 'envejecimiento de la población', 'envelhecimento da população'),
    phrase('mp', 'quartiers populaires', 'working-class neighbourhoods', 'barrios populares', 'bairros populares'),
    phrase('f', 'sécurité alimentaire', 'food security', 'seguridad alimentaria', 'segurança alimentar'),
    phrase('fp fp fp s', 'solidarités de voisinage', 'neighbourhood solidarity', 'solidaridades vecinales', 'solidariedades de vizinhança'),
    phrase('f', 'éducation populaire', 'popular education', 'educación popular', 'educação popular'),
  ],
  economy: [
    phrase('f', 'économie sociale et solidaire', 'the social and solidarity economy', 'economía social y solidaria', 'economia social e solidária'),
    phrase('m', 'développement économique local', 'local economic development', 'desarrollo económico local', 'desenvolvimento econômico local'),
    phrase('m', 'emploi local', 'local employment', 'empleo local', 'emprego local'),
    phrase('mp', 'circuits courts', 'short supply chains', 'circuitos cortos', 'circuitos curtos'),
    phrase('fp', 'monnaies locales', 'local currencies', 'monedas locales', 'moedas locais'),
    phrase('f', 'économie informelle', 'the informal economy', 'economía informal', 'economia informal'),
    phrase('f', 'agriculture urbaine', 'urban agriculture', 'agricultura urbana', 'agricultura urbana'),
    phrase('m', 'tourisme durable', 'sustainable tourism', 'turismo sostenible', 'turismo sustentável'),
    phrase('f f fp s', 'commande publique', 'public procurement', 'contratación pública', 'compras públicas'),
    phrase('fp fp fp s', 'finances locales', 'local finance', 'finanzas locales', 'finanças locais'),
    phrase('m', 'entrepreneuriat des femmes', "women's entrepreneurship", 'emprendimiento femenino', 'empreendedorismo feminino'),
    phrase('fp', 'coopératives de production', 'producer cooperatives', 'cooperativas de producción', 'cooperativas de produção'),
  ],
  ecosystems: [
    phrase('f', "gestion de l'eau", 'water management', 'gestión del agua', 'gestão da água'),
    phrase('f', 'biodiversité urbaine', 'urban biodiversity', 'biodiversidad urbana', 'biodiversidade urbana'),
    phrase('f', 'adaptation au changement climatique', 'adaptation to climate change', 'adaptación al cambio climático', 'adaptação às mudanças climáticas'),
    phrase('f', 'protection des sols', 'soil protection', 'protección de los suelos', 'proteção dos solos'),
    phrase('fp mp fp', 'forêts communautaires', 'community forests', 'bosques comunitarios', 'florestas comunitárias'),
    phrase('f', 'gestion des déchets', 'waste management', 'gestión de los residuos', 'gestão dos resíduos'),
    phrase('f', "qualité de l'air", 'air quality', 'calidad del aire', 'qualidade do ar'),
    phrase('fp mp mp', 'ressources halieutiques', 'fishery resources', 'recursos pesqueros', 'recursos pesqueiros'),
    phrase('f', 'transition écologique', 'the ecological transition', 'transición ecológica', 'transição ecológica'),
    phrase('mp', 'risques naturels', 'natural hazards', 'riesgos naturales', 'riscos naturais'),
    phrase('mp fp fp', 'bassins versants', 'river basins', 'cuencas hidrográficas', 'bacias hidrográficas'),
    phrase('mp mp fp', 'espaces naturels protégés', 'protected natural areas', 'espacios naturales protegidos', 'áreas naturais protegidas'),
  ],
  equipment: [
    phrase('m', "accès à l'eau potable", 'access to drinking water', 'acceso al agua potable', 'acesso à água potável'),
    phrase('m', 'assainissement', 'sanitation', 'saneamiento', 'saneamento'),
    phrase('mp m m s', 'transports publics', 'public transport', 'transporte público', 'transporte público'),
    phrase('mp fp fp', "réseaux d'énergie", 'energy networks', 'redes de energía', 'redes de energia'),
    phrase('f', 'inclusion numérique', 'digital inclusion', 'inclusión digital', 'inclusão digital'),
    phrase('mp', 'services publics locaux', 'local public services', 'servicios públicos locales', 'serviços públicos locais'),
    phrase('mp', 'équipements de proximité', 'local facilities', 'equipamientos de proximidad', 'equipamentos de proximidade'),
    phrase('f', 'mobilité douce', 'active mobility', 'movilidad sostenible', 'mobilidade ativa'),
    phrase('f', 'électrification rurale', 'rural electrification', 'electrificación rural', 'eletrificação rural'),
    phrase('f', 'gestion des infrastructures', 'infrastructure management', 'gestión de las infraestructuras', 'gestão das infraestruturas'),
    phrase('fp fp fp s', 'énergies renouvelables', 'renewable energy', 'energías renovables', 'energias renováveis'),
    phrase('f', 'collecte des ordures', 'refuse collection', 'recogida de basuras', 'coleta de lixo'),
  ],
  culture: [
    phrase('m', 'patrimoine immatériel', 'intangible heritage', 'patrimonio inmaterial', 'patrimônio imaterial'),
    phrase('f', 'mémoire collective', 'collective memory', 'memoria colectiva', 'memória coletiva'),
    phrase('f', 'identité territoriale', 'territorial identity', 'identidad territorial', 'identidade territorial'),
    phrase('mp mp mp s', 'savoirs locaux', 'local knowledge', 'saberes locales', 'saberes locais'),
    phrase('f', 'confiance entre acteurs', 'trust between actors', 'confianza entre actores', 'confiança entre atores'),
    phrase('f', 'diversité culturelle', 'cultural diversity', 'diversidad cultural', 'diversidade cultural'),
    phrase('f', 'vie associative', 'community life', 'vida asociativa', 'vida associativa'),
    phrase('fp', 'pratiques artistiques', 'artistic practices', 'prácticas artísticas', 'práticas artísticas'),
    phrase('m', 'capital social', 'social capital', 'capital social', 'capital social'),
    phrase('fp', 'institutions coutumières', 'customary institutions', 'instituciones consuetudinarias', 'instituições consuetudinárias'),
    phrase('fp', 'langues régionales', 'regional languages', 'lenguas regionales', 'línguas regionais'),
  ],
  space: [
    phrase('m', 'urbanisme participatif', 'participatory urban planning', 'urbanismo participativo', 'urbanismo participativo'),
    phrase('m f f', 'habitat informel', 'informal housing', 'vivienda informal', 'habitação informal'),
    phrase('f', 'gestion du foncier', 'land management', 'gestión del suelo', 'gestão fundiária'),
    phrase('f', 'rénovation urbaine', 'urban renewal', 'renovación urbana', 'renovação urbana'),
    phrase('m f f', 'étalement urbain', 'urban sprawl', 'expansión urbana', 'expansão urbana'),
    phrase('mp', 'espaces publics', 'public spaces', 'espacios públicos', 'espaços públicos'),
    phrase('fp', 'relations entre villes et campagnes', 'urban-rural relations', 'relaciones entre ciudad y campo', 'relações entre cidade e campo'),
    phrase('m f f', 'logement social', 'social housing', 'vivienda social', 'habitação social'),
    phrase('m', 'aménagement du territoire', 'spatial planning', 'ordenamiento territorial', 'ordenamento territorial'),
    phrase('f', 'revitalisation des centres-bourgs', 'the revitalisation of small-town centres', 'revitalización de los centros de los pueblos', 'revitalização dos centros das pequenas cidades'),
    phrase('f', 'mixité sociale', 'social mix', 'mezcla social', 'mistura social'),
    phrase('f', 'périurbanisation', 'peri-urbanisation', 'periurbanización', 'periurbanização'),
  ],
  flows: [
    phrase('m', 'métabolisme territorial', 'territorial metabolism', 'metabolismo territorial', 'metabolismo territorial'),
    phrase('f', 'économie circulaire', 'the circular economy', 'economía circular', 'economia circular'),
    phrase('fp fp fp s', 'migrations', 'migration', 'migraciones', 'migrações'),
    phrase('mp', 'flux financiers', 'financial flows', 'flujos financieros', 'fluxos financeiros'),
    phrase('fp', "chaînes d'approvisionnement", 'supply chains', 'cadenas de suministro', 'cadeias de abastecimento'),
    phrase('fp f f s', 'mobilités quotidiennes', 'daily mobility', 'movilidad cotidiana', 'mobilidade cotidiana'),
    phrase('mp fp fp', 'transferts des migrants', "migrants' remittances", 'remesas de los migrantes', 'remessas dos migrantes'),
    phrase('mp', "flux d'énergie", 'energy flows', 'flujos de energía', 'fluxos de energia'),
    phrase('mp mp fp s', "échanges d'information", 'information exchange', 'intercambios de información', 'trocas de informação'),
    phrase('mp', 'systèmes alimentaires territoriaux', 'territorial food systems', 'sistemas alimentarios territoriales', 'sistemas alimentares territoriais'),
    phrase('f', 'coopération décentralisée', 'decentralised cooperation', 'cooperación descentralizada', 'cooperação descentralizada'),
  ],
};

/**
 * How a notion is approached, keyed by the local name of the governance angle IRI. An aspect
 * heads an intermediate descriptor: "{aspect} {connector} {notion}", e.g. "financement de la
 * gestion de l'eau". The connector is a preposition; "de" and "à" (es "a", pt "em") contract
 * with the notion's article, any other is followed by the definite article.
 */
export interface Aspect {
  readonly head: Phrase;
  readonly connector: Localised<string>;
}

function aspect(genders: string, fr: string, en: string, es: string, pt: string): Aspect {
  const split = (text: string): [string, string] => {
    const bar = text.indexOf('|');
    if (bar < 0) throw new Error(`aspect without connector: ${text}`);
    return [text.slice(0, bar), text.slice(bar + 1)];
  };
  const [frHead, frConnector] = split(fr);
  const [enHead, enConnector] = split(en);
  const [esHead, esConnector] = split(es);
  const [ptHead, ptConnector] = split(pt);
  return {
    head: phrase(genders, frHead, enHead, esHead, ptHead),
    connector: { fr: frConnector, en: enConnector, es: esConnector, pt: ptConnector },
  };
}

export const ASPECTS_BY_ANGLE: Readonly<Record<string, readonly Aspect[]>> = {
  actors: [
    aspect('mp fp fp', 'partenariats|pour', 'partnerships|for', 'alianzas|para', 'parcerias|para'),
    aspect('m', 'rôle des entreprises|dans', 'role of business|in', 'papel de las empresas|en', 'papel das empresas|em'),
    aspect('f f m', 'implication des habitants|dans', 'resident involvement|in', 'implicación de los vecinos|en', 'envolvimento dos moradores|em'),
    aspect('m', 'dialogue entre élus et techniciens|sur', 'dialogue between elected officials and staff|on', 'diálogo entre electos y técnicos|sobre', 'diálogo entre eleitos e técnicos|sobre'),
    aspect('fp', 'alliances entre acteurs publics et privés|autour de', 'public-private alliances|around', 'alianzas entre actores públicos y privados|en torno a', 'alianças entre atores públicos e privados|em torno de'),
  ],
  scales: [
    aspect('f', 'gouvernance multiniveaux|de', 'multilevel governance|of', 'gobernanza multinivel|de', 'governança multinível|de'),
    aspect('f', 'coopération intercommunale|pour', 'inter-municipal cooperation|for', 'cooperación intermunicipal|para', 'cooperação intermunicipal|para'),
    aspect('f', 'décentralisation|de', 'decentralisation|of', 'descentralización|de', 'descentralização|de'),
    aspect('f', 'subsidiarité active|dans', 'active subsidiarity|in', 'subsidiariedad activa|en', 'subsidiariedade ativa|em'),
    aspect('f', 'échelle métropolitaine|de', 'metropolitan scale|of', 'escala metropolitana|de', 'escala metropolitana|de'),
  ],
  principles: [
    aspect('mp', 'principes éthiques|de', 'ethical principles|of', 'principios éticos|de', 'princípios éticos|de'),
    aspect('f', "légitimité de l'action publique|dans", 'legitimacy of public action|in', 'legitimidad de la acción pública|en', 'legitimidade da ação pública|em'),
    aspect('f', 'responsabilité des acteurs|dans', 'responsibility of actors|in', 'responsabilidad de los actores|en', 'responsabilidade dos atores|em'),
    aspect('f', 'justice sociale|dans', 'social justice|in', 'justicia social|en', 'justiça social|em'),
    aspect('f', 'transparence|de', 'transparency|of', 'transparencia|de', 'transparência|de'),
  ],
  democracy: [
    aspect('f', 'participation des habitants|à', 'citizen participation|in', 'participación ciudadana|en', 'participação cidadã|em'),
    aspect('m', 'débat public|sur', 'public debate|on', 'debate público|sobre', 'debate público|sobre'),
    aspect('f', 'co-construction|de', 'co-construction|of', 'coconstrucción|de', 'coconstrução|de'),
    aspect('m', 'budget participatif|pour', 'participatory budgeting|for', 'presupuesto participativo|para', 'orçamento participativo|para'),
    aspect('m', 'contrôle citoyen|de', 'citizen oversight|of', 'control ciudadano|de', 'controle cidadão|de'),
  ],
  devices: [
    aspect('mp fp mp', 'outils de planification|de', 'planning tools|for', 'herramientas de planificación|de', 'instrumentos de planejamento|de'),
    aspect('f', 'contractualisation|de', 'contracting|for', 'contractualización|de', 'contratualização|de'),
    aspect('f', 'évaluation des politiques|de', 'policy evaluation|for', 'evaluación de las políticas|de', 'avaliação das políticas|de'),
    aspect('m f m', 'financement|de', 'financing|of', 'financiación|de', 'financiamento|de'),
    aspect('mp', 'indicateurs de suivi|de', 'monitoring indicators|for', 'indicadores de seguimiento|de', 'indicadores de acompanhamento|de'),
    aspect('m', 'diagnostic partagé|de', 'shared diagnosis|of', 'diagnóstico compartido|de', 'diagnóstico compartilhado|de'),
  ],
  knowledge: [
    aspect('f', "capitalisation d'expériences|sur", 'capitalising experience|on', 'capitalización de experiencias|sobre', 'capitalização de experiências|sobre'),
    aspect('f', 'formation des acteurs|à', 'training of actors|in', 'formación de los actores|en', 'formação dos atores|em'),
    aspect('f', 'recherche-action|sur', 'action research|on', 'investigación-acción|sobre', 'pesquisa-ação|sobre'),
    aspect('f', 'observation|de', 'observation|of', 'observación|de', 'observação|de'),
    aspect('mp', 'échanges entre pairs|sur', 'peer exchanges|on', 'intercambios entre pares|sobre', 'intercâmbios entre pares|sobre'),
  ],
  regulation: [
    aspect('f', 'régulation|de', 'regulation|of', 'regulación|de', 'regulação|de'),
    aspect('m', 'cadre juridique|de', 'legal framework|of', 'marco jurídico|de', 'marco jurídico|de'),
    aspect('f', 'fiscalité|de', 'taxation|of', 'fiscalidad|de', 'tributação|de'),
    aspect('f', 'gestion en biens communs|de', 'commons-based management|of', 'gestión como bien común|de', 'gestão como bem comum|de'),
  ],
};

/** Where a notion applies: qualifies general descriptors beyond the bare notions, and detailed ones. */
export const WHERE_QUALIFIERS: readonly Localised<string>[] = [
  { fr: 'dans les petites communes', en: 'in small municipalities', es: 'en los pequeños municipios', pt: 'nos pequenos municípios' },
  { fr: 'en milieu rural', en: 'in rural areas', es: 'en el medio rural', pt: 'no meio rural' },
  { fr: 'dans les quartiers prioritaires', en: 'in priority neighbourhoods', es: 'en los barrios prioritarios', pt: 'nos bairros prioritários' },
  { fr: "à l'échelle intercommunale", en: 'at inter-municipal level', es: 'a escala intermunicipal', pt: 'em escala intermunicipal' },
  { fr: 'dans les métropoles', en: 'in metropolitan areas', es: 'en las metrópolis', pt: 'nas metrópoles' },
  { fr: 'dans les villes du Sud', en: 'in cities of the global South', es: 'en las ciudades del Sur', pt: 'nas cidades do Sul' },
  { fr: 'en zone de montagne', en: 'in mountain areas', es: 'en zonas de montaña', pt: 'em zonas de montanha' },
  { fr: 'sur le littoral', en: 'in coastal areas', es: 'en el litoral', pt: 'no litoral' },
  { fr: 'dans les villes moyennes', en: 'in medium-sized towns', es: 'en las ciudades medianas', pt: 'nas cidades médias' },
  { fr: 'dans les territoires transfrontaliers', en: 'in cross-border territories', es: 'en los territorios transfronterizos', pt: 'nos territórios transfronteiriços' },
  { fr: 'dans les îles', en: 'on islands', es: 'en las islas', pt: 'nas ilhas' },
  { fr: "en Afrique de l'Ouest", en: 'in West Africa', es: 'en África Occidental', pt: 'na África Ocidental' },
  { fr: 'en Amérique latine', en: 'in Latin America', es: 'en América Latina', pt: 'na América Latina' },
  { fr: 'en Europe', en: 'in Europe', es: 'en Europa', pt: 'na Europa' },
  { fr: 'dans les territoires post-industriels', en: 'in post-industrial areas', es: 'en los territorios posindustriales', pt: 'nos territórios pós-industriais' },
  { fr: 'dans les zones périurbaines', en: 'in peri-urban areas', es: 'en las zonas periurbanas', pt: 'nas zonas periurbanas' },
  { fr: 'dans les grands ensembles', en: 'in large housing estates', es: 'en los grandes conjuntos de vivienda', pt: 'nos grandes conjuntos habitacionais' },
  { fr: 'dans les quartiers informels', en: 'in informal settlements', es: 'en los asentamientos informales', pt: 'nos assentamentos informais' },
];

/** For whom, when or by what means: qualifies detailed descriptors whose parent already says where. */
export const CIRCUMSTANCE_QUALIFIERS: readonly Localised<string>[] = [
  { fr: 'en période de crise', en: 'in times of crisis', es: 'en tiempos de crisis', pt: 'em tempos de crise' },
  { fr: 'avec les jeunes', en: 'with young people', es: 'con los jóvenes', pt: 'com os jovens' },
  { fr: 'pour les personnes âgées', en: 'for older people', es: 'para las personas mayores', pt: 'para as pessoas idosas' },
  { fr: 'face au changement climatique', en: 'in the face of climate change', es: 'frente al cambio climático', pt: 'diante das mudanças climáticas' },
  { fr: "à l'heure du numérique", en: 'in the digital age', es: 'en la era digital', pt: 'na era digital' },
  { fr: 'par les collectivités locales', en: 'by local authorities', es: 'por los gobiernos locales', pt: 'pelos governos locais' },
  { fr: 'par les associations', en: 'by associations', es: 'por las asociaciones', pt: 'pelas associações' },
  { fr: 'avec les femmes', en: 'with women', es: 'con las mujeres', pt: 'com as mulheres' },
  { fr: 'après une catastrophe', en: 'after a disaster', es: 'después de una catástrofe', pt: 'depois de uma catástrofe' },
  { fr: 'en situation de conflit', en: 'in conflict situations', es: 'en situaciones de conflicto', pt: 'em situações de conflito' },
  { fr: 'dans la durée', en: 'over the long term', es: 'a largo plazo', pt: 'a longo prazo' },
  { fr: "à l'échelle du quartier", en: 'at neighbourhood level', es: 'a escala de barrio', pt: 'em escala de bairro' },
];

// ---------------------------------------------------------------------------------------------
// Things the sentences talk about
// ---------------------------------------------------------------------------------------------

export const ACTORS: readonly Phrase[] = [
  phrase('mp', 'habitants', 'residents', 'vecinos', 'moradores', true),
  phrase('f m f', 'municipalité', 'municipality', 'ayuntamiento', 'prefeitura', true),
  phrase('mp', 'élus locaux', 'local elected officials', 'concejales', 'vereadores', true),
  phrase('fp', 'associations de quartier', 'neighbourhood associations', 'asociaciones vecinales', 'associações de bairro', true),
  phrase('m', "collectif d'habitants", "residents' collective", 'colectivo de vecinos', 'coletivo de moradores', true),
  phrase('m', 'conseil régional', 'regional council', 'consejo regional', 'conselho regional', true),
  phrase('f', "agence d'urbanisme", 'urban planning agency', 'agencia de urbanismo', 'agência de urbanismo', true),
  phrase('f', 'coopérative agricole', 'agricultural cooperative', 'cooperativa agrícola', 'cooperativa agrícola', true),
  phrase('m m f', "réseau d'acteurs locaux", 'network of local actors', 'red de actores locales', 'rede de atores locais', true),
  phrase('mp', 'chercheurs', 'researchers', 'investigadores', 'pesquisadores', true),
  phrase('mp', "services de l'État", 'State services', 'servicios del Estado', 'serviços do Estado', true),
  phrase('fp', 'entreprises locales', 'local businesses', 'empresas locales', 'empresas locais', true),
  phrase('f f m', 'communauté de communes', 'inter-municipal community', 'mancomunidad', 'consórcio intermunicipal', true),
  phrase('fp', 'organisations paysannes', "farmers' organisations", 'organizaciones campesinas', 'organizações camponesas', true),
  phrase('fp', 'femmes du quartier', 'women of the neighbourhood', 'mujeres del barrio', 'mulheres do bairro', true),
  phrase('mp', 'jeunes', 'young people', 'jóvenes', 'jovens', false),
  phrase('m', 'comité de pilotage', 'steering committee', 'comité de pilotaje', 'comitê gestor', true),
  phrase('fp', 'autorités coutumières', 'customary authorities', 'autoridades tradicionales', 'autoridades tradicionais', true),
  phrase('mp fp fp', 'bailleurs sociaux', 'social landlords', 'entidades de vivienda social', 'companhias de habitação social', true),
  phrase('f', 'ONG locale', 'local NGO', 'ONG local', 'ONG local', true),
];

export const DEVICES: readonly Phrase[] = [
  phrase('f', 'charte de territoire', 'territorial charter', 'carta territorial', 'carta territorial', true),
  phrase('m', 'budget participatif', 'participatory budget', 'presupuesto participativo', 'orçamento participativo', true),
  phrase('m', 'conseil de quartier', 'neighbourhood council', 'consejo de barrio', 'conselho de bairro', true),
  phrase('m m f', 'atelier de concertation', 'consultation workshop', 'taller de concertación', 'oficina de concertação', true),
  phrase('m', 'contrat de ville', 'city contract', 'contrato de ciudad', 'contrato de cidade', true),
  phrase('m', "plan local d'urbanisme", 'local urban plan', 'plan local de urbanismo', 'plano diretor municipal', true),
  phrase('m', 'observatoire local', 'local observatory', 'observatorio local', 'observatório local', true),
  phrase('m', 'forum citoyen', "citizens' forum", 'foro ciudadano', 'fórum cidadão', true),
  phrase('m', 'fonds de développement local', 'local development fund', 'fondo de desarrollo local', 'fundo de desenvolvimento local', true),
  phrase('f', 'plateforme numérique', 'digital platform', 'plataforma digital', 'plataforma digital', true),
  phrase('f', 'conférence territoriale', 'territorial conference', 'conferencia territorial', 'conferência territorial', true),
  phrase('m', 'comité de gestion', 'management committee', 'comité de gestión', 'comitê de gestão', true),
  phrase('m', 'schéma de cohérence territoriale', 'territorial coherence scheme', 'esquema de coherencia territorial', 'esquema de coerência territorial', true),
  phrase('f m m', 'convention de partenariat', 'partnership agreement', 'convenio de colaboración', 'convênio de parceria', true),
  phrase('m', 'jury citoyen', "citizens' jury", 'jurado ciudadano', 'júri cidadão', true),
  phrase('m m f', 'marché de producteurs', "farmers' market", 'mercado de productores', 'feira de produtores', true),
];

/** What a resource sheet presents. */
export const RESOURCE_KINDS: readonly Phrase[] = [
  phrase('m', 'ouvrage', 'book', 'libro', 'livro', true),
  phrase('m', 'rapport', 'report', 'informe', 'relatório', true),
  phrase('m', 'site', 'website', 'sitio web', 'site', true),
  phrase('m', 'film documentaire', 'documentary film', 'documental', 'documentário', true),
  phrase('f m m', 'étude', 'study', 'estudio', 'estudo', true),
  phrase('m f m', 'guide méthodologique', 'methodological guide', 'guía metodológica', 'guia metodológico', true),
  phrase('m', 'numéro de revue', 'journal issue', 'número de revista', 'número de revista', true),
  phrase('mp fp mp', 'actes de colloque', 'conference proceedings', 'actas de congreso', 'anais de congresso', true),
];

export const RESOURCE_SUBTITLES: readonly Localised<string>[] = [
  { fr: 'regards croisés', en: 'crossed perspectives', es: 'miradas cruzadas', pt: 'olhares cruzados' },
  { fr: 'pratiques et controverses', en: 'practices and controversies', es: 'prácticas y controversias', pt: 'práticas e controvérsias' },
  { fr: 'une approche territoriale', en: 'a territorial approach', es: 'un enfoque territorial', pt: 'uma abordagem territorial' },
  { fr: "retours d'expérience", en: 'lessons from experience', es: 'lecciones de la experiencia', pt: 'lições da experiência' },
  { fr: "guide pour l'action", en: 'a guide for action', es: 'guía para la acción', pt: 'guia para a ação' },
  { fr: 'histoire et perspectives', en: 'history and prospects', es: 'historia y perspectivas', pt: 'história e perspectivas' },
];

/** Small numbers as words, for titles such as "Sept propositions pour…". */
export const COUNT_WORDS: readonly Localised<string>[] = [
  { fr: 'cinq', en: 'five', es: 'cinco', pt: 'cinco' },
  { fr: 'six', en: 'six', es: 'seis', pt: 'seis' },
  { fr: 'sept', en: 'seven', es: 'siete', pt: 'sete' },
  { fr: 'huit', en: 'eight', es: 'ocho', pt: 'oito' },
  { fr: 'dix', en: 'ten', es: 'diez', pt: 'dez' },
  { fr: 'douze', en: 'twelve', es: 'doce', pt: 'doze' },
];

// ---------------------------------------------------------------------------------------------
// Sentences of the abstracts
// ---------------------------------------------------------------------------------------------
// Slots: theme, theme2 (the sheet's first descriptors), actor, actor2, device, kind (resource
// kind), place, placeOther (prepositional phrases: "à Lyon", "in Lyon"…), year, year2, decade,
// yearFrom, pubYear, count, count2, sheets (plain numbers), author, dossier, subtitle, countWord
// (texts). A sentence whose slots are not all filled for a sheet is not chosen for it.

export type SheetKind = 'ExperienceRecord' | 'Analysis' | 'Proposal' | 'ResourceSheet' | 'DossierIntroduction';

export const OPENINGS: Readonly<Record<SheetKind, readonly CompiledSentence[]>> = {
  ExperienceRecord: [
    sentence(
      'En {year}, {place}, {def:actor} {#actor:a engagé|ont engagé} une démarche autour {de:theme}, dans un territoire marqué par des tensions anciennes entre acteurs.',
      'In {year}, {place}, {def:actor} launched an initiative on {theme}, in a territory marked by long-standing tensions between actors.',
      'En {year}, {place}, {def:actor} {#actor:emprendió|emprendieron} una iniciativa en torno {a:theme}, en un territorio marcado por antiguas tensiones entre actores.',
      'Em {year}, {place}, {def:actor} {#actor:iniciou|iniciaram} uma iniciativa em torno {de:theme}, num território marcado por antigas tensões entre atores.'),
    sentence(
      "Cette fiche relate l'expérience {de:actor} {place}, qui {#actor:a cherché|ont cherché} à transformer {def:theme} en s'appuyant sur {un:device}.",
      'This sheet recounts the experience of {def:actor} {place}, who sought to transform {theme} by relying on {un:device}.',
      'Esta ficha relata la experiencia {de:actor} {place}, que {#actor:buscó|buscaron} transformar {def:theme} apoyándose en {un:device}.',
      'Esta ficha relata a experiência {de:actor} {place}, que {#actor:buscou|buscaram} transformar {def:theme} apoiando-se em {un:device}.'),
    sentence(
      "{Place}, la question {de:theme} s'est imposée au début des années {decade}, lorsque {def:actor} {#actor:a constaté|ont constaté} les limites des politiques conduites jusque-là.",
      '{Place}, the question of {theme} came to the fore in the early {decade}s, when {def:actor} recognised the limits of the policies pursued until then.',
      '{Place}, la cuestión {de:theme} se impuso a principios de los años {decade}, cuando {def:actor} {#actor:constató|constataron} los límites de las políticas llevadas a cabo hasta entonces.',
      '{Place}, a questão {de:theme} impôs-se no início dos anos {decade}, quando {def:actor} {#actor:constatou|constataram} os limites das políticas conduzidas até então.'),
    sentence(
      "L'expérience présentée ici est née {place}, à l'initiative {de:actor}, autour d'une question simple : comment mieux organiser {def:theme} ?",
      'The experience presented here began {place}, at the initiative of {def:actor}, around a simple question: how can {theme} be better organised?',
      'La experiencia aquí presentada nació {place}, por iniciativa {de:actor}, en torno a una pregunta sencilla: ¿cómo organizar mejor {def:theme}?',
      'A experiência aqui apresentada nasceu {place}, por iniciativa {de:actor}, em torno de uma pergunta simples: como organizar melhor {def:theme}?'),
  ],
  Analysis: [
    sentence(
      "Cette analyse s'interroge sur la place {de:theme} dans la gouvernance des territoires, à partir d'expériences conduites dans des contextes très différents.",
      'This analysis examines the place of {theme} in the governance of territories, drawing on experiences carried out in very different contexts.',
      'Este análisis se interroga sobre el lugar {de:theme} en la gobernanza de los territorios, a partir de experiencias llevadas a cabo en contextos muy distintos.',
      'Esta análise interroga o lugar {de:theme} na governança dos territórios, a partir de experiências conduzidas em contextos muito diferentes.'),
    sentence(
      "{Def:theme} {#theme:est souvent présenté|est souvent présentée|sont souvent présentés|sont souvent présentées} comme une affaire technique ; l'auteur montre au contraire {#theme:qu'il engage|qu'elle engage|qu'ils engagent|qu'elles engagent} des choix politiques.",
      '{Theme} {#theme:is|are} often presented as a technical matter; the author shows, on the contrary, that {#theme:it involves|they involve} political choices.',
      '{Def:theme} se {#theme:presenta|presentan} a menudo como un asunto técnico; el autor muestra, al contrario, que {#theme:implica|implican} decisiones políticas.',
      '{Def:theme} {#theme:é muitas vezes apresentado|é muitas vezes apresentada|são muitas vezes apresentados|são muitas vezes apresentadas} como uma questão técnica; o autor mostra, ao contrário, que {#theme:envolve|envolvem} escolhas políticas.'),
    sentence(
      "Comment articuler {def:theme} et {def:theme2} sans sacrifier l'un à l'autre ? C'est la question que pose cette fiche.",
      'How can {theme} and {theme2} be reconciled without sacrificing one to the other? That is the question this sheet raises.',
      '¿Cómo articular {def:theme} y {def:theme2} sin sacrificar lo uno a lo otro? Es la pregunta que plantea esta ficha.',
      'Como articular {def:theme} e {def:theme2} sem sacrificar um ao outro? É a pergunta que esta ficha coloca.'),
    sentence(
      "Depuis une vingtaine d'années, {def:theme} {#theme:occupe|occupent} une place croissante dans les politiques locales ; cette analyse en retrace les étapes et en discute les ambiguïtés.",
      'Over the last twenty years or so, {theme} {#theme:has|have} taken a growing place in local policy; this analysis traces the stages and discusses the ambiguities.',
      'Desde hace una veintena de años, {def:theme} {#theme:ocupa|ocupan} un lugar creciente en las políticas locales; este análisis recorre sus etapas y discute sus ambigüedades.',
      'Há cerca de vinte anos, {def:theme} {#theme:ocupa|ocupam} um lugar crescente nas políticas locais; esta análise retraça as suas etapas e discute as suas ambiguidades.'),
  ],
  Proposal: [
    sentence(
      'Partant du constat que {def:theme} {#theme:ne peut plus être traité|ne peut plus être traitée|ne peuvent plus être traités|ne peuvent plus être traitées} secteur par secteur, cette fiche formule plusieurs propositions pour les acteurs des territoires.',
      'Starting from the observation that {theme} can no longer be handled sector by sector, this sheet sets out several proposals for territorial actors.',
      'Partiendo de la constatación de que {def:theme} {#theme:ya no puede ser tratado|ya no puede ser tratada|ya no pueden ser tratados|ya no pueden ser tratadas} sector por sector, esta ficha formula varias propuestas para los actores de los territorios.',
      'Partindo da constatação de que {def:theme} {#theme:já não pode ser tratado|já não pode ser tratada|já não podem ser tratados|já não podem ser tratadas} setor por setor, esta ficha formula várias propostas para os atores dos territórios.'),
    sentence(
      "Les auteurs proposent de faire {de:theme} un bien commun, géré à l'échelle la plus pertinente et sous le regard des citoyens.",
      "The authors propose to make {theme} a common good, managed at the most relevant scale and under citizens' scrutiny.",
      'Los autores proponen hacer {de:theme} un bien común, gestionado a la escala más pertinente y bajo la mirada de la ciudadanía.',
      'Os autores propõem fazer {de:theme} um bem comum, gerido na escala mais pertinente e sob o olhar dos cidadãos.'),
    sentence(
      'Tirée de {count} expériences comparées, cette proposition vise à mieux articuler {def:theme} et {def:theme2}.',
      'Drawn from {count} compared experiences, this proposal aims to better link {theme} and {theme2}.',
      'Extraída de {count} experiencias comparadas, esta propuesta busca articular mejor {def:theme} y {def:theme2}.',
      'Extraída de {count} experiências comparadas, esta proposta procura articular melhor {def:theme} e {def:theme2}.'),
    sentence(
      "Que {#actor:peut|peuvent} faire {def:actor} pour que {def:theme} {#theme:devienne|deviennent} l'affaire de tous ? Cette fiche avance des pistes concrètes.",
      "What can {def:actor} do to make {theme} everyone's business? This sheet puts forward concrete ideas.",
      '¿Qué {#actor:puede|pueden} hacer {def:actor} para que {def:theme} se {#theme:convierta|conviertan} en un asunto de todos? Esta ficha propone pistas concretas.',
      'O que {#actor:pode|podem} fazer {def:actor} para que {def:theme} se {#theme:torne|tornem} um assunto de todos? Esta ficha avança pistas concretas.'),
  ],
  ResourceSheet: [
    sentence(
      "{Ce:kind}, {#kind:publié|publiée|publiés|publiées} en {pubYear} par {author}, {#kind:propose|proposent} un panorama {de:theme}, nourri d'exemples pris en Europe, en Afrique et en Amérique latine.",
      '{Ce:kind}, published in {pubYear} by {author}, {#kind:offers|offer} an overview of {theme}, drawing on examples from Europe, Africa and Latin America.',
      '{Ce:kind}, {#kind:publicado|publicada|publicados|publicadas} en {pubYear} por {author}, {#kind:ofrece|ofrecen} un panorama {de:theme}, nutrido de ejemplos de Europa, África y América Latina.',
      '{Ce:kind}, {#kind:publicado|publicada|publicados|publicadas} em {pubYear} por {author}, {#kind:oferece|oferecem} um panorama {de:theme}, alimentado por exemplos da Europa, da África e da América Latina.'),
    sentence(
      "Dans {ce:kind}, {author} revient sur {def:theme} et sur les controverses {#theme:qu'il suscite|qu'elle suscite|qu'ils suscitent|qu'elles suscitent} depuis une vingtaine d'années.",
      'In {ce:kind}, {author} looks back at {theme} and at the controversies {#theme:it has|they have} raised over the last twenty years.',
      'En {ce:kind}, {author} vuelve sobre {def:theme} y sobre las controversias que {#theme:suscita|suscitan} desde hace una veintena de años.',
      'Em {ce:kind}, {author} retoma {def:theme} e as controvérsias que {#theme:suscita|suscitam} há cerca de vinte anos.'),
    sentence(
      'Cette fiche présente {un:kind} {#kind:consacré|consacrée|consacrés|consacrées} {a:theme}, {#kind:réalisé|réalisée|réalisés|réalisées} avec {def:actor} {place}.',
      'This sheet presents {un:kind} devoted to {theme}, produced with {def:actor} {place}.',
      'Esta ficha presenta {un:kind} {#kind:dedicado|dedicada|dedicados|dedicadas} {a:theme}, {#kind:realizado|realizada|realizados|realizadas} con {def:actor} {place}.',
      'Esta ficha apresenta {un:kind} {#kind:dedicado|dedicada|dedicados|dedicadas} {a:theme}, {#kind:realizado|realizada|realizados|realizadas} com {def:actor} {place}.'),
  ],
  DossierIntroduction: [
    sentence(
      "Ce dossier rassemble des expériences, des analyses et des propositions sur {def:theme}, réunies entre {yearFrom} et {year} par un réseau d'acteurs de plusieurs continents.",
      'This dossier brings together experiences, analyses and proposals on {theme}, gathered between {yearFrom} and {year} by a network of actors from several continents.',
      'Este dossier reúne experiencias, análisis y propuestas sobre {def:theme}, recogidas entre {yearFrom} y {year} por una red de actores de varios continentes.',
      'Este dossiê reúne experiências, análises e propostas sobre {def:theme}, recolhidas entre {yearFrom} e {year} por uma rede de atores de vários continentes.'),
    sentence(
      "Pourquoi consacrer un dossier {a:theme} ? Parce que c'est là que se jouent, concrètement, la coopération entre acteurs et la légitimité de l'action publique.",
      'Why devote a dossier to {theme}? Because that is where cooperation between actors and the legitimacy of public action are concretely at stake.',
      '¿Por qué dedicar un dossier {a:theme}? Porque es allí donde se juegan, concretamente, la cooperación entre actores y la legitimidad de la acción pública.',
      'Por que dedicar um dossiê {a:theme}? Porque é aí que se jogam, concretamente, a cooperação entre atores e a legitimidade da ação pública.'),
    sentence(
      'Cette fiche introduit le dossier et en présente la problématique : comment {def:actor} et {def:actor2} peuvent-ils construire ensemble {def:theme} ?',
      'This sheet introduces the dossier and sets out its question: how can {def:actor} and {def:actor2} build {theme} together?',
      'Esta ficha introduce el dossier y expone su problemática: ¿cómo pueden {def:actor} y {def:actor2} construir juntos {def:theme}?',
      'Esta ficha introduz o dossiê e apresenta a sua problemática: como podem {def:actor} e {def:actor2} construir juntos {def:theme}?'),
  ],
};

/** Body sentences of an experience record: what happened. */
const NARRATIVE: readonly CompiledSentence[] = [
  sentence(
    "Les premières réunions ont rassemblé {def:actor2}, des représentants {de:actor} et plusieurs associations, qui ne s'étaient jusque-là jamais assis autour de la même table.",
    'The first meetings brought together {def:actor2}, representatives of {def:actor} and several associations, who had never before sat around the same table.',
    'Las primeras reuniones congregaron {a:actor2}, representantes {de:actor} y varias asociaciones, que hasta entonces nunca se habían sentado a la misma mesa.',
    'As primeiras reuniões juntaram {def:actor2}, representantes {de:actor} e várias associações, que até então nunca se tinham sentado à mesma mesa.'),
  sentence(
    'Pour avancer, les participants ont mis en place {un:device}, qui a permis de partager un diagnostic et de hiérarchiser les priorités.',
    'To move forward, the participants set up {un:device}, which made it possible to share a diagnosis and set priorities.',
    'Para avanzar, los participantes pusieron en marcha {un:device}, que permitió compartir un diagnóstico y jerarquizar las prioridades.',
    'Para avançar, os participantes criaram {un:device}, que permitiu partilhar um diagnóstico e hierarquizar as prioridades.'),
  sentence(
    'La démarche s\'est heurtée à des résistances : certains services craignaient de perdre la maîtrise du projet, et les financements restaient incertains.',
    'The process met with resistance: some departments feared losing control of the project, and funding remained uncertain.',
    'El proceso chocó con resistencias: algunos servicios temían perder el control del proyecto y la financiación seguía siendo incierta.',
    'O processo encontrou resistências: alguns serviços temiam perder o controle do projeto e o financiamento continuava incerto.'),
  sentence(
    "En {count} mois, plus de {count2} habitants ont participé aux ateliers, ce qui a profondément modifié la manière d'aborder {def:theme}.",
    'Within {count} months, more than {count2} residents had taken part in the workshops, which profoundly changed the way {theme} {#theme:was|were} approached.',
    'En {count} meses, más de {count2} vecinos participaron en los talleres, lo que modificó profundamente la manera de abordar {def:theme}.',
    'Em {count} meses, mais de {count2} moradores participaram das oficinas, o que modificou profundamente a maneira de abordar {def:theme}.'),
  sentence(
    'Le rôle {de:actor2} a été décisif : {#actor2:il a servi|elle a servi|ils ont servi|elles ont servi} de médiateur entre les services techniques et les habitants.',
    'The role of {def:actor2} was decisive: {#actor2:it|they} acted as a mediator between the technical departments and the residents.',
    'El papel {de:actor2} fue decisivo: {#actor2:actuó|actuaron} como mediador entre los servicios técnicos y los vecinos.',
    'O papel {de:actor2} foi decisivo: {#actor2:atuou|atuaram} como mediador entre os serviços técnicos e os moradores.'),
  sentence(
    "L'expérience a aussi révélé l'importance {de:theme2}, longtemps {#theme2:négligé|négligée|négligés|négligées} par les politiques sectorielles.",
    'The experience also revealed the importance of {theme2}, long neglected by sectoral policies.',
    'La experiencia también reveló la importancia {de:theme2}, durante mucho tiempo {#theme2:descuidado|descuidada|descuidados|descuidadas} por las políticas sectoriales.',
    'A experiência revelou também a importância {de:theme2}, por muito tempo {#theme2:negligenciado|negligenciada|negligenciados|negligenciadas} pelas políticas setoriais.'),
  sentence(
    "Au fil des mois, la confiance s'est construite, et {def:actor} {#actor:a accepté de partager une partie de ses prérogatives|ont accepté de partager une partie de leurs prérogatives}.",
    'Over the months, trust was built, and {def:actor} agreed to share some of {#actor:its|their} prerogatives.',
    'Con el paso de los meses se construyó la confianza, y {def:actor} {#actor:aceptó|aceptaron} compartir una parte de sus prerrogativas.',
    'Ao longo dos meses, a confiança foi construída, e {def:actor} {#actor:aceitou|aceitaram} partilhar uma parte das suas prerrogativas.'),
  sentence(
    "Les résultats sont contrastés : si l'accès aux services s'est amélioré, la participation des plus précaires reste un défi.",
    'The results are mixed: while access to services has improved, the participation of the most vulnerable remains a challenge.',
    'Los resultados son dispares: si bien el acceso a los servicios mejoró, la participación de los más precarios sigue siendo un desafío.',
    'Os resultados são contrastados: se o acesso aos serviços melhorou, a participação dos mais precários continua a ser um desafio.'),
  sentence(
    "Le projet a bénéficié du soutien de partenaires extérieurs, mais c'est l'engagement durable {de:actor} qui en a assuré la continuité.",
    'The project benefited from the support of outside partners, but it was the lasting commitment of {def:actor} that ensured its continuity.',
    'El proyecto contó con el apoyo de socios externos, pero fue el compromiso duradero {de:actor} lo que aseguró su continuidad.',
    'O projeto beneficiou do apoio de parceiros externos, mas foi o compromisso duradouro {de:actor} que assegurou a sua continuidade.'),
  sentence(
    'Un changement de majorité municipale en {year2} a failli interrompre la démarche, qui a finalement été reprise sous une autre forme.',
    'A change of municipal majority in {year2} nearly halted the process, which was eventually taken up again in another form.',
    'Un cambio de mayoría municipal en {year2} estuvo a punto de interrumpir el proceso, que finalmente se retomó bajo otra forma.',
    'Uma mudança de maioria municipal em {year2} quase interrompeu o processo, que acabou por ser retomado sob outra forma.'),
];

/** Body sentences of analyses, resource sheets and dossier introductions: what is argued. */
const ANALYTIC: readonly CompiledSentence[] = [
  sentence(
    "L'auteur distingue trois niveaux d'intervention, du quartier à l'agglomération, et montre qu'aucun d'eux ne suffit à lui seul.",
    'The author distinguishes three levels of intervention, from the neighbourhood to the metropolitan area, and shows that none of them is sufficient on its own.',
    'El autor distingue tres niveles de intervención, del barrio a la aglomeración, y muestra que ninguno de ellos basta por sí solo.',
    'O autor distingue três níveis de intervenção, do bairro à aglomeração, e mostra que nenhum deles basta por si só.'),
  sentence(
    'La comparaison des expériences fait apparaître une constante : là où {def:actor} {#actor:est associé|est associée|sont associés|sont associées} dès le diagnostic, les décisions sont mieux acceptées et plus durables.',
    'Comparing the experiences reveals a constant: where {def:actor} {#actor:is|are} involved from the diagnosis onwards, decisions are better accepted and more lasting.',
    'La comparación de las experiencias muestra una constante: allí donde {def:actor} {#actor:participa|participan} desde el diagnóstico, las decisiones son mejor aceptadas y más duraderas.',
    'A comparação das experiências revela uma constante: onde {def:actor} {#actor:participa|participam} desde o diagnóstico, as decisões são mais bem aceitas e mais duradouras.'),
  sentence(
    "{Def:theme} {#theme:ne relève|ne relèvent} pas d'une seule compétence : {#theme:il suppose|elle suppose|ils supposent|elles supposent} une coopération entre niveaux de gouvernance que les découpages administratifs rendent difficile.",
    '{Theme} {#theme:does|do} not fall within a single competence: {#theme:it requires|they require} cooperation between levels of governance that administrative boundaries make difficult.',
    '{Def:theme} no {#theme:depende|dependen} de una sola competencia: {#theme:supone|suponen} una cooperación entre niveles de gobernanza que las divisiones administrativas dificultan.',
    '{Def:theme} não {#theme:depende|dependem} de uma única competência: {#theme:supõe|supõem} uma cooperação entre níveis de governança que as divisões administrativas dificultam.'),
  sentence(
    "L'analyse souligne le poids des savoirs locaux, trop souvent ignorés par les experts, dans la réussite des projets liés {a:theme}.",
    'The analysis stresses the weight of local knowledge, too often ignored by experts, in the success of projects related to {theme}.',
    'El análisis subraya el peso de los saberes locales, demasiado a menudo ignorados por los expertos, en el éxito de los proyectos ligados {a:theme}.',
    'A análise sublinha o peso dos saberes locais, muitas vezes ignorados pelos especialistas, no sucesso dos projetos ligados {a:theme}.'),
  sentence(
    "Le texte montre aussi que {def:device} n'est qu'un outil : sans volonté politique ni moyens, {#device:il reste|elle reste|ils restent|elles restent} lettre morte.",
    'The text also shows that {def:device} is only a tool: without political will or resources, it remains a dead letter.',
    'El texto muestra también que {def:device} no es más que una herramienta: sin voluntad política ni medios, se queda en papel mojado.',
    'O texto mostra também que {def:device} não passa de um instrumento: sem vontade política nem meios, fica letra morta.'),
  sentence(
    'Plusieurs tensions traversent {def:theme} : entre efficacité et participation, entre urgence et long terme, entre intérêts locaux et solidarité plus large.',
    'Several tensions run through {theme}: between efficiency and participation, between urgency and the long term, between local interests and wider solidarity.',
    'Varias tensiones atraviesan {def:theme}: entre eficacia y participación, entre urgencia y largo plazo, entre intereses locales y solidaridad más amplia.',
    'Várias tensões atravessam {def:theme}: entre eficácia e participação, entre urgência e longo prazo, entre interesses locais e solidariedade mais ampla.'),
  sentence(
    "Le texte s'appuie sur des exemples pris {place} et ailleurs, où {def:actor} {#actor:a su|ont su} faire évoluer les règles du jeu.",
    'The text draws on examples {place} and elsewhere, where {def:actor} managed to change the rules of the game.',
    'El texto se apoya en ejemplos tomados {place} y en otros lugares, donde {def:actor} {#actor:supo|supieron} hacer evolucionar las reglas del juego.',
    'O texto apoia-se em exemplos colhidos {place} e noutros lugares, onde {def:actor} {#actor:soube|souberam} fazer evoluir as regras do jogo.'),
  sentence(
    "La question {de:theme2} y est abordée sous l'angle de la légitimité : qui décide, au nom de quoi, et avec quels contre-pouvoirs ?",
    'The question of {theme2} is approached from the angle of legitimacy: who decides, in whose name, and with what checks and balances?',
    'La cuestión {de:theme2} se aborda desde el ángulo de la legitimidad: ¿quién decide, en nombre de qué y con qué contrapoderes?',
    'A questão {de:theme2} é abordada do ponto de vista da legitimidade: quem decide, em nome de quê e com que contrapoderes?'),
  sentence(
    "Loin des modèles clés en main, l'auteur plaide pour des démarches d'apprentissage, où l'on accepte de tâtonner et de corriger en chemin.",
    'Far from ready-made models, the author argues for learning processes in which trial, error and correction along the way are accepted.',
    'Lejos de los modelos llave en mano, el autor aboga por procesos de aprendizaje en los que se acepta tantear y corregir sobre la marcha.',
    'Longe dos modelos prontos, o autor defende processos de aprendizagem em que se aceita tatear e corrigir pelo caminho.'),
  sentence(
    "Les données rassemblées sur {count} territoires montrent que les écarts tiennent moins aux ressources disponibles qu'à la qualité des relations entre acteurs.",
    'The data gathered on {count} territories show that the differences depend less on available resources than on the quality of relations between actors.',
    'Los datos reunidos sobre {count} territorios muestran que las diferencias dependen menos de los recursos disponibles que de la calidad de las relaciones entre actores.',
    'Os dados reunidos sobre {count} territórios mostram que as diferenças dependem menos dos recursos disponíveis do que da qualidade das relações entre atores.'),
];

/** Body sentences of a proposal: what should be done. */
const PROPOSITIONAL: readonly CompiledSentence[] = [
  sentence(
    "Première proposition : confier {a:actor} la responsabilité d'animer {un:device}, avec des moyens garantis sur plusieurs années.",
    'First proposal: entrust {def:actor} with running {un:device}, with resources guaranteed over several years.',
    'Primera propuesta: confiar {a:actor} la responsabilidad de animar {un:device}, con medios garantizados durante varios años.',
    'Primeira proposta: confiar {a:actor} a responsabilidade de animar {un:device}, com meios garantidos durante vários anos.'),
  sentence(
    "Il s'agit ensuite de reconnaître {def:theme2} comme une compétence partagée entre les niveaux de gouvernance, plutôt que de {#theme2:le découper|la découper|les découper|les découper} en blocs.",
    'Next, {theme2} should be recognised as a competence shared between levels of governance, rather than split into blocks.',
    'Se trata luego de reconocer {def:theme2} como una competencia compartida entre los niveles de gobernanza, en lugar de {#theme2:dividirlo|dividirla|dividirlos|dividirlas} en bloques.',
    'Trata-se depois de reconhecer {def:theme2} como uma competência partilhada entre os níveis de governança, em vez de {#theme2:dividi-lo|dividi-la|dividi-los|dividi-las} em blocos.'),
  sentence(
    'Les auteurs recommandent de former ensemble élus, techniciens et habitants, afin de construire une culture commune {de:theme}.',
    'The authors recommend training elected officials, staff and residents together, so as to build a shared culture of {theme}.',
    'Los autores recomiendan formar conjuntamente a electos, técnicos y vecinos, con el fin de construir una cultura común {de:theme}.',
    'Os autores recomendam formar em conjunto eleitos, técnicos e moradores, a fim de construir uma cultura comum {de:theme}.'),
  sentence(
    'Il faudrait enfin évaluer les politiques non à leurs réalisations, mais à leurs effets sur {def:theme} et sur la confiance des citoyens.',
    "Finally, policies should be evaluated not by their outputs but by their effects on {theme} and on citizens' trust.",
    'Habría que evaluar por último las políticas no por sus realizaciones, sino por sus efectos sobre {def:theme} y sobre la confianza de la ciudadanía.',
    'Seria preciso, por fim, avaliar as políticas não pelas suas realizações, mas pelos seus efeitos sobre {def:theme} e sobre a confiança dos cidadãos.'),
  sentence(
    "La fiche propose aussi de mutualiser les expériences au sein d'un réseau d'échange, pour que chaque territoire ne réinvente pas seul des solutions déjà éprouvées ailleurs.",
    'The sheet also proposes pooling experiences within an exchange network, so that each territory does not have to reinvent on its own solutions already tested elsewhere.',
    'La ficha propone también mutualizar las experiencias en el seno de una red de intercambio, para que cada territorio no reinvente solo soluciones ya probadas en otros lugares.',
    'A ficha propõe também partilhar as experiências no seio de uma rede de intercâmbio, para que cada território não reinvente sozinho soluções já testadas noutros lugares.'),
  sentence(
    "Elle suggère de doter {def:actor} d'un droit d'initiative sur les questions touchant {a:theme}.",
    'It suggests giving {def:actor} a right of initiative on matters concerning {theme}.',
    'Sugiere dotar {a:actor} de un derecho de iniciativa sobre las cuestiones relativas {a:theme}.',
    'Sugere dotar {def:actor} de um direito de iniciativa sobre as questões relativas {a:theme}.'),
  sentence(
    'Enfin, un fonds de coopération entre territoires permettrait de financer les projets liés {a:theme2} là où les ressources locales manquent.',
    'Finally, a cooperation fund between territories would make it possible to finance projects related to {theme2} where local resources are lacking.',
    'Por último, un fondo de cooperación entre territorios permitiría financiar los proyectos ligados {a:theme2} allí donde faltan los recursos locales.',
    'Por fim, um fundo de cooperação entre territórios permitiria financiar os projetos ligados {a:theme2} onde faltam recursos locais.'),
];

/** Body sentences that fit any kind of sheet. */
const SHARED: readonly CompiledSentence[] = [
  sentence(
    "Cette démarche illustre l'intérêt d'une approche territoriale, qui part des relations entre acteurs plutôt que des découpages sectoriels.",
    'This illustrates the value of a territorial approach, which starts from the relations between actors rather than from sectoral divisions.',
    'Esto ilustra el interés de un enfoque territorial, que parte de las relaciones entre actores más que de las divisiones sectoriales.',
    'Isto ilustra o interesse de uma abordagem territorial, que parte das relações entre atores e não dos recortes setoriais.'),
  sentence(
    "La fiche interroge aussi le rôle {de:device} dans la durée : un outil n'a de sens que s'il est approprié par ceux qui le font vivre.",
    'The sheet also questions the long-term role of {def:device}: a tool only makes sense if those who keep it alive take ownership of it.',
    'La ficha interroga también el papel {de:device} a lo largo del tiempo: una herramienta solo tiene sentido si se la apropian quienes la hacen vivir.',
    'A ficha interroga também o papel {de:device} ao longo do tempo: um instrumento só tem sentido se for apropriado por quem o faz viver.'),
  sentence(
    'Le lien entre {def:theme} et {def:theme2} apparaît ici avec netteté.',
    'The link between {theme} and {theme2} appears clearly here.',
    'El vínculo entre {def:theme} y {def:theme2} aparece aquí con nitidez.',
    'A ligação entre {def:theme} e {def:theme2} aparece aqui com nitidez.'),
  sentence(
    "Tout cela rappelle que la gouvernance est d'abord un art de la relation, entre acteurs comme entre échelles.",
    'All of this is a reminder that governance is first of all an art of relationships, between actors as between scales.',
    'Todo ello recuerda que la gobernanza es ante todo un arte de la relación, entre actores como entre escalas.',
    'Tudo isso lembra que a governança é antes de mais uma arte da relação, entre atores como entre escalas.'),
  sentence(
    "Les échanges avec d'autres territoires, notamment {placeOther}, ont nourri la réflexion.",
    'Exchanges with other territories, notably {placeOther}, fed into the reflection.',
    'Los intercambios con otros territorios, en particular {placeOther}, alimentaron la reflexión.',
    'Os intercâmbios com outros territórios, nomeadamente {placeOther}, alimentaram a reflexão.'),
  sentence(
    'La place des femmes dans les instances de décision y est particulièrement discutée.',
    'The place of women in decision-making bodies receives particular attention.',
    'El lugar de las mujeres en las instancias de decisión recibe una atención particular.',
    'O lugar das mulheres nas instâncias de decisão recebe uma atenção particular.'),
  sentence(
    'On y voit combien {def:theme} {#theme:dépend|dépendent} de règles informelles autant que du droit.',
    'It shows how much {theme} {#theme:depends|depend} on informal rules as much as on law.',
    'Se ve hasta qué punto {def:theme} {#theme:depende|dependen} de reglas informales tanto como del derecho.',
    'Vê-se o quanto {def:theme} {#theme:depende|dependem} de regras informais tanto quanto do direito.'),
];

export const BODIES: Readonly<Record<SheetKind, readonly CompiledSentence[]>> = {
  ExperienceRecord: [...NARRATIVE, ...SHARED],
  Analysis: [...ANALYTIC, ...SHARED],
  Proposal: [...PROPOSITIONAL, ...SHARED, ...ANALYTIC.slice(2, 4)],
  ResourceSheet: [...ANALYTIC, ...SHARED],
  DossierIntroduction: [...ANALYTIC, ...SHARED],
};

export const CLOSINGS: Readonly<Record<SheetKind, readonly CompiledSentence[]>> = {
  ExperienceRecord: [
    sentence(
      "Au-delà de son contexte, l'expérience montre qu'une démarche partagée peut transformer durablement {def:theme}.",
      'Beyond its context, the experience shows that a shared process can lastingly transform {theme}.',
      'Más allá de su contexto, la experiencia muestra que un proceso compartido puede transformar de forma duradera {def:theme}.',
      'Para além do seu contexto, a experiência mostra que um processo partilhado pode transformar de forma duradoura {def:theme}.'),
    sentence(
      "Les acteurs en retiennent une leçon : le temps consacré à construire la confiance n'est jamais du temps perdu.",
      'The actors draw one lesson from it: time spent building trust is never time wasted.',
      'Los actores sacan una lección: el tiempo dedicado a construir la confianza nunca es tiempo perdido.',
      'Os atores retiram daí uma lição: o tempo dedicado a construir a confiança nunca é tempo perdido.'),
    sentence(
      "L'expérience a depuis inspiré d'autres territoires, qui l'ont adaptée à leur propre situation.",
      'The experience has since inspired other territories, which have adapted it to their own situation.',
      'La experiencia ha inspirado desde entonces a otros territorios, que la han adaptado a su propia situación.',
      'A experiência inspirou desde então outros territórios, que a adaptaram à sua própria situação.'),
  ],
  Analysis: [
    sentence(
      "L'auteur conclut à la nécessité de penser {def:theme} comme une question de gouvernance, et non comme un simple problème de gestion.",
      'The author concludes that {theme} must be thought of as a question of governance, not as a mere management problem.',
      'El autor concluye que es necesario pensar {def:theme} como una cuestión de gobernanza, y no como un simple problema de gestión.',
      'O autor conclui pela necessidade de pensar {def:theme} como uma questão de governança, e não como um simples problema de gestão.'),
    sentence(
      'Cette analyse ouvre ainsi des pistes pour une gouvernance plus légitime, plus efficace et plus proche des citoyens.',
      'This analysis thus opens avenues towards a governance that is more legitimate, more effective and closer to citizens.',
      'Este análisis abre así pistas para una gobernanza más legítima, más eficaz y más cercana a la ciudadanía.',
      'Esta análise abre assim pistas para uma governança mais legítima, mais eficaz e mais próxima dos cidadãos.'),
    sentence(
      'Elle invite enfin à relire les expériences locales à la lumière des grands enjeux de la transition.',
      'Finally, it invites readers to reread local experiences in the light of the major issues of the transition.',
      'Invita por último a releer las experiencias locales a la luz de los grandes retos de la transición.',
      'Convida por fim a reler as experiências locais à luz dos grandes desafios da transição.'),
  ],
  Proposal: [
    sentence(
      'Ces propositions ont été discutées avec des élus et des praticiens avant d\'être publiées.',
      'These proposals were discussed with elected officials and practitioners before being published.',
      'Estas propuestas se discutieron con electos y profesionales antes de su publicación.',
      'Estas propostas foram discutidas com eleitos e profissionais antes de serem publicadas.'),
    sentence(
      'Leur mise en œuvre suppose un changement de culture autant qu\'un changement de règles.',
      'Implementing them requires a change of culture as much as a change of rules.',
      'Su aplicación supone un cambio de cultura tanto como un cambio de reglas.',
      'A sua aplicação supõe uma mudança de cultura tanto quanto uma mudança de regras.'),
    sentence(
      'La fiche se termine par une liste de questions à se poser avant de lancer une démarche similaire.',
      'The sheet ends with a list of questions to ask before launching a similar process.',
      'La ficha termina con una lista de preguntas que conviene hacerse antes de emprender un proceso similar.',
      'A ficha termina com uma lista de perguntas a fazer antes de lançar um processo semelhante.'),
  ],
  ResourceSheet: [
    sentence(
      'Une lecture utile pour les élus, les techniciens et les militants qui veulent comprendre {def:theme} au-delà des discours convenus.',
      'Useful reading for elected officials, staff and activists who want to understand {theme} beyond conventional discourse.',
      'Una lectura útil para electos, técnicos y activistas que quieren comprender {def:theme} más allá de los discursos convencionales.',
      'Uma leitura útil para eleitos, técnicos e militantes que querem compreender {def:theme} para além dos discursos convencionais.'),
    sentence(
      "On regrettera seulement que la question {de:theme2} n'y soit qu'effleurée.",
      'One may only regret that the question of {theme2} is barely touched upon.',
      'Solo cabe lamentar que la cuestión {de:theme2} apenas se aborde.',
      'Só se pode lamentar que a questão {de:theme2} seja apenas aflorada.'),
    sentence(
      '{Ce:kind} {#kind:est accessible|sont accessibles} en ligne et {#kind:comporte|comportent} une bibliographie abondante.',
      '{Ce:kind} {#kind:is|are} available online and {#kind:includes|include} an extensive bibliography.',
      '{Ce:kind} {#kind:está disponible|están disponibles} en línea e {#kind:incluye|incluyen} una abundante bibliografía.',
      '{Ce:kind} {#kind:está disponível|estão disponíveis} na internet e {#kind:inclui|incluem} uma bibliografia abundante.'),
  ],
  DossierIntroduction: [
    sentence(
      'Le lecteur trouvera dans ce dossier {sheets} fiches, qui peuvent se lire séparément ou comme un parcours.',
      'Readers will find {sheets} sheets in this dossier, which can be read separately or as a journey.',
      'El lector encontrará en este dossier {sheets} fichas, que pueden leerse por separado o como un recorrido.',
      'O leitor encontrará neste dossiê {sheets} fichas, que podem ser lidas separadamente ou como um percurso.'),
    sentence(
      "Il invite à croiser les regards d'acteurs de cultures et de continents différents sur {def:theme}.",
      'It invites readers to compare the views of actors from different cultures and continents on {theme}.',
      'Invita a cruzar las miradas de actores de culturas y continentes diferentes sobre {def:theme}.',
      'Convida a cruzar os olhares de atores de culturas e continentes diferentes sobre {def:theme}.'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------

export const TITLES: Readonly<Record<SheetKind, readonly CompiledSentence[]>> = {
  ExperienceRecord: [
    sentence('{Theme} {place} : l\'expérience {de:actor}', '{Theme} {place}: the experience of {def:actor}',
      '{Theme} {place}: la experiencia {de:actor}', '{Theme} {place}: a experiência {de:actor}'),
    sentence('Quand {def:actor} {#actor:s\'empare|s\'emparent} {de:theme} {place}', 'When {def:actor} {#actor:takes|take} hold of {theme} {place}',
      'Cuando {def:actor} se {#actor:apropia|apropian} {de:theme} {place}', 'Quando {def:actor} se {#actor:apropria|apropriam} {de:theme} {place}'),
    sentence('{Un:device} pour {def:theme} {place}', '{Un:device} for {theme} {place}',
      '{Un:device} para {def:theme} {place}', '{Un:device} para {def:theme} {place}'),
  ],
  Analysis: [
    sentence('{Theme} : enjeux et limites d\'une approche territoriale', '{Theme}: issues and limits of a territorial approach',
      '{Theme}: retos y límites de un enfoque territorial', '{Theme}: desafios e limites de uma abordagem territorial'),
    sentence('{Theme} et {theme2} : quelles articulations ?', '{Theme} and {theme2}: how do they fit together?',
      '{Theme} y {theme2}: ¿qué articulaciones?', '{Theme} e {theme2}: que articulações?'),
    sentence('Repenser {def:theme}', 'Rethinking {theme}', 'Repensar {def:theme}', 'Repensar {def:theme}'),
  ],
  Proposal: [
    sentence('Pour une refondation {de:theme}', 'For a rethinking of {theme}', 'Por una refundación {de:theme}', 'Por uma refundação {de:theme}'),
    sentence('Faire {de:theme} un bien commun', 'Making {theme} a common good', 'Hacer {de:theme} un bien común', 'Fazer {de:theme} um bem comum'),
    sentence('{CountWord} propositions pour {def:theme}', '{CountWord} proposals for {theme}',
      '{CountWord} propuestas para {def:theme}', '{CountWord} propostas para {def:theme}'),
  ],
  ResourceSheet: [
    sentence('{Theme} : {subtitle}', '{Theme}: {subtitle}', '{Theme}: {subtitle}', '{Theme}: {subtitle}'),
  ],
  DossierIntroduction: [
    sentence('Introduction au dossier « {dossier} »', 'Introduction to the dossier "{dossier}"',
      'Introducción al dossier «{dossier}»', 'Introdução ao dossiê «{dossier}»'),
  ],
};

export const DOSSIER_TITLES: readonly CompiledSentence[] = [
  sentence('{Theme} : expériences et propositions', '{Theme}: experiences and proposals',
    '{Theme}: experiencias y propuestas', '{Theme}: experiências e propostas'),
  sentence('Gouverner {def:theme}', 'Governing {theme}', 'Gobernar {def:theme}', 'Governar {def:theme}'),
  sentence('{Theme} et {theme2}', '{Theme} and {theme2}', '{Theme} y {theme2}', '{Theme} e {theme2}'),
  sentence('{Def:theme}, une affaire de gouvernance', '{Theme}, a matter of governance',
    '{Def:theme}, un asunto de gobernanza', '{Def:theme}, uma questão de governança'),
];

export const DOSSIER_DESCRIPTIONS: readonly CompiledSentence[] = [
  sentence(
    "Dossier thématique coordonné par {author}, qui rassemble des fiches d'expérience, d'analyse et de proposition sur {def:theme}.",
    'Thematic dossier coordinated by {author}, bringing together experience records, analyses and proposals on {theme}.',
    'Dossier temático coordinado por {author}, que reúne fichas de experiencia, de análisis y de propuesta sobre {def:theme}.',
    'Dossiê temático coordenado por {author}, que reúne fichas de experiência, de análise e de proposta sobre {def:theme}.'),
  sentence(
    "Réalisé avec un comité de rédaction animé par {author}, ce dossier explore {def:theme} et ses liens avec {def:theme2}.",
    'Produced with an editorial committee led by {author}, this dossier explores {theme} and its links with {theme2}.',
    'Realizado con un comité de redacción animado por {author}, este dossier explora {def:theme} y sus vínculos con {def:theme2}.',
    'Realizado com um comitê de redação animado por {author}, este dossiê explora {def:theme} e as suas ligações com {def:theme2}.'),
];

// ---------------------------------------------------------------------------------------------
// Descriptor definitions (French and English are the only ones published)
// ---------------------------------------------------------------------------------------------
// Slots: theme (the descriptor), component, angle (their labels, quoted), parent (broader one).

export const DEFINITIONS = {
  general: sentence(
    'Notion générale de l\'atlas qui rassemble les fiches portant sur {def:theme}, dans la composante « {component} » et sous l\'angle « {angle} ».',
    'General notion of the atlas gathering the sheets on {theme}, in the territory component "{component}" and from the angle "{angle}".',
    'Noción general del atlas que reúne las fichas sobre {def:theme}, en el componente «{component}» del territorio y desde el ángulo «{angle}».',
    'Noção geral do atlas que reúne as fichas sobre {def:theme}, na componente «{component}» do território e sob o ângulo «{angle}».'),
  narrower: sentence(
    'Précise {def:parent} : les fiches qui traitent {de:theme}, sous l\'angle « {angle} ».',
    'Narrows down {parent}: the sheets dealing with {theme}, from the angle "{angle}".',
    'Precisa {def:parent}: las fichas que tratan {de:theme}, desde el ángulo «{angle}».',
    'Precisa {def:parent}: as fichas que tratam {de:theme}, sob o ângulo «{angle}».'),
};

// ---------------------------------------------------------------------------------------------
// Organisations: names by family (@ is the place's name), descriptions
// ---------------------------------------------------------------------------------------------

export const ORGANISATION_FAMILIES = [
  'LocalAuthority',
  'ProfessionalNetwork',
  'EducationInstitution',
  'ResearchCentre',
  'Association',
  'Company',
  'PublicAgency',
] as const;
export type OrganisationFamily = (typeof ORGANISATION_FAMILIES)[number];

/** How common each family is among CITEGO's partners. */
export const ORGANISATION_FAMILY_WEIGHTS: Readonly<Record<OrganisationFamily, number>> = {
  LocalAuthority: 22,
  ProfessionalNetwork: 12,
  EducationInstitution: 10,
  ResearchCentre: 12,
  Association: 28,
  Company: 8,
  PublicAgency: 8,
};

/**
 * Name patterns. "de @" is written with elision ("d'Arles"); "{family}" takes a family name
 * from the name pools; "{topic}" a short French topic.
 */
export const ORGANISATION_NAME_PATTERNS: Readonly<Record<OrganisationFamily, readonly string[]>> = {
  LocalAuthority: ['Ville de @', 'Commune de @', "Communauté d'agglomération de @", 'Communauté de communes de @', 'Métropole de @'],
  ProfessionalNetwork: ["Réseau des acteurs de l'habitat de @", 'Réseau des développeurs territoriaux de @', 'Réseau des élus pour la transition de @',
    'Collectif des agents de développement local de @', 'Réseau {topic} de @', 'Plateforme des praticiens de la participation de @'],
  EducationInstitution: ['Université de @', "Institut d'études politiques de @", "École d'urbanisme de @", 'Centre de formation des élus de @',
    'Institut régional du travail social de @', 'Lycée agricole de @'],
  ResearchCentre: ["Laboratoire d'études urbaines de @", 'Institut de recherche sur la gouvernance de @', 'Observatoire des dynamiques territoriales de @',
    "Centre d'études du développement local de @", 'Laboratoire Territoires et Sociétés de @', 'Centre de recherche {topic} de @'],
  Association: ['Association des habitants de @', 'Maison des associations de @', 'Association {topic} de @', 'Collectif citoyen de @',
    'Fondation pour la démocratie locale de @', 'Association Vivre ensemble de @', 'Comité de quartier de @'],
  Company: ['{family} Conseil', 'Cabinet {family} & Associés', 'Coopérative {topic}', 'Bureau d\'études {family}', '{family} Urbanisme', 'SCOP {topic} de @'],
  PublicAgency: ["Agence d'urbanisme de @", 'Agence régionale de développement de @', 'Établissement public foncier de @',
    "Office public de l'habitat de @", 'Agence locale de l\'énergie de @', 'Direction des territoires de @'],
};

export const ORGANISATION_TOPICS: readonly string[] = [
  'Eau et Territoires', 'Habitat Solidaire', 'Terres Communes', 'Villes en Transition', 'Démocratie Locale', 'Économie et Solidarité',
  'Jardins Partagés', 'Mobilités Douces', 'Énergie Citoyenne', 'Alimentation Durable', 'Mémoire et Patrimoine', 'Numérique Solidaire',
];

/** Descriptions by family (only the French is published); slots: theme, theme2, place. */
export const ORGANISATION_DESCRIPTIONS: Readonly<Record<OrganisationFamily, CompiledSentence>> = {
  LocalAuthority: sentence(
    'Collectivité territoriale {place}, engagée de longue date dans des démarches liées {a:theme}.',
    'Local authority {place}, long committed to initiatives on {theme}.',
    'Gobierno local {place}, comprometido desde hace tiempo con iniciativas ligadas {a:theme}.',
    'Governo local {place}, há muito comprometido com iniciativas ligadas {a:theme}.'),
  ProfessionalNetwork: sentence(
    'Réseau de praticiens qui échangent et capitalisent leurs expériences sur {def:theme} et {def:theme2}.',
    'Network of practitioners who share and capitalise their experience of {theme} and {theme2}.',
    'Red de profesionales que intercambian y capitalizan sus experiencias sobre {def:theme} y {def:theme2}.',
    'Rede de profissionais que trocam e capitalizam as suas experiências sobre {def:theme} e {def:theme2}.'),
  EducationInstitution: sentence(
    "Établissement d'enseignement et de formation continue {place}, qui propose notamment des formations sur {def:theme}.",
    'School and continuing-education body {place}, offering courses on {theme} among others.',
    'Centro de enseñanza y de formación continua {place}, que propone en particular formaciones sobre {def:theme}.',
    'Instituição de ensino e de formação contínua {place}, que propõe nomeadamente formações sobre {def:theme}.'),
  ResearchCentre: sentence(
    'Centre de recherche dont les travaux portent notamment sur {def:theme} et sur {def:theme2}.',
    'Research centre whose work deals in particular with {theme} and {theme2}.',
    'Centro de investigación cuyos trabajos tratan en particular sobre {def:theme} y {def:theme2}.',
    'Centro de pesquisa cujos trabalhos tratam em particular {de:theme} e {de:theme2}.'),
  Association: sentence(
    'Association active {place}, qui accompagne les habitants sur les questions liées {a:theme}.',
    'Association active {place}, supporting residents on matters related to {theme}.',
    'Asociación activa {place}, que acompaña a los vecinos en las cuestiones ligadas {a:theme}.',
    'Associação ativa {place}, que acompanha os moradores nas questões ligadas {a:theme}.'),
  Company: sentence(
    "Bureau d'études et de conseil qui accompagne les collectivités sur {def:theme}.",
    'Consultancy supporting local authorities on {theme}.',
    'Consultora que acompaña a los gobiernos locales en {def:theme}.',
    'Consultoria que acompanha os governos locais em {def:theme}.'),
  PublicAgency: sentence(
    'Établissement public chargé d\'appuyer les territoires dans le domaine {de:theme}.',
    'Public body in charge of supporting territories in the field of {theme}.',
    'Organismo público encargado de apoyar a los territorios en el ámbito {de:theme}.',
    'Organismo público encarregado de apoiar os territórios no domínio {de:theme}.'),
};

// ---------------------------------------------------------------------------------------------
// Roles in organisations
// ---------------------------------------------------------------------------------------------

export const ROLES: readonly { readonly slug: string; readonly fr: string; readonly en: string }[] = [
  { slug: 'chair', fr: 'Président ou présidente', en: 'Chair' },
  { slug: 'director', fr: 'Directeur ou directrice', en: 'Director' },
  { slug: 'project-officer', fr: 'Chargé ou chargée de mission', en: 'Project officer' },
  { slug: 'researcher', fr: 'Chercheur ou chercheuse', en: 'Researcher' },
  { slug: 'elected-official', fr: 'Élu ou élue', en: 'Elected official' },
  { slug: 'coordinator', fr: 'Coordinateur ou coordinatrice', en: 'Coordinator' },
  { slug: 'board-member', fr: "Membre du conseil d'administration", en: 'Board member' },
  { slug: 'volunteer', fr: 'Bénévole', en: 'Volunteer' },
];

// ---------------------------------------------------------------------------------------------
// Person names, by naming tradition
// ---------------------------------------------------------------------------------------------

export interface NamePool {
  readonly given: readonly string[];
  readonly family: readonly string[];
}

export const NAME_POOLS: Readonly<Record<'french' | 'spanish' | 'portuguese' | 'westAfrican' | 'chinese', NamePool>> = {
  french: {
    given: ['Marie', 'Pierre', 'Hélène', 'Jean', 'Claire', 'François', 'Anne', 'Michel', 'Sophie', 'Philippe', 'Isabelle', 'Olivier',
      'Catherine', 'Bernard', 'Nathalie', 'Étienne', 'Juliette', 'Yves', 'Camille', 'Benoît', 'Agnès', 'Thierry', 'Mathilde', 'Gérard',
      'Élise', 'Antoine', 'Sylvie', 'Luc', 'Martine', 'Denis', 'Aurélie', 'Jérôme', 'Chantal', 'Rémi', 'Geneviève', 'Hugues'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
      'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier',
      'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller',
      'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier'],
  },
  spanish: {
    given: ['María', 'José', 'Carmen', 'Juan', 'Lucía', 'Antonio', 'Pilar', 'Manuel', 'Ana', 'Francisco', 'Isabel', 'Javier', 'Rosa',
      'Miguel', 'Elena', 'Alejandro', 'Marta', 'Diego', 'Paula', 'Andrés', 'Gabriela', 'Sergio', 'Valentina', 'Ricardo'],
    family: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez',
      'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Álvarez', 'Romero', 'Navarro', 'Torres', 'Ramírez', 'Vargas', 'Castillo', 'Ortega', 'Rojas'],
  },
  portuguese: {
    given: ['João', 'Maria', 'Ana', 'Pedro', 'Beatriz', 'Luís', 'Mariana', 'Carlos', 'Fernanda', 'Paulo', 'Juliana', 'Rafael',
      'Camila', 'Tiago', 'Luana', 'Marcelo', 'Rita', 'Gonçalo', 'Letícia', 'Rodrigo', 'Inês', 'Vinícius'],
    family: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Lima', 'Araújo',
      'Fernandes', 'Carvalho', 'Gomes', 'Martins', 'Rocha', 'Ribeiro', 'Alves', 'Monteiro', 'Mendes', 'Barbosa', 'Sousa'],
  },
  westAfrican: {
    given: ['Aminata', 'Moussa', 'Fatou', 'Ibrahima', 'Awa', 'Ousmane', 'Mariama', 'Cheikh', 'Seydou', 'Oumou', 'Mamadou', 'Aïssatou',
      'Abdoulaye', 'Khady', 'Boubacar', 'Ndèye', 'Lamine', 'Kadiatou', 'Souleymane', 'Rokhaya'],
    family: ['Diop', 'Ndiaye', 'Traoré', 'Diallo', 'Keïta', 'Sow', 'Fall', 'Coulibaly', 'Konaté', 'Sarr', 'Ba', 'Cissé', 'Camara',
      'Touré', 'Sy', 'Diarra', 'Gueye', 'Kané', 'Sangaré', 'Faye'],
  },
  chinese: {
    given: ['Wei', 'Li', 'Jing', 'Hui', 'Xiaoming', 'Yan', 'Lei', 'Min', 'Jun', 'Fang', 'Ying', 'Hao', 'Mei', 'Qiang', 'Lin', 'Xin'],
    family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo'],
  },
};

/** How often each tradition appears among CITEGO's authors, plus a share of mixed names. */
export const NAME_POOL_WEIGHTS: readonly (readonly [keyof typeof NAME_POOLS, number])[] = [
  ['french', 55],
  ['spanish', 13],
  ['portuguese', 11],
  ['westAfrican', 14],
  ['chinese', 7],
];

// ---------------------------------------------------------------------------------------------
// Bibliographic citations of resource sheets (fictional publishers, on purpose)
// ---------------------------------------------------------------------------------------------

export const PUBLISHERS: readonly string[] = [
  'Éditions du Territoire', 'Presses de la Gouvernance', 'Éditions des Communs', 'Atelier des Territoires',
  'Éditions Terre et Cité', 'Publications du Réseau Villes Solidaires', 'Éditions La Passerelle',
];

export const PUBLISHER_CITIES: readonly string[] = ['Paris', 'Lyon', 'Montréal', 'Bruxelles', 'Barcelone', 'Dakar', 'Grenoble', 'Lisbonne'];
