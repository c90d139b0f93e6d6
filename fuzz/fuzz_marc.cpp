// MARC writing: a source record with fuzzed fields (names, description, website, languages,
// countries, categories, contributors, ...) through buildMarcRecord, toIso2709 and every
// catalog writer. The date keeps the form buildCatalog guarantees (YYYY-MM-DD, valid month
// and day). Checks that ISO 2709 lengths are consistent with the bytes written.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "guidegraph/catalog.hpp"
#include "guidegraph/countries.hpp"

namespace gc = guidegraph::catalog;

namespace {

std::string str(FuzzedDataProvider& in) { return in.ConsumeRandomLengthString(256); }

std::string date(FuzzedDataProvider& in) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", in.ConsumeIntegralInRange<unsigned>(0, 9999),
                in.ConsumeIntegralInRange<unsigned>(1, 12),
                in.ConsumeIntegralInRange<unsigned>(1, 31));
  return buf;
}

gc::SourceRecord source(FuzzedDataProvider& in) {
  gc::SourceRecord s;
  s.iri = str(in);
  s.page = str(in);
  s.pagePath = str(in);
  s.slug = str(in);
  s.controlNumber = "gg-" + s.slug;
  s.name = str(in);
  s.description = in.ConsumeRandomLengthString(20000);
  s.website = str(in);
  s.wikidata = str(in);
  for (int n = in.ConsumeIntegralInRange(0, 4); n > 0; --n) s.alternateNames.push_back(str(in));
  for (int n = in.ConsumeIntegralInRange(0, 4); n > 0; --n) s.languages.push_back(str(in));
  for (int n = in.ConsumeIntegralInRange(0, 3); n > 0; --n) {
    gc::CountryRef c;
    c.name = str(in);
    c.iri = str(in);
    c.authority = in.ConsumeBool() ? guidegraph::findCountry(c.name) : nullptr;
    s.countries.push_back(std::move(c));
  }
  for (int n = in.ConsumeIntegralInRange(0, 3); n > 0; --n) {
    gc::CategoryRef c;
    c.label = str(in);
    c.iri = str(in);
    c.slug = str(in);
    for (int k = in.ConsumeIntegralInRange(0, 2); k > 0; --k) c.broaderSlugs.push_back(str(in));
    s.categories.push_back(std::move(c));
  }
  for (int n = in.ConsumeIntegralInRange(0, 3); n > 0; --n) s.contributors.push_back(str(in));
  s.date = date(in);
  s.pos = {"content/sources/x.md", 1, 1};
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  gc::Catalog catalog;
  catalog.siteTitle = str(in);
  catalog.baseUrl = "https://guides.example.org/";
  catalog.orgCode = in.ConsumeBool() ? std::string(gc::kDefaultOrgCode) : str(in);
  catalog.oaiBaseUrl = catalog.baseUrl + "oai";
  catalog.adminEmail = str(in);
  catalog.staticBaseUrl = catalog.baseUrl + "oai.xml";
  catalog.newestDate = date(in);
  catalog.responseDate = catalog.newestDate + "T00:00:00Z";
  for (int n = in.ConsumeIntegralInRange(1, 3); n > 0; --n) catalog.records.push_back(source(in));

  for (const auto& s : catalog.records) {
    const gc::MarcRecord record = gc::buildMarcRecord(s, catalog);
    std::string error;
    if (const auto bytes = gc::toIso2709(record, error)) {
      // Leader 00-04 is the record length in bytes; the record ends with 0x1D.
      if (bytes->size() < 24 || std::stoul(bytes->substr(0, 5)) != bytes->size() ||
          bytes->back() != 0x1D)
        __builtin_trap();
    } else if (error.empty()) {
      __builtin_trap();
    }
  }
  for (const auto format :
       {gc::CatalogFormat::MarcXml, gc::CatalogFormat::Iso2709, gc::CatalogFormat::OaiDc,
        gc::CatalogFormat::OaiPmh, gc::CatalogFormat::OaiStatic, gc::CatalogFormat::Csv}) {
    std::ostringstream out;
    guidegraph::Diagnostics diags;
    (void)gc::writeCatalog(catalog, format, out, diags);
  }
  return 0;
}
