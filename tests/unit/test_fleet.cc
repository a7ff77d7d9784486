// bench fleet's alignment and normalisation: cases aligned by name whatever
// each run's order, the null syscall first, a case in one run alone left
// out, each cost divided by its own run's null syscall, a run without one
// compared raw, the fingerprint lines that differ listed (the ones that
// change a syscall's cost first), and labels that tell runs apart.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "fleet.h"
}

namespace {

struct Case {
  const char *test;
  double us;        // median per call
  double syscalls;  // per call
};

struct Run {
  const char *dir;
  std::vector<Case> cases;
  std::vector<std::pair<const char *, const char *>> env;  // empty: no env.txt
};

fleet_run make_run(const Run &r) {
  fleet_run out{};
  snprintf(out.dir, sizeof(out.dir), "%s", r.dir);
  out.null_ns = NAN;
  out.set.rows = static_cast<sc_result *>(calloc(r.cases.size() + 1, sizeof(sc_result)));
  out.set.n = r.cases.size();
  for (size_t i = 0; i < r.cases.size(); i++) {
    out.set.rows[i].test = strdup(r.cases[i].test);
    out.set.rows[i].wall_median = r.cases[i].us;
    out.set.rows[i].syscalls_per_call = r.cases[i].syscalls;
  }
  if (!r.env.empty()) {
    out.has_env = true;
    out.env.n = r.env.size();
    out.env.entries = static_cast<env_entry *>(calloc(r.env.size(), sizeof(env_entry)));
    for (size_t i = 0; i < r.env.size(); i++) {
      out.env.entries[i].key = strdup(r.env[i].first);
      out.env.entries[i].value = strdup(r.env[i].second);
    }
  }
  return out;
}

struct Built {
  fleet f{};
  int rc = 0;
  char err[512] = "";
  explicit Built(const std::vector<Run> &runs) {
    auto *r = static_cast<fleet_run *>(calloc(runs.size(), sizeof(fleet_run)));
    for (size_t i = 0; i < runs.size(); i++)
      r[i] = make_run(runs[i]);
    rc = fleet_build(r, runs.size(), &f, err, sizeof(err));
  }
  ~Built() { fleet_free(&f); }
  const fleet_cell &cell(const char *test, size_t run) const {
    long j = fleet_find(&f, test);
    EXPECT_GE(j, 0) << test;
    return f.rows[j].cells[run];
  }
};

const std::vector<Case> kHostA = {
    {"BpftraceProfiler.ManySmallWrites", 153.6, 1024},  // 150 ns per syscall
    {"Syscall.WriteDevNull", 0.140, 1},
    {"Syscall.Null", 0.080, 1},
    {"Syscall.ClockGettimeVdso", 0.020, 0},
};

TEST(Fleet, AlignsByNameWithTheNullSyscallFirstAndTheSuiteBeforeTheRest) {
  // Host B lists its cases in another order and has one case of its own.
  Built b({{"runs/a", kHostA, {}},
           {"runs/b",
            {{"Syscall.ClockGettimeVdso", 0.025, 0},
             {"Syscall.Null", 0.120, 1},
             {"OnlyHere.Case", 1.0, 1},
             {"BpftraceProfiler.ManySmallWrites", 245.76, 1024},
             {"Syscall.WriteDevNull", 0.200, 1}},
            {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  ASSERT_EQ(b.f.n_rows, 4u);  // OnlyHere.Case is in one run alone
  EXPECT_STREQ(b.f.rows[0].test, "Syscall.Null");
  EXPECT_STREQ(b.f.rows[1].test, "Syscall.WriteDevNull");
  EXPECT_STREQ(b.f.rows[2].test, "Syscall.ClockGettimeVdso");
  EXPECT_STREQ(b.f.rows[3].test, "BpftraceProfiler.ManySmallWrites");
  EXPECT_EQ(b.f.n_common, 4u);
  EXPECT_EQ(fleet_find(&b.f, "OnlyHere.Case"), -1);
  // The cell of each run is that run's own row, found by name.
  EXPECT_NEAR(b.cell("Syscall.WriteDevNull", 1).ns, 200, 1e-9);
  EXPECT_NEAR(b.cell("BpftraceProfiler.ManySmallWrites", 1).ns, 240, 1e-9);  // per syscall
  EXPECT_NEAR(b.cell("Syscall.ClockGettimeVdso", 1).ns, 25, 1e-9);           // per call
}

TEST(Fleet, NormalisesEachRunByItsOwnNullSyscall) {
  // B enters the kernel 1.5x slower; its write() path costs the same in
  // null-syscall units, its /dev/null write more.
  Built b({{"a", kHostA, {}},
           {"b",
            {{"Syscall.Null", 0.120, 1},
             {"Syscall.WriteDevNull", 0.300, 1},
             {"BpftraceProfiler.ManySmallWrites", 230.4, 1024},
             {"Syscall.ClockGettimeVdso", 0.020, 0}},
            {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_NEAR(b.f.runs[0].null_ns, 80, 1e-9);
  EXPECT_NEAR(b.f.runs[1].null_ns, 120, 1e-9);
  EXPECT_NEAR(b.cell("Syscall.Null", 0).null_ratio, 1, 1e-12);
  EXPECT_NEAR(b.cell("Syscall.Null", 1).null_ratio, 1, 1e-12);
  EXPECT_NEAR(b.cell("Syscall.WriteDevNull", 0).null_ratio, 140.0 / 80, 1e-12);
  EXPECT_NEAR(b.cell("Syscall.WriteDevNull", 1).null_ratio, 300.0 / 120, 1e-12);
  EXPECT_NEAR(b.cell("BpftraceProfiler.ManySmallWrites", 0).null_ratio, 150.0 / 80, 1e-12);
  EXPECT_NEAR(b.cell("BpftraceProfiler.ManySmallWrites", 1).null_ratio, 225.0 / 120, 1e-12);
  EXPECT_NEAR(b.cell("Syscall.ClockGettimeVdso", 1).null_ratio, 20.0 / 120, 1e-12);
  char none[64];
  fleet_unnormalised(&b.f, none, sizeof(none));
  EXPECT_STREQ(none, "");
}

TEST(Fleet, ARunWithoutANullSyscallIsComparedRaw) {
  std::vector<Case> no_null;
  for (const Case &c : kHostA)
    if (strcmp(c.test, "Syscall.Null"))
      no_null.push_back(c);
  Built b({{"a", kHostA, {}}, {"b", no_null, {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_TRUE(std::isnan(b.f.runs[1].null_ns));
  EXPECT_TRUE(std::isnan(b.cell("Syscall.WriteDevNull", 1).null_ratio));
  EXPECT_NEAR(b.cell("Syscall.WriteDevNull", 1).ns, 140, 1e-9);
  EXPECT_NEAR(b.cell("Syscall.WriteDevNull", 0).null_ratio, 140.0 / 80, 1e-12);
  // The null syscall is in one run alone: no row.
  EXPECT_EQ(fleet_find(&b.f, "Syscall.Null"), -1);
  char none[64];
  fleet_unnormalised(&b.f, none, sizeof(none));
  EXPECT_STREQ(none, "b");
}

TEST(Fleet, ANullSyscallThatIsNotATimeDoesNotNormalise) {
  Built b({{"a", {{"Syscall.Null", 0, 1}, {"X", 1, 1}}, {}},
           {"b", {{"Syscall.Null", 0.1, 1}, {"X", 1, 1}}, {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_TRUE(std::isnan(b.f.runs[0].null_ns));
  EXPECT_TRUE(std::isnan(b.cell("X", 0).null_ratio));
  EXPECT_NEAR(b.cell("X", 1).null_ratio, 10, 1e-12);
}

TEST(Fleet, CasesInSomeRunsOnlyAreKeptButNotCommon) {
  Built b({{"a", {{"X", 1, 1}, {"Y", 1, 1}}, {}},
           {"b", {{"X", 1, 1}, {"Y", 1, 1}}, {}},
           {"c", {{"X", 2, 1}}, {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_EQ(b.f.n_rows, 2u);
  EXPECT_EQ(b.f.n_common, 1u);
  EXPECT_FALSE(b.cell("Y", 2).present);
  EXPECT_EQ(b.f.rows[fleet_find(&b.f, "Y")].n_present, 2u);
}

TEST(Fleet, RunsWithNoCaseInCommonFail) {
  Built b({{"a", {{"X", 1, 1}}, {}}, {"b", {{"Y", 1, 1}}, {}}});
  EXPECT_EQ(b.rc, -1);
  EXPECT_NE(std::string(b.err).find("no case is in two of the runs"), std::string::npos) << b.err;
}

TEST(Fleet, ListsTheFingerprintLinesThatDifferTheOnesThatChangeCostFirst) {
  Built b({{"a", kHostA,
            {{"compiler", "gcc 12"},
             {"kernel", "6.18"},
             {"seccomp", "0 (disabled)"},
             {"warning", "one"},
             {"warning", "two"}}},
           {"b", kHostA,
            {{"compiler", "gcc 14"},
             {"kernel", "6.18"},
             {"seccomp", "2 (filter)"},
             {"vulnerabilities spectre_v2", "Mitigation: Retpolines"},
             {"warning", "one"},
             {"warning", "two"}}},
           {"c", kHostA, {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  ASSERT_EQ(b.f.n_diffs, 3u);  // kernel and the repeated warnings are the same
  EXPECT_STREQ(b.f.diffs[0].key, "seccomp");
  EXPECT_TRUE(b.f.diffs[0].explains);
  EXPECT_STREQ(b.f.diffs[0].values[0], "0 (disabled)");
  EXPECT_STREQ(b.f.diffs[0].values[1], "2 (filter)");
  EXPECT_EQ(b.f.diffs[0].values[2], nullptr);  // c has no env.txt
  EXPECT_STREQ(b.f.diffs[1].key, "vulnerabilities spectre_v2");
  EXPECT_TRUE(b.f.diffs[1].explains);
  EXPECT_EQ(b.f.diffs[1].values[0], nullptr);  // not recorded in a
  EXPECT_STREQ(b.f.diffs[2].key, "compiler");
  EXPECT_FALSE(b.f.diffs[2].explains);
}

TEST(Fleet, RepeatedKeysAreComparedWhole) {
  Built b({{"a", kHostA, {{"cpu flag", "one"}, {"cpu flag", "two"}}},
           {"b", kHostA, {{"cpu flag", "one"}}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  ASSERT_EQ(b.f.n_diffs, 1u);
  EXPECT_STREQ(b.f.diffs[0].values[0], "one; two");
  EXPECT_STREQ(b.f.diffs[0].values[1], "one");
}

TEST(Fleet, WarningLinesAreNotCompared) {
  // They restate the steal line in a sentence whose number differs every run.
  Built b({{"a", kHostA, {{"steal during run", "70 ms"}, {"warning", "steal: 70 ms"}}},
           {"b", kHostA, {{"steal during run", "20 ms"}, {"warning", "steal: 20 ms"}}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  ASSERT_EQ(b.f.n_diffs, 1u);
  EXPECT_STREQ(b.f.diffs[0].key, "steal during run");
  EXPECT_TRUE(b.f.diffs[0].explains);
}

TEST(Fleet, RatiosAreWordedByTheirSize) {
  char buf[32];
  fleet_ratio_text(1.3449, buf, sizeof(buf));
  EXPECT_STREQ(buf, "1.34x");
  fleet_ratio_text(22.56, buf, sizeof(buf));
  EXPECT_STREQ(buf, "22.6x");
  fleet_ratio_text(2503.19, buf, sizeof(buf));
  EXPECT_STREQ(buf, "2503x");
}

TEST(Fleet, LabelsTellRunsApartAndAreSafeNames) {
  Built b({{"host1/demo-09/", kHostA, {}},
           {"host2/demo-09", kHostA, {}},
           {"x/it's a `run`", kHostA, {}}});
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_STREQ(b.f.runs[0].label, "host1_demo-09");
  EXPECT_STREQ(b.f.runs[1].label, "host2_demo-09");
  EXPECT_STREQ(b.f.runs[2].label, "it_s_a_run_");
  Built same({{"a/run", kHostA, {}}, {"a/run/", kHostA, {}}});
  ASSERT_EQ(same.rc, 0) << same.err;
  EXPECT_STRNE(same.f.runs[0].label, same.f.runs[1].label);
}

}  // namespace
