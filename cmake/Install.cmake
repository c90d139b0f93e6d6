# `cmake --install build [--prefix DIR]` and `cpack -G DEB` (from the build folder).
#
#   bin/guidegraph                                   the program (needs no data files)
#   share/man/man1/guidegraph.1                      the manual (doc/guidegraph.1)
#   share/bash-completion/completions/guidegraph     bash completion
#   share/guidegraph/{vocab,shapes}/…                the vocabulary, the country table, the
#                                                    JSON-LD context and the shapes, for users
#                                                    who want the files
#   share/doc/guidegraph/{README.md,LICENSE,copyright,changelog}
include(GNUInstallDirs)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS guidegraph RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES doc/guidegraph.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completion/guidegraph.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME guidegraph)
install(FILES vocab/guidegraph.ttl vocab/countries.ttl vocab/countries.tsv vocab/context.jsonld
        DESTINATION ${CMAKE_INSTALL_DATADIR}/guidegraph/vocab)
install(FILES shapes/guidegraph.ttl DESTINATION ${CMAKE_INSTALL_DATADIR}/guidegraph/shapes)
install(FILES README.md packaging/copyright packaging/changelog
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package. Its dependencies come from the libraries the program links
# (dpkg-shlibdeps); graphviz is recommended because `map --render` runs `dot`.
set(CPACK_PACKAGE_NAME guidegraph)
set(CPACK_PACKAGE_VENDOR "the guidegraph authors")
set(CPACK_PACKAGE_CONTACT "guidegraph maintainers <guidegraph@w3id.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "knowledge graphs from Hugo websites of country guides")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS graphviz)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The extended description; CPack indents it for Debian's control file.
set(CPACK_PACKAGE_DESCRIPTION "guidegraph reads a Hugo website of country guides for getting started in
research - Markdown pages that recommend information sources such as NGOs,
government bodies and media - and exports it as a validated linked-data
knowledge graph.

It writes Turtle, N-Triples, N-Quads, TriG and JSON-LD, checks the graph
against SHACL shapes with file:line:col diagnostics, publishes per-page data
files for static hosting, draws GraphViz maps, writes MARC 21 and Dublin Core
catalog records, and loads the graph into SPARQL stores.")
# Debian wants the manual and the changelog compressed inside the package.
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/CompressDocs.cmake)
include(CPack)
