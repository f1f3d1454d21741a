#include "cli/datagen/quickstart.h"

#include <array>

namespace fluxo::cli::datagen {

std::span<const Quickstart> Quickstarts() {
  static const std::array quickstarts = {
      TransactionsQuickstart(),
      TradesQuickstart(),
      UsersQuickstart(),
      PageviewsQuickstart(),
      BidsQuickstart(),
      PersonsQuickstart(),
      AuctionsQuickstart(),
  };
  return quickstarts;
}

const Quickstart* FindQuickstart(std::string_view name) {
  for (const Quickstart& quickstart : Quickstarts()) {
    if (quickstart.name == name) {
      return &quickstart;
    }
  }
  return nullptr;
}

}  // namespace fluxo::cli::datagen
