#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "guidegraph/text.hpp"

namespace guidegraph::load {
namespace {

// libcurl's global state, set up once and released at exit.
class CurlGlobal {
 public:
  CurlGlobal() { ok_ = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }
  ~CurlGlobal() {
    if (ok_) curl_global_cleanup();
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  bool ok_ = false;
};

const CurlGlobal& curlGlobal() {
  static const CurlGlobal global;
  return global;
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// A C callback: stores the bytes, never throws (an allocation failure aborts the transfer).
size_t onBody(char* data, size_t size, size_t count, void* user) noexcept {
  try {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
  } catch (...) {
    return 0;
  }
}

// The value of header line `line` if it is header `name` (case-insensitive), else nullopt.
std::optional<std::string> headerValue(const std::string& line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return std::nullopt;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) !=
        std::tolower(static_cast<unsigned char>(name[i])))
      return std::nullopt;
  }
  std::string value = line.substr(name.size() + 1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  return value;
}

// A C callback for each header line: keeps the Server header and Virtuoso's X-SQL-State.
// Never throws.
size_t onHeader(char* data, size_t size, size_t count, void* user) noexcept {
  try {
    const std::string line(data, size * count);
    auto* response = static_cast<HttpResponse*>(user);
    if (auto v = headerValue(line, "Server")) response->server = std::move(*v);
    if (auto v = headerValue(line, "X-SQL-State")) response->sqlState = std::move(*v);
    return size * count;
  } catch (...) {
    return 0;
  }
}

bool failedBeforeSending(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
         code == CURLE_COULDNT_RESOLVE_PROXY;
}

bool transientAfterSending(CURLcode code) {
  return code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING ||
         code == CURLE_PARTIAL_FILE || code == CURLE_OPERATION_TIMEDOUT;
}

void replaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

std::string stripTags(const std::string& html) {
  std::string out;
  bool inTag = false;
  for (char c : html) {
    if (c == '<') {
      inTag = true;
      out += ' ';
    } else if (c == '>') {
      inTag = false;
    } else if (!inTag) {
      out += c;
    }
  }
  return out;
}

std::string collapseSpace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const auto a = s.find(open);
  if (a == std::string::npos) return {};
  const auto b = s.find(close, a + open.size());
  if (b == std::string::npos) return {};
  return s.substr(a + open.size(), b - a - open.size());
}

}  // namespace

struct HttpClient::Impl {
  ConnectionOptions options;
  std::unique_ptr<CURL, EasyDeleter> easy;
  char errorBuffer[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(const ConnectionOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (curlGlobal().ok()) impl_->easy.reset(curl_easy_init());
  CURL* c = impl_->easy.get();
  if (!c) return;
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, impl_->errorBuffer);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
  if (impl_->options.credentials) {
    curl_easy_setopt(c, CURLOPT_USERNAME, impl_->options.credentials->user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, impl_->options.credentials->password.c_str());
    const unsigned long method = options.auth == AuthMethod::Basic    ? CURLAUTH_BASIC
                                 : options.auth == AuthMethod::Digest ? CURLAUTH_DIGEST
                                                                      : CURLAUTH_ANY;
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, method);
  }
}

HttpClient::~HttpClient() = default;

namespace {

// The request's headers as libcurl wants them, with "Expect:" so that no 100-continue round
// trip comes before an upload; nullptr when memory ran out.
std::unique_ptr<curl_slist, SlistDeleter> headerList(const HttpRequest& request, bool& ok) {
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  ok = true;
  for (const auto& h : request.headers) {
    curl_slist* grown = curl_slist_append(headers.get(), h.c_str());
    if (!grown) {
      ok = false;
      return headers;
    }
    (void)headers.release();
    headers.reset(grown);
  }
  if (curl_slist* grown = curl_slist_append(headers.get(), "Expect:")) {
    (void)headers.release();
    headers.reset(grown);
  }
  return headers;
}

// The options of one attempt. The handle is reused without a reset, so that connections
// and the negotiated authentication (a Digest nonce) carry over; every option that varies
// is set here.
void setAttemptOptions(CURL* c, const HttpRequest& request, curl_slist* headers, long remainingMs,
                       HttpResponse& response) {
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, remainingMs);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, remainingMs);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);
  // libcurl silently sends a request again when a reused connection turns out to be
  // closed; a request that must never run twice gets a connection of its own.
  const long fresh = request.retryAfterSend ? 0L : 1L;
  curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, fresh);
  curl_easy_setopt(c, CURLOPT_FORBID_REUSE, fresh);
  if (request.body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body->size()));
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
                     request.method == "POST" ? nullptr : request.method.c_str());
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
                     request.method == "GET" ? nullptr : request.method.c_str());
  }
}

// Fills `response` from what the attempt gave; returns whether to try again.
bool readOutcome(CURL* c, const HttpRequest& request, CURLcode code, const char* errorBuffer,
                 HttpResponse& response) {
  if (code == CURLE_OK) {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
    const char* type = nullptr;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
      response.contentType = type;
    // 501 (Not Implemented) and 505 are answers, not passing trouble.
    return (response.status == 500 || response.status == 502 || response.status == 503 ||
            response.status == 504) &&
           request.retryAfterSend;
  }
  response.transportError = errorBuffer[0] ? errorBuffer : curl_easy_strerror(code);
  curl_off_t uploaded = 0;
  curl_easy_getinfo(c, CURLINFO_SIZE_UPLOAD_T, &uploaded);
  response.sendFailed =
      code == CURLE_SEND_ERROR || (transientAfterSending(code) && request.body && uploaded > 0 &&
                                   static_cast<std::size_t>(uploaded) < request.body->size());
  response.unreachable = failedBeforeSending(code) || code == CURLE_OPERATION_TIMEDOUT;
  response.notSent = failedBeforeSending(code);
  return failedBeforeSending(code) || (transientAfterSending(code) && request.retryAfterSend);
}

}  // namespace

HttpResponse HttpClient::send(const HttpRequest& request) {
  using Clock = std::chrono::steady_clock;
  HttpResponse response;
  CURL* c = impl_->easy.get();
  if (!c) {
    response.transportError = "libcurl could not be initialised";
    return response;
  }
  const ConnectionOptions& o = impl_->options;
  const auto deadline =
      Clock::now() + std::chrono::duration<double>(std::max(0.1, o.timeoutSeconds));
  double backoff = o.backoffSeconds;
  bool headersOk = true;
  const auto headers = headerList(request, headersOk);
  if (!headersOk) {
    response.transportError = "out of memory";
    return response;
  }
  for (unsigned attempt = 0;; ++attempt) {
    const auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (remaining <= 0) break;
    response = HttpResponse{};
    response.attempts = attempt + 1;
    impl_->errorBuffer[0] = '\0';
    setAttemptOptions(c, request, headers.get(), static_cast<long>(remaining), response);
    ++requests_;
    const CURLcode code = curl_easy_perform(c);
    const bool retry = readOutcome(c, request, code, impl_->errorBuffer, response);
    if (!retry || attempt >= o.retries) break;
    const auto left = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (left <= backoff) break;
    std::this_thread::sleep_for(std::chrono::duration<double>(backoff));
    backoff *= 2;
  }
  if (response.attempts == 0)
    response.transportError = "no time left to send the request (see --timeout)";
  return response;
}

std::string formEncode(const std::string& value) {
  return text::percentEncode(value, [](std::string_view s, std::size_t i) {
    const auto ch = static_cast<unsigned char>(s[i]);
    return !(std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~');
  });
}

std::string withGraphParameter(const std::string& url, const std::string& graphIri) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "graph=" + formEncode(graphIri);
}

std::string serverMessage(const std::string& body, const std::string& contentType) {
  std::string text;
  const bool html = contentType.find("html") != std::string::npos ||
                    body.find("<html") != std::string::npos ||
                    body.find("<HTML") != std::string::npos;
  if (html) {
    // Virtuoso: <h3>Error 22023</h3> <xmp>the message</xmp>
    const std::string detail = between(body, "<xmp>", "</xmp>");
    const std::string code = collapseSpace(stripTags(between(body, "<h3>", "</h3>")));
    if (!detail.empty()) {
      text = (code.empty() ? "" : code + ": ") + detail;
    } else {
      const auto bodyStart = body.find("<body");
      text = stripTags(bodyStart == std::string::npos ? body : body.substr(bodyStart));
      if (collapseSpace(text).empty()) text = stripTags(between(body, "<title>", "</title>"));
    }
    replaceAll(text, "&lt;", "<");
    replaceAll(text, "&gt;", ">");
    replaceAll(text, "&quot;", "\"");
    replaceAll(text, "&#39;", "'");
    replaceAll(text, "&amp;", "&");
  } else {
    text = body;
  }
  text = collapseSpace(text);
  // Virtuoso repeats the whole request after its message: keep the message.
  if (const auto at = text.find(" SPARQL query:"); at != std::string::npos) text.resize(at);
  if (text.size() > 400) text = text.substr(0, 400) + " ...";
  return text;
}

std::string describeFailure(const HttpRequest& request, const HttpResponse& response) {
  const std::string where = request.method + " " + redactUrl(request.url);
  if (response.status == 0) {
    std::string m = where + " failed: " + response.transportError;
    if (response.sendFailed) m += " (the connection broke while sending the data)";
    m += response.attempts > 1 ? " (" + std::to_string(response.attempts) + " attempts)" : "";
    return m;
  }
  const std::string message = serverMessage(response.body, response.contentType);
  const std::string said = message.empty() ? "" : "; the server said: " + message;
  std::string m = where + ": HTTP " + std::to_string(response.status);
  switch (response.status) {
    case 400:
      m += " Bad Request: the server could not use the request; if it is a SPARQL Update too large "
           "for it, try a smaller --batch-size";
      break;
    case 401:
      m += " Unauthorized: the server did not accept the credentials; check --user, the password "
           "(GUIDEGRAPH_PASSWORD or ~/.netrc) and --auth (Virtuoso wants --auth digest)";
      break;
    case 403:
      m += " Forbidden: the user may not write there; grant it write access (Virtuoso: the "
           "SPARQL_UPDATE role)";
      break;
    case 404:
      m += " Not Found: no such service; check the endpoint path (e.g. Virtuoso "
           "/sparql-graph-crud-auth, Fuseki /DATASET/data, GraphDB "
           "/repositories/REPO/rdf-graphs/service, Oxigraph /store)";
      break;
    case 405:
      m += " Method Not Allowed: the endpoint does not take this request; check that it is a Graph "
           "Store or Update endpoint that allows writing";
      break;
    case 501:
      m += " Not Implemented: the server does not take this request at this path; check the "
           "endpoint path (e.g. Virtuoso /sparql-graph-crud-auth, Fuseki /DATASET/data, GraphDB "
           "/repositories/REPO/rdf-graphs/service, Oxigraph /store)";
      break;
    case 415:
      m += " Unsupported Media Type: the server does not accept this RDF syntax; try --send-format "
           "nt or --send-format ttl";
      break;
    default:
      if (response.status >= 500) {
        m += " server error";
        if (response.attempts > 1) m += " (" + std::to_string(response.attempts) + " attempts)";
      }
      break;
  }
  return m + said;
}

std::string redactUrl(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto authorityEnd = url.find_first_of("/?#", scheme + 3);
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos || (authorityEnd != std::string::npos && at > authorityEnd))
    return url;
  return url.substr(0, scheme + 3) + url.substr(at + 1);
}

}  // namespace guidegraph::load
