import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_GOVERNANCE, type GovMember, type GovUnit, type GovernanceState } from '../governance/state.ts';
import {
  MEMBER_FIELD_MESSAGE_KEYS,
  MEMBER_IMPORT_MESSAGE_KEYS,
  codePointLength,
  parseMemberCsv,
  planMemberImport,
  type CsvSeparator,
  type MemberCsv,
  type MemberCsvOptions,
  type MemberCsvRead,
  type MemberCsvRow,
  type MemberField,
  type RejectedRow,
} from './member-csv.ts';
import { FULL_NAME_HEADERS, MEMBER_CSV_HEADER_SYNONYMS, memberFieldOf, normaliseHeader } from './member-headers.ts';

function read(text: string, options?: MemberCsvOptions): MemberCsvRead {
  const result = parseMemberCsv(text, options);
  if (!result.ok)
    throw new Error(`file refused: ${result.fileError.messageKey} ${JSON.stringify(result.fileError.params)}`);
  return result;
}

function refusal(text: string, options?: MemberCsvOptions): { messageKey: string; params: object } {
  const result = parseMemberCsv(text, options);
  if (result.ok) throw new Error('the file was read');
  return result.fileError;
}

describe('parseMemberCsv: real exports', () => {
  it('reads a Brazilian union export: BOM, “;”, CRLF, accented headers, dd/mm/yyyy', () => {
    const text =
      '\uFEFFMatrícula;Nome;Sobrenome;Núcleo;Data de Filiação;E-mail;Observações\r\n' +
      // The family name is written decomposed (c + cedilla, a + tilde), as some macOS tools do.
      '2019-0042;Ana Luísa;Concei\u0063\u0327a\u0303o;Núcleo Centro;07/03/2019;ana.conceicao@exemplo.org.br;\r\n' +
      '2019-0043; João ;Nascimento da Silva;Núcleo Centro;25/11/2019;;"Transferido de ""Vila Nova""; em 2021"\r\n' +
      '2020-0001;Maria José;Gonçalves;Vila Nova;3/2/2020;maria@exemplo.org.br;\r\n';
    const csv = read(text);
    expect(csv.separator).toBe(';');
    expect(csv.dateOrder).toBe('dmy');
    expect(csv.columns).toEqual({
      givenName: 'Nome',
      familyName: 'Sobrenome',
      unitRef: 'Núcleo',
      admittedOn: 'Data de Filiação',
      email: 'E-mail',
      externalId: 'Matrícula',
    });
    expect(csv.ignoredColumns).toEqual(['Observações']);
    expect(csv.rejected).toEqual([]);
    expect(csv.rows).toEqual([
      {
        line: 2,
        givenName: 'Ana Luísa',
        familyName: 'Conceição',
        unitRef: 'Núcleo Centro',
        admittedOn: '2019-03-07',
        email: 'ana.conceicao@exemplo.org.br',
        externalId: '2019-0042',
      },
      {
        line: 3,
        givenName: 'João',
        familyName: 'Nascimento da Silva',
        unitRef: 'Núcleo Centro',
        admittedOn: '2019-11-25',
        externalId: '2019-0043',
      },
      {
        line: 4,
        givenName: 'Maria José',
        familyName: 'Gonçalves',
        unitRef: 'Vila Nova',
        admittedOn: '2020-02-03',
        email: 'maria@exemplo.org.br',
        externalId: '2020-0001',
      },
    ]);
    expect(csv.rows[0]?.familyName).toBe('Concei\u00e7\u00e3o'); // NFC
  });

  it('reads a German export: “;”, d.m.yyyy, the family name first', () => {
    const text = [
      'Mitgliedsnummer;Nachname;Vorname;Ortsgruppe;Eintrittsdatum;E-Mail-Adresse',
      '10023;Müller;Jürgen;OG Leipzig-Süd;7.3.2019;j.mueller@example.de',
      '10024;Weiß;Anna-Lena;OG Leipzig-Süd;15.11.2020;',
      '10025;Öztürk;Zeynep;OG Dresden;1.12.2021;zeynep@example.de',
      '',
    ].join('\n');
    const csv = read(text);
    expect(csv).toMatchObject({ separator: ';', dateOrder: 'dmy', ignoredColumns: [], rejected: [] });
    expect(csv.rows.map((row) => [row.line, row.familyName, row.givenName, row.unitRef, row.admittedOn])).toEqual([
      [2, 'Müller', 'Jürgen', 'OG Leipzig-Süd', '2019-03-07'],
      [3, 'Weiß', 'Anna-Lena', 'OG Leipzig-Süd', '2020-11-15'],
      [4, 'Öztürk', 'Zeynep', 'OG Dresden', '2021-12-01'],
    ]);
    expect(csv.rows[1]).not.toHaveProperty('email');
    expect(csv.rows[2]?.externalId).toBe('10025');
  });

  it('reads a Russian export in Cyrillic', () => {
    const text = [
      'ФАМИЛИЯ;Имя;Отчество;Отделение;Дата вступления;Номер билета;Электронная почта',
      'Иванова;Мария;Петровна;Московское отделение;07.03.2019;000123;m.ivanova@example.ru',
      'Королёв;Пётр;Сергеевич;Ленинградское отделение;23.02.2018;000124;',
    ].join('\r\n');
    const csv = read(text);
    expect(csv).toMatchObject({
      separator: ';',
      dateOrder: 'dmy',
      columns: {
        givenName: 'Имя',
        familyName: 'ФАМИЛИЯ',
        unitRef: 'Отделение',
        admittedOn: 'Дата вступления',
        externalId: 'Номер билета',
        email: 'Электронная почта',
      },
      ignoredColumns: ['Отчество'],
      rejected: [],
    });
    expect(csv.rows).toEqual([
      {
        line: 2,
        givenName: 'Мария',
        familyName: 'Иванова',
        unitRef: 'Московское отделение',
        admittedOn: '2019-03-07',
        email: 'm.ivanova@example.ru',
        externalId: '000123',
      },
      {
        line: 3,
        givenName: 'Пётр',
        familyName: 'Королёв',
        unitRef: 'Ленинградское отделение',
        admittedOn: '2018-02-23',
        externalId: '000124',
      },
    ]);
  });

  it('reads an English export: “,”, quoted commas, quotes and newlines, US dates; lines are physical', () => {
    const text = [
      'Member No,First Name,Last Name,Local,Member Since,Email,Mailing Address',
      '"A-1001",Mary,"O\'Brien, Jr.",Local 12,03/15/2019,mary@example.com,"12 Main St',
      'Springfield, IL 62701"',
      'A-1002,"Robert ""Bob""",Smith,Local 12,12/01/2020,bob@example.com,"1 Elm St',
      'Apt 3',
      'Decatur, IL"',
      'A-1003,Li,Wei,"Local 7, Decatur",1/2/2021,,',
    ].join('\r\n');
    const csv = read(text);
    expect(csv).toMatchObject({ separator: ',', dateOrder: 'mdy', ignoredColumns: ['Mailing Address'], rejected: [] });
    expect(csv.rows).toEqual([
      {
        line: 2,
        givenName: 'Mary',
        familyName: "O'Brien, Jr.",
        unitRef: 'Local 12',
        admittedOn: '2019-03-15',
        email: 'mary@example.com',
        externalId: 'A-1001',
      },
      {
        line: 4,
        givenName: 'Robert "Bob"',
        familyName: 'Smith',
        unitRef: 'Local 12',
        admittedOn: '2020-12-01',
        email: 'bob@example.com',
        externalId: 'A-1002',
      },
      {
        line: 7,
        givenName: 'Li',
        familyName: 'Wei',
        unitRef: 'Local 7, Decatur',
        admittedOn: '2021-01-02',
        externalId: 'A-1003',
      },
    ]);
  });

  it('reads a tab-separated export with ISO dates (no date order needed)', () => {
    const text =
      'First name\tLast name\tBranch\tJoined\tE-mail\nKim\tLee\tnorth\t2021-06-30\tkim@example.org\n' +
      'Sam\tOkafor\tsouth\t2019/01/02 00:00:00\t\n';
    const csv = read(text);
    expect(csv).toMatchObject({ separator: '\t', dateOrder: null, rejected: [] });
    expect(csv.rows).toEqual([
      {
        line: 2,
        givenName: 'Kim',
        familyName: 'Lee',
        unitRef: 'north',
        admittedOn: '2021-06-30',
        email: 'kim@example.org',
      },
      { line: 3, givenName: 'Sam', familyName: 'Okafor', unitRef: 'south', admittedOn: '2019-01-02' },
    ]);
  });

  it('reads “|”, Excel’s “sep=” line, lone CR line ends and blank lines', () => {
    const piped = read('nombre|apellido(s)|sección|fecha de alta\nLucía|Pérez Gómez|Sección Norte|2020-05-04\n');
    expect(piped.separator).toBe('|');
    expect(piped.rows[0]).toMatchObject({ givenName: 'Lucía', familyName: 'Pérez Gómez', unitRef: 'Sección Norte' });

    const declared = read('sep=;\r\ngiven name;family name;unit;joined\r\nAna;Lima;centro;2020-05-04\r\n');
    expect(declared.separator).toBe(';');
    expect(declared.rows[0]?.line).toBe(3);

    const mac = read(
      '\r\ngiven name,family name,unit,joined\r\r  \rAna,Lima,centro,2020-05-04\rBo,Ng,centro,2021-01-01',
    );
    expect(mac.rows.map((row) => row.line)).toEqual([5, 6]);
  });

  it('finds the separator with quotes respected: a quoted header full of “;” is one column', () => {
    const csv = read('"x;y;z;w;v;u",First name,Last name,Unit,Joined\n"a;b",Ana,Lima,centro,2020-05-04\n');
    expect(csv.separator).toBe(',');
    expect(csv.ignoredColumns).toEqual(['x;y;z;w;v;u']);
    expect(csv.rows).toHaveLength(1);
  });

  it('takes the date order from the options over the column', () => {
    const text = 'given name,family name,unit,joined\nAna,Lima,centro,03/04/2020\nBo,Ng,centro,2020-12-31\n';
    expect(read(text, { dateOrder: 'dmy' }).rows.map((row) => row.admittedOn)).toEqual(['2020-04-03', '2020-12-31']);
    expect(read(text, { dateOrder: 'mdy' }).rows.map((row) => row.admittedOn)).toEqual(['2020-03-04', '2020-12-31']);
    expect(read(text, { dateOrder: 'mdy' }).dateOrder).toBe('mdy');
  });

  it('needs no date order when the dates read the same both ways', () => {
    const csv = read('given name,family name,unit,joined\nAna,Lima,centro,05/05/2019\nBo,Ng,centro,2020-01-02\n');
    expect(csv.dateOrder).toBeNull();
    expect(csv.rows.map((row) => row.admittedOn)).toEqual(['2019-05-05', '2020-01-02']);
  });

  it('accepts a file with a header and no rows', () => {
    expect(read('given name,family name,unit,joined\r\n')).toMatchObject({ rows: [], rejected: [] });
  });
});

describe('parseMemberCsv: header names', () => {
  const fields = Object.keys(MEMBER_CSV_HEADER_SYNONYMS) as MemberField[];

  it.each(fields)('matches every synonym of %s, in any case and without accents', (field) => {
    for (const synonym of MEMBER_CSV_HEADER_SYNONYMS[field]) {
      const bare = synonym.normalize('NFD').replace(/\p{M}/gu, '');
      for (const header of [synonym, synonym.toUpperCase(), bare, ` ${bare.toLowerCase()} `]) {
        expect({ header, field: memberFieldOf(header) }).toEqual({ header, field });
      }
    }
  });

  it('gives no header two meanings', () => {
    const seen = new Map<string, string>();
    for (const [field, synonyms] of Object.entries(MEMBER_CSV_HEADER_SYNONYMS)) {
      for (const synonym of synonyms) {
        const key = normaliseHeader(synonym);
        expect({ synonym, other: seen.get(key) ?? field }).toEqual({ synonym, other: field });
        seen.set(key, field);
      }
    }
    for (const header of FULL_NAME_HEADERS) expect({ header, field: memberFieldOf(header) }).toEqual({ header });
  });

  it.each([
    ['given name', 'givenName'],
    ['First Name', 'givenName'],
    ['firstname', 'givenName'],
    ['NOME', 'givenName'],
    ['Nombre', 'givenName'],
    ['Vorname', 'givenName'],
    ['ИМЯ', 'givenName'],
    ['Last_Name', 'familyName'],
    ['Surname', 'familyName'],
    ['Sobrenome', 'familyName'],
    ['APELLIDO(S)', 'familyName'],
    ['Apellidos', 'familyName'],
    ['Nachname', 'familyName'],
    ['Фамилия', 'familyName'],
    ['Branch', 'unitRef'],
    ['Nucleo', 'unitRef'],
    ['SEÇÃO', 'unitRef'],
    ['Seccion', 'unitRef'],
    ['Ortsgruppe', 'unitRef'],
    ['отделение', 'unitRef'],
    ['Member since', 'admittedOn'],
    ['Data de filiacao (dd/mm/aaaa)', 'admittedOn'],
    ['Fecha de alta', 'admittedOn'],
    ['Eintrittsdatum', 'admittedOn'],
    ['Дата вступления', 'admittedOn'],
    ['E-Mail', 'email'],
    ['Correo electrónico', 'email'],
    ['Matricula', 'externalId'],
    ['Mitglieds-Nr.', 'externalId'],
    ['Nº de afiliado', 'externalId'],
    ['Номер билета', 'externalId'],
  ] as const)('reads “%s” as %s', (header, field) => {
    expect(memberFieldOf(header)).toBe(field);
  });

  it('ignores unknown headers and lists them', () => {
    const csv = read('CPF,given name,Telefone,family name,unit,joined,\nx,Ana,y,Lima,centro,2020-01-02,\n');
    expect(csv.ignoredColumns).toEqual(['CPF', 'Telefone']);
    expect(csv.rows).toHaveLength(1);
  });

  it('ignores a full-name column when both name columns are there', () => {
    const csv = read('Full name,First name,Last name,Unit,Joined\nAna Lima,Ana,Lima,centro,2020-01-02\n');
    expect(csv.ignoredColumns).toEqual(['Full name']);
    expect(csv.rows[0]).toMatchObject({ givenName: 'Ana', familyName: 'Lima' });
  });
});

describe('parseMemberCsv: files refused as a whole', () => {
  it.each([
    ['', {}],
    ['\uFEFF', {}],
    ['\r\n   \r\n\n', {}],
  ])('refuses an empty file (%j)', (text) => {
    expect(refusal(text)).toEqual({ messageKey: 'import.members.file.empty', params: {} });
  });

  it('refuses a quote never closed, naming the line where it opens', () => {
    const text =
      'given name,family name,unit,joined\nAna,Lima,centro,2020-01-02\n"Bo,Ng,centro,2020-01-02\nCy,Ra,centro,2020-01-02\n';
    expect(refusal(text)).toEqual({ messageKey: 'import.members.file.unterminatedQuote', params: { line: 3 } });
    expect(refusal('"given name,family name\n')).toEqual({
      messageKey: 'import.members.file.unterminatedQuote',
      params: { line: 1 },
    });
  });

  it('refuses a file missing required columns, saying which and what it found', () => {
    expect(refusal('Nome;Sobrenome;Cidade\nAna;Lima;Recife\n')).toEqual({
      messageKey: 'import.members.file.missingColumns',
      params: { fields: 'unitRef, admittedOn', count: 2, found: 'Nome, Sobrenome, Cidade' },
    });
  });

  it.each([
    ['Nome completo;Núcleo;Data de filiação', 'Nome completo'],
    ['Name,Unit,Joined', 'Name'],
    ['ФИО;Отделение;Дата вступления', 'ФИО'],
    ['Vorname;Name;Ortsgruppe;Eintritt', 'Name'],
    ['nombre y apellidos|sección|alta', 'nombre y apellidos'],
  ])('refuses a single full-name column rather than split names (%s)', (header, column) => {
    expect(refusal(`${header}\n`)).toEqual({ messageKey: 'import.members.file.fullNameColumn', params: { column } });
  });

  it('refuses two columns for the same field', () => {
    expect(refusal('given name,family name,unit,joined,Email,E-mail\n')).toEqual({
      messageKey: 'import.members.file.duplicateColumn',
      params: { first: 'Email', second: 'E-mail' },
    });
  });

  it('refuses a date column written both day first and month first', () => {
    const text = 'given name,family name,unit,joined\nA,B,c,01/02/2020\nA,C,c,13/01/2020\nA,D,c,01/13/2020\n';
    expect(refusal(text)).toEqual({
      messageKey: 'import.members.file.dateOrderConflict',
      params: { column: 'joined', dmyLine: 3, dmyValue: '13/01/2020', mdyLine: 4, mdyValue: '01/13/2020' },
    });
  });

  it('refuses dates whose order cannot be told, asking for it', () => {
    const text = 'given name,family name,unit,joined\nA,B,c,2020-01-02\nA,C,c,03/04/2020\nA,D,c,5.6.2021\n';
    expect(refusal(text)).toEqual({
      messageKey: 'import.members.file.dateOrderUnknown',
      params: { column: 'joined', line: 3, value: '03/04/2020' },
    });
  });
});

describe('parseMemberCsv: rows rejected', () => {
  const HEADER = 'given name,family name,unit,joined,email,membership number';
  const GOOD = 'Ana,Silva,centro,2020-01-02,ana@example.org,M-1';

  /** The rejections of a file whose first row is good and whose second (line 3) is `row`. */
  function rejections(row: string, options?: MemberCsvOptions): RejectedRow[] {
    const csv = read(`${HEADER}\n${GOOD}\n${row}\n`, options);
    expect(csv.rows.map((r) => r.line)).toEqual([2]);
    return [...csv.rejected];
  }

  const at = (column: string | undefined, messageKey: string, params: Record<string, string | number> = {}) => ({
    line: 3,
    ...(column === undefined ? {} : { column }),
    messageKey,
    params: { line: 3, ...(column === undefined ? {} : { column }), ...params },
  });

  it.each([
    [
      'too few fields',
      'Bo,Lima,centro,2020-01-02',
      at(undefined, 'import.members.row.fieldCount', { expected: 6, found: 4 }),
    ],
    [
      'too many fields',
      'Bo,Lima,centro,2020-01-02,,M-2,x',
      at(undefined, 'import.members.row.fieldCount', { expected: 6, found: 7 }),
    ],
    [
      'text after a closing quote',
      '"Bo"x,Lima,centro,2020-01-02,,M-2',
      at(undefined, 'import.members.row.malformedQuotes'),
    ],
    ['an empty given name', '  ,Lima,centro,2020-01-02,,M-2', at('given name', 'import.members.row.emptyGivenName')],
    ['an empty family name', 'Bo,"",centro,2020-01-02,,M-2', at('family name', 'import.members.row.emptyFamilyName')],
    ['an empty unit', 'Bo,Lima,,2020-01-02,,M-2', at('unit', 'import.members.row.emptyUnit')],
    ['an empty date', 'Bo,Lima,centro, ,,M-2', at('joined', 'import.members.row.emptyAdmittedOn')],
    [
      'a control character',
      'Bo\u0007,Lima,centro,2020-01-02,,M-2',
      at('given name', 'import.members.row.controlCharacter', { codePoint: 'U+0007' }),
    ],
    [
      'a newline inside a name',
      '"Bo\nBa",Lima,centro,2020-01-02,,M-2',
      at('given name', 'import.members.row.controlCharacter', { codePoint: 'U+000A' }),
    ],
    [
      'a right-to-left override',
      'Bo,Li\u202Ema,centro,2020-01-02,,M-2',
      at('family name', 'import.members.row.controlCharacter', { codePoint: 'U+202E' }),
    ],
    [
      'a field over 200 characters',
      `Bo,${'é'.repeat(201)},centro,2020-01-02,,M-2`,
      at('family name', 'import.members.row.tooLong', { length: 201, max: 200 }),
    ],
    [
      'an e-mail without @',
      'Bo,Lima,centro,2020-01-02,bo.example.org,M-2',
      at('email', 'import.members.row.emailInvalid', { value: 'bo.example.org' }),
    ],
    [
      'an e-mail with two @',
      'Bo,Lima,centro,2020-01-02,bo@lima@example.org,M-2',
      at('email', 'import.members.row.emailInvalid', { value: 'bo@lima@example.org' }),
    ],
    [
      'an e-mail without a dot in its domain',
      'Bo,Lima,centro,2020-01-02,bo@localhost,M-2',
      at('email', 'import.members.row.emailInvalid', { value: 'bo@localhost' }),
    ],
    [
      'an e-mail with an empty domain label',
      'Bo,Lima,centro,2020-01-02,bo@example..org,M-2',
      at('email', 'import.members.row.emailInvalid', { value: 'bo@example..org' }),
    ],
    [
      'an e-mail repeated (in another case)',
      'Bo,Lima,centro,2020-01-02,ANA@Example.org,M-2',
      at('email', 'import.members.row.duplicateEmail', { value: 'ANA@Example.org', firstLine: 2 }),
    ],
    [
      'a membership number repeated',
      'Bo,Lima,centro,2020-01-02,,M-1',
      at('membership number', 'import.members.row.duplicateExternalId', { value: 'M-1', firstLine: 2 }),
    ],
    [
      'a date in no known format',
      'Bo,Lima,centro,March 7 2019,,M-2',
      at('joined', 'import.members.row.dateUnrecognised', { value: 'March 7 2019' }),
    ],
    [
      'a date with a time of day',
      'Bo,Lima,centro,2019-03-07T10:30,,M-2',
      at('joined', 'import.members.row.dateUnrecognised', { value: '2019-03-07T10:30' }),
    ],
    [
      'a two-digit year',
      'Bo,Lima,centro,07/03/19,,M-2',
      at('joined', 'import.members.row.dateTwoDigitYear', { value: '07/03/19' }),
    ],
    [
      'an impossible ISO date',
      'Bo,Lima,centro,2019-02-29,,M-2',
      at('joined', 'import.members.row.dateImpossible', { value: '2019-02-29' }),
    ],
    [
      '31 February',
      'Bo,Lima,centro,31/02/2020,,M-2',
      at('joined', 'import.members.row.dateImpossible', { value: '31/02/2020' }),
    ],
    [
      'month 13 in both orders',
      'Bo,Lima,centro,13/13/2020,,M-2',
      at('joined', 'import.members.row.dateImpossible', { value: '13/13/2020' }),
    ],
  ])('rejects %s, naming its line and column', (_, row, expected) => {
    expect(rejections(row)).toEqual([expected]);
  });

  it('rejects a year-last date when the dates were said to have the year first', () => {
    expect(rejections('Bo,Lima,centro,07/03/2019,,M-2', { dateOrder: 'ymd' })).toEqual([
      at('joined', 'import.members.row.dateNotYearFirst', { value: '07/03/2019' }),
    ]);
  });

  it('accepts 29 February of a leap year, 200 characters, a trailing empty field and surrounding spaces', () => {
    const csv = read(`${HEADER}\n  Bo , "${'é'.repeat(200)}" ,centro,2020-02-29,,M-2,\n`);
    expect(csv.rejected).toEqual([]);
    expect(csv.rows[0]).toMatchObject({ givenName: 'Bo', admittedOn: '2020-02-29' });
  });

  it('counts length in code points: 200 astral letters pass, 201 do not', () => {
    expect(codePointLength('👩🏽‍🔧')).toBe(4);
    expect(codePointLength('\uD835')).toBe(1);
    expect(rejections(`Bo,${'𝔸'.repeat(201)},centro,2020-01-02,,M-2`)).toEqual([
      at('family name', 'import.members.row.tooLong', { length: 201, max: 200 }),
    ]);
    expect(read(`${HEADER}\nBo,${'𝔸'.repeat(200)},centro,2020-01-02,,M-2\n`).rejected).toEqual([]);
  });

  it('reports every problem of every row, by line, and keeps the good rows', () => {
    const text = [
      HEADER,
      ',,centro,31/02/2020,x,M-0', // line 2
      GOOD, // line 3
      '"Bo,Lima', // lines 4-5: a quoted newline inside the given name
      'Ba",Lima,centro,2020-01-02,ana@example.org,M-1', // line 5
      'Cy,Ra,centro,2021-05-06,,', // line 6
    ].join('\n');
    const csv = read(text);
    expect(csv.rows.map((row) => row.line)).toEqual([3, 6]);
    expect(csv.rejected.map((r) => [r.line, r.messageKey, r.params['firstLine'] ?? null])).toEqual([
      [2, 'import.members.row.emptyGivenName', null],
      [2, 'import.members.row.emptyFamilyName', null],
      [2, 'import.members.row.dateImpossible', null],
      [2, 'import.members.row.emailInvalid', null],
      [4, 'import.members.row.controlCharacter', null],
      [4, 'import.members.row.duplicateEmail', 3],
      [4, 'import.members.row.duplicateExternalId', 3],
    ]);
  });

  it('uses only message keys that are in the list the catalogs are checked against', () => {
    const keys = new Set<string>(MEMBER_IMPORT_MESSAGE_KEYS);
    expect(new Set(Object.values(MEMBER_FIELD_MESSAGE_KEYS)).size).toBe(6);
    const texts = [
      `${HEADER}\n,,,,,\nBo,Lima,centro,32/01/2020,a@b,M-1\nBo,Lima,centro,1/1/20,a@b.c,M-1\nx\n"a"b,,,,,\n`,
      `${HEADER}\nA,B,C,x,a@b.c,\u0000\nA,B,C,2019-03-07,a@b.c,${'x'.repeat(300)}\n`,
    ];
    for (const text of texts) {
      const csv = read(text);
      expect(csv.rejected.length).toBeGreaterThan(0);
      for (const r of csv.rejected) expect(keys.has(r.messageKey), r.messageKey).toBe(true);
    }
  });
});

// --- The plan ----------------------------------------------------------------------------

const unit = (id: string, level: string, name: string, parentId: string | null): GovUnit => ({
  id,
  level,
  name,
  parentId,
});

const existing: GovMember = {
  id: 'm-existing',
  givenName: 'Rosa',
  familyName: 'Luz',
  unitId: 'centro',
  periods: [{ from: '2010-01-01', to: null }],
  status: 'member',
};

const state: GovernanceState = {
  ...EMPTY_GOVERNANCE,
  units: new Map(
    [
      unit('fed', 'federation', 'Federação', null),
      unit('sec', 'section', 'Seção Brasil', 'fed'),
      unit('centro', 'branch', 'Núcleo Centro', 'sec'),
      unit('vila', 'branch', 'Vila Nova', 'sec'),
      unit('norte-a', 'branch', 'Norte', 'sec'),
      unit('norte-b', 'branch', 'norte', 'sec'),
    ].map((u) => [u.id, u]),
  ),
  members: new Map([[existing.id, existing]]),
};

const isBranch = (u: GovUnit): boolean => u.level === 'branch';
const byLine = (row: MemberCsvRow): string => `m-${row.line}`;
const plan = { today: '2024-05-01', isMemberUnit: isBranch, newId: byLine };

const row = (line: number, unitRef: string, admittedOn = '2020-01-02'): MemberCsvRow => ({
  line,
  givenName: `G${line}`,
  familyName: `F${line}`,
  unitRef,
  admittedOn,
});

describe('planMemberImport', () => {
  it('admits every row, finding units by id or by name in any case', () => {
    const rows = [row(2, 'centro'), row(3, 'NÚCLEO CENTRO'), row(4, 'vila nova', '2024-05-01')];
    expect(planMemberImport(state, rows, plan)).toEqual({
      ok: true,
      admissions: [
        { id: 'm-2', givenName: 'G2', familyName: 'F2', unitId: 'centro', admittedOn: '2020-01-02' },
        { id: 'm-3', givenName: 'G3', familyName: 'F3', unitId: 'centro', admittedOn: '2020-01-02' },
        { id: 'm-4', givenName: 'G4', familyName: 'F4', unitId: 'vila', admittedOn: '2024-05-01' },
      ],
    });
  });

  it('prefers a unit’s id over another unit’s name', () => {
    const tricky: GovernanceState = {
      ...state,
      units: new Map([...state.units, ['impostor', unit('impostor', 'branch', 'vila', 'sec')]]),
    };
    const result = planMemberImport(tricky, [row(2, 'vila')], plan);
    expect(result).toMatchObject({ ok: true, admissions: [{ unitId: 'vila' }] });
  });

  const columns = { givenName: 'Nome', familyName: 'Sobrenome', unitRef: 'Núcleo', admittedOn: 'Data' };

  it.each([
    ['an unknown unit', row(5, 'Atlântida'), 'Núcleo', 'import.members.row.unitUnknown', { value: 'Atlântida' }],
    [
      'a unit name two units share',
      row(5, 'NORTE'),
      'Núcleo',
      'import.members.row.unitAmbiguous',
      { value: 'NORTE', ids: 'norte-a, norte-b' },
    ],
    [
      'a unit members cannot belong to',
      row(5, 'Seção Brasil'),
      'Núcleo',
      'import.members.row.unitNotForMembers',
      { value: 'Seção Brasil', unit: 'Seção Brasil' },
    ],
    [
      'an admission after today',
      row(5, 'centro', '2024-05-02'),
      'Data',
      'import.members.row.admittedInFuture',
      { value: '2024-05-02', today: '2024-05-01' },
    ],
  ])('rejects %s, naming its line and column as written', (_, bad, column, messageKey, params) => {
    expect(planMemberImport(state, [row(2, 'centro'), bad], { ...plan, columns })).toEqual({
      ok: false,
      rejected: [{ line: 5, column, messageKey, params: { line: 5, column, ...params } }],
    });
  });

  it('names the field when it is not told the columns', () => {
    expect(planMemberImport(state, [row(7, 'nowhere')], plan)).toEqual({
      ok: false,
      rejected: [
        {
          line: 7,
          column: 'unitRef',
          messageKey: 'import.members.row.unitUnknown',
          params: { line: 7, column: 'unitRef', value: 'nowhere' },
        },
      ],
    });
  });

  it('takes the units members may belong to from its predicate', () => {
    const anyButFederation = (u: GovUnit): boolean => u.level !== 'federation';
    expect(planMemberImport(state, [row(2, 'sec')], { ...plan, isMemberUnit: anyButFederation })).toMatchObject({
      ok: true,
      admissions: [{ unitId: 'sec' }],
    });
  });

  it('rejects an id that a member has, or that another row gets', () => {
    const ids: Record<number, string> = { 2: 'm-existing', 3: 'm-new', 4: 'm-new' };
    const result = planMemberImport(state, [row(2, 'centro'), row(3, 'centro'), row(4, 'vila')], {
      ...plan,
      newId: (r) => ids[r.line] ?? 'unused',
    });
    expect(result).toEqual({
      ok: false,
      rejected: [
        { line: 2, messageKey: 'import.members.row.idExists', params: { line: 2, id: 'm-existing' } },
        { line: 4, messageKey: 'import.members.row.idRepeated', params: { line: 4, id: 'm-new', firstLine: 3 } },
      ],
    });
  });

  it('checks every row and admits no one if any row is rejected', () => {
    const rows = [row(2, 'centro'), row(3, 'nowhere'), row(4, 'vila'), row(5, 'fed', '2030-01-01'), row(6, 'norte')];
    const result = planMemberImport(state, rows, plan);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('admissions');
    if (result.ok) return;
    expect(result.rejected.map((r) => [r.line, r.messageKey])).toEqual([
      [3, 'import.members.row.unitUnknown'],
      [5, 'import.members.row.unitNotForMembers'],
      [5, 'import.members.row.admittedInFuture'],
      [6, 'import.members.row.unitAmbiguous'],
    ]);
  });

  it('throws on a caller’s mistake: a malformed today or an invalid id', () => {
    expect(() => planMemberImport(state, [], { ...plan, today: '01/05/2024' })).toThrow(/today/);
    expect(() => planMemberImport(state, [row(2, 'centro')], { ...plan, newId: () => 'Not An Id' })).toThrow(/newId/);
  });

  it('plans a parsed Brazilian export end to end', () => {
    const csv = read(
      '\uFEFFNome;Sobrenome;Núcleo;Data de filiação\r\nAna;Lima;Núcleo Centro;25/03/2019\r\nBo;Ng;vila;01/02/2020\r\n',
    );
    const result = planMemberImport(state, csv.rows, { ...plan, columns: csv.columns });
    expect(result).toEqual({
      ok: true,
      admissions: [
        { id: 'm-2', givenName: 'Ana', familyName: 'Lima', unitId: 'centro', admittedOn: '2019-03-25' },
        { id: 'm-3', givenName: 'Bo', familyName: 'Ng', unitId: 'vila', admittedOn: '2020-02-01' },
      ],
    });
  });
});

// --- Property: whatever way valid rows are written, they read back ------------------------

/** The characters no field may hold (control, invisible direction marks, separators of lines). */
const FORBIDDEN = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;

const TRICKY = ['"', ',', ';', '|', "'", ' ', 'é', 'e\u0301', 'ñ', 'ß', 'Ж', 'ё', '李', '👩🏽‍🔧', '-', '.', '(', '#'];

const textValue = fc
  .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 })), {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => parts.join('').normalize('NFC').trim())
  .filter((value) => value !== '' && Array.from(value).length <= 200 && !FORBIDDEN.test(value));

const HEADERS: Readonly<Record<MemberField, readonly string[]>> = {
  givenName: ['Given name', 'Nome', 'VORNAME', 'Имя', 'nombre'],
  familyName: ['Family name', 'Sobrenome', 'Nachname', 'ФАМИЛИЯ', 'Apellido(s)'],
  unitRef: ['Unit', 'Núcleo', 'Ortsgruppe', 'Отделение', 'Sección'],
  admittedOn: ['Joined', 'Data de filiação', 'Eintrittsdatum', 'Дата вступления', 'Fecha de alta'],
  email: ['E-mail', 'email', 'Correo electrónico', 'Электронная почта'],
  externalId: ['Matrícula', 'Mitgliedsnummer', 'Номер билета', 'Membership number'],
};

type Column = MemberField | 'notes';

const dateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const rowArb = fc.record({
  givenName: textValue,
  familyName: textValue,
  unitRef: textValue,
  admittedOn: dateArb,
  dateStyle: fc.constantFrom('iso', 'slash-ymd', 'year-last', 'year-last-padded'),
  datePunctuation: fc.constantFrom('/', '.', '-'),
  emailLocal: fc.option(fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/), { nil: undefined }),
  externalIdPrefix: fc.option(textValue, { nil: undefined }),
  notes: fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r\n', '"', ',', ';', '\t', '|', 'ж'), maxLength: 12 }),
  quotes: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
});

const fileArb = fc.record({
  separator: fc.constantFrom<CsvSeparator>(',', ';', '\t', '|'),
  lineEnd: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalLineEnd: fc.boolean(),
  order: fc.constantFrom('dmy' as const, 'mdy' as const),
  tellOrder: fc.boolean(),
  columns: fc
    .record({ email: fc.boolean(), externalId: fc.boolean(), notes: fc.boolean() })
    .chain(({ email, externalId, notes }) => {
      const chosen: Column[] = ['givenName', 'familyName', 'unitRef', 'admittedOn'];
      if (email) chosen.push('email');
      if (externalId) chosen.push('externalId');
      if (notes) chosen.push('notes');
      return fc.shuffledSubarray(chosen, { minLength: chosen.length, maxLength: chosen.length });
    }),
  headerChoice: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
  rows: fc.array(rowArb, { maxLength: 8 }),
});

function writeField(value: string, separator: string, quote: boolean): string {
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value);
  return quote || needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function writeDate(iso: string, style: string, punctuation: string, order: 'dmy' | 'mdy'): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  const strip = (part: string): string => String(Number(part));
  switch (style) {
    case 'iso':
      return iso;
    case 'slash-ymd':
      return `${y}/${m}/${d}`;
    case 'year-last':
      return order === 'dmy' ? [strip(d), strip(m), y].join(punctuation) : [strip(m), strip(d), y].join(punctuation);
    default:
      return order === 'dmy' ? [d, m, y].join(punctuation) : [m, d, y].join(punctuation);
  }
}

describe('parseMemberCsv: property', () => {
  it('reads back any valid rows, written with any separator, quoting, line end and header language', () => {
    fc.assert(
      fc.property(fileArb, (file) => {
        const { separator, lineEnd, order, columns } = file;
        const headerOf = (column: Column, i: number): string => {
          if (column === 'notes') return 'Notes';
          const names = HEADERS[column];
          return names[(file.headerChoice[i] ?? 0) % names.length] ?? column;
        };
        const lines: string[] = [
          columns.map((column, i) => writeField(headerOf(column, i), separator, false)).join(separator),
        ];
        let line = 2;
        const expected: MemberCsvRow[] = [];
        const yearLastDates: string[] = [];
        file.rows.forEach((r, index) => {
          const email = r.emailLocal === undefined ? undefined : `${r.emailLocal}+${index}@example.org`;
          const externalId = r.externalIdPrefix === undefined ? undefined : `${r.externalIdPrefix}#${index}`;
          const date = writeDate(r.admittedOn, r.dateStyle, r.datePunctuation, order);
          if (r.dateStyle.startsWith('year-last')) yearLastDates.push(date);
          const cell = (column: Column): string => {
            switch (column) {
              case 'admittedOn':
                return date;
              case 'email':
                return email ?? '';
              case 'externalId':
                return externalId ?? '';
              case 'notes':
                return r.notes;
              default:
                return r[column];
            }
          };
          const text = columns
            .map((column, i) => writeField(cell(column), separator, r.quotes[i] ?? false))
            .join(separator);
          lines.push(text);
          expected.push({
            line,
            givenName: r.givenName,
            familyName: r.familyName,
            unitRef: r.unitRef,
            admittedOn: r.admittedOn,
            ...(email !== undefined && columns.includes('email') ? { email } : {}),
            ...(externalId !== undefined && columns.includes('externalId') ? { externalId } : {}),
          });
          line += (text.match(/\r\n|\r|\n/g) ?? []).length + 1;
        });
        const text = (file.bom ? '\uFEFF' : '') + lines.join(lineEnd) + (file.finalLineEnd ? lineEnd : '');
        const result: MemberCsv = parseMemberCsv(text, file.tellOrder ? { dateOrder: order } : {});
        if (!result.ok) {
          // Only allowed when the order was not told and no date shows it.
          expect(file.tellOrder).toBe(false);
          expect(result.fileError.messageKey).toBe('import.members.file.dateOrderUnknown');
          for (const date of yearLastDates) {
            const [a = 0, b = 0] = date.split(/[/.-]/).map(Number);
            expect(a <= 12 && b <= 12).toBe(true);
          }
          return;
        }
        expect(result.separator).toBe(separator);
        expect(result.rejected).toEqual([]);
        expect(result.rows).toEqual(expected);
        expect(result.ignoredColumns).toEqual(columns.includes('notes') ? ['Notes'] : []);
      }),
      { numRuns: 300 },
    );
  });
});
