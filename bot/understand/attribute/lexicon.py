"""Word lists the attribution uses. Plain data, kept small and general (no corpus names)."""

from __future__ import annotations

_VERB_FORMS = {
    "say": "says said say saying",
    "tell": "tells told tell telling",
    "warn": "warns warned warn warning",
    "argue": "argues argued argue arguing",
    "note": "notes noted note noting",
    "add": "adds added add adding",
    "ask": "asks asked ask asking",
    "point out": "points pointed point pointing",
    "surmise": "surmises surmised surmise",
    "call": "calls called call calling",
    "caution": "cautions cautioned caution cautioning",
    "explain": "explains explained explain explaining",
    "predict": "predicts predicted predict predicting",
    "write": "writes wrote write writing written",
    "observe": "observes observed observe observing",
    "insist": "insists insisted insist insisting",
    "contend": "contends contended contend contending",
    "suggest": "suggests suggested suggest suggesting",
    "stress": "stresses stressed stressing",
    "emphasize": "emphasizes emphasized emphasises emphasised emphasizing emphasising",
    "conclude": "concludes concluded",
    "concede": "concedes conceded conceding",
    "acknowledge": "acknowledges acknowledged acknowledging",
    "admit": "admits admitted admitting",
    "recall": "recalls recalled recalling",
    "reply": "replies replied replying",
    "respond": "responds responded responding",
    "counter": "counters countered countering",
    "quip": "quips quipped quipping",
    "joke": "jokes joked joking",
    "declare": "declares declared declaring",
    "remark": "remarks remarked remarking",
    "reckon": "reckons reckoned",
    "believe": "believes believed",
    "think": "thinks thought",
    "describe": "describes described describing",
    "agree": "agrees agreed",
    "disagree": "disagrees disagreed",
    "put it": "put puts",
    "according to": "according",
    "urge": "urges urged urging",
    "maintain": "maintains maintained maintaining",
    "claim": "claims claimed claiming",
    "estimate": "estimates estimated",
    "worry": "worries worried",
    "wonder": "wonders wondered",
    "tweet": "tweets tweeted tweeting",
    "post": "posted",
    "state": "states stated stating",
    "announce": "announces announced announcing",
    "reply to": "answers answered",
    "sum up": "sums summed",
    "recommend": "recommends recommended",
    "expect": "expects expected",
    "speak": "speaks spoke",
    "promise": "promises promised promising",
    "pledge": "pledges pledged pledging",
    "vow": "vows vowed vowing",
    "confirm": "confirms confirmed confirming",
    "deny": "denies denied denying",
    "retort": "retorts retorted retorting",
    "whisper": "whispers whispered",
    "shout": "shouts shouted shouting",
    # news reporting verbs
    "chime in": "chimes chimed chiming",
    "interject": "interjects interjected",
    "shoot back": "shoots shot",
    "fire back": "fires fired",
    "hit back": "hits",
    "push back": "pushes pushed",
    "go on": "goes went",
    "continue": "continues continued",
    "rebut": "rebuts rebutted",
    "assert": "asserts asserted asserting",
    "allege": "alleges alleged",
    "proclaim": "proclaims proclaimed proclaiming",
    "exclaim": "exclaims exclaimed exclaiming",
    "muse": "muses mused musing",
    "opine": "opines opined",
    "recount": "recounts recounted",
    "reiterate": "reiterates reiterated reiterating",
    "repeat": "repeats repeated repeating",
    "echo": "echoes echoed",
    "testify": "testifies testified",
    "boast": "boasts boasted boasting",
    "brag": "brags bragged bragging",
    "crow": "crows crowed",
    "gush": "gushes gushed gushing",
    "lament": "laments lamented lamenting",
    "bemoan": "bemoans bemoaned bemoaning",
    "decry": "decries decried decrying",
    "complain": "complains complained complaining",
    "grumble": "grumbles grumbled",
    "scoff": "scoffs scoffed",
    "sneer": "sneers sneered",
    "taunt": "taunts taunted",
    "tease": "teases teased",
    "mock": "mocks mocked mocking",
    "scold": "scolds scolded scolding",
    "chide": "chides chided chiding",
    "plead": "pleads pleaded pleading",
    "beg": "begs begged",
    "demand": "demands demanded demanding",
    "wonder aloud": "wondered",
    "yell": "yells yelled yelling",
    "scream": "screams screamed screaming",
    "chant": "chants chanted chanting",
    "cry": "cries cried",
    "sigh": "sighs sighed",
    "laugh": "laughs laughed",
    "confess": "confesses confessed",
    "reveal": "reveals revealed",
    "characterize": "characterizes characterized characterizing characterises characterised",
    "label": "labels labeled labelled labeling labelling",
    "praise": "praises praised praising",
    "criticize": "criticizes criticized criticises criticised criticizing criticising",
    "blast": "blasts blasted blasting",
    "slam": "slams slammed slamming",
    "text": "texts texted",
    "email": "emails emailed",
    "begin": "begins began",
    "summarize": "summarizes summarized summarises summarised",
    "elaborate": "elaborates elaborated",
    "clarify": "clarifies clarified",
    "implore": "implores implored",
    "counsel": "counsels counseled counselled",
    "posit": "posits posited",
    "offer": "offered",
    "answer": "answering",
    "assure": "assures assured assuring",
    "reassure": "reassures reassured",
    "bark": "barks barked",
    "snap": "snaps snapped",
    "fume": "fumes fumed",
    "thunder": "thundered",
    "gripe": "gripes griped",
    "grouse": "grouses groused",
    "rail": "rails railed",
    "vent": "vented",
    "concur": "concurs concurred",
    "accuse": "accuses accused accusing",
    "blame": "blames blamed blaming",
    "dismiss": "dismisses dismissed dismissing",
    "deride": "derides derided deriding",
    "hail": "hails hailed hailing",
    "tout": "touts touted touting",
    "laud": "lauds lauded",
    "condemn": "condemns condemned condemning",
    "denounce": "denounces denounced denouncing",
    "lambaste": "lambastes lambasted lambasting",
    "ridicule": "ridicules ridiculed ridiculing",
    "knock": "knocks knocked",
    "ponder": "ponders pondered",
    "charge": "charges charged",
    "report": "reports reported",
    "confide": "confides confided",
    "imply": "implies implied",
    "hint": "hints hinted",
    "underscore": "underscores underscored",
    "rule": "ruled",
}
#: Verbs of manner that report speech only right after the quote they report (`“Wow!” beamed Hart`):
#: form -> lemma, kept apart from SPEECH_VERBS so that they never make a quote someone's words elsewhere.
MANNER_VERBS: dict[str, str] = {
    "beamed": "beam",
    "blared": "blare",
    "deadpanned": "deadpan",
    "chuckled": "chuckle",
    "grinned": "grin",
    "marveled": "marvel",
    "marvelled": "marvel",
    "sniffed": "sniff",
    "huffed": "huff",
    "growled": "growl",
    "bellowed": "bellow",
    "muttered": "mutter",
    "murmured": "murmur",
    "cracked": "crack",
    "enthused": "enthuse",
    "remembered": "remember",
    "reasoned": "reason",
    "smiled": "smile",
    "shrugged": "shrug",
    "protested": "protest",
    "objected": "object",
    "interrupted": "interrupt",
    "ventured": "venture",
    "raved": "rave",
    "fretted": "fret",
    "groaned": "groan",
    "sniped": "snipe",
    "reflected": "reflect",
    "sings": "sing",
    "jeered": "jeer",
    "exhorted": "exhort",
    "sang": "sing",
    "speculated": "speculate",
    "reacted": "react",
    "pressed": "press",
    "questioned": "question",
    "queried": "query",
    "prodded": "prod",
    "retaliated": "retaliate",
    "started": "start",
    "demurred": "demur",
    "needled": "needle",
    "gloated": "gloat",
    "snorted": "snort",
    "boomed": "boom",
    "roared": "roar",
    "hollered": "holler",
    "stammered": "stammer",
}
SPEECH_VERBS: dict[str, str] = {form: lemma for lemma, forms in _VERB_FORMS.items() for form in forms.split()}
SPEECH_VERBS.update({lemma: lemma for lemma in _VERB_FORMS if " " not in lemma and lemma not in SPEECH_VERBS})
#: Verbs that need a particle right after them to be speech ("points out", "put it", "according to").
PARTICLE = {
    "point out": "out",
    "put it": "it",
    "according to": "to",
    "sum up": "up",
    "chime in": "in",
    "shoot back": "back",
    "fire back": "back",
    "hit back": "back",
    "push back": "back",
    "go on": "on",
}
#: Forms that are also common nouns; after a determiner they are not verbs.
NOUN_LIKE = {
    "notes",
    "note",
    "calls",
    "call",
    "claims",
    "claim",
    "remarks",
    "estimates",
    "worries",
    "post",
    "states",
    "answers",
    "stress",
    "text",
    "texts",
    "email",
    "emails",
    "label",
    "labels",
    "offer",
    "demand",
    "demands",
    "cry",
    "laugh",
    "answer",
    "echo",
    "echoes",
    "praise",
    "repeat",
    "testify",
    "mock",
    "lament",
    "sigh",
    "muse",
    "chant",
    "chants",
    "boast",
    "pledge",
    "pledges",
    "promise",
    "promises",
    "vow",
    "vows",
    "tweet",
    "tweets",
    "comment",
    "comments",
    "statement",
    "charge",
    "charges",
    "report",
    "reports",
    "warning",
    "warnings",
    "knock",
    "rail",
    "vent",
    "snap",
    "blast",
    "slam",
}
DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "some",
    "any",
    "no",
}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}
AUXILIARIES = {
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "also",
    "who",
}
ADVERBS = {
    "also",
    "however",
    "now",
    "further",
    "then",
    "still",
    "recently",
    "previously",
    "once",
    "again",
    "too",
    "meanwhile",
    "separately",
    "later",
    "earlier",
    "often",
    "always",
    "never",
    "even",
    "only",
    "just",
    "though",
    "instead",
    "nonetheless",
    "nevertheless",
    "similarly",
    "likewise",
    "simply",
    "here",
    "today",
    "yesterday",
    "elsewhere",
    "alone",
    "herself",
    "himself",
    "themselves",
    "not",
}
PRONOUNS = {"he": "m", "she": "f", "they": None}
OBJECT_WORDS = {
    "us",
    "me",
    "reporters",
    "journalists",
    "them",
    "him",
    "her",
    "listeners",
    "readers",
    "viewers",
    "colleagues",
}
SCARE_MARKERS = (
    "so-called",
    "so called",
    "quote-unquote",
    "quote unquote",
    "known as",
    "nicknamed",
    "nickname",
    "pseudonym",
    "alias",
    "dubbed",
    "titled",
    "entitled",
    "headlined",
    "the word",
    "the term",
    "reading",
    "that read",
    "which read",
    "slogan",
    "motto",
    "hashtag",
    "banner",
    "placard",
    "headline",
    "campaign",
    "branded",
)

#: Capitalised words that start sentences but are not names.
STOP_CAPS = set(
    """The A An This That These Those It Its He She They We I You However But And Or So Yet Then Now Still
    Also Given When While If As In On At For With Without By From To Of After Before Since Because Although
    Though Even Meanwhile Instead Indeed Moreover Furthermore What Who Whom Why How Where Which Whether Will
    Would Could Should Can May Might Must Not No Yes Our Their His Her My Your There Here Both Each Every Some
    Many Most All Such Other Another Last Next First Second Third Finally Only Just Let Do Does Did Is Are Was
    Were Be Been Has Have Had Asked Told Said According Despite During Until Unless Under Over Into Through
    Against Among Between Across Around About Above Below Why Accepting Given Whatever Whoever Nobody Everyone
    Someone Anyone Nothing Everything Something That's It's What's There's Here's That’s It’s What’s There’s Here’s Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August September October
    November December Today Tomorrow Yesterday Tonight Per Via Like Unlike Beyond Back Up Out Off Again Once
    Earlier Later Recently Previously Currently Ultimately Eventually Additionally Conversely Similarly
    Separately Likewise Nonetheless Nevertheless Otherwise Already Overall Specifically Notably Thus Hence
    Therefore Accordingly Afterward Afterwards Initially Originally Meanwhile Besides Regardless Speaking
    Asked Reached Responding Pressed Interviewed Aides Officials Critics Supporters Others Several Few
    Outside Inside Ever Amid Amidst One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Multiple Numerous
    Local Fifteen Twenty Thirty Forty Fifty Hundreds Thousands Millions Dozens""".split()
)
#: Words stripped from the front of a name run ("Commerce Secretary Lutnick" -> "Lutnick").
TITLES = set(
    """Staff Sens Reps Fr Atty Pres Supt Insp Cpl Pvt Amb Hon Cmdr Mx Congressman Del Delegate Sec Ald Alderman Msgr
    President Vice Prime Minister Secretary Senator Sen Representative Rep Governor Gov General Gen Admiral
    Adm Colonel Col Lieutenant Lt Major Maj Captain Capt Sergeant Sgt Chancellor Director Ambassador Envoy
    Commissioner Chairman Chairwoman Chair Chief Judge Justice Mayor Dr Doctor Prof Professor Mr Mrs Ms Miss
    Mx Sir Dame Lord Lady King Queen Prince Princess Pope Sheikh Emir Foreign Defense Defence Commerce Treasury
    State Trade Finance Health Interior Energy Homeland Deputy Acting Former Assistant Special Senior Speaker
    Leader Spokesperson Spokesman Spokeswoman Executive CEO Dictator Premier Chairperson Counsel Attorney
    Congressman Congresswoman Councillor Councilor Rabbi Reverend Rev Father Sister Brother Supreme Army Navy
    Air Force Marine Opposition Majority Minority Labour Labor Conservative Republican Democrat Democratic
    Economy Economic National Security Intelligence Agency Department Ministry Office Federal Reserve
    Russian Ukrainian American British French German Chinese Belarusian Iranian Israeli Palestinian Saudi
    Turkish Indian Pakistani Japanese Korean Italian Spanish Polish Dutch Swedish Finnish Norwegian Danish
    Canadian Mexican Brazilian Egyptian Syrian Iraqi Afghan Georgian Hungarian Czech Slovak Romanian
    Bulgarian Serbian Greek Estonian Latvian Lithuanian Moldovan Kazakh European Australian Irish Scottish
    Welsh Qatari Emirati Jordanian Lebanese Venezuelan Argentine Colombian Chilean Cuban Nigerian Kenyan
    Soviet South North East West US U.S UK U.K EU E.U UN U.N NATO""".split()
)
PARTICLES = {
    "de",
    "van",
    "von",
    "der",
    "den",
    "al",
    "bin",
    "ibn",
    "la",
    "le",
    "da",
    "di",
    "du",
    "del",
    "dos",
    "das",
    "ter",
    "el",
}
ROLE_NOUNS = set(
    """official officials spokesperson spokesman spokeswoman minister ministers secretary president director
    director-general secretary-general chief head envoy ambassador analyst analysts expert experts economist
    economists negotiator negotiators diplomat diplomats senator senators lawmaker lawmakers general commander
    chair chairman chairwoman founder professor researcher researchers author authors critic critics aide
    aides adviser advisers advisor advisors strategist strategists executive executives commissioner governor
    mayor judge prosecutor prosecutors lawyer lawyers attorney source sources observer observers fellow
    scholar scholars historian campaigner campaigners activist activists leader leaders premier chancellor
    president-elect nominee candidate representative delegate delegates insider insiders veteran ceo
    manager officer officers agent agents commentator commentators regulator regulators banker bankers investor investors
    spokespeople scientist scientists doctor doctors editor editors reporter correspondent inspector
    inspectors monitor monitors negotiator-in-chief envoys farmer farmers worker workers resident residents
    voter voters citizen citizens consumer consumers patient patients parent parents teacher teachers nurse
    nurses student students trader traders employer employers member members owner owners user users shopper
    shoppers pharmacist pharmacists physician physicians engineer engineers organiser organisers organizer
    organizers entrepreneur entrepreneurs union unions supporter supporters opponent opponents
    ministry ministries government governments agency agencies commission council court courts bank banks
    company companies department office embassy secretariat parliament committee board fund institute
    group coalition alliance military army police campaign organisation organization administration
    cabinet presidency regime junta panel tribunal jury inquiry watchdog authority authorities ombudsman
    association federation chamber lobby family relatives
    consultant consultants pollster pollsters operative operatives surrogate surrogates donor donors
    treasurer counsel counselor counsellor demographer lecturer dean principal legislator legislators
    congressman congresswoman assemblyman assemblywoman councilman councilwoman alderman supervisor clerk
    defender plaintiff defendant witness juror undersecretary deputy staffer staffers businessman
    businesswoman billionaire magnate developer contender challenger incumbent frontrunner front-runner rival
    backer backers advocate advocates protester protesters demonstrator demonstrators boss superdelegate
    elector journalist journalists anchor moderator host pundit pundits columnist blogger writer novelist
    actor actress comedian pastor bishop priest imam sheriff agent detective trooper soldier sergeant
    volunteer volunteers coordinator operator chairperson chieftain mother father wife husband son daughter
    friend neighbor neighbour partner cofounder co-founder strategist adviser ally confidant
    confidante loyalist loyalists widow widower survivor survivors speechwriter speechwriters dissident
    dissidents constituent constituents designer designers lady""".split()
)
#: Nouns for a person that say whether he or she is meant (`my mother`, `the congressman`).
GENDERED_NOUNS = {
    **dict.fromkeys(
        """mother mom mum grandmother grandma wife sister daughter granddaughter aunt niece woman lady girl
        widow actress congresswoman businesswoman spokeswoman chairwoman councilwoman assemblywoman stepmother
        girlfriend fiancée queen princess nun heiress waitress""".split(),
        "f",
    ),
    **dict.fromkeys(
        """father dad grandfather grandpa husband brother son grandson uncle nephew man gentleman boy widower
        congressman businessman spokesman councilman assemblyman stepfather boyfriend king prince""".split(),
        "m",
    ),
}
#: Things that speak in news only as writing or a body (`the statement said`): never `he` or `she`.
THING_NOUNS = set(
    """statement statements letter letters report reports ad ads advert advertisement lawsuit suit complaint
    email emails tweet tweets memo memos opinion ruling editorial study studies poll polls survey filing book
    books piece article articles newspaper newspapers paper magazine website site post release document
    documents message messages video card sign foundation network outlet outlets station show program
    programme platform brief motion order verdict decision note notice transcript account analysis review
    guide manual playbook headline caption slogan""".split()
)
INSTITUTION_NOUNS = set(
    """ministry ministries government governments agency agencies commission council court courts bank banks
    company companies department office embassy secretariat parliament committee board fund institute
    group coalition alliance military army police campaign organisation organization administration
    cabinet presidency regime junta panel tribunal jury inquiry watchdog authority authorities ombudsman
    association federation chamber lobby""".split()
)
#: Capitalised last words that make a name an institution ("European Central Bank"): no title is
#: stripped from its front.
INSTITUTIONS = set(
    """Bank Ministry Office Council Commission Agency Fund Organization Organisation Institute Union Party
    Department Court Parliament Assembly Committee Board Authority Service Services Forum Group Alliance
    Reserve Secretariat Programme Program Center Centre Foundation Corporation Company House Kremlin
    Pentagon Treasury Government Administration Coalition Association Federation Club Times Post Journal
    Herald Tribune Gazette Magazine Network Channel""".split()
)
#: Countries, US states and world regions: places, which `he` or `she` never means.
PLACES = set(
    """Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
    Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burundi
    Cambodia Cameroon Canada Chile China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti
    Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Germany
    Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland Indonesia Iran Iraq Ireland
    Italy Jamaica Japan Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon
    Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
    Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Burma
    Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama Paraguay
    Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore
    Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand
    Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam
    Yemen Zambia Zimbabwe Britain England Scotland Wales Europe Asia Africa America Americas Antarctica Oceania
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois
    Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
    Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Wisconsin
    Wyoming""".split()
) | {
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
    "North Korea",
    "South Korea",
    "South Africa",
    "South Sudan",
    "New Zealand",
    "Saudi Arabia",
    "Sri Lanka",
    "Costa Rica",
    "El Salvador",
    "Puerto Rico",
    "United States",
    "United Kingdom",
    "Middle East",
    "Latin America",
}
#: Titles that only come before a person's name (`Sen. Hale`, `Mayor Ruiz`): the name is a person.
PERSON_TITLES = set(
    """Mr Mrs Ms Miss Mx Dr Sen Senator Rep Representative Gov Governor President Mayor Judge Justice Gen
    General Adm Admiral Col Colonel Lt Lieutenant Capt Captain Sgt Sergeant Rev Reverend Prof Professor Sir
    Dame Lord Lady Congressman Congresswoman Secretary Chancellor Ambassador Pope Rabbi Father Sister Del
    Sens Reps Atty Amb Hon Msgr Cardinal Bishop Sheikh King Queen Prince Princess Premier Speaker""".split()
)
#: Titles and suffixes written with a full stop inside a name (`Mr. Smith`, `Sen. Hale`, `John Smith Jr.`).
NAME_ABBREVIATIONS = set(
    """Mr Mrs Ms Mx Dr Prof Sen Sens Rep Reps Gov Gen Lt Col Capt Sgt Adm Maj Cmdr Rev Fr Jr Sr St Atty Pres
    Supt Insp Cpl Pvt Amb Hon Del Sec Ald Msgr""".split()
)
ABBREVIATIONS = set(
    """mr mrs ms dr prof sen rep gov gen col lt st jr sr inc ltd co corp vs etc no jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k e.u u.n a.m p.m approx dept est fig rev capt sgt adm maj cmdr""".split()
)

#: First names borne by women and men alike (and Chinese names that are also surnames): a first name,
#: so a person, but no evidence for he or she.
UNISEX_NAMES = set(
    """marty jan pat chris robin kim jody jodie terry jordan alex kelly dana alexis kay dee jo lindsey
    leslie lesley casey jamie taylor morgan jessie frankie billie bobbie toni riley shannon tracy tracey
    stacy lynn jun min jin wei yan hui xin ling li wang zhang chen liu""".split()
)

# A small first-name list for he/she resolution; names not here fall back to "unknown" (any pronoun fits).
FEMALE_NAMES = UNISEX_NAMES | set(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra
    margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie dorothy rebecca
    sharon laura cynthia amy kathleen angela shirley brenda emma anna pamela nicole samantha katherine
    christine helen debra rachel carolyn janet maria catherine heather diane olivia julie joyce victoria
    ruth virginia lauren kelly christina joan evelyn judith andrea hannah hanna megan cheryl jacqueline
    martha madison teresa gloria sara janice ann kathryn abigail sophia frances jean alice judy isabella
    julia grace amber denise danielle marilyn beverly charlotte natalie theresa diana brittany doris kayla
    alexis lori marie justina leila layla dana nadia fiona irina olga svetlana natalia natalya tatiana
    yulia elena ekaterina oksana iryna kateryna agnieszka katarzyna magdalena monika ewa zofia ingrid
    astrid sigrid greta ursula angela annalena kaja kaia ulla birgit claudia sabine petra ines lucia
    carmen pilar rosa isabel ana beatriz fatima aisha amina zainab mariam maryam leyla zeynep elif
    priya ananya divya sunita meera nisha mei ling yan hui xin yuki akiko keiko hana jiwoon minji soo
    ngozi chioma amara adaeze nia zara yasmin noor rania dina lina hiba salma sofia sophie chloe camille
    amelie lea manon ines clara lena hanne mette sanne femke eva nina tanja maja ivana jelena milena
    ruth miriam tamar noa shira talia hadas michal yael orly esther leah naomi deborah judith rivka
    hillary kamala nancy condoleezza madeleine ursula christine kristalina margrethe federica liz theresa
    nicola jacinda sanna kaja annalena giorgia marine ségolène segolene
    abena adaeze aditi agnieszka aicha ailsa aisha akiko akosua alessandra ama amaka amelie amira ananya
    andreea anke annika aoife astrid aurelie ayse beatriz bianca birgit brigitte camila camille carmen carys
    cerys chiara chioma chloe ciara deepa divya efua eilidh ekaterina elena elif elin fatima fernanda ffion
    fiona francesca freya gabriela giulia greta hana hanna hannah heike hiroko ilse ines ingrid ioana irina
    iryna isla juliana katarzyna katrin kavya keiko kirsty laila lakshmi layla leila ling linnea lucia
    magdalena mairead maja manon margaux mariam mariana marta martina maryam mei mirela monika morag nadia
    natalia natalya ngozi niamh nkechi nomvula noor nour oksana olena olga orla paola petra pilar priya
    rhiannon rocio roisin sabine saga sakura salma saoirse seren shreya sigrid simona siobhan sofia sophie
    svetlana tatiana thandiwe ursula valentina wanjiru yara yasmin yasmine yuki yulia zainab zanele zeynep
    zofia debbie carly nikki megyn ivanka melania chelsea tulsi kellyanne huma kate katie kathy cathy sally
    molly holly wendy peggy betsy patty susie jenny becky vicky tammy sandy cindy mindy kristen kirsten kristin
    gretchen heidi ellen maureen colleen eileen doreen janine joanne suzanne dianne lynne anne jane jill joan
    sue beth meg peg ann nan kay fay dee jo brigid bridget melanie irene lucy hazel michele colette yvonne
    yvette claire louise rose eleanor marjorie bernadette geraldine caroline madeline pauline elaine lorraine
    charlene darlene arlene maxine francine""".split()
)
MALE_NAMES = UNISEX_NAMES | set(
    """james robert john michael david william richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas
    zachary peter kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl
    arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne
    elijah randy roy vincent ralph eugene russell bobby mason philip louis ian dan marcus felix vladimir
    volodymyr dmitry sergei sergey alexei alexey andrei andriy oleksandr oleksii mykola yuri igor ivan
    boris mikhail nikolai pavel viktor viktoriya maxim maksym bohdan taras petro emmanuel olaf friedrich
    karl hans jurgen jürgen klaus wolfgang helmut gerhard matteo giuseppe luigi marco luca lorenzo pedro
    carlos luis miguel javier pablo jorge diego rafael ricardo antonio francisco manuel mohammed muhammad
    ahmed ali hassan hussein omar khalid yusuf ibrahim mustafa recep tayyip benjamin naftali yair itamar
    bezalel avigdor narendra rahul amit raj arjun vikram xi wang li zhang chen liu jun wei hiroshi kenji
    takeshi shinzo fumio kim jin min joon emeka chinedu olusegun bola kwame jacques pierre francois
    françois jean-yves jean-luc rishi keir boris tony gordon nigel jeremy joe barack bill ron mike marco
    ted rand lindsey chuck mitch kevin hakeem jd j.d elon jeff sam satya sundar tim warren lloyd antony
    jake jared kurt steve witkoff howard xavier hugo leo max oscar theo lukas jonas elias finn tom ben
    sam dan ian fred ed rob bob jim tim nick matt chris mike pete alex josh tony
    declan ciaran cian eoin niall padraig seamus colm fergus callum hamish angus ewan euan rhys dylan gareth
    owain iwan huw omar karim tariq yusuf youssef mohammed muhammad ahmed ahmad hassan hussein ali mustafa
    ibrahim khalid faisal hamza bilal amir reza farhad dariusz tomasz piotr krzysztof pawel marek jakub
    lukasz oleksandr olexiy dmytro andriy sergei sergey dmitri dmitry vladimir yuri igor mikhail nikolai
    pavel ivan bogdan mihai andrei stefan lars nils sven erik anders henrik magnus jonas mattias jens olaf
    jan johan pieter willem dirk bram joost matthias jurgen klaus wolfgang dieter uwe stefano marco matteo
    luca lorenzo giovanni giuseppe pietro paolo alessandro francesco javier alejandro pablo diego mateo
    santiago sebastian joaquin felipe rafael tomas gonzalo joao pedro thiago rodrigo felix hugo pierre jean
    jacques louis antoine mathieu nicolas olivier kenji hiroshi takeshi haruto kenta raj rahul arjun vikram
    sanjay anil suresh rohan aarav kwame kofi kwesi yaw femi tunde chidi emeka obinna oluwaseun sipho thabo
    themba bongani wendell bernie jeb mitt newt rudy corey reince chuck bobby jimmy johnny tommy danny ricky
    kenny marty ronnie eddie freddie frankie stevie jerome leon herman lewis luke neil nathaniel norman otis
    rex roger rudolph stanley stuart ted todd travis trent troy vince wade ward wes wesley
    enrique andres andrés fernando alberto roberto eduardo sergio ernesto mauricio alvaro álvaro raul raúl
    julio cesar césar hector héctor arturo ramon ramón alfonso gustavo hernan hernán luiz marcelo martin
    martín gerardo guillermo ignacio emilio mariano vicente rodolfo octavio agustin agustín nicolás
    sebastián joaquín tomás jesús evo bashar abdullah mahmoud salman hosni recep""".split()
)
MALE_A_NAMES = {
    "luca",
    "nikita",
    "sasha",
    "joshua",
    "ilya",
    "elijah",
    "jonah",
    "noah",
    "andrea",
    "mustafa",
    "kostya",
    "misha",
    "dima",
    "vova",
    "yehuda",
    "isaiah",
    "zacharia",
    "akira",
    "kyrylo",
    "garcia",
}

#: Verbs that report, cite or characterise what someone said or wrote. Only quote finding uses them:
#: a short quote in the clause of one is someone's words (`likened the rules to “a circus”`,
#: `warned that the plan was “dead on arrival”`), not the writer's scare quote. Every regular form is
#: derived from the lemma; irregular and doubled forms are listed in REPORTING_FORMS.
REPORTING_LEMMAS = """accuse acknowledge add admit advise agree allege announce answer applaud argue ask assert
    assure attack bemoan blast boast brag call caution challenge champion characterise characterize cheer chant
    cite claim comment compare complain concede conclude concur condemn confess confirm contend counsel counter
    credit criticise criticize crow cry decry declare defend demand denounce deny depict deride describe disagree
    discuss dismiss echo email emphasise emphasize endorse explain forecast frame gush hail hint imply
    implore insist invoke joke label lambaste lament laud liken maintain mention mock mouth muse note object
    observe plead pledge ponder portray post praise predict proclaim promise propose protest question quote
    rate reassure rebut recall recommend recount refer reference reiterate remark repeat reply report respond
    retort reveal ridicule say scream shout sing slam speak state stress suggest summarise summarize talk
    taunt tease tell testify thank threaten tout tweet urge vow warn whisper wonder worry write yell""".split()
REPORTING_FORMS = set(
    """said says saying told telling wrote written writing spoke spoken speaking thought sang sung agreeing
    admitted admitting rebutted rebutting referred referring concurred bragged bragging labelled labelling""".split()
)


def gender(name: str, by_ending: bool = True) -> str | None:
    """'f', 'm' or None from a first name; None when unsure. `by_ending` also reads a first name
    not in the lists by its ending (`-a`), which is wrong for a surname alone (`Obama`)."""
    first = name.split()[0].casefold() if name.split() else ""
    if first in FEMALE_NAMES and first in MALE_NAMES:
        return None  # Jean, Andrea: either
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    if by_ending and len(first) > 2 and first.endswith(("a", "ah")) and first not in MALE_A_NAMES:
        return "f"
    return None


#: Honorifics before a surname, and the sex each gives (`Mrs. Hale`).
HONORIFICS = {"Mr.": "m", "Mr": "m", "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f"}
