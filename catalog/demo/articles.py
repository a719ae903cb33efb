"""The demo knowledge base as plain data: clinical articles with their FAQ entries and references.

Loaded by `catalog.demo.demo_articles_load` (`python manage.py load_demo_catalog`) after the demo
catalog, because articles link to its devices (by SKU), families and treatments (by slug).

Bodies are Markdown: `##` and `###` headings (the title is the page's only h1), lists, at least
one summary table, and links to other articles as `/knowledge/<slug>/`. Published dates are ISO
strings; the loader publishes at 09:00 UTC on that day. An FAQ entry answers in a few sentences,
links another article by slug, or both. References cite only sources whose DOI or address was
checked; a DOI is written bare (10.xxxx/...), the loader and templates add https://doi.org/.
"""

MANSTEIN_2004 = {
    "citation": (
        "Manstein D, Herron GS, Sink RK, Tanner H, Anderson RR. Fractional photothermolysis: a new concept for "
        "cutaneous remodeling using microscopic patterns of thermal injury. Lasers Surg Med. 2004;34(5):426-438."
    ),
    "doi": "10.1002/lsm.20048",
}
CAO_WANG = {
    "citation": (
        "Cao Y, Wang X. Administration of skin care regimens containing beta-glucan for skin recovery after "
        "fractional laser therapy: a split-face, double-blinded, vehicle-controlled study. J Cosmet Dermatol."
    ),
    "doi": "10.1111/jocd.13798",
}
FITZPATRICK_1988 = {
    "citation": (
        "Fitzpatrick TB. The validity and practicality of sun-reactive skin types I through VI. "
        "Arch Dermatol. 1988;124(6):869-871."
    ),
    "doi": "10.1001/archderm.1988.01670060015008",
}
ANDERSON_PARRISH_1983 = {
    "citation": (
        "Anderson RR, Parrish JA. Selective photothermolysis: precise microsurgery by selective absorption of "
        "pulsed radiation. Science. 1983;220(4596):524-527."
    ),
    "doi": "10.1126/science.6836297",
}
PREISSIG_2012 = {
    "citation": (
        "Preissig J, Hamilton K, Markus R. Current laser resurfacing technologies: a review that delves beneath "
        "the surface. Semin Plast Surg. 2012;26(3):109-116."
    ),
    "doi": "10.1055/s-0032-1329413",
}

ARTICLES = [
    {
        "slug": "fractional-co2-resurfacing-step-by-step",
        "title": "Fractional CO2 resurfacing, step by step: from consultation to day 14",
        "author": "Clinical applications team",
        "published": "2026-01-20",
        "takeaway": (
            "A fractional CO2 appointment takes about two hours of chair time, of which the laser passes are only "
            "30-60 minutes; numbing, cooling and dressing fill the rest. Most patients are red and peeling for "
            "7-14 days, so book the first review at one week and judge the result at three months, not before."
        ),
        "devices": ["HAS-CO2-40", "HAS-CO2-60"],
        "families": ["fractional-co2-laser"],
        "treatments": ["skin-resurfacing", "acne-scars", "wrinkles-fine-lines"],
        "body": """\
## Why a written protocol matters

Fractional CO2 lasers emit at 10,600 nm, a wavelength absorbed by the water in skin. The scanner splits the beam
into a grid of microbeams, and each one vaporises a narrow column through the epidermis into the dermis, leaving a
thin sleeve of heated tissue around it. The skin between the columns stays intact and drives rapid healing, which
is why a fractional session is followed by days of recovery rather than the weeks needed after fully ablative
resurfacing (see [fractional or fully ablative resurfacing](/knowledge/fractional-vs-fully-ablative-resurfacing/)).

The laser is only one part of the appointment. Clinics with consistent results run every session from the same
written protocol, in the same order, whoever holds the handpiece. This guide follows a typical full-face session.
The weeks before are covered in
[preparing patients for CO2 resurfacing](/knowledge/preparing-patients-for-co2-resurfacing/), and the weeks after
in [aftercare and recovery](/knowledge/co2-resurfacing-aftercare-and-recovery/).

## Before the day: assessment and consent

A clinician reviews the medical history, examines the skin and records the Fitzpatrick skin type, which sets the
risk of pigment change and therefore how dense and how deep the treatment can safely be. The consultation also
covers:

- a history of cold sores or shingles, which calls for antiviral prophylaxis;
- recent isotretinoin, photosensitising medicines, and any tendency to keloids or poor healing;
- pregnancy, and active infection or inflammation in the treatment area;
- what the patient expects, and whether they can take a week away from work and social events.

Standardised photographs under fixed lighting are taken at this visit (a
[skin analyser](/knowledge/skin-analysers-in-the-consultation/) makes them repeatable), and the written consent
names the expected downtime and the main risks: prolonged redness, post-inflammatory hyperpigmentation, infection
and, rarely, scarring.

## On the day: the session in six steps

### 1. Cleansing

The treatment area is cleansed thoroughly to remove make-up, sunscreen and skin oils, which interfere with an even
delivery of energy. If an alcohol-based antiseptic is used, it must have dried completely before the laser fires:
alcohol is flammable.

### 2. Topical anaesthesia

A topical anaesthetic cream is applied, often under occlusion, and left for about 60 minutes. It is then removed
completely and the skin dried, because leftover cream and moisture absorb energy at the surface. For deeper
treatments or anxious patients the treating physician may add oral analgesia, a mild sedative or regional nerve
blocks; these call for monitoring and an escort home.

### 3. Safety set-up

Everyone in the room wears eye protection rated for 10,600 nm, and the patient wears opaque eye shields. A smoke
evacuator captures the plume, the door carries a laser warning sign, and nothing flammable lies near the beam path,
including dry gauze and alcohol wipes.

### 4. Parameters and test pulses

The operator chooses the pulse energy (which sets the depth of each column), the density or dot pitch (which sets
the fraction of skin treated) and the scan pattern. The thin skin around the eyes and on the neck takes lower
energy and density than the cheeks. A few test pulses in an inconspicuous area confirm the skin response before the
full pass.

### 5. Laser passes

The handpiece moves in a systematic pattern with minimal overlap between scans. A full face usually takes 30 to 60
minutes, depending on the area, the number of passes and the power of the device: at a given depth, a 60 W source
such as the FX-60 covers the face faster than a 40 W source. Patients describe heat and a snapping sensation even
with good anaesthesia.

### 6. Cooling and dressing

Straight afterwards the skin feels hot. Cool packs for about 15 minutes reduce the heat and swelling. A bland
occlusive ointment, or an antibacterial one if the protocol specifies it, goes on next, followed by a non-stick
dressing that usually stays in place for 24 hours.

## Recovery timeline at a glance

| Stage | What happens | Typical timing |
|---|---|---|
| Assessment | History, skin type, photographs, consent | 2-4 weeks before |
| Preparation | Sun avoidance, stop smoking, antivirals if indicated | 2-4 weeks before |
| Numbing | Cleansing and topical anaesthetic | About 60 minutes |
| Laser passes | Fractional pattern over the treatment area | 30-60 minutes |
| Immediate care | Cooling, ointment, non-stick dressing | 15 minutes; dressing for 24 hours |
| Early healing | Redness, swelling, fine crusts, peeling | Days 1-14 |
| Remodelling | New collagen forms, texture keeps improving | 3-6 months |

## What the patient experiences afterwards

Swelling is usually greatest on the second and third days, especially around the eyes. Fine dark crusts form over
the treated columns and flake away as the skin renews. Redness and peeling typically settle within 7 to 14 days,
leaving a pink tone that fades over the following weeks. Patients with darker skin types should know that a
temporary darkening can appear a few weeks later; it is managed with strict sun protection and, if needed, topical
treatment.

## Common pitfalls

- Shortening the anaesthetic time to keep to the schedule, which makes the session painful and rushed.
- Using cheek settings on the neck or eyelids, where the skin is thinner and heals more slowly.
- Forgetting to ask about cold sores: an outbreak on freshly treated skin can scar.
- Treating tanned skin, or booking a patient a week before a wedding.
- Judging the result at the two-week review, when collagen remodelling has months still to run.

## Planning a course

Many patients reach their goal with one to three sessions spaced one to three months apart, depending on the
indication and the depth used. Atrophic acne scars usually need more than one session; the biology behind that is
explained in
[how fractional CO2 repairs atrophic acne scars](/knowledge/how-fractional-co2-repairs-atrophic-acne-scars/).
""",
        "faqs": [
            {
                "question": "How long does a fractional CO2 appointment take?",
                "answer": (
                    "Plan about two hours of chair time: around an hour for the topical anaesthetic, 30-60 minutes "
                    "of laser passes, then cooling and dressing."
                ),
            },
            {
                "question": "When can patients go back to work after fractional CO2?",
                "answer": (
                    "Most return after five to seven days, once the fine crusts have shed and make-up can be worn; "
                    "a pink tone may last a little longer."
                ),
                "link": "co2-resurfacing-aftercare-and-recovery",
            },
            {
                "question": "Is fractional CO2 resurfacing painful?",
                "answer": (
                    "With topical anaesthesia most patients feel heat and a snapping sensation rather than pain. "
                    "Deeper treatments may need oral analgesia or nerve blocks given by a physician."
                ),
            },
            {
                "question": "What should patients do in the weeks before treatment?",
                "link": "preparing-patients-for-co2-resurfacing",
            },
        ],
        "references": [MANSTEIN_2004, PREISSIG_2012],
    },
    {
        "slug": "preparing-patients-for-co2-resurfacing",
        "title": "Preparing patients for fractional CO2 resurfacing",
        "author": "Clinical applications team",
        "published": "2026-02-03",
        "takeaway": (
            "Most complications of CO2 resurfacing are set up before the laser is switched on: a tan, an unasked "
            "question about cold sores, a course of isotretinoin that ended too recently. A four-week plan with sun "
            "avoidance, smoking cessation, antiviral prophylaxis where indicated and a recorded skin-type assessment "
            "prevents most of them."
        ),
        "devices": ["HAS-CO2-40", "HAS-CO2-60", "HAS-SA-5AI"],
        "families": ["fractional-co2-laser", "skin-analyser"],
        "treatments": ["skin-resurfacing", "acne-scars", "skin-analysis"],
        "body": """\
## Why preparation decides the outcome

Many of the problems seen after fractional CO2 resurfacing start before the laser is switched on: a tan that raises
the risk of pigment change, a cold-sore history nobody asked about, a course of isotretinoin that finished too
recently. A structured plan, started about four weeks before the session, removes most of these risks and gives
the patient time to arrange their recovery week.

## Who is a good candidate

Fractional CO2 suits adults with:

- photodamage, fine lines and rough texture;
- atrophic acne scars or other depressed scars;
- uneven tone from sun damage, where the pigment risk is acceptable;
- realistic expectations, and the ability to take about a week of social downtime.

The CO2 lasers in our range are specified for Fitzpatrick skin types I to IV. From type IV upwards the risk of
post-inflammatory hyperpigmentation rises, so these patients are treated with lower density, longer intervals and a
test area first, or offered an alternative such as
[RF microneedling](/knowledge/rf-microneedling-depths-and-needle-types/).

## Reasons to postpone or decline

- **Active infection or inflammation** in the area: cold sores, impetigo, flaring acne, eczema or rosacea. Treat
  it first.
- **Recent isotretinoin.** A wait of 6 to 12 months was long advised because of concerns about healing; practice
  now varies, so follow your medical director's policy and record the decision.
- **Pregnancy and breastfeeding:** an elective procedure is postponed.
- **Keloid or hypertrophic scarring**, vitiligo, or other conditions that can appear in injured skin.
- **Photosensitising medicines**, and previous radiotherapy to the area.
- **Poorly controlled diabetes, immunosuppression or smoking**, which all slow wound healing.
- **A tan or recent strong sun exposure**, including sunbeds.
- **Expectations that cannot be met**, such as a scar-free result from a single session.

## The four-week plan

| When | Action | Why |
|---|---|---|
| 4 weeks before | Strict sun avoidance, daily SPF 30+, no sunbeds | Tanned skin burns and darkens more easily |
| 2 weeks before | Stop smoking and other nicotine products | Nicotine narrows small vessels, slows healing |
| 1-2 weeks before | Pause retinoids, acids, scrubs, waxing in the area | Irritated skin reacts less predictably |
| A few days before | Start antivirals if there is a herpes or shingles history | Prevents an outbreak on treated skin |
| Day of treatment | Clean skin, no make-up; a lift home if sedated | Saves time, keeps the patient safe |

### Antiviral prophylaxis

Patients with a history of cold sores or shingles are usually prescribed an oral antiviral, started a few days
before treatment and continued until the skin has closed, following the prescriber's regimen. Some clinicians give
prophylaxis to every patient having full-face treatment, since not everyone remembers past outbreaks. Prescribing
is a medical decision and belongs in the clinic's written protocol.

### Skin care in the run-up

Moisturised, intact skin heals better than dry, irritated skin. For most patients the best preparation is a simple
routine of a gentle cleanser, a moisturiser and sunscreen. Some prescribers prime darker skin with a tyrosinase
inhibitor such as hydroquinone for a few weeks before treatment; the evidence that this prevents pigment change is
mixed, so treat it as a clinical choice rather than a rule.

## Assessing skin type properly

The Fitzpatrick scale describes how skin responds to sun, how easily it burns and how readily it tans, not just its
colour. Ask how the patient's skin reacts to the first strong sun of summer instead of guessing from a photograph,
and record the type with the reasoning behind it: it drives the settings on the day. An olive-skinned patient who
never burns is a different laser patient from one with the same colour who burns every summer.

## Setting expectations

Patients decide better, and comply better, when they know what is coming:

- redness and peeling for 7 to 14 days, with swelling at its worst on days two and three;
- visible improvement that builds over three to six months as collagen remodels;
- a course of two or more sessions for acne scars, with results that vary between people;
- sun protection that continues for months afterwards.

No clinic can promise a particular result. Showing before-and-after photographs of typical, not exceptional,
outcomes keeps the conversation honest.

## Photographs and consent

Standardised photographs at the consultation are the only reliable way to judge the result later, because patients
quickly forget how their skin looked. Take them with the same lighting, distance and angles each time; a
[skin analyser](/knowledge/skin-analysers-in-the-consultation/) makes this routine. The consent form names the
downtime and the main risks (prolonged redness, pigment change, infection, scarring), and the patient takes the
written aftercare instructions home before the day, so they can buy a bland ointment, a gentle cleanser and a
mineral sunscreen in advance.

## A checklist for the front desk

1. Consultation done and skin type recorded.
2. Consent signed and photographs taken.
3. Antiviral prescription issued if indicated.
4. Sun and smoking advice given in writing.
5. Aftercare pack ready and a review booked at one week.
6. A lift home arranged if sedation is planned.

What happens on the day is described in
[fractional CO2 resurfacing, step by step](/knowledge/fractional-co2-resurfacing-step-by-step/).
""",
        "faqs": [
            {
                "question": "How long before CO2 resurfacing should patients avoid the sun?",
                "answer": (
                    "At least four weeks, with daily SPF 30 or higher. Treating tanned skin raises the risk of burns "
                    "and pigment change."
                ),
            },
            {
                "question": "Does every patient need antiviral tablets before CO2 resurfacing?",
                "answer": (
                    "As a rule, those with a history of cold sores or shingles; some clinicians give prophylaxis to "
                    "everyone having full-face treatment. Prescribing is the physician's decision."
                ),
            },
            {
                "question": "Can patients with darker skin have fractional CO2?",
                "answer": (
                    "Often, with conservative settings and a test area, but the pigment risk is higher. RF "
                    "microneedling is a common alternative for Fitzpatrick types V and VI."
                ),
                "link": "rf-microneedling-depths-and-needle-types",
            },
            {
                "question": "What happens on the day of treatment?",
                "link": "fractional-co2-resurfacing-step-by-step",
            },
        ],
        "references": [FITZPATRICK_1988, MANSTEIN_2004],
    },
    {
        "slug": "co2-resurfacing-aftercare-and-recovery",
        "title": "Aftercare and recovery after fractional CO2 resurfacing",
        "author": "Clinical applications team",
        "published": "2026-02-17",
        "takeaway": (
            "For the first few days the treated skin is a field of microscopic open wounds: keep it clean, moist and "
            "out of the sun, and it usually closes within a week. Redness and peeling typically settle in 7-14 days; "
            "pain that is worse on day three than on day one needs to be seen the same day."
        ),
        "devices": ["HAS-CO2-40", "HAS-CO2-60", "HAS-SA-3"],
        "families": ["fractional-co2-laser"],
        "treatments": ["skin-resurfacing", "acne-scars"],
        "body": """\
## What is happening in the skin

Straight after fractional CO2 treatment the skin carries thousands of microscopic open wounds. Cells from the
intact skin between them migrate in and close each column within days, while the dermis starts a remodelling
process that continues for months. Aftercare has two jobs: keep the micro-wounds clean and moist so they close
quickly, and protect the new skin from sun and irritation while it matures.

Patients should go home with written instructions, the products they need, and a phone number to call. Most
problems after resurfacing are easier to treat the earlier they are seen.

## The first 24 hours

- Leave the non-stick dressing in place for about 24 hours, or as instructed.
- Use cool compresses (never ice directly on the skin) to ease the heat and swelling.
- Sleep with the head raised on an extra pillow to limit swelling around the eyes.
- Take simple pain relief as advised by the clinic.
- Apply nothing to the skin except the products the clinic supplied.

## Days 2 to 7: clean, moist and protected

- Cleanse gently two or three times a day with saline or a mild, non-foaming cleanser, using fingertips only,
  and pat dry with a clean towel or gauze.
- Reapply a thin, continuous layer of bland occlusive ointment so the skin never dries out and cracks.
- Leave the fine bronze crusts alone; picking or scrubbing them invites infection and marks.
- Avoid strenuous exercise, swimming pools, saunas and steam rooms for about a week: sweat, heat and shared water
  raise the risk of infection.
- Change pillowcases often and keep hands away from the face.
- Stay indoors or in the shade. Until the surface has closed, a wide-brimmed hat protects better than sunscreen,
  which can sting open skin.

## Days 7 to 14: peeling ends

Once the crusts have shed, patients move from ointment to a fragrance-free moisturiser and start a mineral
sunscreen of SPF 30 or higher every day. Make-up, preferably mineral, can usually be worn again from about day five
to seven, once the surface is closed. The skin is pink and sensitive, so new products wait.

## Weeks 2 to 12: protect while collagen remodels

- Strict sun protection for at least four weeks, with a hat and regular reapplication, then daily SPF for months.
- Retinoids and acids come back only when the skin has settled, usually after about four weeks, and with the
  clinic's agreement.
- Post-inflammatory hyperpigmentation, if it occurs, usually shows between weeks three and six and is more likely
  in darker skin types. It usually fades with sun protection and, where prescribed, topical lightening agents.
- A pink tone may last several weeks and fades gradually.

## Recovery timeline

| Time after treatment | What the patient sees | What to do |
|---|---|---|
| Day 0-1 | Heat, tightness, swelling, some oozing | Dressing for 24 hours, cool compresses, head raised |
| Days 2-3 | Swelling at its peak, bronze crusts | Gentle cleansing, continuous ointment |
| Days 4-7 | Crusts shed, itching | No picking; ointment; no exercise or sauna |
| Days 7-14 | Pink skin, peeling settles | Moisturiser, mineral SPF, make-up once closed |
| Weeks 2-6 | Fading pink, possible darkening | Strict sun protection; report any darkening |
| Months 3-6 | Smoother texture, firmer skin | Compare photographs; plan the next session |

## Warning signs that need a same-day call

- Pain that increases after the second day instead of easing.
- Yellow crusts, pus, spreading redness or fever: possible bacterial infection.
- Clusters of small blisters or punched-out erosions, often around the mouth: possible herpes simplex, even in
  patients who took prophylaxis.
- New itching with small pustules after the first week: possible yeast infection.
- Areas that stay raw, or turn raised and firm: possible early scarring, which responds best to early treatment.

Each of these needs a clinician, not a change of cream. A clear escalation route, written into the aftercare
sheet, avoids patients waiting until the next scheduled review.

## Barrier-supporting skin care

Evidence on specific products after fractional laser treatment is growing; a split-face, vehicle-controlled study
by Cao and Wang, for example, examined a beta-glucan skin-care regimen for recovery after fractional laser therapy.
Whatever a clinic chooses, simpler is safer in the first weeks: short, fragrance-free ingredient lists, no essential
oils, and nothing new until the skin has closed. Products the patient has never used before are the usual cause of
irritation and contact dermatitis on freshly resurfaced skin.

## The follow-up schedule

1. A phone call on day one or two to check pain, swelling and dressing removal.
2. A review at about one week, when most skin has closed and questions about make-up and work come up.
3. A check at four weeks for redness or darkening, and the restart of the normal skin-care routine.
4. Standardised photographs at three months, the first fair point to judge the result; a
   [skin analyser](/knowledge/skin-analysers-in-the-consultation/) keeps the images comparable.

Consistent follow-up catches problems early and shows the patient their progress. What happened before and during
the session is described in
[fractional CO2 resurfacing, step by step](/knowledge/fractional-co2-resurfacing-step-by-step/).
""",
        "faqs": [
            {
                "question": "How long do redness and peeling last after fractional CO2?",
                "answer": (
                    "Visible redness and peeling usually settle in 7-14 days. A light pink tone can take a few more "
                    "weeks to fade."
                ),
            },
            {
                "question": "When can make-up be worn after CO2 resurfacing?",
                "answer": (
                    "Once the surface has closed and the crusts have shed, typically after five to seven days. "
                    "Mineral make-up is the gentlest choice."
                ),
            },
            {
                "question": "When can patients exercise again?",
                "answer": (
                    "After about a week, when the skin has closed. Sweat, heat and gyms raise the risk of infection "
                    "before then."
                ),
            },
            {
                "question": "Why does sun protection matter so much after resurfacing?",
                "answer": (
                    "New skin is sensitive to UV and prone to pigment change. Strict protection for at least four "
                    "weeks, then daily SPF, protects the result."
                ),
                "link": "preparing-patients-for-co2-resurfacing",
            },
        ],
        "references": [CAO_WANG, MANSTEIN_2004],
    },
    {
        "slug": "how-fractional-co2-repairs-atrophic-acne-scars",
        "title": "How fractional CO2 repairs atrophic acne scars",
        "author": "Clinical applications team",
        "published": "2026-03-10",
        "takeaway": (
            "Fractional CO2 vaporises microscopic columns of scar tissue and heats the dermis around them, starting a "
            "wound-healing response that lays down new collagen and lifts the scar floor over months. Because healthy "
            "skin is left between the columns, the surface closes in days rather than weeks; published series report "
            "improvement of roughly 50-81% over a course of sessions, not a scar-free result."
        ),
        "devices": ["HAS-CO2-40", "HAS-CO2-60", "HAS-MRF-2P"],
        "families": ["fractional-co2-laser", "rf-microneedling"],
        "treatments": ["acne-scars", "skin-resurfacing"],
        "body": """\
## Why atrophic scars sit below the surface

Atrophic acne scars form when the inflammation around a blocked follicle destroys dermal collagen faster than the
skin can replace it. The surface sinks into the gap, and fibrous bands that form during healing can tether the scar
floor to deeper tissue. Clinicians usually describe three types:

- **Ice pick scars:** narrow, deep, sharp-edged tracks.
- **Boxcar scars:** wider, with steep walls and a flat floor.
- **Rolling scars:** broad undulations where fibrous bands pull the surface down.

Whatever the type, the problem lies in the dermis, so an effective treatment has to reach the dermis and make it
rebuild.

## Microscopic treatment zones

Fractional photothermolysis, described by Manstein and colleagues in 2004, delivers energy as a pattern of
microscopic beams instead of one broad beam. With a CO2 laser at 10,600 nm, which water absorbs strongly, each
microbeam vaporises a narrow column of tissue through the epidermis into the dermis: a microscopic treatment zone,
or MTZ. Around each ablated column sits a thin sleeve of tissue heated to the point where its proteins coagulate.

Two settings shape the injury:

- **Energy per microbeam** sets how deep each column reaches.
- **Density**, or dot pitch, sets how many columns there are per square centimetre, and so what fraction of the
  surface is treated.

For deep scars, operators generally favour higher energy at lower density: deep columns, widely spaced. This reaches
the scar floor while keeping the total injury, and the risk of pigment change, under control.

## From heat to new collagen

The columns vaporise part of the scar tissue and cut through fibrotic strands. The heat around them does the rest.
It causes an immediate contraction of existing collagen, felt by the patient as tightening, and it triggers a
wound-healing response in three overlapping phases:

1. **Inflammation, in the first days.** Injured tissue releases signals that bring in immune cells and growth
   factors.
2. **Proliferation, over the first weeks.** Fibroblasts, the cells that build the dermal matrix, are activated by
   the heat stress and the wound signals and produce new collagen and elastin.
3. **Remodelling, over months.** The new matrix is reorganised into a denser, more orderly network that thickens
   the dermis and gradually lifts the depressed scar floor towards the level of the surrounding skin.

## Why fractional treatment heals faster

Fully ablative resurfacing removes the whole epidermis across the treated area, so new skin has to grow in from
hair follicles and wound edges, which takes one to two weeks or more. In fractional treatment each wound is a
fraction of a millimetre wide and surrounded by living tissue. Cells from the untreated bridges travel a very short
distance to close it, so the surface re-forms within days. The untreated skin also acts as a reservoir of cells and
growth factors for the deeper repair. The two approaches are compared in
[fractional or fully ablative resurfacing](/knowledge/fractional-vs-fully-ablative-resurfacing/).

## The mechanism at a glance

| Phase | What happens in the skin | Effect on the scar |
|---|---|---|
| Ablation | Microbeams vaporise narrow columns (MTZs) | Removes scar tissue, cuts fibrous strands |
| Coagulation | A heated sleeve forms around each column | Immediate contraction of collagen |
| Activation | Fibroblasts respond to heat and wound signals | New collagen and elastin are produced |
| Remodelling | The new matrix reorganises over months | The scar floor rises, texture evens out |
| Fractional healing | Untreated bridges supply cells | The surface closes in days, with lower risk |

## What results to expect

Published series report improvement in atrophic acne scars of roughly 50% to 81%, depending on scar type, settings,
number of sessions and how improvement was measured. In practice:

- most patients need two to four sessions, spaced about one to three months apart;
- boxcar and rolling scars generally respond better than deep ice pick scars, which may need focal techniques
  such as chemical reconstruction or punch excision first;
- tethered rolling scars often benefit from subcision before resurfacing;
- improvement continues for three to six months after each session, so comparisons use standardised photographs
  taken at those points.

No treatment erases scars completely, and patients should hear that before they book.

## The trade-offs

Fractional CO2 is an ablative treatment. It opens the skin barrier, and the micro-wounds lose moisture and can
become infected if aftercare is poor; there is a week or so of visible redness and crusting (see
[aftercare and recovery](/knowledge/co2-resurfacing-aftercare-and-recovery/)). Darker skin types, Fitzpatrick IV and
above, carry a higher risk of post-inflammatory hyperpigmentation. For them,
[RF microneedling](/knowledge/rf-microneedling-depths-and-needle-types/) remodels the dermis with less injury to the
surface, and many clinics offer both. Careful preparation and aftercare matter as much as the laser settings.
""",
        "faqs": [
            {
                "question": "What is a microscopic treatment zone?",
                "answer": (
                    "A narrow column of vaporised and heated tissue made by a single microbeam. Thousands of them are "
                    "placed in a grid, with untreated skin between them."
                ),
            },
            {
                "question": "How many fractional CO2 sessions do acne scars need?",
                "answer": (
                    "Usually two to four, one to three months apart, judged on standardised photographs three to six "
                    "months after the last session."
                ),
            },
            {
                "question": "Is fractional CO2 better than RF microneedling for acne scars?",
                "answer": (
                    "CO2 gives more change per session; RF microneedling spares the surface and suits darker skin "
                    "better. Many clinics use both."
                ),
                "link": "rf-microneedling-depths-and-needle-types",
            },
            {
                "question": "Why does fractional treatment heal faster than full resurfacing?",
                "link": "fractional-vs-fully-ablative-resurfacing",
            },
        ],
        "references": [MANSTEIN_2004, PREISSIG_2012],
    },
    {
        "slug": "fractional-vs-fully-ablative-resurfacing",
        "title": "Fractional or fully ablative resurfacing: choosing the depth of change",
        "author": "Clinical applications team",
        "published": "2026-03-31",
        "takeaway": (
            "Fully ablative resurfacing removes the whole epidermis in the treated area and gives the largest change "
            "in one session, at the price of one to two weeks of open-wound healing and a higher risk of lasting "
            "pigment change. Fractional treatment injures only part of the surface per session, closes in days, and "
            "approaches similar goals over several sessions; for most clinic patients it is the better first choice."
        ),
        "devices": ["HAS-CO2-40", "HAS-CO2-60", "HAS-MRF-1"],
        "families": ["fractional-co2-laser"],
        "treatments": ["skin-resurfacing", "wrinkles-fine-lines", "acne-scars"],
        "body": """\
## Same wavelength, two strategies

Both approaches use an ablative laser, most often CO2 at 10,600 nm; erbium lasers at 2,940 nm follow the same logic.
What differs is the pattern. Fully ablative resurfacing vaporises the epidermis and part of the dermis across the
whole treated area, layer by layer. Fractional ablative resurfacing treats a grid of microscopic columns and leaves
the skin between them untouched.

## What happens in the skin

With full ablation no intact epidermis is left in the treated area. New skin grows in from hair follicles and the
wound edges, and the area behaves like a superficial burn until it closes, typically over one to two weeks. The
reward is a large, even change in a single session.

With fractional ablation only part of the surface is injured in a session, commonly somewhere between 5% and 30%
depending on the density chosen. Each column is surrounded by living skin and closes within days, and the columns
can reach deeper into the dermis than a full-field pass could safely go. The change per session is smaller, so a
course of sessions is usually planned. The biology is described in
[how fractional CO2 repairs atrophic acne scars](/knowledge/how-fractional-co2-repairs-atrophic-acne-scars/).

## Side-by-side comparison

| Feature | Fully ablative | Fractional ablative |
|---|---|---|
| Surface treated per session | All of the area | About 5-30%, set by density |
| Surface closed | After about 1-2 weeks | Within a few days |
| Visible redness | Weeks to several months | About 1-2 weeks, then a fading pink |
| Social downtime | Often two weeks or more | About 5-7 days |
| Sessions | Usually one | Often two to four |
| Anaesthesia | Often sedation or nerve blocks | Topical, sometimes oral analgesia |
| Pigment risks | Includes delayed, lasting lightening | Mainly temporary darkening |
| Usual skin types | I-II, selected III | I-IV with adjusted settings |

## When full ablation still earns its place

Fully ablative resurfacing remains a strong option for severe photodamage and deep lines around the mouth and eyes
in fair skin, in patients who prefer one intensive recovery to several shorter ones. It is a procedure of surgical
intensity: it needs an experienced physician, infection prophylaxis, close follow-up, and usually a setting where
sedation can be monitored. The risks of infection, scarring and permanent loss of pigment are higher, which is why
most aesthetic practices now treat the majority of patients fractionally.

The FX-40 and FX-60 in our range are built around a fractional scanner. Their normal cutting handpiece is meant for
excising and vaporising individual lesions, not for full-face, full-field resurfacing.

## The middle ground

Between the two extremes sits a range of options:

- **Higher-density fractional passes** on a limited area, for example lines around the mouth, give more change per
  session with a somewhat longer recovery.
- **Deeper columns at low density** reach scars and thick photodamage while keeping the surface injury modest.
- **RF-based remodelling**, such as [RF microneedling](/knowledge/rf-microneedling-depths-and-needle-types/),
  heats the dermis with little surface injury and suits darker skin types and patients who cannot take time off.
- **Laxity rather than texture** responds better to
  [focused ultrasound](/knowledge/hifu-cartridges-and-depths/), which reaches layers that resurfacing does not.

## Questions to settle with the patient

1. How much downtime can they accept, and do they prefer it in one block or spread over several sessions?
2. What is their Fitzpatrick skin type, and have they had pigment problems after injury or sun?
3. Is the main concern texture and lines, scars, pigment, or sagging?
4. How far will they go with aftercare and months of sun protection?
5. Do they have risk factors for poor healing, such as smoking, diabetes or recent isotretinoin?

For most patients in an aesthetic clinic, the answers point to fractional treatment. The procedure itself is laid
out in [fractional CO2 resurfacing, step by step](/knowledge/fractional-co2-resurfacing-step-by-step/).

## What the difference means for the clinic

Fractional resurfacing fits an outpatient schedule: topical anaesthesia, a session of an hour or two, and a patient
who goes home the same day and comes back for a review after a week. Fully ablative resurfacing needs longer chair
time, monitored sedation and more intensive wound care in the first fortnight. When deciding which services to
offer, the staffing, insurance and follow-up capacity weigh as much as the laser itself.
""",
        "faqs": [
            {
                "question": "Does fractional resurfacing give the same result as fully ablative?",
                "answer": (
                    "Over a course of sessions it can come close for many indications, but one fully ablative "
                    "session still gives a larger change. The trade-off is downtime and risk."
                ),
            },
            {
                "question": "What is delayed hypopigmentation?",
                "answer": (
                    "A lasting lightening of treated skin that can appear months after fully ablative resurfacing. "
                    "It is much less common after fractional treatment."
                ),
            },
            {
                "question": "Which resurfacing option suits darker skin?",
                "answer": (
                    "Fractional treatment at conservative density, or a non-ablative alternative. Full ablation is "
                    "generally avoided in Fitzpatrick types IV to VI."
                ),
                "link": "rf-microneedling-depths-and-needle-types",
            },
            {
                "question": "How long is the recovery after fractional CO2?",
                "link": "co2-resurfacing-aftercare-and-recovery",
            },
        ],
        "references": [MANSTEIN_2004, PREISSIG_2012],
    },
    {
        "slug": "picosecond-vs-q-switched-nd-yag",
        "title": "Picosecond or Q-switched Nd:YAG for tattoos and pigment",
        "author": "Clinical applications team",
        "published": "2026-04-21",
        "takeaway": (
            "Both lasers clear ink and pigment by heating particles faster than the heat can escape; picosecond "
            "pulses are roughly ten to twenty times shorter than the nanosecond pulses of a Q-switched laser and add "
            "a stronger mechanical, photoacoustic effect. A Q-switched Nd:YAG remains a capable, economical choice for "
            "black ink and many pigment lesions; picosecond platforms tend to clear stubborn and coloured tattoos in "
            "fewer sessions, but no laser can promise complete removal."
        ),
        "devices": ["HAS-PICO-3C", "HAS-PICO-3P", "HAS-QY-1", "HAS-QY-2P"],
        "families": ["picosecond-laser", "q-switched-nd-yag-laser"],
        "treatments": ["tattoo-removal", "pigmentation"],
        "body": """\
## The shared principle

Tattoo ink and pigment lesions are cleared by selective photothermolysis: light of a wavelength the target absorbs
better than the surrounding skin, delivered in a pulse shorter than the time the target takes to lose its heat (its
thermal relaxation time). Anderson and Parrish set out this principle in 1983, and every pigment laser since has
refined it. Ink particles are tiny and cool very quickly, which is why pigment lasers need extremely short pulses.

## Nanoseconds and picoseconds

A Q-switched Nd:YAG laser emits pulses of a few nanoseconds; the QY series delivers about 6 ns. A picosecond laser
emits pulses of a few hundred picoseconds, 300 to 450 ps on the PS-3 series, roughly ten to twenty times shorter.

At these timescales heat is only part of the story. A very short pulse builds up pressure inside the particle faster
than it can be relieved, and the particle breaks apart mechanically, a photoacoustic effect. Picosecond pulses tend
to fragment ink into smaller pieces at lower fluence, and macrophages and the lymphatic system clear small fragments
more easily. In practice this often means fewer sessions for stubborn black and multicolour tattoos, although
results vary between studies and nanosecond lasers remain effective for many tattoos.

## Wavelength still follows colour

| Ink or target | Best-absorbed wavelength | Notes |
|---|---|---|
| Black, dark blue | 1064 nm | Deepest reach; the safest choice in darker skin |
| Red, orange, yellow | 532 nm | Also absorbed by melanin: care in darker skin |
| Green | 755 nm, or the 650 nm dye handpiece (PS-3 Pro) | Historically among the hardest colours |
| Sky blue, turquoise | 585 nm dye handpiece | Available on both PS-3 models |
| Sun spots (lentigines) | 532 nm | Often one or two sessions |
| Deeper dermal pigment | 1064 nm | Several sessions at long intervals |

## Side by side

| Feature | Q-switched Nd:YAG (QY-1, QY-2 Pro) | Picosecond (PS-3 Compact, PS-3 Pro) |
|---|---|---|
| Pulse width | About 6 ns | 300-450 ps |
| Wavelengths | 1064 and 532 nm, plus 1320 nm on the QY-2 Pro | 532, 755 and 1064 nm, optional dye handpieces |
| Black ink | Effective | Effective, often in fewer sessions |
| Coloured ink | Red with 532 nm, little beyond | A broader palette |
| Pigment lesions | Lentigines, some dermal pigment | The same, plus a fractional lens for texture |
| Carbon peel | Yes, with carbon lotion | Not its main use |
| Investment | Lower | Higher |

## Planning sessions

- **Tattoos** need multiple sessions, usually six to eight weeks apart so that the body can clear the fragments.
  Dense professional and multicolour tattoos need the most; amateur tattoos often fewer. Scales such as the
  Kirby-Desai score help set expectations at the consultation, and no one can promise complete clearance.
- **Lentigines** often clear in one or two sessions.
- **Melasma** is not a simple pigment target: aggressive settings can worsen it or leave mottled lightening.
  Low-fluence protocols exist, but melasma needs medical management and cautious expectations.

## Safety points for both technologies

- Eye protection rated for every wavelength in use, for the operator and the patient.
- Test spots on cosmetic tattoos: white, flesh-coloured and some red inks contain pigments that can darken
  permanently under a laser.
- In darker skin, favour 1064 nm, lower fluence and larger spots, and watch for lightening of the skin.
- A history of systemic gold therapy is a contraindication, because short-pulse lasers can leave a permanent
  blue-grey discolouration in such patients.
- Expect whitening of the tattoo straight after the pulse (frosting), pinpoint bleeding, swelling and sometimes
  blisters; aftercare is that of a superficial wound.
- Allergic reactions to ink can flare as particles are mobilised, so allergic tattoos need a medical review first.

## Which to choose

A salon or new clinic adding pigment and black-tattoo work often starts with a Q-switched laser: robust,
economical, and with a carbon-peel application that helps fill the schedule. A dedicated tattoo-removal service,
or a dermatology practice seeing multicolour and previously treated tattoos, gets more from a picosecond platform.
Either way, laser safety training and a proper consultation matter more than the pulse width; see
[equipping a new aesthetic clinic](/knowledge/choosing-devices-for-a-new-clinic/).
""",
        "faqs": [
            {
                "question": "How many sessions does laser tattoo removal take?",
                "answer": (
                    "It varies widely with ink, colour, depth, location and skin type. Amateur tattoos may need a "
                    "few sessions, dense multicolour tattoos often ten or more, six to eight weeks apart."
                ),
            },
            {
                "question": "Is a picosecond laser always better than a Q-switched laser?",
                "answer": (
                    "Not always. It tends to clear stubborn and coloured ink in fewer sessions, but a Q-switched "
                    "Nd:YAG treats black ink and many pigment lesions well at a lower cost."
                ),
            },
            {
                "question": "Can tattoos be removed from darker skin?",
                "answer": (
                    "Yes, preferring 1064 nm, conservative fluence and test spots. 532 nm is also absorbed by the "
                    "skin's own melanin and needs particular care."
                ),
                "link": "diode-laser-wavelengths-and-skin-types",
            },
            {
                "question": "Why do some cosmetic tattoos turn dark after laser treatment?",
                "answer": (
                    "White and flesh-toned inks often contain titanium dioxide or iron oxide, which can change "
                    "colour under a laser. Always test a small area first."
                ),
            },
        ],
        "references": [
            ANDERSON_PARRISH_1983,
            {
                "citation": "Bernstein EF. Laser tattoo removal. Semin Plast Surg. 2017;31(3):163-170.",
                "doi": "10.1055/s-0037-1604079",
            },
            {
                "citation": (
                    "Ho SG, Goh CL. Laser tattoo removal: a clinical update. J Cutan Aesthet Surg. 2015;8(1):9-15."
                ),
                "doi": "10.4103/0974-2077.155065",
            },
            {
                "citation": (
                    "Sardana K, Ranjan R, Ghunawat S. Optimising laser tattoo removal. "
                    "J Cutan Aesthet Surg. 2015;8(1):16-24."
                ),
                "doi": "10.4103/0974-2077.155068",
            },
        ],
    },
    {
        "slug": "diode-laser-wavelengths-and-skin-types",
        "title": "Diode laser hair removal: 755, 808 and 1064 nm across Fitzpatrick skin types",
        "author": "Training and laser safety team",
        "published": "2026-05-12",
        "takeaway": (
            "All three wavelengths target melanin in the hair follicle; what changes is how strongly the skin's own "
            "melanin competes and how deep the light reaches. 755 nm suits fair skin and finer hair, 808 nm is the "
            "all-round middle, and 1064 nm is the safest choice for skin types V and VI. Multi-wavelength handpieces "
            "blend them, but fluence, pulse duration and cooling must still follow the skin in front of you."
        ),
        "devices": ["HAS-DL-1200", "HAS-DL-1600D", "HAS-IPL-4"],
        "families": ["diode-laser-hair-removal", "ipl-shr-platform"],
        "treatments": ["hair-removal"],
        "body": """\
## Melanin: the target and the competitor

Laser hair removal relies on melanin in the hair shaft and follicle to absorb light and turn it into heat, damaging
the structures that regrow the hair. The same pigment sits in the epidermis, and the darker the skin, the more it
competes for the light. Every choice in hair removal, from wavelength to pulse duration to cooling, is about heating
the follicle enough while keeping the epidermis safe.

Because the target is melanin, lasers work best on dark, coarse hair. White, grey and most red or fair blonde hair
contains too little of the right pigment to respond reliably, whatever the device.

## The three classic wavelengths

### 755 nm

Of the three, 755 nm is absorbed most strongly by melanin. That makes it efficient on finer and lighter-brown hair
in fair skin, Fitzpatrick types I to III, and the riskiest choice in tanned or darker skin.

### 808 nm

The traditional diode wavelength combines good melanin absorption with deeper penetration and less epidermal
absorption than 755 nm. It suits most body areas and a wide range of skin types, with more conservative settings
in type V.

### 1064 nm

Absorbed least by melanin and reaching deepest, 1064 nm spares the epidermis best. It is the preferred wavelength
for types V and VI and for deep, coarse hair such as the beard area or back. It is less effective on fine hair and
often feels more uncomfortable.

Some platforms also use 940 nm, which sits between 808 and 1064 nm; the DL-1600 Duo includes it.

## Wavelengths at a glance

| Wavelength | Melanin absorption | Depth | Best suited to | Main caution |
|---|---|---|---|---|
| 755 nm | Highest | Shallow to medium | Types I-III, finer or lighter hair | Burns in tanned or dark skin |
| 808 nm | Moderate | Medium to deep | Types I-V, most body areas | Conservative fluence in type V |
| 940 nm | Moderate to low | Deep | Types III-V | Fewer published comparisons |
| 1064 nm | Lowest | Deepest | Types IV-VI, deep coarse hair | Weaker on fine hair; more discomfort |

## Why blended handpieces

Triple-wavelength handpieces such as those of the DL-1200 and DL-1600 Duo emit 755, 808 and 1064 nm together (the
Duo adds 940 nm). The idea is to combine the strong absorption of 755 nm, the all-round behaviour of 808 nm and the
depth and safety of 1064 nm in one pass, so that one device can treat a mixed patient list. A blend does not remove
the need to set parameters for each patient: a beam that includes 755 nm still puts more load on the epidermis
than 1064 nm alone.

## Settings that matter as much as wavelength

- **Fluence**, the energy per area: start conservatively in darker skin and increase between sessions as tolerated.
- **Pulse duration:** longer pulses, tens of milliseconds, let the thin epidermis shed heat while the larger follicle
  keeps heating. Longer pulses are the main safety lever in darker skin.
- **Cooling:** contact cooling through a sapphire window, down to about -3 °C on the DL-1200 and -5 °C on the
  DL-1600 Duo, protects the epidermis and reduces discomfort.
- **Spot size:** larger spots reach deeper and cover an area faster.

## Planning a course

- Hair grows in cycles and the laser affects follicles in the active growth (anagen) phase, so several sessions
  are needed: commonly six to eight, about four to six weeks apart on the face and six to eight weeks on the body.
- Patients shave the day before and avoid waxing, plucking and epilators for about four to six weeks before the
  course, since these remove the target.
- No tanning or self-tan for several weeks before and during the course.
- The honest promise is long-term hair reduction, not complete and permanent removal; occasional maintenance
  sessions are normal.

## Contraindications and side effects

- Pregnancy (elective treatment is postponed), photosensitising medicines, active infection or inflammation in the
  area.
- Tattoos and permanent make-up in the area are avoided; moles are covered or avoided.
- Common, short-lived effects: redness and swelling around the follicles for hours to a few days.
- Less common: blisters and temporary darkening or lightening of the skin, usually with a tan or settings that
  were too aggressive.
- Rare: paradoxical stimulation of hair growth, reported mostly on the face and neck in darker skin types.
- Everyone in the room wears eye protection rated for the wavelengths in use, and the area inside the bony orbit is
  never treated.

Skin type is best judged from the patient's burn-and-tan history rather than at a glance, as described in
[preparing patients for CO2 resurfacing](/knowledge/preparing-patients-for-co2-resurfacing/), and documented with
standard photographs, for example with a [skin analyser](/knowledge/skin-analysers-in-the-consultation/).
""",
        "faqs": [
            {
                "question": "Which laser wavelength is safest for dark skin?",
                "answer": (
                    "1064 nm, because the skin's own melanin absorbs it least. Combine it with long pulses, contact "
                    "cooling and conservative fluence."
                ),
            },
            {
                "question": "Does laser hair removal work on grey or blonde hair?",
                "answer": (
                    "Generally not reliably: those hairs lack the pigment the laser needs. Patients should hear this "
                    "before they buy a course."
                ),
            },
            {
                "question": "How many laser hair removal sessions are needed?",
                "answer": (
                    "Commonly six to eight, four to eight weeks apart depending on the area, followed by occasional "
                    "maintenance sessions."
                ),
            },
            {
                "question": "Should a new clinic choose a diode laser or IPL for hair removal?",
                "answer": (
                    "IPL and SHR also target melanin and work well in lighter skin; a diode laser delivers a narrow "
                    "band with consistent depth and usually suits a wider range of skin types."
                ),
                "link": "choosing-devices-for-a-new-clinic",
            },
        ],
        "references": [
            {
                "citation": (
                    "Ibrahimi OA, Avram MM, Hanke CW, Kilmer SL, Anderson RR. Laser hair removal. "
                    "Dermatol Ther. 2011;24(1):94-107."
                ),
                "doi": "10.1111/j.1529-8019.2010.01382.x",
            },
            FITZPATRICK_1988,
            ANDERSON_PARRISH_1983,
        ],
    },
    {
        "slug": "hifu-cartridges-and-depths",
        "title": "HIFU cartridges and depths: which layer each one treats",
        "author": "Clinical applications team",
        "published": "2026-06-02",
        "takeaway": (
            "A HIFU cartridge is defined by its focal depth and frequency: 1.5 mm works in the upper dermis, 3.0 mm "
            "in the deep dermis, 4.5 mm at the SMAS, and the 8 and 13 mm body cartridges in subcutaneous fat. Choosing "
            "each cartridge for the tissue thickness in front of you, not by habit, keeps treatment effective and "
            "avoids nerve, bone and volume-loss problems."
        ),
        "devices": ["HAS-HIFU-7", "HAS-HIFU-5V"],
        "families": ["hifu"],
        "treatments": ["skin-tightening", "wrinkles-fine-lines", "body-contouring"],
        "body": """\
## How focused ultrasound heats below the surface

High-intensity focused ultrasound (HIFU) brings ultrasound energy to a focal point below the skin, much as a lens
focuses light. At the focus the tissue heats to roughly 60-70 °C for a fraction of a second, forming a tiny thermal
coagulation point, while the skin surface above stays essentially unaffected. A cartridge lays down a line of these
points at one fixed depth, and rows of lines build a plane of controlled injury. Collagen at the points contracts at
once, and the wound-healing response lays down new collagen over the following two to three months.

Each cartridge has a fixed focal depth and a frequency. Higher frequencies (7 MHz) focus shallower; lower
frequencies (4 MHz and 2 MHz) reach deeper.

## Facial cartridges

### 1.5 mm, 7 MHz: the upper dermis

Targets the superficial dermis for fine lines and skin quality. Useful around the eyes and mouth and on the thin
skin of the forehead and neck, at low energy.

### 3.0 mm, 7 MHz: the deep dermis

The workhorse for firmness. It heats the reticular dermis, where most of the skin's structural collagen sits, and is
used across the cheeks, forehead, submental area and neck.

### 4.5 mm, 4 MHz: the SMAS

Reaches the superficial musculoaponeurotic system (SMAS), the fibrous layer a surgeon lifts in a facelift, and the
platysma in the neck. It is used for lift along the lower face, jawline and submental area, and needs restraint in
thin faces, over bone and near nerves.

## Body cartridges

The 6, 8, 10 and 13 mm cartridges of the HF-7 work at 2 MHz and place their focus in subcutaneous fat. They are
used on the abdomen, flanks, thighs and arms for contouring and some tightening, and only where the fat layer is
clearly thicker than the focal depth. Measuring with a pinch or, better, diagnostic ultrasound prevents the focus
landing on fascia, muscle or bone.

## Cartridges at a glance

| Cartridge | Frequency | Target layer | Typical areas |
|---|---|---|---|
| 1.5 mm | 7 MHz | Upper (papillary) dermis | Around the eyes and mouth, fine lines |
| 3.0 mm | 7 MHz | Deep (reticular) dermis | Cheeks, forehead, neck |
| 4.5 mm | 4 MHz | SMAS and platysma | Lower face, jawline, submental area |
| 8 mm | 2 MHz | Superficial subcutaneous fat | Abdomen, flanks, arms with enough fat |
| 13 mm | 2 MHz | Deeper subcutaneous fat | Abdomen, flanks, thighs with ample fat |

## Combining depths on the face

A common full-face plan uses two depths per area: 4.5 mm for structural lift along the jawline and mid-face where
the tissue is thick enough, then 3.0 mm over the same areas for skin quality, keeping 1.5 mm for lines around the
eyes and mouth. In the prospective study by Alam and colleagues, treatment of the face and neck with 4.5 mm and
3.0 mm transducers was judged to improve most subjects at 90 days by blinded raters, with a small but measurable
brow lift. The HF-5V covers the three facial depths and adds rotating cartridges for intimate treatments.

## Where not to focus

- Keep deep cartridges out of the orbit, and never treat over the eyelids.
- Avoid deep energy over the thyroid and the front of the neck, and take care at the temple, where the temporal
  branch of the facial nerve runs close to the surface; nerve irritation is usually temporary but distressing.
- Do not fire deep cartridges over thin tissue lying directly on bone, such as the forehead or the jaw margin.
- In thin faces, repeated 4.5 mm passes over the cheeks can cause unwanted loss of volume.
- Defer treatment over open wounds, active acne or infection, and over recent fillers or threads unless the
  manufacturer's guidance allows it.
- Pregnancy, and implanted electronic or metal devices in the area, follow the manufacturer's list of
  contraindications.
- Expected effects are transient redness, swelling and tenderness, sometimes bruising, or temporary raised lines
  where passes overlapped.

## Shots, lines and consumables

Each cartridge is rated for a number of shots: 20,000 on the HF-7 and 10,000 on the HF-5V. A full face uses several
hundred lines, so cartridges are a running cost to budget, not a one-off purchase; tracking shots per patient lets
the clinic price sessions accurately. Ultrasound gel is the other consumable.

## Expectations

Results build over two to three months and suit mild to moderate laxity in patients who are not candidates for, or
do not want, surgery; many clinics offer a yearly maintenance session. For body fat, the alternatives are covered in
[cryolipolysis and combination body contouring](/knowledge/cryolipolysis-and-combination-body-contouring/). When the
concern is texture rather than laxity, resurfacing works better; see
[fractional or fully ablative resurfacing](/knowledge/fractional-vs-fully-ablative-resurfacing/).
""",
        "faqs": [
            {
                "question": "Which HIFU cartridge treats the SMAS?",
                "answer": (
                    "The 4.5 mm cartridge, usually at 4 MHz. It reaches the fibrous layer that is lifted in a "
                    "surgical facelift."
                ),
            },
            {
                "question": "When do HIFU results appear?",
                "answer": (
                    "Some tightening is felt at once, but the main change builds over two to three months as new "
                    "collagen forms."
                ),
            },
            {
                "question": "Can HIFU replace a facelift?",
                "answer": (
                    "No. It suits mild to moderate laxity; marked sagging with excess skin is a surgical problem."
                ),
            },
            {
                "question": "Does HIFU reduce body fat?",
                "answer": (
                    "Body cartridges of 8 to 13 mm can reduce localised fat where the layer is thick enough, but "
                    "cryolipolysis is the better-studied option."
                ),
                "link": "cryolipolysis-and-combination-body-contouring",
            },
        ],
        "references": [
            {
                "citation": (
                    "Alam M, White LE, Martin N, Witherspoon J, Yoo SS, West DP. Ultrasound tightening of facial and "
                    "neck skin: a rater-blinded prospective cohort study. J Am Acad Dermatol. 2010;62(2):262-269."
                ),
                "doi": "10.1016/j.jaad.2009.06.039",
            },
            {
                "citation": (
                    "Fabi SG. Noninvasive skin tightening: focus on new ultrasound techniques. "
                    "Clin Cosmet Investig Dermatol. 2015;8:47-52."
                ),
                "doi": "10.2147/CCID.S69118",
            },
        ],
    },
    {
        "slug": "cryolipolysis-and-combination-body-contouring",
        "title": "Cryolipolysis and combination body contouring: where cavitation, RF, lipo laser and EMS fit",
        "author": "Body contouring specialists",
        "published": "2026-06-23",
        "takeaway": (
            "Cryolipolysis is the best-studied non-surgical fat reduction: controlled cooling kills fat cells, and "
            "studies report average reductions of roughly 10-28% of the treated fat layer after two to three months. "
            "Cavitation, radiofrequency and lipo laser can support contour and skin quality between cycles, and "
            "electromagnetic stimulation works on muscle, but none of them is weight loss, and patient selection "
            "matters more than the number of handpieces."
        ),
        "devices": ["HAS-CRYO-2", "HAS-CRYO-CC4", "HAS-CAV-40", "HAS-EMS-2"],
        "families": ["cryolipolysis", "cavitation-rf-slimming", "ems-body-sculpting"],
        "treatments": ["fat-reduction", "body-contouring", "cellulite", "muscle-toning"],
        "body": """\
## How cryolipolysis reduces fat

Fat cells are more sensitive to cold than the skin, nerves and vessels around them. Controlled cooling of a fold
of tissue, drawn into an applicator by vacuum, chills the fat enough to trigger fat-cell death without freezing the
skin. Manstein and colleagues demonstrated this selective effect in a pig model in 2008. Over the following weeks
the body clears the damaged cells through a slow inflammatory process, and the visible change builds over two to
three months.

A systematic review by Ingargiola and colleagues found average reductions of the fat layer of about 15-28% measured
with calipers and about 10-25% measured by ultrasound, with mostly mild, short-lived side effects.

## Choosing the right patient

Cryolipolysis treats localised, pinchable fat in people close to a stable weight. It is not a weight-loss treatment
and does nothing for fat around the organs.

Do not treat patients with:

- cryoglobulinaemia, cold agglutinin disease, paroxysmal cold haemoglobinuria or cold urticaria;
- a hernia, recent surgery or scarring in the treatment area;
- pregnancy;
- impaired sensation or active skin disease in the area.

Take particular care with Raynaud's phenomenon and with anyone who has had poor results or complications from an
earlier cycle.

## Side effects to explain before consent

- Redness, swelling, bruising and firmness for days to weeks.
- Numbness or altered sensation for several weeks, and occasionally delayed pain around the second week.
- Paradoxical adipose hyperplasia: a rare, firm enlargement of fat in the treated area that appears months later.
  It was first described by Jalian and colleagues in 2014 and has been reported more often since. It does not
  resolve on its own and may need surgical correction, so it belongs in every consent form.
- Cold injury to the skin if the protective membrane is left out or the applicator is misused: always use a fresh
  antifreeze membrane.

## Where the other technologies fit

### Ultrasonic cavitation

Low-frequency ultrasound, around 40 kHz, is intended to disrupt fat cells mechanically. The evidence is weaker than
for cryolipolysis, and changes in circumference are often modest and partly temporary. It is best presented as a
supporting treatment between cryolipolysis cycles.

### Radiofrequency

Multipolar RF heats the dermis and upper fat to improve firmness and the look of cellulite. It is useful after fat
reduction, when skin quality decides how good the new contour looks.

### Lipo laser

Low-level diode pads are used for circumference reduction. The effect is thought to act on the contents of fat
cells rather than their number, and it is mild and short-lived, so it works as an add-on, not as a main treatment.

### Electromagnetic muscle stimulation

High-intensity electromagnetic fields produce strong involuntary muscle contractions, aimed at tone and definition.
A systematic review by Swanson found modest measured changes and noted that most studies were written by advisers
to device makers. Promise firmer, more toned muscle, not dramatic change.

## Modalities at a glance

| Modality | Mechanism | Main target | Typical course | Strength of evidence |
|---|---|---|---|---|
| Cryolipolysis | Controlled cooling, fat-cell death | Localised fat | 1-2 cycles per area | Strongest of the group |
| Cavitation | Low-frequency ultrasound | Fat layer, contour | 6-10 weekly sessions | Limited |
| Multipolar RF | Heating of the dermis | Laxity, cellulite | 6-8 weekly sessions | Moderate for skin quality |
| Lipo laser | Low-level light | Circumference | With other treatments | Limited, short-lived |
| EMS | Electromagnetic contractions | Muscle tone | 4 sessions over 2 weeks | Modest, mostly industry-led |

## A sample combination plan

1. Consultation: photographs, weight, circumference and pinch thickness; consent that includes paradoxical
   adipose hyperplasia.
2. Week 0: a cryolipolysis cycle on the main bulge, for example the lower abdomen.
3. Weeks 2-8: weekly RF, with or without cavitation, on the surrounding areas for skin quality.
4. Optionally, a course of electromagnetic stimulation for the abdominal muscles.
5. Weeks 8-12: review photographs and measurements, and a second cryolipolysis cycle if the fold remains.

Keep heat-based and cold-based treatments of the same area in separate visits unless the manufacturer's protocol
says otherwise, and do not heat or massage an area where sensation is still reduced.

## Equipment notes

The Cryo 360 Duo, with two handles, suits a clinic starting body work; the four-handle Studio suits a high-volume
centre. The Cryo Combo CC-3 and CC-4 add cavitation and lipo laser on one base, and the CC-4 adds multipolar RF.
The CV-40 offers cavitation and RF without cryolipolysis, and the EMS Sculpt ES-2 adds muscle work. For focused
ultrasound on the body, see [HIFU cartridges and depths](/knowledge/hifu-cartridges-and-depths/); for planning the
whole clinic, [equipping a new aesthetic clinic](/knowledge/choosing-devices-for-a-new-clinic/).
""",
        "faqs": [
            {
                "question": "How much fat does one cryolipolysis cycle remove?",
                "answer": (
                    "Studies report average reductions of roughly 10-28% of the fat layer in the treated area, "
                    "visible after two to three months. Individual results vary."
                ),
            },
            {
                "question": "What is paradoxical adipose hyperplasia?",
                "answer": (
                    "A rare, firm enlargement of fat in the treated area months after cryolipolysis. It does not "
                    "resolve on its own and may need surgery, so it belongs in the consent."
                ),
            },
            {
                "question": "Can cryolipolysis be combined with EMS muscle stimulation?",
                "answer": (
                    "Yes, usually on separate visits or as the device protocol allows: cryolipolysis reduces fat, "
                    "electromagnetic stimulation works on the muscle underneath."
                ),
            },
            {
                "question": "Does HIFU work on body fat too?",
                "link": "hifu-cartridges-and-depths",
            },
        ],
        "references": [
            {
                "citation": (
                    "Manstein D, Laubach H, Watanabe K, Farinelli W, Zurakowski D, Anderson RR. Selective cryolysis: "
                    "a novel method of non-invasive fat removal. Lasers Surg Med. 2008;40(9):595-604."
                ),
                "doi": "10.1002/lsm.20719",
            },
            {
                "citation": (
                    "Ingargiola MJ, Motakef S, Chung MT, Vasconez HC, Sasaki GH. Cryolipolysis for fat reduction and "
                    "body contouring: safety and efficacy of current treatment paradigms. "
                    "Plast Reconstr Surg. 2015;135(6):1581-1590."
                ),
                "doi": "10.1097/PRS.0000000000001236",
            },
            {
                "citation": (
                    "Jalian HR, Avram MM, Garibyan L, Mihm MC, Anderson RR. Paradoxical adipose hyperplasia after "
                    "cryolipolysis. JAMA Dermatol. 2014;150(3):317-319."
                ),
                "doi": "10.1001/jamadermatol.2013.8071",
            },
            {
                "citation": (
                    "Swanson E. A systematic review of electromagnetic treatments for body contouring. "
                    "Ann Plast Surg. 2023;90(2):180-188."
                ),
                "doi": "10.1097/SAP.0000000000003387",
            },
        ],
    },
    {
        "slug": "rf-microneedling-depths-and-needle-types",
        "title": "RF microneedling: needle depths, insulated or non-insulated tips, and skin types",
        "author": "Clinical applications team",
        "published": "2026-07-14",
        "takeaway": (
            "RF microneedling releases heat through needles at a chosen depth, so the dermis is remodelled where the "
            "scar or laxity sits while the surface is largely spared. Insulated needles protect the epidermis and suit "
            "darker skin types; non-insulated needles heat the whole track for more surface renewal and more downtime. "
            "Expect a course of three to four sessions and gradual, not dramatic, change."
        ),
        "devices": ["HAS-MRF-1", "HAS-MRF-2P"],
        "families": ["rf-microneedling"],
        "treatments": ["acne-scars", "skin-tightening", "wrinkles-fine-lines", "skin-rejuvenation"],
        "body": """\
## How RF microneedling works

RF microneedling combines two injuries. Fine needles enter the skin to a set depth and create a mechanical
micro-wound; radiofrequency current then flows between the needle tips and heats the surrounding dermis to
coagulation. Because the energy is released inside the skin instead of being absorbed at the surface, the epidermis
is largely spared while the dermis receives a controlled thermal injury. As with fractional lasers, the result is a
wound-healing response that produces new collagen and elastin over the following months.

Three settings define a treatment: the needle depth, the RF energy (power and duration), and the tip, meaning the
number and type of needles. The MR-1 and MR-2 Pro offer tips from 10 pins for small areas and focal scars up to
64 or 81 pins for broad coverage, plus nano tips for superficial work.

## Needle depth by area

| Area | Typical depth range | Notes |
|---|---|---|
| Around the eyes | 0.5-1.0 mm | Thin skin; small or nano tips |
| Forehead and nose | 0.5-1.5 mm | Bone lies close beneath the skin |
| Cheeks, acne scars | 1.5-3.0 mm | Often two depths in one session |
| Jawline, submental area | 2.0-3.0 mm | Laxity; thicker tissue |
| Body: striae, abdomen | 2.0-4.0 mm | Body handpiece on the MR-2 Pro |

These are starting points, not a recipe. Estimate the skin thickness of the area, start within the manufacturer's
range and adjust. Treating two depths in one session, for example 2.5 mm and then 1.5 mm, reaches different levels
of a scar.

## Insulated or non-insulated needles

**Insulated needles** are coated along the shaft and conduct only near the tip. Heat is delivered at depth and the
epidermis is protected, which means less surface injury, shorter downtime and a lower risk of post-inflammatory
hyperpigmentation. They are the usual choice for darker skin types and deep dermal work. The MR-1 uses insulated
tips.

**Non-insulated needles** conduct along their whole length and heat a column from the surface down. They add a
resurfacing effect on texture and pores, with more redness and a longer recovery. The MR-2 Pro takes both types.

## Acne scars

RF microneedling suits rolling and boxcar scars, where thickening and remodelling the dermis lifts the surface. Ice
pick scars respond less and benefit from focal treatment first, and tethered scars from subcision. A typical course
is three to four sessions, four to six weeks apart. In a retrospective study by Chandrashekar and colleagues, 31
patients with skin types III to V and moderate to severe acne scars received four sessions six weeks apart; about
81% improved by two grades on the Goodman and Baron scale, and side effects were limited to transient pain,
redness, swelling and hyperpigmentation.

## Skin types

Because the surface is largely spared, especially with insulated needles, RF microneedling is one of the more
forgiving collagen-remodelling treatments for Fitzpatrick types IV to VI. Post-inflammatory hyperpigmentation is
less common than after ablative lasers but still possible, so sun protection and conservative starting energies
still apply.

## Contraindications

- Pacemakers, implanted defibrillators and other implanted electronic devices.
- Metal implants in the treatment area.
- Pregnancy.
- Active infection, cold sores or inflamed acne in the area.
- A tendency to keloids, bleeding disorders, or anticoagulants, which increase bruising.
- Allergy to the needle metal; many tips are gold-plated.
- Recent isotretinoin, according to the clinic's written policy.

## Procedure and aftercare

1. Topical anaesthetic for about 30 to 60 minutes, then removal and antisepsis.
2. Passes with minimal overlap, at one or more depths.
3. Cooling afterwards; the cold hammer of the MR-2 Pro helps with heat and swelling.

Redness and swelling usually last one to three days, and pinpoint marks fade within a few days. Patients cleanse
gently, leave make-up off for about 24 hours, skip exercise and saunas for a day or two, and use sunscreen daily.
Results build over three to six months after the course, so progress is judged on standardised photographs rather
than the mirror.

## RF microneedling or fractional CO2?

Fractional CO2 gives more change per session on texture and scars, but opens the skin surface and needs about a
week of recovery. RF microneedling gives a gentler change per session with less downtime and a lower pigment risk,
so it often suits darker skin and patients who cannot take time off. Many clinics offer both and choose by
indication; the laser side is explained in
[how fractional CO2 repairs atrophic acne scars](/knowledge/how-fractional-co2-repairs-atrophic-acne-scars/).
""",
        "faqs": [
            {
                "question": "What needle depth should be used for acne scars on the cheeks?",
                "answer": (
                    "Usually 1.5-3.0 mm, often two depths in the same session, adjusted to the skin thickness and "
                    "the depth of the scars."
                ),
            },
            {
                "question": "Are insulated needles better than non-insulated ones?",
                "answer": (
                    "For darker skin and deep dermal work, usually yes, because they protect the surface. "
                    "Non-insulated needles add surface renewal at the cost of more downtime."
                ),
            },
            {
                "question": "Is RF microneedling safe for Fitzpatrick types V and VI?",
                "answer": (
                    "It is one of the safer remodelling options for darker skin when energies are conservative and "
                    "sun protection is strict, but pigment change is still possible."
                ),
                "link": "preparing-patients-for-co2-resurfacing",
            },
            {
                "question": "How does RF microneedling compare with fractional CO2 for scars?",
                "link": "how-fractional-co2-repairs-atrophic-acne-scars",
            },
        ],
        "references": [
            {
                "citation": (
                    "Chandrashekar BS, Sriram R, Mysore R, Bhaskar S, Shetty A. Evaluation of microneedling "
                    "fractional radiofrequency device for treatment of acne scars. "
                    "J Cutan Aesthet Surg. 2014;7(2):93-97."
                ),
                "doi": "10.4103/0974-2077.138328",
            },
            MANSTEIN_2004,
        ],
    },
    {
        "slug": "choosing-devices-for-a-new-clinic",
        "title": "Equipping a new aesthetic clinic: which device families to start with",
        "author": "Clinic success team",
        "published": "2026-08-11",
        "takeaway": (
            "Start with the treatments your local patients already ask for, most often hair removal, skin "
            "rejuvenation and resurfacing, and add body contouring once the first rooms are busy. Judge each device "
            "by the sessions you can sell, the cost per session including consumables, and the training and "
            "regulatory evidence behind it, not by the number of handpieces in the brochure."
        ),
        "devices": ["HAS-DL-1200", "HAS-CO2-40", "HAS-HIFU-7", "HAS-SA-3", "HAS-HD-6"],
        "families": [
            "diode-laser-hair-removal",
            "fractional-co2-laser",
            "hifu",
            "skin-analyser",
            "hydro-dermabrasion",
        ],
        "treatments": ["hair-removal", "skin-resurfacing", "skin-tightening", "deep-cleansing-hydration"],
        "body": """\
## Start from demand, not from the catalogue

The best first device is the one your patients already ask for. Before comparing specifications, list the
treatments requested in your area, what other clinics charge, and who on your team may perform them under local
rules. For most new clinics three groups of treatments carry the early schedule:

- **Hair removal:** steady demand, repeat courses and predictable session lengths.
- **Skin rejuvenation and resurfacing:** texture, lines, scars and pigment, at higher prices per session.
- **Consultation and maintenance:** skin analysis and facials that bring patients back between courses.

Body contouring and specialised lasers usually follow once the first rooms are full.

## Three sensible starting rooms

1. **Laser room:** a diode hair-removal laser such as the DL-1200, later shared with a Q-switched or picosecond
   laser for pigment and tattoos (see
   [picosecond or Q-switched Nd:YAG](/knowledge/picosecond-vs-q-switched-nd-yag/)).
2. **Skin room:** fractional CO2 (the FX-40) or RF microneedling for scars and texture, with HIFU for laxity.
3. **Consultation and facial room:** a skin analyser such as the SA-3 and a hydro-dermabrasion station such as the
   HD-6, which turn consultations into treatment plans and fill gaps in the schedule.

## Throughput, consumables and training

| Family | Chair time per session | Typical course | Consumables | Training need |
|---|---|---|---|---|
| Diode hair removal | 15-60 min | 6-8 sessions | Gel, water filters | Moderate |
| Fractional CO2 | 90-120 min with numbing | 1-3 sessions | Anaesthetic, dressings | High, physician-led |
| RF microneedling | 60-90 min with numbing | 3-4 sessions | Needle tips per patient | Moderate to high |
| HIFU | 30-90 min | Once a year | Cartridge shots, gel | Moderate |
| Cryolipolysis | 35-75 min per cycle | 1-2 cycles per area | Membranes | Moderate |
| Hydro-dermabrasion | 30-60 min | Monthly | Serums, tips | Low |
| Skin analyser | About 10 min | Every visit | None | Low |

Chair time is the real constraint. A hair-removal laser that treats a full leg in twenty minutes earns more in a
day than a faster-sounding device that needs long set-up. Consumables matter just as much: needle tips, cartridges
and membranes can be a large share of the cost of a session.

## A simple return-on-investment check

Run the numbers for each device before buying, with your own prices:

- **Contribution per session** = price charged - consumables - operator time.
- **Monthly contribution** = contribution per session x sessions you can realistically sell each month.
- **Payback period** = (device price + installation and training) / monthly contribution, after service contracts
  and financing costs.

As an illustration only: if a hair-removal session leaves a contribution of 50 after consumables and staff time,
and the room sells 40 sessions a month, the monthly contribution is 2,000, and a device costing 9,800 pays back in
about five months before rent and marketing. Halve the number of sessions and the payback doubles; that
sensitivity, not the headline figure, is what to plan around. Our device prices are public; your local prices and
demand are the unknowns.

## Who may operate, and training

Rules on who may operate Class 4 lasers, focused ultrasound and RF microneedling differ between countries and
sometimes between regions. Check them before you buy, not after. Whatever the rules, plan for:

- manufacturer training on each device, followed by supervised first cases;
- a named laser protection adviser or laser safety officer, local rules and a controlled laser area, in line with
  IEC 60825-1;
- written protocols for consultation, consent, settings, aftercare and complications, for example the
  [fractional CO2 protocol](/knowledge/fractional-co2-resurfacing-step-by-step/);
- a medical director responsible for prescription items, such as anaesthetics and antivirals, and for
  complications.

## Certifications to ask for

- **CE marking under the EU Medical Device Regulation (EU) 2017/745** for the European market, with the notified
  body's certificate number.
- **FDA 510(k) clearance** for the United States, and the indications it covers.
- **UKCA, TGA or Health Canada** registrations where you practise.
- The manufacturer's **ISO 13485** certificate for its quality management system.

Ask for certificate numbers, check that they name the exact model you are buying, and keep copies on file. Each of
our device pages lists the certifications it holds and the markets they cover.

## Service, warranty and space

- Warranty length, what it covers (laser tube, handpieces, cartridges) and the turnaround for repairs.
- A loan unit, remote diagnostics and spare parts held in your region.
- Consumable prices for the next three years, not just the first order.
- Electrical supply, cooling and ventilation: a CO2 laser needs a smoke evacuator and a room where the plume can
  be managed.

## Common mistakes

- Buying an all-in-one platform for treatments nobody in the area asks for.
- Leaving consumables and cartridges out of the session price.
- Taking delivery before operator training and insurance are in place.
- Choosing on peak power alone; for hair removal, spot size, cooling and reliability affect throughput more (see
  [diode laser wavelengths and skin types](/knowledge/diode-laser-wavelengths-and-skin-types/)).

When the plan is clear, our specialists can put together a quote with the options and consumables you need.
""",
        "faqs": [
            {
                "question": "Which device should a new aesthetic clinic buy first?",
                "answer": (
                    "Usually a diode hair-removal laser: steady demand, repeat courses and predictable sessions. Add "
                    "resurfacing or RF microneedling once the team is trained."
                ),
            },
            {
                "question": "What certifications should an aesthetic laser have?",
                "answer": (
                    "CE marking under the EU MDR for Europe and FDA 510(k) clearance for the United States, plus "
                    "national registrations where needed, and an ISO 13485 certificate for the manufacturer."
                ),
            },
            {
                "question": "Do consumables change the return on investment?",
                "answer": (
                    "Yes. Needle tips, cartridges and membranes can be a large share of the session cost; include "
                    "them before setting prices."
                ),
            },
            {
                "question": "Which laser suits tattoo removal in a new clinic?",
                "link": "picosecond-vs-q-switched-nd-yag",
            },
            {
                "question": "How do HIFU cartridges affect running costs?",
                "answer": "Each cartridge is rated for a fixed number of shots, so shots per session set the cost.",
                "link": "hifu-cartridges-and-depths",
            },
        ],
        "references": [
            {
                "citation": (
                    "Regulation (EU) 2017/745 of the European Parliament and of the Council of 5 April 2017 on "
                    "medical devices. Official Journal of the European Union, EUR-Lex."
                ),
                "url": "https://eur-lex.europa.eu/eli/reg/2017/745/oj",
            },
            {
                "citation": "US Food and Drug Administration. Premarket Notification 510(k).",
                "url": (
                    "https://www.fda.gov/medical-devices/premarket-submissions-selecting-and-preparing-correct-"
                    "submission/premarket-notification-510k"
                ),
            },
            {
                "citation": (
                    "ISO 13485:2016. Medical devices: quality management systems, requirements for regulatory "
                    "purposes. International Organization for Standardization."
                ),
                "url": "https://www.iso.org/standard/59752.html",
            },
            {
                "citation": (
                    "IEC 60825-1:2014. Safety of laser products, part 1: equipment classification and requirements. "
                    "International Electrotechnical Commission."
                ),
                "url": "https://webstore.iec.ch/publication/3587",
            },
        ],
    },
    {
        "slug": "low-level-laser-650-nm-for-hair-regrowth",
        "title": "650 nm low-level laser for hair regrowth: what the evidence supports",
        "author": "Clinical applications team",
        "published": "2026-09-08",
        "takeaway": (
            "Red light around 650 nm is thought to act on the mitochondria of follicle cells and can increase hair "
            "density in androgenetic alopecia; the best evidence comes from randomised, sham-controlled trials. It "
            "works slowly, so judge it after 16-26 weeks, it works best within a medical plan, and it does not regrow "
            "hair on scarred or long-bald scalp."
        ),
        "devices": ["HAS-HG-H272", "HAS-HG-S300"],
        "families": ["hair-growth-laser"],
        "treatments": ["hair-regrowth"],
        "body": """\
## Who it is for

Low-level laser therapy (LLLT), also called photobiomodulation, is used mainly for androgenetic alopecia: male
pattern hair loss and female pattern thinning in their early to moderate stages. It works on follicles that are
shrinking but still present. It does not bring hair back in scarring alopecia, or on scalp that has been smooth and
bald for years.

The diagnosis comes first. Patterned thinning has to be told apart from telogen effluvium (shedding after illness,
childbirth or crash dieting), alopecia areata and scarring conditions, and iron deficiency or thyroid disease are
checked when the history suggests them. A clinician who examines the scalp, ideally with a trichoscope or scalp
camera, decides whether LLLT is appropriate.

## How red light is thought to act

Red light around 630-680 nm penetrates the scalp to the depth of the follicles. The leading explanation is that it
is absorbed by cytochrome c oxidase in the mitochondria, increasing the cell's energy production and triggering
signals that can move resting follicles into the growth (anagen) phase and keep them there longer. The mechanism is
still being studied; the clinical evidence matters more than the theory.

The output is low, a few milliwatts per diode (5 mW on our devices), so there is no heating and no injury, unlike
the lasers used for [hair removal](/knowledge/diode-laser-wavelengths-and-skin-types/).

## What the trials show

The strongest evidence comes from randomised trials against identical sham devices. In the multicentre study by
Jimenez and colleagues, 128 men and 141 women with pattern hair loss were randomised to a laser comb or a sham
device, used three times a week for 26 weeks; terminal hair density rose significantly more with the active
devices, in both sexes. Trials of helmets and caps point the same way. Most trials are short and several were
funded by manufacturers, so claims should stay modest: thicker, denser hair for many patients, not a full head of
hair.

## A typical protocol

| Parameter | Typical protocol | Notes |
|---|---|---|
| Wavelength | About 650 nm | Red light, no heating |
| Output | About 5 mW per diode | Many diodes cover the scalp |
| Session length | 15-30 minutes | Clean, dry hair |
| Frequency | 2-3 times a week | Every other day is common |
| Time to judge | 16-26 weeks | Earlier photographs mislead |
| Maintenance | Ongoing, at lower frequency | Gains fade if treatment stops |

## Clinic stand or home helmet

A clinic stand such as the HG-S300, with its scalp camera, fits naturally into a hair-loss consultation: images at
baseline and every few months show patients their progress. A cordless helmet such as the HG-272 suits home
programmes, rental schemes, or patients who cannot attend two or three times a week. Many clinics combine the two:
assessment and monitoring in the clinic, treatment at home.

## Combining with medical treatment

LLLT is usually an adjunct. Topical minoxidil and, for men, oral finasteride remain the medical mainstays,
prescribed and monitored by a physician, and some clinics also offer platelet-rich plasma. The evidence for extra
benefit when LLLT is added to these treatments is mixed, so present the combination as support for a plan rather
than a guarantee of more growth.

## Safety

At these output levels LLLT is low risk. Sensible precautions:

- patients should not look directly into the diodes, and those with light-sensitive eye conditions take advice
  first;
- check for photosensitising medicines and light-sensitive skin conditions;
- examine the scalp, and refer any suspicious lesion before treatment starts;
- postpone during pregnancy, for lack of data.

Extra shedding early in a hair-loss programme is usually due to the underlying condition or to medical treatment
such as minoxidil. Explaining this upfront prevents patients giving up in the first weeks.

## Measuring progress honestly

Use the same camera, lighting, parting and hair length at every review, and compare at 16 and 26 weeks. A scalp
camera, or the standardised imaging routine described in
[using a skin analyser in the consultation](/knowledge/skin-analysers-in-the-consultation/), makes this repeatable.
Honest measurement protects the clinic as much as the patient: it shows who is responding and who should be offered
another option.
""",
        "faqs": [
            {
                "question": "How long before hair regrowth shows with low-level laser?",
                "answer": (
                    "Usually 16-26 weeks of regular sessions. Judge progress on standardised photographs, not in the "
                    "mirror."
                ),
            },
            {
                "question": "Does 650 nm laser work for every kind of hair loss?",
                "answer": (
                    "No. It is for androgenetic alopecia in early to moderate stages; scarring alopecia and long-bald "
                    "areas do not respond."
                ),
            },
            {
                "question": "Is a hair-growth laser the same as a hair-removal laser?",
                "answer": (
                    "No. Hair-removal lasers deliver high energy to heat follicles; low-level lasers use a few "
                    "milliwatts per diode and cause no heating."
                ),
                "link": "diode-laser-wavelengths-and-skin-types",
            },
            {
                "question": "Can low-level laser be combined with minoxidil?",
                "answer": (
                    "Yes, and it commonly is. The evidence for added benefit is mixed, so present it as support for a "
                    "medical plan."
                ),
            },
        ],
        "references": [
            {
                "citation": (
                    "Jimenez JJ, Wikramanayake TC, Bergfeld W, Hordinsky M, Hickman JG, Hamblin MR, Schachner LA. "
                    "Efficacy and safety of a low-level laser device in the treatment of male and female pattern hair "
                    "loss: a multicenter, randomized, sham device-controlled, double-blind study. "
                    "Am J Clin Dermatol. 2014;15(2):115-127."
                ),
                "doi": "10.1007/s40257-013-0060-6",
            },
        ],
    },
    {
        "slug": "skin-analysers-in-the-consultation",
        "title": "Using a skin analyser in the consultation",
        "author": "Clinic success team",
        "published": "2026-10-06",
        "takeaway": (
            "A multi-light skin analyser turns a subjective conversation into images and scores the patient can see: "
            "UV and cross-polarised views show pigment and redness that daylight hides. Captured the same way at every "
            "visit, the images document the baseline and the progress; they support the clinician's diagnosis but "
            "never replace it."
        ),
        "devices": ["HAS-SA-3", "HAS-SA-5AI"],
        "families": ["skin-analyser"],
        "treatments": ["skin-analysis", "pigmentation"],
        "body": """\
## Why image the skin

Patients describe their skin in everyday words: dull, blotchy, tired, rough. A skin analyser adds images taken
under controlled light, and scores that can be compared from one visit to the next. Used well it improves three
things: the assessment of what is driving the concern, the patient's understanding of the plan, and the record of
whether the treatment worked.

## What each light mode shows

| Light mode | What it reveals | Typical use |
|---|---|---|
| White (RGB) | Texture, pores, lines, visible spots | Baseline photographs, texture and line scores |
| Cross-polarised | Pigment and redness without surface glare | Brown spots, redness, melasma pattern |
| Parallel-polarised | Surface relief and fine lines | Texture and wrinkle assessment |
| UV (365 nm) | Sun damage below the surface, porphyrins | Hidden sun damage, acne bacteria |
| Wood's lamp | Contrast between pigment depths | Superficial versus deeper pigment |

The SA-3 captures white, cross-polarised and UV images; the SA-5 AI adds parallel-polarised light and a Wood's lamp
mode.

## Building it into the consultation

1. Remove make-up and sunscreen, tie the hair back, and let any flushing settle for a few minutes.
2. Position the face in the chin rest at the same height and angle every time, and capture the front and both
   sides.
3. Review the images with the patient on the screen, starting with what they came for.
4. Take a history and examine the skin: the images inform the clinician, they do not replace the examination.
5. Agree a plan, and print, email or share the report so the patient leaves with something concrete.
6. Repeat the capture at each review with the same settings.

## Scores and AI indicators

Analysers score indicators such as spots, wrinkles, texture, pores, redness and UV spots: eight on the SA-3 and
fourteen on the SA-5 AI. The scores are relative measures from the device's own algorithm. They are most useful
for comparing the same patient over time on the same machine; comparisons with an average for the patient's age
start a conversation but are not a diagnosis. Scores from different machines, or from different software versions,
are not interchangeable.

## From images to a treatment plan

- Superficial brown spots on the cross-polarised and UV images point to pigment lasers; see
  [picosecond or Q-switched Nd:YAG](/knowledge/picosecond-vs-q-switched-nd-yag/).
- Texture, enlarged pores and scars point to
  [fractional CO2](/knowledge/how-fractional-co2-repairs-atrophic-acne-scars/) or
  [RF microneedling](/knowledge/rf-microneedling-depths-and-needle-types/).
- Diffuse redness points to vascular treatment such as IPL, once rosacea triggers and other causes are addressed.
- Laxity shows poorly on images; it is assessed by examination and treated with, for example,
  [focused ultrasound](/knowledge/hifu-cartridges-and-depths/).

Skin type for laser settings still comes from the patient's history of burning and tanning, the Fitzpatrick scale,
not from the analyser's reading of colour alone.

## Photographs are personal data

Facial images linked to a name and a treatment history are personal data, and in many jurisdictions health data.
In the European Union the General Data Protection Regulation applies. In practice:

- explain why the images are taken and how long they are kept, and record the patient's consent;
- restrict access to the clinical team, and protect exports and printed reports;
- check where cloud reports are stored, and sign a data processing agreement with the provider;
- ask separately before using any image in marketing.

## Limits to keep in mind

- Lighting, distance, traces of make-up and recent exercise all change the scores; standardise before comparing.
- Analysers are not designed to diagnose skin cancer. Any changing, irregular or bleeding lesion goes to a
  dermatologist for examination with a dermatoscope, whatever the score says.
- A better score is not the goal in itself; the patient's concern is.

## Making it part of the clinic routine

The analyser earns its place when it is used at every first visit and every review, not only when a patient seems
undecided. Book ten minutes for imaging in the consultation slot, keep the device in a room with controlled light,
and train every practitioner to capture the same way. Patients who see their own before-and-after images tend to
follow aftercare better and return for maintenance. The same routine gives the clinic an honest record of its
results, useful for audit and for refining protocols such as
[CO2 aftercare](/knowledge/co2-resurfacing-aftercare-and-recovery/).
""",
        "faqs": [
            {
                "question": "What does the UV image of a skin analyser show?",
                "answer": (
                    "Sun damage that is not yet visible in daylight, and porphyrins produced by acne bacteria. It is "
                    "a strong argument for daily sun protection."
                ),
            },
            {
                "question": "Can a skin analyser determine Fitzpatrick skin type?",
                "answer": (
                    "Not reliably on its own: skin type describes how the skin burns and tans, so take the history. "
                    "The images help document it."
                ),
                "link": "preparing-patients-for-co2-resurfacing",
            },
            {
                "question": "Are skin analyser scores comparable between devices?",
                "answer": "No. Compare the same patient on the same device and software version over time.",
            },
            {
                "question": "How often should the images be repeated?",
                "answer": (
                    "At baseline, at each review point of a course, for example three months after resurfacing, and "
                    "once a year for maintenance patients."
                ),
                "link": "co2-resurfacing-aftercare-and-recovery",
            },
        ],
        "references": [
            FITZPATRICK_1988,
            {
                "citation": (
                    "Regulation (EU) 2016/679 of the European Parliament and of the Council of 27 April 2016 "
                    "(General Data Protection Regulation). Official Journal of the European Union, EUR-Lex."
                ),
                "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
            },
        ],
    },
    {
        "slug": "ems-body-sculpting-what-to-expect",
        "title": "Electromagnetic body sculpting: what it can and cannot do",
        "status": "draft",
        "author": "Body contouring specialists",
        "published": "2026-11-10",
        "takeaway": (
            "High-intensity electromagnetic devices make muscles contract far harder than a workout can, and a course "
            "of four sessions produces modest, measurable changes in muscle and fat thickness. They suit patients at a "
            "stable weight who want firmer muscle tone; they are not a weight-loss treatment, and the evidence is "
            "still mostly from small, industry-linked studies."
        ),
        "devices": ["HAS-EMS-2", "HAS-EMS-4"],
        "families": ["ems-body-sculpting"],
        "treatments": ["muscle-toning", "body-contouring"],
        "body": """\
## How it works

A high-intensity electromagnetic applicator produces a rapidly changing magnetic field. The field induces currents
in the motor nerves beneath it and triggers strong, involuntary muscle contractions, far more intense than a
patient can produce voluntarily, without electrodes on the skin. The ES-2 and ES-4 add synchronised radiofrequency,
which warms the fat layer during the session.

Sessions last about 30 minutes per area. Patients feel deep contractions and, with RF, warmth; the intensity is
raised gradually as they get used to it.

## What the evidence says

A systematic review by Swanson examined fourteen clinical studies of electromagnetic body contouring. The usual
protocol was four sessions over two weeks. Across the studies that measured tissue with imaging, fat thickness fell
by a few millimetres on average and muscle thickness rose by about two millimetres. The review also noted that
photographic results were usually modest and that most studies were written by advisers to the device makers.

That is a fair basis for what to tell patients: firmer, more toned muscle and a small change in the fat layer,
noticed mostly by the patient, not a transformation.

## Who is a good candidate

- Adults at or near a stable weight who want better muscle tone in the abdomen, buttocks, arms or thighs.
- Patients who have finished fat-reduction treatment and want to improve the contour underneath.
- People who understand that results need maintenance and fade without it.

It is not a treatment for obesity, for loose excess skin, or for a separation of the abdominal muscles that needs a
surgical opinion.

## Contraindications

- Pacemakers, defibrillators and other implanted electronic devices.
- Metal implants in or near the treatment area, as listed by the manufacturer.
- Pregnancy.
- Recent surgery, unhealed wounds, hernia or muscle injury in the area.
- Active cancer, fever, or any condition where strong muscle contractions are unsafe.

## A typical course

| Step | Typical plan | Notes |
|---|---|---|
| Course | 4 sessions over 2 weeks | Two or three days between sessions |
| Session | About 30 minutes per area | Two applicators on the ES-2, four on the ES-4 |
| Sensation | Strong contractions, warmth | Intensity raised step by step |
| Afterwards | Soreness like after exercise | Normal activity the same day |
| Review | 4-12 weeks after the last session | Photographs and circumference |
| Maintenance | A single session every few months | Optional, by agreement |

## Where it fits

Electromagnetic stimulation works on muscle; cryolipolysis works on fat. The two are often combined in one plan,
on separate visits, as described in
[cryolipolysis and combination body contouring](/knowledge/cryolipolysis-and-combination-body-contouring/). The
four-applicator ES-4, with its pelvic-floor seat, lets a centre treat two patients at once or add pelvic-floor
sessions to the menu.

## Running it in the clinic

Electromagnetic sculpting needs little consumable spend: applicator straps and covers, and the time of an operator
who positions the applicators, adjusts the intensity and stays within reach during the session. Because the patient
lies still for half an hour, a two- or four-applicator system can treat two areas, or two patients, in one slot,
which matters more for throughput than the headline field strength. Operators need training in patient selection,
applicator placement and the contraindication checklist; the treatment is simple to deliver, and that makes it easy
to deliver to the wrong patient.

## Setting expectations

Take standardised photographs and measurements before the first session and at the review, and agree in advance
what will count as a good result. Patients who expect tone and firmness are usually satisfied; patients who expect
a visible six-pack from four sessions are not. Honest expectations, and an exercise and nutrition plan alongside,
make the difference.
""",
        "faqs": [
            {
                "question": "How many electromagnetic sculpting sessions are needed?",
                "answer": "A typical course is four sessions over two weeks, with optional maintenance sessions later.",
            },
            {
                "question": "Does electromagnetic sculpting reduce fat?",
                "answer": (
                    "Studies report a small reduction in fat thickness alongside muscle changes. For localised fat, "
                    "cryolipolysis is the better-studied treatment."
                ),
                "link": "cryolipolysis-and-combination-body-contouring",
            },
            {
                "question": "Who should not have electromagnetic body sculpting?",
                "answer": (
                    "People with pacemakers or other implanted electronic devices, metal implants in the area, "
                    "pregnancy, or recent surgery or hernia in the area."
                ),
            },
        ],
        "references": [
            {
                "citation": (
                    "Swanson E. A systematic review of electromagnetic treatments for body contouring. "
                    "Ann Plast Surg. 2023;90(2):180-188."
                ),
                "doi": "10.1097/SAP.0000000000003387",
            },
        ],
    },
]
