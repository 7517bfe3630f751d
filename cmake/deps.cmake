# deps.cmake — finds the Debian packages newsmine builds on; a missing one stops configure with
# the package to install.
find_package(PkgConfig QUIET)

function(nm_require name header lib pkg)
  find_path(${name}_INCLUDE_DIR ${header})
  find_library(${name}_LIBRARY ${lib})
  if(NOT ${name}_INCLUDE_DIR OR NOT ${name}_LIBRARY)
    message(FATAL_ERROR "newsmine needs ${name} (${header}, lib${lib}): apt-get install ${pkg}")
  endif()
  add_library(nm::${name} UNKNOWN IMPORTED)
  set_target_properties(nm::${name} PROPERTIES IMPORTED_LOCATION "${${name}_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${${name}_INCLUDE_DIR}")
endfunction()

nm_require(pcre2 pcre2.h pcre2-8 libpcre2-dev)
nm_require(utf8proc utf8proc.h utf8proc libutf8proc-dev)
nm_require(judy Judy.h Judy libjudy-dev)
nm_require(stemmer libstemmer.h stemmer libstemmer-dev)
nm_require(zlib zlib.h z zlib1g-dev)
nm_require(simdjson simdjson.h simdjson libsimdjson-dev)
nm_require(sqlite3 sqlite3.h sqlite3 libsqlite3-dev)
if(NM_BUILD_TESTS)
  nm_require(cmocka cmocka.h cmocka libcmocka-dev)
endif()
find_package(Threads REQUIRED)

# PCRE2 must have JIT: the extractors rely on it for speed.
include(CheckCSourceRuns)
set(CMAKE_REQUIRED_INCLUDES ${pcre2_INCLUDE_DIR})
set(CMAKE_REQUIRED_LIBRARIES ${pcre2_LIBRARY})
set(CMAKE_REQUIRED_DEFINITIONS -DPCRE2_CODE_UNIT_WIDTH=8)
check_c_source_runs("#include <pcre2.h>
int main(void){uint32_t jit=0; pcre2_config(PCRE2_CONFIG_JIT,&jit); return jit?0:1;}" NM_PCRE2_HAS_JIT)
unset(CMAKE_REQUIRED_INCLUDES)
unset(CMAKE_REQUIRED_LIBRARIES)
unset(CMAKE_REQUIRED_DEFINITIONS)
if(NOT NM_PCRE2_HAS_JIT)
  message(FATAL_ERROR "PCRE2 was built without JIT; newsmine needs Debian's libpcre2-dev (JIT on)")
endif()
