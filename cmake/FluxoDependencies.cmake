# Finds every dependency of the engine. Each comes from a Debian package; when one is missing,
# the error names the package to install (scripts/install-deps.sh installs them all).

function(fluxo_missing what package)
  message(FATAL_ERROR
    "${what} was not found. Install the Debian package '${package}' "
    "(or run scripts/install-deps.sh, which installs every dependency).")
endfunction()

# ANTLR: the 4.7.2 tool (Java) generates C++ code that builds against the 4.9 C++ runtime.
find_program(ANTLR4_TOOL antlr4)
if(NOT ANTLR4_TOOL)
  fluxo_missing("The ANTLR tool 'antlr4'" "antlr4")
endif()
execute_process(COMMAND "${ANTLR4_TOOL}" OUTPUT_VARIABLE _antlr_banner ERROR_VARIABLE _antlr_banner
                RESULT_VARIABLE _antlr_result)
string(REGEX MATCH "Version ([0-9.]+)" _antlr_match "${_antlr_banner}")
set(ANTLR4_TOOL_VERSION "${CMAKE_MATCH_1}")
if(NOT ANTLR4_TOOL_VERSION)
  fluxo_missing("A working ANTLR tool (Java runtime)" "antlr4")
endif()

find_package(antlr4-runtime CONFIG QUIET)
if(NOT antlr4-runtime_FOUND)
  fluxo_missing("The ANTLR C++ runtime" "libantlr4-runtime-dev")
endif()
if(NOT ANTLR4_TOOL_VERSION MATCHES "^4\\.7\\." OR NOT ANTLR_VERSION MATCHES "^4\\.9")
  message(WARNING
    "Fluxo is tested with the ANTLR tool 4.7.x and C++ runtime 4.9.x (Debian 12); found tool "
    "${ANTLR4_TOOL_VERSION} and runtime ${ANTLR_VERSION}. Generated code may not compile.")
endif()
message(STATUS "ANTLR tool ${ANTLR4_TOOL_VERSION}, C++ runtime ${ANTLR_VERSION}")
add_library(fluxo_antlr_runtime INTERFACE)
target_link_libraries(fluxo_antlr_runtime INTERFACE antlr4_shared)
# The runtime headers trigger -Wattributes warnings with g++ 12: include them as SYSTEM.
target_include_directories(fluxo_antlr_runtime SYSTEM INTERFACE "${ANTLR4_INCLUDE_DIR}")

find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
  fluxo_missing("pkg-config" "pkg-config")
endif()
pkg_check_modules(RDKAFKA QUIET IMPORTED_TARGET rdkafka)
if(NOT RDKAFKA_FOUND)
  fluxo_missing("librdkafka" "librdkafka-dev")
endif()
message(STATUS "librdkafka ${RDKAFKA_VERSION}")

find_package(RocksDB CONFIG QUIET)
if(NOT RocksDB_FOUND)
  fluxo_missing("RocksDB" "librocksdb-dev")
endif()
message(STATUS "RocksDB ${RocksDB_VERSION}")

find_package(Boost 1.74 QUIET COMPONENTS program_options)
if(NOT Boost_FOUND)
  fluxo_missing("Boost.Program_options" "libboost-program-options-dev")
endif()

find_package(doctest CONFIG QUIET)
if(NOT doctest_FOUND)
  fluxo_missing("doctest" "doctest-dev")
endif()

find_package(Threads REQUIRED)

# JSON for the test harness (QTT case files); later the JSON serde may use it too.
find_package(nlohmann_json 3 CONFIG QUIET)
if(NOT nlohmann_json_FOUND)
  fluxo_missing("nlohmann-json" "nlohmann-json3-dev")
endif()

# simdjson: the JSON serde's parser (On-Demand API, which also gives a number's exact text).
find_package(simdjson CONFIG QUIET)
if(NOT simdjson_FOUND)
  fluxo_missing("simdjson" "libsimdjson-dev")
endif()
message(STATUS "simdjson ${simdjson_VERSION}")
