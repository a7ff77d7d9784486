#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <syscost/units.h>

static std::string t(double us) {
  char b[32];
  sc_format_time_us(us, b, sizeof b);
  return b;
}
static std::string c(double v) {
  char b[32];
  sc_format_count(v, b, sizeof b);
  return b;
}
static std::string f(double v) {
  char b[32];
  sc_format_factor(v, b, sizeof b);
  return b;
}

TEST(Units, TimeUsesTheUnitThatKeepsThreeDigits) {
  EXPECT_EQ("95.1 us", t(95.1));
  EXPECT_EQ("812 ns", t(0.812));
  EXPECT_EQ("92.0 ns", t(0.092));
  EXPECT_EQ("1.20 ms", t(1200));
  EXPECT_EQ("2.50 s", t(2.5e6));
  EXPECT_EQ("1.00 us", t(0.99996));  // rounds up into the next unit
  EXPECT_EQ("n/a", t(NAN));
}

TEST(Units, CountsUseSuffixes) {
  EXPECT_EQ("10.5K", c(10500));
  EXPECT_EQ("1.00M", c(999999));
  EXPECT_EQ("7.33M", c(7.33e6));
  EXPECT_EQ("512", c(512));
  EXPECT_EQ("1.20G", c(1.2e9));
}

TEST(Units, Factors) {
  EXPECT_EQ("1041x", f(1041.2));
  EXPECT_EQ("2.50x", f(2.5));
}

// Past the largest unit the number turns scientific and keeps its unit:
// 1e34 us printed as a 29-digit number of seconds before.
TEST(Units, BeyondTheLargestUnitKeepsTheUnit) {
  EXPECT_EQ("1.00e+28 s", t(1e34));
  EXPECT_EQ("1.00e+03 s", t(999.5e6));
  EXPECT_EQ("999 s", t(999.4e6));
  EXPECT_EQ("1.70e+302 s", t(1.7e308));
  EXPECT_EQ("1.00e-09 ns", t(1e-12));  // below the smallest unit
  EXPECT_EQ("0.00 ns", t(0));
  EXPECT_EQ("n/a", t(INFINITY));
  EXPECT_EQ("999G", c(999e9));
  EXPECT_EQ("1.00e+12", c(1e12));
  EXPECT_EQ("1.00e-28", c(1e-28));
  EXPECT_EQ("0.00", c(0));
  EXPECT_EQ("999999x", f(999999));
  EXPECT_EQ("1.00e+30x", f(1e30));
  EXPECT_EQ("n/a", f(INFINITY));
}

TEST(Units, PayloadSizesInWholeKiBOrBytes) {
  char buf[32];
  sc_format_bytes(65536, buf, sizeof buf);
  EXPECT_STREQ("64 KiB", buf);
  sc_format_bytes(1024, buf, sizeof buf);
  EXPECT_STREQ("1 KiB", buf);
  sc_format_bytes(1000, buf, sizeof buf);
  EXPECT_STREQ("1000 bytes", buf);
  sc_format_bytes(1536, buf, sizeof buf);
  EXPECT_STREQ("1536 bytes", buf);
}
