// A small HTTP client over libcurl for the loader: one easy handle (connections are reused),
// authentication, a deadline per request that covers its retries, and server error bodies
// reduced to a readable message. Private to src/load/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "guidegraph/load.hpp"

namespace guidegraph::load {

struct HttpRequest {
  std::string method;  // GET, PUT, POST, DELETE
  std::string url;
  std::vector<std::string> headers;   // "Name: value"
  const std::string* body = nullptr;  // not owned; must outlive the call
  // Whether the request may be sent again after a failure that happened once the request
  // may have reached the server (5xx, a dropped connection). Connection failures before
  // anything was sent are always retried.
  bool retryAfterSend = true;
};

struct HttpResponse {
  long status = 0;  // 0: no HTTP response at all
  std::string body;
  std::string contentType;
  std::string server;  // the Server header, e.g. "Virtuoso/07.20.3233 (Linux) ..."
  // Virtuoso's X-SQL-State header: on a 200 answer, S1TAT says the results are incomplete
  // (the query was cut short by the server's time limit, MaxQueryExecutionTime).
  std::string sqlState;
  std::string transportError;  // libcurl's message when status is 0
  bool sendFailed = false;     // the connection broke while sending the request
  bool unreachable = false;    // no connection, or no answer before the deadline
  bool notSent = false;        // no connection: the request never reached the server
  unsigned attempts = 0;
  [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
};

class HttpClient {
 public:
  explicit HttpClient(const ConnectionOptions& options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse send(const HttpRequest& request);
  [[nodiscard]] std::size_t requestCount() const { return requests_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t requests_ = 0;
};

// "url?graph=<iri>" with the IRI percent-encoded (`&` when url already has a query).
std::string withGraphParameter(const std::string& url, const std::string& graphIri);
// application/x-www-form-urlencoded encoding of a value.
std::string formEncode(const std::string& value);

// What went wrong with a response, in words: the status explained (401: credentials,
// 403: permission, 404: wrong endpoint path, 415: media type, 5xx: server error) plus the
// server's own message, taken from an HTML error page (Virtuoso's <xmp> text) or plain text.
std::string describeFailure(const HttpRequest& request, const HttpResponse& response);

// The text of an HTML or plain-text error body, tags removed, white space collapsed,
// cut to about 400 bytes.
std::string serverMessage(const std::string& body, const std::string& contentType);

}  // namespace guidegraph::load
