// The rounds' order: a permutation per round, fixed by the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

extern "C" {
#include "rounds.h"
}

namespace {

std::vector<size_t> orders(uint64_t seed, size_t n, size_t rounds) {
  sc_rng rng;
  sc_rng_seed(&rng, seed);
  std::vector<size_t> all, one(n);
  for (size_t r = 0; r < rounds; r++) {
    sc_round_order(&rng, one.data(), n);
    all.insert(all.end(), one.begin(), one.end());
  }
  return all;
}

}  // namespace

TEST(Rounds, EachRoundIsAPermutation) {
  for (size_t n : {1u, 2u, 5u, 31u}) {
    std::vector<size_t> all = orders(7, n, 20);
    for (size_t r = 0; r < 20; r++) {
      std::vector<size_t> one(all.begin() + r * n, all.begin() + (r + 1) * n);
      std::sort(one.begin(), one.end());
      for (size_t i = 0; i < n; i++)
        EXPECT_EQ(i, one[i]) << "n=" << n << " round " << r;
    }
  }
}

TEST(Rounds, TheSeedFixesTheOrders) {
  EXPECT_EQ(orders(12345, 5, 10), orders(12345, 5, 10));
  EXPECT_NE(orders(12345, 5, 10), orders(12346, 5, 10));
  EXPECT_NE(orders(0, 5, 10), orders(1, 5, 10));
}

TEST(Rounds, EveryOrderOfThreeComesUp) {
  // 6000 rounds of 3 cases: each of the 6 orders about 1000 times. The
  // seed is fixed, so this is a check of the shuffle, not a flaky test.
  std::vector<size_t> all = orders(99, 3, 6000);
  std::map<std::vector<size_t>, int> seen;
  for (size_t r = 0; r < 6000; r++)
    seen[std::vector<size_t>(all.begin() + r * 3, all.begin() + r * 3 + 3)]++;
  ASSERT_EQ(6u, seen.size());
  for (const auto &kv : seen) {
    EXPECT_GT(kv.second, 880);
    EXPECT_LT(kv.second, 1120);
  }
}

TEST(Rounds, BelowStaysBelow) {
  sc_rng rng;
  sc_rng_seed(&rng, 1);
  for (uint64_t n : {1ull, 2ull, 3ull, 1000ull, (1ull << 63) + 5})
    for (int i = 0; i < 1000; i++)
      EXPECT_LT(sc_rng_below(&rng, n), n);
}

TEST(Rounds, ProcessSeeds) {
  EXPECT_EQ(42u, sc_process_seed(42, 0)) << "process 1 replays with --seed alone";
  std::set<uint32_t> seeds;
  for (uint64_t i = 0; i < 100; i++)
    seeds.insert(sc_process_seed(42, i));
  EXPECT_EQ(100u, seeds.size());
  EXPECT_EQ(sc_process_seed(42, 7), sc_process_seed(42, 7));
  EXPECT_NE(sc_process_seed(42, 7), sc_process_seed(43, 7));
}
