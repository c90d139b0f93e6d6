// Bulk files for a store's own loader: the dataset as gzip-compressed N-Quads in chunks,
// with a script for Virtuoso's bulk loader and a README for Jena TDB2, QLever and Oxigraph.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "guidegraph/rdf.hpp"

namespace guidegraph::serialize {

inline constexpr std::size_t kDefaultChunkQuads = 1000000;

struct BulkOptions {
  std::string dir;                              // the folder to write into (created if missing)
  std::string name = "site";                    // chunk files are NAME-000001.nq.gz, ...
  std::size_t chunkQuads = kDefaultChunkQuads;  // at most this many quads per chunk
};

struct BulkResult {
  std::vector<std::string> chunks;  // file names (without the folder), in order
  std::size_t quads = 0;
  std::size_t graphs = 0;
  std::string error;  // empty on success; else what went wrong, naming the file
};

// Writes the chunks (sorted N-Quads, the same lines as `export -f nq`, split at line ends;
// gzip headers carry no time, so the bytes are the same from run to run), then
// virtuoso-load.sql and README.md. Each file is written to a temporary name and renamed
// into place; chunk files NAME-*.nq.gz of an earlier, longer export are removed, so that a
// loader reading the folder's *.nq.gz finds this export only.
[[nodiscard]] BulkResult writeBulk(const rdf::Dataset& data, const BulkOptions& options);

}  // namespace guidegraph::serialize
