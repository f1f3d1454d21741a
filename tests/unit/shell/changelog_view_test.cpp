#include "cli/shell/changelog_view.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace fluxo::cli::shell {
namespace {

engine::PushQueryRow Row(int32_t key, std::optional<int64_t> total) {
  engine::PushQueryRow row;
  row.key = {Value::Int32(key)};
  if (total.has_value()) {
    row.values = {Value::Int64(*total)};
  } else {
    row.tombstone = true;
  }
  return row;
}

RenderedRow Cells(std::vector<std::string> cells) {
  return RenderedRow{std::move(cells), ""};
}

/// The changes as "op cell cell ..." lines.
std::vector<std::string> Lines(const std::vector<Change>& changes) {
  std::vector<std::string> lines;
  for (const Change& change : changes) {
    std::string line = ChangeKindText(change.kind);
    for (const std::string& cell : change.row.cells) {
      line += " " + cell;
    }
    lines.push_back(line);
  }
  return lines;
}

TEST_SUITE("shell") {
  TEST_CASE("a new key is +I, an update of a seen key is -U of the old row then +U") {
    ChangelogView view;
    CHECK(Lines(view.Apply(Row(1, 10), Cells({"1", "10"}))) == std::vector<std::string>{"+I 1 10"});
    CHECK(Lines(view.Apply(Row(2, 5), Cells({"2", "5"}))) == std::vector<std::string>{"+I 2 5"});
    CHECK(Lines(view.Apply(Row(1, 30), Cells({"1", "30"}))) ==
          std::vector<std::string>{"-U 1 10", "+U 1 30"});
    CHECK(Lines(view.Apply(Row(1, 45), Cells({"1", "45"}))) ==
          std::vector<std::string>{"-U 1 30", "+U 1 45"});
  }

  TEST_CASE("a tombstone is -D with the last row shown, or with only the key") {
    ChangelogView view;
    view.Apply(Row(1, 10), Cells({"1", "10"}));
    CHECK(Lines(view.Apply(Row(1, std::nullopt), Cells({"1", ""}))) ==
          std::vector<std::string>{"-D 1 10"});
    // Deleted: the key is new again.
    CHECK(Lines(view.Apply(Row(1, 7), Cells({"1", "7"}))) == std::vector<std::string>{"+I 1 7"});
    CHECK(Lines(view.Apply(Row(9, std::nullopt), Cells({"9", ""}))) ==
          std::vector<std::string>{"-D 9 "});
  }

  TEST_CASE("windows of one key are different rows") {
    ChangelogView view;
    engine::PushQueryRow first = Row(1, 10);
    first.window = WindowBounds{0, 1000};
    engine::PushQueryRow second = Row(1, 20);
    second.window = WindowBounds{1000, 2000};
    CHECK(Lines(view.Apply(first, Cells({"1", "10"}))) == std::vector<std::string>{"+I 1 10"});
    CHECK(Lines(view.Apply(second, Cells({"1", "20"}))) == std::vector<std::string>{"+I 1 20"});
  }
}

}  // namespace
}  // namespace fluxo::cli::shell
