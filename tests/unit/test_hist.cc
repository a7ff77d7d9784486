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
  EXPECT_EQ(512000, sc_hist_find_entry(calls, "write")->value);
  const sc_map *total = sc_hist_find(&r.set, "@syscalls_total");
  ASSERT_NE(nullptr, total);
  EXPECT_EQ(512003, sc_hist_find_entry(total, nullptr)->value);
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
  EXPECT_EQ(7, sc_hist_find_entry(c, "a")->value);
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
        BadHist{"{\"type\": \"hist\", \"data\": {\"@x\": [3]}}\n", "x.json:1:34:", "bucket must be an object"}),
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

TEST(Hist, ReadFileNamesThePath) {
  sc_hist_set set{};
  char err[256];
  EXPECT_EQ(-1, sc_hist_read_file("/nonexistent/h.json", &set, err, sizeof(err)));
  EXPECT_NE(nullptr, strstr(err, "/nonexistent/h.json: cannot open"));
}
