#include "runtime/state/store_name.h"

#include <doctest/doctest.h>

#include "runtime/core/error.h"

namespace fluxo::state {
namespace {

TEST_CASE("store names: built from the plan's operator id and a role") {
  CHECK(StoreName("CTAS_COUNTS_0.Aggregate", "Materialize") ==
        "CTAS_COUNTS_0.Aggregate.Materialize");
  CHECK(StoreName("CSAS_JOINED_3.Join", "Left") == "CSAS_JOINED_3.Join.Left");
  CHECK_THROWS_AS(StoreName("", "Materialize"), Error);
  CHECK_THROWS_AS(StoreName("q.Aggregate", ""), Error);
  CHECK_THROWS_AS(StoreName("q.Aggregate", "has space"), Error);
}

TEST_CASE("store names: validation") {
  CHECK_NOTHROW(ValidateStoreName("q1.Aggregate-1.Materialize_x"));
  CHECK_THROWS_AS(ValidateStoreName(""), Error);
  CHECK_THROWS_AS(ValidateStoreName("a#b"), Error);
  CHECK_THROWS_AS(ValidateStoreName("a/b"), Error);
  CHECK_THROWS_AS(ValidateStoreName("a\\b"), Error);
  CHECK_THROWS_AS(ValidateStoreName("tab\t"), Error);
  CHECK_THROWS_AS(ValidateStoreName("caf\xC3\xA9"), Error);
  CHECK_THROWS_AS(ValidateStoreName("default"), Error);
  CHECK_THROWS_AS(ValidateStoreName(std::string(201, 'a')), Error);
  CHECK_NOTHROW(ValidateStoreName(std::string(200, 'a')));
}

}  // namespace
}  // namespace fluxo::state
