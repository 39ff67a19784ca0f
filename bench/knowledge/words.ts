// The vocabulary of the knowledge benchmarks' generated text: ~3 000 Swedish words from the
// municipal world, ranked so that text drawn from them follows Zipf's law (a word's frequency
// falls as 1/rank), as real text does. A common word then matches most records and a specific
// one a few hundred, so search is measured on both kinds of query, not on a tiny vocabulary where
// every word matches everything. Letters only: the words are pasted into SQL literals.

const list = (text: string) => text.trim().split(/\s+/);

/** Frequent small words; mostly stop words that search leaves out. */
export const functionWords = list(`och i att det som en på är av för med till den har de inte
om ett vi men var så kan från under efter vid mot när också där eller mellan genom hos sina sin
deras vår våra detta dessa ska blev hade kommer måste bör får alla flera många mer nu då`);

const simple = list(`kommunen regionen invånarna verksamheten arbetet projektet utveckling
äldre barn familjer arbetsgivare företag skolan förskolan gymnasiet vuxenutbildningen
socialtjänsten hemtjänsten vården omsorgen hälsa trygghet delaktighet dialog medborgare föreningar
civilsamhället landsbygden tätorten centrum pendling kollektivtrafiken bredband digitalisering
miljö klimat energi vatten avlopp skogen jordbruket turism kultur biblioteket idrott fritid
ekonomi budget planering uppföljning resultat målen strategi handlingsplan rutiner metod modell
verktyg kartläggning analys statistik nyckeltal enkät intervjuer workshop nätverk erfarenheter
lärdomar kompetens rekrytering chefer medarbetare politiker tjänstepersoner förvaltningen nämnden
styrelsen länsstyrelsen staten myndigheter arbetsförmedlingen försäkringskassan högskolan
universitetet forskare studenter praktik lärlingar ungdomar pensionärer kvinnor män flickor
pojkar språk svenska undervisning elever lärare rektorer sjukskrivning psykisk ohälsa fysisk
aktivitet måltider boende hyresrätter villor detaljplan översiktsplan byggande infrastruktur
vägar järnvägen cykel parkering torget parker grönområden naturen biologisk mångfald avfall
återvinning solceller vindkraft fjärrvärme transporter fordon resor besökare evenemang festival
kulturarv museet konst musik ungdomsgården stöd bidrag finansiering ansökan upphandling avtal
partnerskap samarbete samråd beslut ansvar roller ledning styrning organisation process
förändring omställning innovation pilot utvärdering effekter kostnader nytta kvalitet
tillgänglighet service kontaktcenter information kommunikation webbplatsen kampanj varumärke
inflyttning utflyttning befolkning demografi åldrande försörjning sysselsättning arbetslöshet
jobb anställning utbildning validering praktikplatser mentorer handledare välkomnande
introduktion mottagande bosättning flyktingar etablering segregation brottsförebyggande polisen
räddningstjänsten krisberedskap säkerhet risker översvämning värmebölja torka dagvatten
anpassning hållbarhet agenda globala rättvisa jämlikhet fattigdom barnfattigdom bistånd missbruk
våld relationer anhöriga volontärer engagemang lokala regionala nationella gemensamma nya bättre
större mindre viktiga svåra enkla tydliga snabba långsiktiga hållbara digitala sociala
ekonomiska öppna trygga attraktiva levande växande arbetade startade genomförde utvecklade
prövade samlade visade lärde ökade minskade förbättrade stärkte skapade införde byggde fick gav
ledde behövde saknade lyckades bjöd träffade`);

// Compounds, as Swedish builds its specific words: every first part with every last part.
const firstParts = list(`arbets bostads kompetens närings folk klimat välkomst skol vård
omsorgs trafik kultur miljö energi fritids idrotts integrations jämställdhets samhälls stads
landsbygds kommun besöks utbildnings hälso trygghets digitaliserings vatten avfalls planerings
kvalitets lednings medarbetar chefs ungdoms barn äldre familje föräldra språk mottagnings
etablerings företags innovations samverkans dialog invånar förenings biblioteks cykel mat natur
skogs jordbruks beredskaps säkerhets`);
const lastParts = list(`marknad försörjning plan samtal strategi arbete utveckling frågor
insatser projekt nätverk område politik program råd grupp träff möte dag vecka forum modell
metod verktyg stöd satsning analys rapport kartläggning uppdrag liv hälsa anpassning omställning
perspektiv behov centrum tjänst service kunskap organisation avtal process samordnare strateg
chef pedagog lots`);

/** The benchmark's queries look for these; each sits at a fixed rank among the content words,
 * so its number of matches is known in advance, from nearly every record to about one in a
 * hundred. */
export const pinned: Record<string, number> = {
	samverkan: 3,
	kommunernas: 12,
	unga: 25,
	integration: 45,
	bostäder: 80,
	arbetsmarknad: 140,
	näringsliv: 260,
	folkhälsa: 420,
	jämställdhet: 700,
	kompetensförsörjning: 1100,
	klimatanpassning: 1700,
	välkomstsamtal: 2600
};

/** A small seeded generator: the vocabulary's order, and so the seeded data, never changes. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffled<T>(items: T[], next: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

/** Content words, most frequent first: the plain words, then the compounds in a fixed random
 * order, with the pinned words moved to their ranks (1-based). */
function rankContentWords(): string[] {
	const compounds = firstParts.flatMap((a) => lastParts.map((b) => a + b));
	const all = [...new Set([...simple, ...shuffled(compounds, random(2026))])];
	const ranked = all.filter((w) => !(w in pinned) && !functionWords.includes(w));
	for (const [word, rank] of Object.entries(pinned).sort((a, b) => a[1] - b[1])) {
		ranked.splice(rank - 1, 0, word);
	}
	return ranked;
}

export const contentWords = rankContentWords();

const first = list(`Anders Birgitta Camilla David Elin Fredrik Gunilla Hanna Ingrid Johan Karin
Lars Maja Nils Oskar Petra Rasmus Sofia Tove Ulf Viktor Åsa Örjan Emma Jonas Linnea Mikael Sara`);
const last = list(`Andersson Björk Dahl Ek Forsberg Gustafsson Hedlund Isaksson Johansson
Karlsson Lindqvist Mattsson Nyström Olsson Persson Sandberg Törnqvist Wallin Åberg Östlund Berg`);

export const names = { first, last };

/** Ten typical searches, from a word in nearly every text to one in about one in a hundred. */
export const searches = [
	'arbetsmarknad',
	'kompetensförsörjning unga',
	'välkomstsamtal',
	'bostäder',
	'integration',
	'kommunernas samverkan',
	'jämställdhet',
	'näringsliv',
	'folkhälsa',
	'klimatanpassning'
];

/** The same as they are being typed, for the type-ahead. */
export const prefixes = [
	'arb',
	'komp',
	'välk',
	'bost',
	'integ',
	'kommunernas sam',
	'jäms',
	'närin',
	'folkh',
	'klimata'
];
