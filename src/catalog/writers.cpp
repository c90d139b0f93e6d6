// Writers: MARCXML, ISO 2709, oai_dc, OAI-PMH ListRecords, OAI Static Repository, CSV.
#include <ostream>

#include "guidegraph/catalog.hpp"
#include "guidegraph/ns.hpp"
#include "guidegraph/text.hpp"

namespace guidegraph::catalog {
namespace {

constexpr const char* kMarcNs = "http://www.loc.gov/MARC21/slim";
constexpr const char* kMarcSchema = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd";
constexpr const char* kOaiNs = "http://www.openarchives.org/OAI/2.0/";
constexpr const char* kOaiSchema = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
constexpr const char* kOaiDcNs = "http://www.openarchives.org/OAI/2.0/oai_dc/";
constexpr const char* kOaiDcSchema = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
constexpr const char* kDcNs = ns::dc;
constexpr const char* kXsiNs = ns::xsi;
constexpr const char* kStaticNs = "http://www.openarchives.org/OAI/2.0/static-repository";
constexpr const char* kStaticSchema = "http://www.openarchives.org/OAI/2.0/static-repository.xsd";
// The container of a bare oai_dc export (several oai_dc:dc records in one document).
constexpr const char* kCollectionNs = "https://w3id.org/guidegraph/vocab#";

// Escaped for XML text and attributes; only characters XML 1.0 allows (text::portableText:
// others become U+FFFD, control characters are dropped), whatever path the text came by.
std::string xmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : text::portableText(s)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\r':  // a parser would read it as a newline: dropped, as it always was
        break;
      default:
        out += c;
    }
  }
  return out;
}

void element(std::ostream& out, int indent, const std::string& name, std::string_view value) {
  out << std::string(indent, ' ') << '<' << name << '>' << xmlEscape(value) << "</" << name
      << ">\n";
}

// The MARC records that ISO 2709 can carry, so that every MARC output has the same records.
std::vector<std::pair<MarcRecord, std::string>> marcRecords(const Catalog& catalog,
                                                            Diagnostics& diags) {
  std::vector<std::pair<MarcRecord, std::string>> out;
  for (const auto& source : catalog.records) {
    MarcRecord record = buildMarcRecord(source, catalog);
    std::string error;
    auto bytes = toIso2709(record, error);
    if (!bytes) {
      diags.add(Severity::Error, source.pos, "marc-too-long",
                "source '" + source.name + "' is left out of the MARC records: " + error);
      continue;
    }
    // The leader as ISO 2709 wrote it (length and base address), so MARCXML says the same.
    record.leader = bytes->substr(0, 24);
    out.emplace_back(std::move(record), std::move(*bytes));
  }
  return out;
}

void writeMarcXml(const Catalog& catalog, std::ostream& out, Diagnostics& diags) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<collection xmlns=\"" << kMarcNs << "\" xmlns:xsi=\"" << kXsiNs
      << "\" xsi:schemaLocation=\"" << kMarcNs << ' ' << kMarcSchema << "\">\n";
  for (const auto& [record, bytes] : marcRecords(catalog, diags)) {
    out << "  <record type=\"Bibliographic\">\n";
    element(out, 4, "leader", record.leader);
    for (const MarcField& f : record.fields) {
      if (f.isControl()) {
        out << "    <controlfield tag=\"" << f.tag << "\">" << xmlEscape(f.data)
            << "</controlfield>\n";
        continue;
      }
      out << "    <datafield tag=\"" << f.tag << "\" ind1=\"" << f.ind1 << "\" ind2=\"" << f.ind2
          << "\">\n";
      for (const auto& s : f.subfields) {
        out << "      <subfield code=\"" << s.code << "\">" << xmlEscape(s.value)
            << "</subfield>\n";
      }
      out << "    </datafield>\n";
    }
    out << "  </record>\n";
  }
  out << "</collection>\n";
}

void writeIso(const Catalog& catalog, std::ostream& out, Diagnostics& diags) {
  for (const auto& [record, bytes] : marcRecords(catalog, diags)) out << bytes;
}

// "oai:guides.example.org:sources/sources/24_kg"
std::string oaiIdentifier(const Catalog& catalog, const SourceRecord& source) {
  std::string host = catalog.baseUrl;
  if (const auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of("/:"));
  return "oai:" + host + ":" + source.pagePath;
}

void writeDc(const SourceRecord& source, std::ostream& out, int indent, bool declareXsi) {
  const std::string pad(indent, ' ');
  out << pad << "<oai_dc:dc xmlns:oai_dc=\"" << kOaiDcNs << "\" xmlns:dc=\"" << kDcNs << "\"";
  if (declareXsi) out << " xmlns:xsi=\"" << kXsiNs << "\"";
  out << " xsi:schemaLocation=\"" << kOaiDcNs << ' ' << kOaiDcSchema << "\">\n";
  const int in = indent + 2;
  element(out, in, "dc:title", source.name);
  for (const auto& alt : source.alternateNames) element(out, in, "dc:title", alt);
  for (const auto& c : source.categories) element(out, in, "dc:subject", c.label);
  if (!source.description.empty()) element(out, in, "dc:description", source.description);
  for (const auto& c : source.contributors) element(out, in, "dc:contributor", c);
  element(out, in, "dc:type", "Text");
  element(out, in, "dc:format", "text/html");
  if (!source.website.empty()) element(out, in, "dc:identifier", source.website);
  for (const auto& l : source.languages) element(out, in, "dc:language", l);
  element(out, in, "dc:relation", source.page);
  for (const auto& c : source.countries) {
    element(out, in, "dc:coverage", c.authority ? std::string(c.authority->name) : c.name);
  }
  out << pad << "</oai_dc:dc>\n";
}

void writeOaiDc(const Catalog& catalog, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<records xmlns=\"" << kCollectionNs << "\" xmlns:xsi=\"" << kXsiNs << "\">\n";
  for (const auto& source : catalog.records) writeDc(source, out, 2, false);
  out << "</records>\n";
}

void writeOaiRecord(const Catalog& catalog, const SourceRecord& source, std::ostream& out,
                    const std::string& prefix, int indent) {
  const std::string pad(indent, ' ');
  out << pad << '<' << prefix << "record>\n" << pad << "  <" << prefix << "header>\n";
  element(out, indent + 4, prefix + "identifier", oaiIdentifier(catalog, source));
  element(out, indent + 4, prefix + "datestamp", source.date);
  out << pad << "  </" << prefix << "header>\n" << pad << "  <" << prefix << "metadata>\n";
  writeDc(source, out, indent + 4, false);
  out << pad << "  </" << prefix << "metadata>\n" << pad << "</" << prefix << "record>\n";
}

void writeOaiPmh(const Catalog& catalog, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<OAI-PMH xmlns=\"" << kOaiNs << "\" xmlns:xsi=\"" << kXsiNs << "\" xsi:schemaLocation=\""
      << kOaiNs << ' ' << kOaiSchema << "\">\n";
  element(out, 2, "responseDate", catalog.responseDate);
  out << "  <request verb=\"ListRecords\" metadataPrefix=\"oai_dc\">"
      << xmlEscape(catalog.oaiBaseUrl) << "</request>\n";
  if (catalog.records.empty()) {
    out << "  <error code=\"noRecordsMatch\">the site has no sources</error>\n";
  } else {
    out << "  <ListRecords>\n";
    for (const auto& source : catalog.records) writeOaiRecord(catalog, source, out, "", 4);
    out << "  </ListRecords>\n";
  }
  out << "</OAI-PMH>\n";
}

void writeOaiStatic(const Catalog& catalog, std::ostream& out) {
  std::string earliest = catalog.newestDate;
  for (const auto& s : catalog.records) earliest = std::min(earliest, s.date);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<Repository xmlns=\"" << kStaticNs << "\" xmlns:oai=\"" << kOaiNs << "\" xmlns:xsi=\""
      << kXsiNs << "\" xsi:schemaLocation=\"" << kStaticNs << ' ' << kStaticSchema << ' ' << kOaiNs
      << ' ' << kOaiSchema << "\">\n"
      << "  <Identify>\n";
  element(out, 4, "oai:repositoryName",
          catalog.siteTitle.empty() ? catalog.baseUrl : catalog.siteTitle);
  element(out, 4, "oai:baseURL", catalog.staticBaseUrl);
  element(out, 4, "oai:protocolVersion", "2.0");
  element(out, 4, "oai:adminEmail", catalog.adminEmail);
  element(out, 4, "oai:earliestDatestamp", earliest);
  element(out, 4, "oai:deletedRecord", "no");
  element(out, 4, "oai:granularity", "YYYY-MM-DD");
  out << "  </Identify>\n"
      << "  <ListMetadataFormats>\n"
      << "    <oai:metadataFormat>\n";
  element(out, 6, "oai:metadataPrefix", "oai_dc");
  element(out, 6, "oai:schema", kOaiDcSchema);
  element(out, 6, "oai:metadataNamespace", kOaiDcNs);
  out << "    </oai:metadataFormat>\n"
      << "  </ListMetadataFormats>\n"
      << "  <ListRecords metadataPrefix=\"oai_dc\">\n";
  for (const auto& source : catalog.records) writeOaiRecord(catalog, source, out, "oai:", 4);
  out << "  </ListRecords>\n"
      << "</Repository>\n";
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (v.empty()) continue;
    if (!out.empty()) out += "; ";
    out += v;
  }
  return out;
}

void writeCsv(const Catalog& catalog, std::ostream& out) {
  out << "name,url,description,categories,countries,languages\r\n";
  for (const auto& s : catalog.records) {
    std::vector<std::string> categories, countries, languages;
    for (const auto& c : s.categories) categories.push_back(c.label);
    for (const auto& c : s.countries)
      countries.push_back(c.authority ? std::string(c.authority->name) : c.name);
    for (const auto& l : s.languages) {
      const auto code = marcLanguageCode(l);
      const std::string_view name = code ? marcLanguageName(*code) : std::string_view();
      languages.emplace_back(name.empty() ? std::string_view(l) : name);
    }
    const bool raw = catalog.csvRaw;
    out << csvTextField(s.name, raw) << ',' << csvField(s.website) << ','
        << csvTextField(s.description, raw) << ',' << csvTextField(joined(categories), raw) << ','
        << csvTextField(joined(countries), raw) << ',' << csvTextField(joined(languages), raw)
        << "\r\n";
  }
}

}  // namespace

std::optional<CatalogFormat> parseCatalogFormat(std::string_view name) {
  if (name == "marcxml" || name == "xml") return CatalogFormat::MarcXml;
  if (name == "mrc" || name == "marc" || name == "iso2709") return CatalogFormat::Iso2709;
  if (name == "oai_dc" || name == "dc") return CatalogFormat::OaiDc;
  if (name == "oai-pmh") return CatalogFormat::OaiPmh;
  if (name == "oai-static") return CatalogFormat::OaiStatic;
  if (name == "csv") return CatalogFormat::Csv;
  return std::nullopt;
}

std::string csvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csvTextField(std::string_view value, bool raw) {
  if (!raw && !value.empty() &&
      std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos) {
    return csvField("'" + std::string(value));
  }
  return csvField(value);
}

std::string writeCatalog(const Catalog& catalog, CatalogFormat format, std::ostream& out,
                         Diagnostics& diags) {
  switch (format) {
    case CatalogFormat::MarcXml:
      writeMarcXml(catalog, out, diags);
      break;
    case CatalogFormat::Iso2709:
      writeIso(catalog, out, diags);
      break;
    case CatalogFormat::OaiDc:
      writeOaiDc(catalog, out);
      break;
    case CatalogFormat::OaiPmh:
      writeOaiPmh(catalog, out);
      break;
    case CatalogFormat::OaiStatic:
      writeOaiStatic(catalog, out);
      break;
    case CatalogFormat::Csv:
      writeCsv(catalog, out);
      break;
  }
  out.flush();
  return out ? std::string() : std::string("cannot write the catalog");
}

}  // namespace guidegraph::catalog
