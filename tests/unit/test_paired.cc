// Tests of the paired statistics. Every expected value is computed here,
// independently of the code under test: p-values by enumerating every sign
// pattern of the nonzero differences (ranks counted pair by pair, with
// Pratt's zeros), the Hodges-Lehmann estimate and interval from every Walsh
// average written out and sorted, and the interval's ranks from every
// subset of the ranks 1..n; large n from the normal formulas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

extern "C" {
#include <syscost/paired.h>
}

namespace {

using Sample = std::vector<double>;

// Twice the Pratt rank of |d[i]| among all |d|, zeros included: 1 + the
// values below it, plus half the others equal to it, doubled.
long twice_rank(const Sample &d, size_t i)
{
    long below = 0, equal = 0;
    for (size_t j = 0; j < d.size(); j++) {
        if (std::fabs(d[j]) < std::fabs(d[i]))
            below++;
        else if (j != i && std::fabs(d[j]) == std::fabs(d[i]))
            equal++;
    }
    return 2 * (1 + below) + equal;
}

// Exact two-sided p: every sign pattern of the nonzero differences is
// equally likely, each keeping its rank.
double brute_force_p(const Sample &d)
{
    std::vector<long> ranks;
    long w2 = 0, total2 = 0;
    for (size_t i = 0; i < d.size(); i++) {
        if (d[i] == 0.0)
            continue;
        long r = twice_rank(d, i);
        ranks.push_back(r);
        total2 += r;
        if (d[i] > 0)
            w2 += r;
    }
    if (ranks.empty())
        return 1.0;
    const long dev_obs = std::labs(2 * w2 - total2);
    uint64_t extreme = 0, all = 0;
    for (uint32_t mask = 0; mask < (1u << ranks.size()); mask++) {
        long w = 0;
        for (size_t k = 0; k < ranks.size(); k++)
            if (mask >> k & 1u)
                w += ranks[k];
        all++;
        extreme += std::labs(2 * w - total2) >= dev_obs;
    }
    return double(extreme) / double(all);
}

Sample sorted_walsh_averages(const Sample &d)
{
    Sample w;
    for (size_t i = 0; i < d.size(); i++)
        for (size_t j = i; j < d.size(); j++)
            w.push_back((d[i] + d[j]) / 2.0);
    std::sort(w.begin(), w.end());
    return w;
}

// The largest c with P(T <= c) <= alpha/2 for T = the sum of a uniformly
// random subset of 1..n, by listing the subsets; -1 when there is none.
long brute_force_lower_count(size_t n, double level)
{
    std::vector<uint64_t> count(n * (n + 1) / 2 + 1, 0);
    for (uint32_t mask = 0; mask < (1u << n); mask++) {
        long s = 0;
        for (size_t k = 0; k < n; k++)
            if (mask >> k & 1u)
                s += long(k + 1);
        count[size_t(s)]++;
    }
    const double all = double(1u << n);
    double cdf = 0.0;
    long c = -1;
    for (size_t s = 0; s < count.size(); s++) {
        if (2.0 * (cdf + double(count[s]) / all) > (1.0 - level) * (1.0 + 1e-12))
            break;
        cdf += double(count[s]) / all;
        c = long(s);
    }
    return c;
}

// Deterministic pseudo-random differences (LCG): integers in [-span, span]
// (many ties and zeros) when integral, otherwise continuous.
Sample lcg_sample(uint32_t seed, size_t n, int span, bool integral)
{
    Sample s;
    uint32_t state = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        state = state * 1664525u + 1013904223u;
        double u = double(state >> 8) / double(1u << 24);
        s.push_back(integral ? std::floor(u * (2 * span + 1)) - span : (u - 0.4) * span);
    }
    return s;
}

}  // namespace

TEST(SignedRank, MatchesEnumerationWithTiesAndZeros) {
  for (size_t n = 1; n <= 12; n++)
    for (uint32_t seed = 1; seed <= 12; seed++)
      for (bool integral : {true, false}) {
        Sample d = lcg_sample(seed + 100 * uint32_t(n), n, integral ? int(seed % 4 + 1) : 3,
                              integral);
        sc_signed_rank r;
        ASSERT_EQ(0, sc_signed_rank_test(d.data(), d.size(), &r));
        EXPECT_EQ(SC_PAIRED_EXACT, r.method);
        EXPECT_NEAR(brute_force_p(d), r.p_value, 1e-12) << "n=" << n << " seed=" << seed;
        size_t zeros = size_t(std::count(d.begin(), d.end(), 0.0));
        EXPECT_EQ(zeros, r.n_zero);
        EXPECT_DOUBLE_EQ(n > zeros ? std::min(1.0, 2.0 / double(1u << (n - zeros))) : 1.0,
                         r.min_p);
      }
}

TEST(SignedRank, ZerosArePrattsNotWilcoxons) {
  // Pratt: the zero takes rank 1, so 2 and 3 rank 2 and 3 and all-positive
  // is W+ = 5 of 5: p = 2/4. Dropping the zero first (Wilcoxon's way) would
  // rank them 1 and 2, with the same p here, so the ranks tell them apart.
  Sample d = {0.0, 2.0, 3.0};
  sc_signed_rank r;
  ASSERT_EQ(0, sc_signed_rank_test(d.data(), d.size(), &r));
  EXPECT_DOUBLE_EQ(5.0, r.w_plus);
  EXPECT_DOUBLE_EQ(2.5, r.w_mean);
  EXPECT_DOUBLE_EQ(0.5, r.p_value);
  EXPECT_EQ(1u, r.n_zero);
}

TEST(SignedRank, AllZeroIsNoEvidence) {
  Sample d(7, 0.0);
  sc_signed_rank r;
  ASSERT_EQ(0, sc_signed_rank_test(d.data(), d.size(), &r));
  EXPECT_DOUBLE_EQ(1.0, r.p_value);
  EXPECT_DOUBLE_EQ(1.0, r.min_p);
}

TEST(SignedRank, NormalApproximationAboveTheExactLimit) {
  const size_t n = SC_SIGNED_RANK_EXACT_MAX + 50;
  Sample d = lcg_sample(7, n, 5, true);
  for (double &v : d)
    v += 1.0; // a shift, so p is far from 1
  sc_signed_rank r;
  ASSERT_EQ(0, sc_signed_rank_test(d.data(), d.size(), &r));
  EXPECT_EQ(SC_PAIRED_NORMAL, r.method);
  double w = 0.0, total = 0.0, var = 0.0;
  for (size_t i = 0; i < n; i++) {
    if (d[i] == 0.0)
      continue;
    double rank = double(twice_rank(d, i)) / 2.0;
    total += rank;
    var += rank * rank / 4.0;
    if (d[i] > 0)
      w += rank;
  }
  double dev = std::fabs(w - total / 2.0) - 0.5;
  EXPECT_NEAR(std::erfc(dev / std::sqrt(var) / std::sqrt(2.0)), r.p_value, 1e-12);
  EXPECT_LT(r.p_value, 0.05);
}

TEST(SignedRank, RefusesWhatIsNoNumber) {
  sc_signed_rank r;
  Sample bad = {1.0, NAN};
  EXPECT_EQ(-1, sc_signed_rank_test(bad.data(), 0, &r));
  EXPECT_EQ(-1, sc_signed_rank_test(bad.data(), bad.size(), &r));
  bad[1] = INFINITY;
  EXPECT_EQ(-1, sc_signed_rank_test(bad.data(), bad.size(), &r));
}

TEST(SignedRank, FewestDifferencesThatCanBeSignificant) {
  EXPECT_EQ(6u, sc_signed_rank_min_n(0.05));
  EXPECT_EQ(8u, sc_signed_rank_min_n(0.01));
}

TEST(HodgesLehmann, MatchesTheWalshAveragesWrittenOut) {
  for (size_t n = 1; n <= 12; n++)
    for (uint32_t seed = 1; seed <= 12; seed++)
      for (bool integral : {true, false})
        for (double level : {0.95, 0.9}) {
          Sample d = lcg_sample(seed + 1000 * uint32_t(n), n, integral ? 3 : 2, integral);
          Sample w = sorted_walsh_averages(d);
          const size_t m = w.size();
          sc_hodges_lehmann hl;
          ASSERT_EQ(0, sc_hodges_lehmann_ci(d.data(), d.size(), level, &hl));
          double median = m % 2 ? w[m / 2] : (w[m / 2 - 1] + w[m / 2]) / 2.0;
          EXPECT_DOUBLE_EQ(median, hl.estimate) << "n=" << n << " seed=" << seed;
          long c = brute_force_lower_count(n, level);
          ASSERT_EQ(c >= 0, hl.has_interval != 0) << "n=" << n;
          if (c < 0)
            continue;
          EXPECT_EQ(size_t(c + 1), hl.lo_rank);
          EXPECT_EQ(m - size_t(c), hl.hi_rank);
          EXPECT_EQ(w[size_t(c)], hl.lower) << "n=" << n << " seed=" << seed;
          EXPECT_EQ(w[m - 1 - size_t(c)], hl.upper) << "n=" << n << " seed=" << seed;
          EXPECT_GE(hl.confidence, level);
        }
}

TEST(HodgesLehmann, NoIntervalBelowSixAt95) {
  Sample d = {1, 2, 3, 4, 5};
  sc_hodges_lehmann hl;
  ASSERT_EQ(0, sc_hodges_lehmann_ci(d.data(), d.size(), 0.95, &hl));
  EXPECT_FALSE(hl.has_interval);
  d.push_back(6);
  ASSERT_EQ(0, sc_hodges_lehmann_ci(d.data(), d.size(), 0.95, &hl));
  ASSERT_TRUE(hl.has_interval);
  // [min, max] of the Walsh averages, missing with probability 2/64.
  EXPECT_DOUBLE_EQ(1.0, hl.lower);
  EXPECT_DOUBLE_EQ(6.0, hl.upper);
  EXPECT_DOUBLE_EQ(1.0 - 2.0 / 64.0, hl.confidence);
}

TEST(HodgesLehmann, LargeSamplesUseTheNormalRanksAndStillExactOrderStatistics) {
  for (bool integral : {true, false}) {
    const size_t n = SC_SIGNED_RANK_EXACT_MAX + 101;
    Sample d = lcg_sample(11, n, integral ? 4 : 3, integral);
    Sample w = sorted_walsh_averages(d);
    const size_t m = w.size();
    sc_hodges_lehmann hl;
    ASSERT_EQ(0, sc_hodges_lehmann_ci(d.data(), d.size(), 0.95, &hl));
    EXPECT_EQ(SC_PAIRED_NORMAL, hl.method);
    EXPECT_DOUBLE_EQ(m % 2 ? w[m / 2] : (w[m / 2 - 1] + w[m / 2]) / 2.0, hl.estimate);
    const double nn = double(n);
    const double c = std::floor(nn * (nn + 1) / 4.0 - 0.5 -
                                1.959963984540054 * std::sqrt(nn * (nn + 1) * (2 * nn + 1) / 24.0));
    ASSERT_TRUE(hl.has_interval);
    EXPECT_EQ(size_t(c) + 1, hl.lo_rank);
    EXPECT_EQ(m - size_t(c), hl.hi_rank);
    EXPECT_EQ(w[size_t(c)], hl.lower);
    EXPECT_EQ(w[m - 1 - size_t(c)], hl.upper);
    EXPECT_NEAR(0.95, hl.confidence, 0.001);
  }
}

TEST(PairedRatio, AConstantRatioIsFoundExactly) {
  Sample base = {100, 104, 98, 120, 101, 99, 130, 100};
  Sample cand;
  for (double b : base)
    cand.push_back(b * 1.25);
  sc_paired_ratio r;
  ASSERT_EQ(0, sc_paired_ratio_estimate(base.data(), cand.data(), base.size(), 0.95, &r));
  EXPECT_NEAR(1.25, r.ratio, 1e-12);
  EXPECT_NEAR(1.25, r.median, 1e-12);
  ASSERT_TRUE(r.has_interval);
  EXPECT_NEAR(1.25, r.lower, 1e-12);
  EXPECT_NEAR(1.25, r.upper, 1e-12);
  // Every log ratio is equal and positive: the most extreme signs there are.
  EXPECT_DOUBLE_EQ(2.0 / 256.0, r.p_value);
  EXPECT_DOUBLE_EQ(r.min_p, r.p_value);
  EXPECT_EQ(0u, r.n_equal);
}

TEST(PairedRatio, ADriftThatMovesBothSidesCancels) {
  // Both sides drift by up to 40% from pair to pair; the candidate is 3%
  // slower in each pair, give or take 0.5%. Unpaired, the drift would hide it.
  Sample base, cand;
  Sample wobble = lcg_sample(5, 20, 1, false);
  Sample drift = lcg_sample(9, 20, 1, false);
  for (size_t i = 0; i < 20; i++) {
    double level = 100.0 * (1.0 + 0.4 * drift[i]);
    base.push_back(level);
    cand.push_back(level * (1.03 + 0.005 * wobble[i]));
  }
  sc_paired_decision dec;
  ASSERT_EQ(0, sc_paired_decide(base.data(), cand.data(), base.size(), 0.05, 0.02, &dec));
  EXPECT_TRUE(dec.significant);
  EXPECT_TRUE(dec.slower);
  EXPECT_TRUE(dec.regression);
  EXPECT_NEAR(1.03, dec.r.ratio, 0.005);
  ASSERT_TRUE(dec.r.has_interval);
  EXPECT_LT(dec.r.lower, dec.r.ratio);
  EXPECT_GT(dec.r.upper, dec.r.ratio);
  EXPECT_GT(dec.r.lower, 1.02);
  ASSERT_EQ(0, sc_paired_decide(base.data(), cand.data(), base.size(), 0.05, 0.05, &dec));
  EXPECT_TRUE(dec.slower);
  EXPECT_FALSE(dec.regression) << "3% is within a 5% threshold";
}

TEST(PairedRatio, TooFewPairsSayWhy) {
  Sample base = {1, 1, 1, 1, 1}, cand = {2, 2, 2, 2, 2};
  sc_paired_decision dec;
  ASSERT_EQ(0, sc_paired_decide(base.data(), cand.data(), base.size(), 0.05, 0.0, &dec));
  EXPECT_FALSE(dec.significant);
  EXPECT_EQ(SC_REASON_TOO_FEW_SAMPLES, dec.reason);
  EXPECT_DOUBLE_EQ(2.0 / 32.0, dec.r.min_p);
}

TEST(PairedRatio, RefusesTimesThatMakeNoRatio) {
  Sample ok = {1, 2, 3}, zero = {1, 0, 3}, nan = {1, NAN, 3}, neg = {1, -2, 3};
  sc_paired_ratio r;
  EXPECT_EQ(-1, sc_paired_ratio_estimate(ok.data(), zero.data(), 3, 0.95, &r));
  EXPECT_EQ(-1, sc_paired_ratio_estimate(zero.data(), ok.data(), 3, 0.95, &r));
  EXPECT_EQ(-1, sc_paired_ratio_estimate(ok.data(), nan.data(), 3, 0.95, &r));
  EXPECT_EQ(-1, sc_paired_ratio_estimate(ok.data(), neg.data(), 3, 0.95, &r));
  EXPECT_EQ(-1, sc_paired_ratio_estimate(ok.data(), ok.data(), 0, 0.95, &r));
  EXPECT_EQ(-1, sc_paired_ratio_estimate(ok.data(), ok.data(), 3, 1.0, &r));
  sc_paired_decision dec;
  EXPECT_EQ(-1, sc_paired_decide(ok.data(), ok.data(), 3, 0.05, NAN, &dec));
  EXPECT_EQ(-1, sc_paired_decide(ok.data(), ok.data(), 3, 0.0, 0.02, &dec));
  ASSERT_EQ(0, sc_paired_ratio_estimate(ok.data(), ok.data(), 3, 0.95, &r));
  EXPECT_EQ(3u, r.n_equal);
  EXPECT_DOUBLE_EQ(1.0, r.p_value);
  EXPECT_DOUBLE_EQ(1.0, r.ratio);
}

TEST(PairedRatio, RowsPairOnlyWhenTheyRanInTheSameRounds) {
  double s[3] = {1, 2, 3};
  sc_result a = {}, b = {};
  a.samples = b.samples = s;
  a.n_samples = b.n_samples = 3;
  a.has_seed = b.has_seed = true;
  a.seed = b.seed = 42;
  a.processes = b.processes = 2;
  EXPECT_TRUE(sc_results_same_rounds(&a, &b));
  b.seed = 43;
  EXPECT_FALSE(sc_results_same_rounds(&a, &b));
  b.seed = 42;
  b.processes = 1;
  EXPECT_FALSE(sc_results_same_rounds(&a, &b));
  b.processes = 2;
  b.n_samples = 2;
  EXPECT_FALSE(sc_results_same_rounds(&a, &b));
  b.n_samples = 3;
  b.has_seed = false;
  EXPECT_FALSE(sc_results_same_rounds(&a, &b)) << "ran case after case: no rounds to pair";
}

TEST(PairedRatio, TheIntervalLeavesOutOneExactlyWhenTheTestRejects) {
  // Continuous data, no ties, no zeros: the interval inverts the test.
  int significant = 0, all = 0;
  for (size_t n = 6; n <= 12; n++)
    for (uint32_t seed = 1; seed <= 30; seed++)
      for (double alpha : {0.05, 0.1}) {
        Sample d = lcg_sample(seed * 7 + uint32_t(n), n, 1, false);
        Sample base, cand;
        for (double v : d) {
          base.push_back(100.0);
          cand.push_back(100.0 * std::exp(v + 0.05 * double(seed % 5)));
        }
        sc_paired_decision dec;
        ASSERT_EQ(0, sc_paired_decide(base.data(), cand.data(), n, alpha, 0.0, &dec));
        ASSERT_TRUE(dec.r.has_interval);
        bool excludes_one = dec.r.lower > 1.0 || dec.r.upper < 1.0;
        EXPECT_EQ(bool(dec.significant), excludes_one)
            << "n=" << n << " seed=" << seed << " p=" << dec.r.p_value << " CI "
            << dec.r.lower << ".." << dec.r.upper;
        significant += dec.significant;
        all++;
      }
  // Both sides of the question were asked.
  EXPECT_GT(significant, all / 5);
  EXPECT_LT(significant, all * 4 / 5);
}
