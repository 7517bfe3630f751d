#!/usr/bin/env python3
"""Builds corpora/lexicons/currencies.tsv, the money stage's currency lexicon.

Sources: ISO 4217 codes and names from Debian's iso-codes package
(/usr/share/iso-codes/json/iso_4217.json, LGPL-2.1+), plus the hand-written table below
(symbols, plurals, news and Reuters wire forms, country adjectives, minor units, and the
pre-euro codes iso-codes no longer lists).

Usage: python3 corpora/tools/build_currencies.py [ISO_JSON] > corpora/lexicons/currencies.tsv

Columns: key (lowercased, words joined by one space), iso (empty = unresolved), flags, family,
minor exponent. Flags: C code (matches an all-capitals token only), S symbol, N name, P name that
may also stand before the number ("ringgit 42"), M minor unit (amount x 10^minor), D default of an
ambiguous family (context may replace it), X explicit member of a family (sets the document's
context for that family), K country cue (not a currency; fills an unset family context).
"""
import json
import sys

ISO_JSON = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json/iso_4217.json"

HISTORIC = ["DEM", "FRF", "ITL", "ESP", "NLG", "BEF", "LUF", "ATS", "FIM", "PTE", "IEP", "GRD",
            "XEU", "CYP", "MTL", "SIT", "SKK", "EEK", "LVL", "LTL", "HRK", "VEF", "ZWD", "SUR",
            "YUN", "TRL", "ROL", "BGL", "PLZ", "CSK", "ECS", "MXP", "BRC", "ARA", "PEI",
            # the older codes of currency.c's DATED table (a name in an old story gets them)
            "VEB", "RUR", "ZMK", "AZM", "GHC", "MZM", "SDD", "SDP", "TMM", "UYP", "ZWN", "ZWR",
            "BYR", "PES", "UAK"]
# codes that are also frequent English/acronym words: they still need an all-caps token
rows = {}


def add(key, iso, flags, family="", minor=0):
    key = key.lower()
    if key in rows and "C" not in rows[key][1]:
        return  # first hand entry wins
    rows[key] = (iso, flags, family, minor)


# --- hand-written table ---------------------------------------------------------------------
# ambiguous families: bare forms default (D) to the first code, or stay unresolved ("")
FAMILY_BARE = {
    "dollar": ("USD", ["$", "dollar", "dollars", "dlr", "dlrs", "buck", "bucks", "usd$"]),
    "pound": ("GBP", ["£", "pound", "pounds", "quid"]),
    "franc": ("CHF", ["franc", "francs", "fr.", "fr"]),
    "krone": ("", ["kr", "kr.", "krone", "kroner", "crown", "crowns", "kronur"]),
    "peso": ("", ["peso", "pesos"]),
    "rupee": ("INR", ["rupee", "rupees", "rs", "rs.", "re", "₨"]),
    "dinar": ("", ["dinar", "dinars"]),
    "riyal": ("", ["riyal", "riyals", "rial", "rials"]),
    "dirham": ("", ["dirham", "dirhams"]),
    "shilling": ("", ["shilling", "shillings"]),
    "yen": ("JPY", ["¥", "yen"]),
    "cent": ("USD", ["cent", "cents", "ct", "cts", "¢", "c"]),
    # Zambia's or Malawi's: a story naming the country (a cue below) decides
    "kwacha": ("", ["kwacha", "kwachas"]),
}
for fam, (iso, keys) in FAMILY_BARE.items():
    for k in keys:
        sign = not k[0].isalpha() or k in ("fr.", "fr", "kr", "kr.", "rs", "rs.")
        add(k, iso, "SD" if sign else "ND", fam, -2 if fam == "cent" else 0)
rows["c"] = ("USD", "NDM", "cent", -2)
for k in ("cent", "cents", "ct", "cts", "¢"):
    rows[k] = ("USD", rows[k][1] + "M", "cent", -2)
# only the sign is shared by the yen and the yuan: the word "yen" is always JPY, whatever
# context an earlier "yuan" set (no D)
rows["yen"] = ("JPY", "N", "yen", 0)
rows["rs"] = ("INR", "SDP", "rupee", 0)
rows["rs."] = ("INR", "SDP", "rupee", 0)

SYMBOLS = {"us$": "USD", "u.s.$": "USD", "$us": "USD", "$a": "AUD", "$c": "CAD", "$nz": "NZD",
           "sfr": "CHF", "sfr.": "CHF", "sfrs": "CHF", "ksh": "KES", "ush": "UGX", "tsh": "TZS", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
           "can$": "CAD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "nt$": "TWD", "r$": "BRL",
           "mx$": "MXN", "€": "EUR", "cn¥": "CNY", "rmb": "CNY", "₹": "INR", "₽": "RUB",
           "₴": "UAH", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₫": "VND", "₦": "NGN", "฿": "THB",
           "₱": "PHP", "zł": "PLN", "kč": "CZK", "rm": "MYR", "l.e.": "EGP", "l.e": "EGP",
           "le": "EGP", "dm": "DEM", "dms": "DEM", "stg": "GBP", "₭": "LAK", "₮": "MNT",
           "₸": "KZT", "₼": "AZN", "₾": "GEL", "₡": "CRC", "₲": "PYG", "₵": "GHS", "৳": "BDT",
           "₿": "", "rp": "IDR", "rp.": "IDR", "nis": "ILS",
           "sdr": "XDR"}
# written before the number: "SFr 1.2 billion", "Rp 5 trillion", "NIS 500"
ALPHA_SIGNS = {"sfr", "sfrs", "ksh", "ush", "tsh", "rp", "rp.", "nis", "sdr"}
FAMILY_OF = {"KES": "shilling", "UGX": "shilling", "TZS": "shilling", "USD": "dollar", "AUD": "dollar", "CAD": "dollar", "HKD": "dollar", "NZD": "dollar",
             "SGD": "dollar", "TWD": "dollar", "GBP": "pound", "CNY": "yen", "JPY": "yen",
             "CHF": "franc", "FRF": "franc", "BEF": "franc", "INR": "rupee",
             "ZMW": "kwacha", "MWK": "kwacha"}
for k, iso in SYMBOLS.items():
    fl = "S" if any(not (ch.isascii() and ch.isalpha()) for ch in k) or k in ALPHA_SIGNS else "N"
    if k in ("rm",):
        fl = "CP"
    if k in ("rmb", "dm"):  # "Rmb 500m", "DM 5 million" as well as "5 mln DM"
        fl = "NP"
    add(k, iso, fl + ("X" if iso in FAMILY_OF else ""), FAMILY_OF.get(iso, ""))

NAMES = {
    "euro": "EUR", "euros": "EUR", "eurocent": ("EUR", -2), "eurocents": ("EUR", -2),
    "euro cents": ("EUR", -2), "euro cent": ("EUR", -2),
    "sterling": "GBP", "pounds sterling": "GBP", "pound sterling": "GBP", "stg": "GBP",
    "penny": ("GBP", -2), "pennies": ("GBP", -2), "pence": ("GBP", -2), "p": ("GBP", -2),
    "yuan": "CNY", "renminbi": "CNY", "rupiah": "IDR", "rupiahs": "IDR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "kopeck": ("RUB", -2), "kopecks": ("RUB", -2), "kopek": ("RUB", -2), "kopeks": ("RUB", -2),
    "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "hryvna": "UAH", "hryvnyas": "UAH",
    "kopiyka": ("UAH", -2), "kopiykas": ("UAH", -2), "kopiyok": ("UAH", -2),
    "won": "KRW", "reais": "BRL", "lira": "TRY", "liras": "TRY", "lire": "ITL",
    "shekel": "ILS", "shekels": "ILS", "sheqel": "ILS", "sheqels": "ILS",
    "new shekels": "ILS", "new israeli shekels": "ILS",
    "krona": "SEK", "kronor": "SEK", "koruna": "CZK", "korunas": "CZK", "koruny": "CZK",
    "mark": "DEM", "marks": "DEM", "deutschmark": "DEM", "deutschmarks": "DEM",
    "deutsche mark": "DEM", "deutsche marks": "DEM", "d-mark": "DEM", "d-marks": "DEM",
    "pfennig": ("DEM", -2), "pfennigs": ("DEM", -2),
    "guilder": "NLG", "guilders": "NLG", "peseta": "ESP", "pesetas": "ESP",
    "escudo": "PTE", "escudos": "PTE", "schilling": "ATS", "schillings": "ATS",
    "markka": "FIM", "markkaa": "FIM", "markkas": "FIM", "finnish markka": "FIM",
    "finnish markkaa": "FIM", "finnish markkas": "FIM", "drachma": "GRD", "drachmas": "GRD",
    "drachmae": "GRD", "punt": "IEP", "punts": "IEP", "ecu": "XEU", "ecus": "XEU",
    "rand": "ZAR", "baht": "THB", "ringgit": "MYR", "ringgits": "MYR",
    "sen": ("MYR", -2), "sens": ("MYR", -2), "paise": ("INR", -2), "paisa": ("INR", -2),
    "zloty": "PLN", "zlotys": "PLN", "zlotych": "PLN", "forint": "HUF", "forints": "HUF",
    "leu": "RON", "lei": "RON", "lev": "BGN", "leva": "BGN", "tenge": "KZT", "naira": "NGN",
    "cedi": "GHS", "cedis": "GHS", "dong": "VND", "kyat": "MMK", "kyats": "MMK",
    "taka": "BDT", "afghani": "AFN", "afghanis": "AFN", "tugrik": "MNT", "tugriks": "MNT",
    "tugrug": "MNT", "togrog": "MNT", "ringgit malaysia": "MYR", "kwanza": "AOA",
    "manat": "", "lari": "GEL", "dram": "AMD", "drams": "AMD", "somoni": "TJS",
    "egyptianpound": "EGP", "egyptian pound": "EGP", "geneh": "EGP", "genihat masriya": "EGP",
    "saudiriyal": "SAR", "bolivar": "VES", "bolivars": "VES", "bolivares": "VES",
    "sol": "PEN", "soles": "PEN", "nuevos soles": "PEN", "quetzal": "GTQ", "quetzales": "GTQ",
    "colon": "CRC", "colones": "CRC", "lempira": "HNL", "lempiras": "HNL",
    "cordoba": "NIO", "cordobas": "NIO", "guarani": "PYG", "guaranis": "PYG",
    "boliviano": "BOB", "bolivianos": "BOB", "birr": "ETB",
    "centime": ("FRF", -2), "centimes": ("FRF", -2),
    "cruzado": "BRC", "cruzados": "BRC", "austral": "ARA", "australs": "ARA",
    "sucre": "ECS", "sucres": "ECS", "inti": "PEI", "intis": "PEI",
    "special drawing rights": "XDR", "sdrs": "XDR",
    "european currency unit": "XEU", "european currency units": "XEU",
}
PREFIX_OK = {"ringgit", "ringgits", "rmb", "yuan", "renminbi"}
for k, v in NAMES.items():
    iso, minor = (v, 0) if isinstance(v, str) else v
    fam = FAMILY_OF.get(iso, "") if minor == 0 else ""
    fl = "N" + ("M" if minor else "") + ("P" if k in PREFIX_OK else "") + ("X" if fam else "")
    add(k, iso, fl, fam, minor)

# country adjectives x family forms
FORMS = {
    "dollar": ["dollar", "dollars", "dlr", "dlrs"],
    "franc": ["franc", "francs"],
    "krone": ["crown", "crowns", "krona", "kronor", "krone", "kroner", "koruna", "korunas",
              "kronur"],
    "pound": ["pound", "pounds"],
    "peso": ["peso", "pesos"],
    "rupee": ["rupee", "rupees"],
    "dinar": ["dinar", "dinars"],
    "riyal": ["riyal", "riyals", "rial", "rials"],
    "dirham": ["dirham", "dirhams"],
    "shilling": ["shilling", "shillings", "schilling", "schillings"],
    "yen": ["yen"], "yuan": ["yuan", "renminbi"], "won": ["won"], "real": ["real", "reais", "reals"],
    "lira": ["lira", "lire", "liras"], "mark": ["mark", "marks"], "rand": ["rand"],
    "ringgit": ["ringgit", "ringgits"], "rouble": ["rouble", "roubles", "ruble", "rubles"],
    "guilder": ["guilder", "guilders"], "manat": ["manat", "manats"], "kwacha": ["kwacha", "kwachas"],
    "euro": ["euro", "euros"],
}
ADJ = {
    "dollar": {"u.s.": "USD", "us": "USD", "american": "USD", "united states": "USD",
               "canadian": "CAD", "australian": "AUD", "aussie": "AUD", "new zealand": "NZD",
               "hong kong": "HKD", "singapore": "SGD", "singaporean": "SGD", "taiwan": "TWD",
               "new taiwan": "TWD", "taiwanese": "TWD", "zimbabwe": "ZWL", "zimbabwean": "ZWL",
               "jamaican": "JMD", "namibian": "NAD", "fijian": "FJD", "fiji": "FJD",
               "east caribbean": "XCD", "brunei": "BND", "bahamian": "BSD", "barbados": "BBD",
               "barbadian": "BBD", "belize": "BZD", "bermudian": "BMD", "guyanese": "GYD",
               "liberian": "LRD", "trinidad and tobago": "TTD", "cayman islands": "KYD",
               "solomon islands": "SBD", "surinamese": "SRD", "malaysian": "MYR",
               # Reuters: "75 mln Australia dlr bond", "1.55 NZ dlrs"
               "australia": "AUD", "nz": "NZD", "n.z.": "NZD", "hk": "HKD", "h.k.": "HKD"},
    "franc": {"swiss": "CHF", "french": "FRF", "belgian": "BEF", "luxembourg": "LUF",
              "cfa": "XOF", "west african cfa": "XOF", "central african cfa": "XAF",
              "congolese": "CDF", "rwandan": "RWF", "burundian": "BIF", "guinean": "GNF",
              "djiboutian": "DJF", "comorian": "KMF", "cfp": "XPF"},
    "krone": {"swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "icelandic": "ISK",
              "czech": "CZK", "slovak": "SKK", "estonian": "EEK"},
    "pound": {"british": "GBP", "uk": "GBP", "egyptian": "EGP", "lebanese": "LBP",
              "syrian": "SYP", "sudanese": "SDG", "south sudanese": "SSP", "irish": "IEP",
              "cyprus": "CYP", "cypriot": "CYP", "maltese": "MTL", "falkland islands": "FKP",
              "gibraltar": "GIP", "saint helena": "SHP"},
    "peso": {"mexican": "MXN", "philippine": "PHP", "argentine": "ARS", "argentinian": "ARS",
             "chilean": "CLP", "colombian": "COP", "cuban": "CUP", "uruguayan": "UYU",
             "dominican": "DOP"},
    "rupee": {"indian": "INR", "pakistani": "PKR", "pakistan": "PKR", "sri lankan": "LKR",
              "sri lanka": "LKR", "nepalese": "NPR", "nepali": "NPR", "mauritian": "MUR",
              "seychellois": "SCR", "seychelles": "SCR", "maldivian": "MVR"},
    "dinar": {"kuwaiti": "KWD", "iraqi": "IQD", "jordanian": "JOD", "bahraini": "BHD",
              "libyan": "LYD", "tunisian": "TND", "algerian": "DZD", "serbian": "RSD",
              "macedonian": "MKD", "yugoslav": "YUN"},
    "riyal": {"saudi": "SAR", "saudi arabian": "SAR", "qatari": "QAR", "omani": "OMR",
              "iranian": "IRR", "yemeni": "YER"},
    "dirham": {"uae": "AED", "emirati": "AED", "u.a.e.": "AED", "moroccan": "MAD"},
    "shilling": {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "somali": "SOS",
                 "austrian": "ATS", "kenya": "KES", "uganda": "UGX", "tanzania": "TZS"},
    "yen": {"japanese": "JPY"}, "yuan": {"chinese": "CNY"},
    "won": {"south korean": "KRW", "korean": "KRW", "north korean": "KPW"},
    "real": {"brazilian": "BRL"}, "lira": {"turkish": "TRY", "italian": "ITL"},
    "mark": {"german": "DEM", "west german": "DEM", "finnish": "FIM", "east german": "DDM"},
    "rand": {"south african": "ZAR"}, "ringgit": {"malaysian": "MYR", "malaysia": "MYR"},
    "rouble": {"russian": "RUB", "belarusian": "BYN", "belarus": "BYN", "soviet": "SUR"},
    "guilder": {"dutch": "NLG", "netherlands": "NLG", "netherlands antillean": "ANG",
                "aruban": "AWG"},
    "manat": {"azerbaijani": "AZN", "turkmen": "TMT"},
    "kwacha": {"zambian": "ZMW", "zambia": "ZMW", "malawian": "MWK", "malawi": "MWK"}, "euro": {"european": "EUR"},
}
for fam, adjs in ADJ.items():
    for adj, iso in adjs.items():
        for f in FORMS[fam]:
            if fam == "dollar" and iso == "MYR":
                continue
            fam_name = fam if fam in FAMILY_BARE else ""
            add(adj + " " + f, iso, "NX" + ("P" if fam == "ringgit" else "") if fam_name else
                "N" + ("P" if fam == "ringgit" else ""), fam_name)

# a dollar adjective before the cent: "50-1/4 Canadian cts", "3 U.S. cents"
for adj in ("u.s.", "us", "american", "canadian", "australian", "new zealand", "n.z.", "nz",
            "hong kong", "h.k.", "hk", "singapore", "taiwan"):
    for f in ("cent", "cents", "ct", "cts"):
        add(adj + " " + f, ADJ["dollar"][adj], "NMX", "dollar", -2)

# country cues (flag K): not currencies; a document naming the country makes a later bare
# family form ("francs", "crowns", "pesos", "dinars") that country's, unless an explicit
# currency ("Swiss francs") said otherwise first
CUES = {
    "franc": {"france": "FRF", "paris": "FRF", "switzerland": "CHF", "zurich": "CHF",
              "geneva": "CHF", "basle": "CHF", "basel": "CHF", "berne": "CHF", "bern": "CHF",
              "belgium": "BEF", "brussels": "BEF", "luxembourg": "LUF"},
    "krone": {"sweden": "SEK", "stockholm": "SEK", "norway": "NOK", "oslo": "NOK",
              "denmark": "DKK", "copenhagen": "DKK", "iceland": "ISK", "reykjavik": "ISK",
              "czech republic": "CZK", "prague": "CZK"},
    "peso": {"mexico": "MXN", "philippines": "PHP", "manila": "PHP", "argentina": "ARS",
             "buenos aires": "ARS", "chile": "CLP", "santiago": "CLP", "colombia": "COP",
             "bogota": "COP", "uruguay": "UYU", "montevideo": "UYU", "cuba": "CUP",
             "havana": "CUP", "dominican republic": "DOP"},
    "rupee": {"pakistan": "PKR", "karachi": "PKR", "islamabad": "PKR", "sri lanka": "LKR",
              "colombo": "LKR", "nepal": "NPR", "kathmandu": "NPR", "mauritius": "MUR"},
    "dinar": {"kuwait": "KWD", "iraq": "IQD", "baghdad": "IQD", "jordan": "JOD",
              "amman": "JOD", "bahrain": "BHD", "manama": "BHD", "libya": "LYD",
              "tripoli": "LYD", "tunisia": "TND", "tunis": "TND", "algeria": "DZD",
              "algiers": "DZD", "serbia": "RSD", "belgrade": "RSD", "yugoslavia": "YUN"},
    "riyal": {"saudi arabia": "SAR", "riyadh": "SAR", "jeddah": "SAR", "qatar": "QAR",
              "doha": "QAR", "oman": "OMR", "muscat": "OMR", "iran": "IRR", "tehran": "IRR",
              "yemen": "YER"},
    "dirham": {"united arab emirates": "AED", "uae": "AED", "dubai": "AED", "abu dhabi": "AED",
               "morocco": "MAD", "rabat": "MAD", "casablanca": "MAD"},
    "kwacha": {"zambia": "ZMW", "lusaka": "ZMW", "malawi": "MWK", "lilongwe": "MWK",
               "blantyre": "MWK"},
    "shilling": {"kenya": "KES", "nairobi": "KES", "uganda": "UGX", "kampala": "UGX",
                 "tanzania": "TZS", "somalia": "SOS", "austria": "ATS", "vienna": "ATS"},
}
for fam, cues in CUES.items():
    for k, iso in cues.items():
        if k not in rows:
            add(k, iso, "K", fam)
# the country adjectives of those families are cues too ("French official reserves fell 45
# billion francs": FRF, not the default CHF); not the dollar's, pound's or yen's, whose bare
# forms mean the US, British and Japanese currency in most stories that name another country
for fam, adjs in ADJ.items():
    if fam in CUES:
        for adj, iso in adjs.items():
            if adj not in rows and "cf" not in adj:  # "CFA"/"CFP" name no country
                add(adj, iso, "K", fam)

# --- ISO 4217 codes and names from iso-codes ---------------------------------------------------
with open(ISO_JSON, encoding="utf-8") as f:
    data = json.load(f)["4217"]
for c in data:
    code = c["alpha_3"]
    fam = FAMILY_OF.get(code, "")
    add(code, code, "CX" if fam else "C", fam)
    name = c["name"].lower()
    # only plain names of real currencies: no fund/bond/metal units, no "(next day)" variants
    plain = (not any(ch.isdigit() or ch in "(),-" for ch in name) and len(name.split()) <= 3
             and not name.startswith("the ") and not (code[0] == "X" and code not in
                                                       ("XOF", "XAF", "XCD", "XPF")))
    if plain and len(name.split()) >= 2 and name not in rows:
        add(name, code, "N" + ("X" if fam else ""), fam)
        if name[-1].isalpha() and name[-1] not in "sy":
            add(name + "s", code, "N" + ("X" if fam else ""), fam)
for code in HISTORIC:
    add(code, code, "C", FAMILY_OF.get(code, ""))

print("# key\tiso\tflags\tfamily\tminor  (generated by corpora/tools/build_currencies.py; edit there)")
for k in sorted(rows):
    iso, flags, fam, minor = rows[k]
    print(f"{k}\t{iso}\t{flags}\t{fam}\t{minor}")
