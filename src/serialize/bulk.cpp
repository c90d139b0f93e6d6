#include "guidegraph/bulk.hpp"

#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <set>
#include <streambuf>

#include "guidegraph/output.hpp"
#include "guidegraph/serialize.hpp"

namespace guidegraph::serialize {
namespace {

namespace fs = std::filesystem;

std::string chunkName(const std::string& name, std::size_t index) {
  std::array<char, 16> digits{};
  std::snprintf(digits.data(), digits.size(), "%06zu", index);
  return name + "-" + digits.data() + ".nq.gz";
}

// A stream buffer that gzips the lines written to it into chunk files of at most
// `chunkQuads` lines each (an N-Quads statement is one line). Each chunk goes to a
// temporary file, renamed into place when the chunk is complete.
class ChunkBuffer : public std::streambuf {
 public:
  ChunkBuffer(fs::path dir, std::string name, std::size_t chunkQuads)
      : dir_(std::move(dir)), name_(std::move(name)), chunkQuads_(chunkQuads) {}
  ChunkBuffer(const ChunkBuffer&) = delete;
  ChunkBuffer& operator=(const ChunkBuffer&) = delete;
  ~ChunkBuffer() override {
    if (open_) {
      deflateEnd(&z_);
      out_.close();
      std::error_code ec;
      fs::remove(tmp_, ec);
    }
  }

  // Completes the last chunk. Returns false (see error()) when anything failed.
  bool finish() {
    if (!error_.empty()) return false;
    if (open_) closeChunk();
    return error_.empty();
  }
  [[nodiscard]] const std::string& error() const { return error_; }
  [[nodiscard]] const std::vector<std::string>& chunks() const { return chunks_; }
  [[nodiscard]] std::size_t lines() const { return totalLines_; }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
  }

  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::streamsize done = 0;
    while (done < n) {
      if (!error_.empty()) return done;
      if (!open_ && !openChunk()) return done;
      const char* start = s + done;
      const auto left = static_cast<std::size_t>(n - done);
      const void* nl = std::memchr(start, '\n', left);
      const std::size_t take =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) + 1 : left;
      if (!deflateBytes(start, take, Z_NO_FLUSH)) return done;
      done += static_cast<std::streamsize>(take);
      if (nl) {
        ++lines_;
        ++totalLines_;
        if (lines_ >= chunkQuads_) closeChunk();
      }
    }
    return done;
  }

 private:
  bool openChunk() {
    final_ = dir_ / chunkName(name_, chunks_.size() + 1);
    tmp_ = dir_ / ("." + final_.filename().string() + ".tmp");
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) {
      error_ = "cannot open '" + tmp_.string() + "' for writing: " + std::strerror(errno);
      return false;
    }
    z_ = z_stream{};
    // windowBits 15 + 16: a gzip wrapper; its header has no name and a time of 0.
    if (deflateInit2(&z_, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      error_ = "cannot start gzip compression";
      out_.close();
      return false;
    }
    open_ = true;
    lines_ = 0;
    return true;
  }

  bool deflateBytes(const char* data, std::size_t size, int flush) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data));
    z_.avail_in = static_cast<uInt>(size);
    std::array<char, 65536> buffer{};
    do {
      z_.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z_.avail_out = static_cast<uInt>(buffer.size());
      const int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) {
        error_ = "gzip compression failed for '" + final_.string() + "'";
        return false;
      }
      out_.write(buffer.data(), static_cast<std::streamsize>(buffer.size() - z_.avail_out));
      if (!out_) {
        error_ = "cannot write '" + tmp_.string() + "': " + std::strerror(errno);
        return false;
      }
    } while (z_.avail_out == 0 || (flush == Z_FINISH && z_.avail_in > 0));
    return true;
  }

  void closeChunk() {
    const bool ok = deflateBytes(nullptr, 0, Z_FINISH);
    deflateEnd(&z_);
    open_ = false;
    out_.close();
    if (ok && !out_) error_ = "cannot close '" + tmp_.string() + "': " + std::strerror(errno);
    std::error_code ec;
    if (error_.empty()) {
      fs::rename(tmp_, final_, ec);
      if (ec)
        error_ =
            "cannot rename '" + tmp_.string() + "' to '" + final_.string() + "': " + ec.message();
    }
    if (!error_.empty()) {
      fs::remove(tmp_, ec);
      return;
    }
    chunks_.push_back(final_.filename().string());
  }

  fs::path dir_;
  std::string name_;
  std::size_t chunkQuads_;
  std::ofstream out_;
  z_stream z_{};
  bool open_ = false;
  fs::path final_;
  fs::path tmp_;
  std::size_t lines_ = 0;
  std::size_t totalLines_ = 0;
  std::vector<std::string> chunks_;
  std::string error_;
};

std::string sqlString(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string virtuosoScript(const fs::path& dir, const BulkOptions& o, const BulkResult& r) {
  const std::string path = dir.string();
  const std::string pattern = o.name + "-*.nq.gz";
  std::string s;
  s += "-- Loads " + std::to_string(r.quads) + " quads in " + std::to_string(r.graphs) +
       " named graphs (" + std::to_string(r.chunks.size()) +
       " gzip N-Quads chunks) with Virtuoso's bulk loader.\n";
  s += "--\n";
  s += "-- The server reads the files itself, so this folder must be one it may read: add it to\n";
  s += "-- DirsAllowed in the [Parameters] section of virtuoso.ini and restart the server, e.g.\n";
  s += "--   DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, " + path + "\n";
  s += "-- If the server sees this folder under another path, change the path below.\n";
  s += "--\n";
  s += "-- Run (Debian's isql is isql-vt; 1111 is the server's SQL port):\n";
  s += "--   isql-vt 1111 dba PASSWORD " + (dir / "virtuoso-load.sql").string() + "\n";
  s += "--\n";
  s += "-- The loader adds triples: a graph that is already in the store keeps its old triples\n";
  s += "-- too. To replace the graphs, clear them first (README.md says how), or use\n";
  s += "-- `guidegraph load`, which replaces each page's graph whole.\n";
  s += "\n";
  s += "-- Forget earlier loads of these files, so that they are read again.\n";
  s += "DELETE FROM DB.DBA.load_list WHERE ll_file LIKE " + sqlString(path + "/%") + ";\n";
  s += "-- The third argument is the graph for triples without one; every line here has one.\n";
  s += "ld_dir(" + sqlString(path) + ", " + sqlString(pattern) + ", " +
       sqlString("urn:guidegraph:bulk:no-graph") + ");\n";
  s += "rdf_loader_run();\n";
  s += "checkpoint;\n";
  s += "-- Files that failed to load, with the reason (no rows: every file was loaded).\n";
  s += "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE " +
       sqlString(path + "/%") + " AND ll_error IS NOT NULL;\n";
  return s;
}

std::string readme(const fs::path& dir, const BulkOptions& o, const BulkResult& r) {
  const std::string first = r.chunks.empty() ? o.name + "-000001.nq.gz" : r.chunks.front();
  std::string s;
  s += "# Bulk files of " + o.name + "\n\n";
  s += "Written by `guidegraph export --bulk`: " + std::to_string(r.quads) + " quads in " +
       std::to_string(r.graphs) + " named graphs (one per page, named by its permalink, and one " +
       "for the vocabulary), as gzip-compressed N-Quads in " + std::to_string(r.chunks.size()) +
       " chunk(s) of at most " + std::to_string(o.chunkQuads) + " quads: `" + o.name +
       "-*.nq.gz`. The lines are those of `guidegraph export -f nq`, in "
       "the same order.\n\n";
  s += "Each store below adds these triples to what it holds. To replace a site that was "
       "loaded before, clear its graphs first (or load into a new database), or use "
       "`guidegraph load`, which replaces each page's graph whole and can send only the pages "
       "that changed.\n\n";
  s += "## Virtuoso (bulk loader)\n\n";
  s += "1. Add this folder to `DirsAllowed` in the `[Parameters]` section of `virtuoso.ini` "
       "and restart the server (the server reads the files itself).\n";
  s += "2. Run the script: `isql-vt 1111 dba PASSWORD virtuoso-load.sql` (Debian's isql is "
       "`isql-vt`; elsewhere `isql`). It runs `ld_dir` and `rdf_loader_run()`, then a "
       "`checkpoint`, and lists any file that failed.\n";
  s += "3. To replace the graphs of an earlier load, first delete them, e.g. in isql: "
       "`SPARQL CLEAR GRAPH <https://...page/>;` for each page graph.\n\n";
  s += "The script names this folder as `" + dir.string() +
       "`; if the server sees it under another path, change the path in the script.\n\n";
  s += "## Apache Jena TDB2\n\n";
  s += "```sh\ntdb2.tdbloader --loc DB " + o.name +
       "-*.nq.gz\n"
       "tdb2.tdbquery --loc DB 'SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g'\n"
       "```\n\n";
  s += "Debian's `libapache-jena-java` ships the classes without the scripts: run "
       "`java -cp '/usr/share/java/*' tdb2.tdbloader --loc DB ...` instead.\n\n";
  s += "## QLever\n\n";
  s += "```sh\nzcat " + o.name +
       "-*.nq.gz | IndexBuilderMain -i INDEX -F nq -f -\n"
       "ServerMain -i INDEX -p 7001\n```\n\n";
  s += "## Oxigraph\n\n";
  s += "```sh\nzcat " + o.name +
       "-*.nq.gz | oxigraph load --location DB --format nq\n"
       "oxigraph serve --location DB\n```\n\n";
  s += "guidegraph's own tests load these files into Virtuoso (its bulk loader) and Jena TDB2 and "
       "compare every graph with the export. QLever and Oxigraph are not packaged in Debian: "
       "their steps above are documented, not tested.\n\n";
  s += "Check a chunk with any N-Quads reader, e.g. `zcat " + first + " | serdi -i nquads -`.\n";
  return s;
}

}  // namespace

BulkResult writeBulk(const rdf::Dataset& data, const BulkOptions& options) {
  BulkResult result;
  const fs::path dir = fs::absolute(options.dir).lexically_normal();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    result.error = "cannot create the folder '" + options.dir + "'" +
                   (ec ? ": " + ec.message() : std::string(": a file of that name exists"));
    return result;
  }
  {
    std::set<std::string> graphs;
    for (const auto& t : data.triples) graphs.insert(t.graph.str());
    result.graphs = graphs.size();
  }
  ChunkBuffer buffer(dir, options.name, std::max<std::size_t>(1, options.chunkQuads));
  std::ostream out(&buffer);
  const std::string writeError = writeRdf(data, RdfFormat::NQuads, out);
  out.flush();
  if (!writeError.empty() || !buffer.finish() || !out) {
    result.error = !writeError.empty()       ? writeError
                   : !buffer.error().empty() ? buffer.error()
                                             : "cannot write the chunks into '" + options.dir + "'";
    return result;
  }
  result.chunks = buffer.chunks();
  result.quads = buffer.lines();
  // Chunks of an earlier export of the same name beyond the last one written now.
  for (std::size_t i = result.chunks.size() + 1;; ++i) {
    const fs::path stale = dir / chunkName(options.name, i);
    if (!fs::exists(stale, ec)) break;
    fs::remove(stale, ec);
    if (ec) {
      result.error = "cannot remove the chunk '" + stale.string() +
                     "' of an earlier export: " + ec.message() + "; remove it by hand";
      return result;
    }
  }
  const auto writeText = [&](const char* file, const std::string& text) {
    const WriteResult w = writeFileAtomically((dir / file).string(), [&](std::ostream& os) {
      os << text;
      return static_cast<bool>(os);
    });
    if (!w.ok && result.error.empty()) result.error = w.error;
  };
  writeText("virtuoso-load.sql", virtuosoScript(dir, options, result));
  writeText("README.md", readme(dir, options, result));
  return result;
}

}  // namespace guidegraph::serialize
