#include "runtime/core/value.h"

#include <doctest/doctest.h>

namespace fluxo {

TEST_SUITE("core") {
  TEST_CASE("values keep their storage and compare structurally") {
    CHECK(Value().IsNull());
    CHECK(Value::Int32(5) == Value::Int32(5));
    CHECK_FALSE(Value::Int32(5) == Value::Int64(5));  // Storage differs: INT vs BIGINT.
    CHECK(Value::String("a") == Value::String("a"));
    CHECK(Value::Null() == Value::Null());
    CHECK(Value::Decimal({150, 2}) == Value::Decimal({150, 2}));
    CHECK_FALSE(Value::Decimal({150, 2}) == Value::Decimal({15, 1}));  // Scale is kept.
  }

  TEST_CASE("composite values share their contents and compare deeply") {
    const Value list = Value::List({Value::Int32(1), Value::Null()});
    const Value copy = list;  // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(&list.AsList() == &copy.AsList());
    CHECK(list == Value::List({Value::Int32(1), Value::Null()}));
    CHECK_FALSE(list == Value::List({Value::Int32(1)}));
    const Value map = Value::Pairs({{Value::String("k"), Value::Int64(2)}});
    CHECK(map.AsPairs()[0].second.AsInt64() == 2);
  }

  TEST_CASE("debug strings") {
    CHECK(Value::List({Value::Int32(1), Value::String("x"), Value()}).DebugString() ==
          "[1, 'x', NULL]");
    CHECK(Value::Decimal({-1234, 2}).DebugString() == "-1234e-2");
    CHECK(Value::Double(1.5).DebugString() == "1.5");
  }
}

}  // namespace fluxo
