// Micro-benchmarks of the per-page and per-triple work of an export: parsing one page of
// each front matter format, sorting the triples of the RDF view, writing Turtle and N-Quads,
// and percent-encoding IRIs. Run: build-bench/bench/guidegraph-microbench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <ostream>
#include <random>
#include <streambuf>
#include <string>

#include "guidegraph/fragment.hpp"
#include "guidegraph/rdf.hpp"
#include "guidegraph/serialize.hpp"
#include "guidegraph/text.hpp"

namespace {

using namespace guidegraph;

const std::string kYamlPage = R"(---
title: "Open Voice of Kazakhstan 17"
website: "https://www.open-voice-kazakhstan-17.example.ka/"
countries: ["Kazakhstan"]
categories: ["independent-media", "media"]
languages: ["kk", "ru", "en"]
description: "An independent media source on Kazakhstan: the voice publishes reports, data and news about Astana and Almaty."
tags: ["news", "media freedom"]
contributor: ["Ryan Womack"]
alternateName: ["Открытый голос Казахстан"]
wikidata: "Q123456"
---

Open Voice of Kazakhstan 17 works across the country. See also [the guide](/guides/kazakhstan-1/).
)";

const std::string kTomlPage = R"(+++
title = "Open Voice of Kazakhstan 17"
website = "https://www.open-voice-kazakhstan-17.example.ka/"
countries = ["Kazakhstan"]
categories = ["independent-media", "media"]
languages = ["kk", "ru", "en"]
description = "An independent media source on Kazakhstan: the voice publishes reports, data and news about Astana and Almaty."
tags = ["news", "media freedom"]
contributor = ["Ryan Womack"]
alternateName = ["Открытый голос Казахстан"]
+++
)";

const std::string kJsonPage = R"({
  "title": "Open Voice of Kazakhstan 17",
  "website": "https://www.open-voice-kazakhstan-17.example.ka/",
  "countries": ["Kazakhstan"],
  "categories": ["independent-media", "media"],
  "languages": ["kk", "ru", "en"],
  "description": "An independent media source on Kazakhstan: the voice publishes reports, data and news about Astana and Almaty.",
  "tags": ["news", "media freedom"],
  "contributor": ["Ryan Womack"],
  "alternateName": ["Открытый голос Казахстан"]
}
)";

void BM_ParsePage(benchmark::State& state, const std::string& text) {
  for (auto _ : state) {
    PageFragment f = parsePage("content/sources/sources/open_voice_kazakhstan_17.md", text, {});
    benchmark::DoNotOptimize(f);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_ParsePage, yaml, kYamlPage);
BENCHMARK_CAPTURE(BM_ParsePage, toml, kTomlPage);
BENCHMARK_CAPTURE(BM_ParsePage, json, kJsonPage);

// Triples shaped like those of a source page: one subject per page, ten predicates.
rdf::Dataset syntheticDataset(std::size_t pages) {
  rdf::Dataset ds;
  ds.prefixes = {{"schema", ns::schema}, {"gg", ns::gg}};
  const std::string base = "https://guides.example.org/sources/sources/source_";
  for (std::size_t i = 0; i < pages; ++i) {
    const std::string page = base + std::to_string(i) + "/";
    const SourcePos pos{"content/sources/sources/source_" + std::to_string(i) + ".md", 2, 1};
    for (int p = 0; p < 10; ++p) {
      ds.triples.push_back(rdf::Triple{
          rdf::Term::iri(page + "#id"),
          rdf::Term::iri(std::string(ns::schema) + "p" + std::to_string(p)),
          rdf::Term::literal("value " + std::to_string(i * 10 + static_cast<std::size_t>(p))), page,
          pos});
    }
  }
  std::shuffle(ds.triples.begin(), ds.triples.end(), std::mt19937(7));
  return ds;
}

void BM_Normalize(benchmark::State& state) {
  const rdf::Dataset shuffled = syntheticDataset(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    rdf::Dataset ds = shuffled;
    state.ResumeTiming();
    ds.normalize();
    benchmark::DoNotOptimize(ds);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * shuffled.triples.size()));
}
BENCHMARK(BM_Normalize)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

class NullBuffer : public std::streambuf {
 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
  int overflow(int c) override { return c; }
};

void BM_Write(benchmark::State& state, serialize::RdfFormat format) {
  rdf::Dataset ds = syntheticDataset(static_cast<std::size_t>(state.range(0)));
  ds.normalize();
  NullBuffer null;
  std::ostream out(&null);
  for (auto _ : state) {
    const std::string error = serialize::writeRdf(ds, format, out);
    benchmark::DoNotOptimize(error);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * ds.triples.size()));
}
BENCHMARK_CAPTURE(BM_Write, turtle, serialize::RdfFormat::Turtle)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Write, nquads, serialize::RdfFormat::NQuads)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

void BM_EncodeIri(benchmark::State& state) {
  const std::string iri = "https://guides.example.org/sources/sources/open_voice_kazakhstan_17/#id";
  for (auto _ : state) benchmark::DoNotOptimize(text::encodeIri(iri));
}
BENCHMARK(BM_EncodeIri);

}  // namespace

BENCHMARK_MAIN();
