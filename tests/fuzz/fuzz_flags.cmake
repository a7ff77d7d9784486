# Included by the top CMakeLists.txt when SYSCOST_FUZZ is ON, before any
# target exists: every library the fuzzers reach gets coverage feedback and
# the sanitizers, or libFuzzer would fuzz blind.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SYSCOST_FUZZ needs clang (libFuzzer): configure with "
    "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
  -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1)
add_link_options(-fsanitize=address,undefined)
