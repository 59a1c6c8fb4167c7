import type { Random } from './random.ts';

/**
 * Name conventions of the demo's four countries. The lists hold common given names and
 * surnames of each country; a person is built the way names are built there (two surnames
 * in Spain, gendered surnames in Russia, often two surnames in Brazil).
 */
export interface PersonName {
  readonly givenName: string;
  readonly familyName: string;
}

export type Country = 'BR' | 'DE' | 'ES' | 'RU';

interface Pool {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly surnames: readonly string[];
}

const POOLS: Readonly<Record<Country, Pool>> = {
  BR: {
    female: [
      'Ana',
      'Maria',
      'Juliana',
      'Fernanda',
      'Beatriz',
      'Camila',
      'Larissa',
      'Patrícia',
      'Aline',
      'Luana',
      'Rosângela',
      'Tatiane',
      'Jéssica',
      'Gabriela',
      'Raimunda',
    ],
    male: [
      'João',
      'José',
      'Carlos',
      'Paulo',
      'Lucas',
      'Rafael',
      'Marcelo',
      'Thiago',
      'Antônio',
      'Francisco',
      'Rodrigo',
      'Gustavo',
      'Edson',
      'Severino',
      'Leonardo',
    ],
    surnames: [
      'Silva',
      'Santos',
      'Oliveira',
      'Souza',
      'Pereira',
      'Costa',
      'Rodrigues',
      'Almeida',
      'Nascimento',
      'Lima',
      'Araújo',
      'Ferreira',
      'Carvalho',
      'Gomes',
      'Ribeiro',
      'Barbosa',
      'Conceição',
      'Moreira',
    ],
  },
  DE: {
    female: [
      'Anna',
      'Julia',
      'Katharina',
      'Sabine',
      'Petra',
      'Lena',
      'Monika',
      'Sophie',
      'Claudia',
      'Miriam',
      'Ursula',
      'Jana',
    ],
    male: [
      'Thomas',
      'Michael',
      'Andreas',
      'Stefan',
      'Jan',
      'Lukas',
      'Jürgen',
      'Frank',
      'Tobias',
      'Matthias',
      'Klaus',
      'Felix',
    ],
    surnames: [
      'Müller',
      'Schmidt',
      'Schneider',
      'Fischer',
      'Weber',
      'Meyer',
      'Wagner',
      'Becker',
      'Schulz',
      'Hoffmann',
      'Koch',
      'Richter',
      'Wolf',
      'Schröder',
      'Neumann',
      'Krüger',
    ],
  },
  ES: {
    female: [
      'María',
      'Carmen',
      'Lucía',
      'Laura',
      'Marta',
      'Elena',
      'Pilar',
      'Nuria',
      'Rocío',
      'Inmaculada',
      'Sara',
      'Montserrat',
    ],
    male: [
      'Antonio',
      'Manuel',
      'José',
      'Javier',
      'David',
      'Daniel',
      'Jordi',
      'Alejandro',
      'Pablo',
      'Sergio',
      'Iñaki',
      'Francisco',
    ],
    surnames: [
      'García',
      'Fernández',
      'González',
      'Rodríguez',
      'López',
      'Martínez',
      'Sánchez',
      'Pérez',
      'Gómez',
      'Martín',
      'Jiménez',
      'Ruiz',
      'Hernández',
      'Díaz',
      'Moreno',
      'Muñoz',
      'Álvarez',
      'Romero',
    ],
  },
  RU: {
    female: [
      'Анна',
      'Мария',
      'Елена',
      'Ольга',
      'Наталья',
      'Татьяна',
      'Ирина',
      'Екатерина',
      'Светлана',
      'Дарья',
      'Людмила',
      'Ксения',
    ],
    male: [
      'Александр',
      'Сергей',
      'Дмитрий',
      'Андрей',
      'Алексей',
      'Иван',
      'Михаил',
      'Николай',
      'Владимир',
      'Павел',
      'Евгений',
      'Артём',
    ],
    surnames: [
      'Иванов',
      'Смирнов',
      'Кузнецов',
      'Попов',
      'Васильев',
      'Петров',
      'Соколов',
      'Михайлов',
      'Новиков',
      'Фёдоров',
      'Морозов',
      'Волков',
      'Лебедев',
      'Семёнов',
      'Егоров',
      'Павлов',
    ],
  },
};

/** Russian surnames in -ов, -ев and -ин take -а for women (Иванов → Иванова). */
function russianSurname(surname: string, female: boolean): string {
  return female && /(ов|ев|ёв|ин)$/.test(surname) ? `${surname}а` : surname;
}

export function personName(country: Country, random: Random): PersonName {
  const pool = POOLS[country];
  const female = random.next() < 0.5;
  const givenName = random.pick(female ? pool.female : pool.male);
  switch (country) {
    case 'ES':
      return { givenName, familyName: `${random.pick(pool.surnames)} ${random.pick(pool.surnames)}` };
    case 'BR':
      return {
        givenName,
        familyName:
          random.next() < 0.6
            ? `${random.pick(pool.surnames)} ${random.pick(pool.surnames)}`
            : random.pick(pool.surnames),
      };
    case 'RU':
      return { givenName, familyName: russianSurname(random.pick(pool.surnames), female) };
    case 'DE':
      return { givenName, familyName: random.pick(pool.surnames) };
  }
}
