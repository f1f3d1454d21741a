# format, check-format and check-tidy targets over the project's own sources.

set(FLUXO_SOURCE_DIRS parser planner runtime cli tests bench)
set(_fluxo_sources "")
foreach(dir ${FLUXO_SOURCE_DIRS})
  file(GLOB_RECURSE _dir_sources CONFIGURE_DEPENDS
       "${CMAKE_SOURCE_DIR}/${dir}/*.cpp" "${CMAKE_SOURCE_DIR}/${dir}/*.h")
  list(APPEND _fluxo_sources ${_dir_sources})
endforeach()

set(FLUXO_FORMATTED_SOURCES ${_fluxo_sources})
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  add_custom_target(format
    COMMAND "${CLANG_FORMAT}" -i --style=file ${_fluxo_sources}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "Formatting sources with clang-format")
  add_custom_target(check-format
    COMMAND "${CLANG_FORMAT}" --dry-run --Werror --style=file ${_fluxo_sources}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "Checking formatting with clang-format")
endif()

find_program(CLANG_TIDY NAMES clang-tidy clang-tidy-14)
if(CLANG_TIDY)
  set(_tidy_sources ${_fluxo_sources})
  list(FILTER _tidy_sources INCLUDE REGEX "\\.cpp$")
  list(FILTER _tidy_sources EXCLUDE REGEX "/tests/")
  # Files that include ANTLR's generated code cannot be checked: clang 14 rejects a header of
  # the ANTLR 4.9 runtime (misc/InterpreterDataReader.h default-constructs dfa::Vocabulary,
  # which has no default constructor) with a hard error that g++ accepts. These are the parser's
  # bridge files; everything else is checked.
  list(FILTER _tidy_sources EXCLUDE
       REGEX "/parser/(ast_builder_[a-z]+|keywords|parser|syntax_error_listener)\\.cpp$")
  add_custom_target(check-tidy
    COMMAND "${CLANG_TIDY}" -p "${CMAKE_BINARY_DIR}" --quiet ${_tidy_sources}
    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
    COMMENT "Running clang-tidy")
endif()
