// Atom: an interned, immutable string. Every distinct text is stored once for the life of
// the process; an Atom is one pointer, so copying and comparing for equality cost nothing.
// RDF terms, graph names and file names in positions are Atoms: a large site repeats the
// same few hundred thousand strings millions of times.
//
// Reads like a `const std::string&` (it converts to one); equality with another Atom
// compares pointers, ordering compares the text, so sorted output is the same as with
// std::string. Interning is thread-safe.
#pragma once

#include <compare>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace guidegraph {

class Atom {
 public:
  Atom() noexcept : text_(&emptyText()) {}
  Atom(std::string_view text);  // NOLINT(google-explicit-constructor): a string value
  Atom(const std::string& text) : Atom(std::string_view(text)) {}  // NOLINT
  Atom(const char* text) : Atom(std::string_view(text)) {}         // NOLINT

  [[nodiscard]] const std::string& str() const noexcept { return *text_; }
  operator const std::string&() const noexcept { return *text_; }  // NOLINT
  operator std::string_view() const noexcept { return *text_; }    // NOLINT

  [[nodiscard]] bool empty() const noexcept { return text_->empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return text_->size(); }
  [[nodiscard]] std::size_t length() const noexcept { return text_->size(); }
  [[nodiscard]] const char* c_str() const noexcept { return text_->c_str(); }
  [[nodiscard]] const char* data() const noexcept { return text_->data(); }
  [[nodiscard]] char operator[](std::size_t i) const noexcept { return (*text_)[i]; }
  [[nodiscard]] char front() const noexcept { return text_->front(); }
  [[nodiscard]] char back() const noexcept { return text_->back(); }
  [[nodiscard]] std::string::const_iterator begin() const noexcept { return text_->begin(); }
  [[nodiscard]] std::string::const_iterator end() const noexcept { return text_->end(); }
  [[nodiscard]] bool starts_with(std::string_view s) const noexcept {
    return text_->starts_with(s);
  }
  [[nodiscard]] bool ends_with(std::string_view s) const noexcept { return text_->ends_with(s); }
  [[nodiscard]] std::size_t find(std::string_view s, std::size_t pos = 0) const noexcept {
    return text_->find(s, pos);
  }
  [[nodiscard]] std::size_t find(char c, std::size_t pos = 0) const noexcept {
    return text_->find(c, pos);
  }
  [[nodiscard]] std::size_t rfind(std::string_view s,
                                  std::size_t pos = std::string::npos) const noexcept {
    return text_->rfind(s, pos);
  }
  [[nodiscard]] std::size_t rfind(char c, std::size_t pos = std::string::npos) const noexcept {
    return text_->rfind(c, pos);
  }
  [[nodiscard]] std::size_t find_first_of(std::string_view s, std::size_t pos = 0) const noexcept {
    return text_->find_first_of(s, pos);
  }
  [[nodiscard]] std::string substr(std::size_t pos = 0, std::size_t n = std::string::npos) const {
    return text_->substr(pos, n);
  }
  [[nodiscard]] int compare(std::string_view s) const noexcept { return text_->compare(s); }
  [[nodiscard]] int compare(std::size_t pos, std::size_t n, std::string_view s) const {
    return text_->compare(pos, n, s);
  }

  friend bool operator==(const Atom& a, const Atom& b) noexcept { return a.text_ == b.text_; }
  friend bool operator==(const Atom& a, const std::string& b) noexcept { return *a.text_ == b; }
  friend bool operator==(const Atom& a, std::string_view b) noexcept { return *a.text_ == b; }
  friend bool operator==(const Atom& a, const char* b) noexcept { return *a.text_ == b; }
  friend std::strong_ordering operator<=>(const Atom& a, const Atom& b) noexcept {
    if (a.text_ == b.text_) return std::strong_ordering::equal;
    return a.text_->compare(*b.text_) <=> 0;
  }
  friend std::strong_ordering operator<=>(const Atom& a, const std::string& b) noexcept {
    return a.text_->compare(b) <=> 0;
  }
  friend std::strong_ordering operator<=>(const Atom& a, std::string_view b) noexcept {
    return a.text_->compare(b) <=> 0;
  }
  friend std::strong_ordering operator<=>(const Atom& a, const char* b) noexcept {
    return a.text_->compare(b) <=> 0;
  }

  friend std::string operator+(const Atom& a, std::string_view b) {
    std::string s;
    s.reserve(a.size() + b.size());
    s += *a.text_;
    s += b;
    return s;
  }
  friend std::string operator+(const Atom& a, const char* b) { return a + std::string_view(b); }
  friend std::string operator+(const Atom& a, const std::string& b) {
    return a + std::string_view(b);
  }
  friend std::string operator+(const Atom& a, char b) { return *a.text_ + b; }
  friend std::string operator+(const Atom& a, const Atom& b) { return *a.text_ + *b.text_; }
  friend std::string operator+(std::string a, const Atom& b) { return std::move(a) += *b.text_; }
  friend std::string operator+(const char* a, const Atom& b) { return a + *b.text_; }
  friend std::string operator+(char a, const Atom& b) { return a + *b.text_; }
  friend std::string& operator+=(std::string& a, const Atom& b) { return a += *b.text_; }

  friend std::ostream& operator<<(std::ostream& os, const Atom& a);

  // The address of the stored text: equal for equal texts, stable for the process.
  [[nodiscard]] const void* id() const noexcept { return text_; }

  // Number of distinct texts interned so far (for benchmarks and tests).
  static std::size_t internedCount();

 private:
  static const std::string& emptyText() noexcept;
  const std::string* text_;
};

}  // namespace guidegraph

template <>
struct std::hash<guidegraph::Atom> {
  std::size_t operator()(const guidegraph::Atom& a) const noexcept {
    return std::hash<const void*>{}(a.id());
  }
};
