// Words for the groups benchmark's generated text: Swedish, from the municipal world Erfa serves,
// so rendered pages carry text of realistic length and character set (å, ä, ö). Letters, spaces
// and hyphens only: they are pasted into SQL literals.

const list = (text: string, separator: string | RegExp = /\s+/) => text.trim().split(separator);

const words = list(`kommunen regionen samverkan erfarenhet invånarna näringslivet föreningar skolan
äldreomsorgen socialtjänsten medarbetare chefer politiker förvaltningen projektet arbetet
resultatet uppföljning planering budget kompetens rekrytering digitalisering e-tjänster bredband
kollektivtrafik landsbygden tätorten centrum bostäder detaljplan översiktsplan miljö klimat energi
omställning hållbarhet folkhälsa ungdomar nyanlända integration turism besökare kultur biblioteket
idrott trygghet delaktighet dialog medborgardialog enkät statistik nyckeltal målen vi de och men
eller att som med för från till under efter inom mellan genom har hade blev kan ska behöver fick
gjorde visade lärde startade utvecklade prövade samlade tydligt snabbt tillsammans gärna ofta
sällan alltid nästan bättre större mindre viktigt svårt enkelt lokala regionala gemensamma nya
flera många några hela första andra året våren hösten veckan mötet workshoppen nätverket gruppen`);

const first =
	list(`Anders Birgitta Camilla David Elin Fredrik Gunilla Hanna Ingrid Johan Karin Lars Maja
Nils Oskar Petra Rasmus Sofia Tove Ulf Viktor Åsa Ängla Örjan`);

const last = list(`Andersson Björk Dahl Ek Forsberg Gustafsson Hedlund Isaksson Johansson Karlsson
Lindqvist Mattsson Nyström Olsson Persson Sandberg Törnqvist Wallin Åberg Östlund`);

const titles = list(
	'Näringslivsutvecklare, Folkhälsostrateg, Kommunikatör, Utvecklingsledare, Enhetschef, ' +
		'Planarkitekt, Miljöstrateg, Digitaliseringsstrateg, HR-konsult, Verksamhetsutvecklare',
	', '
);

const topics = list(
	'Platsutveckling, Kompetensförsörjning, Folkhälsa, Digital skola, Klimatanpassning, ' +
		'Energiomställning, Landsbygdsutveckling, Besöksnäring, Integration, Äldreomsorg, ' +
		'Ungas inflytande, Trygghet i centrum, Bostadsförsörjning, Kollektivtrafik, Kulturarv',
	', '
);

const regions = list('Bergslagen, Dalarna, Värmland, Örebro län, Västmanland, Gävleborg', ', ');

export const vocabulary = { words, first, last, titles, topics, regions };
