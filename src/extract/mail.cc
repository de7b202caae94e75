// E-mail (.eml, RFC 5322 with MIME) through GMime: the headers travel as
// metadata (From -> author, To and Cc -> recipients, Date -> created,
// Subject -> title), which is what search (från:, till:) and analysis (the
// record's date, rule "sent", and its type, e-post) read. The body is the
// text/plain part, else the text/html one as text; every attachment, and
// every attached e-mail, is a child record.
//
// The page text still opens with the headers as a printed e-mail does
// ("Från:", "Till:", "Kopia:", "Datum:", "Ämne:"): `arkiv show --page 1`
// and a snippet show a reader who wrote to whom and when before the body,
// and a plain-word search for a sender's name finds the mail as it does a
// PDF printout of one. Nothing depends on finding them there.
#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "extract/formats.h"
#include "util/time.h"

namespace arkiv::extract {
namespace {

struct GFree {
  void operator()(void* p) const { g_object_unref(p); }
};
template <typename T>
using GPtr = std::unique_ptr<T, GFree>;

// The decoded content of a leaf part.
std::string content(GMimePart* part) {
  GMimeDataWrapper* w = g_mime_part_get_content(part);
  if (!w) return {};
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(w, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

std::string addresses(InternetAddressList* list) {
  if (!list || internet_address_list_length(list) == 0) return {};
  char* s = internet_address_list_to_string(list, nullptr, FALSE);
  std::string out = s ? s : "";
  g_free(s);
  return out;
}

struct Walk {
  ExtractedDoc* doc;
  Budget* budget;
  std::string plain, html;
  int unnamed = 0;
};

void visit(GMimeObject*, GMimeObject* part, gpointer data) {
  Walk& w = *static_cast<Walk*>(data);
  if (GMIME_IS_MESSAGE_PART(part)) {
    // An attached e-mail: a child, serialised back to RFC 5322.
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
    if (!inner) return;
    char* raw = g_mime_object_to_string(GMIME_OBJECT(inner), nullptr);
    const char* subject = g_mime_message_get_subject(inner);
    std::string name = std::string(subject && *subject ? subject : "meddelande") + ".eml";
    add_child(*w.doc, name, raw ? raw : "", *w.budget);
    g_free(raw);
    return;
  }
  if (!GMIME_IS_PART(part)) return;
  GMimePart* leaf = GMIME_PART(part);
  GMimeContentType* type = g_mime_object_get_content_type(part);
  const char* filename = g_mime_part_get_filename(leaf);
  const bool attachment = g_mime_part_is_attachment(leaf) || (filename && *filename);
  if (!attachment && g_mime_content_type_is_type(type, "text", "plain") && w.plain.empty()) {
    const char* cs = g_mime_content_type_get_parameter(type, "charset");
    w.plain = to_utf8(content(leaf), nullptr, cs);
    return;
  }
  if (!attachment && g_mime_content_type_is_type(type, "text", "html") && w.html.empty()) {
    w.html = content(leaf);
    return;
  }
  if (!attachment) return;
  std::string name = filename && *filename ? filename : "bilaga-" + std::to_string(++w.unnamed);
  add_child(*w.doc, name, content(leaf), *w.budget);
}

}  // namespace

void extract_mail(ExtractedDoc& doc, const std::string& data, Budget& budget) {
  static std::once_flag init;
  std::call_once(init, [] { g_mime_init(); });
  doc.format = "eml";
  doc.extractor = "gmime " + std::to_string(gmime_major_version) + "." + std::to_string(gmime_minor_version) + "." +
                  std::to_string(gmime_micro_version);
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(data.data(), data.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GMimeMessage* raw_msg = g_mime_parser_construct_message(parser.get(), nullptr);
  if (!raw_msg) {
    doc.diagnostics.push_back({DiagKind::kCorrupt, "GMime cannot parse the e-mail", 0});
    return;
  }
  GPtr<GMimeMessage> msg(raw_msg);
  const char* subject = g_mime_message_get_subject(msg.get());
  doc.meta.title = subject ? subject : "";
  doc.meta.author = addresses(g_mime_message_get_from(msg.get()));
  std::string to = addresses(g_mime_message_get_to(msg.get()));
  std::string cc = addresses(g_mime_message_get_cc(msg.get()));
  doc.meta.recipients = to + (!to.empty() && !cc.empty() ? ", " : "") + cc;
  std::string date;
  if (GDateTime* dt = g_mime_message_get_date(msg.get())) {
    gchar* iso = g_date_time_format_iso8601(dt);
    if (iso) {
      date = iso;
      doc.meta.created = util::parse_iso8601(date);
    }
    g_free(iso);
  }
  Walk w{&doc, &budget, {}, {}, 0};
  g_mime_message_foreach(msg.get(), visit, &w);
  std::string body = w.plain;
  if (body.empty() && !w.html.empty()) {
    ExtractedDoc as_html;
    extract_html(as_html, w.html);
    for (const auto& p : as_html.pages) body += p.text;
  }
  // For readers only (see the top of this file).
  std::string head;
  if (!doc.meta.author.empty()) head += "Från: " + doc.meta.author + "\n";
  if (!to.empty()) head += "Till: " + to + "\n";
  if (!cc.empty()) head += "Kopia: " + cc + "\n";
  if (!date.empty()) head += "Datum: " + date.substr(0, 10) + "\n";
  if (!doc.meta.title.empty()) head += "Ämne: " + doc.meta.title + "\n";
  doc.pages = pages_of(head + "\n" + body);
  doc.page_count = static_cast<int>(doc.pages.size());
}

}  // namespace arkiv::extract
