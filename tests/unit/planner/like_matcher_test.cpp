#include "runtime/expr/like_matcher.h"

#include <doctest/doctest.h>

namespace fluxo::expr {

TEST_SUITE("planner") {
  TEST_CASE("LIKE wildcards, escapes and code points") {
    CHECK(LikeMatches("", "", std::nullopt));
    CHECK(LikeMatches("", "%", std::nullopt));
    CHECK_FALSE(LikeMatches("", "_", std::nullopt));
    CHECK(LikeMatches("abc", "a%", std::nullopt));
    CHECK(LikeMatches("abc", "%c", std::nullopt));
    CHECK(LikeMatches("abc", "%b%", std::nullopt));
    CHECK(LikeMatches("abc", "a_c", std::nullopt));
    CHECK_FALSE(LikeMatches("abc", "a_", std::nullopt));
    CHECK_FALSE(LikeMatches("abc", "ABC", std::nullopt));  // Case-sensitive.
    CHECK(LikeMatches("aXbXc", "%X%X%", std::nullopt));
    CHECK(LikeMatches("mississippi", "m%iss%ppi", std::nullopt));
    CHECK_FALSE(LikeMatches("mississippi", "m%iss%ppx", std::nullopt));
    CHECK(LikeMatches("50%", "50!%", '!'));
    CHECK_FALSE(LikeMatches("500", "50!%", '!'));
    CHECK(LikeMatches("a_b", "a!_b", '!'));
    CHECK(LikeMatches("café", "caf_", std::nullopt));  // '_' is one code point, not one byte.
    CHECK_FALSE(LikeMatches("café", "caf__", std::nullopt));
  }
}

}  // namespace fluxo::expr
