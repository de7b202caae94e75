// The field lists of the plain data types (arkiv/record.h) that leave a
// process: to the index, in each record's stored data (codec/record.h),
// and from the extraction helper to the indexer, on its wire
// (extract/wire.h). Both encodings walk these lists, so a field added here
// is stored and sent, and a field stored under one name is sent under the
// same one.
//
// for_each_field(value, f) calls f(key, member) once per field, in a fixed
// order; `value` may be const or not, so one list serves both the encoder
// and the decoder.
//
// The keys are on disk (every record's JSON data since schema 1):
// DO NOT RENAME OR REUSE A KEY. Add new fields at the end of a list; a
// reader meets records written before the field existed, so a missing key
// must decode to the member's default.
#pragma once

#include <concepts>
#include <type_traits>

#include "arkiv/record.h"

namespace arkiv::codec {

template <class T, class U>
concept Plain = std::same_as<std::remove_const_t<T>, U>;

template <Plain<SourceFile> S, class F>
void for_each_field(S& s, F&& f) {
  f("id", s.id);
  f("path", s.path);
  f("abspath", s.abspath);
  f("size", s.size);
  f("mtime", s.mtime);
  f("sha256", s.sha256);
  f("parent_id", s.parent_id);
  f("container_id", s.container_id);
  f("member", s.member);
}

template <Plain<Metadata> M, class F>
void for_each_field(M& m, F&& f) {
  f("title", m.title);
  f("author", m.author);
  f("subject", m.subject);
  f("keywords", m.keywords);
  f("creator", m.creator);
  f("producer", m.producer);
  f("created", m.created);
  f("modified", m.modified);
  f("recipients", m.recipients);
}

template <Plain<Diagnostic> D, class F>
void for_each_field(D& d, F&& f) {
  f("kind", d.kind);
  f("detail", d.detail);
  f("page", d.page);
  f("transient", d.transient);  // since schema 7; absent: permanent
}

template <Plain<Page> P, class F>
void for_each_field(P& p, F&& f) {
  f("number", p.number);
  f("text", p.text);
  f("source", p.source);          // since OCR (issue 24); absent: text
  f("confidence", p.confidence);  // since OCR (issue 24); absent: 0
}

// An extracted document as the helper sends it. `children` recurses.
template <Plain<ExtractedDoc> E, class F>
void for_each_field(E& e, F&& f) {
  f("source", e.source);
  f("format", e.format);
  f("extractor", e.extractor);
  f("meta", e.meta);
  f("page_count", e.page_count);
  f("pages", e.pages);
  f("diagnostics", e.diagnostics);
  f("children", e.children);
}

// True for the types above: an encoder recurses into them.
template <class T>
concept HasFields = requires(T& t) { for_each_field(t, [](const char*, auto&) {}); };

}  // namespace arkiv::codec
