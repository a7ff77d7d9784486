// The declared option tables (syscost/cli.h): every kind of option in both
// spellings, positional arguments by count, -h and --help, and the one
// error line; the help is generated from the same table.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include <syscost/cli.h>
}

// Tables name the fields they set; the rest are zero, as in C.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

// argv as main() gets it; values point into it, so it lives in the test.
struct Argv {
  std::vector<std::string> args;
  std::vector<char *> argv;
  explicit Argv(std::vector<std::string> a) : args(std::move(a)) {
    args.insert(args.begin(), "prog");
    for (auto &s : args) argv.push_back(&s[0]);
    argv.push_back(nullptr);
  }
  int argc() const { return (int)args.size(); }
};

const sc_opt_choice kFormats[] = {
    {"table", 0, false}, {"markdown", 1, false}, {"md", 1, true}, {nullptr, 0, false}};
const sc_arg kArgs[] = {{"BASE", 1, 1, "first"}, {"MORE", 0, SC_ARGS_MANY, "the rest"},
                        {nullptr, 0, 0, nullptr}};
const sc_cli kCli = {"demo", nullptr, "a demo", "About it.\n", nullptr, kArgs,
                     "{prog} a.csv --repeats 3\n", "Exit status: 0\n"};

int Upper(const sc_opt *opt, const char *v, char *why, size_t whylen) {
  if (*v < 'A' || *v > 'Z') {
    snprintf(why, whylen, "does not start with a capital");
    return -1;
  }
  *(const char **)opt->value = v;
  return 0;
}

// One parse of the test table; what the values and the error line became.
struct Parse {
  Argv args;  // the values point into it: it lives as long as the parse
  bool quick = false, repeats_given = false;
  const char *out = nullptr, *word = nullptr;
  uint64_t repeats = 10;
  double alpha = 0.05, pct = 0;
  int format = 0;
  std::vector<std::string> pos;
  std::string err;
  int rc = -1;

  explicit Parse(std::vector<std::string> a) : args(std::move(a)) {
    const sc_opt opts[] = {
        SC_OPT_FLAG("quick", 'q', &quick, "fast"),
        SC_OPT_STRING("out", 'o', &out, "DIR", "where"),
        {.kind = SC_OPT_COUNT, .name = "repeats", .value = &repeats, .arg = "N",
         .help = "how many", .min = 1, .max = 100, .given = &repeats_given},
        {.kind = SC_OPT_REAL, .name = "alpha", .value = &alpha, .arg = "A", .help = "level",
         .lo = 0, .hi = 1, .lo_open = true, .hi_open = true},
        {.kind = SC_OPT_REAL, .name = "threshold", .value = &pct, .arg = "PCT",
         .help = "percent", .lo = 0, .hi = 1000, .scale = 0.01},
        SC_OPT_ENUM("format", 0, &format, kFormats, "how"),
        {.kind = SC_OPT_CALL, .name = "word", .value = &word, .arg = "W", .help = "a capital",
         .check = Upper, .once = true},
        SC_OPT_END(),
    };
    std::vector<char *> slots(args.argv.size(), nullptr);
    int n = 0;
    testing::internal::CaptureStderr();
    rc = sc_cli_parse(&kCli, opts, args.argc(), args.argv.data(), slots.data(), &n);
    err = testing::internal::GetCapturedStderr();
    for (int i = 0; i < n && rc == SC_CLI_OK; i++) pos.push_back(slots[i]);
  }
};

std::string Help() {
  bool q = false;
  uint64_t n = 0;
  int f = 0;
  const sc_opt opts[] = {
      SC_OPT_GROUP("Measurement"),
      SC_OPT_COUNT("repeats", 0, &n, 1, 9, "N", "timed repeats\none sample each"),
      SC_OPT_FLAG("quick", 'q', &q, "fast"),
      SC_OPT_ENUM("format", 0, &f, kFormats, "how"),
      {.kind = SC_OPT_FLAG, .name = "secret", .value = &q},
      SC_OPT_END(),
  };
  char *buf = nullptr;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  sc_cli_help(&kCli, opts, "./bin/demo", m);
  fclose(m);
  std::string s(buf, len);
  free(buf);
  return s;
}

}  // namespace

TEST(Cli, BothSpellingsOfAValueMeanTheSame) {
  for (auto args : {std::vector<std::string>{"a", "--repeats", "7", "--out", "d", "-q"},
                    std::vector<std::string>{"a", "--repeats=7", "--out=d", "--quick"},
                    std::vector<std::string>{"-od", "a", "--repeats=7", "-q"},
                    std::vector<std::string>{"-o", "d", "--repeats", "7", "a", "-q"}}) {
    Parse p(args);
    ASSERT_EQ(SC_CLI_OK, p.rc) << p.err;
    EXPECT_EQ(7u, p.repeats);
    EXPECT_TRUE(p.repeats_given);
    EXPECT_STREQ("d", p.out);
    EXPECT_TRUE(p.quick);
    EXPECT_EQ(std::vector<std::string>{"a"}, p.pos);
  }
}

TEST(Cli, EveryKindTakesItsValue) {
  Parse p({"x", "--alpha=0.5", "--threshold", "3", "--format", "md", "--word=Hi", "y", "z"});
  ASSERT_EQ(SC_CLI_OK, p.rc) << p.err;
  EXPECT_DOUBLE_EQ(0.5, p.alpha);
  EXPECT_DOUBLE_EQ(0.03, p.pct);
  EXPECT_EQ(1, p.format);
  EXPECT_STREQ("Hi", p.word);
  EXPECT_FALSE(p.repeats_given);
  EXPECT_EQ((std::vector<std::string>{"x", "y", "z"}), p.pos);
}

TEST(Cli, HelpInEitherSpellingWherever) {
  EXPECT_EQ(SC_CLI_HELP, Parse({"-h"}).rc);
  EXPECT_EQ(SC_CLI_HELP, Parse({"--help"}).rc);
  // Before the missing argument is noticed, and after good options.
  EXPECT_EQ(SC_CLI_HELP, Parse({"--repeats=3", "--help"}).rc);
  EXPECT_EQ("", Parse({"-h"}).err);
  // After "--", -h is an argument.
  Parse p({"--", "-h"});
  ASSERT_EQ(SC_CLI_OK, p.rc);
  EXPECT_EQ(std::vector<std::string>{"-h"}, p.pos);
}

TEST(Cli, OneErrorLineInOneFormat) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"a", "--repeats", "abc"}, "error: demo: --repeats: 'abc' is not a whole number (see demo --help)\n"},
      {{"a", "--repeats=0"}, "error: demo: --repeats: '0' is out of range [1, 100] (see demo --help)\n"},
      {{"a", "--repeats", "-3"}, "error: demo: --repeats: '-3' is not a whole number (see demo --help)\n"},
      {{"a", "--alpha", "1"}, "error: demo: --alpha: '1' is not a number in (0, 1) (see demo --help)\n"},
      {{"a", "--threshold=nan"}, "error: demo: --threshold: 'nan' is not a number in [0, 1000] (see demo --help)\n"},
      {{"a", "--format", "xml"}, "error: demo: --format: 'xml' is not one of table, markdown (see demo --help)\n"},
      {{"a", "--word", "lower"}, "error: demo: --word: 'lower' does not start with a capital (see demo --help)\n"},
      {{"a", "--word=A", "--word=B"}, "error: demo: --word: given twice ('A', then 'B'): give it once (see demo --help)\n"},
      {{"a", "--bogus"}, "error: demo: --bogus: unknown flag (see demo --help)\n"},
      {{"a", "--fromat=md"}, "error: demo: --fromat: unknown flag; did you mean --format? (see demo --help)\n"},
      {{"a", "-x"}, "error: demo: -x: unknown flag (see demo --help)\n"},
      {{"a", "-qx"}, "error: demo: -qx: unknown flag (see demo --help)\n"},
      {{"a", "--quick=yes"}, "error: demo: --quick: takes no value, got 'yes' (see demo --help)\n"},
      {{"a", "--out"}, "error: demo: --out: needs a value (see demo --help)\n"},
      {{"a", "-o"}, "error: demo: -o: needs a value (see demo --help)\n"},
      {{}, "error: demo: BASE is missing (see demo --help)\n"},
      {{"a", "--out", "two\nlines"}, ""},
  };
  for (const auto &c : cases) {
    Parse p(c.first);
    if (c.second.empty()) {
      EXPECT_EQ(SC_CLI_OK, p.rc);
      continue;
    }
    EXPECT_EQ(SC_CLI_ERROR, p.rc) << c.second;
    EXPECT_EQ(c.second, p.err);
  }
  // A value with a newline in it stays on one line of the message.
  Parse p({"a", "--repeats", "1\n2"});
  EXPECT_EQ("error: demo: --repeats: '1\\x0a2' is not a whole number (see demo --help)\n", p.err);
}

TEST(Cli, ArgumentCountsFollowTheTable) {
  const sc_arg two[] = {{"BASE", 1, 1, nullptr}, {"CAND", 1, 1, nullptr}, {nullptr, 0, 0, nullptr}};
  const sc_cli cli = {"cmp", nullptr, nullptr, nullptr, nullptr, two, nullptr, nullptr};
  const sc_opt opts[] = {SC_OPT_END()};
  char *pos[2];
  int n;
  for (const auto &c : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"a"}, "error: cmp: CAND is missing (see cmp --help)\n"},
           {{"a", "b", "c"}, "error: cmp: 'c': one argument too many (it takes BASE CAND) (see cmp --help)\n"},
           {{"a", "b"}, ""}}) {
    Argv a(c.first);
    testing::internal::CaptureStderr();
    int rc = sc_cli_parse(&cli, opts, a.argc(), a.argv.data(), pos, &n);
    EXPECT_EQ(c.second, testing::internal::GetCapturedStderr());
    EXPECT_EQ(c.second.empty() ? SC_CLI_OK : SC_CLI_ERROR, rc);
  }
  const sc_cli none = {"none", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  Argv a({"x"});
  testing::internal::CaptureStderr();
  EXPECT_EQ(SC_CLI_ERROR, sc_cli_parse(&none, opts, a.argc(), a.argv.data(), nullptr, &n));
  EXPECT_EQ("error: none: 'x': takes no arguments (see none --help)\n",
            testing::internal::GetCapturedStderr());
}

TEST(Cli, HelpIsMadeFromTheTables) {
  std::string h = Help();
  EXPECT_EQ(0u, h.find("Usage: ./bin/demo BASE [MORE...] [OPTIONS]\n\nAbout it.\n")) << h;
  EXPECT_NE(std::string::npos, h.find("\nArguments\n  BASE                      first\n")) << h;
  EXPECT_NE(std::string::npos, h.find("\nMeasurement\n      --repeats N           timed repeats\n"
                                      "                            one sample each\n")) << h;
  EXPECT_NE(std::string::npos, h.find("  -q, --quick               fast\n")) << h;
  // An enum shows its choices, aliases left out; a NULL help hides an option.
  EXPECT_NE(std::string::npos, h.find("      --format table|markdown\n")) << h;
  EXPECT_EQ(std::string::npos, h.find("secret")) << h;
  EXPECT_NE(std::string::npos, h.find("  -h, --help                show this help and exit\n")) << h;
  EXPECT_NE(std::string::npos, h.find("\nExamples\n  ./bin/demo a.csv --repeats 3\n\nExit status: 0\n")) << h;
}
