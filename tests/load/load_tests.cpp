// Unit tests of the loader's pieces that need no server: hashing, state files, netrc,
// grouping, escaping, error messages, and connection failures against a closed port.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "guidegraph/load.hpp"
#include "http.hpp"

namespace fs = std::filesystem;
using namespace guidegraph;
using namespace guidegraph::load;

namespace {
fs::path freshDir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
rdf::Triple triple(const std::string& s, const std::string& p, rdf::Term o, const std::string& g) {
  return rdf::Triple{rdf::Term::iri(s), rdf::Term::iri(p), std::move(o), g, {}};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(load_hashing)

BOOST_AUTO_TEST_CASE(sha256_matches_the_standard_vectors) {
  BOOST_TEST(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256Hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(sha256Hex(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(graph_hash_ignores_order_duplicates_and_origins) {
  GraphContent a{"https://g/",
                 {triple("https://s", "https://p", rdf::Term::literal("x"), ""),
                  triple("https://s", "https://p", rdf::Term::literal("y"), "")}};
  GraphContent b{"https://g/", {a.triples[1], a.triples[0], a.triples[0]}};
  b.triples[0].origin = SourcePos{"content/x.md", 3, 1};
  BOOST_TEST(graphHash(a) == graphHash(b));
  b.triples[0].object = rdf::Term::literal("z");
  BOOST_TEST(graphHash(a) != graphHash(b));
}

BOOST_AUTO_TEST_CASE(ntriples_escape_quotes_backslashes_and_newlines) {
  const std::string nt =
      ntriplesOf({triple("https://s", "https://p", rdf::Term::literal("say \"hi\"\\\nbye"), "")});
  BOOST_TEST(nt == "<https://s> <https://p> \"say \\\"hi\\\"\\\\\\nbye\" .\n");
}

BOOST_AUTO_TEST_CASE(group_by_graph_splits_and_deduplicates) {
  const std::vector<rdf::Triple> ts = {
      triple("https://s", "https://p", rdf::Term::literal("1"), "https://b/"),
      triple("https://s", "https://p", rdf::Term::literal("1"), "https://a/"),
      triple("https://s", "https://p", rdf::Term::literal("2"), "https://a/")};
  const auto per = groupByGraph(ts, "");
  BOOST_TEST_REQUIRE(per.size() == 2U);
  BOOST_TEST(per[0].graph == "https://a/");
  BOOST_TEST(per[0].triples.size() == 2U);
  BOOST_TEST(per[1].triples.size() == 1U);
  const auto one = groupByGraph(ts, "https://one/");
  BOOST_TEST_REQUIRE(one.size() == 1U);
  BOOST_TEST(one[0].triples.size() == 2U);  // the same triple in two graphs counts once
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_state)

BOOST_AUTO_TEST_CASE(state_round_trips_and_missing_file_is_empty) {
  const fs::path dir = freshDir("gg-load-state");
  LoadState s;
  BOOST_TEST(readLoadState((dir / "none.json").string(), s).empty());
  BOOST_TEST(s.endpoints.empty());
  s.endpoints["http://e/ /site"]["https://g/1"] = "ab";
  s.endpoints["http://e/ /site"]["https://g/2"] = "cd";
  BOOST_TEST(writeLoadState((dir / "s.json").string(), s).empty());
  LoadState back;
  BOOST_TEST(readLoadState((dir / "s.json").string(), back).empty());
  BOOST_TEST(back.endpoints == s.endpoints);
}

// The state file is written as it goes; its layout is nlohmann's own dump(1) of the same
// object, built here with the library as the reference.
BOOST_AUTO_TEST_CASE(state_file_is_laid_out_as_nlohmann_dumps_it) {
  const fs::path dir = freshDir("gg-load-state-layout");
  const auto reference = [](const LoadState& s) {
    nlohmann::ordered_json j;
    j["format"] = "guidegraph-load-state/1";
    j["endpoints"] = nlohmann::ordered_json::object();
    for (const auto& [endpoint, graphs] : s.endpoints) {
      nlohmann::ordered_json g = nlohmann::ordered_json::object();
      for (const auto& [graph, hash] : graphs) g[graph] = hash;
      j["endpoints"][endpoint] = g;
    }
    return j.dump(1) + "\n";
  };
  const auto written = [&](const LoadState& s) {
    BOOST_TEST_REQUIRE(writeLoadState((dir / "s.json").string(), s).empty());
    std::ifstream in(dir / "s.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  LoadState s;
  BOOST_TEST(written(s) == reference(s));
  s.endpoints["http://e/ /empty"];
  BOOST_TEST(written(s) == reference(s));
  s.endpoints["http://e/ /site \"quoted\" \\ caf\u00e9"]["https://g/1"] = "ab";
  s.endpoints["http://e/ /site \"quoted\" \\ caf\u00e9"]["https://g/2?x=\"y\""] = "cd";
  s.endpoints["http://f/ /other"]["https://g/3"] = "ef";
  BOOST_TEST(written(s) == reference(s));
}

BOOST_AUTO_TEST_CASE(malformed_state_is_reported) {
  const fs::path dir = freshDir("gg-load-state-bad");
  std::ofstream(dir / "bad.json") << "{ not json";
  std::ofstream(dir / "other.json") << R"({"format": "something-else"})";
  LoadState s;
  BOOST_TEST(readLoadState((dir / "bad.json").string(), s).find("remove it") != std::string::npos);
  BOOST_TEST(readLoadState((dir / "other.json").string(), s).find("not a guidegraph load state") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_credentials)

BOOST_AUTO_TEST_CASE(netrc_machine_default_and_environment) {
  const fs::path dir = freshDir("gg-load-netrc");
  std::ofstream(dir / "netrc") << "machine other.example login x password nope\n"
                                  "machine 127.0.0.1\n  login dba\n  password s3cret\n"
                                  "macdef init\ncd /pub\n\n"
                                  "default login anon password guest\n";
  const std::string netrc = (dir / "netrc").string();
  unsetenv("GG_TEST_PASSWORD");
  auto c = findCredentials("http://127.0.0.1:8890/sparql-auth", "", "GG_TEST_PASSWORD", netrc);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->user == "dba");
  BOOST_TEST(c->password == "s3cret");
  c = findCredentials("http://user:pw@127.0.0.1/x", "dba", "GG_TEST_PASSWORD", netrc);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->password == "s3cret");
  c = findCredentials("https://elsewhere.example/", "", "GG_TEST_PASSWORD", netrc);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->user == "anon");
  // A user the machine entry does not know falls through to `default` only if it matches.
  BOOST_TEST(
      !findCredentials("http://127.0.0.1/", "someone", "GG_TEST_PASSWORD", netrc).has_value());
  setenv("GG_TEST_PASSWORD", "from-env", 1);
  c = findCredentials("http://127.0.0.1/", "someone", "GG_TEST_PASSWORD", netrc);
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->password == "from-env");
  unsetenv("GG_TEST_PASSWORD");
  BOOST_TEST(!findCredentials("http://127.0.0.1/", "dba", "GG_TEST_PASSWORD", "").has_value());
}

BOOST_AUTO_TEST_CASE(urls_in_messages_lose_their_password) {
  BOOST_TEST(redactUrl("http://dba:secret@host:8890/sparql?x=a@b") ==
             "http://host:8890/sparql?x=a@b");
  BOOST_TEST(redactUrl("http://host/a@b") == "http://host/a@b");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_messages)

BOOST_AUTO_TEST_CASE(virtuoso_html_error_is_reduced_to_its_message) {
  const std::string body =
      "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n  <head>\n    <title>SPARQL "
      "Graph "
      "Protocol request failed</title>\n  </head>\n  <body>\n    <h1>HTTP/1.1 500 Request "
      "Failed</h1>\n    "
      "<h3>Error 22023</h3>\n<xmp>The PUT request for graph <http://g/2> is rejected: the "
      "submitted resource "
      "is of unsupported type text/plain</xmp></body></html>";
  BOOST_TEST(serverMessage(body, "text/html; charset=UTF-8") ==
             "Error 22023: The PUT request for graph <http://g/2> is rejected: the submitted "
             "resource is of "
             "unsupported type text/plain");
  HttpRequest request{"PUT", "http://dba:pw@h/sparql-graph-crud-auth?graph=x", {}, nullptr, true};
  HttpResponse response;
  response.status = 500;
  response.body = body;
  response.contentType = "text/html";
  const std::string m = describeFailure(request, response);
  BOOST_TEST(m.find("HTTP 500 server error") != std::string::npos);
  BOOST_TEST(m.find("unsupported type text/plain") != std::string::npos);
  BOOST_TEST(m.find("pw") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(virtuoso_text_error_drops_the_echoed_query) {
  const std::string body =
      "Virtuoso 37000 Error SP030: SPARQL compiler, line 0: End-of-line in a short double-quoted "
      "string at "
      "'\"q'\n\nSPARQL query:\ndefine sql:big-data-const 0 INSERT DATA { ... }";
  BOOST_TEST(serverMessage(body, "text/plain") ==
             "Virtuoso 37000 Error SP030: SPARQL compiler, line 0: End-of-line in a short "
             "double-quoted string "
             "at '\"q'");
}

BOOST_AUTO_TEST_CASE(each_status_says_what_to_do) {
  HttpRequest request{"PUT", "http://h/x", {}, nullptr, true};
  HttpResponse r;
  for (const auto& [status, advice] :
       std::vector<std::pair<long, std::string>>{{401, "--auth"},
                                                 {403, "write access"},
                                                 {404, "endpoint path"},
                                                 {415, "--send-format"}}) {
    r.status = status;
    BOOST_TEST(describeFailure(request, r).find(advice) != std::string::npos, status);
  }
}

BOOST_AUTO_TEST_CASE(graph_parameter_is_percent_encoded) {
  BOOST_TEST(withGraphParameter("http://h/gsp", "https://g.example/a b#x") ==
             "http://h/gsp?graph=https%3A%2F%2Fg.example%2Fa%20b%23x");
  BOOST_TEST(withGraphParameter("http://h/gsp?x=1", "urn:a") == "http://h/gsp?x=1&graph=urn%3Aa");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_connection)

BOOST_AUTO_TEST_CASE(closed_port_fails_fast_with_retries_inside_the_deadline) {
  ConnectionOptions o;
  o.timeoutSeconds = 2;
  o.retries = 2;
  o.backoffSeconds = 0.1;
  HttpClient client(o);
  const std::string body = "<https://s> <https://p> <https://o> .\n";
  // Port 1 on loopback: nothing listens there (tcpmux is never run in test environments).
  HttpRequest request{
      "PUT", "http://127.0.0.1:1/gsp", {"Content-Type: application/n-triples"}, &body, true};
  const auto start = std::chrono::steady_clock::now();
  const HttpResponse r = client.send(request);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.notSent);
  BOOST_TEST(r.attempts == 3U);
  BOOST_TEST(seconds < 2.0);
  BOOST_TEST(describeFailure(request, r).find("3 attempts") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_load_without_endpoints_is_refused) {
  LoadRequest rq;
  const LoadReport report = runLoad(rq);
  BOOST_TEST(!report.ok);
  BOOST_TEST(report.error.find("--endpoint") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
