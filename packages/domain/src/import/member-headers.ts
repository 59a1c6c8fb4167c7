/**
 * Which column of a member export holds what: the header names unions actually use, in
 * English, Brazilian Portuguese, Spanish, German and Russian. A header is matched after
 * {@link normaliseHeader}: case, accents, spaces, punctuation and a parenthesised hint such
 * as "(dd/mm/aaaa)" do not matter, so "Data de Filiação", "data_de_filiacao" and
 * "DATA DE FILIAÇÃO (dd/mm/aaaa)" are the same header.
 */
export type MemberField = 'givenName' | 'familyName' | 'unitRef' | 'admittedOn' | 'email' | 'externalId';

/** The fields every row must have, in the order they are reported when missing. */
export const REQUIRED_MEMBER_FIELDS = ['givenName', 'familyName', 'unitRef', 'admittedOn'] as const;
export type RequiredMemberField = (typeof REQUIRED_MEMBER_FIELDS)[number];

export const MEMBER_CSV_HEADER_SYNONYMS: Readonly<Record<MemberField, readonly string[]>> = {
  givenName: [
    // en
    'given name',
    'given names',
    'first name',
    'first names',
    'firstname',
    'forename',
    'forenames',
    // pt-BR
    'nome',
    'prenome',
    'primeiro nome',
    // es
    'nombre',
    'nombres',
    'nombre de pila',
    // de
    'vorname',
    'vornamen',
    'rufname',
    // ru
    'имя',
  ],
  familyName: [
    'family name',
    'last name',
    'lastname',
    'surname',
    'surnames',
    'sobrenome',
    'sobrenomes',
    'nome de família',
    'apellido',
    'apellidos',
    'apellido(s)',
    'nachname',
    'familienname',
    'zuname',
    'фамилия',
  ],
  unitRef: [
    'unit',
    'unit id',
    'unit name',
    'branch',
    'branch id',
    'branch name',
    'local',
    'chapter',
    'núcleo',
    'núcleo de base',
    'seção',
    'seção sindical',
    'secção',
    'unidade',
    'sección',
    'sección sindical',
    'seccional',
    'unidad',
    'ortsgruppe',
    'ortsverein',
    'betriebsgruppe',
    'отделение',
    'ячейка',
    'первичная организация',
  ],
  admittedOn: [
    'admitted',
    'admitted on',
    'date admitted',
    'admission date',
    'joined',
    'joined on',
    'date joined',
    'join date',
    'member since',
    'data de filiação',
    'filiação',
    'filiado desde',
    'data de admissão',
    'admissão',
    'data de ingresso',
    'membro desde',
    'fecha de alta',
    'alta',
    'fecha de afiliación',
    'afiliación',
    'afiliado desde',
    'fecha de ingreso',
    'miembro desde',
    'eintrittsdatum',
    'eintritt',
    'mitglied seit',
    'beitrittsdatum',
    'beitritt',
    'aufnahmedatum',
    'дата вступления',
    'вступление',
    'дата приёма',
    'дата принятия',
    'член с',
  ],
  email: [
    'email',
    'e-mail',
    'email address',
    'e-mail address',
    'mail',
    'endereço de e-mail',
    'correio eletrônico',
    'correo',
    'correo electrónico',
    'e-mail-adresse',
    'электронная почта',
    'эл. почта',
    'почта',
  ],
  externalId: [
    'external id',
    'membership number',
    'membership no',
    'member number',
    'member no',
    'member id',
    'membership id',
    'card number',
    'matrícula',
    'número de matrícula',
    'número de filiação',
    'número de filiado',
    'número de afiliado',
    'número de afiliación',
    'número de socio',
    'nº de afiliado',
    'mitgliedsnummer',
    'mitgliedernummer',
    'mitglieds-nr.',
    'mitgliedsnr',
    'номер билета',
    'номер членского билета',
    'членский билет',
  ],
};

/**
 * Headers of one column holding the whole name. Plenum does not split a name into given and
 * family names (no rule does that right across cultures), so such a file is refused unless
 * it also has both name columns.
 */
export const FULL_NAME_HEADERS: readonly string[] = [
  'name',
  'full name',
  'member name',
  'nome completo',
  'nome e sobrenome',
  'nombre completo',
  'nombre y apellidos',
  'apellidos y nombre',
  'vollständiger name',
  'vor- und nachname',
  'фио',
  'ф.и.о.',
  'полное имя',
];

/**
 * The key a header is compared by: parenthesised or bracketed hints dropped, compatibility
 * forms folded ("º" → "o"), accents and marks dropped, lower case, and every character that
 * is not a letter or a digit removed.
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const FIELD_BY_HEADER: ReadonlyMap<string, MemberField> = new Map(
  (Object.entries(MEMBER_CSV_HEADER_SYNONYMS) as [MemberField, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [normaliseHeader(name), field] as const),
  ),
);

const FULL_NAME_KEYS: ReadonlySet<string> = new Set(FULL_NAME_HEADERS.map(normaliseHeader));

/** The field a header names, if any. */
export function memberFieldOf(header: string): MemberField | undefined {
  return FIELD_BY_HEADER.get(normaliseHeader(header));
}

/** Whether a header names a single column holding the whole name. */
export function isFullNameHeader(header: string): boolean {
  return FULL_NAME_KEYS.has(normaliseHeader(header));
}
