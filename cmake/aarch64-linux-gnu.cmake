# Cross build for 64-bit Arm Linux (arm64) with Debian's cross compilers, for the
# cross-linux-arm64 preset (make cross-arm64; ci/install-cross-arm64.sh installs what it needs).
# The arm64 libraries are Debian multiarch packages (libbpf-dev:arm64 ...): their files sit in
# /usr/lib/aarch64-linux-gnu and /usr/include/aarch64-linux-gnu beside the native ones, which
# this file keeps out of the search. Programs built here run under qemu-user (make test-arm64):
# correct results, meaningless timings.
set(CMAKE_SYSTEM_NAME Linux)
# The target's CPU, not the host's: the BPF object is built for it (-D__TARGET_ARCH_arm64).
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# Multiarch: find_library, find_package and the BPF build look in the aarch64-linux-gnu folders.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config reads the arm64 .pc files only (libbpf, liburing), never the native ones.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(ENV{PKG_CONFIG_PATH} "")

# Tools (clang for the BPF object, gnuplot) are the host's; libraries and packages the target's.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# ctest and googletest's test discovery run the arm64 programs through qemu-user. They load
# the multiarch C library (libc6:arm64: /lib/ld-linux-aarch64.so.1, /lib/aarch64-linux-gnu),
# the one the arm64 libbpf and friends come with. No "-L /usr/aarch64-linux-gnu": that takes
# the loader from the cross compiler's libc6-arm64-cross, which can be an older build than
# libc6:arm64, and the loader of one build with the C library of another hangs in
# pthread_create.
find_program(SYSCOST_QEMU_AARCH64 qemu-aarch64)
if(SYSCOST_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SYSCOST_QEMU_AARCH64})
endif()
