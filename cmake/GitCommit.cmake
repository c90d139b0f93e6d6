# Run at every build (cmake -P): writes OUTPUT with the git commit the sources are at, so that
# `guidegraph --version` names it. The file is rewritten only when its text changes, so an
# unchanged commit relinks nothing. Outside a git work tree (a release tarball) it says so.
# Inputs: SOURCE_DIR, OUTPUT.
set(commit "")
find_program(GIT git)
if(GIT AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE status ERROR_QUIET)
  if(NOT status EQUAL 0)
    set(commit "")
  elseif(commit)
    execute_process(COMMAND "${GIT}" -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                    OUTPUT_VARIABLE changes RESULT_VARIABLE status ERROR_QUIET)
    if(status EQUAL 0 AND NOT changes STREQUAL "")
      string(APPEND commit "-modified")
    endif()
  endif()
endif()
set(text "// Written by cmake/GitCommit.cmake at build time.\nnamespace guidegraph::cli {\nextern const char* const kGitCommit;\nconst char* const kGitCommit = \"${commit}\";\n}  // namespace guidegraph::cli\n")
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
