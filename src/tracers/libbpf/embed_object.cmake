# Writes the bytes of IN as a C array named SYMBOL into OUT, so the BPF
# object travels inside the binary (no file to find at run time).
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 bytes per line keeps the generated file readable in a debugger.
string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from ${IN} by embed_object.cmake: do not edit. */
#include <stddef.h>

/* libelf reads ELF headers in place: keep 8-byte alignment. */
_Alignas(8) const unsigned char ${SYMBOL}[] = {
    ${bytes}
};
const size_t ${SYMBOL}_size = ${size};
")
