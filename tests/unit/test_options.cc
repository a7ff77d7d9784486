// The benchmark program's flags: contradictions between flags are refused
// before anything runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "options.h"
}

namespace {

// argv as main() gets it; options point into it, so it lives in the test.
struct Argv {
  std::vector<std::string> args;
  std::vector<char *> argv;
  explicit Argv(std::vector<std::string> a) : args(std::move(a)) {
    args.insert(args.begin(), "bench");
    for (auto &s : args) argv.push_back(&s[0]);
    argv.push_back(nullptr);
  }
};

int parse(Argv &&a, struct sc_options *o) {
  testing::internal::CaptureStderr();
  int rc = sc_options_parse((int)a.args.size(), a.argv.data(), o);
  std::string err = testing::internal::GetCapturedStderr();
  if (rc != 0) {
    EXPECT_EQ(1, std::count(err.begin(), err.end(), '\n')) << err;
  }
  return rc;
}

}  // namespace

TEST(Options, BpfScriptsNeedTheBpftraceProfiler) {
  struct sc_options o;
  EXPECT_EQ(-1, parse(Argv({"--bpf", "syslat"}), &o));
  EXPECT_EQ(-1, parse(Argv({"--bpf", "syslat", "--profile", "libbpf"}), &o));
  EXPECT_EQ(-1, parse(Argv({"--bpf-scripts", "/tmp"}), &o));
  EXPECT_EQ(0, parse(Argv({"--bpf", "syslat", "--profile", "bpftrace"}), &o));
  Argv a({"--profile=bpftrace", "--bpf=syslat,syscount"});
  ASSERT_EQ(0, sc_options_parse((int)a.args.size(), a.argv.data(), &o));
  EXPECT_STREQ("syslat,syscount", o.bpf_scripts);
}

TEST(Options, AScriptNamedTwiceIsRefused) {
  struct sc_options o;
  EXPECT_EQ(-1, parse(Argv({"--profile", "bpftrace", "--bpf", "syslat,syslat"}), &o));
  EXPECT_EQ(-1, parse(Argv({"--profile", "bpftrace", "--bpf", "syslat,syscount,syslat"}), &o));
  EXPECT_EQ(0, parse(Argv({"--profile", "bpftrace", "--bpf", "syslat,syslat2,sys"}), &o));
}

TEST(Options, CsvAndJsonMustBeTwoFiles) {
  struct sc_options o;
  char tmpl[] = "/tmp/syscost_opt_XXXXXX";
  std::string d = mkdtemp(tmpl);
  std::string x = d + "/x";
  EXPECT_EQ(-1, parse(Argv({"--csv", x, "--json", x}), &o));
  EXPECT_EQ(-1, parse(Argv({"--csv", x, "--json", d + "/./x"}), &o));
  EXPECT_EQ(0, parse(Argv({"--csv", x, "--json", d + "/y"}), &o));
  // A terminal or /dev/null takes both without losing either.
  EXPECT_EQ(0, parse(Argv({"--csv", "/dev/null", "--json", "/dev/null"}), &o));
  std::system(("rm -rf '" + d + "'").c_str());
}
