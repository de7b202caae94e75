# Wraps arkiv's system dependencies (Debian 12 packages, installed by
# tools/install-deps) as imported targets, so src/ and tests/ only name
# targets.
find_package(PkgConfig REQUIRED)

# Xapian's CMake file only sets variables; wrap them once.
find_package(Xapian 1.4 REQUIRED)
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp>=22.02)
add_library(Poppler::Cpp ALIAS PkgConfig::POPPLER_CPP)

find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
# Boost.Locale (messages, collation); Boost.Beast and Asio, header-only
# (Boost::headers), for `arkiv serve` (src/serve/server.cc).
find_package(Boost 1.74 REQUIRED COMPONENTS locale)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
# Reading the stored JSON (codec/json.h): a search parses every hit's.
find_package(simdjson 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)

# Attachments: ZIP packages (office files, archives), their XML, e-mail, HTML.
find_package(LibArchive 3.6 REQUIRED)
find_package(LibXml2 REQUIRED)
pkg_check_modules(Pugixml REQUIRED IMPORTED_TARGET pugixml>=1.13)
pkg_check_modules(GMime REQUIRED IMPORTED_TARGET gmime-3.0>=3.2)
# zlib (zlib1g-dev, which libxapian-dev already requires): the page
# helper deflates page images itself (src/extract/page_image.cc).
find_package(ZLIB REQUIRED)

# OCR of scanned pages (src/extract/ocr.cc): Tesseract 5 with Leptonica,
# optional. Without them arkiv builds and runs, and reports scans as
# "no text layer" as before; tools/install-deps installs them.
pkg_check_modules(TESSERACT IMPORTED_TARGET tesseract>=5 lept)
if(TESSERACT_FOUND)
  message(STATUS "OCR: tesseract ${TESSERACT_tesseract_VERSION}")
else()
  message(STATUS "OCR: tesseract not found (libtesseract-dev libleptonica-dev): scans are not read")
endif()

# jemalloc, the allocator of the extraction helper and the tools that link
# arkiv_core in ordinary builds (not of the CLI: src/CMakeLists.txt): Poppler
# and the analysis allocate many small objects on every core at once, and
# under glibc's malloc a fifth of an indexing run went to malloc/free and
# their arena locks (perf, tools/bench). Not with sanitizers or the fuzzer,
# which bring their own allocator.
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)

# Message catalogs are compiled with gettext's msgfmt.
find_program(MSGFMT_EXECUTABLE msgfmt REQUIRED)

# The CLI links ICU, Boost.Locale and libcrypto from the static archives
# the same Debian -dev packages ship. Every `arkiv search` is a process of
# its own: with them as shared objects, resolving their symbols and
# relocating them was a fifth of a one-word search (callgrind: 27.8 M
# instructions, 22.2 M static). Tests, tools and the extraction helper
# (arkiv-extract) keep the shared libraries.
set(ARKIV_STATIC_NAMES
    libboost_locale.a libboost_thread.a libboost_chrono.a libboost_atomic.a
    libicui18n.a libicuuc.a libicudata.a libcrypto.a)
set(ARKIV_CLI_STATIC_LIBS)
foreach(name ${ARKIV_STATIC_NAMES})
  string(MAKE_C_IDENTIFIER "ARKIV_STATIC_${name}" var)
  find_library(${var} NAMES ${name} REQUIRED)
  list(APPEND ARKIV_CLI_STATIC_LIBS ${${var}})
endforeach()
add_library(arkiv_cli_static_deps INTERFACE)
target_include_directories(arkiv_cli_static_deps INTERFACE ${ICU_INCLUDE_DIRS} ${Boost_INCLUDE_DIRS})
target_link_libraries(arkiv_cli_static_deps INTERFACE ${ARKIV_CLI_STATIC_LIBS} ${CMAKE_DL_LIBS} Threads::Threads)
# Their symbols stay inside the binary, not exported: a library the CLI
# loads binds to its own ICU, never to these copies. These archives by
# name, not ALL: clang links AddressSanitizer's runtime as an archive too,
# and hidden, its malloc and free are not the ones libstdc++ calls.
string(REPLACE ";" ":" ARKIV_STATIC_EXCLUDED "${ARKIV_STATIC_NAMES}")
target_link_options(arkiv_cli_static_deps INTERFACE "-Wl,--exclude-libs,${ARKIV_STATIC_EXCLUDED}")
