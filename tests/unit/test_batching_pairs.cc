// bench batching's pairing of each case with its batched form, by name alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "batching_pairs.h"
}

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pair_up(const std::vector<const char *> &names)
{
    struct batching_pair *p = nullptr;
    size_t n = 0;
    EXPECT_EQ(0, batching_pair_names(names.data(), names.size(), &p, &n));
    Pairs out;
    for (size_t i = 0; i < n; i++)
        out.emplace_back(names[p[i].unbatched], names[p[i].batched]);
    free(p);
    return out;
}

TEST(BatchingPairs, OneByteWithBatched)
{
    EXPECT_EQ(pair_up({"Sink.Pipe/OneByte", "Sink.Pipe/Batched"}),
              (Pairs{{"Sink.Pipe/OneByte", "Sink.Pipe/Batched"}}));
    // Order in the file does not matter: the One... variant is the unbatched one.
    EXPECT_EQ(pair_up({"Sink.Pty/Batched", "Sink.Pty/OneByte"}),
              (Pairs{{"Sink.Pty/OneByte", "Sink.Pty/Batched"}}));
}

TEST(BatchingPairs, OneBaselineAgainstEveryTechnique)
{
    EXPECT_EQ(pair_up({"Batching.Records/OneByteWrites", "Batching.Records/Writev",
                       "Batching.Records/UserBuffer"}),
              (Pairs{{"Batching.Records/OneByteWrites", "Batching.Records/Writev"},
                     {"Batching.Records/OneByteWrites", "Batching.Records/UserBuffer"}}));
}

TEST(BatchingPairs, NumericSweepPairsWithTheLargestSize)
{
    EXPECT_EQ(pair_up({"WriteSize.Bytes/1", "WriteSize.Bytes/65536", "WriteSize.Bytes/4096"}),
              (Pairs{{"WriteSize.Bytes/1", "WriteSize.Bytes/65536"},
                     {"WriteSize.Bytes/4096", "WriteSize.Bytes/65536"}}));
}

TEST(BatchingPairs, GroupsStayApartAndKeepTheirFirstAppearanceOrder)
{
    EXPECT_EQ(pair_up({"B.X/OneByte", "A.X/OneByte", "A.X/Batched", "B.X/Batched"}),
              (Pairs{{"B.X/OneByte", "B.X/Batched"}, {"A.X/OneByte", "A.X/Batched"}}));
}

TEST(BatchingPairs, LeavesUnpairable)
{
    // No '/', no suite, a lone case, no One... variant, two One... variants,
    // "One" not followed by a capital, a mixed numeric group without One...
    EXPECT_TRUE(pair_up({"BpftraceProfiler.ManySmallWrites",
                         "BpftraceProfiler.SingleBatchedWrite"}).empty());
    EXPECT_TRUE(pair_up({"NoSuite/OneByte", "NoSuite/Batched"}).empty());
    EXPECT_TRUE(pair_up({"Sink.Pipe/OneByte"}).empty());
    EXPECT_TRUE(pair_up({"Sink.Pipe/Fast", "Sink.Pipe/Batched"}).empty());
    EXPECT_TRUE(pair_up({"S.G/OneByte", "S.G/OneLine", "S.G/Batched"}).empty());
    EXPECT_TRUE(pair_up({"S.G/Onerous", "S.G/Batched"}).empty());
    EXPECT_TRUE(pair_up({"S.G/16", "S.G/Batched"}).empty());
    EXPECT_TRUE(pair_up({"S.G/", "S.G/OneByte"}).empty());
}

TEST(BatchingPairs, NoNames)
{
    EXPECT_TRUE(pair_up({}).empty());
}

}  // namespace
