#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>

#include <syscost/json.h>

#include <unistd.h>

namespace {

struct Parsed {
  sc_json *v = nullptr;
  sc_json_error err{};
  explicit Parsed(const std::string &text) { v = sc_json_parse(text.data(), text.size(), &err); }
  ~Parsed() { sc_json_free(v); }
};

}  // namespace

TEST(Json, ScalarsAndContainers) {
  Parsed p(" {\"a\": [1, -2.5, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": []} ");
  ASSERT_NE(nullptr, p.v) << p.err.msg;
  ASSERT_EQ(SC_JSON_OBJECT, p.v->type);
  const sc_json *a = sc_json_get(p.v, "a");
  ASSERT_NE(nullptr, a);
  ASSERT_EQ(SC_JSON_ARRAY, a->type);
  ASSERT_EQ(5u, a->count);
  EXPECT_TRUE(a->items[0]->is_integer);
  EXPECT_EQ(1, a->items[0]->integer);
  EXPECT_FALSE(a->items[1]->is_integer);
  EXPECT_DOUBLE_EQ(-2.5, a->items[1]->number);
  EXPECT_EQ(SC_JSON_BOOL, a->items[2]->type);
  EXPECT_TRUE(a->items[2]->boolean);
  EXPECT_FALSE(a->items[3]->boolean);
  EXPECT_EQ(SC_JSON_NULL, a->items[4]->type);
  EXPECT_STREQ("d", sc_json_get(sc_json_get(p.v, "b"), "c")->string);
  EXPECT_EQ(0u, sc_json_get(p.v, "e")->count);
  EXPECT_EQ(nullptr, sc_json_get(p.v, "missing"));
  EXPECT_EQ(nullptr, sc_json_get(a, "a"));  // not an object
}

TEST(Json, IntegersBeyondDoublePrecisionStayExact) {
  Parsed p("[9007199254740993, -9223372036854775808, 1e3, 99999999999999999999]");
  ASSERT_NE(nullptr, p.v) << p.err.msg;
  EXPECT_TRUE(p.v->items[0]->is_integer);
  EXPECT_EQ(INT64_C(9007199254740993), p.v->items[0]->integer);
  EXPECT_EQ(INT64_MIN, p.v->items[1]->integer);
  EXPECT_FALSE(p.v->items[2]->is_integer);  // an exponent makes it a double
  EXPECT_DOUBLE_EQ(1000, p.v->items[2]->number);
  EXPECT_FALSE(p.v->items[3]->is_integer);  // does not fit 64 bits
  EXPECT_DOUBLE_EQ(1e20, p.v->items[3]->number);
}

// bpftrace's counters are u64: 2^63 and 2^64 - 1 are counts, not fractions.
TEST(Json, UnsignedIntegersUpTo2To64Minus1StayExact) {
  Parsed p("[9223372036854775808, 18446744073709551615, 18446744073709551616, -1, 0, 2.0]");
  ASSERT_NE(nullptr, p.v) << p.err.msg;
  const sc_json *const *v = p.v->items;
  EXPECT_TRUE(v[0]->integral);
  EXPECT_FALSE(v[0]->is_integer);  // past INT64_MAX
  EXPECT_TRUE(v[0]->is_unsigned);
  EXPECT_EQ(UINT64_C(9223372036854775808), v[0]->uinteger);
  EXPECT_TRUE(v[1]->is_unsigned);
  EXPECT_EQ(UINT64_MAX, v[1]->uinteger);
  EXPECT_TRUE(v[2]->integral);  // written as an integer, but past 2^64 - 1
  EXPECT_FALSE(v[2]->is_unsigned);
  EXPECT_FALSE(v[2]->is_integer);
  EXPECT_TRUE(v[3]->is_integer);
  EXPECT_FALSE(v[3]->is_unsigned);  // negative
  EXPECT_TRUE(v[4]->is_unsigned);
  EXPECT_EQ(0u, v[4]->uinteger);
  EXPECT_FALSE(v[5]->integral);  // a fraction part, even .0
  EXPECT_FALSE(v[5]->is_unsigned);
}

// Editors on Windows start UTF-8 files with a byte order mark (EF BB BF).
TEST(Json, AcceptsALeadingByteOrderMark) {
  Parsed p("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_NE(nullptr, p.v) << p.err.msg;
  EXPECT_EQ(1, sc_json_get(p.v, "a")->integer);
  EXPECT_EQ(1, p.v->col);  // columns count from after the mark
  Parsed bad("\xEF\xBB\xBF{\"a\": x}");
  ASSERT_EQ(nullptr, bad.v);
  EXPECT_EQ(7, bad.err.col) << bad.err.msg;
  // Only at the start: elsewhere it is a stray byte.
  Parsed inside("{\"a\": \xEF\xBB\xBF" "1}");
  EXPECT_EQ(nullptr, inside.v);
}

TEST(Json, StringEscapesDecodeToUtf8) {
  Parsed p("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u20ac\\ud83d\\ude00\"");
  ASSERT_NE(nullptr, p.v) << p.err.msg;
  EXPECT_STREQ("a\"b\\c/d\n\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", p.v->string);
  EXPECT_EQ(strlen(p.v->string), p.v->len);
}

TEST(Json, ValuesRecordTheirPosition) {
  Parsed p("{\n  \"k\": [\n    7]}");
  ASSERT_NE(nullptr, p.v);
  const sc_json *k = sc_json_get(p.v, "k");
  EXPECT_EQ(2, k->line);
  EXPECT_EQ(8, k->col);
  EXPECT_EQ(3, k->items[0]->line);
  EXPECT_EQ(5, k->items[0]->col);
}

struct BadCase {
  const char *text;
  int line, col;
  const char *msg_part;
};

// Readable test names and failure messages instead of the struct's bytes.
void PrintTo(const BadCase &c, std::ostream *os) { *os << '"' << c.text << '"'; }

class JsonBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonBad, FailsWithLineColumnAndReason) {
  const BadCase &c = GetParam();
  Parsed p(c.text);
  EXPECT_EQ(nullptr, p.v);
  EXPECT_EQ(c.line, p.err.line) << c.text << ": " << p.err.msg;
  EXPECT_EQ(c.col, p.err.col) << c.text << ": " << p.err.msg;
  EXPECT_NE(nullptr, strstr(p.err.msg, c.msg_part)) << p.err.msg;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, JsonBad,
    ::testing::Values(
        BadCase{"", 1, 1, "end of input"},
        BadCase{"{\n  \"a\": [1,\n 2,, 3]\n}", 3, 4, "unexpected ','"},
        BadCase{"{\"a\" 1}", 1, 6, "expected ':'"},
        BadCase{"{\"a\": 1,}", 1, 9, "quoted key"},
        BadCase{"[1 2]", 1, 4, "expected ',' or ']'"},
        BadCase{"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}'"},
        BadCase{"\"abc", 1, 1, "unterminated string"},
        BadCase{"\"a\nb\"", 1, 3, "control character"},
        BadCase{"\"\\x\"", 1, 2, "invalid escape"},
        BadCase{"\"\\u12g4\"", 1, 2, "\\u escape"},
        BadCase{"\"\\ud83d\"", 1, 2, "surrogate"},
        BadCase{"0123", 1, 1, "leading zeros"},
        BadCase{"1.", 1, 3, "after '.'"},
        BadCase{"-", 1, 1, "expected a digit"},
        BadCase{"1e", 1, 3, "exponent"},
        BadCase{"tru", 1, 1, "'true'"},
        BadCase{"nul", 1, 1, "'null'"},
        BadCase{"{} x", 1, 4, "after the value"},
        BadCase{"[1]\n\n  ]", 3, 3, "after the value"},
        BadCase{"'a'", 1, 1, "unexpected '''"}),
    [](const ::testing::TestParamInfo<BadCase> &info) { return "case" + std::to_string(info.index); });

TEST(Json, DeepNestingIsRejectedNotRecursedForever) {
  std::string deep(100000, '[');
  Parsed p(deep);
  EXPECT_EQ(nullptr, p.v);
  EXPECT_NE(nullptr, strstr(p.err.msg, "nesting deeper"));
  std::string ok = std::string(200, '[') + std::string(200, ']');
  Parsed q(ok);
  EXPECT_NE(nullptr, q.v) << q.err.msg;
}

TEST(Json, ParseFileReportsUnreadableFiles) {
  sc_json_error err;
  EXPECT_EQ(nullptr, sc_json_parse_file("/nonexistent/x.json", &err));
  EXPECT_EQ(0, err.line);
  EXPECT_NE(nullptr, strstr(err.msg, "cannot open"));

  char path[] = "/tmp/syscost-test-json.XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  const char text[] = "{\"context\": {\"host\": \"x\"},\n \"benchmarks\": [{\"name\": \"BM\"}]}\n";
  ASSERT_EQ((ssize_t)strlen(text), write(fd, text, strlen(text)));
  close(fd);
  sc_json *v = sc_json_parse_file(path, &err);
  unlink(path);
  ASSERT_NE(nullptr, v) << err.msg;
  EXPECT_STREQ("BM", sc_json_get(sc_json_get(v, "benchmarks")->items[0], "name")->string);
  sc_json_free(v);
}
