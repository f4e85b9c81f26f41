# Everything that makes kaoping one installable program: the forms compiled into the binary,
# the man pages, the `cmake --install` layout and the Debian package (CPack). Included at the
# end of CMakeLists.txt, after the targets it extends.
include(GNUInstallDirs)

# The default forms are compiled in (docs/forms.md), so the binary runs alone; a folder named
# by --forms or $KAOPING_FORMS overrides them at run time.
file(GLOB kaoping_forms CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/forms/*.form)
set(kaoping_forms_c ${CMAKE_BINARY_DIR}/generated/forms_builtin.c)
add_custom_command(OUTPUT ${kaoping_forms_c}
  COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_SOURCE_DIR}/assets/forms -DEXT=form
          -DOUT=${kaoping_forms_c} -DHEADER=ui/formspec.h -DTYPE=formspec_text
          -DARRAY=formspec_builtin -P ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  DEPENDS ${kaoping_forms} ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  COMMENT "Compiling assets/forms into the binary" VERBATIM)
target_sources(kp_ui PRIVATE ${kaoping_forms_c})

# The scheme presets (qitai, beijing, zhengding, hangzhou) are data files compiled in the same
# way (docs/scheme.md); the model layer parses them, so they are part of kp_model.
file(GLOB kaoping_schemes CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/schemes/*.scheme)
set(kaoping_schemes_c ${CMAKE_BINARY_DIR}/generated/schemes_builtin.c)
add_custom_command(OUTPUT ${kaoping_schemes_c}
  COMMAND ${CMAKE_COMMAND} -DDIR=${CMAKE_SOURCE_DIR}/assets/schemes -DEXT=scheme
          -DOUT=${kaoping_schemes_c} -DHEADER=model/preset.h -DTYPE=preset_text
          -DARRAY=preset_builtin -P ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  DEPENDS ${kaoping_schemes} ${CMAKE_SOURCE_DIR}/cmake/embed_assets.cmake
  COMMENT "Compiling assets/schemes into the binary" VERBATIM)
target_sources(kp_model PRIVATE ${kaoping_schemes_c})

# The man pages: man/genman.c fills the templates from the program's own tables (the text of
# --help, the command table, the form rules), so they cannot go stale. Debian wants them
# gzip -9n (no timestamp: the same input gives the same package).
add_executable(kaoping_genman ${CMAKE_SOURCE_DIR}/man/genman.c)
target_link_libraries(kaoping_genman PRIVATE kp_cli kp_ui)
set(kaoping_man_pages "")
foreach(page kaoping.1 kaoping-forms.5)
  set(out ${CMAKE_BINARY_DIR}/man/${page})
  add_custom_command(OUTPUT ${out} ${out}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND kaoping_genman ${CMAKE_SOURCE_DIR}/man/${page}.in ${out} ${PROJECT_VERSION}
    COMMAND gzip -9nkf ${out}
    DEPENDS kaoping_genman ${CMAKE_SOURCE_DIR}/man/${page}.in
    COMMENT "Generating man page ${page}" VERBATIM)
  list(APPEND kaoping_man_pages ${out}.gz)
endforeach()
add_custom_target(man ALL DEPENDS ${kaoping_man_pages})

# Debian's changelog and copyright go into the doc folder with the docs; the changelog gzipped
# like the man pages.
set(kaoping_changelog ${CMAKE_BINARY_DIR}/deb/changelog.gz)
add_custom_command(OUTPUT ${kaoping_changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/deb
  COMMAND gzip -9n -c ${CMAKE_SOURCE_DIR}/cmake/deb/changelog > ${kaoping_changelog}
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/deb/changelog VERBATIM)
add_custom_target(deb_changelog ALL DEPENDS ${kaoping_changelog})

# Debian's hardening: a fully read-only GOT (relro + bindnow; lintian's hardening-no-bindnow).
target_link_options(kaoping PRIVATE LINKER:-z,relro LINKER:-z,now)

# `cmake --install`: the usual places under the prefix (GNUInstallDirs). The forms are in the
# binary already; the copies in share/kaoping/forms are for a county that edits them
# (docs/forms.md). The program never writes under the prefix: databases live in the operator's
# home (docs/store.md), so removing the package leaves them alone.
install(TARGETS kaoping RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_BINARY_DIR}/man/kaoping.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/man/kaoping-forms.5.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
file(GLOB kaoping_docs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/*.md)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${kaoping_docs} ${CMAKE_SOURCE_DIR}/cmake/deb/copyright
              ${kaoping_changelog}
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${kaoping_forms} DESTINATION ${CMAKE_INSTALL_DATADIR}/kaoping/forms)
# The preset files, for a county that starts its own from one (docs/scheme.md).
install(FILES ${kaoping_schemes} DESTINATION ${CMAKE_INSTALL_DATADIR}/kaoping/schemes)

# The .deb: `cmake --build build/default --target package` or scripts/package. Depends is
# computed by dpkg-shlibdeps (dpkg-dev) from the libraries the binary really links, so it
# follows the build (ncursesw, sqlite3, libcsv, and libzip/expat/libxlsxwriter when linked).
set(KAOPING_PACKAGE_CONTACT "kaoping maintainers <kaoping@example.org>" CACHE STRING
    "Maintainer field of the .deb")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kaoping)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${KAOPING_PACKAGE_CONTACT})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
file(READ ${CMAKE_SOURCE_DIR}/cmake/deb/description CPACK_DEBIAN_PACKAGE_DESCRIPTION)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/deb/description)
string(STRIP "${CPACK_DEBIAN_PACKAGE_DESCRIPTION}" CPACK_DEBIAN_PACKAGE_DESCRIPTION)
include(CPack)
