#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <string>

#include <syscost/hist.h>

namespace {

// Output of bpftrace 0.17 -f json, as captured on this kit's machine.
const char kBpftraceJson[] =
    "{\"type\": \"attached_probes\", \"data\": {\"probes\": 33}}\n"
    "\n"
    "{\"type\": \"printf\", \"data\": \"hello\\n\"}\n"
    "{\"type\": \"hist\", \"data\": {\"@syscall_lat_ns\": {\"write\": "
    "[{\"min\": 512, \"max\": 1023, \"count\": 128}, {\"min\": 1024, \"max\": 2047, \"count\": 4096}, "
    "{\"min\": 2048, \"max\": 4095, \"count\": 820}, {\"min\": 4096, \"max\": 8191, \"count\": 12}]}}}\n"
    "{\"type\": \"map\", \"data\": {\"@syscalls\": {\"prctl\": 1, \"write\": 512000}}}\n"
    "{\"type\": \"map\", \"data\": {\"@syscalls_total\": 512003}}\n"
    "{\"type\": \"stats\", \"data\": {\"@s\": {\"count\": 1, \"average\": 5, \"total\": 5}}}\n";

struct Read {
  sc_hist_set set{};
  char err[512] = "";
  int rc;
  explicit Read(const std::string &text, const char *name = "t.json") {
    rc = sc_hist_read_buf(text.data(), text.size(), name, &set, err, sizeof(err));
  }
  ~Read() { sc_hist_free(&set); }
};

std::string capture(void (*fn)(FILE *, const sc_hist_set *), const sc_hist_set *set) {
  char *buf = nullptr;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  fn(f, set);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

std::string label(const sc_bucket &b) {
  char buf[80];
  sc_hist_bucket_label(&b, buf, sizeof(buf));
  return buf;
}

}  // namespace

TEST(Hist, ReadsKeyedHistogramAndCountMaps) {
  Read r(kBpftraceJson);
  ASSERT_EQ(0, r.rc) << r.err;
  ASSERT_EQ(3u, r.set.nmaps);  // stats, printf and attached_probes are ignored
  const sc_map *lat = sc_hist_find(&r.set, "@syscall_lat_ns");
  ASSERT_NE(nullptr, lat);
  EXPECT_EQ(SC_MAP_HIST, lat->kind);
  const sc_map_entry *w = sc_hist_find_entry(lat, "write");
  ASSERT_NE(nullptr, w);
  ASSERT_EQ(4u, w->nbuckets);
  EXPECT_EQ(512, w->buckets[0].min);
  EXPECT_EQ(1023, w->buckets[0].max);
  EXPECT_EQ(5056u, sc_hist_total(w));

  const sc_map *calls = sc_hist_find(&r.set, "@syscalls");
  ASSERT_NE(nullptr, calls);
  EXPECT_EQ(SC_MAP_COUNT, calls->kind);
  EXPECT_EQ(512000u, sc_hist_find_entry(calls, "write")->value);
  const sc_map *total = sc_hist_find(&r.set, "@syscalls_total");
  ASSERT_NE(nullptr, total);
  EXPECT_EQ(512003u, sc_hist_find_entry(total, nullptr)->value);
}

TEST(Hist, EveryBucketShape) {
  Read r("{\"type\": \"hist\", \"data\": {\"@l\": [{\"max\": -1, \"count\": 1}, "
         "{\"min\": 0, \"max\": 0, \"count\": 2}, {\"min\": 1, \"max\": 1, \"count\": 3}, "
         "{\"min\": 2, \"max\": 3, \"count\": 4}, {\"min\": 100, \"count\": 5}]}}\n"
         "{\"type\": \"hist\", \"data\": {\"@empty\": []}}\n"
         "{\"type\": \"hist\", \"data\": {\"@lin\": [{\"max\": 9, \"count\": 1}]}}\n");
  ASSERT_EQ(0, r.rc) << r.err;
  const sc_map_entry *e = sc_hist_find_entry(sc_hist_find(&r.set, "@l"), nullptr);
  ASSERT_NE(nullptr, e);
  ASSERT_EQ(5u, e->nbuckets);
  EXPECT_FALSE(e->buckets[0].has_min);  // underflow: no min
  EXPECT_TRUE(e->buckets[0].has_max);
  EXPECT_EQ(-1, e->buckets[0].max);
  EXPECT_TRUE(e->buckets[4].has_min);   // overflow: no max
  EXPECT_FALSE(e->buckets[4].has_max);
  EXPECT_EQ(15u, sc_hist_total(e));
  EXPECT_EQ("(..., 0)", label(e->buckets[0]));
  EXPECT_EQ("[0]", label(e->buckets[1]));
  EXPECT_EQ("[1]", label(e->buckets[2]));
  EXPECT_EQ("[2, 4)", label(e->buckets[3]));
  EXPECT_EQ("[100, ...)", label(e->buckets[4]));

  const sc_map_entry *empty = sc_hist_find_entry(sc_hist_find(&r.set, "@empty"), nullptr);
  ASSERT_NE(nullptr, empty);
  EXPECT_EQ(0u, empty->nbuckets);
  double q;
  EXPECT_EQ(-1, sc_hist_quantile(empty, 0.5, &q));

  // An lhist starting at 10 has its underflow bucket end at 9.
  const sc_map_entry *lin = sc_hist_find_entry(sc_hist_find(&r.set, "@lin"), nullptr);
  EXPECT_EQ("(..., 10)", label(lin->buckets[0]));
}

TEST(Hist, LabelsUseBpftraceSuffixes) {
  EXPECT_EQ("[512, 1K)", label({1, 1, 512, 1023, 1}));
  EXPECT_EQ("[1K, 2K)", label({1, 1, 1024, 2047, 1}));
  EXPECT_EQ("[1M, 2M)", label({1, 1, 1048576, 2097151, 1}));
  EXPECT_EQ("[1G, 2G)", label({1, 1, INT64_C(1) << 30, (INT64_C(1) << 31) - 1, 1}));
  EXPECT_EQ("[1536, 2K)", label({1, 1, 1536, 2047, 1}));  // lhist step 512
}

TEST(Hist, EmptyKeyedMapsAndLaterPrintsReplaceEarlier) {
  Read r("{\"type\": \"map\", \"data\": {\"@start\": {}}}\n"
         "{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 1}}}\n"
         "{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 7, \"b\": 2}}}\n"
         "{\"type\": \"map\", \"data\": {\"@str\": {\"k\": \"text\"}}}\n");
  ASSERT_EQ(0, r.rc) << r.err;
  EXPECT_EQ(0u, sc_hist_find(&r.set, "@start")->nentries);
  const sc_map *c = sc_hist_find(&r.set, "@c");
  ASSERT_EQ(2u, c->nentries);
  EXPECT_EQ(7u, sc_hist_find_entry(c, "a")->value);
  EXPECT_EQ(0u, sc_hist_find(&r.set, "@str")->nentries);  // non-numbers skipped
}

struct BadHist {
  const char *text;
  const char *where;  // "name:line:col"
  const char *msg_part;
};

void PrintTo(const BadHist &c, std::ostream *os) { *os << c.where << ' ' << c.msg_part; }

class HistBad : public ::testing::TestWithParam<BadHist> {};

TEST_P(HistBad, NamesFileLineAndColumn) {
  const BadHist &c = GetParam();
  Read r(c.text, "x.json");
  EXPECT_EQ(-1, r.rc);
  EXPECT_EQ(0u, r.set.nmaps);
  EXPECT_EQ(0, strncmp(r.err, c.where, strlen(c.where))) << r.err;
  EXPECT_NE(nullptr, strstr(r.err, c.msg_part)) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, HistBad,
    ::testing::Values(
        BadHist{"{\"type\": \"printf\"}\n{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1,}]}}\n",
                "x.json:2:", "quoted key"},
        BadHist{"\n\n[1, 2]\n", "x.json:3:1:", "one JSON object per line"},
        BadHist{"{\"data\": {}}\n", "x.json:1:1:", "no \"type\""},
        BadHist{"{\"type\": \"hist\", \"data\": 5}\n", "x.json:1:26:", "\"data\" object"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": 5}}\n", "x.json:1:33:", "array or an object"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": {\"k\": {}}}}\n", "x.json:1:39:", "array of buckets"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1}]}}\n", "x.json:1:34:", "no \"count\""},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"count\": 1}]}}\n", "x.json:1:34:", "neither"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1, \"max\": 2, \"count\": -3}]}}\n",
                "x.json:1:", "negative"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1.5, \"max\": 2, \"count\": 3}]}}\n",
                "x.json:1:42:", "integer"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 8, \"max\": 2, \"count\": 3}]}}\n",
                "x.json:1:34:", "below"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [3]}}\n", "x.json:1:34:", "bucket must be an object"},
        // Buckets in bpftrace's order only: unsorted ones gave a p99 below the median.
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 8, \"max\": 15, \"count\": 1}, "
                "{\"min\": 2, \"max\": 3, \"count\": 1}]}}\n",
                "x.json:1:69:", "buckets out of order: \"min\" 2 is not above the previous bucket's \"max\" 15"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": {\"k\": [{\"min\": 2, \"max\": 7, \"count\": 1}, "
                "{\"min\": 4, \"max\": 9, \"count\": 1}]}}}\n",
                "x.json:1:74:", "smallest first), in @x[k]"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 2, \"max\": 3, \"count\": 1}, "
                "{\"max\": -1, \"count\": 1}]}}\n", "x.json:1:", "can only come first"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 2, \"count\": 1}, "
                "{\"min\": 4, \"max\": 7, \"count\": 1}]}}\n", "x.json:1:", "can only come last"},
        // Signs: bpftrace's bounds start at 0; only the open-below bucket's max is -1.
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": -8, \"max\": -5, \"count\": 1}]}}\n",
                "x.json:1:42:", "\"min\" -8 is negative"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"max\": -5, \"count\": 1}]}}\n",
                "x.json:1:42:", "\"max\" -5 is below -1"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1, \"max\": 1, \"count\": 2.5}]}}\n",
                "x.json:1:", "found a fraction (2.5), in @x"},
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1, \"max\": 1, "
                "\"count\": 18446744073709551616}]}}\n", "x.json:1:", "larger than 2^64 - 1"},
        // u64 counts whose sum wraps.
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [{\"min\": 1, \"max\": 1, \"count\": 18446744073709551615}, "
                "{\"min\": 2, \"max\": 3, \"count\": 1}]}}\n",
                "x.json:1:", "the counts add up to more than 2^64 - 1"},
        // Count maps: a number that cannot be a count is refused, not dropped.
        BadHist{"{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 1, \"b\": -3}}}\n",
                "x.json:1:46:", "the value is negative (-3): a count is never below 0, in @c[b]"},
        BadHist{"{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 1.5}}}\n",
                "x.json:1:", "found a fraction (1.5), in @c[a]"},
        BadHist{"{\"type\": \"map\", \"data\": {\"@c\": -1}}\n", "x.json:1:", "negative (-1)"},
        BadHist{"{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 9223372036854775808, "
                "\"b\": 9223372036854775808}}}\n",
                "x.json:1:", "the counts add up to more than 2^64 - 1, more than bpftrace can count, in @c"}),
    [](const ::testing::TestParamInfo<BadHist> &info) { return "case" + std::to_string(info.index); });

TEST(Hist, QuantilesInterpolateInsideBuckets) {
  sc_hist_set set{};
  sc_map *m = sc_hist_add_map(&set, "@h", SC_MAP_HIST);
  sc_map_entry *e = sc_hist_add_entry(m, nullptr);
  sc_bucket a{1, 1, 100, 199, 50}, b{1, 1, 200, 299, 50};
  sc_hist_add_bucket(e, &a);
  sc_hist_add_bucket(e, &b);
  double q;
  ASSERT_EQ(0, sc_hist_quantile(e, 0.5, &q));
  EXPECT_DOUBLE_EQ(200, q);  // the 50th of 100 values ends bucket a
  ASSERT_EQ(0, sc_hist_quantile(e, 0.99, &q));
  EXPECT_DOUBLE_EQ(298, q);
  ASSERT_EQ(0, sc_hist_quantile(e, 0.25, &q));
  EXPECT_DOUBLE_EQ(150, q);

  // Open buckets answer with their one bound.
  sc_map_entry *o = sc_hist_add_entry(m, "open");
  sc_bucket under{0, 1, 0, -1, 10}, over{1, 0, 100, 0, 90};
  sc_hist_add_bucket(o, &under);
  sc_hist_add_bucket(o, &over);
  ASSERT_EQ(0, sc_hist_quantile(o, 0.05, &q));
  EXPECT_DOUBLE_EQ(-1, q);
  ASSERT_EQ(0, sc_hist_quantile(o, 0.99, &q));
  EXPECT_DOUBLE_EQ(100, q);
  sc_hist_free(&set);
}

TEST(Hist, Log2SlotsBecomeTrimmedBpftraceBuckets) {
  uint64_t slots[SC_LOG2_SLOTS] = {};
  slots[11] = 128;   // [512, 1K)
  slots[13] = 820;   // [2K, 4K); [1K, 2K) stays as an empty bucket between
  slots[1] = 0;
  sc_hist_set set{};
  sc_map_entry *e = sc_hist_add_entry(sc_hist_add_map(&set, "@syscall_lat_ns", SC_MAP_HIST), "write");
  ASSERT_EQ(0, sc_hist_set_log2(e, slots));
  ASSERT_EQ(3u, e->nbuckets);
  EXPECT_EQ("[512, 1K)", label(e->buckets[0]));
  EXPECT_EQ(0u, e->buckets[1].count);
  EXPECT_EQ("[2K, 4K)", label(e->buckets[2]));

  uint64_t low[SC_LOG2_SLOTS] = {};
  low[0] = 1;  // negative
  low[1] = 2;  // zero
  low[2] = 3;  // one
  sc_map_entry *z = sc_hist_add_entry(&set.maps[0], "low");
  ASSERT_EQ(0, sc_hist_set_log2(z, low));
  ASSERT_EQ(3u, z->nbuckets);
  EXPECT_EQ("(..., 0)", label(z->buckets[0]));
  EXPECT_EQ("[0]", label(z->buckets[1]));
  EXPECT_EQ("[1]", label(z->buckets[2]));
  sc_hist_free(&set);
}

TEST(Hist, WritesJsonThatReadsBackIdentically) {
  Read r(std::string(kBpftraceJson) +
         "{\"type\": \"hist\", \"data\": {\"@b\": [{\"max\": -1, \"count\": 1}, {\"min\": 9, \"count\": 2}]}}\n"
         "{\"type\": \"hist\", \"data\": {\"@e\": []}}\n");
  ASSERT_EQ(0, r.rc) << r.err;
  std::string json = capture(sc_hist_write_json, &r.set);
  EXPECT_NE(std::string::npos, json.find("{\"type\": \"hist\", \"data\": {\"@syscall_lat_ns\": "
                                         "{\"write\": [{\"min\": 512, \"max\": 1023, \"count\": 128}, "))
      << json;
  EXPECT_NE(std::string::npos, json.find("{\"type\": \"map\", \"data\": {\"@syscalls_total\": 512003}}\n"));
  EXPECT_NE(std::string::npos, json.find("[{\"max\": -1, \"count\": 1}, {\"min\": 9, \"count\": 2}]"));
  EXPECT_NE(std::string::npos, json.find("{\"@e\": []}"));
  Read back(json);
  ASSERT_EQ(0, back.rc) << back.err;
  EXPECT_EQ(json, capture(sc_hist_write_json, &back.set));
}

// Byte for byte what bpftrace 0.17 prints at exit for the same maps
// (checked against its own text output on the kit's machine).
TEST(Hist, TextMatchesBpftraceLayout) {
  Read r(kBpftraceJson);
  ASSERT_EQ(0, r.rc) << r.err;
  std::string text = capture(sc_hist_write_text, &r.set);
  // Label padded to 16, count right-aligned in 8, a 52-wide bar scaled to the
  // largest bucket (float arithmetic, as bpftrace does).
  const char *expected =
      "@syscall_lat_ns[write]: \n"
      "[512, 1K)            128 |@                                                   |\n"
      "[1K, 2K)            4096 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n"
      "[2K, 4K)             820 |@@@@@@@@@@                                          |\n"
      "[4K, 8K)              12 |                                                    |\n"
      "\n"
      "@syscalls[prctl]: 1\n"
      "@syscalls[write]: 512000\n"
      "@syscalls_total: 512003\n";
  EXPECT_EQ(expected, text);
}

// bpftrace's counters are u64: counts past 2^63 are counts, and sums are
// taken in 64 unsigned bits without wrapping.
TEST(Hist, CountsUpTo2To64Minus1) {
  Read r("{\"type\": \"hist\", \"data\": {\"@h\": [{\"min\": 1, \"max\": 1, \"count\": 9223372036854775808}, "
         "{\"min\": 2, \"max\": 3, \"count\": 9223372036854775807}]}}\n"
         "{\"type\": \"map\", \"data\": {\"@c\": {\"a\": 18446744073709551615, \"b\": 0}}}\n"
         "{\"type\": \"map\", \"data\": {\"@one\": 18446744073709551614}}\n");
  ASSERT_EQ(0, r.rc) << r.err;
  const sc_map_entry *h = sc_hist_find_entry(sc_hist_find(&r.set, "@h"), nullptr);
  EXPECT_EQ(UINT64_C(9223372036854775808), h->buckets[0].count);
  EXPECT_EQ(UINT64_MAX, sc_hist_total(h));
  double p50, p99;
  ASSERT_EQ(0, sc_hist_quantile(h, 0.5, &p50));
  ASSERT_EQ(0, sc_hist_quantile(h, 0.99, &p99));
  EXPECT_LE(p50, p99);
  const sc_map *c = sc_hist_find(&r.set, "@c");
  EXPECT_EQ(UINT64_MAX, sc_hist_find_entry(c, "a")->value);
  EXPECT_EQ(UINT64_C(18446744073709551614), sc_hist_find_entry(sc_hist_find(&r.set, "@one"), nullptr)->value);
  // Written and read back exactly, not as a signed number.
  std::string json = capture(sc_hist_write_json, &r.set);
  EXPECT_NE(std::string::npos, json.find("\"a\": 18446744073709551615")) << json;
  EXPECT_NE(std::string::npos, json.find("\"count\": 9223372036854775808")) << json;
  std::string text = capture(sc_hist_write_text, &r.set);
  EXPECT_NE(std::string::npos, text.find("@c[a]: 18446744073709551615\n")) << text;

  // By hand a sum can pass 2^64 - 1: checked, and the total saturates.
  sc_hist_set set{};
  sc_map_entry *e = sc_hist_add_entry(sc_hist_add_map(&set, "@x", SC_MAP_HIST), nullptr);
  sc_bucket a{1, 1, 1, 1, UINT64_MAX}, b{1, 1, 2, 3, 2};
  sc_hist_add_bucket(e, &a);
  sc_hist_add_bucket(e, &b);
  uint64_t sum = 0;
  EXPECT_EQ(-1, sc_hist_sum(e, &sum));
  EXPECT_EQ(UINT64_MAX, sc_hist_total(e));
  sc_hist_free(&set);
}

// bpftrace 0.17 labels hist()'s last bucket, every value from 2^31 on, as
// [-2^31, 0] (checked on this kit's machine: hist(nsecs) prints it). It is
// read as what it holds, [2^31, ...), not as a negative or unsorted bucket.
TEST(Hist, ReadsBpftrace017sTopBucketAsOpenFrom2To31) {
  Read r("{\"type\": \"hist\", \"data\": {\"@a\": [{\"min\": 4, \"max\": 7, \"count\": 1}, "
         "{\"min\": 8, \"max\": 15, \"count\": 0}, {\"min\": 16, \"max\": 31, \"count\": 0}, "
         "{\"min\": 32, \"max\": 63, \"count\": 0}, {\"min\": 64, \"max\": 127, \"count\": 0}, "
         "{\"min\": 128, \"max\": 255, \"count\": 0}, {\"min\": 256, \"max\": 511, \"count\": 0}, "
         "{\"min\": 512, \"max\": 1023, \"count\": 0}, {\"min\": 1024, \"max\": 2047, \"count\": 0}, "
         "{\"min\": 2048, \"max\": 4095, \"count\": 0}, {\"min\": 4096, \"max\": 8191, \"count\": 0}, "
         "{\"min\": 8192, \"max\": 16383, \"count\": 0}, {\"min\": 16384, \"max\": 32767, \"count\": 0}, "
         "{\"min\": 32768, \"max\": 65535, \"count\": 0}, {\"min\": 65536, \"max\": 131071, \"count\": 0}, "
         "{\"min\": 131072, \"max\": 262143, \"count\": 0}, {\"min\": 262144, \"max\": 524287, \"count\": 0}, "
         "{\"min\": 524288, \"max\": 1048575, \"count\": 0}, {\"min\": 1048576, \"max\": 2097151, \"count\": 0}, "
         "{\"min\": 2097152, \"max\": 4194303, \"count\": 0}, {\"min\": 4194304, \"max\": 8388607, \"count\": 0}, "
         "{\"min\": 8388608, \"max\": 16777215, \"count\": 0}, {\"min\": 16777216, \"max\": 33554431, \"count\": 0}, "
         "{\"min\": 33554432, \"max\": 67108863, \"count\": 0}, {\"min\": 67108864, \"max\": 134217727, \"count\": 0}, "
         "{\"min\": 134217728, \"max\": 268435455, \"count\": 0}, {\"min\": 268435456, \"max\": 536870911, \"count\": 0}, "
         "{\"min\": 536870912, \"max\": 1073741823, \"count\": 0}, {\"min\": 1073741824, \"max\": 2147483647, \"count\": 0}, "
         "{\"min\": -2147483648, \"max\": 0, \"count\": 3}]}}\n"
         "{\"type\": \"hist\", \"data\": {\"@only\": [{\"min\": -2147483648, \"max\": 0, \"count\": 1}]}}\n");
  ASSERT_EQ(0, r.rc) << r.err;
  const sc_map_entry *a = sc_hist_find_entry(sc_hist_find(&r.set, "@a"), nullptr);
  ASSERT_EQ(30u, a->nbuckets);
  const sc_bucket &top = a->buckets[29];
  EXPECT_EQ("[2G, ...)", label(top));
  EXPECT_EQ(3u, top.count);
  double p99;
  ASSERT_EQ(0, sc_hist_quantile(a, 0.99, &p99));
  EXPECT_DOUBLE_EQ(2147483648.0, p99);
  EXPECT_EQ("[2G, ...)", label(sc_hist_find_entry(sc_hist_find(&r.set, "@only"), nullptr)->buckets[0]));
  // Anywhere else that shape is what it says: a negative min.
  Read mid("{\"type\": \"hist\", \"data\": {\"@a\": [{\"min\": -2147483648, \"max\": 0, \"count\": 3}, "
           "{\"min\": 1, \"max\": 1, \"count\": 1}]}}\n");
  EXPECT_EQ(-1, mid.rc);
  EXPECT_NE(nullptr, strstr(mid.err, "is negative")) << mid.err;
}

// The libbpf tracer's last log2 slot, [2^63, 2^64), has no signed bound.
TEST(Hist, Log2TopSlotMergesIntoAnOpenBucket) {
  uint64_t slots[SC_LOG2_SLOTS] = {};
  slots[63] = 1;  // [2^61, 2^62)
  slots[64] = 2;  // [2^62, 2^63)
  slots[65] = 3;  // [2^63, 2^64)
  sc_hist_set set{};
  sc_map_entry *e = sc_hist_add_entry(sc_hist_add_map(&set, "@x", SC_MAP_HIST), nullptr);
  ASSERT_EQ(0, sc_hist_set_log2(e, slots));
  ASSERT_EQ(2u, e->nbuckets);
  EXPECT_EQ("[2E, 4E)", label(e->buckets[0]));
  EXPECT_EQ("[4E, ...)", label(e->buckets[1]));
  EXPECT_EQ(5u, e->buckets[1].count);
  // What it builds, the reader accepts back.
  std::string json = capture(sc_hist_write_json, &set);
  Read back(json);
  EXPECT_EQ(0, back.rc) << back.err << "\n" << json;

  uint64_t full[SC_LOG2_SLOTS] = {};
  full[3] = UINT64_MAX;
  full[4] = 1;
  sc_map_entry *f = sc_hist_add_entry(&set.maps[0], "full");
  EXPECT_EQ(-1, sc_hist_set_log2(f, full));
  sc_hist_free(&set);
}

TEST(Hist, ReadFileNamesThePath) {
  sc_hist_set set{};
  char err[256];
  EXPECT_EQ(-1, sc_hist_read_file("/nonexistent/h.json", &set, err, sizeof(err)));
  EXPECT_NE(nullptr, strstr(err, "/nonexistent/h.json: cannot open"));
}
