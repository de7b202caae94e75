// What arkiv stores in a Xapian database: term prefixes, value slots and
// metadata keys, in one table. Everything here is on disk; the bytes in
// the slots and the record data are written and read by codec/record.h,
// the one place that knows their layout (as LevelDB's db/dbformat.h).
// DO NOT CHANGE existing values: old indexes would silently stop matching.
// Add new ones, and bump kSchemaVersion when the meaning of stored data
// changes. Private to the library (src/): nothing public needs them.
#pragma once

namespace arkiv::schema {

// 1: text, pages, metadata. 2: analysis (record date and type, dates,
// diarienummer, references). 3: text per page in its own value slot, hit
// summary in kSlotHit. 4: actors (kPrefixActor, kPrefixActorForm,
// kSlotActors); attachments (formats besides PDF, members of files, the
// attachment prefixes). 5: the Swedish analysis (TextAnalysis::kSwedish):
// stems with positions, compound parts, folded forms, CJK n-grams; the
// analysis named in kMetaAnalysis and in each record's state. 6: the record
// data's actor mentions grouped by actor and its dates as rows
// (codec/mentions.h; readers accept 5's layout too). 7: PDF pages in
// reading order with line-end hyphens decided by the lexicon; titles,
// record dates and types of authorities and courts; attachments as their
// own kind (XTYPEbilaga kept for the role), bilagor printed as pages,
// link keys, embedded files by their own names; scans as records. 8:
// personal identity numbers (kPrefixPersonalNumber, kPrefixPersonalData,
// the record data's "personal_data"): a record of 7 was never looked at
// for them, so it is read again rather than taken as holding none. Records
// of an older version are extracted again by the next `arkiv index` run,
// as if their file had changed.
// Not a new version: names escaped in the JSON (escape_name(), the key
// "names" in codec/record.h). A record without the key reads as before;
// only one whose file's name is not UTF-8 lost bytes to U+FFFD, and that
// file alone is read again (codec::names_exact()), not a whole archive.
inline constexpr int kSchemaVersion = 8;

// Term prefixes (Omega conventions for the standard ones, X... for ours).
inline constexpr const char* kPrefixId = "Q";           // unique record id (boolean)
// The id prefix alone, a term no record has (an id is 32 hex digits): what
// a query names in place of a filter known to admit no record, so that
// Xapian skips its postings and the query keeps its other terms.
inline constexpr const char* kTermInNoRecord = "Q";
inline constexpr const char* kPrefixTitle = "S";        // title words (free text, "title:")
inline constexpr const char* kPrefixPath = "XPATH";     // path words (free text, "path:")
inline constexpr const char* kPrefixStatus = "XSTATUS"; // "ok" or a diag key (boolean)
inline constexpr const char* kPrefixFormat = "XFORMAT"; // "pdf" (boolean)
inline constexpr const char* kPrefixType = "XTYPE";     // record type, "avtal" (boolean, "typ:")
inline constexpr const char* kPrefixYear = "XYEAR";     // year of the record date (boolean, "år:")
inline constexpr const char* kPrefixCase = "XDNR";      // diarienummer, "KS 2015/456" (boolean, "dnr:")
// A diarienummer scoped by the record's organisation (AnalyzedDoc::
// organisation): "<actor id>:<normalized>", "XDNOgavle-kommun:KS 2020/123".
// Boolean; `cases` counts a number per organisation by these terms.
inline constexpr const char* kPrefixCaseOrg = "XDNO";
inline constexpr const char* kPrefixRef = "XREF";       // reference, "skr. 2019/20:18" (boolean, "ref:")
// Attachments. A file inside another (embedded, attached, archived) has
// XPARENT<parent id> and XCONTAINER<id of the file on disk>; every record
// has XFOLDER<record_id of its folder on disk>, its own number as
// XBILNR<n> ("Bilaga 2 ...") and the numbers it refers to as XBILREF<n>;
// XROLE is "bilaga" for attachments, "huvud" for the rest ("i:bilagor").
inline constexpr const char* kPrefixParent = "XPARENT";
inline constexpr const char* kPrefixContainer = "XCONTAINER";
inline constexpr const char* kPrefixFolder = "XFOLDER";
inline constexpr const char* kPrefixAttachmentNo = "XBILNR";
inline constexpr const char* kPrefixAttachmentRef = "XBILREF";
inline constexpr const char* kPrefixRole = "XROLE";
// E-mail header words: "från:" (from:) and "till:" (to:), free text.
inline constexpr const char* kPrefixFrom = "XFROM";
inline constexpr const char* kPrefixTo = "XTO";
// Actor id, "gavle-kommun", with a position at each mention (the position
// of the mention's first word), wdf = mentions: "aktör:" weighs it like a
// word and a hit cites the pages of its mentions.
inline constexpr const char* kPrefixActor = "XACTOR";
// slug() of each form an actor took in the record ("fpx"), boolean: lets
// `aktör:FPX` find an acronym a record defined for a body the gazetteer
// does not know.
inline constexpr const char* kPrefixActorForm = "XAFORM";
// An acronym's key (analyze::acronym_key(), "pul"), with a position at each
// place the record names it or its long form (AnalyzedDoc::acronyms), wdf
// = those places: the acronym expansion's "akronym:" finds a record that
// only writes "personuppgiftslagen" for `PUL`, and the hit cites the page.
// Added without a new schema version: the shared list's digest is part of
// the analysis stamp (actors::gazetteer_version()), so every record of an
// older arkiv is analysed again and gets these terms.
inline constexpr const char* kPrefixAcronym = "XACRONYM";
// An acronym a record defines, with its long form: "XACRDEFnoat:name of a
// thing" (key, ':', the long form in lower case on one line; boolean). A
// search for an acronym no list has reads the long forms records gave it
// and finds the records that only write one of those out.
inline constexpr const char* kPrefixAcronymDefinition = "XACRDEF";
// Personal identity numbers (arkiv/personal_data.h), boolean: one term per
// number in the record, normalized ("XPNR198112189876", whatever form the
// text wrote it in: "pnr:"), and one per kind of number it holds
// ("XPDATApersonnummer", personal_number_key(): "personuppgifter:").
inline constexpr const char* kPrefixPersonalNumber = "XPNR";
inline constexpr const char* kPrefixPersonalData = "XPDATA";

// Value slots.
inline constexpr unsigned kSlotAbspath = 0;  // absolute path of a file on disk, for removal scans
                                             // (members have none: they go with their file);
                                             // its bytes as they are, UTF-8 or not
inline constexpr unsigned kSlotMtimeNs = 1;  // mtime, ns since epoch, decimal
inline constexpr unsigned kSlotSize = 2;     // size in bytes, decimal
inline constexpr unsigned kSlotSha256 = 3;   // hex
inline constexpr unsigned kSlotPages = 4;    // page count, Xapian::sortable_serialise
inline constexpr unsigned kSlotDate = 5;     // record date "YYYY-MM-DD" (sorts as text)
inline constexpr unsigned kSlotState = 8;    // codec::State: "<schema>/<gazetteer>+<analysis>\t<status>\t<detail>"
                                             // (+ "\tmay-pass" for a failure that may pass): what
                                             // change detection needs, without parsing the data
// The record's history, compact JSON, oldest first:
// [{"type","at","sha256","before","detail"}] ("type" an event_key(), empty
// fields left out). Carried from the record a re-index replaces to the
// new one (index/indexer.cc); absent in a record written before it was
// kept: no history, which readers take as such (no schema change).
inline constexpr unsigned kSlotEvents = 10;
inline constexpr unsigned kSlotActors = 9;   // the record's actors, compact JSON:
                                             // [{"id","name","type","aliases","mentions"}]
inline constexpr unsigned kSlotHit = 7;      // what a search hit shows, as compact JSON:
                                             // {"id","path","title","date","type","pos",
                                             //  "parent","bilaga","folder","keys"}; "keys":
                                             // analyze::attachment_link_keys() of its name and
                                             // first lines, what ties a bilaga file to its record
// Page n's normalized text is in slot kSlotPageText + n (n >= 1): a hit
// reads only the page its snippet quotes, not a 40-page report.
inline constexpr unsigned kSlotPageText = 100;
inline constexpr unsigned page_slot(int n) { return kSlotPageText + static_cast<unsigned>(n); }


// Database metadata keys.
inline constexpr const char* kMetaSchema = "arkiv:schema";
inline constexpr const char* kMetaLastIndexed = "arkiv:last-indexed";
// The analysis that built the index ("swedish-4/hunspell-sv:...",
// "snowball"); searches analyse queries the same way. Absent: snowball.
inline constexpr const char* kMetaAnalysis = "arkiv:analysis";
// The files and folders `arkiv index` was given, absolute and lexically
// normal, each once and none below another, joined by '\0' (a path may
// hold '\n', never '\0'): what `arkiv audit` checks when it is named no
// path, wherever it runs from. Absent in an index no arkiv since this key
// has written to: the audit then asks for a path.
inline constexpr const char* kMetaSources = "arkiv:sources";
// The problems of the last complete run's walk (a folder that cannot be
// read, a link out of the folder; not a path named that does not exist,
// which is said every run), each as
// "<abspath>\0<diag_key>\0<detail>", joined by '\0': a later run
// reporting the same one counts it as known, not new, so that a nightly
// run does not exit 3 every night for a folder it can never read. Only
// a run over a path replaces what lies at or below it.
inline constexpr const char* kMetaWalkProblems = "arkiv:walk-problems";

// One shard of an archive split over several indexes (`arkiv index
// --shards N --shard K`, issue 26): how many shards (N, decimal), which
// one this index is (K, decimal, 1..N) and the routing rule that chose its
// records (ingest::kShardRule, "folder-fnv1a-1"). Absent in an index that
// is not a shard. Written by the first sharded run into an empty index; a
// later run with another N, K or rule, or without --shards, is refused
// naming both, so two shards never hold the same record.
inline constexpr const char* kMetaShardCount = "arkiv:shard-count";
inline constexpr const char* kMetaShard = "arkiv:shard";
inline constexpr const char* kMetaShardRule = "arkiv:shard-rule";

// The status term value of a searchable record.
inline constexpr const char* kStatusOk = "ok";

}  // namespace arkiv::schema
