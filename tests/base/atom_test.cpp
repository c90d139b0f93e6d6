// Atom: interned strings. Equal texts share one address; ordering follows the text, so
// sorted output is the same as with std::string; interning from many threads is safe.
#include "guidegraph/atom.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

using guidegraph::Atom;

BOOST_AUTO_TEST_CASE(atom_equal_texts_share_storage) {
  const std::string long1 = "https://guides.example.org/sources/sources/kloop/#id";
  const Atom a(long1);
  const Atom b{std::string_view(long1)};
  const Atom c(long1.c_str());
  BOOST_TEST(a.id() == b.id());
  BOOST_TEST(a.id() == c.id());
  BOOST_TEST(a == b);
  BOOST_TEST(a.str() == long1);
  BOOST_TEST(Atom("x") != Atom("y"));
  BOOST_TEST(Atom().empty());
  BOOST_TEST(Atom("").id() == Atom().id());
  BOOST_TEST(Atom().str().empty());
}

BOOST_AUTO_TEST_CASE(atom_compares_like_its_text) {
  std::mt19937 rng(7);
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 40);
    for (int j = 0; j < n; ++j) s += static_cast<char>('a' + rng() % 4);
    texts.push_back(s);
  }
  for (std::size_t i = 0; i + 1 < texts.size(); ++i) {
    const Atom a(texts[i]);
    const Atom b(texts[i + 1]);
    BOOST_TEST(((a <=> b) == (texts[i] <=> texts[i + 1])));
    BOOST_TEST((a == b) == (texts[i] == texts[i + 1]));
    BOOST_TEST((a == texts[i + 1]) == (texts[i] == texts[i + 1]));
    BOOST_TEST(((a <=> texts[i + 1]) == (texts[i] <=> texts[i + 1])));
  }
  std::vector<Atom> atoms(texts.begin(), texts.end());
  std::sort(atoms.begin(), atoms.end());
  std::sort(texts.begin(), texts.end());
  for (std::size_t i = 0; i < texts.size(); ++i) BOOST_TEST(atoms[i].str() == texts[i]);
  BOOST_TEST(Atom("ab") + "c" == "abc");
  BOOST_TEST("x" + Atom("y") + 'z' == "xyz");
  BOOST_TEST(Atom("abc").substr(1) == "bc");
  BOOST_TEST(Atom("a:b").find(':') == 1u);
}

BOOST_AUTO_TEST_CASE(atom_interning_from_threads) {
  // Every thread interns the same texts in a different order; all must get one address each.
  constexpr int kThreads = 4;
  constexpr int kTexts = 4999;  // a prime: every stride below visits every index
  std::vector<std::vector<const void*>> seen(kThreads, std::vector<const void*>(kTexts));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &seen] {
      for (int k = 0; k < kTexts; ++k) {
        const int i = (k * (2 * t + 1)) % kTexts;
        seen[t][i] = Atom("thread-text-" + std::to_string(i) + std::string(20, 'x')).id();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::unordered_set<const void*> distinct;
  for (int i = 0; i < kTexts; ++i) {
    for (int t = 1; t < kThreads; ++t) BOOST_TEST(seen[t][i] == seen[0][i]);
    distinct.insert(seen[0][i]);
  }
  BOOST_TEST(distinct.size() == static_cast<std::size_t>(kTexts));
}
