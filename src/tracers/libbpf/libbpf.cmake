# The libbpf tracer (--profile libbpf), included by src/tracers/CMakeLists.txt.
# It is built only where libbpf and a clang that targets BPF exist; otherwise
# the kit builds without it and --profile libbpf says why.
#
# Its kernel halves, bpf/syslat_fast.bpf.c, syscount.bpf.c and floor.bpf.c
# (types shared in bpf/syslat.h), are compiled here with clang and embedded as a C array, so the build needs no
# bpftool and no generated skeleton: one file decides whether the tracer can
# be built at all (libbpf for both halves, clang for the kernel half), as
# libbpf-tools' Makefile does for its tools.

set(SYSCOST_LIBBPF_MISSING "")
set(_bpf_src ${PROJECT_SOURCE_DIR}/bpf)
set(_here ${CMAKE_CURRENT_LIST_DIR})

# The syscall id -> name table of the TARGET's architecture (write is 1 on x86_64, 64 on arm64),
# read from <asm/unistd.h> by the compiler that builds the kit, with its target and sysroot, so a
# cross build gets the target's numbering. Built even without the tracer: the unit tests check it.
set(_names ${CMAKE_CURRENT_BINARY_DIR}/syscall_names.c)
add_custom_command(
  OUTPUT ${_names}
  COMMAND ${CMAKE_COMMAND} -DCC=${CMAKE_C_COMPILER} -DCC_TARGET=${CMAKE_C_COMPILER_TARGET}
          -DCC_SYSROOT=${CMAKE_SYSROOT} -DOUT=${_names} -P ${_here}/gen_syscall_names.cmake
  DEPENDS ${_here}/gen_syscall_names.cmake
  COMMENT "Generating the syscall name table from asm/unistd.h (${CMAKE_SYSTEM_PROCESSOR})"
  VERBATIM)
add_library(syscost_syscall_names STATIC ${_names})

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(LIBBPF QUIET IMPORTED_TARGET libbpf)
endif()
if(NOT LIBBPF_FOUND)
  set(SYSCOST_LIBBPF_MISSING "libbpf (libbpf-dev) was not found")
endif()

find_program(SYSCOST_BPF_CLANG NAMES clang clang-18 clang-17 clang-16 clang-15 clang-14)
if(NOT SYSCOST_LIBBPF_MISSING AND NOT SYSCOST_BPF_CLANG)
  set(SYSCOST_LIBBPF_MISSING "clang (needed to compile BPF programs) was not found")
endif()

if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(SYSCOST_BPF_ARCH x86)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
  set(SYSCOST_BPF_ARCH arm64)
elseif(NOT SYSCOST_LIBBPF_MISSING)
  set(SYSCOST_LIBBPF_MISSING "the CPU ${CMAKE_SYSTEM_PROCESSOR} is not supported by the BPF tracer")
endif()

# asm/types.h sits in the multiarch folder on Debian and Ubuntu.
set(SYSCOST_BPF_INCLUDES -I${_bpf_src})
if(CMAKE_LIBRARY_ARCHITECTURE)
  list(APPEND SYSCOST_BPF_INCLUDES -I/usr/include/${CMAKE_LIBRARY_ARCHITECTURE})
endif()
foreach(dir ${LIBBPF_INCLUDE_DIRS})
  list(APPEND SYSCOST_BPF_INCLUDES -I${dir})
endforeach()

if(NOT SYSCOST_LIBBPF_MISSING)
  # A clang without the BPF backend fails here, not halfway through the build.
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/probe.bpf.c "int probe(void) { return 0; }\n")
  execute_process(
    COMMAND ${SYSCOST_BPF_CLANG} -target bpf -O2 -c ${CMAKE_CURRENT_BINARY_DIR}/probe.bpf.c
            -o ${CMAKE_CURRENT_BINARY_DIR}/probe.bpf.o
    RESULT_VARIABLE _bpf_probe_rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT _bpf_probe_rc EQUAL 0)
    set(SYSCOST_LIBBPF_MISSING "${SYSCOST_BPF_CLANG} cannot compile for -target bpf")
  endif()
endif()

if(SYSCOST_LIBBPF_MISSING)
  message(STATUS "libbpf tracer: not built (${SYSCOST_LIBBPF_MISSING})")
  # The registry (tracers.c) names the reason when --profile libbpf is asked for.
  target_compile_definitions(syscost_tracers PRIVATE
    SYSCOST_LIBBPF_MISSING="${SYSCOST_LIBBPF_MISSING}")
  return()
endif()
message(STATUS "libbpf tracer: built (libbpf ${LIBBPF_VERSION}, ${SYSCOST_BPF_CLANG})")

# Each kernel side, compiled and embedded as syscost_<name>_bpf_object:
# syslat (bpf/syslat_fast.bpf.c, --profile libbpf), syscount (libbpf-count)
# and floor (libbpf-floor). -mcpu=v3: the thread filter's compare-and-swap.
set(_embedded)
foreach(_pair syslat:syslat_fast syscount:syscount floor:floor)
  string(REPLACE ":" ";" _pair ${_pair})
  list(GET _pair 0 _name)
  list(GET _pair 1 _src)
  set(_obj ${CMAKE_CURRENT_BINARY_DIR}/${_name}.bpf.o)
  add_custom_command(
    OUTPUT ${_obj}
    COMMAND ${SYSCOST_BPF_CLANG} -g -O2 -Wall -target bpf -mcpu=v3
            -D__TARGET_ARCH_${SYSCOST_BPF_ARCH} ${SYSCOST_BPF_INCLUDES}
            -c ${_bpf_src}/${_src}.bpf.c -o ${_obj}
    DEPENDS ${_bpf_src}/${_src}.bpf.c ${_bpf_src}/syslat.h ${_bpf_src}/log2_slot.bpf.h
            ${_bpf_src}/measured_thread.bpf.h
    COMMENT "Compiling BPF object ${_name}.bpf.o"
    VERBATIM)
  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${_name}_bpf_object.c
    COMMAND ${CMAKE_COMMAND} -DIN=${_obj} -DOUT=${CMAKE_CURRENT_BINARY_DIR}/${_name}_bpf_object.c
            -DSYMBOL=syscost_${_name}_bpf_object -P ${_here}/embed_object.cmake
    DEPENDS ${_obj} ${_here}/embed_object.cmake
    COMMENT "Embedding ${_name}.bpf.o"
    VERBATIM)
  list(APPEND _embedded ${CMAKE_CURRENT_BINARY_DIR}/${_name}_bpf_object.c)
endforeach()

target_sources(syscost_tracers PRIVATE
  ${_here}/syslat.c
  ${_embedded})
target_include_directories(syscost_tracers PRIVATE ${_bpf_src})
target_link_libraries(syscost_tracers PRIVATE PkgConfig::LIBBPF syscost_syscall_names)
target_compile_definitions(syscost_tracers PRIVATE SYSCOST_HAVE_LIBBPF=1)
