/**
 * Word lists for the safety code (safetyCode.ts): 256 words each, one word per byte, so 8 words
 * carry the code's 64 bits. Concrete, short nouns that are easy to read aloud and tell apart; each
 * list is sorted and has no repeats (safetyCode.test.ts checks both). Changing a list changes every
 * code shown in that language: both people in a call see words from their own language, so a list
 * may only change together with a note in the help text, never silently.
 */

// Rows of words keep each 256-word list readable and its length visible at a glance.
// prettier-ignore
export const SAFETY_WORDS_DE: readonly string[] = [
  'Abend', 'Achat', 'Adler', 'Ahorn', 'Akte', 'Allee', 'Ampel', 'Anker', 'Apfel', 'Arche', 'Arena', 'Ast',
  'Atlas', 'Auto', 'Bach', 'Ball', 'Bank', 'Bart', 'Bauer', 'Baum', 'Beere', 'Berg', 'Besen', 'Biber',
  'Biene', 'Birke', 'Birne', 'Blatt', 'Blitz', 'Blume', 'Boden', 'Bohne', 'Boot', 'Brief', 'Brot', 'Buch',
  'Burg', 'Butter', 'Dach', 'Dackel', 'Dampf', 'Dattel', 'Daumen', 'Decke', 'Deich', 'Delfin', 'Dohle',
  'Dorf', 'Dose', 'Drache', 'Dusche', 'Efeu', 'Eiche', 'Eimer', 'Eis', 'Elch', 'Engel', 'Ente', 'Erbse',
  'Erde', 'Esel', 'Eule', 'Fabrik', 'Fackel', 'Faden', 'Fahne', 'Falke', 'Falter', 'Farbe', 'Feder', 'Feige',
  'Ferne', 'Feuer', 'Fisch', 'Flagge', 'Flocke', 'Floh', 'Fluss', 'Flöte', 'Form', 'Frosch', 'Fuchs',
  'Gabel', 'Gans', 'Garten', 'Gecko', 'Geige', 'Gipfel', 'Glas', 'Glocke', 'Gold', 'Gras', 'Gurke', 'Hafen',
  'Hagel', 'Hahn', 'Hammer', 'Harfe', 'Hase', 'Haus', 'Hecke', 'Heft', 'Helm', 'Hemd', 'Herbst', 'Hering',
  'Himmel', 'Hirsch', 'Hobel', 'Honig', 'Hose', 'Hummel', 'Hund', 'Hut', 'Hügel', 'Igel', 'Ingwer', 'Insel',
  'Jacke', 'Jolle', 'Jäger', 'Kabel', 'Kaffee', 'Kakao', 'Kamel', 'Kamm', 'Kanne', 'Kanu', 'Karte', 'Kater',
  'Kegel', 'Kerze', 'Kessel', 'Kette', 'Kiefer', 'Kissen', 'Kiste', 'Klee', 'Knopf', 'Koffer', 'Komet',
  'Korb', 'Krabbe', 'Kran', 'Krone', 'Kuchen', 'Kugel', 'Lachs', 'Lampe', 'Laub', 'Leiter', 'Lerche',
  'Licht', 'Linde', 'Lotse', 'Luchs', 'Lupe', 'Löwe', 'Magnet', 'Mango', 'Mantel', 'Marder', 'Marmor',
  'Maus', 'Meer', 'Melone', 'Mond', 'Moos', 'Möwe', 'Mühle', 'Nadel', 'Nebel', 'Nelke', 'Nest', 'Nudel',
  'Ofen', 'Olive', 'Onkel', 'Orgel', 'Otter', 'Palme', 'Panda', 'Papier', 'Pappel', 'Pfanne', 'Pferd',
  'Pilz', 'Pinsel', 'Planet', 'Pudel', 'Puppe', 'Quarz', 'Quelle', 'Rabe', 'Radio', 'Rakete', 'Regen', 'Reh',
  'Riese', 'Ring', 'Robbe', 'Rose', 'Rosine', 'Rübe', 'Salbei', 'Sattel', 'Schaf', 'Schal', 'Schiff',
  'Schnee', 'Schuh', 'Schwan', 'Segel', 'Sessel', 'Sonne', 'Stern', 'Storch', 'Strand', 'Tafel', 'Tanne',
  'Tasche', 'Teich', 'Teller', 'Tiger', 'Tisch', 'Tomate', 'Tukan', 'Tulpe', 'Turm', 'Ufer', 'Uhr', 'Ulme',
  'Vase', 'Vogel', 'Vulkan', 'Waage', 'Wagen', 'Wal', 'Wald', 'Wasser', 'Welle', 'Wespe', 'Wiese', 'Wind',
  'Winter', 'Wolke', 'Wolle', 'Wurzel', 'Zebra', 'Zeder', 'Zelt', 'Ziege', 'Zimmer', 'Zirkus', 'Zucker',
  'Zwerg',
];

// prettier-ignore
export const SAFETY_WORDS_EN: readonly string[] = [
  'acorn', 'actor', 'adult', 'agent', 'alarm', 'album', 'alpine', 'amber', 'anchor', 'angle', 'apple',
  'apron', 'arch', 'arena', 'arrow', 'artist', 'atlas', 'attic', 'autumn', 'avenue', 'badge', 'baker',
  'ballad', 'bamboo', 'banana', 'banjo', 'barrel', 'basket', 'beacon', 'bean', 'bear', 'beaver', 'bell',
  'berry', 'bird', 'boat', 'bonnet', 'boot', 'bottle', 'branch', 'bread', 'breeze', 'brick', 'bridge',
  'broom', 'bubble', 'bucket', 'butter', 'button', 'cabin', 'cactus', 'camel', 'camera', 'candle', 'canoe',
  'canvas', 'canyon', 'carpet', 'carrot', 'castle', 'cattle', 'cedar', 'cello', 'chalk', 'cherry', 'chess',
  'circle', 'citrus', 'clock', 'cloud', 'clover', 'coast', 'cobalt', 'coffee', 'comet', 'copper', 'coral',
  'cotton', 'cousin', 'coyote', 'cradle', 'crane', 'crayon', 'crystal', 'curtain', 'cushion', 'daisy',
  'dancer', 'delta', 'desert', 'diamond', 'dinner', 'doctor', 'dolphin', 'donkey', 'dragon', 'drum', 'eagle',
  'easel', 'echo', 'elbow', 'ember', 'engine', 'falcon', 'feather', 'fern', 'ferry', 'fiddle', 'field',
  'fig', 'finch', 'flag', 'flute', 'forest', 'fossil', 'fox', 'garden', 'garlic', 'giant', 'ginger',
  'glacier', 'globe', 'goat', 'granite', 'grape', 'guitar', 'hammer', 'harbor', 'harvest', 'hazel', 'helmet',
  'heron', 'hill', 'honey', 'horizon', 'hornet', 'island', 'ivory', 'jacket', 'jasmine', 'jelly', 'jigsaw',
  'jungle', 'kettle', 'kitten', 'koala', 'ladder', 'lagoon', 'lantern', 'lemon', 'lily', 'lizard', 'lobster',
  'locket', 'magnet', 'mango', 'maple', 'marble', 'meadow', 'melon', 'mirror', 'mitten', 'monkey', 'moss',
  'motor', 'muffin', 'napkin', 'nectar', 'needle', 'nest', 'noodle', 'nutmeg', 'oak', 'ocean', 'olive',
  'onion', 'orange', 'orbit', 'orchid', 'otter', 'owl', 'paddle', 'palace', 'panda', 'paper', 'parrot',
  'peach', 'pebble', 'pelican', 'pepper', 'piano', 'pillow', 'pilot', 'pine', 'planet', 'plum', 'pocket',
  'pony', 'poppy', 'potato', 'puzzle', 'quartz', 'quilt', 'rabbit', 'radio', 'raven', 'reef', 'ribbon',
  'river', 'robin', 'rocket', 'saddle', 'salmon', 'sandal', 'saturn', 'scarf', 'shadow', 'shell', 'silver',
  'sketch', 'sled', 'snail', 'spider', 'spoon', 'stamp', 'statue', 'stone', 'sugar', 'summit', 'sunset',
  'swan', 'table', 'teapot', 'temple', 'thistle', 'thunder', 'tiger', 'timber', 'tomato', 'tractor',
  'trumpet', 'tulip', 'tunnel', 'turtle', 'valley', 'velvet', 'violin', 'walnut', 'whale', 'whistle',
  'willow', 'window', 'winter', 'wizard', 'yacht', 'zebra',
];
