// Words too common to be a reason ("both texts mention 'fler'"): PostgreSQL's Swedish and English
// stop lists leave out many of them (fick, fler, emot, också, många…), so the radar's reasons
// drop these as well. Lower case; compared with the word as written, lower-cased.

const swedish = `alla allt andra annan annat att av bara bli blev blir bland bör både dag dagar de dem den
denna deras dess dessa det detta dig din dina ditt du där då efter eftersom eller emot en ett fall
fanns finns fick fler flera flest fram från få får fått för före första genom gjorde gör göra hade
han har hela helt henne hennes hit hon honom hos hur här i ibland idag in inför inga ingen inget
inom inte inåt jag ju kan kanske kommer kunde kunna kunnat man med mellan men mer mest mig min
mina mitt mot många måste ned nej ni nu när några något något nya nytt någon och också om oss
på rätt redan runt samma sedan sig sin sina sitt själv ska skall skulle slags som så sådan sådana
sätt tar till tillbaka tog två under upp ur ut utan vad var vara varför varit varje vars vem vi
vid vilka vilken vilket vill än ändå är även åt över olika stor stora större mycket många mindre
gäller ofta sker ger gav samt också`;

const english = `a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing done down during each few for
from further get got had has have having he her here hers him his how however i if in into is it
its itself just like made make many may me might more most much must my no nor not now of off on
once only or other our out over own same she should so some such than that the their them then
there these they this those through to too under until up upon use used using very was we were
what when where which while who whom why will with within without would yet you your new one two
three well also however thus therefore among across per via whether`;

export const stopWords: ReadonlySet<string> = new Set(
	`${swedish} ${english}`.split(/\s+/).filter(Boolean)
);
