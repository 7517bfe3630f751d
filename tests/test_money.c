/*
 * test_money.c — the money stage (pipeline/money.c) after tokenize and normalize.
 *
 * A table of 235+ cases, text => span, exact amount or min/max, ISO currency and hedge, written
 * from the forms of issue 4 (symbols, codes, names, wire forms, magnitudes, grouping styles,
 * written numbers, ranges, compounds, signs, hedges) plus not-money texts that must yield
 * nothing; then the seed article's sentences, the document currency context, several mentions
 * in one text, and linear time on hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"
#include "record.h"
#include "stage.h"

typedef struct mcase {
    const char *text, *span, *amount, *min, *max, *currency, *qualifier;
} mcase;

/* text, span (NULL: no money at all), amount, min, max (NULL: field unset), currency ("" =
 * unresolved), qualifier (NULL: none). A negative amount is written with its sign. */
static const mcase cases[] = {
    {"He paid $1.", "$1", "1", NULL, NULL, "USD", NULL},
    /* HTML character references left in the text are currency signs too (found by fuzzing:
     * numeric ones skipped normalization and were not seen as currencies) */
    {"cost &#8364;5 each", "&#8364;5", "5", NULL, NULL, "EUR", NULL},
    {"cost &#163;7 million", "&#163;7 million", "7000000", NULL, NULL, "GBP", NULL},
    {"cost &euro;6 each", "&euro;6", "6", NULL, NULL, "EUR", NULL},
    {"It costs one dollar.", "one dollar", "1", NULL, NULL, "USD", NULL},
    {"It costs a dollar.", "a dollar", "1", NULL, NULL, "USD", NULL},
    {"a fee of $10", "$10", "10", NULL, NULL, "USD", NULL},
    {"a fee of $ 10", "$ 10", "10", NULL, NULL, "USD", NULL},
    {"a fee of 10$", "10$", "10", NULL, NULL, "USD", NULL},
    {"about 10 dollars", "10 dollars", "10", NULL, NULL, "USD", "about"},
    {"ten dollars", "ten dollars", "10", NULL, NULL, "USD", NULL},
    {"10 cents", "10 cents", "0.1", NULL, NULL, "USD", NULL},
    {"ten cents", "ten cents", "0.1", NULL, NULL, "USD", NULL},
    {"10c each", "10c", "0.1", NULL, NULL, "USD", NULL},
    {"10\xc2"
     "\xa2"
     "",
     "10\xc2"
     "\xa2"
     "",
     "0.1", NULL, NULL, "USD", NULL},
    {"50 cts a share", "50 cts", "0.5", NULL, NULL, "USD", NULL},
    {"$10K", "$10K", "10000", NULL, NULL, "USD", NULL},
    {"10k$", "10k$", "10000", NULL, NULL, "USD", NULL},
    {"$10,000", "$10,000", "10000", NULL, NULL, "USD", NULL},
    {"USD3.14", "USD3.14", "3.14", NULL, NULL, "USD", NULL},
    {"3.14US$", "3.14US$", "3.14", NULL, NULL, "USD", NULL},
    {"US$ 3.14", "US$ 3.14", "3.14", NULL, NULL, "USD", NULL},
    {"US$3 and fourteen", "US$3 and fourteen", "3.14", NULL, NULL, "USD", NULL},
    {"20\xe2"
     "\x82"
     "\xac"
     "",
     "20\xe2"
     "\x82"
     "\xac"
     "",
     "20", NULL, NULL, "EUR", NULL},
    {"20 euros", "20 euros", "20", NULL, NULL, "EUR", NULL},
    {"20 Euro", "20 Euro", "20", NULL, NULL, "EUR", NULL},
    {"EUR 20", "EUR 20", "20", NULL, NULL, "EUR", NULL},
    {"EUR 20.0", "EUR 20.0", "20", NULL, NULL, "EUR", NULL},
    {"EUR 1,250,000.50", "EUR 1,250,000.50", "1250000.5", NULL, NULL, "EUR", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "1,5 Mio",
     "\xe2"
     "\x82"
     "\xac"
     "1,5 Mio",
     "1500000", NULL, NULL, "EUR", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "1.250.000,50",
     "\xe2"
     "\x82"
     "\xac"
     "1.250.000,50",
     "1250000.5", NULL, NULL, "EUR", NULL},
    {"\xc2"
     "\xa3"
     "10",
     "\xc2"
     "\xa3"
     "10",
     "10", NULL, NULL, "GBP", NULL},
    {"ten pounds", "ten pounds", "10", NULL, NULL, "GBP", NULL},
    {"Rs. 20", "Rs. 20", "20", NULL, NULL, "INR", NULL},
    {"Rs 20", "Rs 20", "20", NULL, NULL, "INR", NULL},
    {"20 Rupees", "20 Rupees", "20", NULL, NULL, "INR", NULL},
    {"20Rs", "20Rs", "20", NULL, NULL, "INR", NULL},
    {"Rs 500 crore", "Rs 500 crore", "5000000000", NULL, NULL, "INR", NULL},
    {"20 Rupees 43", "20 Rupees 43", "20.43", NULL, NULL, "INR", NULL},
    {"$20 and 43c", "$20 and 43c", "20.43", NULL, NULL, "USD", NULL},
    {"$20 43", "$20 43", "20.43", NULL, NULL, "USD", NULL},
    {"20 dollar 43c", "20 dollar 43c", "20.43", NULL, NULL, "USD", NULL},
    {"20 dollars 43 cents", "20 dollars 43 cents", "20.43", NULL, NULL, "USD", NULL},
    {"twenty dollar 43 cents", "twenty dollar 43 cents", "20.43", NULL, NULL, "USD", NULL},
    {"twenty dollar and 43", "twenty dollar and 43", "20.43", NULL, NULL, "USD", NULL},
    {"GBP3.01", "GBP3.01", "3.01", NULL, NULL, "GBP", NULL},
    {"GBP 3.01", "GBP 3.01", "3.01", NULL, NULL, "GBP", NULL},
    {"3 GBP 1 pence", "3 GBP 1 pence", "3.01", NULL, NULL, "GBP", NULL},
    {"3 GBP and one", "3 GBP and one", "3.01", NULL, NULL, "GBP", NULL},
    {"CAD3.03", "CAD3.03", "3.03", NULL, NULL, "CAD", NULL},
    {"3 CAD 3 cents", "3 CAD 3 cents", "3.03", NULL, NULL, "CAD", NULL},
    {"CHF 3.04", "CHF 3.04", "3.04", NULL, NULL, "CHF", NULL},
    {"CNY3", "CNY3", "3", NULL, NULL, "CNY", NULL},
    {"3 CNY", "3 CNY", "3", NULL, NULL, "CNY", NULL},
    {"3 yuan", "3 yuan", "3", NULL, NULL, "CNY", NULL},
    {"42 bucks", "42 bucks", "42", NULL, NULL, "USD", NULL},
    {"around 42 bucks", "42 bucks", "42", NULL, NULL, "USD", "around"},
    {"42 KWD", "42 KWD", "42", NULL, NULL, "KWD", NULL},
    {"42 kuwaiti Dinar", "42 kuwaiti Dinar", "42", NULL, NULL, "KWD", NULL},
    {"42 Lebanese Pounds", "42 Lebanese Pounds", "42", NULL, NULL, "LBP", NULL},
    {"42 EGP", "42 EGP", "42", NULL, NULL, "EGP", NULL},
    {"42 Egyptian pounds", "42 Egyptian pounds", "42", NULL, NULL, "EGP", NULL},
    {"42 qatari riyals", "42 qatari riyals", "42", NULL, NULL, "QAR", NULL},
    {"42 Saudi riyals", "42 Saudi riyals", "42", NULL, NULL, "SAR", NULL},
    {"42 RM", "42 RM", "42", NULL, NULL, "MYR", NULL},
    {"RM 42", "RM 42", "42", NULL, NULL, "MYR", NULL},
    {"42MYR", "42MYR", "42", NULL, NULL, "MYR", NULL},
    {"ringgit 42", "ringgit 42", "42", NULL, NULL, "MYR", NULL},
    {"42 malaysian ringgit", "42 malaysian ringgit", "42", NULL, NULL, "MYR", NULL},
    {"malaysian ringgits 42", "malaysian ringgits 42", "42", NULL, NULL, "MYR", NULL},
    {"20 ringgit and 43 sen", "20 ringgit and 43 sen", "20.43", NULL, NULL, "MYR", NULL},
    {"10 dinars", "10 dinars", "10", NULL, NULL, "", NULL},
    {"ten shekels", "ten shekels", "10", NULL, NULL, "ILS", NULL},
    {"10 ILS", "10 ILS", "10", NULL, NULL, "ILS", NULL},
    {"10 riyals", "10 riyals", "10", NULL, NULL, "", NULL},
    {"between 10 and 20 dollars", "10 and 20 dollars", NULL, "10", "20", "USD", NULL},
    {"from 10 dollars to 20 dollars", "10 dollars to 20 dollars", NULL, "10", "20", "USD", NULL},
    {"around 10-20 dollars", "10-20 dollars", NULL, "10", "20", "USD", "around"},
    {"between 10 dollars and 20 dollars", "10 dollars and 20 dollars", NULL, "10", "20", "USD",
     NULL},
    {"from 10 to 20 dollars", "10 to 20 dollars", NULL, "10", "20", "USD", NULL},
    {"about $10-$20", "$10-$20", NULL, "10", "20", "USD", "about"},
    {"10-20 dollars", "10-20 dollars", NULL, "10", "20", "USD", NULL},
    {"between 1.1 and 1.3 dollars", "1.1 and 1.3 dollars", NULL, "1.1", "1.3", "USD", NULL},
    {"$3-5 billion", "$3-5 billion", NULL, "3000000000", "5000000000", "USD", NULL},
    /* B's magnitude applies to A only when that keeps A below B: "$5 to $10 million" is 5-10
     * million, but "$500,000 to $1 million" is half a million to one (it was two mentions) */
    {"$500,000 to $1 million", "$500,000 to $1 million", NULL, "500000", "1000000", "USD", NULL},
    {"between $750,000 and $1.2 million", "$750,000 and $1.2 million", NULL, "750000", "1200000",
     "USD", NULL},
    {"$5 to $10 million", "$5 to $10 million", NULL, "5000000", "10000000", "USD", NULL},
    {"$3\xe2"
     "\x80"
     "\x93"
     "5 billion",
     "$3\xe2"
     "\x80"
     "\x93"
     "5 billion",
     NULL, "3000000000", "5000000000", "USD", NULL},
    {"between \xe2"
     "\x82"
     "\xac"
     "10m and \xe2"
     "\x82"
     "\xac"
     "12m",
     "\xe2"
     "\x82"
     "\xac"
     "10m and \xe2"
     "\x82"
     "\xac"
     "12m",
     NULL, "10000000", "12000000", "EUR", NULL},
    {"$3 to $4 million", "$3 to $4 million", NULL, "3000000", "4000000", "USD", NULL},
    {"under seven euros", "seven euros", "7", NULL, "7", "EUR", "under"},
    {"less than 7 EUR", "7 EUR", "7", NULL, "7", "EUR", "less than"},
    {"lower than 7\xe2"
     "\x82"
     "\xac"
     "",
     "7\xe2"
     "\x82"
     "\xac"
     "",
     "7", NULL, "7", "EUR", "lower than"},
    {"no more than 7 euros", "7 euros", "7", NULL, "7", "EUR", "no more than"},
    {"at most 7\xe2"
     "\x82"
     "\xac"
     "",
     "7\xe2"
     "\x82"
     "\xac"
     "",
     "7", NULL, "7", "EUR", "at most"},
    {"up to $5 million", "$5 million", "5000000", NULL, "5000000", "USD", "up to"},
    {"more than 1 dollar and forty-two cents", "1 dollar and forty-two cents", "1.42", "1.42", NULL,
     "USD", "more than"},
    {"at least $1.42", "$1.42", "1.42", "1.42", NULL, "USD", "at least"},
    {"over 1.42 dollars", "1.42 dollars", "1.42", "1.42", NULL, "USD", "over"},
    {"above a dollar and 42 cents", "a dollar and 42 cents", "1.42", "1.42", NULL, "USD", "above"},
    {"no less than $1.42", "$1.42", "1.42", "1.42", NULL, "USD", "no less than"},
    {"more than $5 billion", "$5 billion", "5000000000", "5000000000", NULL, "USD", "more than"},
    {"nearly $2 trillion", "$2 trillion", "2000000000000", NULL, NULL, "USD", "nearly"},
    {"almost \xe2"
     "\x82"
     "\xac"
     "3bn",
     "\xe2"
     "\x82"
     "\xac"
     "3bn",
     "3000000000", NULL, NULL, "EUR", "almost"},
    {"approximately 134.4 billion euros", "134.4 billion euros", "134400000000", NULL, NULL, "EUR",
     "approximately"},
    {"some $5 million", "$5 million", "5000000", NULL, NULL, "USD", "some"},
    {"roughly \xc2"
     "\xa3"
     "2m",
     "\xc2"
     "\xa3"
     "2m",
     "2000000", NULL, NULL, "GBP", "roughly"},
    {"5 lakh rupees", "5 lakh rupees", "500000", NULL, NULL, "INR", NULL},
    {"five lakhs rupees", "five lakhs rupees", "500000", NULL, NULL, "INR", NULL},
    {"four crore rupees", "four crore rupees", "40000000", NULL, NULL, "INR", NULL},
    {"4 crores rupees", "4 crores rupees", "40000000", NULL, NULL, "INR", NULL},
    {"ten tugriks", "ten tugriks", "10", NULL, NULL, "MNT", NULL},
    {"10MNT", "10MNT", "10", NULL, NULL, "MNT", NULL},
    {"US$4.7 billion", "US$4.7 billion", "4700000000", NULL, NULL, "USD", NULL},
    {"a US$4.7 billion deal", "US$4.7 billion", "4700000000", NULL, NULL, "USD", NULL},
    {"a US$ 4.7 billion deal", "US$ 4.7 billion", "4700000000", NULL, NULL, "USD", NULL},
    {"UAH 3.04", "UAH 3.04", "3.04", NULL, NULL, "UAH", NULL},
    {"3 UAH 4 kopiykas", "3 UAH 4 kopiykas", "3.04", NULL, NULL, "UAH", NULL},
    {"exactly dollars", NULL, NULL, NULL, NULL, NULL, NULL},
    {"The EU pledged 134.4 billion euros.", "134.4 billion euros", "134400000000", NULL, NULL,
     "EUR", NULL},
    {"a fund of \xe2"
     "\x82"
     "\xac"
     "50 billion",
     "\xe2"
     "\x82"
     "\xac"
     "50 billion",
     "50000000000", NULL, NULL, "EUR", NULL},
    {"about $840 billion in total", "$840 billion", "840000000000", NULL, NULL, "USD", "about"},
    {"\xc2"
     "\xa3"
     "3.5m",
     "\xc2"
     "\xa3"
     "3.5m",
     "3500000", NULL, NULL, "GBP", NULL},
    {"$1.2bn", "$1.2bn", "1200000000", NULL, NULL, "USD", NULL},
    {"5bn dollars", "5bn dollars", "5000000000", NULL, NULL, "USD", NULL},
    {"USD34.6 million", "USD34.6 million", "34600000", NULL, NULL, "USD", NULL},
    {"It costs UAH3.04 now", "UAH3.04", "3.04", NULL, NULL, "UAH", NULL},
    {"50 GBP", "50 GBP", "50", NULL, NULL, "GBP", NULL},
    {"15 mln stg", "15 mln stg", "15000000", NULL, NULL, "GBP", NULL},
    {"15 mln dlrs", "15 mln dlrs", "15000000", NULL, NULL, "USD", NULL},
    {"1.5 billion dlrs", "1.5 billion dlrs", "1500000000", NULL, NULL, "USD", NULL},
    {"one mln dlr loan", "one mln dlr", "1000000", NULL, NULL, "USD", NULL},
    {"50 cts", "50 cts", "0.5", NULL, NULL, "USD", NULL},
    {"six cts", "six cts", "0.06", NULL, NULL, "USD", NULL},
    {"237p", "237p", "2.37", NULL, NULL, "GBP", NULL},
    {"50 pence", "50 pence", "0.5", NULL, NULL, "GBP", NULL},
    {"300 kopecks", "300 kopecks", "3", NULL, NULL, "RUB", NULL},
    {"6.6 billion marks", "6.6 billion marks", "6600000000", NULL, NULL, "DEM", NULL},
    {"20 mln DMs", "20 mln DMs", "20000000", NULL, NULL, "DEM", NULL},
    {"25.5 billion yen", "25.5 billion yen", "25500000000", NULL, NULL, "JPY", NULL},
    {"\xc2"
     "\xa5"
     "500",
     "\xc2"
     "\xa5"
     "500",
     "500", NULL, NULL, "JPY", NULL},
    {"2 billion lire", "2 billion lire", "2000000000", NULL, NULL, "ITL", NULL},
    {"80 billion baht", "80 billion baht", "80000000000", NULL, NULL, "THB", NULL},
    {"10 mln guilders", "10 mln guilders", "10000000", NULL, NULL, "NLG", NULL},
    {"430 billion French francs", "430 billion French francs", "430000000000", NULL, NULL, "FRF",
     NULL},
    {"90 mln Canadian dlrs", "90 mln Canadian dlrs", "90000000", NULL, NULL, "CAD", NULL},
    {"5 million Swiss francs", "5 million Swiss francs", "5000000", NULL, NULL, "CHF", NULL},
    {"100 pounds sterling", "100 pounds sterling", "100", NULL, NULL, "GBP", NULL},
    {"20 Canadian dollars", "20 Canadian dollars", "20", NULL, NULL, "CAD", NULL},
    {"A$50", "A$50", "50", NULL, NULL, "AUD", NULL},
    {"C$7.5 million", "C$7.5 million", "7500000", NULL, NULL, "CAD", NULL},
    {"HK$1.2bn", "HK$1.2bn", "1200000000", NULL, NULL, "HKD", NULL},
    {"NZ$30", "NZ$30", "30", NULL, NULL, "NZD", NULL},
    {"S$4", "S$4", "4", NULL, NULL, "SGD", NULL},
    {"R$100", "R$100", "100", NULL, NULL, "BRL", NULL},
    {"\xe2"
     "\x82"
     "\xb9"
     "500",
     "\xe2"
     "\x82"
     "\xb9"
     "500",
     "500", NULL, NULL, "INR", NULL},
    {"\xe2"
     "\x82"
     "\xbd"
     "1,000",
     "\xe2"
     "\x82"
     "\xbd"
     "1,000",
     "1000", NULL, NULL, "RUB", NULL},
    {"\xe2"
     "\x82"
     "\xb4"
     "200",
     "\xe2"
     "\x82"
     "\xb4"
     "200",
     "200", NULL, NULL, "UAH", NULL},
    {"\xe2"
     "\x82"
     "\xa9"
     "5,000",
     "\xe2"
     "\x82"
     "\xa9"
     "5,000",
     "5000", NULL, NULL, "KRW", NULL},
    {"\xe2"
     "\x82"
     "\xba"
     "75",
     "\xe2"
     "\x82"
     "\xba"
     "75",
     "75", NULL, NULL, "TRY", NULL},
    {"\xe2"
     "\x82"
     "\xaa"
     "40",
     "\xe2"
     "\x82"
     "\xaa"
     "40",
     "40", NULL, NULL, "ILS", NULL},
    {"\xe2"
     "\x82"
     "\xab"
     "20,000",
     "\xe2"
     "\x82"
     "\xab"
     "20,000",
     "20000", NULL, NULL, "VND", NULL},
    {"\xe2"
     "\x82"
     "\xa6"
     "500",
     "\xe2"
     "\x82"
     "\xa6"
     "500",
     "500", NULL, NULL, "NGN", NULL},
    {"\xe0"
     "\xb8"
     "\xbf"
     "100",
     "\xe0"
     "\xb8"
     "\xbf"
     "100",
     "100", NULL, NULL, "THB", NULL},
    {"\xe2"
     "\x82"
     "\xb1"
     "250",
     "\xe2"
     "\x82"
     "\xb1"
     "250",
     "250", NULL, NULL, "PHP", NULL},
    {"CHF 12 million", "CHF 12 million", "12000000", NULL, NULL, "CHF", NULL},
    {"100 z\xc5"
     "\x82"
     "",
     "100 z\xc5"
     "\x82"
     "",
     "100", NULL, NULL, "PLN", NULL},
    {"500 K\xc4"
     "\x8d"
     "",
     "500 K\xc4"
     "\x8d"
     "",
     "500", NULL, NULL, "CZK", NULL},
    {"100 kr", "100 kr", "100", NULL, NULL, "", NULL},
    {"5 million yuan", "5 million yuan", "5000000", NULL, NULL, "CNY", NULL},
    {"RMB 5 billion", "RMB 5 billion", "5000000000", NULL, NULL, "CNY", NULL},
    {"10 billion renminbi", "10 billion renminbi", "10000000000", NULL, NULL, "CNY", NULL},
    {"300 rupees", "300 rupees", "300", NULL, NULL, "INR", NULL},
    {"2 billion roubles", "2 billion roubles", "2000000000", NULL, NULL, "RUB", NULL},
    {"2 billion rubles", "2 billion rubles", "2000000000", NULL, NULL, "RUB", NULL},
    {"500 hryvnias", "500 hryvnias", "500", NULL, NULL, "UAH", NULL},
    {"1,000 won", "1,000 won", "1000", NULL, NULL, "KRW", NULL},
    {"1,000 pesos", "1,000 pesos", "1000", NULL, NULL, "", NULL},
    {"200 Mexican pesos", "200 Mexican pesos", "200", NULL, NULL, "MXN", NULL},
    {"50 reais", "50 reais", "50", NULL, NULL, "BRL", NULL},
    {"100 lira", "100 lira", "100", NULL, NULL, "TRY", NULL},
    {"20 shekels", "20 shekels", "20", NULL, NULL, "ILS", NULL},
    {"1,000 kronor", "1,000 kronor", "1000", NULL, NULL, "SEK", NULL},
    {"80 Swedish crowns", "80 Swedish crowns", "80", NULL, NULL, "SEK", NULL},
    {"1.2 billion Danish kroner", "1.2 billion Danish kroner", "1200000000", NULL, NULL, "DKK",
     NULL},
    {"five million euros", "five million euros", "5000000", NULL, NULL, "EUR", NULL},
    {"one hundred and twenty dollars", "one hundred and twenty dollars", "120", NULL, NULL, "USD",
     NULL},
    {"half a billion dollars", "half a billion dollars", "500000000", NULL, NULL, "USD", NULL},
    {"a million dollars", "a million dollars", "1000000", NULL, NULL, "USD", NULL},
    {"two thousand five hundred pounds", "two thousand five hundred pounds", "2500", NULL, NULL,
     "GBP", NULL},
    {"twenty-five cents", "twenty-five cents", "0.25", NULL, NULL, "USD", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "3/4 million",
     "\xe2"
     "\x82"
     "\xac"
     "3/4 million",
     "750000", NULL, NULL, "EUR", NULL},
    {"Rs 12,34,567", "Rs 12,34,567", "1234567", NULL, NULL, "INR", NULL},
    {"\xe2"
     "\x82"
     "\xb9"
     "1,00,000",
     "\xe2"
     "\x82"
     "\xb9"
     "1,00,000",
     "100000", NULL, NULL, "INR", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "1 250 000",
     "\xe2"
     "\x82"
     "\xac"
     "1 250 000",
     "1250000", NULL, NULL, "EUR", NULL},
    /* digit groups split into tokens by a plain space or a Swiss apostrophe, with a decimal
     * part on the last group: these read "000.50 euros" as 0.5 and "000 francs" as 0 */
    {"He paid 1 250 000.50 euros.", "1 250 000.50 euros", "1250000.5", NULL, NULL, "EUR", NULL},
    {"He paid 1'250'000 francs.", "1'250'000 francs", "1250000", NULL, NULL, "CHF", NULL},
    {"CHF 1\xe2\x80\x99" "250\xe2\x80\x99" "000.50 net", "CHF 1\xe2\x80\x99" "250\xe2\x80\x99" "000.50",
     "1250000.5", NULL, NULL, "CHF", NULL},
    {"It was 5'10 and 2'500 dollars", "2'500 dollars", "2500", NULL, NULL, "USD", NULL},
    {"1 250 000,500 euros", "1 250 000,500 euros", "1250000.5", NULL, NULL, "EUR", NULL},
    {"a loss of $5m", "$5m", "5000000", NULL, NULL, "USD", NULL},
    {"-$5m", "-$5m", "-5000000", NULL, NULL, "USD", NULL},
    {"net (-$5m)", "-$5m", "-5000000", NULL, NULL, "USD", NULL},
    {"minus $3", "minus $3", "-3", NULL, NULL, "USD", NULL},
    /* RV13: "$1-billion-a-year" was $1; a currency word priced per unit ("5p-a-litre",
     * "10-cent-a-gallon") was no currency */
    {"a $1-billion-a-year plan", "$1-billion-a-year", "1000000000", NULL, NULL, "USD", NULL},
    {"a 5p-a-litre cut in fuel duty", "5p-a-litre", "0.05", NULL, NULL, "GBP", NULL},
    {"a 10-cent-a-gallon tax", "10-cent-a-gallon", "0.1", NULL, NULL, "USD", NULL},
    {"a 50-dollar-per-tonne levy", "50-dollar-per-tonne", "50", NULL, NULL, "USD", NULL},
    {"5 dollar-denominated bonds", NULL, NULL, NULL, NULL, NULL, NULL},
    /* RV13: a number token starting with its decimal point was no amount: nothing found */
    {"It rose $.50 a gallon", "$.50", "0.5", NULL, NULL, "USD", NULL},
    {"It cost .5 million dollars", ".5 million dollars", "500000", NULL, NULL, "USD", NULL},
    /* RV13: "2 and a half million dollars" was "a half million dollars", 500000 USD */
    {"It cost 2 and a half million dollars.", "2 and a half million dollars", "2500000", NULL,
     NULL, "USD", NULL},
    {"It cost $3 and a half billion.", "$3 and a half billion", "3500000000", NULL, NULL, "USD",
     NULL},
    /* RV13: "a million and a half dollars" was "a half dollars", 0.5 USD */
    {"It cost a million and a half dollars.", "a million and a half dollars", "1500000", NULL,
     NULL, "USD", NULL},
    /* RV13: the sentence's period after "kr"/"Rs" was in the span: "500 kr." */
    {"In Oslo it cost 500 kr.", "500 kr", "500", NULL, NULL, "NOK", NULL},
    {"It cost 20 Rs. Then it rose.", "20 Rs", "20", NULL, NULL, "INR", NULL},
    {"It cost Rs.20 then", "Rs.20", "20", NULL, NULL, "INR", NULL},
    /* RV13: a short magnitude before a hyphen was dropped: "\xc2\xa3" "1", amount 1 */
    {"a \xc2\xa3" "1bn-a-year deal", "\xc2\xa3" "1bn-a-year", "1000000000", NULL, NULL, "GBP",
     NULL},
    {"a $5m-plus fee", "$5m-plus", "5000000", NULL, NULL, "USD", NULL},
    /* RV13: IMF special drawing rights and the 1980s cruzado and austral were no
     * currencies: nothing was found */
    {"an IMF loan of SDR 1.5 billion", "SDR 1.5 billion", "1500000000", NULL, NULL, "XDR", NULL},
    {"a quota of 300 mln SDRs", "300 mln SDRs", "300000000", NULL, NULL, "XDR", NULL},
    {"captains earn 7,993 cruzados", "7,993 cruzados", "7993", NULL, NULL, "BRC", NULL},
    {"5 mln australs", "5 mln australs", "5000000", NULL, NULL, "ARA", NULL},
    {"5 mln European Currency Units", "5 mln European Currency Units", "5000000", NULL, NULL,
     "XEU", NULL},
    /* RV13: the year of a constant-dollar phrase was an amount: "2010 dollars", 2010 USD */
    {"The bill was high in 2010 dollars.", NULL, NULL, NULL, NULL, NULL, NULL},
    {"measured in constant 2015 US dollars", NULL, NULL, NULL, NULL, NULL, NULL},
    {"It was paid in 250 dollars.", "250 dollars", "250", NULL, NULL, "USD", NULL},
    /* RV13: an ISO code spelling an English word in a line of capitals was a currency:
     * "ALL 500" Albanian lek, "TOP 10" pa'anga */
    {"ALL 500 PASSENGERS KILLED IN CRASH", NULL, NULL, NULL, NULL, NULL, NULL},
    {"TOP 10 FIRMS CUT JOBS", NULL, NULL, NULL, NULL, NULL, NULL},
    {"BANK RAISES CAD 500 MLN", "CAD 500 MLN", "500000000", NULL, NULL, "CAD", NULL},
    {"Albania paid ALL 500 in fees", "ALL 500", "500", NULL, NULL, "ALL", NULL},
    {"FIRM PAYS USD 5 BLN FINE", "USD 5 BLN", "5000000000", NULL, NULL, "USD", NULL},
    /* RV13: a vulgar fraction "½" (a number token of its own) was dropped: "£1", amount 1 */
    {"It cost \xc2\xa3" "1\xc2\xbd million", "\xc2\xa3" "1\xc2\xbd million", "1500000", NULL,
     NULL, "GBP", NULL},
    {"It cost $2 \xc2\xbc billion", "$2 \xc2\xbc billion", "2250000000", NULL, NULL, "USD", NULL},
    {"It cost \xc2\xbd million dollars", "\xc2\xbd million dollars", "500000", NULL, NULL, "USD",
     NULL},
    /* RV13: the rupiah and new shekel signs were no keys (the tokenizer splits "Rp500" for
     * them): nothing was found */
    {"It cost Rp 500 billion.", "Rp 500 billion", "500000000000", NULL, NULL, "IDR", NULL},
    {"It cost Rp500m", "Rp500m", "500000000", NULL, NULL, "IDR", NULL},
    {"It cost Rp. 5,000", "Rp. 5,000", "5000", NULL, NULL, "IDR", NULL},
    {"It cost NIS 20 million", "NIS 20 million", "20000000", NULL, NULL, "ILS", NULL},
    /* RV13: the minus sign U+2212 (a symbol token) was dropped: "$5m", amount 5000000 */
    {"net \xe2\x88\x92$5m", "\xe2\x88\x92$5m", "-5000000", NULL, NULL, "USD", NULL},
    {"a $1.5-billion deal", "$1.5-billion", "1500000000", NULL, NULL, "USD", NULL},
    {"a $500-million loan", "$500-million", "500000000", NULL, NULL, "USD", NULL},
    {"a $1 trillion-plus plan", "$1 trillion-plus", "1000000000000", NULL, NULL, "USD", NULL},
    {"$US5 million", "$US5 million", "5000000", NULL, NULL, "USD", NULL},
    {"KSh 2 billion", "KSh 2 billion", "2000000000", NULL, NULL, "KES", NULL},
    {"SFr 1.2 billion", "SFr 1.2 billion", "1200000000", NULL, NULL, "CHF", NULL},
    {"kr 100", "kr 100", "100", NULL, NULL, "", NULL},
    {"Rs 1.2 lakh crore", "Rs 1.2 lakh crore", "1200000000000", NULL, NULL, "INR", NULL},
    {"\xc2\xa3"
     "1m-\xc2\xa3"
     "2m",
     "\xc2\xa3"
     "1m-\xc2\xa3"
     "2m",
     NULL, "1000000", "2000000", "GBP", NULL},
    {"prices of $60 a barrel", "$60", "60", NULL, NULL, "USD", NULL},
    {"only $5 each", "$5", "5", NULL, NULL, "USD", NULL}, /* not a hedge */
    {"exactly 42 bucks", "42 bucks", "42", NULL, NULL, "USD", NULL},
    {"an estimated $3 billion", "$3 billion", "3000000000", NULL, NULL, "USD", "an estimated"},
    {"It cost four dollars and fifty cents.", "four dollars and fifty cents", "4.5", NULL, NULL,
     "USD", NULL},
    {"20 dollars 40 cents", "20 dollars 40 cents", "20.4", NULL, NULL, "USD", NULL},
    {"75.3 million Finnish markka", "75.3 million Finnish markka", "75300000", NULL, NULL, "FIM",
     NULL},
    {"the 400-dollar price", "400-dollar", "400", NULL, NULL, "USD", NULL},
    {"a 2,000-euro fine", "2,000-euro", "2000", NULL, NULL, "EUR", NULL},
    {"a 10-cent stamp", "10-cent", "0.1", NULL, NULL, "USD", NULL},
    {"half a dollar", "half a dollar", "0.5", NULL, NULL, "USD", NULL},
    {"a dividend of 15 to 20 cents", "15 to 20 cents", NULL, "0.15", "0.2", "USD", NULL},
    {"between four and five billion francs", "four and five billion francs", NULL, "4000000000",
     "5000000000", "CHF", NULL},
    {"The dollar opened at 145.10/20 yen", NULL, NULL, NULL, NULL, NULL, NULL},
    {"a price of 3 1/2 dollars", "3 1/2 dollars", "3.5", NULL, NULL, "USD", NULL},
    {"at 7-1/2 dlrs", "7-1/2 dlrs", "7.5", NULL, NULL, "USD", NULL},
    {"$10 USD", "$10 USD", "10", NULL, NULL, "USD", NULL},
    {"one point three dollars", "one point three dollars", "1.3", NULL, NULL, "USD", NULL},
    {"1 point 5 dollars", "1 point 5 dollars", "1.5", NULL, NULL, "USD", NULL},
    {"20 Euros", "20 Euros", "20", NULL, NULL, "EUR", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "50",
     "\xe2"
     "\x82"
     "\xac"
     "50",
     "50", NULL, NULL, "EUR", NULL},
    {"3 billion US dollars", "3 billion US dollars", "3000000000", NULL, NULL, "USD", NULL},
    {"4 million Australian dollars", "4 million Australian dollars", "4000000", NULL, NULL, "AUD",
     NULL},
    {"10 million Hong Kong dollars", "10 million Hong Kong dollars", "10000000", NULL, NULL, "HKD",
     NULL},
    {"5 mln ecus", "5 mln ecus", "5000000", NULL, NULL, "XEU", NULL},
    {"40 billion pesetas", "40 billion pesetas", "40000000000", NULL, NULL, "ESP", NULL},
    {"3 mln punts", "3 mln punts", "3000000", NULL, NULL, "IEP", NULL},
    {"8 billion schillings", "8 billion schillings", "8000000000", NULL, NULL, "ATS", NULL},
    {"1.5 mln markka", "1.5 mln markka", "1500000", NULL, NULL, "FIM", NULL},
    {"$0.50", "$0.50", "0.5", NULL, NULL, "USD", NULL},
    {"$.50", "$.50", "0.5", NULL, NULL, "USD", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "0,99",
     "\xe2"
     "\x82"
     "\xac"
     "0,99",
     "0.99", NULL, NULL, "EUR", NULL},
    {"\xc2"
     "\xa3"
     "1.5 trillion",
     "\xc2"
     "\xa3"
     "1.5 trillion",
     "1500000000000", NULL, NULL, "GBP", NULL},
    {"$7 tn", "$7 tn", "7000000000000", NULL, NULL, "USD", NULL},
    {"\xe2"
     "\x82"
     "\xac"
     "2 mrd",
     "\xe2"
     "\x82"
     "\xac"
     "2 mrd",
     "2000000000", NULL, NULL, "EUR", NULL},
    {"$5mn", "$5mn", "5000000", NULL, NULL, "USD", NULL},
    {"$3 bln", "$3 bln", "3000000000", NULL, NULL, "USD", NULL},
    {"EUR1.5bn", "EUR1.5bn", "1500000000", NULL, NULL, "EUR", NULL},
    {"1 million rounds of ammunition", NULL, NULL, NULL, NULL, NULL, NULL},
    {"Windows 10", NULL, NULL, NULL, NULL, NULL, NULL},
    {"echo $HOME", NULL, NULL, NULL, NULL, NULL, NULL},
    {"version 2.0", NULL, NULL, NULL, NULL, NULL, NULL},
    {"call 555-1234 now", NULL, NULL, NULL, NULL, NULL, NULL},
    {"in 1994", NULL, NULL, NULL, NULL, NULL, NULL},
    {"won 2-1", NULL, NULL, NULL, NULL, NULL, NULL},
    {"a dollar rate", NULL, NULL, NULL, NULL, NULL, NULL},
    {"a sterling loan", NULL, NULL, NULL, NULL, NULL, NULL},
    {"the dollar fell", NULL, NULL, NULL, NULL, NULL, NULL},
    {"5 per cent", NULL, NULL, NULL, NULL, NULL, NULL},
    {"10 C outside", NULL, NULL, NULL, NULL, NULL, NULL},
    {"page 5 p", NULL, NULL, NULL, NULL, NULL, NULL},
    {"$$$$", NULL, NULL, NULL, NULL, NULL, NULL},
    {"USD", NULL, NULL, NULL, NULL, NULL, NULL},
    {"5 all", NULL, NULL, NULL, NULL, NULL, NULL},
    {"a yen bond", NULL, NULL, NULL, NULL, NULL, NULL},
    {"300 million people", NULL, NULL, NULL, NULL, NULL, NULL},
    /* the trigger scan's three hashes: a word of under four bytes at the very end of the text
     * (read byte by byte), capitals (folded as they are read), a possessive cue (hashed from
     * its norm's stem) */
    {"5 EUR", "5 EUR", "5", NULL, NULL, "EUR", NULL},
    {"It cost 5 yen", "5 yen", "5", NULL, NULL, "JPY", NULL},
    {"FIVE DOLLARS", "FIVE DOLLARS", "5", NULL, NULL, "USD", NULL},
    {"Sweden's kr 50", "kr 50", "50", NULL, NULL, "SEK", NULL},
    {"EUR", NULL, NULL, NULL, NULL, NULL, NULL},
    /* RV13: a year before a sign is no amount: the sign starts the next one (it was "2024 $",
     * amount 2024) */
    {"In 2024 $5 billion was spent", "$5 billion", "5000000000", NULL, NULL, "USD", NULL},
    {"By 2023 \xe2\x82\xac" "3 million had gone", "\xe2\x82\xac" "3 million", "3000000", NULL,
     NULL, "EUR", NULL},
    /* RV13: a capital magnitude letter before a sentence's period is an abbreviation token
     * ("M."): it was dropped, $20 instead of $20 million */
    {"It raised $20M.", "$20M", "20000000", NULL, NULL, "USD", NULL},
    {"It raised $20K. Then", "$20K", "20000", NULL, NULL, "USD", NULL},
    {"It raised \xc2\xa3" "3B.", "\xc2\xa3" "3B", "3000000000", NULL, NULL, "GBP", NULL},
    /* MN: a minus between the sign and the number was no amount at all */
    {"a deficit of $-5 million", "$-5 million", "-5000000", NULL, NULL, "USD", NULL},
    {"net US$-1.5bn", "US$-1.5bn", "-1500000000", NULL, NULL, "USD", NULL},
    {"net \xe2\x82\xac\xe2\x88\x92" "2m", "\xe2\x82\xac\xe2\x88\x92" "2m", "-2000000", NULL, NULL,
     "EUR", NULL},
    {"a $-denominated bond", NULL, NULL, NULL, NULL, NULL, NULL},
    /* MN: "DM" was a name after the number only, and title-case signs glued to the number
     * were one word token: no money */
    {"It cost DM 5 million.", "DM 5 million", "5000000", NULL, NULL, "DEM", NULL},
    {"It cost DM5m.", "DM5m", "5000000", NULL, NULL, "DEM", NULL},
    {"sales of Rmb500m", "Rmb500m", "500000000", NULL, NULL, "CNY", NULL},
    {"a fee of Sfr5m", "Sfr5m", "5000000", NULL, NULL, "CHF", NULL},
    /* MN: East African papers glue the shilling signs too ("KSh1.2 billion": nothing) */
    {"a loss of KSh1.2 billion", "KSh1.2 billion", "1200000000", NULL, NULL, "KES", NULL},
    {"USh2bn", "USh2bn", "2000000000", NULL, NULL, "UGX", NULL},
    {"a SFr1.2bn bid", "SFr1.2bn", "1200000000", NULL, NULL, "CHF", NULL},
    {"5 mln DM", "5 mln DM", "5000000", NULL, NULL, "DEM", NULL},
    /* MN: a spaced "M" before a touching sign and "Mio."/"Mrd." with their period lost the
     * amount ("5 M\xe2\x82\xac": nothing) */
    {"un budget de 5 M\xe2\x82\xac", "5 M\xe2\x82\xac", "5000000", NULL, NULL, "EUR", NULL},
    {"Umsatz 5 Mio. EUR im Jahr", "5 Mio. EUR", "5000000", NULL, NULL, "EUR", NULL},
    {"Umsatz 3,5 Mrd. Euro", "3,5 Mrd. Euro", "3500000000", NULL, NULL, "EUR", NULL},
    {"5 Mrd \xe2\x82\xac", "5 Mrd \xe2\x82\xac", "5000000000", NULL, NULL, "EUR", NULL},
    {"up 5 mln. Dollar rates fell", NULL, NULL, NULL, NULL, NULL, NULL},
    /* MN: a fraction "of a million" was lost: "a million dollars", amount 1000000 */
    {"three quarters of a million dollars", "three quarters of a million dollars", "750000", NULL,
     NULL, "USD", NULL},
    {"a quarter of a million pounds", "a quarter of a million pounds", "250000", NULL, NULL, "GBP",
     NULL},
    {"three-quarters of a billion euros", "three-quarters of a billion euros", "750000000", NULL,
     NULL, "EUR", NULL},
    /* MN: a lone separator before three digits is read the English way (README, "Output
     * records"): "." a decimal point, "," a thousands separator; two groups decide */
    {"Petrol cost \xe2\x82\xac" "1.234 a litre", "\xe2\x82\xac" "1.234", "1.234", NULL, NULL,
     "EUR", NULL},
    {"It cost \xe2\x82\xac" "1,234.", "\xe2\x82\xac" "1,234", "1234", NULL, NULL, "EUR", NULL},
    {"It cost \xe2\x82\xac" "1.234.567.", "\xe2\x82\xac" "1.234.567", "1234567", NULL, NULL,
     "EUR", NULL},
    {"It cost \xe2\x82\xac" "1.234,50.", "\xe2\x82\xac" "1.234,50", "1234.5", NULL, NULL, "EUR",
     NULL},
    /* MN: a country adjective before a bare family form is a cue, as the country is ("French
     * reserves ... francs" was CHF, "Swedish ... crowns" unresolved) */
    {"French official reserves fell 45 billion francs", "45 billion francs", "45000000000", NULL,
     NULL, "FRF", NULL},
    {"Belgian public debt rose 89.5 billion francs", "89.5 billion francs", "89500000000", NULL,
     NULL, "BEF", NULL},
    {"Swedish group Boliden paid 600 mln crowns", "600 mln crowns", "600000000", NULL, NULL, "SEK",
     NULL},
    {"A Philippine panel traced 180 mln pesos", "180 mln pesos", "180000000", NULL, NULL, "PHP",
     NULL},
    {"A Swiss bank lent 5 mln francs", "5 mln francs", "5000000", NULL, NULL, "CHF", NULL},
    {"A French-speaking bank lent 5 mln francs", "5 mln francs", "5000000", NULL, NULL, "CHF",
     NULL},
    /* MN: Reuters' "Australia dlr", "NZ dlrs" and the official "Kenya shillings" were no keys,
     * and the word between the amount and the currency left no money at all */
    {"a 150 mln Australia dlr bond", "150 mln Australia dlr", "150000000", NULL, NULL, "AUD", NULL},
    {"last traded at 1.55 NZ dlrs.", "1.55 NZ dlrs", "1.55", NULL, NULL, "NZD", NULL},
    {"5 mln H.K. dlrs", "5 mln H.K. dlrs", "5000000", NULL, NULL, "HKD", NULL},
    {"a 5 mln Kenya shillings loan", "5 mln Kenya shillings", "5000000", NULL, NULL, "KES", NULL},
    {"NZ 5 points", NULL, NULL, NULL, NULL, NULL, NULL},
    /* MN: "Canadian cts" and "U.S. cents" were no keys: no money */
    {"is 50-1/4 Canadian cts a pound", "50-1/4 Canadian cts", "0.5025", NULL, NULL, "CAD", NULL},
    {"rose to 76.85 U.S. cts", "76.85 U.S. cts", "0.7685", NULL, NULL, "USD", NULL},
    {"a loss of 17.4 Hong Kong cents", "17.4 Hong Kong cents", "0.174", NULL, NULL, "HKD", NULL},
    {"prices of about 2 to 3 dlrs", "2 to 3 dlrs", NULL, "2", "3", "USD", "about"},
    {"it will drop by about 20 to 30 billion dlrs", "20 to 30 billion dlrs", NULL, "20000000000",
     "30000000000", "USD", "about"},
    /* MN: Reuters' "9.9-mln-dlr loan" (the currency ends the hyphenated magnitude) gave nothing */
    {"a 9.9-mln-dlr loan", "9.9-mln-dlr", "9900000", NULL, NULL, "USD", NULL},
    {"GAF's 3.16-billion-dlr-offer", "3.16-billion-dlr", "3160000000", NULL, NULL, "USD", NULL},
    {"a 50-mln-stg issue", "50-mln-stg", "50000000", NULL, NULL, "GBP", NULL},
    {"a 5 million-dollar house", "5 million-dollar", "5000000", NULL, NULL, "USD", NULL},
    {"a 5-mln-share offer", NULL, NULL, NULL, NULL, NULL, NULL},
    /* MN: British "£5m-6m" is one token after the number ("m-6m"): it gave "£5", amount 5 */
    {"a fee of \xc2\xa3" "5m-6m a year", "\xc2\xa3" "5m-6m", NULL, "5000000", "6000000", "GBP",
     NULL},
    {"costs of $5bn-6bn", "$5bn-6bn", NULL, "5000000000", "6000000000", "USD", NULL},
    {"\xc2\xa3" "2.5bn-3.5bn", "\xc2\xa3" "2.5bn-3.5bn", NULL, "2500000000", "3500000000", "GBP",
     NULL},
    {"5m-6m euros", "5m-6m euros", NULL, "5000000", "6000000", "EUR", NULL},
    {"5m-6m people", NULL, NULL, NULL, NULL, NULL, NULL},
    /* HC: a second number no larger is no range: "£5m-4m" gave 5m over the whole span */
    {"a fee of \xc2\xa3" "5m-4m a year", "\xc2\xa3" "5m", "5000000", NULL, NULL, "GBP", NULL},
    {"costs of $6bn-6bn", "$6bn", "6000000000", NULL, NULL, "USD", NULL},
    /* HC: "5-to-10" is tokenized "5" "-" "to-10": the range gave nothing */
    {"It will cost 5-to-10 billion dollars.", "5-to-10 billion dollars", NULL, "5000000000",
     "10000000000", "USD", NULL},
    {"It will cost $5-to-10 billion.", "$5-to-10 billion", NULL, "5000000000", "10000000000",
     "USD", NULL},
    {"It costs 5-to-10 cents.", "5-to-10 cents", NULL, "0.05", "0.1", "USD", NULL},
    {"It takes 5-to-10 people.", NULL, NULL, NULL, NULL, NULL, NULL},
    /* HC: "a quarter of a dollar" gave "a dollar", 1 */
    {"It is a quarter of a dollar.", "a quarter of a dollar", "0.25", NULL, NULL, "USD", NULL},
    {"It cost half of a dollar.", "half of a dollar", "0.5", NULL, NULL, "USD", NULL},
    {"It cost a quarter of a cent.", "a quarter of a cent", "0.0025", NULL, NULL, "USD", NULL},
    {"It was worth a fraction of a dollar.", NULL, NULL, NULL, NULL, NULL, NULL},
    {"It cost three-quarters of a dollar.", NULL, NULL, NULL, NULL, NULL, NULL},
    {"\xc2\xa3" "3.5bn-2.5bn", "\xc2\xa3" "3.5bn", "3500000000", NULL, NULL, "GBP", NULL},
    /* MN: a written amount in one hyphenated word ("a four-dlr rise", Reuters) gave nothing */
    {"a four-dlr rise", "four-dlr", "4", NULL, NULL, "USD", NULL},
    {"its one-billion-dlr debt", "one-billion-dlr", "1000000000", NULL, NULL, "USD", NULL},
    {"the half-billion-dollar deal", "half-billion-dollar", "500000000", NULL, NULL, "USD", NULL},
    {"a twenty-five-dollar fee", "twenty-five-dollar", "25", NULL, NULL, "USD", NULL},
    {"a ten-cent stamp", "ten-cent", "0.1", NULL, NULL, "USD", NULL},
    {"a two-year deal", NULL, NULL, NULL, NULL, NULL, NULL},
    {"a multi-million-dollar deal", NULL, NULL, NULL, NULL, NULL, NULL},
    /* MN: Ecuador's sucre and Peru's inti (Reuters 1987) had codes but no names: no money */
    {"petrol rises to 110 sucres a gallon", "110 sucres", "110", NULL, NULL, "ECS", NULL},
    {"earning about 44.6 mln intis", "44.6 mln intis", "44600000", NULL, NULL, "PEI", "about"},
};

typedef struct env {
    void *norm_shared, *norm_state, *money_shared, *money_state;
} env;

static int setup(void **state) {
    env *e = calloc(1, sizeof *e);
    nm_error err;
    nm_options opts;
    nm_options_default(&opts);
    assert_non_null(e);
    assert_int_equal(nm__stage_normalize.load(&e->norm_shared, &opts, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.init(&e->norm_state, e->norm_shared, &opts, &err), NM_OK);
    assert_int_equal(nm__stage_money.load(&e->money_shared, &opts, &err), NM_OK);
    if (nm__stage_money.init)
        assert_int_equal(nm__stage_money.init(&e->money_state, e->money_shared, &opts, &err),
                         NM_OK);
    *state = e;
    return 0;
}

static int teardown(void **state) {
    env *e = *state;
    if (nm__stage_money.destroy)
        nm__stage_money.destroy(e->money_state);
    nm__stage_money.unload(e->money_shared);
    nm__stage_normalize.destroy(e->norm_state);
    nm__stage_normalize.unload(e->norm_shared);
    free(e);
    return 0;
}

/* Runs tokenize, normalize and money over text into rec (reset first), meta.date date. */
static void run_dated(env *e, nm_record *rec, const char *text, size_t len, const char *date) {
    nm_error err;
    nm__record_reset(rec);
    rec->text = (nm_str){text, len};
    rec->date = (nm_str){date, strlen(date)};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, rec, &err), NM_OK);
    assert_int_equal(nm__stage_normalize.process(e->norm_state, e->norm_shared, rec, &err), NM_OK);
    assert_int_equal(nm__stage_money.process(e->money_state, e->money_shared, rec, &err), NM_OK);
}

/* run_dated() with no date. */
static void run(env *e, nm_record *rec, const char *text, size_t len) {
    run_dated(e, rec, text, len, "");
}

/* Formats a value of m as text, "-" prefixed when negative. */
static const char *fmt(nm_decimal v, uint32_t fields, char *buf) {
    if (nm_decimal_format(v, (fields & NM_MONEY_NEGATIVE) != 0, buf, 64) < 0)
        return "?";
    return buf;
}

static int check_value(const char *what, const char *want, uint32_t fields, uint32_t bit,
                       nm_decimal v, const char *text) {
    char buf[64];
    if (want == NULL) {
        if (fields & bit) {
            fprintf(stderr, "\"%s\": %s set (%s), want unset\n", text, what, fmt(v, fields, buf));
            return 1;
        }
        return 0;
    }
    if (!(fields & bit) || strcmp(fmt(v, fields, buf), want) != 0) {
        fprintf(stderr, "\"%s\": %s %s, want %s\n", text, what,
                (fields & bit) ? fmt(v, fields, buf) : "unset", want);
        return 1;
    }
    return 0;
}

static void test_table(void **state) {
    env *e = *state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    int failed = 0;
    size_t n = sizeof cases / sizeof cases[0];
    assert_true(n >= 200);
    for (size_t c = 0; c < n; c++) {
        const mcase *k = &cases[c];
        run(e, &rec, k->text, strlen(k->text));
        if (k->span == NULL) {
            if (rec.money.n != 0) {
                fprintf(stderr, "\"%s\": %zu mentions, want none (first \"%.*s\")\n", k->text,
                        rec.money.n, (int)(rec.money.v[0].end - rec.money.v[0].start),
                        k->text + rec.money.v[0].start);
                failed++;
            }
            continue;
        }
        if (rec.money.n != 1) {
            fprintf(stderr, "\"%s\": %zu mentions, want 1\n", k->text, rec.money.n);
            failed++;
            continue;
        }
        const nm_money *m = &rec.money.v[0];
        const char *at = strstr(k->text, k->span);
        assert_non_null(at);
        uint32_t want_start = (uint32_t)(at - k->text);
        uint32_t want_end = want_start + (uint32_t)strlen(k->span);
        int bad = 0;
        if (m->start != want_start || m->end != want_end) {
            fprintf(stderr, "\"%s\": span \"%.*s\" [%u,%u), want \"%s\" [%u,%u)\n", k->text,
                    (int)(m->end - m->start), k->text + m->start, m->start, m->end, k->span,
                    want_start, want_end);
            bad = 1;
        }
        bad |= check_value("amount", k->amount, m->fields, NM_MONEY_AMOUNT, m->amount, k->text);
        bad |= check_value("min", k->min, m->fields, NM_MONEY_MIN, m->min, k->text);
        bad |= check_value("max", k->max, m->fields, NM_MONEY_MAX, m->max, k->text);
        if (strcmp(m->currency, k->currency) != 0) {
            fprintf(stderr, "\"%s\": currency \"%s\", want \"%s\"\n", k->text, m->currency,
                    k->currency);
            bad = 1;
        }
        size_t ql = k->qualifier ? strlen(k->qualifier) : 0;
        if (m->qualifier.len != ql || (ql && memcmp(m->qualifier.ptr, k->qualifier, ql) != 0)) {
            fprintf(stderr, "\"%s\": qualifier \"%.*s\", want \"%s\"\n", k->text,
                    (int)m->qualifier.len, m->qualifier.ptr ? m->qualifier.ptr : "",
                    k->qualifier ? k->qualifier : "");
            bad = 1;
        }
        failed += bad;
    }
    nm__record_free(&rec);
    if (failed)
        fail_msg("%d of %zu money cases failed", failed, n);
}

/* The seed article's money sentences: exactly these three, and nothing for "1 million rounds". */
/* Every magnitude word number.c knows (and near misses), spaced, before a currency name and
 * joined by a hyphen, then plain numerals: money reads magnitudes from its own table and plain
 * numerals itself, which must agree with nm__number_magnitude and nm__number_parse_all.
 * Expected spans and amounts are main's output at 11404a2. */
static const struct {
    const char *text, *span, *amount;
} mag_cases[] = {
    {"They paid $5 thousand for it.", "$5 thousand", "5000"},
    {"They paid 5 thousand dollars.", "5 thousand dollars", "5000"},
    {"They paid $1.5-thousand yesterday.", "$1.5-thousand", "1500"},
    {"They paid $5 thousands for it.", "$5 thousands", "5000"},
    {"They paid 5 thousands dollars.", "5 thousands dollars", "5000"},
    {"They paid $1.5-thousands yesterday.", "$1.5-thousands", "1500"},
    {"They paid $5 k for it.", "$5", "5"},
    {"They paid 5 k dollars.", NULL, NULL},
    {"They paid $1.5-k yesterday.", "$1.5", "1.5"},
    {"They paid $5 grand for it.", "$5 grand", "5000"},
    {"They paid 5 grand dollars.", "5 grand dollars", "5000"},
    {"They paid $1.5-grand yesterday.", "$1.5-grand", "1500"},
    {"They paid $5 hundred for it.", "$5 hundred", "500"},
    {"They paid 5 hundred dollars.", "5 hundred dollars", "500"},
    {"They paid $1.5-hundred yesterday.", "$1.5", "1.5"},
    {"They paid $5 lakh for it.", "$5 lakh", "500000"},
    {"They paid 5 lakh dollars.", "5 lakh dollars", "500000"},
    {"They paid $1.5-lakh yesterday.", "$1.5-lakh", "150000"},
    {"They paid $5 lakhs for it.", "$5 lakhs", "500000"},
    {"They paid 5 lakhs dollars.", "5 lakhs dollars", "500000"},
    {"They paid $1.5-lakhs yesterday.", "$1.5-lakhs", "150000"},
    {"They paid $5 lac for it.", "$5 lac", "500000"},
    {"They paid 5 lac dollars.", "5 lac dollars", "500000"},
    {"They paid $1.5-lac yesterday.", "$1.5-lac", "150000"},
    {"They paid $5 lacs for it.", "$5 lacs", "500000"},
    {"They paid 5 lacs dollars.", "5 lacs dollars", "500000"},
    {"They paid $1.5-lacs yesterday.", "$1.5-lacs", "150000"},
    {"They paid $5 million for it.", "$5 million", "5000000"},
    {"They paid 5 million dollars.", "5 million dollars", "5000000"},
    {"They paid $1.5-million yesterday.", "$1.5-million", "1500000"},
    {"They paid $5 millions for it.", "$5 millions", "5000000"},
    {"They paid 5 millions dollars.", "5 millions dollars", "5000000"},
    {"They paid $1.5-millions yesterday.", "$1.5-millions", "1500000"},
    {"They paid $5 m for it.", "$5", "5"},
    {"They paid 5 m dollars.", NULL, NULL},
    {"They paid $1.5-m yesterday.", "$1.5", "1.5"},
    {"They paid $5 mn for it.", "$5 mn", "5000000"},
    {"They paid 5 mn dollars.", "5 mn dollars", "5000000"},
    {"They paid $1.5-mn yesterday.", "$1.5", "1.5"},
    {"They paid $5 mln for it.", "$5 mln", "5000000"},
    {"They paid 5 mln dollars.", "5 mln dollars", "5000000"},
    {"They paid $1.5-mln yesterday.", "$1.5-mln", "1500000"},
    {"They paid $5 mio for it.", "$5 mio", "5000000"},
    {"They paid 5 mio dollars.", "5 mio dollars", "5000000"},
    {"They paid $1.5-mio yesterday.", "$1.5-mio", "1500000"},
    {"They paid $5 mm for it.", "$5", "5"},
    {"They paid 5 mm dollars.", NULL, NULL},
    {"They paid $1.5-mm yesterday.", "$1.5", "1.5"},
    {"They paid $5 crore for it.", "$5 crore", "50000000"},
    {"They paid 5 crore dollars.", "5 crore dollars", "50000000"},
    {"They paid $1.5-crore yesterday.", "$1.5-crore", "15000000"},
    {"They paid $5 crores for it.", "$5 crores", "50000000"},
    {"They paid 5 crores dollars.", "5 crores dollars", "50000000"},
    {"They paid $1.5-crores yesterday.", "$1.5-crores", "15000000"},
    {"They paid $5 cr for it.", "$5", "5"},
    {"They paid 5 cr dollars.", NULL, NULL},
    {"They paid $1.5-cr yesterday.", "$1.5", "1.5"},
    {"They paid $5 billion for it.", "$5 billion", "5000000000"},
    {"They paid 5 billion dollars.", "5 billion dollars", "5000000000"},
    {"They paid $1.5-billion yesterday.", "$1.5-billion", "1500000000"},
    {"They paid $5 billions for it.", "$5 billions", "5000000000"},
    {"They paid 5 billions dollars.", "5 billions dollars", "5000000000"},
    {"They paid $1.5-billions yesterday.", "$1.5-billions", "1500000000"},
    {"They paid $5 bn for it.", "$5 bn", "5000000000"},
    {"They paid 5 bn dollars.", "5 bn dollars", "5000000000"},
    {"They paid $1.5-bn yesterday.", "$1.5", "1.5"},
    {"They paid $5 b for it.", "$5", "5"},
    {"They paid 5 b dollars.", NULL, NULL},
    {"They paid $1.5-b yesterday.", "$1.5", "1.5"},
    {"They paid $5 bln for it.", "$5 bln", "5000000000"},
    {"They paid 5 bln dollars.", "5 bln dollars", "5000000000"},
    {"They paid $1.5-bln yesterday.", "$1.5-bln", "1500000000"},
    {"They paid $5 mrd for it.", "$5 mrd", "5000000000"},
    {"They paid 5 mrd dollars.", "5 mrd dollars", "5000000000"},
    {"They paid $1.5-mrd yesterday.", "$1.5-mrd", "1500000000"},
    {"They paid $5 bil for it.", "$5 bil", "5000000000"},
    {"They paid 5 bil dollars.", "5 bil dollars", "5000000000"},
    {"They paid $1.5-bil yesterday.", "$1.5-bil", "1500000000"},
    {"They paid $5 trillion for it.", "$5 trillion", "5000000000000"},
    {"They paid 5 trillion dollars.", "5 trillion dollars", "5000000000000"},
    {"They paid $1.5-trillion yesterday.", "$1.5-trillion", "1500000000000"},
    {"They paid $5 trillions for it.", "$5 trillions", "5000000000000"},
    {"They paid 5 trillions dollars.", "5 trillions dollars", "5000000000000"},
    {"They paid $1.5-trillions yesterday.", "$1.5-trillions", "1500000000000"},
    {"They paid $5 tn for it.", "$5 tn", "5000000000000"},
    {"They paid 5 tn dollars.", "5 tn dollars", "5000000000000"},
    {"They paid $1.5-tn yesterday.", "$1.5", "1.5"},
    {"They paid $5 trn for it.", "$5 trn", "5000000000000"},
    {"They paid 5 trn dollars.", "5 trn dollars", "5000000000000"},
    {"They paid $1.5-trn yesterday.", "$1.5-trn", "1500000000000"},
    {"They paid $5 tln for it.", "$5 tln", "5000000000000"},
    {"They paid 5 tln dollars.", "5 tln dollars", "5000000000000"},
    {"They paid $1.5-tln yesterday.", "$1.5-tln", "1500000000000"},
    {"They paid $5 MLN for it.", "$5 MLN", "5000000"},
    {"They paid 5 MLN dollars.", "5 MLN dollars", "5000000"},
    {"They paid $1.5-MLN yesterday.", "$1.5-MLN", "1500000"},
    {"They paid $5 Bn for it.", "$5 Bn", "5000000000"},
    {"They paid 5 Bn dollars.", "5 Bn dollars", "5000000000"},
    {"They paid $1.5-Bn yesterday.", "$1.5", "1.5"},
    {"They paid $5 mil for it.", "$5", "5"},
    {"They paid 5 mil dollars.", NULL, NULL},
    {"They paid $1.5-mil yesterday.", "$1.5", "1.5"},
    {"They paid $5 bns for it.", "$5", "5"},
    {"They paid 5 bns dollars.", NULL, NULL},
    {"They paid $1.5-bns yesterday.", "$1.5", "1.5"},
    {"They paid $5 tm for it.", "$5", "5"},
    {"They paid 5 tm dollars.", NULL, NULL},
    {"They paid $1.5-tm yesterday.", "$1.5", "1.5"},
    {"They paid $5 milliard for it.", "$5", "5"},
    {"They paid 5 milliard dollars.", NULL, NULL},
    {"They paid $1.5-milliard yesterday.", "$1.5", "1.5"},
    {"They paid $5 quarter for it.", "$5", "5"},
    {"They paid 5 quarter dollars.", NULL, NULL},
    {"They paid $1.5-quarter yesterday.", "$1.5", "1.5"},
    {"They paid $5 dozen for it.", "$5", "5"},
    {"They paid 5 dozen dollars.", NULL, NULL},
    {"They paid $1.5-dozen yesterday.", "$1.5", "1.5"},
    /* plain numerals (digits, one '.': number.c's fast path) and their neighbours */
    {"They paid $0.50 for it.", "$0.50", "0.5"},
    {"They paid $00.5 for it.", "$00.5", "0.5"},
    {"They paid $1.250 for it.", "$1.250", "1.25"},
    {"They paid $100 for it.", "$100", "100"},
    {"They paid $1234567890123456789 for it.", "$1234567890123456789", "1234567890123456789"},
    /* a trailing zero is no significant digit: exact, not rejected (it was before) */
    {"They paid $12345678901234567890 for it.", "$12345678901234567890", "12345678901234567890"},
    {"They paid $12345678901234567891 for it.", NULL, NULL},
    {"They paid $1.234567890123456789 for it.", "$1.234567890123456789", "1.234567890123456789"},
    {"They paid $12.345678901234567890 for it.", "$12.345678901234567890", "12.34567890123456789"},
    {"They paid $12.345678901234567891 for it.", NULL, NULL},
    {"They paid $0 for it.", "$0", "0"},
    {"They paid $5. for it.", "$5", "5"},
    {"They paid $1.2.3 for it.", NULL, NULL},
    {"They paid 1.5 million dollars.", "1.5 million dollars", "1500000"},
    {"They paid 1,250.75 dollars.", "1,250.75 dollars", "1250.75"},
    {"They paid 0.000 dollars.", "0.000 dollars", "0"},
};

static void test_magnitude_words(void **state) {
    env *e = *state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    int failed = 0;
    for (size_t c = 0; c < sizeof mag_cases / sizeof mag_cases[0]; c++) {
        const char *text = mag_cases[c].text;
        run(e, &rec, text, strlen(text));
        size_t want = mag_cases[c].span != NULL;
        if (rec.money.n != want) {
            fprintf(stderr, "\"%s\": %zu mentions, want %zu\n", text, rec.money.n, want);
            failed++;
            continue;
        }
        if (!want)
            continue;
        const nm_money *m = &rec.money.v[0];
        char buf[64];
        const char *amount = fmt(m->amount, m->fields, buf);
        if (m->end - m->start != strlen(mag_cases[c].span) ||
            memcmp(text + m->start, mag_cases[c].span, m->end - m->start) != 0 ||
            strcmp(amount, mag_cases[c].amount) != 0) {
            fprintf(stderr, "\"%s\": \"%.*s\" %s, want \"%s\" %s\n", text,
                    (int)(m->end - m->start), text + m->start, amount, mag_cases[c].span,
                    mag_cases[c].amount);
            failed++;
        }
    }
    nm__record_free(&rec);
    assert_int_equal(failed, 0);
}

static void test_seed_sentences(void **state) {
    env *e = *state;
    static const char text[] =
        "The European Union has provided approximately 134.4 billion euros in support since "
        "2022. A new fund of \xe2\x82\xac"
        "50 billion was agreed. Washington has spent $840 "
        "billion on defence. The plant will produce 1 million rounds of ammunition a year.";
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    run(e, &rec, text, sizeof text - 1);
    assert_int_equal(rec.money.n, 3);
    static const char *const spans[] = {"134.4 billion euros",
                                        "\xe2\x82\xac"
                                        "50 billion",
                                        "$840 billion"};
    static const char *const amounts[] = {"134400000000", "50000000000", "840000000000"};
    static const char *const curs[] = {"EUR", "EUR", "USD"};
    for (size_t i = 0; i < 3; i++) {
        const nm_money *m = &rec.money.v[i];
        char buf[64];
        assert_int_equal(m->end - m->start, strlen(spans[i]));
        assert_memory_equal(text + m->start, spans[i], strlen(spans[i]));
        assert_int_equal(m->fields & NM_MONEY_AMOUNT, NM_MONEY_AMOUNT);
        assert_true(nm_decimal_format(m->amount, 0, buf, sizeof buf) > 0);
        assert_string_equal(buf, amounts[i]);
        assert_string_equal(m->currency, curs[i]);
    }
    nm__record_free(&rec);
}

/* "C$" or "Canadian dollars" earlier decides a later bare "$" or "dlrs"; "kr" after "Swedish
 * crowns" becomes SEK; "¥" after "yuan" is CNY. */
static void test_context(void **state) {
    env *e = *state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const char t1[] = "Noranda earned 25 mln Canadian dlrs, up from 12 mln dlrs.";
    run(e, &rec, t1, sizeof t1 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[0].currency, "CAD");
    assert_string_equal(rec.money.v[1].currency, "CAD");
    static const char t2[] = "It paid C$5 for it and $3 for shipping.";
    run(e, &rec, t2, sizeof t2 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[1].currency, "CAD");
    static const char t3[] = "It paid $3 for shipping.";
    run(e, &rec, t3, sizeof t3 - 1);
    assert_int_equal(rec.money.n, 1);
    assert_string_equal(rec.money.v[0].currency, "USD");
    static const char t4[] = "It cost 80 Swedish crowns, or 100 kr with tax.";
    run(e, &rec, t4, sizeof t4 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[1].currency, "SEK");
    static const char t5[] = "Sales were 3 billion yuan; costs \xc2\xa5"
                             "2 billion.";
    run(e, &rec, t5, sizeof t5 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[1].currency, "CNY");
    /* only the sign is shared: the word "yen" is JPY even after "yuan" (it was CNY) */
    static const char t10[] = "Sales were 3 billion yuan and 40 billion yen.";
    run(e, &rec, t10, sizeof t10 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[0].currency, "CNY");
    assert_string_equal(rec.money.v[1].currency, "JPY");
    static const char t7[] = "France's trade gap was 7.6 billion francs in March.";
    run(e, &rec, t7, sizeof t7 - 1);
    assert_int_equal(rec.money.n, 1);
    assert_string_equal(rec.money.v[0].currency, "FRF");
    static const char t8[] = "In Paris, 5 Swiss francs bought 3 francs of bread.";
    run(e, &rec, t8, sizeof t8 - 1); /* the explicit currency beats the city cue */
    assert_int_equal(rec.money.n, 2);
    assert_string_equal(rec.money.v[1].currency, "CHF");
    static const char t9[] = "Stockholm firm Volvo earned 600 mln crowns.";
    run(e, &rec, t9, sizeof t9 - 1);
    assert_int_equal(rec.money.n, 1);
    assert_string_equal(rec.money.v[0].currency, "SEK");
    static const char t6[] = "The Australian dollar fell. Shares cost $4.";
    run(e, &rec, t6, sizeof t6 - 1);
    assert_int_equal(rec.money.n, 1);
    assert_string_equal(rec.money.v[0].currency, "AUD");
    nm__record_free(&rec);
}

/* Several mentions: sorted by start, not overlapping, each with its own value. */
static void test_several(void **state) {
    env *e = *state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const char t[] = "Shr 38 cts vs 31 cts. Net 15 mln stg vs 12 mln stg; revenue "
                            "$1.2bn, about \xe2\x82\xac"
                            "900m.";
    run(e, &rec, t, sizeof t - 1);
    assert_int_equal(rec.money.n, 6);
    static const char *const want[] = {"0.38",     "0.31",       "15000000",
                                       "12000000", "1200000000", "900000000"};
    for (size_t i = 0; i < rec.money.n; i++) {
        char buf[64];
        assert_true(nm_decimal_format(rec.money.v[i].amount, 0, buf, sizeof buf) > 0);
        assert_string_equal(buf, want[i]);
        if (i > 0)
            assert_true(rec.money.v[i].start >= rec.money.v[i - 1].end);
    }
    assert_int_equal(rec.money.v[5].qualifier.len, 5);
    /* a change then a level is two amounts, not a range */
    static const char t2[] = "The stock rose $1 to $25.";
    run(e, &rec, t2, sizeof t2 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_int_equal(rec.money.v[0].fields, NM_MONEY_AMOUNT);
    assert_int_equal(rec.money.v[1].amount.mant, 25);
    /* a change "from A to B" is two levels too (it was a range 5-10); "priced from A to B",
       with no change verb, stays one */
    static const char t3[] = "Revenue rose from $5 million to $10 million.";
    run(e, &rec, t3, sizeof t3 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_int_equal(rec.money.v[0].fields, NM_MONEY_AMOUNT);
    assert_int_equal(rec.money.v[1].fields, NM_MONEY_AMOUNT);
    static const char t4[] = "Models are priced from $5 to $10.";
    run(e, &rec, t4, sizeof t4 - 1);
    assert_int_equal(rec.money.n, 1);
    assert_int_equal(rec.money.v[0].fields, NM_MONEY_MIN | NM_MONEY_MAX);
    /* MN: a hedge between the change verb and the amount made "to" a range (Reuters "jumped
       nearly two cts to 33 U.S. Cts" was 0.02..0.33) */
    static const char t5[] = "The rand jumped nearly two cts to 33 cts.";
    run(e, &rec, t5, sizeof t5 - 1);
    assert_int_equal(rec.money.n, 2);
    assert_int_equal(rec.money.v[0].fields, NM_MONEY_AMOUNT);
    assert_int_equal(rec.money.v[1].fields, NM_MONEY_AMOUNT);
    nm__record_free(&rec);
}

/* Hostile input: a megabyte of digits and commas, or of "$", takes linear time. */
static void test_pathological(void **state) {
    env *e = *state;
    size_t n = 1 << 20;
    char *buf = malloc(n);
    assert_non_null(buf);
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    for (int kind = 0; kind < 3; kind++) {
        for (size_t i = 0; i < n; i++)
            buf[i] = kind == 0 ? ((i % 4 == 3) ? ',' : '1') : kind == 1 ? '$' : "$1 "[i % 3];
        clock_t t0 = clock();
        run(e, &rec, buf, n);
        double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
        assert_true(s < 5.0);
        if (kind == 1)
            assert_int_equal(rec.money.n, 0);
        if (kind == 2)
            assert_true(rec.money.n > 1000);
    }
    free(buf);
    nm__record_free(&rec);
}

/* Regression (money.c numeral_at; found by fuzz_pipeline): a number followed by a hyphen that
   ends the document ("$6-") looked for a fraction after the hyphen and read the token past the
   last one, past the token array when it was full (16 tokens here: ASan heap-buffer-overflow). */
static void test_trailing_hyphen_after_number(void **state) {
    env *e = *state;
    static const char t[] = "a b c d e f g h i j k l m $6-";
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    run(e, &rec, t, sizeof t - 1);
    assert_int_equal(rec.tokens.n, 16);
    assert_int_equal(rec.money.n, 1);
    assert_int_equal(rec.money.v[0].end, sizeof t - 2); /* "$6" */
    nm__record_free(&rec);
}

/* Without the normalize stage tokens have no norm: the stage must cope (and find nothing). */
static void test_without_normalize(void **state) {
    env *e = *state;
    nm_error err;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const char t[] = "It cost $5 million, or five euros.";
    rec.text = (nm_str){t, sizeof t - 1};
    assert_int_equal(nm__stage_tokenize.process(NULL, NULL, &rec, &err), NM_OK);
    for (size_t i = 0; i < rec.tokens.n; i++)
        rec.tokens.v[i].norm = (nm_str){NULL, 0};
    assert_int_equal(nm__stage_money.process(e->money_state, e->money_shared, &rec, &err), NM_OK);
    assert_int_equal(rec.money.n, 0);
    nm__record_free(&rec);
}

/* A name's ISO code is the one of the story's date (meta.date); with no date, today's. */
static void test_dated(void **state) {
    env *e = *state;
    nm_record rec;
    memset(&rec, 0, sizeof rec);
    static const struct {
        const char *text, *date, *want;
    } k[] = {
        {"It cost 5 mln lira.", "26-FEB-1987 15:01:01.79", "TRL"},
        {"It cost 5 mln lira.", "2005-01-01", "TRY"},
        {"It cost 5 mln lira.", "", "TRY"},
        {"It cost 5 mln lira.", "not a date", "TRY"},
        {"It cost 5 mln TRY.", "1987-02-26", "TRY"}, /* a written code stays */
        {"It cost 5 mln bolivars.", "26-FEB-1987 15:01:01.79", "VEB"},
        {"It cost 5 mln bolivars.", "2010-03-01", "VEF"},
        {"It cost 5 mln bolivars.", "Mon, 20 Aug 2018 10:00:00 +0000", "VES"},
        {"It cost 5 mln Mexican pesos.", "1992-12-31", "MXP"},
        {"It cost 5 mln Mexican pesos.", "1993-01-01", "MXN"},
        {"Mexico paid 5 mln pesos.", "1987-03-02", "MXP"}, /* a cue's context, dated */
        {"It cost 5 mln roubles.", "1987-03-02", "SUR"},
        {"It cost 5 mln roubles.", "1995-03-02", "RUR"},
        {"It cost 5 mln roubles.", "1998-01-01", "RUB"},
        {"It cost 5 mln zlotys.", "1994-06-01", "PLZ"},
        {"It cost 5 mln zlotys.", "1995-06-01", "PLN"},
        {"Zambia lost 718 mln kwacha.", "1987-04-08", "ZMK"},
        {"Zambia lost 718 mln kwacha.", "2014-04-08", "ZMW"},
        {"Malawi expects a deficit of 303 mln kwacha.", "1987-04-08", "MWK"},
        {"It cost 5 mln francs in France.", "1987-04-08", "CHF"},
        {"France paid 5 mln francs.", "1987-04-08", "FRF"},
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
        run_dated(e, &rec, k[i].text, strlen(k[i].text), k[i].date);
        if (rec.money.n != 1 || strcmp(rec.money.v[0].currency, k[i].want) != 0)
            fprintf(stderr, "\"%s\" dated \"%s\": %zu mentions, currency %s, want %s\n",
                    k[i].text, k[i].date, rec.money.n, rec.money.n ? rec.money.v[0].currency : "-",
                    k[i].want);
        assert_int_equal(rec.money.n, 1);
        assert_string_equal(rec.money.v[0].currency, k[i].want);
    }
    nm__record_free(&rec);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),        cmocka_unit_test(test_seed_sentences),
        cmocka_unit_test(test_context),      cmocka_unit_test(test_several),
        cmocka_unit_test(test_pathological), cmocka_unit_test(test_without_normalize),
        cmocka_unit_test(test_magnitude_words), cmocka_unit_test(test_dated),
        cmocka_unit_test(test_trailing_hyphen_after_number),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
