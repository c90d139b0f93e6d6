# CPack pre-build script: compresses the manual and the changelog in the package's staging
# folder with `gzip -9n` (no name or time stamp, so the package is reproducible), as Debian
# policy asks. `cmake --install` leaves them uncompressed.
file(GLOB_RECURSE staged LIST_DIRECTORIES false "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
list(FILTER staged INCLUDE REGEX "/(man/man1/guidegraph\\.1|doc/guidegraph/changelog)$")
list(LENGTH staged count)
if(NOT count EQUAL 2)
  message(FATAL_ERROR "expected the man page and the changelog in ${CPACK_TEMPORARY_INSTALL_DIRECTORY}, found: ${staged}")
endif()
foreach(f IN LISTS staged)
  execute_process(COMMAND gzip -9nf "${f}" RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "gzip ${f} failed")
  endif()
endforeach()
