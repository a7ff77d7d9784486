// The container's seccomp tax from paired rounds: the drift between rounds
// cancels, a clear cost is stated with its interval, a cost that cannot be
// told from zero is said to be so, too few rounds or fingerprints that
// contradict the sides state no number.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "run_layout.h"
#include "seccomp_tax.h"
}

namespace {

struct Case {
  const char *test;
  double us;        // median per call
  double syscalls;  // per call
};

sc_result_set make_set(const std::vector<Case> &cases) {
  sc_result_set set{};
  set.rows = static_cast<sc_result *>(calloc(cases.size(), sizeof(sc_result)));
  set.n = cases.size();
  for (size_t i = 0; i < cases.size(); i++) {
    set.rows[i].test = strdup(cases[i].test);
    set.rows[i].wall_median = cases[i].us;
    set.rows[i].syscalls_per_call = cases[i].syscalls;
  }
  return set;
}

// Rounds of one null syscall: unconfined costs base_ns times the round's
// drift, the default side that plus added_ns, plus a jitter of +-jitter_ns
// that alternates in sign.
struct Rounds {
  std::vector<sc_result_set> def, unc;
  ~Rounds() {
    for (auto &s : def) sc_result_set_free(&s);
    for (auto &s : unc) sc_result_set_free(&s);
  }
};

void make_rounds(Rounds *r, size_t n, double base_ns, double added_ns, double drift,
                 double jitter_ns) {
  for (size_t i = 0; i < n; i++) {
    double d = 1 + drift * std::sin(static_cast<double>(i) * 1.7);
    double j = (i % 2 ? 1 : -1) * jitter_ns * static_cast<double>(i % 3) / 2;
    double unc = base_ns * d, def = base_ns * d + added_ns + j;
    r->def.push_back(make_set({{"Syscall.Null", def / 1e3, 1},
                               {"Syscall.ClockGettimeVdso", 0.020 * d, 0}}));
    r->unc.push_back(make_set({{"Syscall.Null", unc / 1e3, 1},
                               {"Syscall.ClockGettimeVdso", 0.020 * d, 0}}));
  }
}

struct Tax {
  seccomp_tax t{};
  ~Tax() { seccomp_tax_free(&t); }
};

const seccomp_tax_row *row_of(const seccomp_tax &t, const char *test) {
  for (size_t i = 0; i < t.n; i++)
    if (!strcmp(t.rows[i].test, test)) return &t.rows[i];
  return nullptr;
}

std::string sentence(const seccomp_tax &t, seccomp_proof proof = SECCOMP_PROVEN,
                     const char *why = "default: seccomp 2 (filter); unconfined: seccomp 0") {
  char buf[1024];
  seccomp_tax_sentence(&t, proof, why, buf, sizeof(buf));
  return buf;
}

TEST(SeccompTax, ClearTaxDespiteDriftBetweenRounds) {
  // The machine drifts by +-30% between rounds, far more than the 12 ns the
  // filter adds to an 80 ns syscall: only pairing finds it.
  Rounds r;
  make_rounds(&r, 12, 80, 12, 0.30, 1.0);
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(r.def.data(), r.unc.data(), 12, &x.t, err, sizeof(err)), 0) << err;
  ASSERT_EQ(x.t.n, 2u);
  const seccomp_tax_row *null = row_of(x.t, "Syscall.Null");
  ASSERT_NE(null, nullptr);
  EXPECT_TRUE(null->per_syscall);
  EXPECT_EQ(null->rounds, 12u);
  EXPECT_TRUE(null->has_interval);
  EXPECT_EQ(null->verdict, SECCOMP_ADDS);
  EXPECT_NEAR(null->tax_ns, 12, 1.0);
  EXPECT_GT(null->lo_ns, 0);
  EXPECT_LE(null->lo_ns, null->tax_ns);
  EXPECT_GE(null->hi_ns, null->tax_ns);
  EXPECT_GE(null->confidence, 0.95);
  std::string s = sentence(x.t);
  EXPECT_NE(s.find("The container's seccomp filter adds 1"), std::string::npos) << s;
  EXPECT_NE(s.find("ns per syscall (95% CI "), std::string::npos) << s;
  EXPECT_NE(s.find("Syscall.Null over 12 paired rounds"), std::string::npos) << s;
  EXPECT_EQ(&x.t.rows[0], seccomp_tax_headline(&x.t));
  // The vDSO makes no syscall: it is per call, and the filter cannot touch it.
  const seccomp_tax_row *vdso = row_of(x.t, "Syscall.ClockGettimeVdso");
  ASSERT_NE(vdso, nullptr);
  EXPECT_FALSE(vdso->per_syscall);
  EXPECT_EQ(vdso->verdict, SECCOMP_NO_TAX);
  EXPECT_NEAR(vdso->tax_ns, 0, 1e-9);
}

TEST(SeccompTax, NoTaxIsSaidInsteadOfANumber) {
  Rounds r;
  make_rounds(&r, 12, 80, 0, 0.30, 3.0);
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(r.def.data(), r.unc.data(), 12, &x.t, err, sizeof(err)), 0) << err;
  const seccomp_tax_row *null = row_of(x.t, "Syscall.Null");
  ASSERT_NE(null, nullptr);
  EXPECT_EQ(null->verdict, SECCOMP_NO_TAX);
  EXPECT_LE(null->lo_ns, 0);
  EXPECT_GE(null->hi_ns, 0);
  std::string s = sentence(x.t);
  EXPECT_NE(s.find("adds no cost distinguishable from zero per syscall"), std::string::npos) << s;
  EXPECT_EQ(s.find("filter adds 0"), std::string::npos) << s;
  EXPECT_EQ(s.find("filter adds -"), std::string::npos) << s;
}

TEST(SeccompTax, FasterUnderTheFilterIsNoTax) {
  Rounds r;
  make_rounds(&r, 12, 80, -10, 0.10, 0.5);
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(r.def.data(), r.unc.data(), 12, &x.t, err, sizeof(err)), 0) << err;
  EXPECT_EQ(row_of(x.t, "Syscall.Null")->verdict, SECCOMP_FASTER);
  std::string s = sentence(x.t);
  EXPECT_NE(s.find("faster under the filter"), std::string::npos) << s;
  EXPECT_NE(s.find("no seccomp tax is stated"), std::string::npos) << s;
}

TEST(SeccompTax, TooFewRoundsStateNoNumber) {
  Rounds r;
  make_rounds(&r, 5, 80, 12, 0.0, 0.0);
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(r.def.data(), r.unc.data(), 5, &x.t, err, sizeof(err)), 0) << err;
  EXPECT_EQ(x.t.min_rounds, 6u);
  const seccomp_tax_row *null = row_of(x.t, "Syscall.Null");
  EXPECT_FALSE(null->has_interval);
  EXPECT_EQ(null->verdict, SECCOMP_TOO_FEW);
  std::string s = sentence(x.t);
  EXPECT_NE(s.find("5 paired rounds are too few for a 95% interval (at least 6)"), std::string::npos)
      << s;
}

TEST(SeccompTax, ACaseMissingFromOneSideIsPairedInTheOtherRounds) {
  Rounds r;
  make_rounds(&r, 8, 80, 12, 0.0, 0.0);
  // Round 3's unconfined run lacks the null syscall.
  sc_result_set_free(&r.unc[2]);
  r.unc[2] = make_set({{"Syscall.ClockGettimeVdso", 0.020, 0}});
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(r.def.data(), r.unc.data(), 8, &x.t, err, sizeof(err)), 0) << err;
  EXPECT_EQ(row_of(x.t, "Syscall.Null")->rounds, 7u);
  EXPECT_EQ(row_of(x.t, "Syscall.ClockGettimeVdso")->rounds, 8u);
}

TEST(SeccompTax, FingerprintsProveOrContradictTheSides) {
  seccomp_rounds r;
  memset(&r, 0, sizeof(r));
  char why[512];
  EXPECT_EQ(seccomp_rounds_proof(&r, why, sizeof(why)), SECCOMP_UNRECORDED);
  EXPECT_STREQ(why, "the default side's env.txt is missing");

  env_entry def[] = {{const_cast<char *>("seccomp"), const_cast<char *>("2 (filter)")},
                     {const_cast<char *>("seccomp filters"), const_cast<char *>("1")}};
  env_entry unc[] = {{const_cast<char *>("seccomp"), const_cast<char *>("0 (disabled)")},
                     {const_cast<char *>("seccomp filters"), const_cast<char *>("0")}};
  r.have_env[0] = r.have_env[1] = true;
  r.env[0] = {def, 2};
  r.env[1] = {unc, 1};
  EXPECT_EQ(seccomp_rounds_proof(&r, why, sizeof(why)), SECCOMP_PROVEN);
  EXPECT_STREQ(why, "default: seccomp 2 (filter), seccomp filters 1; unconfined: seccomp 0 (disabled)");

  // Both sides under a filter: whatever differs, it is not the filter.
  r.env[1] = {def, 2};
  EXPECT_EQ(seccomp_rounds_proof(&r, why, sizeof(why)), SECCOMP_CONTRADICTED);
  Rounds rr;
  make_rounds(&rr, 12, 80, 12, 0.0, 0.5);
  Tax x;
  char err[256] = "";
  ASSERT_EQ(seccomp_tax_build(rr.def.data(), rr.unc.data(), 12, &x.t, err, sizeof(err)), 0);
  std::string s = sentence(x.t, SECCOMP_CONTRADICTED, why);
  EXPECT_NE(s.find("no seccomp tax is stated"), std::string::npos) << s;
  EXPECT_EQ(s.find("filter adds"), std::string::npos) << s;

  r.env[1] = {def, 1};
  r.env[1].entries = &def[1]; // a fingerprint without a seccomp line
  EXPECT_EQ(seccomp_rounds_proof(&r, why, sizeof(why)), SECCOMP_UNRECORDED);
  EXPECT_STREQ(why, "the unconfined side's env.txt has no seccomp line");
  s = sentence(x.t, SECCOMP_UNRECORDED, why);
  EXPECT_NE(s.find("adds"), std::string::npos) << s;
  EXPECT_NE(s.find("Which side ran under a filter is not recorded"), std::string::npos) << s;
}

TEST(RunLayout, NumberedNamesFollowTheContract) {
  long n = 0;
  EXPECT_TRUE(run_layout_numbered(RUN_FILE_SECCOMP_DEFAULT_CSV, "default.3.csv", &n));
  EXPECT_EQ(n, 3);
  EXPECT_TRUE(run_layout_numbered(RUN_FILE_SECCOMP_UNCONFINED_CSV, "unconfined.12.csv", &n));
  EXPECT_EQ(n, 12);
  for (const char *bad : {"default.03.csv", "default.0.csv", "default.csv", "default..csv",
                          "default.3.csv.bak", "xdefault.3.csv", "default.3a.csv",
                          "default.1234567890.csv", "unconfined.3.csv"})
    EXPECT_FALSE(run_layout_numbered(RUN_FILE_SECCOMP_DEFAULT_CSV, bad, &n)) << bad;
  EXPECT_FALSE(run_layout_numbered(RUN_FILE_DEMO_CSV, "demo.csv", &n));
}

}  // namespace
