#include "runtime/state/key_range.h"

#include <doctest/doctest.h>

namespace fluxo::state {
namespace {

TEST_CASE("key range: prefix successors") {
  CHECK(PrefixSuccessor("ab") == "ac");
  CHECK(PrefixSuccessor("a\xFF") == "b");
  CHECK(PrefixSuccessor(std::string("\x00", 1)) == "\x01");
  CHECK_FALSE(PrefixSuccessor("\xFF\xFF").has_value());
  CHECK_FALSE(PrefixSuccessor("").has_value());
}

TEST_CASE("key range: membership") {
  const KeyRange range = KeyRange::Between("b", "d");
  CHECK_FALSE(range.Contains("a"));
  CHECK(range.Contains("b"));
  CHECK(range.Contains("c\xFF"));
  CHECK_FALSE(range.Contains("d"));
  CHECK(KeyRange::All().Contains(""));
  CHECK(KeyRange::All().Contains("\xFF\xFF"));
  const KeyRange prefix = KeyRange::Prefix("ab");
  CHECK(prefix.Contains("ab"));
  CHECK(prefix.Contains("ab\xFF"));
  CHECK_FALSE(prefix.Contains("ac"));
  CHECK_FALSE(prefix.Contains("a"));
  // Bytes order unsigned: 0x80 comes after 0x7F.
  CHECK(KeyRange::Between("\x7F", "\x81").Contains("\x80"));
}

}  // namespace
}  // namespace fluxo::state
