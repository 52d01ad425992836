//! Hand-written local-news prose for the fake articles: a pool of
//! sentences, headlines with matching lead sentences, places and reporters,
//! and the seeded shuffle that picks from them. All text was written for
//! these tests; the places and people are invented.
//!
//! Why a pool this size: two articles share on average only a few of their
//! ~20 sentences, in different order, so their word shingles overlap far
//! below a near-duplicate threshold (Jaccard 0.6), while every page still
//! reads as news to an extractor.

/// Headline and lead sentence pairs; `{place}` and `{num}` are filled in.
/// The number makes every headline of a site distinct.
pub const STORIES: &[(&str, &str)] = &[
    ("{place} council approves {num} new bus shelters after late-night vote", "Councillors in {place} approved {num} new bus shelters late on Tuesday, ending months of argument over where they should stand."),
    ("Flood barriers for {num} homes in {place} to be finished before winter", "Engineers say flood barriers protecting {num} homes in {place} will be finished before winter, after a summer of delays caused by supply shortages."),
    ("{place} hospital recruits {num} nurses as winter pressure builds", "The hospital in {place} has recruited {num} nurses from across the region as managers prepare for one of the busiest winters on record."),
    ("{num} years on, {place} market hall reopens its doors", "After {num} years behind scaffolding, the market hall in {place} opened its doors again on Saturday to queues of curious shoppers."),
    ("Storm brings down {num} trees across {place} overnight", "Crews worked through the night after fierce winds brought down {num} trees across {place}, blocking roads and cutting power to hundreds of homes."),
    ("{place} football club signs {num} players ahead of new season", "The football club in {place} has signed {num} players ahead of the new season, the manager confirmed at a press conference on Friday."),
    ("Plans for {num} homes on former {place} hospital site divide neighbours", "A proposal to build {num} homes on the former hospital site in {place} has divided neighbours, with a planning decision expected this month."),
    ("{place} festival expects {num} thousand visitors this weekend", "Organisers of the summer festival in {place} say they expect around {num} thousand visitors this weekend, the highest number in its history."),
    ("Rail delays hit {num} services through {place} after signal failure", "A signal failure outside {place} delayed {num} rail services on Monday, leaving commuters stranded on crowded platforms for much of the morning."),
    ("{place} school celebrates as {num} pupils win university places", "Teachers in {place} were celebrating on Thursday after {num} pupils at the town's secondary school won places on competitive university courses."),
    ("Solar farm near {place} could power {num} thousand homes", "A solar farm planned for the hills near {place} could power {num} thousand homes, according to documents submitted to planners this week."),
    ("{place} food bank appeals for help as demand rises {num} per cent", "The food bank in {place} has appealed for help after demand rose by {num} per cent in a year, its busiest period since opening."),
];

/// Body sentences, 15 to 23 words each with the place filled in.
pub const SENTENCES: &[&str] = &[
    "Members of the {place} council voted late on Tuesday to approve a revised budget that protects library hours and street cleaning.",
    "The mayor said the decision had not been easy, but that the town could no longer delay repairs to its ageing bridges.",
    "Opposition councillors argued that the plan relied too heavily on one-off grants that may not be renewed next year.",
    "A public consultation on the proposals drew more than four hundred written responses, most of them from local families.",
    "Officials expect the new parking rules in central {place} to take effect at the start of next month.",
    "Residents who packed the meeting hall applauded when the final vote was read out shortly before midnight.",
    "Commuters in {place} faced long delays on Monday morning after a signal failure halted trains for almost two hours.",
    "The regional transport authority apologised for the disruption and promised a full review of its maintenance schedule.",
    "Bus operators say ridership has recovered to roughly nine in ten of the journeys made before the pandemic.",
    "A new cycle lane along the riverside road is due to open in the spring, according to the highways department.",
    "Drivers have been warned to expect overnight closures on the ring road while engineers resurface a damaged stretch.",
    "Heavy rain swept across {place} overnight, flooding several low-lying streets and forcing the closure of two primary schools.",
    "Forecasters said the unsettled weather would continue through the weekend, with strong winds expected along the coast.",
    "Volunteers spent the afternoon filling sandbags outside the community centre as river levels continued to rise.",
    "The environment agency said water quality at the town beach had improved for a third consecutive summer.",
    "Tree planting along the old railway line is part of a wider effort to cool the town during heatwaves.",
    "Farmers on the edge of {place} reported that the dry spring had cut their early harvest by nearly a quarter.",
    "The closure of the packaging plant will cost about two hundred jobs, according to a statement from the company.",
    "Shop owners on the high street said footfall had picked up since the council cut parking charges in the autumn.",
    "A local bakery that began in a family kitchen now supplies bread to more than thirty cafes across the region.",
    "Economists cautioned that rising energy costs could squeeze small manufacturers who have little room to raise prices.",
    "The chamber of commerce in {place} welcomed the news and called it a vote of confidence in the local workforce.",
    "Unemployment in the district fell slightly last quarter, although wages have yet to catch up with the cost of living.",
    "Plans for three hundred new homes on the former hospital site have divided opinion among neighbours.",
    "Developers say a third of the homes would be offered at below market rents to young families and key workers.",
    "Campaigners fear that the extra traffic will overwhelm narrow lanes that were never designed for heavy vehicles.",
    "The average rent for a two-bedroom flat in {place} has risen by almost a tenth over the past year.",
    "Staff at the general hospital have opened a new ward to ease pressure on the emergency department this winter.",
    "Health officials urged older residents to book their flu vaccinations early, saying appointments were filling up quickly.",
    "A mobile clinic will visit outlying villages twice a week so that patients no longer need to travel for routine checks.",
    "Waiting times for routine operations have fallen since the surgical centre extended its opening hours into the evening.",
    "Pupils at the secondary school in {place} celebrated exam results that were the best the school has recorded.",
    "The head teacher praised staff for running extra revision classes on Saturday mornings throughout the spring term.",
    "Parents have started a petition calling for a safer crossing outside the primary school after a near miss last month.",
    "The college announced a new apprenticeship programme in electrical engineering, developed together with local employers.",
    "Thousands of visitors are expected in {place} this weekend for the annual harbour festival and its fireworks display.",
    "Organisers said the festival had grown from a single stage of local bands into three days of music, food and theatre.",
    "The museum will reopen its maritime gallery after a two-year restoration funded partly by donations from residents.",
    "A mural painted by students now covers the once grey wall of the underpass beside the station.",
    "The town library reported a sharp rise in membership after it began lending tools, games and musical instruments.",
    "Members of the choir, which was founded in the year after the war, rehearse every Thursday in the church hall.",
    "The {place} football club secured promotion on Saturday with a late goal that sent the home crowd into raptures.",
    "The manager told reporters that the squad had believed in the plan even when results went against them in the winter.",
    "Work on the new leisure centre, including a twenty-five metre pool, is running about six weeks behind schedule.",
    "The rowing club has doubled its junior membership since it began offering free taster sessions to local schools.",
    "Police in {place} have increased patrols near the station after residents raised concerns about antisocial behaviour.",
    "The fire service reminded households to test smoke alarms regularly, after a kitchen fire on Elm Street was quickly contained.",
    "Nobody was injured in the blaze, which started in a storage unit behind the shopping arcade shortly after dawn.",
    "Officers said crime in the town centre had fallen over the past year, with burglaries down by around a fifth.",
    "The solar farm on the hills above {place} is expected to supply enough electricity for around four thousand homes.",
    "Engineers from the water company are replacing old iron pipes beneath the market square, a job that will take months.",
    "Broadband upgrades promised to rural parts of the district are now expected to be finished by the end of the year.",
    "The harbour authority confirmed that dredging work would allow larger fishing boats to land their catch at any tide.",
    "\"We have waited a long time for this,\" said one resident, who has lived on the same street for forty years.",
    "\"It is a fair compromise, and now we need to deliver it,\" the council leader told the chamber.",
    "A spokesperson for the company said it would work with unions to find new roles for as many staff as possible.",
    "\"The volunteers were the real heroes of the night,\" said a firefighter who helped clear the flooded underpass.",
    "A local historian said the building had survived two fires and a flood since it opened in the nineteenth century.",
    "\"Our members simply want a clear answer about what happens next,\" said the secretary of the tenants' association.",
    "The deputy mayor said the town would publish monthly figures so that residents could judge the scheme for themselves.",
    "Regional officials are watching the experiment in {place} closely, and several neighbouring towns have asked for briefings.",
    "The government has promised further funding for coastal communities, though details are not expected until the autumn statement.",
    "Critics say similar schemes elsewhere have struggled once the initial grant money ran out after the first few years.",
    "The findings will be presented to a committee of councillors next week, who will decide whether the trial continues.",
    "An independent report published on Wednesday found that the district's roads were among the most congested in the region.",
    "Supporters of the scheme point to cleaner air and quieter streets, while opponents complain about longer journeys.",
    "The ferry service to the islands will run an extra crossing on Fridays during the summer months.",
    "Students from the university have joined a project to record the memories of older residents of {place}.",
    "The food bank said demand had doubled in two years, and appealed for donations of tinned goods and toiletries.",
    "Several businesses have already signed up for the scheme, which offers rate relief to firms that take on apprentices.",
    "The council expects to publish its final plans for the waterfront in the new year, after a second round of consultation.",
    "Work is expected to begin next spring, provided that funding is confirmed and the necessary permissions are granted.",
    "Election officials in {place} said turnout in the by-election was higher than expected despite the steady rain.",
    "Both candidates spent the final day of the campaign knocking on doors in the estates north of the river.",
    "The new councillor promised to hold a weekly surgery in the library so that residents can raise problems in person.",
    "A planning inspector will visit the site next month before ruling on the appeal lodged by the developers.",
    "The airport expects passenger numbers to pass one million this year for the first time since it was expanded.",
    "Hoteliers said bookings for the summer were already ahead of last year, helped by a run of warm weekends.",
    "Tourism now supports roughly one job in eight across the district, according to figures from the visitor board.",
    "Scientists from the marine laboratory have tagged a group of grey seals to learn where they feed in winter.",
    "Birdwatchers reported the first sighting of a rare heron on the estuary marshes in more than a decade.",
    "The wildlife trust has asked dog walkers to keep to marked paths while ground-nesting birds raise their chicks.",
    "Fishermen say quotas agreed this year leave little room for younger crews hoping to buy their own boats.",
    "The fish market on the quay will open an hour earlier on weekdays to suit restaurants buying for lunch.",
    "A software company founded by two former students has moved into the converted mill beside the canal.",
    "The firm plans to hire a further forty developers over the next two years, most of them from the region.",
    "Park rangers have reopened the lakeside trail after storm damage to the footbridge was repaired over the winter.",
    "The allotment society has a waiting list of more than two hundred names, the longest in its history.",
    "Children from six schools took part in the spring clean, collecting more than eighty bags of litter in a morning.",
    "The theatre company will tour village halls across the county with a new play about the mining strike.",
    "An exhibition of photographs from the town's old shipyard opens at the gallery on Saturday and runs until June.",
    "The jazz club that closed during the pandemic has found a new home in the basement of the corn exchange.",
    "Magistrates heard that the case would be sent to the crown court because of the value of the goods involved.",
    "The inquest was adjourned until the spring so that further evidence could be gathered from the harbour authority.",
    "The charity shop on Bridge Street raised a record sum last year, all of it spent on the local hospice.",
    "Runners from across the region will take part in the half marathon, which closes several roads on Sunday morning.",
    "The cricket club has installed new nets after a grant from the sports council covered most of the cost.",
    "The swimming club's youngest member, aged nine, won three medals at the regional championships last weekend.",
    "A dental practice in {place} has begun accepting new patients after two dentists joined from overseas.",
    "The pharmacy on the corner of Mill Lane will stay open late on weekdays to serve shift workers.",
    "Councillors agreed to freeze allotment rents for another year, citing the rising cost of living for older residents.",
    "The district's recycling rate rose to just over half of all household waste, short of the national target.",
    "Electric buses will begin running on the busiest route in the autumn, replacing vehicles that are nearly twenty years old.",
    "Taxi drivers have asked for more ranks near the station, saying passengers often wait in the rain.",
    "The lifeboat crew was called out twice on Sunday, first to a stranded kayaker and later to a drifting yacht.",
    "Coastguards urged visitors to check tide times before walking out to the island across the sands.",
    "The old cinema, empty for twelve years, will be turned into a community arts centre with a small screen.",
    "Neighbours have raised money to restore the clock on the church tower, which stopped working last winter.",
    "The {place} marathon committee said entries had sold out within three hours of opening on Friday.",
    "A survey of local employers found that most were struggling to fill vacancies for skilled trades.",
];

/// Invented towns, one or two words each.
pub const PLACES: &[&str] = &[
    "Port Alder",
    "Millbrook",
    "Eastwick",
    "Carrow Bay",
    "Linden Falls",
    "Ashford Vale",
    "Kestrel Point",
    "Brightwater",
    "Oakhurst",
    "Redcliff",
    "Sandmere",
    "Wrenfield",
    "Hollins Green",
    "Stonehaven Quay",
    "Fernley",
    "Marlow Cross",
];

/// Invented reporters.
pub const REPORTERS: &[&str] = &[
    "Maria Okafor",
    "Daniel Hughes",
    "Priya Raman",
    "Tomasz Nowak",
    "Helen Carter",
    "James Whitfield",
    "Aisha Bello",
    "Lucas Moreau",
    "Sarah Lindqvist",
    "Owen Price",
    "Grace Tanaka",
    "Rafael Ortiz",
];

/// A small deterministic generator (splitmix64): same seed, same article.
pub struct Rng(u64);

impl Rng {
    /// Seeded from a site name and an article number.
    pub fn new(site: &str, n: u64) -> Rng {
        // FNV-1a of the site, then the number mixed in.
        let hash = site.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Rng(hash ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    /// `0..len` in a seeded order (Fisher-Yates).
    pub fn permutation(&mut self, len: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..len).collect();
        for i in (1..len).rev() {
            order.swap(i, self.below(i + 1));
        }
        order
    }
}

/// `text` with `{place}` and `{num}` filled in.
pub fn fill(text: &str, place: &str, num: u64) -> String {
    text.replace("{place}", place)
        .replace("{num}", &num.to_string())
}
