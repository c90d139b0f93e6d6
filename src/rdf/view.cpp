#include <algorithm>
#include <future>
#include <span>
#include <string>
#include <unordered_map>

#include "guidegraph/countries.hpp"
#include "guidegraph/languages.hpp"
#include "guidegraph/rdf_read.hpp"
#include "guidegraph/rdf_view.hpp"
#include "guidegraph/text.hpp"
#include "guidegraph/threads.hpp"

namespace guidegraph::rdf {

std::vector<Prefix> standardPrefixes() {
  return {{"dcat", ns::dcat}, {"dcterms", ns::dcterms}, {"foaf", ns::foaf}, {"gg", ns::gg},
          {"owl", ns::owl},   {"rdf", ns::rdf},         {"rdfs", ns::rdfs}, {"schema", ns::schema},
          {"skos", ns::skos}, {"xsd", ns::xsd}};
}

namespace {

// Predicate and class IRIs: a few dozen distinct ones, each interned once per thread
// instead of once per triple. Looked up by the namespace's address, then by the local name
// as a string_view, so a lookup allocates nothing.
Atom iri(const char* ns, std::string_view local) {
  using Locals = std::unordered_map<std::string, Atom, text::StringViewHash, std::equal_to<>>;
  thread_local std::unordered_map<const char*, Locals> cache;
  Locals& locals = cache[ns];
  if (auto it = locals.find(local); it != locals.end()) return it->second;
  return locals.emplace(std::string(local), Atom(std::string(ns) + std::string(local)))
      .first->second;
}

class ViewBuilder {
 public:
  ViewBuilder(const Site& site, Diagnostics& diags) : site_(site), g_(site.graph), diags_(diags) {}

  // Vertices are described in `threads` runs of consecutive vertices at once (0: one per
  // core), each with its own triples and diagnostics, joined in vertex order: the result
  // is the same whatever the number.
  Dataset build(unsigned threads) {
    Dataset ds;
    ds.prefixes = standardPrefixes();
    const Dataset& vocab = vocabulary();
    const std::vector<VertexId>& vertices = g_.sortedVertices();
    // Too few vertices to be worth a thread.
    const std::size_t runs =
        std::clamp<std::size_t>(vertices.size() / 2000, 1, std::min(threadCount(threads), 16U));
    // Each run writes into its own slice of the dataset, as long as its upper bound; the
    // slices are then closed up. One allocation, no copy.
    std::vector<std::span<const VertexId>> spans;
    std::vector<std::size_t> sliceStart{0};
    for (std::size_t k = 0; k < runs; ++k) {
      spans.emplace_back(vertices.data() + vertices.size() * k / runs,
                         vertices.data() + vertices.size() * (k + 1) / runs);
      sliceStart.push_back(sliceStart.back() + upperBound(spans.back()));
    }
    ds.triples.reserve(sliceStart.back() + vocab.triples.size());
    ds.triples.resize(sliceStart.back());
    std::vector<std::size_t> used(runs);
    std::vector<std::vector<Triple>> overflow(runs);
    std::vector<Diagnostics> runDiags(runs);
    const auto describeRun = [&](std::size_t k) {
      ViewBuilder worker(site_, runDiags[k]);
      worker.next_ = ds.triples.data() + sliceStart[k];
      worker.end_ = ds.triples.data() + sliceStart[k + 1];
      worker.overflow_ = &overflow[k];
      for (const VertexId v : spans[k]) worker.describe(v);
      used[k] = static_cast<std::size_t>(worker.next_ - (ds.triples.data() + sliceStart[k]));
    };
    std::vector<std::future<void>> others;
    for (std::size_t k = 1; k < runs; ++k)
      others.push_back(std::async(std::launch::async, describeRun, k));
    describeRun(0);
    for (auto& f : others) f.get();
    std::size_t size = 0;
    for (std::size_t k = 0; k < runs; ++k) {
      std::move(ds.triples.begin() + static_cast<std::ptrdiff_t>(sliceStart[k]),
                ds.triples.begin() + static_cast<std::ptrdiff_t>(sliceStart[k] + used[k]),
                ds.triples.begin() + static_cast<std::ptrdiff_t>(size));
      size += used[k];
      if (!overflow[k].empty()) {
        // Never expected (the bound is an upper bound), but kept in order if it happens.
        ds.triples.insert(ds.triples.begin() + static_cast<std::ptrdiff_t>(size),
                          std::make_move_iterator(overflow[k].begin()),
                          std::make_move_iterator(overflow[k].end()));
        size += overflow[k].size();
        for (std::size_t j = k + 1; j < runs; ++j) sliceStart[j] += overflow[k].size();
      }
      diags_.append(runDiags[k]);
    }
    ds.triples.resize(size);
    ds.triples.insert(ds.triples.end(), vocab.triples.begin(), vocab.triples.end());
    ds.normalize();
    return ds;
  }

 private:
  // At least as many triples as describe() makes (see there), so that the vector is allocated
  // once: growing it by doubling held up to three times the final size at once, the largest
  // part of peak memory. Were it ever too low, the vector would only grow as before.
  // The most triples describe() makes for a vertex of this kind besides its lists and edges.
  static std::size_t maxOwnTriples(VertexKind k) {
    switch (k) {
      case VertexKind::Guide:
        return 9;
      case VertexKind::Section:
        return 3;
      case VertexKind::Recommendation:
        return 4;
      case VertexKind::Source:
        return 9;
      case VertexKind::Category:
      case VertexKind::DataType:
        return 6;
      case VertexKind::Country:
        return 13;
      case VertexKind::Contributor:
        return 4;
      case VertexKind::WebPage:
      case VertexKind::Place:
      case VertexKind::Tag:
        return 2;
    }
    return 16;
  }

  std::size_t upperBound(std::span<const VertexId> vertices) const {
    std::size_t n = 0;
    for (const VertexId v : vertices) {
      const VertexProps& p = g_[v];
      if (p.page.empty()) continue;
      n += maxOwnTriples(p.kind) + p.languages.size() + p.alternateNames.size() +
           2 * p.seeAlso.size();
      for (auto [e, eEnd] = boost::out_edges(v, g_.impl()); e != eEnd; ++e) {
        const EdgeKind k = g_.impl()[*e].kind;
        n += k == EdgeKind::MainEntity || k == EdgeKind::HasSection || k == EdgeKind::TranslationOf
                 ? 2
                 : 1;
      }
    }
    return n;
  }

  // Subjects and graphs are the vertices' own Atoms: nothing is interned again here.
  void add(Atom s, Atom p, Term o, Atom graph, SourcePos pos) {
    Triple t{Term::iri(s), Term::iri(p), std::move(o), graph, std::move(pos)};
    if (next_ != end_) {
      *next_++ = std::move(t);
    } else {
      overflow_->push_back(std::move(t));
    }
  }
  void addType(const VertexProps& v, const char* ns, std::string_view local) {
    add(v.iri, iri(ns::rdf, "type"), Term::iri(iri(ns, local)), v.page, v.pos);
  }
  // Text written on a page carries the page's language.
  static Term text(const VertexProps& v, const std::string& value) {
    return v.lang.empty() ? Term::literal(Atom(value)) : Term::langString(Atom(value), v.lang);
  }
  void addText(const VertexProps& v, Atom p, const Located& value) {
    if (!value.value.empty()) add(v.iri, p, text(v, value.value), v.page, value.pos);
  }
  void addInteger(const VertexProps& v, Atom p, long value, SourcePos pos) {
    add(v.iri, p, Term::typed(std::to_string(value), iri(ns::xsd, "integer")), v.page,
        std::move(pos));
  }
  // `withTime`: the property for the full date-time when the value has a time of day; the
  // date property then gets the day alone (as written, before any time zone), so that dates
  // stay comparable with each other (SHACL cannot order an xsd:date and an xsd:dateTime).
  // Without it a date-time is written as it is. The model holds checked dates only.
  void addDate(const VertexProps& v, Atom p, const CheckedDate& value,
               const Atom* withTime = nullptr) {
    if (value.empty()) return;
    if (!value.hasTime()) {
      add(v.iri, p, Term::typed(value.value(), iri(ns::xsd, "date")), v.page, value.pos());
    } else if (withTime != nullptr) {
      add(v.iri, p, Term::typed(std::string(value.day()), iri(ns::xsd, "date")), v.page,
          value.pos());
      add(v.iri, *withTime, Term::typed(value.value(), iri(ns::xsd, "dateTime")), v.page,
          value.pos());
    } else {
      add(v.iri, p, Term::typed(value.value(), iri(ns::xsd, "dateTime")), v.page, value.pos());
    }
  }

  void edges(VertexId v,
             const std::function<void(EdgeKind, const VertexProps&, const SourcePos&)>& fn) {
    std::vector<std::pair<Atom, boost::graph_traits<GraphImpl>::edge_descriptor>> sorted;
    for (auto [e, end] = boost::out_edges(v, g_.impl()); e != end; ++e) {
      sorted.emplace_back(g_[boost::target(*e, g_.impl())].iri, *e);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, e] : sorted)
      fn(g_.impl()[e].kind, g_[boost::target(e, g_.impl())], g_.impl()[e].pos);
  }

  void linkOut(const VertexProps& v, VertexId id) {
    edges(id, [&](EdgeKind kind, const VertexProps& t, const SourcePos& pos) {
      const auto link = [&](const char* ns, std::string_view local) {
        add(v.iri, iri(ns, local), Term::iri(t.iri), v.page, pos);
      };
      switch (kind) {
        case EdgeKind::HasSection:
          link(ns::gg, "hasSection");
          break;
        case EdgeKind::Recommends:
          link(ns::gg, "recommends");
          break;
        case EdgeKind::HasRecommendation:
          link(ns::gg, "hasRecommendation");
          break;
        case EdgeKind::RecommendedSource:
          link(ns::gg, "source");
          break;
        case EdgeKind::InSection:
          link(ns::gg, "section");
          break;
        case EdgeKind::MentionsPlace:
          link(ns::gg, "mentionsPlace");
          break;
        case EdgeKind::PlaceIn:
          link(ns::schema, "containedInPlace");
          break;
        case EdgeKind::SectionSubject:
          link(ns::dcterms, "subject");
          break;
        case EdgeKind::InCategory:
          link(ns::gg, "category");
          break;
        case EdgeKind::Broader:
          link(ns::skos, "broader");
          break;
        case EdgeKind::Country:
          link(ns::dcterms, "spatial");
          break;
        case EdgeKind::Contributor:
          link(ns::dcterms, v.kind == VertexKind::Guide ? "creator" : "contributor");
          break;
        case EdgeKind::Tag:
          link(ns::gg, "tag");
          break;
        case EdgeKind::References:
          link(ns::dcterms, "references");
          break;
        case EdgeKind::MainEntity:
          link(ns::schema, "mainEntity");
          add(t.iri, iri(ns::schema, "mainEntityOfPage"), Term::iri(v.iri), t.page, pos);
          break;
        case EdgeKind::DataType:
          link(ns::dcterms, "type");
          break;
        case EdgeKind::TranslationOf:
          link(ns::schema, "translationOfWork");
          add(t.iri, iri(ns::schema, "workTranslation"), Term::iri(v.iri), v.page, pos);
          break;
      }
      if (kind == EdgeKind::HasSection) {
        add(t.iri, iri(ns::dcterms, "isPartOf"), Term::iri(v.iri), t.page, pos);
      }
    });
  }

  bool hasOut(VertexId id, EdgeKind kind) const {
    for (auto [e, end] = boost::out_edges(id, g_.impl()); e != end; ++e) {
      if (g_.impl()[*e].kind == kind) return true;
    }
    return false;
  }

  static std::string parentPermalink(const std::string& page) {
    const std::string trimmed = page.substr(0, page.size() - 1);
    return trimmed.substr(0, trimmed.rfind('/') + 1);
  }

  void describe(VertexId id) {
    const VertexProps& v = g_[id];
    if (v.page.empty()) return;  // an external page: only referred to
    switch (v.kind) {
      case VertexKind::Guide:
        describeGuide(v);
        break;
      case VertexKind::Section:
        addType(v, ns::gg, "GuideSection");
        addText(v, iri(ns::dcterms, "title"), v.name);
        addInteger(v, iri(ns::gg, "position"), v.position, v.pos);
        break;
      case VertexKind::Recommendation:
        addType(v, ns::gg, "Recommendation");
        addInteger(v, iri(ns::gg, "position"), v.position, v.pos);
        addText(v, iri(ns::gg, "linkText"), v.linkText);
        addText(v, iri(ns::gg, "note"), v.note);
        break;
      case VertexKind::Source:
        describeSource(v);
        break;
      case VertexKind::WebPage:
        addType(v, ns::schema, "WebPage");
        addText(v, iri(ns::dcterms, "title"), v.name);
        break;
      case VertexKind::Category:
      case VertexKind::DataType:
        describeConcept(id, v);
        break;
      case VertexKind::Country:
        addType(v, ns::schema, "Country");
        addText(v, iri(ns::schema, "name"), v.name);
        addText(v, iri(ns::schema, "description"), v.description);
        addCountryAuthorities(v);
        break;
      case VertexKind::Place:
        addType(v, ns::schema, "Place");
        addText(v, iri(ns::schema, "name"), v.name);
        break;
      case VertexKind::Contributor:
        addType(v, ns::schema, "Person");
        addType(v, ns::foaf, "Person");
        addText(v, iri(ns::schema, "name"), v.name);
        addText(v, iri(ns::schema, "description"), v.description);
        break;
      case VertexKind::Tag:
        addType(v, ns::skos, "Concept");
        addType(v, ns::schema, "DefinedTerm");
        addText(v, iri(ns::skos, "prefLabel"), v.name);
        break;
    }
    linkOut(v, id);
  }

  void describeGuide(const VertexProps& v) {
    addType(v, ns::gg, "Guide");
    addType(v, ns::schema, "WebPage");  // stated, for consumers without a reasoner
    addText(v, iri(ns::dcterms, "title"), v.name);
    if (v.linkTitle.value != v.name.value) addText(v, iri(ns::dcterms, "alternative"), v.linkTitle);
    addText(v, iri(ns::dcterms, "description"), v.description);
    {
      const Atom created = iri(ns::schema, "dateCreated");
      const Atom published = iri(ns::schema, "datePublished");
      const Atom modified = iri(ns::schema, "dateModified");
      addDate(v, iri(ns::dcterms, "created"), v.created, &created);
      addDate(v, iri(ns::dcterms, "issued"), v.issued, &published);
      addDate(v, iri(ns::dcterms, "modified"), v.modified, &modified);
    }
    addWeight(v);
    if (!v.lang.empty())
      add(v.iri, iri(ns::schema, "inLanguage"), Term::literal(v.lang), v.page, v.pos);
  }

  void describeSource(const VertexProps& v) {
    addType(v, ns::gg, "Source");
    for (const SchemaClass* c : v.schemaTypes) addType(v, ns::schema, c->name);
    if (v.schemaTypes.empty()) addType(v, ns::schema, "Thing");
    addText(v, iri(ns::schema, "name"), v.name);
    addText(v, iri(ns::schema, "description"), v.description);
    // Other names are mostly in another language or script than the page ("Закон.кз" on
    // an English page), which the front matter does not say: they carry no tag.
    for (const auto& n : v.alternateNames) {
      if (!n.value.empty())
        add(v.iri, iri(ns::schema, "alternateName"), Term::literal(Atom(n.value)), v.page, n.pos);
    }
    for (const auto& l : v.languages) addLanguage(v, l);
    addWebsite(v);
    addWikidata(v);
    addCoverage(v);
    for (const OutLink& link : v.seeAlso) addSeeAlso(v, link);
  }

  void describeConcept(VertexId id, const VertexProps& v) {
    // A SKOS concept, and for schema.org readers its DefinedTerm in a DefinedTermSet.
    addType(v, ns::skos, "Concept");
    addType(v, ns::schema, "DefinedTerm");
    addText(v, iri(ns::skos, "prefLabel"), v.name);
    addText(v, iri(ns::skos, "definition"), v.description);
    // Every term of the taxonomy is in its scheme, with a content page or without (Hugo
    // makes a term page for each): the scheme is the taxonomy's own page.
    const std::string schemePage = parentPermalink(v.page);
    const std::string scheme = schemePage + "#scheme";
    add(v.iri, iri(ns::skos, "inScheme"), Term::iri(scheme), v.page, v.pos);
    add(v.iri, iri(ns::schema, "inDefinedTermSet"), Term::iri(scheme), v.page, v.pos);
    for (const SchemaClass* c : v.schemaTypes) {
      add(v.iri, iri(ns::gg, "sourceClass"), Term::iri(iri(ns::schema, c->name)), v.page, v.pos);
    }
    if (!hasOut(id, EdgeKind::Broader)) {
      add(v.iri, iri(ns::skos, "topConceptOf"), Term::iri(scheme), v.page, v.pos);
    }
    add(scheme, iri(ns::rdf, "type"), Term::iri(iri(ns::skos, "ConceptScheme")), schemePage, {});
    add(scheme, iri(ns::rdf, "type"), Term::iri(iri(ns::schema, "DefinedTermSet")), schemePage, {});
  }

  void addWeight(const VertexProps& v) {
    if (v.weight.empty()) return;
    addInteger(v, iri(ns::gg, "weight"), std::stol(v.weight.value()), v.weight.pos());
  }

  void addLanguage(const VertexProps& v, const LanguageTag& lang) {
    // dcterms:language for every source; and the schema.org property whose domain the
    // source's classes are in: an organisation knows a language, a work is in one.
    const Term tag = Term::literal(lang.value());
    add(v.iri, iri(ns::dcterms, "language"), tag, v.page, lang.pos());
    const auto any = [&](bool SchemaClass::*flag) {
      return std::any_of(v.schemaTypes.begin(), v.schemaTypes.end(),
                         [&](const SchemaClass* c) { return c->*flag; });
    };
    if (any(&SchemaClass::knowsLanguage))
      add(v.iri, iri(ns::schema, "knowsLanguage"), tag, v.page, lang.pos());
    if (any(&SchemaClass::inLanguage))
      add(v.iri, iri(ns::schema, "inLanguage"), tag, v.page, lang.pos());
  }

  // The years a source's data covers: a dcterms:PeriodOfTime at "<page>#coverage" with
  // dcat:startDate and dcat:endDate as xsd:gYear (either may be absent: "since 2010").
  void addCoverage(const VertexProps& v) {
    const bool start = !v.coverageStart.empty();
    const bool end = !v.coverageEnd.empty();
    if (!start && !end) return;
    const Atom period(v.page.str() + "#coverage");
    add(v.iri, iri(ns::dcterms, "temporal"), Term::iri(period), v.page, v.pos);
    add(period, iri(ns::rdf, "type"), Term::iri(iri(ns::dcterms, "PeriodOfTime")), v.page, v.pos);
    if (start)
      add(period, iri(ns::dcat, "startDate"),
          Term::typed(Atom(v.coverageStart.value()), iri(ns::xsd, "gYear")), v.page,
          v.coverageStart.pos());
    if (end)
      add(period, iri(ns::dcat, "endDate"),
          Term::typed(Atom(v.coverageEnd.value()), iri(ns::xsd, "gYear")), v.page,
          v.coverageEnd.pos());
  }

  // A further link of a source's body: rdfs:seeAlso, and the link's text as the label of
  // the page it leads to (in the source page's graph).
  void addSeeAlso(const VertexProps& v, const OutLink& link) {
    if (link.url.find(' ') != std::string::npos) return;
    const Atom target(text::encodeIri(link.url));
    add(v.iri, iri(ns::rdfs, "seeAlso"), Term::iri(target), v.page, link.pos);
    if (!link.text.empty())
      add(target, iri(ns::rdfs, "label"), text(v, link.text), v.page, link.pos);
  }

  void addWebsite(const VertexProps& v) {
    if (v.website.empty()) return;
    add(v.iri, iri(ns::schema, "url"), Term::iri(text::encodeIri(v.website.value())), v.page,
        v.website.pos());
  }

  void addWikidata(const VertexProps& v) {
    if (v.wikidata.empty()) return;
    add(v.iri, iri(ns::schema, "sameAs"), Term::iri(iri(ns::wd, v.wikidata.value())), v.page,
        v.wikidata.pos());
  }

  void addCountryAuthorities(const VertexProps& v) {
    const CountryRecord* c = findCountry(v.name.value);
    if (!c) {
      diags_.add(Severity::Warning, v.name.pos, "unknown-country",
                 "country '" + v.name.value +
                     "' is not in the ISO 3166 table; use its English short name (e.g. "
                     "'Kazakhstan') or its "
                     "ISO code");
      return;
    }
    const auto code = [&](std::string_view local, std::string_view value) {
      if (!value.empty())
        add(v.iri, iri(ns::gg, local), Term::literal(std::string(value)), v.page, v.name.pos);
    };
    code("iso3166Alpha2", c->alpha2);
    code("iso3166Alpha3", c->alpha3);
    code("iso3166Numeric", c->numeric);
    code("marcCountryCode", c->marc);
    code("m49RegionCode", c->m49RegionCode);
    code("m49SubRegionCode", c->m49SubRegionCode);
    for (const std::string& same :
         {wikidataIri(*c), geonamesIri(*c), locCountryIri(*c), authorityIri(*c)}) {
      if (!same.empty()) add(v.iri, iri(ns::schema, "sameAs"), Term::iri(same), v.page, v.name.pos);
    }
  }

  const Site& site_;
  const KnowledgeGraph& g_;
  Diagnostics& diags_;
  // Where describe() writes: a slice of the dataset, then `overflow_` should it be full.
  Triple* next_ = nullptr;
  Triple* end_ = nullptr;
  std::vector<Triple>* overflow_ = nullptr;
};

}  // namespace

Dataset buildRdfView(const Site& site, Diagnostics& diags, unsigned threads) {
  ViewBuilder builder(site, diags);
  return builder.build(threads);
}

}  // namespace guidegraph::rdf
