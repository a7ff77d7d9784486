// Markdown out of hostile names: one helper (md_escape) behind every
// markdown bench writes, so a test name with a newline, '|', raw HTML or a
// backtick neither breaks a table row or heading nor becomes markup; and the
// report's markup keeps %s arguments literal in both markdown and HTML.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" {
#include "doc_markup.h"
#include "md_escape.h"
#include "report_doc.h"
#include "export/export.h"
}

namespace {

template <typename F>
std::string capture(F write) {
  char *buf = nullptr;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  write(f);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

std::string text(const std::string &s, unsigned ctx) {
  return capture([&](FILE *f) { md_put_text(f, s.c_str(), s.size(), ctx); });
}

std::string code(const std::string &s, unsigned ctx) {
  return capture([&](FILE *f) { md_put_code(f, s.c_str(), s.size(), ctx); });
}

bool contains(const std::string &hay, const std::string &needle) {
  return hay.find(needle) != std::string::npos;
}

const std::string kHostile = "A.B|C\n# <script>alert(1)</script> `x` *y* [l](u) &amp; $m$ ~~s~~";

TEST(MdEscape, OrdinaryNamesStayReadable) {
  EXPECT_EQ(text("BpftraceProfiler.ManySmallWrites", MD_SPACED), "BpftraceProfiler.ManySmallWrites");
  EXPECT_EQ(text("Sink.Pipe/OneByte", MD_SPACED), "Sink.Pipe/OneByte");
  EXPECT_EQ(text("@syscall_lat_ns", MD_INLINE), "@syscall_lat_ns");
  EXPECT_EQ(text("~ (p=0.41 n=10+10)", MD_SPACED), "~ (p=0.41 n=10+10)");
  EXPECT_EQ(text("751x faster (p=1.1e-05 n=10+10)", MD_SPACED), "751x faster (p=1.1e-05 n=10+10)");
  EXPECT_EQ(code("BpftraceProfiler.ManySmallWrites", MD_IN_TABLE), "`BpftraceProfiler.ManySmallWrites`");
}

TEST(MdEscape, TextCannotBecomeMarkup) {
  std::string out = text(kHostile, MD_SPACED | MD_IN_TABLE);
  EXPECT_EQ(out, "A.B\\|C \\# \\<script>alert(1)\\</script> \\`x\\` \\*y\\* [l\\](u) \\&amp; "
                 "\\$m\\$ \\~\\~s\\~\\~");
  EXPECT_EQ(out.find('\n'), std::string::npos);
  // At the start of a line nothing may open a block.
  EXPECT_EQ(text("# title", MD_LINE_START), "\\# title");
  EXPECT_EQ(text("- item", MD_LINE_START), "\\- item");
  EXPECT_EQ(text("1. item", MD_LINE_START), "1\\. item");
  EXPECT_EQ(text("  > quote", MD_LINE_START), "\\> quote");
  EXPECT_EQ(text("_x_", MD_INLINE), "\\_x\\_");
  EXPECT_EQ(text("a*b", MD_INLINE), "a\\*b");
  EXPECT_EQ(text("*", MD_INLINE), "\\*");  // next to whatever surrounds it
  EXPECT_EQ(text("*", MD_SPACED), "*");
  // A link needs a ']': escaped always, so a '[' alone on its line or in a cell stays.
  EXPECT_EQ(text("[l](u)", MD_INLINE), "\\[l\\](u)");
  EXPECT_EQ(text("@m[write]", MD_ALONE), "@m[write\\]");
  EXPECT_EQ(text("[128, 256)", MD_SPACED | MD_IN_TABLE), "[128, 256)");
}

TEST(MdEscape, CodeSpansShowTheirTextExactly) {
  EXPECT_EQ(code("a`b", MD_INLINE), "``a`b``");
  EXPECT_EQ(code("`x``", MD_INLINE), "``` `x`` ```");
  EXPECT_EQ(code(" x ", MD_INLINE), "`  x  `");
  EXPECT_EQ(code("a\nb", MD_INLINE), "`a b`");
  EXPECT_EQ(code("<b>", MD_INLINE), "`<b>`");
  // GitHub splits table cells on '|' even inside code: such text goes out escaped.
  EXPECT_EQ(code("a|b", MD_IN_TABLE | MD_SPACED), "a\\|b");
  EXPECT_EQ(code("a|b", MD_INLINE), "`a|b`");
}

TEST(MdEscape, CodeBlocksOutlastTheirFences) {
  std::string out = capture([](FILE *f) { md_put_code_block(f, "a\n```\nb\x01", "text"); });
  EXPECT_EQ(out, "````text\na\n```\nb \n````\n");
  EXPECT_EQ(capture([](FILE *f) { md_put_code_block(f, "x\n", "text"); }), "```text\nx\n```\n");
}

TEST(MdEscape, LinkDestinationsArePercentEncoded) {
  EXPECT_EQ(capture([](FILE *f) { md_put_link_dest(f, "plots/hist-syslat.png"); }),
            "plots/hist-syslat.png");
  EXPECT_EQ(capture([](FILE *f) { md_put_link_dest(f, "a b)<c>\n"); }), "a%20b%29%3Cc%3E%0A");
}

TEST(MdEscape, TableRowsStayWholeWithHostileCells) {
  static const ex_column cols[] = {{"Test", nullptr, false, true, 0},
                                   {"Value", nullptr, false, false, 0}};
  ex_table t;
  ex_table_init(&t, nullptr, cols, 2);
  const char *row1[] = {kHostile.c_str(), "1 | 2\nthree"};
  const char *row2[] = {"Plain.Case", "x"};
  ex_table_add_texts(&t, row1);
  ex_table_add_texts(&t, row2);
  ASSERT_FALSE(t.oom);
  std::string md = capture([&](FILE *f) { ex_table_write_human(&t, EX_MARKDOWN, f); });
  ex_table_free(&t);
  // Four lines (header, rule, two rows), each with exactly three unescaped '|'.
  size_t lines = 0, start = 0;
  for (size_t nl; (nl = md.find('\n', start)) != std::string::npos; start = nl + 1, lines++) {
    std::string line = md.substr(start, nl - start);
    int bars = 0;
    for (size_t i = 0; i < line.size(); i++)
      bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    EXPECT_EQ(bars, 3) << line;
  }
  EXPECT_EQ(lines, 4u) << md;
  EXPECT_TRUE(contains(md, "| `Plain.Case` ")) << md;
  EXPECT_TRUE(contains(md, "1 \\| 2 three")) << md;
  for (size_t i = 0; i < md.size(); i++)
    if (md[i] == '<') {
      EXPECT_EQ(md[i - 1], '\\') << "raw HTML in: " << md;
    }
}

TEST(DocMarkup, ArgumentsAreLiteralMarksComeFromTheFormat) {
  char *m = doc_markup_format("`%s` is **%s** at %.1f%% (%zu, %5s|%-4s|)", "a`b*c\\", "x**y", 12.34,
                              static_cast<size_t>(7), "ab", "cd");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(std::string(m), "`a\\`b\\*c\\\\` is **x\\*\\*y** at 12.3% (7,    ab|cd  |)");
  free(m);
  int where = 0;
  EXPECT_EQ(doc_markup_format("%n", &where), nullptr);
}

TEST(DocMarkup, HostileTestNamesInAReport) {
  struct doc d = {};
  doc_heading(&d, 3, "%s (%s)", "Evil\n## Owned <img src=x onerror=alert(1)>", "syslat");
  doc_para(&d, "From `%s`; **%s** faster.", "a`b|c.json", "751x");
  doc_item(&d, "%s", "# not a heading");
  std::string md = capture([&](FILE *f) { EXPECT_EQ(doc_write_markdown(&d, f), 0); });
  EXPECT_TRUE(contains(md, "### Evil \\#\\# Owned \\<img src=x onerror=alert(1)> (syslat)\n")) << md;
  EXPECT_TRUE(contains(md, "From ``a`b|c.json``; **751x** faster.")) << md;
  EXPECT_TRUE(contains(md, "- \\# not a heading\n")) << md;
  std::string page = capture([&](FILE *f) {
    char err[128];
    EXPECT_EQ(doc_write_html(&d, f, "t", err, sizeof(err)), 0);
  });
  EXPECT_TRUE(contains(page, "<h3>Evil\n## Owned &lt;img src=x onerror=alert(1)&gt; (syslat)</h3>")) << page;
  EXPECT_TRUE(contains(page, "From <code>a`b|c.json</code>; <strong>751x</strong> faster.")) << page;
  doc_free(&d);
}

}  // namespace
