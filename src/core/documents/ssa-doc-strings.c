/* ssa-doc-strings.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-doc-strings.h"

/* A document is written in the language the user picks for it, whatever the process
 * locale. glibc's gettext cannot be asked for one message in another language reliably: it
 * ignores LANGUAGE under the C and POSIX locales (what CI and many services run with),
 * needs an installed locale such as nb_NO for LC_MESSAGES, and switching either is global,
 * thread-unsafe state. So the document strings are looked up here, directly in the nb
 * catalogue (the same po/nb.po, compiled to ssa-desk.mo), read once into a hash table:
 *
 *   1. English is the msgid itself.
 *   2. Bokmål is the msgstr of po/nb.po for the msgid in the context "offer document",
 *      read from LOCALEDIR/nb/LC_MESSAGES/ssa-desk.mo (the folder is the one
 *      ssa_doc_strings_set_localedir() set, else $SSA_DESK_LOCALEDIR, else the folder
 *      bindtextdomain() holds for the program, else the configured LOCALEDIR).
 *   3. When there is no catalogue, or it lacks the string, or its translation's printf
 *      directives do not match the msgid's, the built-in Bokmål of the table below is
 *      used, so a document is never half English.
 */

typedef struct
{
  const char *english;   /* the msgid, marked for xgettext */
  const char *bokmal;    /* the built-in Bokmål, used without a catalogue */
} DocString;

static const DocString doc_strings[SSA_N_DOC_STRINGS] = {
  [SSA_DOC_TITLE] = {
    NC_("offer document", "SSA offer (software service agreement)"),
    "Tilbud på SSA (programvareavtale)" },
  [SSA_DOC_SUBJECT] = {
    NC_("offer document", "Software Service Agreement for an innovaphone PBX"),
    "Programvareavtale (SSA) for innovaphone PBX" },
  [SSA_DOC_OFFER_NUMBER] = { NC_("offer document", "Offer no."), "Tilbudsnr." },
  [SSA_DOC_DRAFT] = { NC_("offer document", "Draft"), "Utkast" },
  [SSA_DOC_REVISION] = { NC_("offer document", "Revision"), "Revisjon" },
  [SSA_DOC_DATE] = { NC_("offer document", "Date"), "Dato" },
  [SSA_DOC_VALID_UNTIL] = {
    NC_("offer document", "This offer is valid until"), "Tilbudet gjelder til" },
  [SSA_DOC_PRICE_LIST] = { NC_("offer document", "Price list"), "Prisliste" },
  [SSA_DOC_RESELLER] = { NC_("offer document", "Reseller"), "Forhandler" },
  [SSA_DOC_CUSTOMER] = { NC_("offer document", "Customer"), "Kunde" },
  [SSA_DOC_ORG_NO] = { NC_("offer document", "Org. no."), "Org.nr." },
  [SSA_DOC_ADDRESS] = { NC_("offer document", "Address"), "Adresse" },
  [SSA_DOC_CONTACT] = { NC_("offer document", "Contact"), "Kontaktperson" },
  [SSA_DOC_EMAIL] = { NC_("offer document", "E-mail"), "E-post" },
  [SSA_DOC_PHONE] = { NC_("offer document", "Phone"), "Telefon" },
  [SSA_DOC_INSTALLATION] = { NC_("offer document", "Installation"), "Installasjon" },
  [SSA_DOC_NAME] = { NC_("offer document", "Name"), "Navn" },
  [SSA_DOC_SERIAL] = { NC_("offer document", "Serial number"), "Serienummer" },
  [SSA_DOC_FIRMWARE] = { NC_("offer document", "Firmware"), "Fastvareversjon" },
  [SSA_DOC_CURRENT_SSA_END] = {
    NC_("offer document", "Current SSA ends"), "Nåværende SSA utløper" },
  [SSA_DOC_NO_SSA] = { NC_("offer document", "No SSA registered"), "Ingen registrert SSA" },
  [SSA_DOC_PERIOD] = { NC_("offer document", "Agreement period"), "Avtaleperiode" },
  [SSA_DOC_PERIOD_FROM] = { NC_("offer document", "Period from"), "Periode fra" },
  [SSA_DOC_PERIOD_TO] = { NC_("offer document", "Period to"), "Periode til" },
  [SSA_DOC_BILLING] = { NC_("offer document", "Billing"), "Fakturering" },
  [SSA_DOC_BILLING_ONCE] = { NC_("offer document", "One invoice"), "Én faktura" },
  [SSA_DOC_BILLING_ANNUAL] = { NC_("offer document", "Annually (Auto-SSA)"), "Årlig (Auto-SSA)" },
  [SSA_DOC_BILLING_QUARTERLY] = {
    NC_("offer document", "Quarterly (Auto-SSA)"), "Kvartalsvis (Auto-SSA)" },
  [SSA_DOC_BILLING_MONTHLY] = {
    NC_("offer document", "Monthly (Auto-SSA)"), "Månedlig (Auto-SSA)" },
  [SSA_DOC_COL_ARTICLE] = { NC_("offer document", "Article no."), "Art.nr." },
  [SSA_DOC_COL_PRODUCT] = { NC_("offer document", "Product"), "Produkt" },
  [SSA_DOC_COL_QUANTITY] = { NC_("offer document", "Qty"), "Antall" },
  [SSA_DOC_COL_FROM] = { NC_("offer document", "From"), "Fra" },
  [SSA_DOC_COL_TO] = { NC_("offer document", "To"), "Til" },
  /* Translators: the column of the number of started months of a line. */
  [SSA_DOC_COL_MONTHS] = { NC_("offer document", "Months"), "Mnd." },
  [SSA_DOC_COL_SSC] = { NC_("offer document", "SSC"), "SSC" },
  [SSA_DOC_COL_AMOUNT] = { NC_("offer document", "Amount"), "Beløp" },
  [SSA_DOC_COL_SEGMENT] = { NC_("offer document", "Type"), "Type" },
  [SSA_DOC_COL_SSC_PER_YEAR] = { NC_("offer document", "SSC per year"), "SSC per år" },
  [SSA_DOC_COL_KIND] = { NC_("offer document", "Kind"), "Produkttype" },
  [SSA_DOC_COL_ADDED] = { NC_("offer document", "Added"), "Lagt til" },
  [SSA_DOC_COL_COVERED_UNTIL] = { NC_("offer document", "Covered until"), "Dekket til" },
  [SSA_DOC_COL_IN_SSA] = { NC_("offer document", "Covered by the SSA"), "Omfattet av SSA" },
  [SSA_DOC_COL_NOTE] = { NC_("offer document", "Note"), "Merknad" },
  [SSA_DOC_YES] = { NC_("offer document", "Yes"), "Ja" },
  [SSA_DOC_NO] = { NC_("offer document", "No"), "Nei" },
  [SSA_DOC_SECTION_LINES] = {
    NC_("offer document", "Licences in this offer"), "Lisenser i tilbudet" },
  [SSA_DOC_SECTION_COVERED] = {
    NC_("offer document", "Licences already covered"), "Lisenser som allerede er dekket" },
  [SSA_DOC_SECTION_EXCLUDED] = {
    NC_("offer document", "Not covered by the SSA"), "Ikke omfattet av SSA" },
  [SSA_DOC_NO_LINES] = {
    NC_("offer document", "No licence needs an SSA for this period."),
    "Ingen lisenser trenger SSA for denne perioden." },
  [SSA_DOC_SEGMENT_REGULAR] = { NC_("offer document", "Renewal"), "Fornyelse" },
  [SSA_DOC_SEGMENT_BACKPAY] = { NC_("offer document", "Back-payment"), "Etterbetaling" },
  [SSA_DOC_SEGMENT_COVERED] = { NC_("offer document", "Already covered"), "Allerede dekket" },
  [SSA_DOC_SEGMENT_EXCLUDED] = { NC_("offer document", "Not covered"), "Ikke dekket" },
  /* Translators: marks a back-payment line; %s is the multiplier, e.g. "2". */
  [SSA_DOC_BACKPAY_MARK] = {
    NC_("offer document", "Back-payment at %s × the price"), "Etterbetaling, %s × pris" },
  /* Translators: %s are the first and last day of the lapsed period and the multiplier. */
  [SSA_DOC_BACKPAY_NOTE] = {
    NC_("offer document", "Back-payment: the SSA has lapsed. innovaphone requires the unpaid "
        "period from %s to %s to be paid at %s times the regular price before the "
        "installation may be upgraded again."),
    "Etterbetaling: SSA-en har vært utløpt. innovaphone krever at den ubetalte perioden fra "
    "%s til %s betales med %s ganger ordinær pris før installasjonen kan oppgraderes igjen." },
  [SSA_DOC_COVERED_NOTE] = {
    NC_("offer document", "These licences are covered by the current agreement for the whole "
        "period; they cost nothing in this offer."),
    "Disse lisensene er dekket av gjeldende avtale for hele perioden og koster ingenting i "
    "dette tilbudet." },
  [SSA_DOC_COVERED_MARK] = {
    NC_("offer document", "Covered by the current agreement"), "Dekket av gjeldende avtale" },
  [SSA_DOC_EXCLUDED_NOTE] = {
    NC_("offer document", "Third-party products, hardware and services are not covered by "
        "the SSA: their own vendor’s terms apply."),
    "Tredjepartsprodukter, maskinvare og tjenester omfattes ikke av SSA-en: leverandørens "
    "egne vilkår gjelder." },
  [SSA_DOC_EXCLUDED_MARK] = {
    NC_("offer document", "The vendor’s own terms apply"), "Leverandørens egne vilkår gjelder" },
  [SSA_DOC_TOTAL_SSC] = {
    NC_("offer document", "Software Service Credits (SSC)"), "Software Service Credits (SSC)" },
  [SSA_DOC_TOTAL_REGULAR] = { NC_("offer document", "Renewal"), "Fornyelse" },
  [SSA_DOC_TOTAL_BACKPAY] = { NC_("offer document", "Back-payment"), "Etterbetaling" },
  /* Translators: %s is a percentage such as "2 %". */
  [SSA_DOC_TOTAL_BILLING_DISCOUNT] = {
    NC_("offer document", "Billing discount (%s)"), "Faktureringsrabatt (%s)" },
  [SSA_DOC_TOTAL_SUBTOTAL] = { NC_("offer document", "Subtotal"), "Delsum" },
  /* Translators: %s is a percentage such as "10 %". */
  [SSA_DOC_TOTAL_DISCOUNT] = { NC_("offer document", "Discount (%s)"), "Rabatt (%s)" },
  /* Translators: %s are the hours and the hourly rate. */
  [SSA_DOC_TOTAL_LABOUR] = {
    NC_("offer document", "Upgrade labour (%s at %s)"), "Oppgraderingsarbeid (%s à %s)" },
  [SSA_DOC_TOTAL_NET] = { NC_("offer document", "Total excl. VAT"), "Sum eks. mva." },
  /* Translators: %s is the VAT rate such as "25 %". */
  [SSA_DOC_TOTAL_VAT] = { NC_("offer document", "VAT %s"), "Mva. %s" },
  [SSA_DOC_TOTAL_TOTAL] = { NC_("offer document", "Total incl. VAT"), "Totalt inkl. mva." },
  /* Translators: a percentage; Norwegian puts a space before the sign. */
  [SSA_DOC_PERCENT] = { NC_("offer document", "%s%%"), "%s %%" },
  /* Translators: a number of hours of labour. */
  [SSA_DOC_HOURS] = { NC_("offer document", "%s h"), "%s t" },
  [SSA_DOC_LABOUR_NOTE] = {
    NC_("offer document", "Upgrade labour is not part of the SSA and is not discounted."),
    "Oppgraderingsarbeid er ikke en del av SSA-en og gis ikke rabatt." },
  [SSA_DOC_WARNINGS] = { NC_("offer document", "Please note"), "Merk" },
  [SSA_DOC_WARN_UNSUPPORTED] = {
    NC_("offer document", "Firmware %s is unsupported: innovaphone has not supported it since "
        "1 January 2011. An upgrade is recommended; upgrade labour is not included in the "
        "SSA."),
    "Fastvareversjon %s er uten støtte: innovaphone har ikke støttet den siden 1. januar 2011. "
    "Oppgradering anbefales; oppgraderingsarbeid er ikke inkludert i SSA-en." },
  [SSA_DOC_WARN_TOO_OLD] = {
    NC_("offer document", "Firmware %s is older than innovaphone supports: unsupported "
        "version. An upgrade is recommended; upgrade labour is not included in the SSA."),
    "Fastvareversjon %s er eldre enn innovaphone gir støtte for: versjonen er uten støtte. "
    "Oppgradering anbefales; oppgraderingsarbeid er ikke inkludert i SSA-en." },
  [SSA_DOC_WARN_UNKNOWN] = {
    NC_("offer document", "The support status of firmware %s is unknown."),
    "Støttestatus for fastvareversjon %s er ukjent." },
  [SSA_DOC_WARN_UNKNOWN_NONE] = {
    NC_("offer document", "The firmware version is not known, so its support status is "
        "unknown."),
    "Fastvareversjonen er ikke kjent, så støttestatus er ukjent." },
  [SSA_DOC_INCLUDES] = { NC_("offer document", "The SSA includes"), "SSA-en omfatter" },
  [SSA_DOC_INCLUDES_SOFTWARE] = {
    NC_("offer document", "The newest software and updated licences for all innovaphone PBX "
        "licences of the installation while the agreement runs."),
    "Nyeste programvare og oppdaterte lisenser for alle innovaphone PBX-lisenser i "
    "installasjonen så lenge avtalen løper." },
  [SSA_DOC_INCLUDES_MAJOR] = {
    NC_("offer document", "A new major version about once a year."),
    "En ny hovedversjon omtrent én gang i året." },
  [SSA_DOC_EXCLUDES] = {
    NC_("offer document", "The SSA does not include"), "SSA-en omfatter ikke" },
  [SSA_DOC_EXCLUDES_LABOUR] = {
    NC_("offer document", "Labour, such as performing an upgrade: offered separately."),
    "Arbeid, som å utføre en oppgradering: tilbys separat." },
  [SSA_DOC_EXCLUDES_THIRD_PARTY] = {
    NC_("offer document", "Third-party products, hardware and services."),
    "Tredjepartsprodukter, maskinvare og tjenester." },
  /* Translators: "Our reference": the reseller's person handling the offer. */
  [SSA_DOC_OUR_REF] = { NC_("offer document", "Our ref."), "Vår ref." },
  /* Translators: "Your reference": the customer's contact person. */
  [SSA_DOC_YOUR_REF] = { NC_("offer document", "Your ref."), "Deres ref." },
  [SSA_DOC_SELLER] = { NC_("offer document", "Seller"), "Selger" },
  [SSA_DOC_INSTALMENTS] = { NC_("offer document", "Invoices"), "Fakturaplan" },
  /* Translators: an instalment plan: the number of invoices, the amount of each, the date
   * of the first, e.g. "4 invoices of NOK 1,234.56, the first on 2027-01-01". */
  [SSA_DOC_INSTALMENTS_EQUAL] = {
    NC_("offer document", "%u invoices of %s, the first on %s"),
    "%u fakturaer à %s, første %s" },
  /* Translators: an instalment plan whose first invoice carries the øre left over: the
   * number of invoices, the first's amount and date, the number of the others and their
   * amount. */
  [SSA_DOC_INSTALMENTS_FIRST] = {
    NC_("offer document", "%u invoices: the first of %s on %s, then %u of %s"),
    "%u fakturaer: første på %s den %s, deretter %u à %s" },
  [SSA_DOC_ACCEPTANCE] = { NC_("offer document", "Acceptance"), "Aksept" },
  /* Translators: the last day the customer can accept the offer (akseptfrist). */
  [SSA_DOC_ACCEPT_DEADLINE] = {
    NC_("offer document", "Deadline for acceptance"), "Akseptfrist" },
  /* Translators: %s is the reseller's e-mail address, %s the deadline for acceptance. */
  [SSA_DOC_ACCEPT_HOW_EMAIL] = {
    NC_("offer document", "To accept the offer, sign below and return this page to %s no "
        "later than %s. The agreement is binding when we have received your acceptance."),
    "Tilbudet aksepteres ved å signere nedenfor og returnere denne siden til %s senest "
    "%s. Avtalen er bindende når vi har mottatt aksepten." },
  /* Translators: %s is the deadline for acceptance. */
  [SSA_DOC_ACCEPT_HOW] = {
    NC_("offer document", "To accept the offer, sign below and return this page to us no "
        "later than %s. The agreement is binding when we have received your acceptance."),
    "Tilbudet aksepteres ved å signere nedenfor og returnere denne siden til oss senest "
    "%s. Avtalen er bindende når vi har mottatt aksepten." },
  [SSA_DOC_ACCEPT_PLACE] = { NC_("offer document", "Place"), "Sted" },
  [SSA_DOC_ACCEPT_NAME] = {
    NC_("offer document", "Name in block letters"), "Navn med blokkbokstaver" },
  [SSA_DOC_ACCEPT_SIGNATURE] = { NC_("offer document", "Signature"), "Signatur" },
  /* Translators: %s is the customer's name. */
  [SSA_DOC_ACCEPT_FOR_CUSTOMER] = {
    NC_("offer document", "Accepted for %s"), "Akseptert for %s" },
  [SSA_DOC_ALTERNATIVES] = { NC_("offer document", "Alternatives"), "Alternativer" },
  /* Translators: "Alternative 2"; the first alternative is the offer's own terms. */
  [SSA_DOC_ALTERNATIVE] = { NC_("offer document", "Alternative %u"), "Alternativ %u" },
  [SSA_DOC_ALTERNATIVES_CHOOSE] = {
    NC_("offer document", "Choose one of the alternatives and state its number when you "
        "accept. Each alternative is a complete offer with its own period and price; they are "
        "not added together."),
    "Velg ett av alternativene og oppgi nummeret når dere aksepterer. Hvert alternativ er et "
    "fullstendig tilbud med egen periode og pris; alternativene legges ikke sammen." },
  [SSA_DOC_ACCEPT_ALTERNATIVE] = {
    NC_("offer document", "Alternative chosen (number)"), "Valgt alternativ (nummer)" },
  /* Translators: the section of licences the PBX uses beyond those owned. */
  [SSA_DOC_SECTION_TRUE_UP] = {
    NC_("offer document", "Missing licences (true-up)"), "Manglende lisenser (etterkjøp)" },
  [SSA_DOC_SEGMENT_LICENCE] = { NC_("offer document", "New licence"), "Ny lisens" },
  /* Translators: the sum of one section's lines; %s is the section's title. */
  [SSA_DOC_GROUP_SUBTOTAL] = { NC_("offer document", "Subtotal, %s"), "Delsum, %s" },
  [SSA_DOC_TOTAL_LICENCES] = {
    NC_("offer document", "Missing licences (true-up)"), "Manglende lisenser (etterkjøp)" },
  [SSA_DOC_TRUE_UP_NOTE] = {
    NC_("offer document", "The PBX uses more licences than the installation owns. The missing "
        "licences are offered at the list price, with their SSA from the start of the period."),
    "Telefonsentralen bruker flere lisenser enn installasjonen eier. De manglende lisensene "
    "tilbys til listepris, med SSA fra periodens start." },
  [SSA_DOC_PAYMENT_TERMS] = { NC_("offer document", "Payment terms"), "Betalingsbetingelser" },
  [SSA_DOC_PAYMENT_DEFAULT] = {
    NC_("offer document", "30 days net from the invoice date."),
    "30 dager netto fra fakturadato." },
  /* Translators: the page number and the number of pages. */
  [SSA_DOC_PAGE] = { NC_("offer document", "Page %u of %u"), "Side %u av %u" },
  /* Translators: %s is the offer number, or "Draft". */
  [SSA_DOC_OFFER_FOOTER] = { NC_("offer document", "Offer %s"), "Tilbud %s" },
  /* Translators: a worksheet's name: at most 31 characters, none of []:*?/\ */
  [SSA_DOC_SHEET_OFFER] = { NC_("offer document", "Offer"), "Tilbud" },
  /* Translators: a worksheet's name: at most 31 characters, none of []:*?/\ */
  [SSA_DOC_SHEET_LICENCES] = { NC_("offer document", "Licences"), "Lisenser" },
  [SSA_DOC_INPUTS] = { NC_("offer document", "Inputs"), "Forutsetninger" },
  /* Translators: %s is the currency, e.g. "kr". */
  [SSA_DOC_INPUT_SSC_PRICE] = {
    NC_("offer document", "SSC price (%s per SSC)"), "SSC-pris (%s per SSC)" },
  [SSA_DOC_INPUT_MULTIPLIER] = {
    NC_("offer document", "Back-payment multiplier"), "Etterbetalingsfaktor" },
  [SSA_DOC_INPUT_VAT] = { NC_("offer document", "VAT in percent"), "Mva. i prosent" },
  [SSA_DOC_INPUT_BILLING_DISCOUNT] = {
    NC_("offer document", "Billing discount in percent"), "Faktureringsrabatt i prosent" },
  [SSA_DOC_INPUT_DISCOUNT] = {
    NC_("offer document", "Discount in percent"), "Rabatt i prosent" },
  [SSA_DOC_INPUT_LABOUR_HOURS] = {
    NC_("offer document", "Upgrade labour, hours"), "Oppgraderingsarbeid, timer" },
  [SSA_DOC_INPUT_LABOUR_RATE] = { NC_("offer document", "Hourly rate"), "Timepris" },
  [SSA_DOC_INPUT_HINT] = {
    NC_("offer document", "Change the yellow cells, quantities included: every amount is "
        "recomputed by the SSA rules. The rest of the sheet is protected, without a password."),
    "Endre de gule cellene, også antall: alle beløp regnes om etter SSA-reglene. Resten av "
    "arket er beskyttet, uten passord." },
  [SSA_DOC_TOTALS] = { NC_("offer document", "Totals"), "Beløp" },
  [SSA_DOC_XLSX_BILLING_DISCOUNT] = {
    NC_("offer document", "Billing discount"), "Faktureringsrabatt" },
  [SSA_DOC_XLSX_DISCOUNT] = { NC_("offer document", "Discount"), "Rabatt" },
  [SSA_DOC_XLSX_LABOUR] = { NC_("offer document", "Upgrade labour"), "Oppgraderingsarbeid" },
  [SSA_DOC_XLSX_VAT] = { NC_("offer document", "VAT"), "Mva." },
  /* Translators: a spreadsheet footer: keep &P (the page) and &N (the number of pages). */
  [SSA_DOC_XLSX_PAGE] = { NC_("offer document", "Page &P of &N"), "Side &P av &N" },
  [SSA_DOC_KIND_SWITCHBOARD] = { NC_("offer document", "Switchboard"), "Sentralbord" },
  [SSA_DOC_KIND_PORT] = { NC_("offer document", "Port"), "Port" },
  [SSA_DOC_KIND_MOBILITY] = { NC_("offer document", "Mobility"), "Mobilitet" },
  [SSA_DOC_KIND_GSM] = { NC_("offer document", "GSM (mobile client)"), "GSM (mobilklient)" },
  [SSA_DOC_KIND_VOICEMAIL] = { NC_("offer document", "Voicemail"), "Talepost" },
  [SSA_DOC_KIND_STANDBY] = { NC_("offer document", "Standby"), "Reservesystem" },
  [SSA_DOC_KIND_SOFTPHONE] = { NC_("offer document", "Softphone"), "Softphone" },
  [SSA_DOC_KIND_APP] = { NC_("offer document", "App"), "App" },
  [SSA_DOC_KIND_THIRD_PARTY] = { NC_("offer document", "Third party"), "Tredjepart" },
  [SSA_DOC_KIND_HARDWARE] = { NC_("offer document", "Hardware"), "Maskinvare" },
  [SSA_DOC_KIND_SERVICE] = { NC_("offer document", "Service"), "Tjeneste" },
  /* The e-mail that carries an offer (ssa-offer-mail.c). */
  [SSA_DOC_MAIL_SUBJECT] = {
    NC_("offer document", "SSA offer %s: %s, accept by %s"),
    "Tilbud på SSA %s: %s, akseptfrist %s" },
  [SSA_DOC_MAIL_GREETING] = { NC_("offer document", "Hello %s,"), "Hei %s," },
  [SSA_DOC_MAIL_BODY] = {
    NC_("offer document",
        "Please find attached our offer %s for the software service agreement (SSA) of %s.\n"
        "\n"
        "Total: %s\n"
        "Acceptance deadline: %s\n"
        "\n"
        "To accept the offer, reply to this e-mail or sign the acceptance in the offer "
        "before the deadline.\n"
        "\n"
        "Kind regards\n"
        "%s"),
    "Vedlagt er vårt tilbud %s på programvareavtale (SSA) for %s.\n"
    "\n"
    "Totalt: %s\n"
    "Akseptfrist: %s\n"
    "\n"
    "For å akseptere tilbudet, svar på denne e-posten eller signer aksepten i tilbudet "
    "innen akseptfristen.\n"
    "\n"
    "Med vennlig hilsen\n"
    "%s" },
  [SSA_DOC_MAIL_FILE] = { NC_("offer document", "SSA offer %s"), "SSA-tilbud %s" },
};

G_LOCK_DEFINE_STATIC (catalogue);
static gboolean catalogue_loaded;
static char *catalogue_localedir;        /* set by ssa_doc_strings_set_localedir() */
static GHashTable *catalogue;            /* "context\004msgid" → msgstr, or NULL */
static const char *bokmal[SSA_N_DOC_STRINGS];  /* resolved once the catalogue is read */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Reads a GNU .mo file: a header, then two tables of (length, offset) pairs for the
 * original and the translated strings. Every offset is checked against the file's size,
 * so a damaged file is ignored rather than read out of bounds. */
static GHashTable *
read_mo_file (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GHashTable) table = NULL;
  const guint8 *data;
  gsize size;
  gboolean swap;
  guint32 magic, n, originals, translations;
  guint32 i;

  if (file == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < 20)
    return NULL;

  memcpy (&magic, data, sizeof magic);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return NULL;

  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);
  if ((guint64) originals + (guint64) n * 8 > size ||
      (guint64) translations + (guint64) n * 8 > size)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (i = 0; i < n; i++)
    {
      guint32 key_len = read_u32 (data, originals + 8 * (gsize) i, swap);
      guint32 key_off = read_u32 (data, originals + 8 * (gsize) i + 4, swap);
      guint32 value_len = read_u32 (data, translations + 8 * (gsize) i, swap);
      guint32 value_off = read_u32 (data, translations + 8 * (gsize) i + 4, swap);
      const char *key, *value;

      if ((guint64) key_off + key_len >= size || (guint64) value_off + value_len >= size)
        continue;
      key = (const char *) data + key_off;
      value = (const char *) data + value_off;
      /* Plural entries hold several NUL-separated strings: the first of each is enough
       * for the lookups made here, and strnlen stops there. */
      key_len = strnlen (key, key_len);
      value_len = strnlen (value, value_len);
      if (key_len == 0 || value_len == 0 ||
          !g_utf8_validate (key, key_len, NULL) || !g_utf8_validate (value, value_len, NULL))
        continue;
      g_hash_table_insert (table, g_strndup (key, key_len), g_strndup (value, value_len));
    }

  return g_steal_pointer (&table);
}

/* The printf conversions of a format, in order ("%s%u" → "su"), to check that a
 * translation takes the same arguments as its msgid. */
static char *
format_conversions (const char *format)
{
  GString *out = g_string_new (NULL);
  const char *p;

  for (p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      p++;
      if (*p == '%')
        continue;
      while (*p != '\0' && strchr ("0123456789.-+ #'lhzjt$", *p) != NULL)
        p++;
      if (*p == '\0')
        break;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
find_localedir (void)
{
  const char *env;
  const char *bound;

  if (catalogue_localedir != NULL)
    return g_strdup (catalogue_localedir);
  env = g_getenv ("SSA_DESK_LOCALEDIR");
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  /* bindtextdomain() with NULL only reports the folder the program bound, if any. */
  bound = bindtextdomain (GETTEXT_PACKAGE, NULL);
  if (bound != NULL && bound[0] != '\0')
    return g_strdup (bound);
  return g_strdup (LOCALEDIR);
}

static char *
catalogue_path (void)
{
  g_autofree char *dir = find_localedir ();

  return g_build_filename (dir, "nb", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
}

/* Called with the lock held. */
static void
ensure_catalogue (void)
{
  guint i;

  if (catalogue_loaded)
    return;
  catalogue_loaded = TRUE;

  {
    g_autofree char *path = catalogue_path ();

    catalogue = read_mo_file (path);
  }

  for (i = 0; i < SSA_N_DOC_STRINGS; i++)
    {
      g_autofree char *key = NULL;
      const char *translated;

      bokmal[i] = doc_strings[i].bokmal;
      if (catalogue == NULL)
        continue;

      key = g_strconcat (SSA_DOC_STRINGS_CONTEXT, "\004", doc_strings[i].english, NULL);
      translated = g_hash_table_lookup (catalogue, key);
      if (translated != NULL)
        {
          g_autofree char *want = format_conversions (doc_strings[i].english);
          g_autofree char *have = format_conversions (translated);

          if (g_str_equal (want, have))
            bokmal[i] = translated;
        }
    }
}

/**
 * ssa_doc_string:
 * @lang: the document's language
 * @id: which string
 *
 * Returns: (transfer none): the string in @lang; it stays valid for the life of the
 *   process (until ssa_doc_strings_set_localedir() is called again).
 */
const char *
ssa_doc_string (SsaLang      lang,
                SsaDocString id)
{
  const char *result;

  g_return_val_if_fail (id < SSA_N_DOC_STRINGS, "");

  if (lang != SSA_LANG_NB)
    return doc_strings[id].english;

  G_LOCK (catalogue);
  ensure_catalogue ();
  result = bokmal[id];
  G_UNLOCK (catalogue);

  return result;
}

/**
 * ssa_doc_string_printf:
 * @lang: the document's language
 * @id: a string with printf directives
 * @...: the arguments its English msgid takes
 *
 * Formats a document string. The format is not a literal, so the compiler cannot check
 * the arguments: they must be those of the msgid, and a translation whose directives
 * differ from its msgid's is never used (see ensure_catalogue()).
 *
 * Returns: (transfer full): the formatted string
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
char *
ssa_doc_string_printf (SsaLang      lang,
                       SsaDocString id,
                       ...)
{
  va_list args;
  char *result;

  va_start (args, id);
  result = g_strdup_vprintf (ssa_doc_string (lang, id), args);
  va_end (args);
  return result;
}
#pragma GCC diagnostic pop

/**
 * ssa_doc_string_kind:
 * @lang: the document's language
 * @kind: a product kind
 *
 * Returns: (transfer none): the kind's name for a document in @lang.
 */
const char *
ssa_doc_string_kind (SsaLang lang,
                     SsaKind kind)
{
  g_return_val_if_fail (kind < SSA_N_KINDS, "");

  return ssa_doc_string (lang, SSA_DOC_KIND_SWITCHBOARD + (SsaDocString) kind);
}

/**
 * ssa_doc_string_english:
 * @id: which string
 *
 * Returns: (transfer none): the msgid of the string.
 */
const char *
ssa_doc_string_english (SsaDocString id)
{
  g_return_val_if_fail (id < SSA_N_DOC_STRINGS, "");

  return doc_strings[id].english;
}

/**
 * ssa_doc_string_builtin:
 * @lang: a language
 * @id: which string
 *
 * Returns: (transfer none): the string as built into the program, without looking at a
 *   catalogue. For tests and for generating the catalogue's entries.
 */
const char *
ssa_doc_string_builtin (SsaLang      lang,
                        SsaDocString id)
{
  g_return_val_if_fail (id < SSA_N_DOC_STRINGS, "");

  return lang == SSA_LANG_NB ? doc_strings[id].bokmal : doc_strings[id].english;
}

/**
 * ssa_doc_strings_set_localedir:
 * @localedir: (nullable): the folder holding nb/LC_MESSAGES/ssa-desk.mo, or %NULL to go
 *   back to the default search
 *
 * Makes the next lookup read the catalogue again, from @localedir. For tests and for
 * programs that run from a build tree; call it before documents are being written on
 * other threads, as the strings returned before become invalid.
 */
void
ssa_doc_strings_set_localedir (const char *localedir)
{
  G_LOCK (catalogue);
  g_clear_pointer (&catalogue_localedir, g_free);
  catalogue_localedir = g_strdup (localedir);
  g_clear_pointer (&catalogue, g_hash_table_unref);
  catalogue_loaded = FALSE;
  G_UNLOCK (catalogue);
}

/**
 * ssa_doc_strings_dup_catalogue_path:
 *
 * Returns: (transfer full): the path of the Bokmål catalogue the document strings are (or
 *   would be) read from, for diagnostics.
 */
char *
ssa_doc_strings_dup_catalogue_path (void)
{
  char *path;

  G_LOCK (catalogue);
  path = catalogue_path ();
  G_UNLOCK (catalogue);
  return path;
}
