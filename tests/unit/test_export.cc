// bench's exporters (export/export.h): one document, four formats. Typed
// cells go out as values to tools and as words to people; "a.b" keys nest
// in JSON (null when all of a is none); CSV has one header over every
// table; words about the data stay off the machine formats' data.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" {
#include "export/export.h"
}

namespace {

// EX_ROW's compound literal is C; the same from C++.
template <size_t N>
void row(ex_table *t, unsigned where, const ex_cell (&cells)[N]) {
  ex_table_add(t, where, cells, N);
}

struct Written {
  std::string out, msgs;
};

Written write(const ex_doc &d, ex_format fmt) {
  char *o = nullptr, *m = nullptr;
  size_t ol = 0, ml = 0;
  FILE *fo = open_memstream(&o, &ol), *fm = open_memstream(&m, &ml);
  EXPECT_EQ(0, ex_write(&d, fmt, fo, fm));
  fclose(fo);
  fclose(fm);
  Written w{std::string(o, ol), std::string(m, ml)};
  free(o);
  free(m);
  return w;
}

const ex_column kCols[] = {
    {"Case", "case", false, false, 0},
    {"Time", "median_us", true, false, 0},
    {nullptr, "side.n", false, false, EX_IN_JSON},
    {nullptr, "side.cv", false, false, EX_IN_JSON},
    {nullptr, "n", false, false, EX_IN_CSV},
    {"Ok", nullptr, false, false, 0},
};

// Two cases, one of them without its side; a note and a warning around.
void build(ex_doc *d) {
  ex_doc_init(d);
  ex_note(d, "about `%s`", "A|B");
  ex_meta(d, "alpha", ex_real(0.05));
  ex_table *t = ex_doc_table(d, "cases", kCols, 6, EX_EVERYWHERE);
  ASSERT_NE(nullptr, t);
  row(t, EX_EVERYWHERE, {ex_text("A|B"), ex_shown(ex_time(95.1), "95.1 us/call"),
         ex_count(10), ex_real(0.02), ex_count(10), ex_bool(true)});
  row(t, EX_EVERYWHERE, {ex_text("C"), ex_time(NAN), ex_none(), ex_none(), ex_none(),
         ex_bool(false)});
  row(t, EX_HUMAN, {ex_text("total"), ex_time(1e3), ex_none(), ex_none(), ex_none(),
         ex_none()});
  ex_warning(d, "C has no samples");
}

}  // namespace

TEST(Export, TableShowsWordsAroundAlignedColumns) {
  ex_doc d;
  build(&d);
  Written w = write(d, EX_TABLE);
  EXPECT_EQ("note: about A|B\n"
            "Case            Time   Ok\n"
            "-----   ------------   ---\n"
            "A|B     95.1 us/call   yes\n"
            "C                n/a   no\n"
            "total        1.00 ms   \n"
            "warning: C has no samples\n",
            w.out);
  EXPECT_EQ("", w.msgs);
  ex_doc_free(&d);
}

TEST(Export, MarkdownEscapesAndPartsBlocks) {
  ex_doc d;
  build(&d);
  Written w = write(d, EX_MARKDOWN);
  EXPECT_EQ("about `A|B`\n"
            "\n"
            "| Case  |         Time | Ok  |\n"
            "|:------|-------------:|:----|\n"
            "| A\\|B  | 95.1 us/call | yes |\n"
            "| C     |          n/a | no  |\n"
            "| total |      1.00 ms |     |\n"
            "\n"
            "- warning: C has no samples\n",
            w.out);
  ex_doc_free(&d);
}

TEST(Export, JsonNestsAndNullsAndKeepsWordsInTheirLists) {
  ex_doc d;
  build(&d);
  Written w = write(d, EX_JSON);
  EXPECT_EQ("{\n"
            "  \"alpha\": 0.05,\n"
            "  \"notes\": [\"about A|B\"],\n"
            "  \"cases\": [\n"
            "    {\"case\": \"A|B\", \"median_us\": 95.1, \"side\": {\"n\": 10, \"cv\": 0.02}},\n"
            "    {\"case\": \"C\", \"median_us\": null, \"side\": null}\n"
            "  ],\n"
            "  \"warnings\": [\"C has no samples\"]\n"
            "}\n",
            w.out);
  EXPECT_EQ("note: about A|B\nwarning: C has no samples\n", w.msgs);
  ex_doc_free(&d);
}

TEST(Export, CsvHasOneHeaderOverEveryTable) {
  ex_doc d;
  build(&d);
  static const ex_column more[] = {{nullptr, "key", false, false, 0},
                                   {nullptr, "n", false, false, 0}};
  ex_table *t = ex_doc_table(&d, "other", more, 2, EX_EVERYWHERE);
  ex_table_field(t, "map", ex_text("@m"), EX_EVERYWHERE);
  row(t, EX_EVERYWHERE, {ex_text("x,y"), ex_count(3)});
  Written w = write(d, EX_CSV);
  EXPECT_EQ("case,median_us,n,map,key\n"
            "A|B,95.1,10,,\n"
            "C,,,,\n"
            ",,3,@m,\"x,y\"\n",
            w.out);
  EXPECT_EQ("note: about A|B\nwarning: C has no samples\n", w.msgs);
  ex_doc_free(&d);
}

TEST(Export, OneKeylessTableIsABareArray) {
  static const ex_column cols[] = {{"Test", "test", false, false, 0}};
  ex_doc d;
  ex_doc_init(&d);
  ex_table *t = ex_doc_table(&d, nullptr, cols, 1, EX_EVERYWHERE);
  row(t, EX_EVERYWHERE, {ex_text("a\"b")});
  EXPECT_EQ("[\n  {\"test\": \"a\\\"b\"}\n]\n", write(d, EX_JSON).out);
  ex_doc_free(&d);
}
