"""The demo catalog as plain data: treatments, families with their specs, devices.

Loaded by `catalog.demo.demo_catalog_load` (`python manage.py load_demo_catalog`).
Money is written as strings and dates as ISO strings so the loader turns them into
`Decimal` and `date` itself; spec values use the data forms `catalog.specs.from_data`
takes: numbers, `(low, high)` for ranges, lists for choices, booleans, and text.

Names, identifiers and certificate numbers are our own and fictional.
"""

# Markets a CE certificate covers: the EU member states and the rest of the EEA.
CE_MARKETS = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
]

TREATMENTS = [
    {
        "slug": "acne-scars",
        "name": "Acne scars",
        "summary": "Softening pitted and rolling scars left behind by past acne.",
        "description": (
            "Atrophic acne scars sit below the surrounding skin because the dermis lost collagen while "
            "the spots healed. Devices that wound the skin in a controlled, fractional pattern (ablative "
            "CO2 or RF microneedling) make the dermis rebuild itself and lift the scar floor over a course "
            "of sessions."
        ),
    },
    {
        "slug": "skin-resurfacing",
        "name": "Skin resurfacing",
        "summary": "Renewing the outer layers of the skin for a smoother, more even surface.",
        "description": (
            "Resurfacing removes or heats a fraction of the epidermis and upper dermis so that fresh skin "
            "and new collagen replace sun-damaged, rough or uneven tissue. Ablative resurfacing gives the "
            "largest change per session and asks for a week or two of recovery."
        ),
    },
    {
        "slug": "skin-rejuvenation",
        "name": "Skin rejuvenation",
        "summary": "Improving tone, texture and glow without breaking the skin surface.",
        "description": (
            "Non-ablative rejuvenation uses light, laser or radio-frequency energy below the surface to "
            "even out colour, refine pores and encourage collagen, with little or no downtime. It suits "
            "clients who want gradual improvement between busy weeks."
        ),
    },
    {
        "slug": "wrinkles-fine-lines",
        "name": "Wrinkles and fine lines",
        "summary": "Reducing the depth of lines around the eyes, mouth and forehead.",
        "description": (
            "Fine lines respond to treatments that thicken and tighten the dermis: fractional lasers, "
            "focused ultrasound and RF microneedling each trigger new collagen at a different depth. Most "
            "protocols plan several sessions and judge results after two to three months."
        ),
    },
    {
        "slug": "pigmentation",
        "name": "Pigmentation",
        "summary": "Fading sun spots, freckles, melasma and other uneven pigment.",
        "description": (
            "Pigment lesions absorb specific wavelengths, so short-pulsed lasers (nanosecond and "
            "picosecond) and filtered intense pulsed light can break the pigment up for the body to clear. "
            "Darker skin types need longer wavelengths and conservative settings."
        ),
    },
    {
        "slug": "tattoo-removal",
        "name": "Tattoo removal",
        "summary": "Clearing professional and amateur tattoo ink over a series of sessions.",
        "description": (
            "Very short laser pulses shatter ink particles into fragments small enough for the lymphatic "
            "system to carry away. Each ink colour absorbs best at its own wavelength, which is why "
            "multi-wavelength picosecond and Q-switched lasers clear more colours."
        ),
    },
    {
        "slug": "vascular-lesions",
        "name": "Vascular lesions",
        "summary": "Reducing facial redness, spider veins and small vascular marks.",
        "description": (
            "Light absorbed by haemoglobin heats and closes small superficial vessels. Filtered IPL and "
            "532 nm laser light suit facial redness and fine telangiectasia; deeper or larger vessels "
            "need longer wavelengths."
        ),
    },
    {
        "slug": "hair-removal",
        "name": "Hair removal",
        "summary": "Long-term reduction of unwanted body and facial hair.",
        "description": (
            "Melanin in the hair shaft carries laser or light energy down to the follicle, which is "
            "heated until it stops producing hair. Diode lasers with several wavelengths and contact "
            "cooling treat the widest range of skin and hair types; a course of six to eight sessions "
            "is typical."
        ),
    },
    {
        "slug": "fat-reduction",
        "name": "Fat reduction",
        "summary": "Reducing stubborn fat pockets without surgery.",
        "description": (
            "Fat cells are more sensitive to cold than the skin around them, so controlled cooling can "
            "make them break down and be cleared over the following weeks. Cavitation and low-level laser "
            "pads are often combined with cooling in one session."
        ),
    },
    {
        "slug": "body-contouring",
        "name": "Body contouring",
        "summary": "Reshaping the abdomen, flanks, thighs and arms.",
        "description": (
            "Contouring combines fat reduction, muscle building and skin tightening so that an area "
            "looks firmer and more defined. Clinics usually pair a cooling or ultrasound platform with "
            "electromagnetic muscle stimulation for the best visible change."
        ),
    },
    {
        "slug": "cellulite",
        "name": "Cellulite",
        "summary": "Smoothing the dimpled look of skin on thighs and buttocks.",
        "description": (
            "Cellulite improves when circulation, connective tissue and the fat layer are all addressed. "
            "Vacuum massage, radio frequency and cavitation each play a part, and results are kept with "
            "maintenance sessions."
        ),
    },
    {
        "slug": "skin-tightening",
        "name": "Skin tightening",
        "summary": "Firming lax skin on the face, neck and body.",
        "description": (
            "Heat delivered to the deep dermis and the muscle layer below it contracts existing collagen "
            "at once and prompts new collagen over the following months. Focused ultrasound, radio "
            "frequency and fractional lasers each reach this layer in a different way."
        ),
    },
    {
        "slug": "muscle-toning",
        "name": "Muscle toning",
        "summary": "Building and firming abdominal, gluteal and limb muscles.",
        "description": (
            "High-intensity electromagnetic fields make muscles contract far more strongly than a "
            "voluntary workout, which builds muscle density over a short course of sessions. The same "
            "technology is used to strengthen the pelvic floor."
        ),
    },
    {
        "slug": "vaginal-rejuvenation",
        "name": "Vaginal rejuvenation",
        "summary": "Improving vaginal laxity, dryness and mild stress incontinence.",
        "description": (
            "Fractional CO2 laser and focused ultrasound probes heat the vaginal wall to stimulate new "
            "collagen and better blood supply. Treatments are short, done in the clinic, and usually "
            "planned as three sessions a month apart."
        ),
    },
    {
        "slug": "hair-regrowth",
        "name": "Hair regrowth",
        "summary": "Supporting thicker hair in early and moderate hair thinning.",
        "description": (
            "Low-level red light at about 650 nm is thought to boost energy production in follicle cells "
            "and prolong the growth phase. It is a gentle, painless treatment given two to three times a "
            "week over several months."
        ),
    },
    {
        "slug": "skin-analysis",
        "name": "Skin analysis",
        "summary": "Measuring skin conditions to plan treatments and show progress.",
        "description": (
            "Standardised photographs under white, polarised and UV light reveal pores, pigment, redness "
            "and sun damage that the eye misses. A consultation built on these images makes treatment "
            "plans clearer and before-and-after comparisons honest."
        ),
    },
    {
        "slug": "deep-cleansing-hydration",
        "name": "Deep cleansing and hydration",
        "summary": "Clearing pores and replenishing moisture in one facial session.",
        "description": (
            "Vortex suction with serums exfoliates, extracts and hydrates at the same time, and is often "
            "finished with oxygen, LED or RF steps. It has no downtime and works well as a regular "
            "membership treatment or as preparation before a laser course."
        ),
    },
]

FAMILIES = [
    {
        "slug": "fractional-co2-laser",
        "name": "Fractional CO2 laser",
        "pitch": "Ablative 10,600 nm resurfacing for scars, wrinkles and intimate health.",
        "description": (
            "A fractional CO2 laser vaporises thousands of microscopic columns of tissue while leaving "
            "untouched skin between them, so the skin heals quickly and rebuilds collagen in depth. It is "
            "the reference tool for acne scars and deep resurfacing, and with a vaginal probe it also "
            "covers gynaecological treatments."
        ),
        "illustration": "laser_cart",
        "accent": "#d9480f",
        "specs": [
            {"key": "wavelength", "label": "Wavelength", "unit": "nm", "value_type": "number", "group": "optical"},
            {"key": "power", "label": "Laser power", "unit": "W", "value_type": "number", "group": "energy",
             "filterable": True, "highlight": True},
            {"key": "laser-source", "label": "Laser source", "value_type": "choice", "group": "optical",
             "choices": ["RF-excited metal tube", "DC-excited glass tube"], "filterable": True, "highlight": True},
            {"key": "pulse-energy", "label": "Pulse energy", "unit": "mJ", "value_type": "range", "group": "energy",
             "highlight": True},
            {"key": "scan-area", "label": "Scan area", "value_type": "text", "group": "treatment"},
            {"key": "scan-patterns", "label": "Scan patterns", "value_type": "multi_choice", "group": "treatment",
             "choices": ["Square", "Rectangle", "Circle", "Ellipse", "Triangle", "Hexagon", "Line"]},
            {"key": "dot-pitch", "label": "Dot pitch", "unit": "mm", "value_type": "range", "group": "treatment"},
            {"key": "weight", "label": "Weight", "unit": "kg", "value_type": "number", "group": "physical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "picosecond-laser",
        "name": "Picosecond laser",
        "pitch": "Picosecond pulses for multicolour tattoos and stubborn pigment.",
        "description": (
            "Picosecond lasers deliver pulses a few hundred trillionths of a second long, so ink and "
            "pigment shatter by pressure rather than heat. Fewer sessions clear a tattoo, more colours "
            "respond, and the surrounding skin stays cooler than with nanosecond lasers."
        ),
        "illustration": "laser_cart",
        "accent": "#7048e8",
        "specs": [
            {"key": "wavelengths", "label": "Wavelengths", "unit": "nm", "value_type": "multi_choice",
             "group": "optical", "choices": ["532", "585", "650", "755", "1064"], "filterable": True,
             "highlight": True},
            {"key": "pulse-width", "label": "Pulse width", "unit": "ps", "value_type": "range", "group": "optical",
             "filterable": True, "highlight": True},
            {"key": "max-energy", "label": "Maximum pulse energy (1064 nm)", "unit": "mJ", "value_type": "number",
             "group": "energy", "highlight": True},
            {"key": "repetition-rate", "label": "Repetition rate", "unit": "Hz", "value_type": "range",
             "group": "energy"},
            {"key": "spot-size", "label": "Spot size", "unit": "mm", "value_type": "range", "group": "treatment",
             "filterable": True},
            {"key": "beam-delivery", "label": "Beam delivery", "value_type": "choice", "group": "physical",
             "choices": ["7-joint articulated arm", "5-joint articulated arm"]},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "q-switched-nd-yag-laser",
        "name": "Q-switched Nd:YAG laser",
        "pitch": "Nanosecond 1064 / 532 nm workhorse for tattoos, pigment and carbon peels.",
        "description": (
            "A Q-switched Nd:YAG laser stores energy in its crystal and releases it in a nanosecond "
            "burst. The 1064 nm beam reaches dark ink and deep pigment in every skin type; doubled to "
            "532 nm it treats red ink and superficial spots. It is an affordable first laser for a clinic."
        ),
        "illustration": "tabletop",
        "accent": "#1c7ed6",
        "specs": [
            {"key": "wavelengths", "label": "Wavelengths", "unit": "nm", "value_type": "multi_choice",
             "group": "optical", "choices": ["532", "1064", "1320"], "filterable": True, "highlight": True},
            {"key": "pulse-width", "label": "Pulse width", "unit": "ns", "value_type": "number", "group": "optical"},
            {"key": "max-energy", "label": "Maximum pulse energy", "unit": "mJ", "value_type": "number",
             "group": "energy", "filterable": True, "highlight": True},
            {"key": "repetition-rate", "label": "Repetition rate", "unit": "Hz", "value_type": "range",
             "group": "energy"},
            {"key": "spot-size", "label": "Spot size", "unit": "mm", "value_type": "range", "group": "treatment"},
            {"key": "aiming-beam", "label": "Red aiming beam", "value_type": "boolean", "group": "optical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "diode-laser-hair-removal",
        "name": "Diode laser hair removal",
        "pitch": "Triple-wavelength diode lasers with contact cooling for every skin type.",
        "description": (
            "Diode hair-removal lasers blend 755, 808 and 1064 nm light in one handpiece, so a single "
            "pass reaches fine and coarse hair at different depths. Sapphire contact cooling keeps the "
            "skin comfortable, and the long wavelength keeps darker skin types safe."
        ),
        "illustration": "tower",
        "accent": "#0c8599",
        "specs": [
            {"key": "wavelengths", "label": "Wavelengths", "unit": "nm", "value_type": "multi_choice",
             "group": "optical", "choices": ["755", "808", "940", "1064"], "filterable": True, "highlight": True},
            {"key": "peak-power", "label": "Peak power", "unit": "W", "value_type": "number", "group": "energy",
             "filterable": True, "highlight": True},
            {"key": "spot-sizes", "label": "Spot sizes", "unit": "mm", "value_type": "multi_choice",
             "group": "treatment", "choices": ["12 x 12", "12 x 20", "14 x 22", "15 x 35", "20 x 30"],
             "filterable": True},
            {"key": "fluence", "label": "Fluence", "unit": "J/cm²", "value_type": "range", "group": "energy"},
            {"key": "pulse-width", "label": "Pulse width", "unit": "ms", "value_type": "range", "group": "energy"},
            {"key": "contact-cooling", "label": "Contact cooling", "unit": "°C", "value_type": "range",
             "group": "cooling", "filterable": True, "highlight": True},
            {"key": "cooling-system", "label": "Cooling system", "value_type": "choice", "group": "cooling",
             "choices": ["TEC + water + air", "Compressor + TEC + water"], "filterable": True},
            {"key": "handpieces", "label": "Handpieces", "value_type": "number", "group": "physical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "ipl-shr-platform",
        "name": "IPL / SHR multi-platform",
        "pitch": "Intense pulsed light, SHR, RF and Nd:YAG on one versatile station.",
        "description": (
            "A multi-platform combines filtered intense pulsed light for pigment, redness and hair with "
            "SHR (fast, low-fluence stacking for hair), radio frequency for tightening and, on some "
            "models, a Q-switched Nd:YAG handpiece for tattoos. One purchase covers a whole menu."
        ),
        "illustration": "tower",
        "accent": "#e8590c",
        "specs": [
            {"key": "technologies", "label": "Technologies", "value_type": "multi_choice", "group": "treatment",
             "choices": ["IPL", "OPT", "SHR", "RF", "Nd:YAG"], "filterable": True, "highlight": True},
            {"key": "ipl-spectrum", "label": "IPL spectrum", "unit": "nm", "value_type": "range", "group": "optical"},
            {"key": "ipl-filters", "label": "IPL filters", "unit": "nm", "value_type": "multi_choice",
             "group": "optical", "choices": ["420", "480", "530", "560", "590", "640", "690"]},
            {"key": "ipl-energy", "label": "IPL energy", "unit": "J", "value_type": "range", "group": "energy",
             "highlight": True},
            {"key": "ipl-spot", "label": "IPL spot", "value_type": "text", "group": "treatment"},
            {"key": "yag-wavelengths", "label": "Nd:YAG wavelengths", "unit": "nm", "value_type": "multi_choice",
             "group": "optical", "choices": ["532", "1064", "1320"], "filterable": True},
            {"key": "rf-frequency", "label": "RF frequency", "unit": "MHz", "value_type": "number", "group": "energy"},
            {"key": "sapphire-cooling", "label": "Sapphire contact cooling", "value_type": "boolean",
             "group": "cooling", "filterable": True},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "hifu",
        "name": "HIFU",
        "pitch": "Focused ultrasound that lifts and tightens from the SMAS layer up.",
        "description": (
            "High-intensity focused ultrasound concentrates energy at a fixed depth, creating small "
            "thermal points in the dermis, the SMAS muscle layer or subcutaneous fat while the surface "
            "stays intact. Interchangeable cartridges choose the depth, from fine lines to body fat."
        ),
        "illustration": "tabletop",
        "accent": "#3b5bdb",
        "specs": [
            {"key": "frequencies", "label": "Transducer frequencies", "unit": "MHz", "value_type": "multi_choice",
             "group": "energy", "choices": ["2", "4", "7", "10"], "highlight": True},
            {"key": "depths", "label": "Focal depths", "unit": "mm", "value_type": "multi_choice",
             "group": "treatment", "choices": ["1.5", "3.0", "4.5", "6.0", "8.0", "10", "13", "16"],
             "filterable": True, "highlight": True},
            {"key": "cartridges-included", "label": "Cartridges included", "value_type": "number",
             "group": "physical", "filterable": True},
            {"key": "shot-energy", "label": "Energy per shot", "unit": "J", "value_type": "range", "group": "energy",
             "highlight": True},
            {"key": "line-length", "label": "Line length", "unit": "mm", "value_type": "range", "group": "treatment"},
            {"key": "shot-spacing", "label": "Shot spacing", "unit": "mm", "value_type": "range",
             "group": "treatment"},
            {"key": "shots-per-cartridge", "label": "Shots per cartridge", "value_type": "number",
             "group": "physical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "cryolipolysis",
        "name": "Cryolipolysis",
        "pitch": "Controlled fat freezing, alone or combined with cavitation, RF and lipo laser.",
        "description": (
            "Cryolipolysis draws a fold of tissue into a cooled applicator and holds it at a controlled "
            "sub-zero temperature, so fat cells break down while skin is protected by a membrane. Combo "
            "stations add cavitation, radio frequency and lipo-laser pads for a full body-shaping session."
        ),
        "illustration": "body",
        "accent": "#1098ad",
        "specs": [
            {"key": "technologies", "label": "Technologies", "value_type": "multi_choice", "group": "treatment",
             "choices": ["Cryolipolysis", "Cavitation", "RF", "Lipo laser"], "filterable": True,
             "highlight": True},
            {"key": "cooling-range", "label": "Applicator temperature", "unit": "°C", "value_type": "range",
             "group": "cooling", "highlight": True},
            {"key": "cryo-handles", "label": "Cryo handles", "value_type": "number", "group": "physical",
             "filterable": True, "highlight": True},
            {"key": "coverage", "label": "Cooling coverage", "value_type": "choice", "group": "cooling",
             "choices": ["360-degree", "Two-sided", "Flat plate"], "filterable": True},
            {"key": "vacuum", "label": "Vacuum", "unit": "kPa", "value_type": "range", "group": "treatment"},
            {"key": "cavitation-frequency", "label": "Cavitation frequency", "unit": "kHz", "value_type": "number",
             "group": "energy"},
            {"key": "lipo-laser-pads", "label": "Lipo laser pads", "value_type": "number", "group": "physical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "ems-body-sculpting",
        "name": "EMS body sculpting",
        "pitch": "High-intensity electromagnetic muscle building with synchronised RF heating.",
        "description": (
            "Electromagnetic body sculpting drives thousands of supramaximal muscle contractions in a "
            "thirty-minute session, while radio frequency warms the fat layer above. Clients see firmer "
            "abdomen and buttocks after a short course, with no downtime."
        ),
        "illustration": "body",
        "accent": "#c2255c",
        "specs": [
            {"key": "technologies", "label": "Technologies", "value_type": "multi_choice", "group": "treatment",
             "choices": ["HIFEM", "RF", "Pelvic stimulation"], "filterable": True, "highlight": True},
            {"key": "field-intensity", "label": "Magnetic field intensity", "unit": "T", "value_type": "number",
             "group": "energy", "highlight": True},
            {"key": "applicators", "label": "Applicators", "value_type": "number", "group": "physical",
             "filterable": True, "highlight": True},
            {"key": "pulse-frequency", "label": "Pulse frequency", "unit": "Hz", "value_type": "range",
             "group": "energy"},
            {"key": "rf-frequency", "label": "RF frequency", "unit": "MHz", "value_type": "number", "group": "energy"},
            {"key": "session-length", "label": "Session length", "unit": "min", "value_type": "number",
             "group": "treatment"},
            {"key": "cooling", "label": "Cooling", "value_type": "choice", "group": "cooling",
             "choices": ["Air", "Water + air"], "filterable": True},
            {"key": "pelvic-seat", "label": "Pelvic-floor seat", "value_type": "boolean", "group": "physical",
             "filterable": True},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "rf-microneedling",
        "name": "RF microneedling",
        "pitch": "Gold-plated needles that deliver radio frequency exactly where collagen is needed.",
        "description": (
            "RF microneedling inserts fine needles to a set depth and releases radio-frequency heat at "
            "their tips, combining mechanical and thermal collagen stimulation. Insulated needles spare "
            "the epidermis, which makes the treatment suitable for darker skin types."
        ),
        "illustration": "tabletop",
        "accent": "#b8860b",
        "specs": [
            {"key": "rf-frequency", "label": "RF frequency", "unit": "MHz", "value_type": "number", "group": "energy"},
            {"key": "rf-power", "label": "RF output power", "unit": "W", "value_type": "number", "group": "energy",
             "filterable": True, "highlight": True},
            {"key": "needle-depth", "label": "Needle depth", "unit": "mm", "value_type": "range",
             "group": "treatment", "filterable": True, "highlight": True},
            {"key": "needle-tips", "label": "Needle tips", "value_type": "multi_choice", "group": "treatment",
             "choices": ["10-pin", "25-pin", "49-pin", "64-pin", "81-pin", "Nano"]},
            {"key": "needle-type", "label": "Needle type", "value_type": "choice", "group": "treatment",
             "choices": ["Insulated", "Non-insulated", "Insulated and non-insulated"], "filterable": True,
             "highlight": True},
            {"key": "rf-duration", "label": "RF exposure time", "unit": "ms", "value_type": "range",
             "group": "energy"},
            {"key": "cold-hammer", "label": "Cooling hammer", "value_type": "boolean", "group": "cooling"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "skin-analyser",
        "name": "Skin analyser",
        "pitch": "Multi-light facial imaging that turns a consultation into a treatment plan.",
        "description": (
            "A skin analyser photographs the face under several light modes and scores pores, pigment, "
            "redness, wrinkles and UV damage against a reference population. The printed or emailed "
            "report helps clients understand their skin and track progress between visits."
        ),
        "illustration": "analyser",
        "accent": "#2b8a3e",
        "specs": [
            {"key": "light-modes", "label": "Light modes", "value_type": "multi_choice", "group": "optical",
             "choices": ["White (RGB)", "Cross-polarised", "Parallel-polarised", "UV 365 nm", "Wood's lamp"],
             "filterable": True, "highlight": True},
            {"key": "camera-resolution", "label": "Camera resolution", "unit": "MP", "value_type": "number",
             "group": "optical", "filterable": True, "highlight": True},
            {"key": "indicators", "label": "Skin indicators analysed", "value_type": "number", "group": "treatment"},
            {"key": "ai-analysis", "label": "AI-assisted analysis", "value_type": "boolean", "group": "interface",
             "filterable": True},
            {"key": "capture-time", "label": "Capture time", "unit": "s", "value_type": "number",
             "group": "treatment"},
            {"key": "report-output", "label": "Report output", "value_type": "multi_choice", "group": "interface",
             "choices": ["Print", "Email", "QR code", "Cloud account"]},
            {"key": "display", "label": "Display", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "hair-growth-laser",
        "name": "Hair-growth laser",
        "pitch": "650 nm low-level laser therapy for thinning hair.",
        "description": (
            "Hair-growth lasers bathe the scalp in low-power 650 nm red light from hundreds of diodes. "
            "Sessions are painless and hands-free, so a clinic can run them beside other treatments or "
            "sell a course of visits as a membership."
        ),
        "illustration": "helmet",
        "accent": "#e03131",
        "specs": [
            {"key": "wavelength", "label": "Wavelength", "unit": "nm", "value_type": "number", "group": "optical",
             "highlight": True},
            {"key": "laser-diodes", "label": "Laser diodes", "value_type": "number", "group": "optical",
             "filterable": True, "highlight": True},
            {"key": "diode-output", "label": "Output per diode", "unit": "mW", "value_type": "number",
             "group": "energy"},
            {"key": "form-factor", "label": "Form factor", "value_type": "choice", "group": "physical",
             "choices": ["Helmet", "Cap", "Stand with canopy"], "filterable": True, "highlight": True},
            {"key": "session-time", "label": "Session time", "unit": "min", "value_type": "range",
             "group": "treatment"},
            {"key": "scalp-camera", "label": "Scalp camera", "value_type": "boolean", "group": "interface"},
            {"key": "cordless", "label": "Cordless (battery)", "value_type": "boolean", "group": "electrical",
             "filterable": True},
        ],
    },
    {
        "slug": "hydro-dermabrasion",
        "name": "Hydro-dermabrasion",
        "pitch": "Multi-step facials: vortex cleansing, extraction, infusion and finishing.",
        "description": (
            "Hydro-dermabrasion stations pair a vortex-suction tip and serum bottles with finishing "
            "handpieces such as ultrasound, RF, oxygen spray and LED. They fill a treatment room with a "
            "popular, no-downtime facial that also prepares skin for laser work."
        ),
        "illustration": "tower",
        "accent": "#1971c2",
        "specs": [
            {"key": "handpieces", "label": "Handpieces", "value_type": "number", "group": "physical",
             "filterable": True, "highlight": True},
            {"key": "functions", "label": "Functions", "value_type": "multi_choice", "group": "treatment",
             "choices": [
                 "Hydro-dermabrasion", "Ultrasonic scrubber", "Bipolar RF", "Oxygen spray", "Cold hammer",
                 "Hot hammer", "BIO lifting", "LED mask", "Microdermabrasion", "Ultrasound",
             ],
             "highlight": True},
            {"key": "vacuum", "label": "Vacuum", "unit": "kPa", "value_type": "range", "group": "treatment"},
            {"key": "solution-bottles", "label": "Solution bottles", "value_type": "number", "group": "physical"},
            {"key": "led-mask", "label": "LED mask", "value_type": "boolean", "group": "treatment",
             "filterable": True},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
    {
        "slug": "cavitation-rf-slimming",
        "name": "Cavitation and RF slimming",
        "pitch": "40 kHz cavitation, multipolar RF and vacuum for body and face shaping.",
        "description": (
            "Low-frequency ultrasonic cavitation disrupts fat cells, multipolar radio frequency firms "
            "the skin above them and vacuum massage moves fluid along. It is a compact, low-running-cost "
            "way for a salon to offer body shaping."
        ),
        "illustration": "body",
        "accent": "#5f3dc4",
        "specs": [
            {"key": "cavitation-frequency", "label": "Cavitation frequency", "unit": "kHz", "value_type": "number",
             "group": "energy", "highlight": True},
            {"key": "rf-types", "label": "RF handpieces", "value_type": "multi_choice", "group": "treatment",
             "choices": ["Monopolar", "Bipolar", "Tripolar", "Multipolar"], "filterable": True, "highlight": True},
            {"key": "vacuum", "label": "Vacuum", "unit": "kPa", "value_type": "range", "group": "treatment"},
            {"key": "handpieces", "label": "Handpieces", "value_type": "number", "group": "physical",
             "filterable": True},
            {"key": "lipo-laser-pads", "label": "Lipo laser pads", "value_type": "number", "group": "physical"},
            {"key": "screen", "label": "Screen", "value_type": "text", "group": "interface", "comparable": False},
        ],
    },
]

_GOGGLES = {
    "kind": "accessory", "name": "Operator and patient safety goggles", "slug": "safety-goggles",
    "description": "One pair for the operator and one for the patient, rated for the device's wavelengths.",
    "included": True,
}

DEVICES = [
    # --- Fractional CO2 laser ---------------------------------------------------
    {
        "family": "fractional-co2-laser",
        "sku": "HAS-CO2-30",
        "name": "Fractional CO2 Laser FX-30",
        "slug": "fractional-co2-laser-fx-30",
        "summary": "Our first-generation 30 W fractional CO2 laser, replaced by the FX-40 and kept here for owners "
                   "looking for parts and service.",
        "description": (
            "The FX-30 introduced many of our clinics to fractional resurfacing. It used a DC-excited glass tube "
            "and a scanner with five patterns, which was enough for skin texture, fine lines and mild acne "
            "scarring on the face.\n\n"
            "We no longer build new FX-30 units. Installed machines remain supported: we stock glass tubes, "
            "mirrors and scanner lenses, and our engineers can service the system remotely or on site.\n\n"
            "If you are planning a replacement, the FX-40 keeps the same workflow with a longer-lasting metal "
            "tube, more energy per pulse and a larger screen."
        ),
        "status": "discontinued",
        "successor": "fractional-co2-laser-fx-40",
        "featured": False,
        "list_price": "11900.00",
        "warranty_months": 12,
        "lead_time_days": 30,
        "skin_type_min": 1,
        "skin_type_max": 4,
        "treatments": ["skin-resurfacing", "wrinkles-fine-lines", "acne-scars"],
        "specs": {
            "wavelength": 10600,
            "power": 30,
            "laser-source": ["DC-excited glass tube"],
            "pulse-energy": (1, 50),
            "scan-area": "Up to 20 × 20 mm",
            "scan-patterns": ["Square", "Rectangle", "Circle", "Triangle", "Line"],
            "dot-pitch": (0.1, 2.0),
            "weight": 68,
            "screen": "8-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Fractional scanning handpiece", "slug": "fractional-handpiece",
             "description": "Galvanometer scanner for fractional treatments.", "included": True},
            {"kind": "consumable", "name": "Replacement glass laser tube", "slug": "glass-tube",
             "sku": "HAS-CO2-30-TUBE", "description": "Service part for installed FX-30 systems.",
             "price_delta": "1450.00"},
        ],
        "price_tiers": [],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0197-MDD-2231", "countries": CE_MARKETS,
             "issued_on": "2019-05-20", "expires_on": "2024-05-26"},
        ],
    },
    {
        "family": "fractional-co2-laser",
        "sku": "HAS-CO2-40",
        "name": "Fractional CO2 Laser FX-40",
        "slug": "fractional-co2-laser-fx-40",
        "summary": "A 40 W RF-tube fractional CO2 laser for facial resurfacing, acne scars and fine lines, sized "
                   "for a dermatology practice or a busy aesthetic clinic.",
        "description": (
            "The FX-40 delivers the 10,600 nm wavelength through a seven-joint articulated arm to a scanning "
            "handpiece that draws seven patterns up to 20 × 20 mm. Density, pitch and energy per dot are set "
            "independently, so one machine covers light textural work as well as deep passes over pitted "
            "scars.\n\n"
            "Its RF-excited metal tube is sealed and keeps its output stable for years without refilling, "
            "which keeps running costs low. A normal cutting handpiece is included for excising moles, "
            "warts and skin tags.\n\n"
            "Clinics that want to add intimate health treatments can order the gynaecology handpiece with "
            "360° and 90° probes. Installation, on-site training and treatment protocols are part of the "
            "delivery."
        ),
        "status": "published",
        "featured": False,
        "list_price": "16800.00",
        "warranty_months": 24,
        "lead_time_days": 15,
        "skin_type_min": 1,
        "skin_type_max": 4,
        "treatments": ["skin-resurfacing", "acne-scars", "wrinkles-fine-lines", "pigmentation",
                       "vaginal-rejuvenation"],
        "specs": {
            "wavelength": 10600,
            "power": 40,
            "laser-source": ["RF-excited metal tube"],
            "pulse-energy": (1, 100),
            "scan-area": "0.1 × 0.1 to 20 × 20 mm",
            "scan-patterns": ["Square", "Rectangle", "Circle", "Ellipse", "Triangle", "Hexagon", "Line"],
            "dot-pitch": (0.1, 2.6),
            "weight": 75,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Fractional scanning handpiece", "slug": "fractional-handpiece",
             "description": "Seven scan patterns, up to 20 × 20 mm.", "included": True},
            {"kind": "handpiece", "name": "Normal cutting handpiece (50 and 100 mm focus)",
             "slug": "cutting-handpiece",
             "description": "For excision and vaporisation of small benign lesions.", "included": True},
            {"kind": "handpiece", "name": "Gynaecology handpiece with 360° and 90° probes",
             "slug": "gynaecology-handpiece",
             "sku": "HAS-CO2-GYN", "description": "Vaginal probes for laxity and dryness treatments.",
             "price_delta": "2600.00"},
            _GOGGLES,
            {"kind": "consumable", "name": "Focusing lens and mirror kit", "slug": "lens-kit",
             "sku": "HAS-CO2-LENS", "description": "Spare scanner lens and arm mirror.", "price_delta": "180.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "15950.00"},
            {"min_quantity": 5, "unit_price": "15300.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0412", "countries": CE_MARKETS,
             "issued_on": "2023-03-14", "expires_on": "2028-03-13"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
            {"authority": "tga", "identifier": "ARTG 384512", "countries": ["AU"],
             "issued_on": "2023-09-01"},
        ],
    },
    {
        "family": "fractional-co2-laser",
        "sku": "HAS-CO2-60",
        "name": "Fractional CO2 Laser FX-60",
        "slug": "fractional-co2-laser-fx-60",
        "summary": "Our most powerful fractional CO2 laser: 60 W for deep scar revision, fast full-face passes "
                   "and gynaecological treatments.",
        "description": (
            "With 60 W behind the scanner, the FX-60 reaches up to 150 mJ per dot, enough to treat deep "
            "atrophic acne scars and surgical scars in fewer passes. The extra headroom also shortens "
            "full-face sessions at lighter settings, which matters when the treatment room is booked all "
            "day.\n\n"
            "The machine switches between fractional, normal cutting and vaginal modes from its 12.1-inch "
            "screen, with stored presets for each indication. The RF-excited metal tube is sealed and needs "
            "no gas refills.\n\n"
            "The gynaecology handpiece adds 360° and 90° probes for vaginal laxity, dryness and mild stress "
            "incontinence, turning the FX-60 into a shared asset for dermatology and women's-health teams. "
            "Training covers both areas."
        ),
        "status": "published",
        "featured": True,
        "list_price": "23500.00",
        "treatment_price": "350.00",
        "warranty_months": 36,
        "lead_time_days": 15,
        "skin_type_min": 1,
        "skin_type_max": 4,
        "treatments": ["skin-resurfacing", "acne-scars", "wrinkles-fine-lines", "pigmentation", "skin-tightening",
                       "vaginal-rejuvenation"],
        "specs": {
            "wavelength": 10600,
            "power": 60,
            "laser-source": ["RF-excited metal tube"],
            "pulse-energy": (1, 150),
            "scan-area": "0.1 × 0.1 to 20 × 20 mm",
            "scan-patterns": ["Square", "Rectangle", "Circle", "Ellipse", "Triangle", "Hexagon", "Line"],
            "dot-pitch": (0.1, 2.6),
            "weight": 82,
            "screen": "12.1-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Fractional scanning handpiece", "slug": "fractional-handpiece",
             "description": "Seven scan patterns, up to 20 × 20 mm.", "included": True},
            {"kind": "handpiece", "name": "Normal cutting handpiece (50 and 100 mm focus)",
             "slug": "cutting-handpiece",
             "description": "For excision and vaporisation of small benign lesions.", "included": True},
            {"kind": "handpiece", "name": "Gynaecology handpiece with 360° and 90° probes",
             "slug": "gynaecology-handpiece",
             "sku": "HAS-CO2-GYN", "description": "Vaginal probes for laxity, dryness and mild stress incontinence.",
             "price_delta": "2600.00"},
            {"kind": "consumable", "name": "Vaginal probe covers, box of 50", "slug": "probe-covers",
             "sku": "HAS-CO2-GYN-50", "description": "Single-use hygienic covers for the gynaecology probes.",
             "price_delta": "120.00", "uses_per_unit": 50},
            _GOGGLES,
            {"kind": "accessory", "name": "Smoke evacuator", "slug": "smoke-evacuator", "sku": "HAS-ACC-SE1",
             "description": "Filters the plume produced during ablative treatments.", "price_delta": "890.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "22300.00"},
            {"min_quantity": 5, "unit_price": "21400.00"},
        ],
        "certifications": [
            {"authority": "fda_510k", "identifier": "K213847", "countries": ["US"], "issued_on": "2022-02-18"},
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0413", "countries": CE_MARKETS,
             "issued_on": "2023-03-14", "expires_on": "2028-03-13"},
            {"authority": "ukca", "identifier": "UKCA 0086-MD-55821", "countries": ["GB"],
             "issued_on": "2023-06-02", "expires_on": "2028-06-01"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
        ],
    },
    # --- Picosecond laser -------------------------------------------------------
    {
        "family": "picosecond-laser",
        "sku": "HAS-PICO-3C",
        "name": "Picosecond Laser PS-3 Compact",
        "slug": "picosecond-laser-ps-3-compact",
        "summary": "A space-saving picosecond laser with 532, 755 and 1064 nm for tattoo removal and "
                   "pigmentation in a small treatment room.",
        "description": (
            "The PS-3 Compact brings three picosecond wavelengths to clinics that do not need the energy of a "
            "full-size system. 1064 nm clears black and dark blue ink and treats deeper pigment, 532 nm "
            "handles red and orange ink and sun spots, and 755 nm targets green and blue ink and freckles.\n\n"
            "Pulses of 350 to 450 ps break ink with less heat than a nanosecond laser, so patients usually "
            "need fewer sessions and the skin recovers faster. A zoom handpiece sets the spot from 2 to 10 mm "
            "without changing tips.\n\n"
            "Add the fractional lens handpiece to offer picosecond skin rejuvenation for pores and fine "
            "texture with almost no downtime."
        ),
        "status": "published",
        "featured": False,
        "list_price": "12900.00",
        "warranty_months": 24,
        "lead_time_days": 20,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["tattoo-removal", "pigmentation", "skin-rejuvenation"],
        "specs": {
            "wavelengths": ["532", "755", "1064"],
            "pulse-width": (350, 450),
            "max-energy": 600,
            "repetition-rate": (1, 10),
            "spot-size": (2, 10),
            "beam-delivery": ["5-joint articulated arm"],
            "screen": "8-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Zoom handpiece, 2-10 mm", "slug": "zoom-handpiece",
             "description": "Adjustable spot for 532 and 1064 nm.", "included": True},
            {"kind": "handpiece", "name": "Fractional lens handpiece", "slug": "fractional-lens",
             "sku": "HAS-PICO-MLA", "description": "Micro-lens array for picosecond skin rejuvenation.",
             "price_delta": "900.00"},
            {"kind": "handpiece", "name": "585 nm dye handpiece", "slug": "dye-585",
             "sku": "HAS-PICO-585", "description": "Extends treatment to sky-blue and purple inks.",
             "price_delta": "1200.00"},
            _GOGGLES,
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "12250.00"},
            {"min_quantity": 5, "unit_price": "11700.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-6610", "countries": CE_MARKETS,
             "issued_on": "2024-02-05", "expires_on": "2029-02-04"},
        ],
    },
    {
        "family": "picosecond-laser",
        "sku": "HAS-PICO-3P",
        "name": "Picosecond Laser PS-3 Pro",
        "slug": "picosecond-laser-ps-3-pro",
        "summary": "A full-power picosecond platform with 532, 755 and 1064 nm plus optional dye handpieces "
                   "for multicolour tattoos and dermal pigment.",
        "description": (
            "The PS-3 Pro is built for tattoo studios and dermatology clinics that see a steady flow of "
            "removal patients. Up to 1000 mJ at 1064 nm and pulses from 300 ps clear dense, professional "
            "ink and deep pigment such as Nevus of Ota in fewer sessions.\n\n"
            "The 532, 755 and 1064 nm wavelengths come standard; 585 and 650 nm dye handpieces add the "
            "hard-to-treat sky-blue, purple and green inks. A seven-joint arm keeps the handpiece light "
            "and balanced over long sessions.\n\n"
            "Pricing depends on the handpiece set and service plan you choose, so our specialists prepare a "
            "quote for each clinic."
        ),
        "status": "published",
        "featured": True,
        "price_on_request": True,
        "warranty_months": 36,
        "lead_time_days": 25,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["tattoo-removal", "pigmentation", "skin-rejuvenation", "acne-scars"],
        "specs": {
            "wavelengths": ["532", "755", "1064"],
            "pulse-width": (300, 450),
            "max-energy": 1000,
            "repetition-rate": (1, 10),
            "spot-size": (2, 10),
            "beam-delivery": ["7-joint articulated arm"],
            "screen": "12.1-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Zoom handpiece, 2-10 mm", "slug": "zoom-handpiece",
             "description": "Adjustable spot for 532 and 1064 nm.", "included": True},
            {"kind": "handpiece", "name": "Fractional lens handpiece", "slug": "fractional-lens",
             "description": "Micro-lens array for picosecond skin rejuvenation.", "included": True},
            {"kind": "handpiece", "name": "585 nm dye handpiece", "slug": "dye-585",
             "sku": "HAS-PICO-585", "description": "Extends treatment to sky-blue and purple inks.",
             "price_delta": "1200.00"},
            {"kind": "handpiece", "name": "650 nm dye handpiece", "slug": "dye-650",
             "sku": "HAS-PICO-650", "description": "Extends treatment to green inks.", "price_delta": "1200.00"},
            _GOGGLES,
        ],
        "price_tiers": [],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-6611", "countries": CE_MARKETS,
             "issued_on": "2024-02-05", "expires_on": "2029-02-04"},
            {"authority": "health_canada", "identifier": "MDL 109876", "countries": ["CA"],
             "issued_on": "2024-07-22"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
        ],
    },
    # --- Q-switched Nd:YAG --------------------------------------------------------
    {
        "family": "q-switched-nd-yag-laser",
        "sku": "HAS-QY-1",
        "name": "Q-Switched Nd:YAG Laser QY-1",
        "slug": "q-switched-nd-yag-laser-qy-1",
        "summary": "A tabletop 1064 / 532 nm Q-switched laser for tattoo removal and pigment, and an easy first "
                   "laser for a salon.",
        "description": (
            "The QY-1 packs a Q-switched Nd:YAG cavity into a tabletop case. Two tips switch between 1064 nm "
            "for black and blue ink, dermal pigment and laser toning, and 532 nm for red ink and superficial "
            "spots.\n\n"
            "A red aiming beam shows exactly where each 6 ns pulse will land, and the spot adjusts from 2 to "
            "8 mm. Because 1064 nm passes melanin in the epidermis, the QY-1 can be used on all skin types "
            "with suitable settings.\n\n"
            "Running costs are limited to the flash lamp and deionised water, which makes the QY-1 quick to "
            "pay back."
        ),
        "status": "published",
        "featured": False,
        "list_price": "3900.00",
        "warranty_months": 12,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["tattoo-removal", "pigmentation", "skin-rejuvenation"],
        "specs": {
            "wavelengths": ["532", "1064"],
            "pulse-width": 6,
            "max-energy": 500,
            "repetition-rate": (1, 6),
            "spot-size": (2, 8),
            "aiming-beam": True,
            "screen": "8-inch colour touch screen",
        },
        "options": [
            _GOGGLES,
            {"kind": "consumable", "name": "Replacement xenon flash lamp", "slug": "flash-lamp",
             "sku": "HAS-QY-LAMP", "description": "Lamp service part.", "price_delta": "90.00"},
            {"kind": "consumable", "name": "Carbon lotion, 500 ml", "slug": "carbon-lotion",
             "sku": "HAS-QY-CARB", "description": "For carbon peel treatments at 1064 nm.", "price_delta": "60.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "3700.00"},
            {"min_quantity": 5, "unit_price": "3500.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0520", "countries": CE_MARKETS,
             "issued_on": "2023-11-20", "expires_on": "2028-11-19"},
        ],
    },
    {
        "family": "q-switched-nd-yag-laser",
        "sku": "HAS-QY-2P",
        "name": "Q-Switched Nd:YAG Laser QY-2 Pro",
        "slug": "q-switched-nd-yag-laser-qy-2-pro",
        "summary": "A higher-energy Q-switched laser with 1064, 532 and 1320 nm tips for tattoos, pigment and "
                   "carbon peel.",
        "description": (
            "The QY-2 Pro doubles the pulse energy of our tabletop model to 1200 mJ, so large and dense "
            "tattoos clear in fewer passes and laser toning covers a full face quickly.\n\n"
            "A third tip at 1320 nm is tuned for the carbon peel: a thin carbon layer absorbs the light and "
            "lifts away oil and dead cells, leaving smaller-looking pores and a brighter tone the same day.\n\n"
            "Dual-lamp construction and a closed water loop keep the output stable through back-to-back "
            "appointments."
        ),
        "status": "published",
        "featured": False,
        "list_price": "7400.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["tattoo-removal", "pigmentation", "skin-rejuvenation", "vascular-lesions"],
        "specs": {
            "wavelengths": ["532", "1064", "1320"],
            "pulse-width": 6,
            "max-energy": 1200,
            "repetition-rate": (1, 10),
            "spot-size": (2, 10),
            "aiming-beam": True,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            _GOGGLES,
            {"kind": "consumable", "name": "Carbon lotion, 500 ml", "slug": "carbon-lotion",
             "sku": "HAS-QY-CARB", "description": "For carbon peel treatments at 1320 nm.", "price_delta": "60.00"},
            {"kind": "accessory", "name": "Trolley with locking casters", "slug": "trolley",
             "sku": "HAS-ACC-TR2", "description": "Moves the system between rooms.", "price_delta": "240.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "7050.00"},
            {"min_quantity": 5, "unit_price": "6750.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0521", "countries": CE_MARKETS,
             "issued_on": "2023-11-20", "expires_on": "2028-11-19"},
            {"authority": "tga", "identifier": "ARTG 401127", "countries": ["AU"], "issued_on": "2024-04-16"},
        ],
    },
    # --- Diode laser hair removal -----------------------------------------------------
    {
        "family": "diode-laser-hair-removal",
        "sku": "HAS-DL-1200",
        "name": "Trilaser Diode DL-1200",
        "slug": "trilaser-diode-dl-1200",
        "summary": "A 1200 W triple-wavelength diode laser for hair removal on all skin types, with sapphire "
                   "contact cooling.",
        "description": (
            "The DL-1200 mixes 755, 808 and 1064 nm light in one beam. The 755 nm part suits fine and light "
            "hair, 808 nm is the all-round wavelength, and 1064 nm reaches deep follicles safely in darker "
            "skin, so the clinic does not have to switch machines between clients.\n\n"
            "A sapphire window cooled to as low as -3 °C touches the skin throughout the pulse, keeping "
            "treatments comfortable even in gliding mode on legs and back.\n\n"
            "It is a strong choice for a salon or clinic starting hair removal, and it can be upgraded later "
            "with a higher-power handpiece."
        ),
        "status": "published",
        "featured": False,
        "list_price": "9800.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["hair-removal"],
        "specs": {
            "wavelengths": ["755", "808", "1064"],
            "peak-power": 1200,
            "spot-sizes": ["12 x 12", "12 x 20"],
            "fluence": (1, 120),
            "pulse-width": (10, 400),
            "contact-cooling": (-3, 5),
            "cooling-system": ["TEC + water + air"],
            "handpieces": 1,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "power_variant", "name": "1600 W handpiece upgrade", "slug": "handpiece-1600w",
             "sku": "HAS-DL-HP16", "description": "Replaces the standard handpiece with a 1600 W one.",
             "price_delta": "2200.00"},
            {"kind": "handpiece", "name": "6 mm facial tip", "slug": "facial-tip",
             "sku": "HAS-DL-TIP6", "description": "Small round spot for upper lip, nostrils and ears.",
             "price_delta": "650.00"},
            {"kind": "consumable", "name": "Water filter set", "slug": "water-filter",
             "sku": "HAS-DL-WF", "description": "Replace every six months.", "price_delta": "40.00"},
            _GOGGLES,
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "9300.00"},
            {"min_quantity": 5, "unit_price": "8900.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0197-MDR-7731", "countries": CE_MARKETS,
             "issued_on": "2023-05-08", "expires_on": "2028-05-07"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
        ],
    },
    {
        "family": "diode-laser-hair-removal",
        "sku": "HAS-DL-1600D",
        "name": "Trilaser Diode DL-1600 Duo",
        "slug": "trilaser-diode-dl-1600-duo",
        "summary": "A four-wavelength 1600 W diode laser with two handpieces for busy hair-removal clinics.",
        "description": (
            "The DL-1600 Duo adds 940 nm to the 755, 808 and 1064 nm mix for extra absorption in mid-depth "
            "follicles, and drives two handpieces from one base: a large 14 × 22 mm spot for backs and legs "
            "and a 12 × 20 mm spot for the face and bikini line.\n\n"
            "A compressor works with the TEC and water circuit, so the sapphire stays cold through full-day "
            "schedules and the window reaches -5 °C. Clinics can run high repetition rates in gliding mode "
            "without losing comfort.\n\n"
            "Both handpieces are covered by the warranty and can be swapped in minutes, so one failure never "
            "stops the room."
        ),
        "status": "published",
        "featured": True,
        "list_price": "14500.00",
        "warranty_months": 24,
        "lead_time_days": 12,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["hair-removal"],
        "specs": {
            "wavelengths": ["755", "808", "940", "1064"],
            "peak-power": 1600,
            "spot-sizes": ["12 x 20", "14 x 22"],
            "fluence": (1, 150),
            "pulse-width": (5, 400),
            "contact-cooling": (-5, 5),
            "cooling-system": ["Compressor + TEC + water"],
            "handpieces": 2,
            "screen": "15.6-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "6 mm facial tip", "slug": "facial-tip",
             "sku": "HAS-DL-TIP6", "description": "Small round spot for upper lip, nostrils and ears.",
             "price_delta": "650.00"},
            {"kind": "consumable", "name": "Water filter set", "slug": "water-filter",
             "sku": "HAS-DL-WF", "description": "Replace every six months.", "price_delta": "40.00"},
            _GOGGLES,
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "13800.00"},
            {"min_quantity": 5, "unit_price": "13200.00"},
        ],
        "certifications": [
            {"authority": "fda_510k", "identifier": "K221904", "countries": ["US"], "issued_on": "2022-11-09"},
            {"authority": "ce_mdr", "identifier": "CE 0197-MDR-7732", "countries": CE_MARKETS,
             "issued_on": "2023-05-08", "expires_on": "2028-05-07"},
            {"authority": "health_canada", "identifier": "MDL 110452", "countries": ["CA"],
             "issued_on": "2023-10-30"},
        ],
    },
    {
        "family": "diode-laser-hair-removal",
        "sku": "HAS-DL-3000M",
        "name": "Trilaser Diode DL-3000 Max",
        "slug": "trilaser-diode-dl-3000-max",
        "summary": "A 3000 W diode laser with an extra-large spot for full-body hair removal in minutes.",
        "description": (
            "The DL-3000 Max pairs a 3000 W laser stack with a 20 × 30 mm spot, so a full back or both legs "
            "take a fraction of the usual time. It keeps the four-wavelength mix of the DL-1600 Duo.\n\n"
            "This model is in final validation; specifications may still change before release."
        ),
        "status": "draft",
        "featured": False,
        "list_price": "21000.00",
        "warranty_months": 24,
        "lead_time_days": 30,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["hair-removal"],
        "specs": {
            "wavelengths": ["755", "808", "940", "1064"],
            "peak-power": 3000,
            "spot-sizes": ["14 x 22", "20 x 30"],
            "fluence": (1, 150),
            "pulse-width": (5, 300),
            "contact-cooling": (-5, 5),
            "cooling-system": ["Compressor + TEC + water"],
            "handpieces": 2,
            "screen": "15.6-inch colour touch screen",
        },
        "options": [_GOGGLES],
        "price_tiers": [],
        "certifications": [],
    },
    # --- IPL / SHR multi-platform ---------------------------------------------------
    {
        "family": "ipl-shr-platform",
        "sku": "HAS-IPL-4",
        "name": "IPL-SHR Quattro",
        "slug": "ipl-shr-quattro",
        "summary": "A four-in-one station with IPL, SHR, bipolar RF and Q-switched Nd:YAG handpieces for hair, "
                   "pigment, redness, tightening and tattoos.",
        "description": (
            "The Quattro is for clinics that want a broad menu from one footprint. The IPL/SHR handpiece "
            "with seven filters handles hair removal, sun spots, facial redness and acne-prone skin; the "
            "RF handpiece firms the face and neck; the Nd:YAG handpiece removes tattoos and performs carbon "
            "peels.\n\n"
            "SHR mode stacks many low-energy pulses while the handpiece keeps moving, which makes hair "
            "removal faster and more comfortable than classic single-shot IPL. A sapphire crystal cools the "
            "skin on contact.\n\n"
            "Each handpiece has its own shot counter and presets, and the lamp can be replaced by the clinic "
            "in a few minutes."
        ),
        "status": "published",
        "featured": False,
        "list_price": "8600.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 5,
        "treatments": ["hair-removal", "pigmentation", "vascular-lesions", "skin-rejuvenation", "tattoo-removal",
                       "skin-tightening"],
        "specs": {
            "technologies": ["IPL", "OPT", "SHR", "RF", "Nd:YAG"],
            "ipl-spectrum": (420, 1200),
            "ipl-filters": ["420", "480", "530", "560", "590", "640", "690"],
            "ipl-energy": (1, 50),
            "ipl-spot": "15 × 50 mm and 8 × 35 mm",
            "yag-wavelengths": ["532", "1064", "1320"],
            "rf-frequency": 1,
            "sapphire-cooling": True,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Replacement IPL lamp", "slug": "ipl-lamp", "sku": "HAS-IPL-LAMP",
             "description": "Xenon lamp rated for about 100,000 shots.", "price_delta": "220.00"},
            {"kind": "accessory", "name": "Cooling gel, 5 litres", "slug": "cooling-gel", "sku": "HAS-IPL-GEL",
             "description": "Coupling gel for IPL and SHR.", "price_delta": "35.00"},
            _GOGGLES,
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "8150.00"},
            {"min_quantity": 5, "unit_price": "7800.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0618", "countries": CE_MARKETS,
             "issued_on": "2024-03-04", "expires_on": "2029-03-03"},
            {"authority": "ukca", "identifier": "UKCA 0086-MD-56104", "countries": ["GB"],
             "issued_on": "2024-05-17", "expires_on": "2029-05-16"},
        ],
    },
    {
        "family": "ipl-shr-platform",
        "sku": "HAS-IPL-2RF",
        "name": "IPL-SHR Duo RF",
        "slug": "ipl-shr-duo-rf",
        "summary": "A compact IPL/SHR and RF system for hair removal, photo-rejuvenation and skin firming.",
        "description": (
            "The Duo RF keeps the two handpieces most salons use every day: IPL/SHR for hair and skin "
            "tone, and bipolar RF for firming and lifting the face.\n\n"
            "Four filters cover hair removal, pigment, redness and acne, and the 12 × 40 mm crystal is cooled "
            "on contact. Presets by skin type and area help new staff get started safely.\n\n"
            "A good fit for beauty salons and day spas that want dependable results at a modest price."
        ),
        "status": "published",
        "featured": False,
        "list_price": "5200.00",
        "warranty_months": 12,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 4,
        "treatments": ["hair-removal", "pigmentation", "vascular-lesions", "skin-rejuvenation", "skin-tightening"],
        "specs": {
            "technologies": ["IPL", "SHR", "RF"],
            "ipl-spectrum": (430, 950),
            "ipl-filters": ["480", "530", "590", "640"],
            "ipl-energy": (1, 40),
            "ipl-spot": "12 × 40 mm",
            "rf-frequency": 1,
            "sapphire-cooling": True,
            "screen": "8-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Replacement IPL lamp", "slug": "ipl-lamp", "sku": "HAS-IPL-LAMP",
             "description": "Xenon lamp rated for about 100,000 shots.", "price_delta": "220.00"},
            _GOGGLES,
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "4950.00"},
            {"min_quantity": 5, "unit_price": "4700.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0619", "countries": CE_MARKETS,
             "issued_on": "2024-03-04", "expires_on": "2029-03-03"},
        ],
    },
    # --- HIFU -------------------------------------------------------------------
    {
        "family": "hifu",
        "sku": "HAS-HIFU-7",
        "name": "HIFU Face & Body HF-7",
        "slug": "hifu-face-body-hf-7",
        "summary": "Dual-frequency focused ultrasound with seven cartridges, from 1.5 mm for fine lines to 13 mm "
                   "for body fat.",
        "description": (
            "The HF-7 drives 4 and 7 MHz transducers for the face and a 2 MHz transducer for the body. "
            "Shallow cartridges firm the dermis around the eyes and mouth, the 4.5 mm cartridge reaches the "
            "SMAS layer for jawline and brow lift, and deeper cartridges heat fat on the abdomen and "
            "thighs.\n\n"
            "Each shot places a line of thermal points at a fixed depth, with adjustable length and spacing, "
            "so one pass covers an area evenly. There is no wound and no downtime; clients usually book one "
            "session and a follow-up review.\n\n"
            "Cartridges are counted and refillable, and replacements for every depth are listed as options "
            "below."
        ),
        "status": "published",
        "featured": True,
        "list_price": "6900.00",
        "treatment_price": "450.00",
        "warranty_months": 24,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["skin-tightening", "wrinkles-fine-lines", "body-contouring", "fat-reduction"],
        "specs": {
            "frequencies": ["2", "4", "7"],
            "depths": ["1.5", "3.0", "4.5", "6.0", "8.0", "10", "13"],
            "cartridges-included": 7,
            "shot-energy": (0.1, 2.0),
            "line-length": (5, 25),
            "shot-spacing": (1.0, 2.1),
            "shots-per-cartridge": 20000,
            "screen": "15-inch colour touch screen",
        },
        "options": [
            {"kind": "cartridge", "name": "1.5 mm cartridge (7 MHz)", "slug": "cartridge-1-5", "included": True,
             "description": "Dermis: fine lines around eyes and mouth."},
            {"kind": "cartridge", "name": "3.0 mm cartridge (7 MHz)", "slug": "cartridge-3-0", "included": True,
             "description": "Deep dermis: skin firmness."},
            {"kind": "cartridge", "name": "4.5 mm cartridge (4 MHz)", "slug": "cartridge-4-5", "included": True,
             "description": "SMAS layer: lifting jawline and brow."},
            {"kind": "cartridge", "name": "Replacement 4.5 mm cartridge", "slug": "cartridge-4-5-refill",
             "sku": "HAS-HIFU-C45", "description": "20,000 shots.", "price_delta": "280.00",
             "uses_per_unit": 20000, "uses_per_treatment": 500},
            {"kind": "cartridge", "name": "Replacement 8 mm body cartridge", "slug": "cartridge-8-refill",
             "sku": "HAS-HIFU-C80", "description": "20,000 shots, for arms and abdomen.", "price_delta": "300.00"},
            {"kind": "cartridge", "name": "Replacement 13 mm body cartridge", "slug": "cartridge-13-refill",
             "sku": "HAS-HIFU-C13", "description": "20,000 shots, for thighs and flanks.", "price_delta": "320.00"},
            {"kind": "consumable", "name": "Ultrasound gel, 5 litres", "slug": "ultrasound-gel",
             "sku": "HAS-HIFU-GEL", "description": "Coupling gel.", "price_delta": "30.00",
             "uses_per_unit": 100},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "6550.00"},
            {"min_quantity": 5, "unit_price": "6250.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-7045", "countries": CE_MARKETS,
             "issued_on": "2023-08-28", "expires_on": "2028-08-27"},
            {"authority": "tga", "identifier": "ARTG 395830", "countries": ["AU"], "issued_on": "2024-01-22"},
        ],
    },
    {
        "family": "hifu",
        "sku": "HAS-HIFU-5V",
        "name": "HIFU Intimate & Face HF-5V",
        "slug": "hifu-intimate-face-hf-5v",
        "summary": "Focused ultrasound for facial lifting with rotating vaginal cartridges for non-invasive "
                   "intimate tightening.",
        "description": (
            "The HF-5V combines three facial cartridges with two rotating vaginal probes at 3.0 and 4.5 mm. "
            "The probes deliver a ring of thermal points around the vaginal wall to support tightening and "
            "comfort, with no anaesthesia and no recovery time.\n\n"
            "On the face it works like our HF-7 at 4 and 7 MHz, so the clinic gets both lines of business "
            "from one console.\n\n"
            "Protocols for both indications and single-use probe covers are supplied with the system."
        ),
        "status": "published",
        "featured": False,
        "list_price": "8400.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["vaginal-rejuvenation", "skin-tightening", "wrinkles-fine-lines"],
        "specs": {
            "frequencies": ["4", "7"],
            "depths": ["1.5", "3.0", "4.5"],
            "cartridges-included": 5,
            "shot-energy": (0.1, 2.5),
            "line-length": (5, 25),
            "shot-spacing": (1.0, 2.0),
            "shots-per-cartridge": 10000,
            "screen": "12.1-inch colour touch screen",
        },
        "options": [
            {"kind": "cartridge", "name": "Vaginal cartridge 3.0 mm", "slug": "vaginal-3-0", "included": True,
             "description": "Rotating 360° probe."},
            {"kind": "cartridge", "name": "Vaginal cartridge 4.5 mm", "slug": "vaginal-4-5", "included": True,
             "description": "Rotating 360° probe."},
            {"kind": "cartridge", "name": "Replacement vaginal cartridge", "slug": "vaginal-refill",
             "sku": "HAS-HIFU-V30", "description": "10,000 shots, 3.0 or 4.5 mm.", "price_delta": "420.00"},
            {"kind": "consumable", "name": "Probe covers, box of 100", "slug": "probe-covers",
             "sku": "HAS-HIFU-PC", "description": "Single-use covers for the vaginal probes.",
             "price_delta": "95.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "7950.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-7046", "countries": CE_MARKETS,
             "issued_on": "2023-08-28", "expires_on": "2028-08-27"},
        ],
    },
    # --- Cryolipolysis ---------------------------------------------------------------
    {
        "family": "cryolipolysis",
        "sku": "HAS-CRYO-2",
        "name": "Cryo 360 Duo CR-2",
        "slug": "cryo-360-duo-cr-2",
        "summary": "A dedicated fat-freezing system with two 360-degree cooling handles that work at the same "
                   "time.",
        "description": (
            "The CR-2 cools the whole surface of each cup, not just two sides, so the tissue fold is chilled "
            "evenly down to -11 °C. Two handles run independently, which lets the clinic treat both flanks "
            "or two clients' areas at once.\n\n"
            "Handles in several sizes fit the abdomen, flanks, thighs, arms and chin. Sensors watch "
            "temperature and vacuum throughout the session, and a protective membrane shields the skin.\n\n"
            "With one-hour sessions and no consumables other than membranes, the CR-2 fills treatment time "
            "with little staff attention."
        ),
        "status": "published",
        "featured": False,
        "list_price": "6200.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["fat-reduction", "body-contouring"],
        "specs": {
            "technologies": ["Cryolipolysis"],
            "cooling-range": (-11, 5),
            "cryo-handles": 2,
            "coverage": ["360-degree"],
            "vacuum": (20, 80),
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Small chin handle", "slug": "chin-handle", "sku": "HAS-CRYO-CHIN",
             "description": "For submental fat.", "price_delta": "900.00"},
            {"kind": "consumable", "name": "Antifreeze membranes, box of 50", "slug": "membranes",
             "sku": "HAS-CRYO-MEM", "description": "One membrane per application.", "price_delta": "140.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "5900.00"},
            {"min_quantity": 5, "unit_price": "5600.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-3310", "countries": CE_MARKETS,
             "issued_on": "2024-06-11", "expires_on": "2029-06-10"},
        ],
    },
    {
        "family": "cryolipolysis",
        "sku": "HAS-CRYO-4",
        "name": "Cryo 360 Studio CR-4",
        "slug": "cryo-360-studio-cr-4",
        "summary": "Four 360-degree cryo handles on one base for body-contouring centres with high volume.",
        "description": (
            "The CR-4 runs four cooling handles at once, so one operator can treat the abdomen and both "
            "flanks in a single session, or run two clients side by side.\n\n"
            "Each channel has its own temperature, vacuum and timer control, and the chiller is sized to hold "
            "-11 °C on all four handles through back-to-back sessions.\n\n"
            "Configurations and handle sizes vary by clinic, so the price is quoted on request."
        ),
        "status": "published",
        "featured": False,
        "price_on_request": True,
        "warranty_months": 24,
        "lead_time_days": 20,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["fat-reduction", "body-contouring"],
        "specs": {
            "technologies": ["Cryolipolysis"],
            "cooling-range": (-11, 5),
            "cryo-handles": 4,
            "coverage": ["360-degree"],
            "vacuum": (20, 80),
            "screen": "15.6-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Small chin handle", "slug": "chin-handle", "sku": "HAS-CRYO-CHIN",
             "description": "For submental fat.", "price_delta": "900.00"},
            {"kind": "consumable", "name": "Antifreeze membranes, box of 50", "slug": "membranes",
             "sku": "HAS-CRYO-MEM", "description": "One membrane per application.", "price_delta": "140.00"},
        ],
        "price_tiers": [],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-3311", "countries": CE_MARKETS,
             "issued_on": "2024-06-11", "expires_on": "2029-06-10"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
        ],
    },
    {
        "family": "cryolipolysis",
        "sku": "HAS-CRYO-CC3",
        "name": "Cryo Combo CC-3",
        "slug": "cryo-combo-cc-3",
        "summary": "Cryolipolysis, 40 kHz cavitation and lipo-laser pads in one body-shaping station.",
        "description": (
            "The CC-3 lets a clinic build a session around the client: freeze a stubborn pocket with the "
            "two cryo handles, then treat wider areas with the cavitation head and eight lipo-laser pads "
            "while the cryo cycle runs.\n\n"
            "Cavitation at 40 kHz targets fat in the thighs and abdomen, and the pads help the body clear it "
            "afterwards. The combination suits clients who want visible change over a course of "
            "appointments.\n\n"
            "All modules share one screen and one set of client records."
        ),
        "status": "published",
        "featured": False,
        "list_price": "7400.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["fat-reduction", "body-contouring", "cellulite"],
        "specs": {
            "technologies": ["Cryolipolysis", "Cavitation", "Lipo laser"],
            "cooling-range": (-10, 5),
            "cryo-handles": 2,
            "coverage": ["360-degree"],
            "vacuum": (20, 80),
            "cavitation-frequency": 40,
            "lipo-laser-pads": 8,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Antifreeze membranes, box of 50", "slug": "membranes",
             "sku": "HAS-CRYO-MEM", "description": "One membrane per application.", "price_delta": "140.00"},
            {"kind": "accessory", "name": "Lipo laser pad straps", "slug": "pad-straps", "included": True,
             "description": "Elastic straps for the eight pads."},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "7050.00"},
            {"min_quantity": 5, "unit_price": "6700.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-3312", "countries": CE_MARKETS,
             "issued_on": "2024-06-11", "expires_on": "2029-06-10"},
            {"authority": "fda_510k", "identifier": "K230518", "countries": ["US"], "issued_on": "2023-07-27"},
        ],
    },
    {
        "family": "cryolipolysis",
        "sku": "HAS-CRYO-CC4",
        "name": "Cryo Combo CC-4",
        "slug": "cryo-combo-cc-4",
        "summary": "Our full body-shaping station: 360-degree cryolipolysis, cavitation, multipolar RF and "
                   "lipo laser.",
        "description": (
            "The CC-4 adds multipolar radio frequency to the CC-3, so the clinic can firm the skin over an "
            "area after fat reduction and treat cellulite in the same visit. A face RF head is included for "
            "jawline and neck work.\n\n"
            "Two 360-degree cryo handles reach -11 °C, the 40 kHz cavitation head and eight lipo-laser pads "
            "work on larger areas, and every module can run while another is active.\n\n"
            "It is the station we recommend to clinics that want a single device for a full body-contouring "
            "menu."
        ),
        "status": "published",
        "featured": True,
        "list_price": "8900.00",
        "warranty_months": 24,
        "lead_time_days": 12,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["fat-reduction", "body-contouring", "cellulite", "skin-tightening"],
        "specs": {
            "technologies": ["Cryolipolysis", "Cavitation", "RF", "Lipo laser"],
            "cooling-range": (-11, 5),
            "cryo-handles": 2,
            "coverage": ["360-degree"],
            "vacuum": (20, 80),
            "cavitation-frequency": 40,
            "lipo-laser-pads": 8,
            "screen": "12.1-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Face RF head", "slug": "face-rf", "included": True,
             "description": "Small multipolar head for jawline and neck."},
            {"kind": "handpiece", "name": "Small chin handle", "slug": "chin-handle", "sku": "HAS-CRYO-CHIN",
             "description": "For submental fat.", "price_delta": "900.00"},
            {"kind": "consumable", "name": "Antifreeze membranes, box of 50", "slug": "membranes",
             "sku": "HAS-CRYO-MEM", "description": "One membrane per application.", "price_delta": "140.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "8450.00"},
            {"min_quantity": 5, "unit_price": "8050.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-3313", "countries": CE_MARKETS,
             "issued_on": "2024-06-11", "expires_on": "2029-06-10"},
            {"authority": "ukca", "identifier": "UKCA 0086-MD-57320", "countries": ["GB"],
             "issued_on": "2024-09-03", "expires_on": "2029-09-02"},
        ],
    },
    # --- EMS body sculpting -------------------------------------------------------------
    {
        "family": "ems-body-sculpting",
        "sku": "HAS-EMS-2",
        "name": "EMS Sculpt ES-2",
        "slug": "ems-sculpt-es-2",
        "summary": "Two-applicator electromagnetic muscle sculpting with synchronised RF, for abdomen, buttocks, "
                   "arms and thighs.",
        "description": (
            "The ES-2 uses a high-intensity electromagnetic field of up to 7 tesla to make the muscles under "
            "each applicator contract thousands of times in a thirty-minute session. Radio frequency in the "
            "same applicator warms the fat layer above, so toning and fat reduction happen together.\n\n"
            "Two large applicators can work on the abdomen and buttocks at the same time or on both thighs. "
            "Water and air cooling keep the coils at a stable temperature all day.\n\n"
            "A typical course is four sessions in two weeks. The hands-free design frees staff for other "
            "clients during treatment."
        ),
        "status": "published",
        "featured": True,
        "list_price": "11500.00",
        "warranty_months": 24,
        "lead_time_days": 14,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["muscle-toning", "body-contouring", "fat-reduction"],
        "specs": {
            "technologies": ["HIFEM", "RF"],
            "field-intensity": 7,
            "applicators": 2,
            "pulse-frequency": (1, 150),
            "rf-frequency": 1,
            "session-length": 30,
            "cooling": ["Water + air"],
            "pelvic-seat": False,
            "screen": "15.6-inch colour touch screen",
        },
        "options": [
            {"kind": "accessory", "name": "Pelvic-floor seat", "slug": "pelvic-seat", "sku": "HAS-EMS-SEAT",
             "description": "Seated applicator for pelvic-floor strengthening.", "price_delta": "2800.00"},
            {"kind": "accessory", "name": "Applicator strap set", "slug": "straps", "included": True,
             "description": "Adjustable belts for abdomen, buttocks and thighs."},
            {"kind": "handpiece", "name": "Small applicators for arms", "slug": "small-applicators",
             "sku": "HAS-EMS-SM", "description": "Pair of smaller coils for arms and calves.",
             "price_delta": "1900.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "10900.00"},
            {"min_quantity": 5, "unit_price": "10400.00"},
        ],
        "certifications": [
            {"authority": "fda_510k", "identifier": "K222671", "countries": ["US"], "issued_on": "2023-01-12"},
            {"authority": "ce_mdr", "identifier": "CE 0197-MDR-8120", "countries": CE_MARKETS,
             "issued_on": "2023-10-02", "expires_on": "2028-10-01"},
            {"authority": "tga", "identifier": "ARTG 398264", "countries": ["AU"], "issued_on": "2024-02-14"},
        ],
    },
    {
        "family": "ems-body-sculpting",
        "sku": "HAS-EMS-4",
        "name": "EMS Sculpt ES-4",
        "slug": "ems-sculpt-es-4",
        "summary": "Four applicators and a pelvic-floor seat for body-sculpting centres that treat two clients "
                   "at once.",
        "description": (
            "The ES-4 doubles the applicator count of the ES-2 and adds a built-in pelvic-floor seat. Two "
            "clients can be treated at the same time, or one client on four areas, which halves the time "
            "per full-body course.\n\n"
            "The seat uses the same electromagnetic technology to strengthen pelvic-floor muscles, useful "
            "after childbirth and for mild stress incontinence.\n\n"
            "Because centres differ in layout and applicator mix, we prepare each ES-4 quote individually."
        ),
        "status": "published",
        "featured": False,
        "price_on_request": True,
        "warranty_months": 24,
        "lead_time_days": 21,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["muscle-toning", "body-contouring", "fat-reduction", "vaginal-rejuvenation"],
        "specs": {
            "technologies": ["HIFEM", "RF", "Pelvic stimulation"],
            "field-intensity": 7,
            "applicators": 4,
            "pulse-frequency": (1, 150),
            "rf-frequency": 1,
            "session-length": 30,
            "cooling": ["Water + air"],
            "pelvic-seat": True,
            "screen": "21.5-inch colour touch screen",
        },
        "options": [
            {"kind": "accessory", "name": "Applicator strap set", "slug": "straps", "included": True,
             "description": "Adjustable belts for abdomen, buttocks and thighs."},
            {"kind": "handpiece", "name": "Small applicators for arms", "slug": "small-applicators",
             "sku": "HAS-EMS-SM", "description": "Pair of smaller coils for arms and calves.",
             "price_delta": "1900.00"},
        ],
        "price_tiers": [],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0197-MDR-8121", "countries": CE_MARKETS,
             "issued_on": "2023-10-02", "expires_on": "2028-10-01"},
        ],
    },
    # --- RF microneedling --------------------------------------------------------------
    {
        "family": "rf-microneedling",
        "sku": "HAS-MRF-1",
        "name": "RF Microneedling MR-1",
        "slug": "rf-microneedling-mr-1",
        "summary": "Insulated-needle fractional RF for acne scars, enlarged pores and fine lines on all skin "
                   "types.",
        "description": (
            "The MR-1 pushes gold-plated, insulated needles to a depth set in 0.1 mm steps from 0.3 to "
            "3.0 mm, then releases 2 MHz radio frequency at the needle tips. The insulation protects the "
            "surface, so the heat lands in the dermis where scars and laxity start.\n\n"
            "Disposable cartridges with 10, 25 or 64 pins, plus a nano tip for gentle surface work, match "
            "the tip to the area: small for around the eyes, large for cheeks and neck.\n\n"
            "Downtime is usually a day or two of redness, which makes the MR-1 a practical alternative to "
            "ablative laser for clients with darker skin."
        ),
        "status": "published",
        "featured": False,
        "list_price": "7900.00",
        "warranty_months": 24,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["acne-scars", "wrinkles-fine-lines", "skin-tightening", "skin-rejuvenation"],
        "specs": {
            "rf-frequency": 2,
            "rf-power": 50,
            "needle-depth": (0.3, 3.0),
            "needle-tips": ["10-pin", "25-pin", "64-pin", "Nano"],
            "needle-type": ["Insulated"],
            "rf-duration": (100, 800),
            "cold-hammer": False,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "25-pin cartridges, box of 10", "slug": "tips-25",
             "sku": "HAS-MRF-T25", "description": "Single-use insulated needle cartridges.", "price_delta": "85.00"},
            {"kind": "consumable", "name": "64-pin cartridges, box of 10", "slug": "tips-64",
             "sku": "HAS-MRF-T64", "description": "Single-use insulated needle cartridges.", "price_delta": "95.00"},
            {"kind": "consumable", "name": "Nano cartridges, box of 10", "slug": "tips-nano",
             "sku": "HAS-MRF-TN", "description": "Needle-free surface tips.", "price_delta": "70.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "7500.00"},
            {"min_quantity": 5, "unit_price": "7150.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0733", "countries": CE_MARKETS,
             "issued_on": "2024-04-09", "expires_on": "2029-04-08"},
            {"authority": "health_canada", "identifier": "MDL 111208", "countries": ["CA"],
             "issued_on": "2024-11-05"},
        ],
    },
    {
        "family": "rf-microneedling",
        "sku": "HAS-MRF-2P",
        "name": "RF Microneedling MR-2 Pro",
        "slug": "rf-microneedling-mr-2-pro",
        "summary": "Higher-power RF microneedling with body tips, both needle types and a cooling hammer.",
        "description": (
            "The MR-2 Pro raises RF output to 80 W and needle depth to 4.0 mm, so it treats stretch marks and "
            "lax skin on the abdomen and thighs as well as facial scars.\n\n"
            "Both insulated and non-insulated needles are supported: insulated for safe deep heating, "
            "non-insulated for stronger surface tightening. The cooling hammer calms the skin straight after "
            "a pass.\n\n"
            "Six cartridge sizes from 10 to 81 pins let one handpiece cover everything from the eyelids to "
            "the abdomen."
        ),
        "status": "published",
        "featured": False,
        "list_price": "11200.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["acne-scars", "wrinkles-fine-lines", "skin-tightening", "skin-rejuvenation",
                       "body-contouring"],
        "specs": {
            "rf-frequency": 2,
            "rf-power": 80,
            "needle-depth": (0.3, 4.0),
            "needle-tips": ["10-pin", "25-pin", "49-pin", "64-pin", "81-pin", "Nano"],
            "needle-type": ["Insulated and non-insulated"],
            "rf-duration": (50, 1000),
            "cold-hammer": True,
            "screen": "12.1-inch colour touch screen",
        },
        "options": [
            {"kind": "handpiece", "name": "Body handpiece", "slug": "body-handpiece", "sku": "HAS-MRF-BODY",
             "description": "Larger grip for the 81-pin body cartridges.", "price_delta": "650.00"},
            {"kind": "consumable", "name": "81-pin cartridges, box of 10", "slug": "tips-81",
             "sku": "HAS-MRF-T81", "description": "Single-use body cartridges.", "price_delta": "110.00"},
            {"kind": "consumable", "name": "25-pin cartridges, box of 10", "slug": "tips-25",
             "sku": "HAS-MRF-T25", "description": "Single-use insulated needle cartridges.", "price_delta": "85.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "10650.00"},
            {"min_quantity": 5, "unit_price": "10150.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0734", "countries": CE_MARKETS,
             "issued_on": "2024-04-09", "expires_on": "2029-04-08"},
            {"authority": "ukca", "identifier": "UKCA 0086-MD-57988", "countries": ["GB"],
             "issued_on": "2024-10-21", "expires_on": "2029-10-20"},
        ],
    },
    # --- Skin analyser --------------------------------------------------------------------
    {
        "family": "skin-analyser",
        "sku": "HAS-SA-3",
        "name": "Skin Analyser SA-3",
        "slug": "skin-analyser-sa-3",
        "summary": "A three-light facial imaging station that scores eight skin indicators in under ten seconds.",
        "description": (
            "The SA-3 photographs the face under white, cross-polarised and UV light from a fixed chin rest, "
            "so every visit is captured the same way. Software maps pores, spots, wrinkles, redness, texture, "
            "UV damage, porphyrins and moisture.\n\n"
            "Side-by-side views make before-and-after comparisons clear, and the report can be printed or "
            "emailed during the consultation.\n\n"
            "It is an inexpensive way to make consultations more convincing and to sell treatment plans "
            "based on what the client can see."
        ),
        "status": "published",
        "featured": False,
        "list_price": "2900.00",
        "warranty_months": 12,
        "lead_time_days": 5,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["skin-analysis"],
        "specs": {
            "light-modes": ["White (RGB)", "Cross-polarised", "UV 365 nm"],
            "camera-resolution": 20,
            "indicators": 8,
            "ai-analysis": False,
            "capture-time": 8,
            "report-output": ["Print", "Email"],
            "display": "Connects to a Windows PC or laptop",
        },
        "options": [
            {"kind": "accessory", "name": "Colour photo printer", "slug": "printer", "sku": "HAS-SA-PRN",
             "description": "Prints reports at the consultation desk.", "price_delta": "180.00"},
            {"kind": "accessory", "name": "Height-adjustable stand", "slug": "stand", "sku": "HAS-SA-STD",
             "description": "Rolling stand with a shelf for the PC.", "price_delta": "260.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "2750.00"},
            {"min_quantity": 5, "unit_price": "2600.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-8802", "countries": CE_MARKETS,
             "issued_on": "2024-09-16", "expires_on": "2029-09-15"},
        ],
    },
    {
        "family": "skin-analyser",
        "sku": "HAS-SA-5AI",
        "name": "Skin Analyser SA-5 AI",
        "slug": "skin-analyser-sa-5-ai",
        "summary": "A 36 MP, five-light skin analyser with AI scoring of fourteen indicators and cloud reports.",
        "description": (
            "The SA-5 AI captures left, front and right views under five light modes with a 36 MP camera, "
            "and its AI model scores fourteen indicators against a large reference database of faces by "
            "age and skin type.\n\n"
            "Results appear on a built-in 21.5-inch screen in a few seconds. Clients can take their report "
            "home through a QR code or their cloud account, which keeps them engaged between visits.\n\n"
            "Clinics use it to open consultations, to choose settings for laser treatments, and to document "
            "progress objectively."
        ),
        "status": "published",
        "featured": False,
        "list_price": "4600.00",
        "warranty_months": 24,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["skin-analysis"],
        "specs": {
            "light-modes": ["White (RGB)", "Cross-polarised", "Parallel-polarised", "UV 365 nm", "Wood's lamp"],
            "camera-resolution": 36,
            "indicators": 14,
            "ai-analysis": True,
            "capture-time": 5,
            "report-output": ["Print", "Email", "QR code", "Cloud account"],
            "display": "21.5-inch built-in touch screen",
        },
        "options": [
            {"kind": "accessory", "name": "Colour photo printer", "slug": "printer", "sku": "HAS-SA-PRN",
             "description": "Prints reports at the consultation desk.", "price_delta": "180.00"},
            {"kind": "accessory", "name": "Three-year cloud reporting plan", "slug": "cloud-plan",
             "sku": "HAS-SA-CLOUD", "description": "Client accounts and report storage.", "price_delta": "390.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "4350.00"},
            {"min_quantity": 5, "unit_price": "4150.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 0123-MDR-8803", "countries": CE_MARKETS,
             "issued_on": "2024-09-16", "expires_on": "2029-09-15"},
            {"authority": "iso_13485", "identifier": "ISO 13485:2016 Q5 0923 1140", "countries": [],
             "issued_on": "2024-01-10", "expires_on": "2027-01-09"},
        ],
    },
    # --- Hair-growth laser ------------------------------------------------------------------
    {
        "family": "hair-growth-laser",
        "sku": "HAS-HG-H272",
        "name": "Hair Growth Laser Helmet HG-272",
        "slug": "hair-growth-laser-helmet-hg-272",
        "summary": "A cordless 650 nm laser helmet with 272 diodes for hands-free hair-regrowth sessions.",
        "description": (
            "The HG-272 spreads 272 low-power 650 nm laser diodes evenly over the inside of a light helmet, "
            "so the whole scalp is covered without moving the device. A session takes about twenty "
            "minutes.\n\n"
            "Because it runs on a rechargeable battery, clients can sit anywhere in the clinic, and the "
            "clinic can also rent or sell helmets for supervised home programmes.\n\n"
            "Suitable for men and women with early to moderate thinning, alongside other hair-loss "
            "treatments."
        ),
        "status": "published",
        "featured": False,
        "list_price": "1900.00",
        "warranty_months": 12,
        "lead_time_days": 5,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["hair-regrowth"],
        "specs": {
            "wavelength": 650,
            "laser-diodes": 272,
            "diode-output": 5,
            "form-factor": ["Helmet"],
            "session-time": (15, 25),
            "scalp-camera": False,
            "cordless": True,
        },
        "options": [
            {"kind": "accessory", "name": "Charging dock", "slug": "charging-dock", "included": True,
             "description": "Desk stand that charges the helmet."},
            {"kind": "accessory", "name": "Spare battery pack", "slug": "battery", "sku": "HAS-HG-BAT",
             "description": "Swap in for back-to-back sessions.", "price_delta": "75.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "1780.00"},
            {"min_quantity": 5, "unit_price": "1650.00"},
            {"min_quantity": 10, "unit_price": "1520.00"},
        ],
        "certifications": [
            {"authority": "fda_510k", "identifier": "K201733", "countries": ["US"], "issued_on": "2021-03-30"},
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-4050", "countries": CE_MARKETS,
             "issued_on": "2023-12-12", "expires_on": "2028-12-11"},
        ],
    },
    {
        "family": "hair-growth-laser",
        "sku": "HAS-HG-S300",
        "name": "Hair Growth Laser Stand HG-S300",
        "slug": "hair-growth-laser-stand-hg-s300",
        "summary": "A clinic stand with an adjustable 650 nm laser canopy and a scalp camera for consultations.",
        "description": (
            "The HG-S300 suspends a 300-diode laser canopy over a seated client on a height-adjustable arm. "
            "Panels tilt to follow the head shape, so light reaches the crown, temples and hairline evenly.\n\n"
            "A handheld scalp camera shows follicle density and scalp condition on screen before and during a "
            "programme, which helps clients stay committed over the months needed to see results.\n\n"
            "It suits trichology clinics and hair-transplant practices that offer regrowth courses."
        ),
        "status": "published",
        "featured": False,
        "list_price": "3800.00",
        "warranty_months": 24,
        "lead_time_days": 10,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["hair-regrowth"],
        "specs": {
            "wavelength": 650,
            "laser-diodes": 300,
            "diode-output": 5,
            "form-factor": ["Stand with canopy"],
            "session-time": (15, 30),
            "scalp-camera": True,
            "cordless": False,
        },
        "options": [
            {"kind": "accessory", "name": "Scalp camera", "slug": "scalp-camera", "included": True,
             "description": "Handheld microscope camera with 50× and 200× lenses."},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "3600.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-4051", "countries": CE_MARKETS,
             "issued_on": "2023-12-12", "expires_on": "2028-12-11"},
        ],
    },
    # --- Hydro-dermabrasion ---------------------------------------------------------------
    {
        "family": "hydro-dermabrasion",
        "sku": "HAS-HD-6",
        "name": "Hydro-Dermabrasion HD-6",
        "slug": "hydro-dermabrasion-hd-6",
        "summary": "A six-handpiece facial station for cleansing, extraction, infusion and finishing.",
        "description": (
            "The HD-6 runs a classic multi-step facial: vortex hydro-dermabrasion with four serums, an "
            "ultrasonic scrubber, bipolar RF, an oxygen sprayer, a cold hammer and a BIO lifting wand.\n\n"
            "Spiral tips loosen dead cells and pull out impurities while serums hydrate, so the skin looks "
            "clear and plump straight away. The cold hammer and oxygen spray calm the skin before the "
            "client leaves.\n\n"
            "A good first device for a salon facial menu, with low consumable costs."
        ),
        "status": "published",
        "featured": False,
        "list_price": "2700.00",
        "warranty_months": 12,
        "lead_time_days": 5,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["deep-cleansing-hydration", "skin-rejuvenation"],
        "specs": {
            "handpieces": 6,
            "functions": ["Hydro-dermabrasion", "Ultrasonic scrubber", "Bipolar RF", "Oxygen spray", "Cold hammer",
                          "BIO lifting"],
            "vacuum": (0, 90),
            "solution-bottles": 4,
            "led-mask": False,
            "screen": "8-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Serum set, 4 × 500 ml", "slug": "serum-set", "sku": "HAS-HD-SER",
             "description": "Cleansing, peeling, hydrating and brightening solutions.", "price_delta": "70.00"},
            {"kind": "consumable", "name": "Spiral tips, pack of 50", "slug": "tips", "sku": "HAS-HD-TIP",
             "description": "Single-use hydro-dermabrasion tips.", "price_delta": "45.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "2550.00"},
            {"min_quantity": 5, "unit_price": "2400.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0905", "countries": CE_MARKETS,
             "issued_on": "2024-07-01", "expires_on": "2029-06-30"},
        ],
    },
    {
        "family": "hydro-dermabrasion",
        "sku": "HAS-HD-11",
        "name": "Hydro-Dermabrasion HD-11",
        "slug": "hydro-dermabrasion-hd-11",
        "summary": "An eleven-handpiece facial tower with an LED mask, hot and cold hammers and "
                   "microdermabrasion.",
        "description": (
            "The HD-11 extends the HD-6 with a flexible seven-colour LED mask, a hot hammer for opening pores, "
            "a diamond microdermabrasion wand and an ultrasound handpiece for product infusion.\n\n"
            "With eleven handpieces on one tower, a therapist can build signature facials of different "
            "lengths and prices without moving the client between machines.\n\n"
            "It suits day spas and clinics that sell facials as memberships or as preparation before laser "
            "courses."
        ),
        "status": "published",
        "featured": False,
        "list_price": "4200.00",
        "warranty_months": 12,
        "lead_time_days": 7,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["deep-cleansing-hydration", "skin-rejuvenation", "pigmentation"],
        "specs": {
            "handpieces": 11,
            "functions": ["Hydro-dermabrasion", "Ultrasonic scrubber", "Bipolar RF", "Oxygen spray", "Cold hammer",
                          "Hot hammer", "BIO lifting", "LED mask", "Microdermabrasion", "Ultrasound"],
            "vacuum": (0, 100),
            "solution-bottles": 6,
            "led-mask": True,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Serum set, 4 × 500 ml", "slug": "serum-set", "sku": "HAS-HD-SER",
             "description": "Cleansing, peeling, hydrating and brightening solutions.", "price_delta": "70.00"},
            {"kind": "consumable", "name": "Spiral tips, pack of 50", "slug": "tips", "sku": "HAS-HD-TIP",
             "description": "Single-use hydro-dermabrasion tips.", "price_delta": "45.00"},
            {"kind": "accessory", "name": "Seven-colour LED mask", "slug": "led-mask", "included": True,
             "description": "Flexible silicone mask."},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "3990.00"},
            {"min_quantity": 5, "unit_price": "3780.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2460-MDR-0906", "countries": CE_MARKETS,
             "issued_on": "2024-07-01", "expires_on": "2029-06-30"},
            {"authority": "tga", "identifier": "ARTG 407719", "countries": ["AU"], "issued_on": "2024-12-03"},
        ],
    },
    # --- Cavitation and RF slimming ---------------------------------------------------------
    {
        "family": "cavitation-rf-slimming",
        "sku": "HAS-CAV-40",
        "name": "Cavitation RF Slimming CV-40",
        "slug": "cavitation-rf-slimming-cv-40",
        "summary": "A six-handpiece 40 kHz cavitation, multipolar RF and vacuum system for body and face.",
        "description": (
            "The CV-40 combines a 40 kHz cavitation head for localised fat, vacuum RF for cellulite, "
            "multipolar and tripolar RF heads for body and face firming, and eight lipo-laser pads.\n\n"
            "Sessions are short and comfortable, and several handpieces can be used in one appointment. "
            "Running costs are limited to gel.\n\n"
            "It is an accessible entry into body shaping for salons and a companion to a cryolipolysis "
            "station in larger clinics."
        ),
        "status": "published",
        "featured": False,
        "list_price": "3300.00",
        "warranty_months": 12,
        "lead_time_days": 5,
        "skin_type_min": 1,
        "skin_type_max": 6,
        "treatments": ["fat-reduction", "cellulite", "body-contouring", "skin-tightening"],
        "specs": {
            "cavitation-frequency": 40,
            "rf-types": ["Bipolar", "Tripolar", "Multipolar"],
            "vacuum": (0, 80),
            "handpieces": 6,
            "lipo-laser-pads": 8,
            "screen": "10.4-inch colour touch screen",
        },
        "options": [
            {"kind": "consumable", "name": "Ultrasound gel, 5 litres", "slug": "ultrasound-gel",
             "sku": "HAS-HIFU-GEL", "description": "Coupling gel.", "price_delta": "30.00"},
        ],
        "price_tiers": [
            {"min_quantity": 3, "unit_price": "3120.00"},
            {"min_quantity": 5, "unit_price": "2950.00"},
        ],
        "certifications": [
            {"authority": "ce_mdr", "identifier": "CE 2797-MDR-3390", "countries": CE_MARKETS,
             "issued_on": "2024-06-11", "expires_on": "2029-06-10"},
        ],
    },
]
