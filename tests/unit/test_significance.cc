// Tests of the compare statistics. Every expected p-value is computed here,
// independently of the code under test: small samples by enumerating every
// split of the pooled values into the two groups (U counted pair by pair,
// no ranks), large samples from the normal-approximation formula.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

extern "C" {
#include <syscost/significance.h>
}

namespace {

using Sample = std::vector<double>;

// U of x against y: pairs with x > y, plus half of the tied pairs.
double pairwise_u(const Sample &x, const Sample &y)
{
    double u = 0.0;
    for (double a : x)
        for (double b : y)
            u += a > b ? 1.0 : a == b ? 0.5 : 0.0;
    return u;
}

// Exact two-sided p by brute force: every way to give nx of the pooled
// values to the first group is equally likely under the null hypothesis.
double brute_force_p(const Sample &x, const Sample &y)
{
    Sample pooled(x);
    pooled.insert(pooled.end(), y.begin(), y.end());
    const size_t n = pooled.size(), nx = x.size();
    const double mean = 0.5 * double(nx) * double(y.size());
    const double dev_obs = std::fabs(pairwise_u(x, y) - mean);
    uint64_t splits = 0, extreme = 0;
    for (uint32_t mask = 0; mask < (1u << n); mask++) {
        if (size_t(__builtin_popcount(mask)) != nx)
            continue;
        Sample gx, gy;
        for (size_t i = 0; i < n; i++)
            (mask >> i & 1u ? gx : gy).push_back(pooled[i]);
        splits++;
        // U is a multiple of 1/2, so this comparison is exact.
        if (std::fabs(pairwise_u(gx, gy) - mean) >= dev_obs)
            extreme++;
    }
    return double(extreme) / double(splits);
}

// Normal approximation, tie-corrected variance, continuity correction 1/2.
double normal_formula_p(const Sample &x, const Sample &y)
{
    const double nx = double(x.size()), ny = double(y.size()), n = nx + ny;
    std::map<double, double> counts;
    for (double v : x)
        counts[v] += 1;
    for (double v : y)
        counts[v] += 1;
    double ties = 0.0;
    for (const auto &kv : counts)
        ties += kv.second * kv.second * kv.second - kv.second;
    const double var = nx * ny / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
    const double dev = std::fabs(pairwise_u(x, y) - nx * ny / 2.0) - 0.5;
    if (dev <= 0.0)
        return 1.0;
    const double z = dev / std::sqrt(var);
    return std::erfc(z / std::sqrt(2.0));
}

// Deterministic pseudo-random values (LCG), rounded to `step` to make ties.
Sample lcg_sample(uint32_t seed, size_t n, double centre, double spread, double step)
{
    Sample s;
    uint32_t state = seed;
    for (size_t i = 0; i < n; i++) {
        state = state * 1664525u + 1013904223u;
        double u = double(state >> 8) / double(1u << 24); // [0, 1)
        double v = centre + spread * (u - 0.5);
        s.push_back(step > 0 ? std::round(v / step) * step : v);
    }
    return s;
}

sc_mwu_result run_mwu(const Sample &x, const Sample &y)
{
    sc_mwu_result r{};
    EXPECT_EQ(0, sc_mwu_test(x.data(), x.size(), y.data(), y.size(), &r));
    return r;
}

void expect_exact_matches_brute_force(const Sample &x, const Sample &y)
{
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_EQ(SC_MWU_EXACT, r.method);
    EXPECT_DOUBLE_EQ(pairwise_u(x, y), r.u);
    EXPECT_NEAR(brute_force_p(x, y), r.p_value, 1e-12);
}

} // namespace

TEST(MannWhitneyExact, DistinctValuesInterleaved)
{
    expect_exact_matches_brute_force({1.1, 2.5, 3.0, 4.2}, {2.0, 3.5, 5.0, 6.1, 7.3});
}

TEST(MannWhitneyExact, CompleteSeparationIsTwoOverAllSplits)
{
    const Sample x{1, 2, 3, 4, 5}, y{6, 7, 8, 9, 10};
    expect_exact_matches_brute_force(x, y);
    // Only the two complete separations are that extreme: 2 / C(10,5).
    EXPECT_NEAR(2.0 / 252.0, run_mwu(x, y).p_value, 1e-15);
}

TEST(MannWhitneyExact, TiesWithinAndAcrossGroups)
{
    expect_exact_matches_brute_force({1, 2, 2, 3, 3, 3}, {2, 3, 3, 4, 4, 5, 5});
}

TEST(MannWhitneyExact, HeavyTies)
{
    expect_exact_matches_brute_force({1, 1, 1, 2}, {1, 2, 2, 2, 2});
}

TEST(MannWhitneyExact, TiesMakeTheDistributionAsymmetric)
{
    // Pooled 1,2,2,5,6: the reverse separation {1,2} has U = 0.5, not 0,
    // so the observed split is the only one that extreme: p = 1/C(5,2).
    const Sample x{5, 6}, y{1, 2, 2};
    expect_exact_matches_brute_force(x, y);
    EXPECT_NEAR(0.1, run_mwu(x, y).p_value, 1e-15);
}

TEST(MannWhitneyExact, BenchLikeSamplesRoundedToTenths)
{
    const Sample base = lcg_sample(7, 10, 95.0, 2.0, 0.1);
    const Sample cand = lcg_sample(11, 10, 95.8, 2.0, 0.1);
    expect_exact_matches_brute_force(base, cand);
    expect_exact_matches_brute_force(lcg_sample(3, 9, 10.0, 1.0, 0.5),
                                     lcg_sample(5, 8, 10.2, 1.0, 0.5));
}

TEST(MannWhitneyExact, LargerFirstSampleGivesSameP)
{
    const Sample x{4, 4, 5, 7, 8, 9, 9}, y{1, 4, 6, 9};
    expect_exact_matches_brute_force(x, y);
    const sc_mwu_result xy = run_mwu(x, y), yx = run_mwu(y, x);
    EXPECT_NEAR(xy.p_value, yx.p_value, 1e-15);
    EXPECT_DOUBLE_EQ(double(x.size() * y.size()), xy.u + yx.u);
}

TEST(MannWhitneyExact, OneEachIsNeverSignificant)
{
    EXPECT_DOUBLE_EQ(1.0, run_mwu({1.0}, {2.0}).p_value);
}

TEST(MannWhitneyExact, AllEqualGivesOne)
{
    const sc_mwu_result r = run_mwu({3, 3, 3}, {3, 3, 3, 3});
    EXPECT_DOUBLE_EQ(1.0, r.p_value);
    EXPECT_DOUBLE_EQ(6.0, r.u);
}

TEST(MannWhitneyExact, LargestExactSizeCompleteSeparation)
{
    Sample x, y;
    for (int i = 0; i < 50; i++) {
        x.push_back(i);
        y.push_back(100 + i);
    }
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_EQ(SC_MWU_EXACT, r.method);
    const double log_splits = std::lgamma(101.0) - 2.0 * std::lgamma(51.0); // C(100,50)
    EXPECT_NEAR(1.0, r.p_value / (2.0 * std::exp(-log_splits)), 1e-9);
}

TEST(MannWhitneyExact, LargestExactSizeMatchesIntegerCount)
{
    // C(100,50) splits cannot be enumerated one by one, so they are counted
    // here by rank sum, one value at a time, in 128-bit integers (no rounding
    // at all): ways[j][s] = subsets of j values with doubled rank sum s.
    const Sample x = lcg_sample(21, 50, 100.0, 10.0, 0.5);
    const Sample y = lcg_sample(22, 50, 100.5, 10.0, 0.5);
    Sample pooled(x);
    pooled.insert(pooled.end(), y.begin(), y.end());
    std::sort(pooled.begin(), pooled.end());
    const int n = 100, k = 50;
    std::vector<int> rank2(n); // twice the mid-rank: below + 1 + below-or-equal
    int total_rank2 = 0;
    for (int i = 0; i < n; i++) {
        auto below = std::lower_bound(pooled.begin(), pooled.end(), pooled[i]) - pooled.begin();
        auto upto = std::upper_bound(pooled.begin(), pooled.end(), pooled[i]) - pooled.begin();
        rank2[i] = int(below + 1 + upto);
        total_rank2 += rank2[i];
    }
    using Count = unsigned __int128;
    std::vector<std::vector<Count>> ways(k + 1, std::vector<Count>(total_rank2 + 1, 0));
    ways[0][0] = 1;
    for (int i = 0; i < n; i++)
        for (int j = std::min(k, i + 1); j >= 1; j--)
            for (int s = total_rank2; s >= rank2[i]; s--)
                ways[j][s] += ways[j - 1][s - rank2[i]];
    // 2U = doubled rank sum - k(k+1); its mean is k * 50.
    const double dev2_obs = std::fabs(2.0 * pairwise_u(x, y) - k * 50.0);
    Count splits = 0, extreme = 0;
    for (int s = 0; s <= total_rank2; s++) {
        splits += ways[k][s];
        if (std::fabs(double(s - k * (k + 1)) - k * 50.0) >= dev2_obs)
            extreme += ways[k][s];
    }
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_EQ(SC_MWU_EXACT, r.method);
    EXPECT_NEAR(double(extreme) / double(splits), r.p_value, 1e-12);
    // The normal approximation is close at this size, but not equal.
    EXPECT_NEAR(1.0, r.p_value / normal_formula_p(x, y), 0.05);
}

TEST(MannWhitneyNormal, BothAboveExactLimitWithTies)
{
    const Sample x = lcg_sample(1, 60, 100.0, 10.0, 0.5);
    const Sample y = lcg_sample(2, 60, 102.0, 10.0, 0.5);
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_EQ(SC_MWU_NORMAL, r.method);
    EXPECT_DOUBLE_EQ(pairwise_u(x, y), r.u);
    EXPECT_NEAR(normal_formula_p(x, y), r.p_value, 1e-12);
    EXPECT_LT(r.p_value, 0.5); // a real shift of 2 in a spread of 10
}

TEST(MannWhitneyNormal, OneSideAboveExactLimit)
{
    const Sample x = lcg_sample(3, 30, 50.0, 4.0, 0.0);
    const Sample y = lcg_sample(4, 80, 51.0, 4.0, 0.0);
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_EQ(SC_MWU_NORMAL, r.method);
    EXPECT_NEAR(normal_formula_p(x, y), r.p_value, 1e-12);
    EXPECT_LT(r.p_value, 0.01);
}

TEST(MannWhitneyNormal, LargeShiftIsTiny)
{
    const Sample x = lcg_sample(5, 200, 10.0, 1.0, 0.0);
    const Sample y = lcg_sample(6, 200, 12.0, 1.0, 0.0);
    const sc_mwu_result r = run_mwu(x, y);
    EXPECT_NEAR(normal_formula_p(x, y), r.p_value, 1e-300);
    EXPECT_LT(r.p_value, 1e-30);
}

TEST(MannWhitneyNormal, AllEqualGivesOne)
{
    const Sample x(70, 2.5), y(90, 2.5);
    EXPECT_DOUBLE_EQ(1.0, run_mwu(x, y).p_value);
}

TEST(MannWhitney, RejectsEmptyAndNaN)
{
    sc_mwu_result r{};
    const double one = 1.0, nan = std::nan("");
    EXPECT_EQ(-1, sc_mwu_test(&one, 1, &one, 0, &r));
    EXPECT_EQ(-1, sc_mwu_test(&nan, 1, &one, 1, &r));
}

TEST(MannWhitney, SmallestAchievableP)
{
    EXPECT_DOUBLE_EQ(1.0, sc_mwu_min_p(1, 1));          // 2 / C(2,1)
    EXPECT_DOUBLE_EQ(0.1, sc_mwu_min_p(3, 3));          // 2 / C(6,3) = 2/20
    EXPECT_DOUBLE_EQ(2.0 / 70.0, sc_mwu_min_p(4, 4));   // C(8,4) = 70
    EXPECT_DOUBLE_EQ(2.0 / 56.0, sc_mwu_min_p(3, 5));   // C(8,3) = 56
    EXPECT_DOUBLE_EQ(sc_mwu_min_p(5, 3), sc_mwu_min_p(3, 5));
    // It is the p of a complete separation, whatever the method.
    Sample x, y;
    for (int i = 0; i < 60; i++) {
        x.push_back(i);
        y.push_back(1000 + i);
    }
    EXPECT_NEAR(1.0, sc_mwu_min_p(60, 60) / run_mwu(x, y).p_value, 1e-12);
}

TEST(MannWhitney, RepeatsNeededPerSide)
{
    EXPECT_EQ(4u, sc_mwu_min_n(0.05)); // 3+3: 0.1,   4+4: 2/70 = 0.029
    EXPECT_EQ(5u, sc_mwu_min_n(0.01)); // 4+4: 0.029, 5+5: 2/252 = 0.0079
    EXPECT_EQ(2u, sc_mwu_min_n(0.5));  // 1+1: 1,     2+2: 2/6 = 0.33
}

// Confidence intervals for the median. The interval [x(k), x(n+1-k)] misses
// the true median with probability 2 * P(B <= k-1), B ~ Binomial(n, 1/2);
// the largest k with 2 * P(B <= k-1) <= 0.05 gives the 95% interval.

TEST(MedianCI, FiveIsTooFewFor95)
{
    // n = 5, k = 1: miss = 2 * (1/32) = 0.0625 > 0.05, so no interval.
    sc_median_ci ci{};
    const Sample x{5, 1, 4, 2, 3};
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.95, &ci));
    EXPECT_DOUBLE_EQ(3.0, ci.median);
    EXPECT_EQ(0, ci.has_interval);
    // At 90% it is enough: 1 - 0.0625 = 0.9375 >= 0.90.
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.90, &ci));
    EXPECT_EQ(1, ci.has_interval);
    EXPECT_DOUBLE_EQ(0.9375, ci.confidence);
}

TEST(MedianCI, SixGivesMinToMax)
{
    // n = 6, k = 1: miss = 2 * (1/64) = 0.03125 <= 0.05   -> [x(1), x(6)]
    //        k = 2: miss = 2 * (1+6)/64 = 0.21875 > 0.05.
    sc_median_ci ci{};
    const Sample x{60, 10, 50, 20, 40, 30};
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.95, &ci));
    EXPECT_DOUBLE_EQ(35.0, ci.median);
    ASSERT_EQ(1, ci.has_interval);
    EXPECT_EQ(1u, ci.lo_rank);
    EXPECT_EQ(6u, ci.hi_rank);
    EXPECT_DOUBLE_EQ(10.0, ci.lower);
    EXPECT_DOUBLE_EQ(60.0, ci.upper);
    EXPECT_DOUBLE_EQ(1.0 - 2.0 / 64.0, ci.confidence);
}

TEST(MedianCI, TenGivesSecondToNinth)
{
    // n = 10, 2^10 = 1024. P(B<=1) = (1+10)/1024 = 11/1024:
    //   k = 2: miss = 22/1024 = 0.0215 <= 0.05
    // P(B<=2) = (1+10+45)/1024 = 56/1024:
    //   k = 3: miss = 112/1024 = 0.109 > 0.05     -> [x(2), x(9)]
    sc_median_ci ci{};
    const Sample x{9.0, 3.0, 10.0, 1.0, 7.0, 2.0, 8.0, 5.0, 4.0, 6.0};
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.95, &ci));
    EXPECT_DOUBLE_EQ(5.5, ci.median);
    ASSERT_EQ(1, ci.has_interval);
    EXPECT_EQ(2u, ci.lo_rank);
    EXPECT_EQ(9u, ci.hi_rank);
    EXPECT_DOUBLE_EQ(2.0, ci.lower);
    EXPECT_DOUBLE_EQ(9.0, ci.upper);
    EXPECT_NEAR(1.0 - 22.0 / 1024.0, ci.confidence, 1e-15);
}

TEST(MedianCI, TwentyGivesSixthToFifteenth)
{
    // n = 20, 2^20 = 1048576. C(20,j) for j = 0..6: 1 20 190 1140 4845 15504 38760
    // P(B<=5) = 21700/1048576:  k = 6: miss = 43400/1048576 = 0.0414 <= 0.05
    // P(B<=6) = 60460/1048576:  k = 7: miss = 120920/1048576 = 0.115 > 0.05
    // -> [x(6), x(15)], confidence 1 - 43400/1048576 = 0.958611
    Sample x;
    for (int i = 20; i >= 1; i--)
        x.push_back(i * 1.5); // sorted: x(r) = 1.5 r
    sc_median_ci ci{};
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.95, &ci));
    EXPECT_DOUBLE_EQ(15.75, ci.median); // (x(10) + x(11)) / 2
    ASSERT_EQ(1, ci.has_interval);
    EXPECT_EQ(6u, ci.lo_rank);
    EXPECT_EQ(15u, ci.hi_rank);
    EXPECT_DOUBLE_EQ(9.0, ci.lower);
    EXPECT_DOUBLE_EQ(22.5, ci.upper);
    EXPECT_NEAR(1.0 - 43400.0 / 1048576.0, ci.confidence, 1e-12);
}

TEST(MedianCI, LargeSampleIsNarrowestThatReachesTheLevel)
{
    // n = 1000: no hand table, so the binomial tail is summed here from
    // log-gamma pmfs and the chosen k must be the last one that fits.
    const size_t n = 1000;
    Sample x;
    for (size_t i = 0; i < n; i++)
        x.push_back(double((i * 7919) % n)); // a permutation of 0..999
    sc_median_ci ci{};
    ASSERT_EQ(0, sc_median_with_ci(x.data(), x.size(), 0.95, &ci));
    ASSERT_EQ(1, ci.has_interval);
    auto tail = [&](size_t upto) { // P(B <= upto)
        double s = 0.0;
        for (size_t j = 0; j <= upto; j++)
            s += std::exp(std::lgamma(n + 1.0) - std::lgamma(j + 1.0) -
                          std::lgamma(double(n - j) + 1.0) - double(n) * std::log(2.0));
        return s;
    };
    const size_t k = ci.lo_rank;
    EXPECT_LE(2.0 * tail(k - 1), 0.05);
    EXPECT_GT(2.0 * tail(k), 0.05);
    EXPECT_EQ(n + 1 - k, ci.hi_rank);
    EXPECT_DOUBLE_EQ(double(k - 1), ci.lower); // x(r) = r - 1
    EXPECT_DOUBLE_EQ(double(n - k), ci.upper);
    // Roughly n/2 -/+ 1.96 sqrt(n)/2 = 500 -/+ 31.
    EXPECT_NEAR(469.0, double(k), 2.0);
}

TEST(MedianCI, SmallestSampleWithAnInterval)
{
    // [x(1), x(n)] misses with probability 2 / 2^n.
    EXPECT_EQ(6u, sc_median_ci_min_n(0.95)); // 2/32 = 0.0625 > 0.05 >= 2/64
    EXPECT_EQ(5u, sc_median_ci_min_n(0.90)); // 2/16 = 0.125 > 0.10 >= 2/32
    EXPECT_EQ(8u, sc_median_ci_min_n(0.99)); // 2/128 = 0.0156 > 0.01 >= 2/256
}

TEST(MedianCI, RejectsBadInput)
{
    sc_median_ci ci{};
    const double one = 1.0, nan = std::nan("");
    EXPECT_EQ(-1, sc_median_with_ci(&one, 0, 0.95, &ci));
    EXPECT_EQ(-1, sc_median_with_ci(&one, 1, 1.0, &ci));
    EXPECT_EQ(-1, sc_median_with_ci(&nan, 1, 0.95, &ci));
}

namespace {

sc_compare_decision decide(const Sample &base, const Sample &cand, double alpha = 0.05,
                           double threshold = 0.05)
{
    sc_compare_decision d{};
    EXPECT_EQ(0, sc_compare_decide(base.data(), base.size(), cand.data(), cand.size(), alpha,
                                   threshold, &d));
    return d;
}

Sample scaled(const Sample &s, double factor)
{
    Sample out;
    for (double v : s)
        out.push_back(v * factor);
    return out;
}

} // namespace

TEST(CompareDecide, ThreePerSideCannotReachSignificance)
{
    const sc_compare_decision d = decide({1.0, 1.1, 1.2}, {5.0, 5.1, 5.2});
    EXPECT_DOUBLE_EQ(0.1, d.p_value);
    EXPECT_FALSE(d.significant);
    EXPECT_FALSE(d.regression);
    EXPECT_EQ(SC_REASON_TOO_FEW_SAMPLES, d.reason);
    EXPECT_EQ(3u, d.n1);
    EXPECT_EQ(3u, d.n2);
}

TEST(CompareDecide, FourPerSideCanAndNoiseIsNotTooFew)
{
    const sc_compare_decision sep = decide({1.0, 1.1, 1.2, 1.3}, {5.0, 5.1, 5.2, 5.3});
    EXPECT_NEAR(2.0 / 70.0, sep.p_value, 1e-15);
    EXPECT_TRUE(sep.significant);
    EXPECT_EQ(SC_REASON_NONE, sep.reason);

    const sc_compare_decision noise = decide({1.0, 1.3, 1.1, 1.4}, {1.2, 1.05, 1.35, 1.15});
    EXPECT_FALSE(noise.significant);
    EXPECT_EQ(SC_REASON_NONE, noise.reason);
}

TEST(CompareDecide, RealSlowdownAboveThresholdIsRegression)
{
    const Sample base = lcg_sample(31, 10, 95.0, 2.0, 0.1);
    const sc_compare_decision d = decide(base, scaled(base, 1.2));
    EXPECT_TRUE(d.significant);
    EXPECT_TRUE(d.slower);
    EXPECT_FALSE(d.faster);
    EXPECT_TRUE(d.regression);
    EXPECT_NEAR(1.2, d.ratio, 1e-12);
    EXPECT_NEAR(brute_force_p(base, scaled(base, 1.2)), d.p_value, 1e-12);
}

TEST(CompareDecide, SignificantButBelowThresholdIsNotRegression)
{
    Sample base, cand;
    for (int i = 0; i < 10; i++) {
        base.push_back(100.0 + 0.1 * i); // 100.0 .. 100.9
        cand.push_back(103.0 + 0.1 * i); // 3% slower, no overlap
    }
    sc_compare_decision d = decide(base, cand);
    EXPECT_TRUE(d.slower);
    EXPECT_FALSE(d.regression);
    // The same data is a regression once the threshold is below 3%.
    d = decide(base, cand, 0.05, 0.02);
    EXPECT_TRUE(d.regression);
}

TEST(CompareDecide, LargeButNotSignificantIsNotRegression)
{
    // Medians differ by 17% (3 -> 3.5), but the samples interleave in rank.
    const sc_compare_decision d = decide({1, 10, 2, 20, 3}, {1.5, 15, 2.5, 30, 3.5});
    EXPECT_FALSE(d.significant);
    EXPECT_FALSE(d.regression);
    EXPECT_GT(d.ratio, 1.05);
}

TEST(CompareDecide, FasterIsNeverRegression)
{
    const Sample base = lcg_sample(41, 12, 800.0, 20.0, 0.0);
    const sc_compare_decision d = decide(base, scaled(base, 1.0 / 1041.0));
    EXPECT_TRUE(d.faster);
    EXPECT_FALSE(d.regression);
    EXPECT_NEAR(1.0 / 1041.0, d.ratio, 1e-12);
}

TEST(CompareDecide, IdenticalRunsAreNoChange)
{
    const Sample s = lcg_sample(51, 10, 1.0, 0.1, 0.01);
    const sc_compare_decision d = decide(s, s);
    EXPECT_DOUBLE_EQ(1.0, d.p_value);
    EXPECT_FALSE(d.significant);
    EXPECT_EQ(SC_REASON_NONE, d.reason);
    EXPECT_DOUBLE_EQ(1.0, d.ratio);
}

TEST(CompareDecide, AlphaIsHonoured)
{
    // p = 2/70 = 0.0286: significant at 0.05, not at 0.01; 4+4 can reach
    // 0.05 but not 0.01, so at 0.01 the reason is too few samples.
    const Sample base{1, 2, 3, 4}, cand{5, 6, 7, 8};
    EXPECT_TRUE(decide(base, cand, 0.05).significant);
    const sc_compare_decision strict = decide(base, cand, 0.01);
    EXPECT_FALSE(strict.significant);
    EXPECT_EQ(SC_REASON_TOO_FEW_SAMPLES, strict.reason);
}

TEST(CompareDecide, ZeroBaseMedian)
{
    EXPECT_TRUE(std::isinf(decide({0, 0, 0, 0}, {1, 1, 1, 1}).ratio));
    EXPECT_DOUBLE_EQ(1.0, decide({0, 0, 0}, {0, 0, 0}).ratio);
}

TEST(CompareDecide, RejectsBadInput)
{
    sc_compare_decision d{};
    const double v[2] = {1.0, 2.0};
    EXPECT_EQ(-1, sc_compare_decide(v, 0, v, 2, 0.05, 0.05, &d));
    EXPECT_EQ(-1, sc_compare_decide(v, 2, v, 2, 0.0, 0.05, &d));
    EXPECT_EQ(-1, sc_compare_decide(v, 2, v, 2, 1.0, 0.05, &d));
    EXPECT_EQ(-1, sc_compare_decide(v, 2, v, 2, 0.05, -0.01, &d));
    EXPECT_EQ(-1, sc_compare_decide(v, 2, v, 2, 0.05, INFINITY, &d));
}

// The one decision point refuses what is not a time, so NaN (which compares
// false with everything) can never come out as "not slower".
TEST(CompareDecide, RefusesValuesThatAreNotTimes)
{
    sc_compare_decision d{};
    const double ok[5] = {1, 2, 3, 4, 5};
    for (double bad : {(double)INFINITY, -(double)INFINITY, (double)NAN, -0.5}) {
        const double x[5] = {1e6, 1e6, bad, 1e6, 1e6};
        EXPECT_EQ(-1, sc_compare_decide(ok, 5, x, 5, 0.05, 0.05, &d)) << bad;
        EXPECT_EQ(-1, sc_compare_decide(x, 5, ok, 5, 0.05, 0.05, &d)) << bad;
    }
    const double x[3] = {0, 1, INFINITY};
    EXPECT_EQ(2u, sc_first_bad_time(x, 3));
    EXPECT_EQ(2u, sc_first_bad_time(x, 2));
}
