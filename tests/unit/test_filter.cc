#include <gtest/gtest.h>

#include <syscost/filter.h>

TEST(Glob, LiteralAndWildcards) {
  EXPECT_TRUE(sc_glob_match("A.B", "A.B"));
  EXPECT_FALSE(sc_glob_match("A.B", "A.BC"));
  EXPECT_TRUE(sc_glob_match("*", ""));
  EXPECT_TRUE(sc_glob_match("*Small*", "BpftraceProfiler.ManySmallWrites"));
  EXPECT_FALSE(sc_glob_match("*small*", "BpftraceProfiler.ManySmallWrites"));
  EXPECT_TRUE(sc_glob_match("A.?", "A.B"));
  EXPECT_FALSE(sc_glob_match("A.?", "A."));
  EXPECT_TRUE(sc_glob_match("*a*a*b", "aaaaaaaaaaaaaaaaaaaab"));
  EXPECT_FALSE(sc_glob_match("*a*a*a*a*a*a*c", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
  EXPECT_TRUE(sc_glob_match("WriteSize.Bytes/*", "WriteSize.Bytes/16"));
}

TEST(Filter, PositiveAndNegativeLikeGoogletest) {
  const char *many = "BpftraceProfiler.ManySmallWrites";
  const char *single = "BpftraceProfiler.SingleBatchedWrite";
  EXPECT_TRUE(sc_filter_match(nullptr, many));
  EXPECT_TRUE(sc_filter_match("*", many));
  EXPECT_TRUE(sc_filter_match("*ManySmallWrites*", many));
  EXPECT_FALSE(sc_filter_match("*ManySmallWrites*", single));
  EXPECT_TRUE(sc_filter_match("*Many*:*Single*", single));
  EXPECT_FALSE(sc_filter_match("BpftraceProfiler.*-*Single*", single));
  EXPECT_TRUE(sc_filter_match("BpftraceProfiler.*-*Single*", many));
  // An empty positive part means "everything", as in googletest.
  EXPECT_TRUE(sc_filter_match("-*Single*", many));
  EXPECT_FALSE(sc_filter_match("-*Single*:*Many*", many));
  EXPECT_FALSE(sc_filter_match("Other.*", many));
}
