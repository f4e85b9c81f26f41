# Everything that makes kaoping one installable program: the forms compiled into the binary,
# the man pages, the `cmake --install` layout and the Debian package (CPack). Included at the
# end of CMakeLists.txt, after the targets it extends.
include(GNUInstallDirs)

# The default forms are compiled in (docs/forms.md), so the binary runs alone; a folder named
# by --forms or $KAOPING_FORMS overrides them at run time.
file(GLOB kaoping_forms CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/forms/*.form)
set(kaoping_forms_c ${CMAKE_BINARY_DIR}/generated/forms_builtin.c)
add_custom_command(OUTPUT ${kaoping_forms_c}
  COMMAND ${CMAKE_COMMAND} -DFORMS_DIR=${CMAKE_SOURCE_DIR}/assets/forms
          -DOUT=${kaoping_forms_c} -P ${CMAKE_SOURCE_DIR}/cmake/embed_forms.cmake
  DEPENDS ${kaoping_forms} ${CMAKE_SOURCE_DIR}/cmake/embed_forms.cmake
  COMMENT "Compiling assets/forms into the binary" VERBATIM)
target_sources(kp_ui PRIVATE ${kaoping_forms_c})
