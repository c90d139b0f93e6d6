// Large values that a command builds and that live until the process ends.
#pragma once

#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define GUIDEGRAPH_FREE_AT_EXIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GUIDEGRAPH_FREE_AT_EXIT 1
#endif
#endif

namespace guidegraph::pipeline {

// Holds a value whose destructor is not run: a command's site and triples are dropped right
// before the process exits, and freeing their millions of small strings one at a time took
// a sixth of an export of 100,000 pages; the operating system takes the memory back at once.
// Builds with AddressSanitizer destroy the value as usual, so that leak checking still sees
// everything else. Only for values that own nothing but memory (no files, no locks).
template <class T>
class KeptUntilExit {
 public:
  // Builds the value in place from what `make()` returns (no copy, no move).
  template <class Make>
  explicit KeptUntilExit(Make&& make) : value_(new (storage_) T(make())) {}
  KeptUntilExit(const KeptUntilExit&) = delete;
  KeptUntilExit& operator=(const KeptUntilExit&) = delete;
  ~KeptUntilExit() {
#if defined(GUIDEGRAPH_FREE_AT_EXIT)
    value_->~T();
#endif
  }

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  alignas(T) unsigned char storage_[sizeof(T)];
  T* value_;
};

}  // namespace guidegraph::pipeline
