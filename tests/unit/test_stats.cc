#include <gtest/gtest.h>

#include <cmath>

#include <syscost/stats.h>

TEST(Stats, KnownDataSet) {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
  const double v[] = {9, 4, 2, 4, 5, 4, 7, 5};
  sc_summary s;
  ASSERT_EQ(0, sc_summarize(v, 8, &s));
  EXPECT_EQ(8u, s.n);
  EXPECT_DOUBLE_EQ(2, s.min);
  EXPECT_DOUBLE_EQ(9, s.max);
  EXPECT_DOUBLE_EQ(5, s.mean);
  EXPECT_DOUBLE_EQ(4.5, s.median);
  EXPECT_NEAR(std::sqrt(32.0 / 7.0), s.stddev, 1e-12);
  EXPECT_NEAR(std::sqrt(32.0 / 7.0) / 5.0, s.cv, 1e-12);
  // R7 percentiles: rank = p * (n - 1); p10 -> 0.7 between 2 and 4.
  EXPECT_NEAR(2 + 0.7 * 2, s.p10, 1e-12);
  // p90 -> rank 6.3 between 7 and 9.
  EXPECT_NEAR(7 + 0.3 * 2, s.p90, 1e-12);
}

TEST(Stats, OddCountMedianAndSingleValue) {
  const double v[] = {3, 1, 2};
  sc_summary s;
  ASSERT_EQ(0, sc_summarize(v, 3, &s));
  EXPECT_DOUBLE_EQ(2, s.median);
  const double one[] = {42};
  ASSERT_EQ(0, sc_summarize(one, 1, &s));
  EXPECT_DOUBLE_EQ(42, s.median);
  EXPECT_DOUBLE_EQ(0, s.stddev);
  EXPECT_DOUBLE_EQ(0, s.cv);
}

TEST(Stats, EmptyIsAnError) {
  sc_summary s;
  EXPECT_EQ(-1, sc_summarize(nullptr, 0, &s));
}

TEST(Stats, PercentileEnds) {
  const double v[] = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(1, sc_percentile_sorted(v, 4, 0));
  EXPECT_DOUBLE_EQ(4, sc_percentile_sorted(v, 4, 100));
  EXPECT_DOUBLE_EQ(2.5, sc_percentile_sorted(v, 4, 50));
}

// Finite samples give finite statistics: sums near DBL_MAX do not overflow.
TEST(Stats, HugeFiniteValuesGiveFiniteStatistics) {
  const double v[] = {1.7e308, 1.6e308, 1.5e308, 1e300};
  sc_summary s;
  ASSERT_EQ(0, sc_summarize(v, 4, &s));
  EXPECT_TRUE(std::isfinite(s.mean));
  EXPECT_TRUE(std::isfinite(s.stddev));
  EXPECT_TRUE(std::isfinite(s.cv));
  EXPECT_NEAR(1.2, s.mean / 1e308, 1e-6);
  // Ordinary values come out exactly as plain sums give them.
  const double w[] = {0.1, 0.2, 0.7};
  ASSERT_EQ(0, sc_summarize(w, 3, &s));
  EXPECT_EQ((0.1 + 0.2 + 0.7) / 3, s.mean);
}
