// bench compare below the command line: reading google benchmark JSON, the
// rows and warnings it builds, and its four output formats.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

#include <syscost/json.h>
#include <syscost/results.h>

extern "C" {
#include "compare.h"
#include <syscost/results_input.h>
}

namespace {

class TempFile {
  public:
    explicit TempFile(const std::string &content)
    {
        char tmpl[] = "/tmp/syscost_compare_XXXXXX";
        int fd = mkstemp(tmpl);
        path_ = tmpl;
        if (fd < 0 || write(fd, content.data(), content.size()) != (ssize_t)content.size())
            abort();
        close(fd);
    }
    ~TempFile() { unlink(path_.c_str()); }
    const char *path() const { return path_.c_str(); }

  private:
    std::string path_;
};

// A google benchmark file as benchmark 1.8 writes it with --benchmark_repetitions=3.
const char kGbench[] = R"({
  "context": {"date": "2026-11-26T12:00:00+00:00", "host_name": "ci-7", "num_cpus": 2},
  "benchmarks": [
    {"name": "BM_Write/1", "run_name": "BM_Write/1", "run_type": "iteration",
     "repetitions": 3, "repetition_index": 0, "iterations": 1000,
     "real_time": 950.0, "cpu_time": 940.0, "time_unit": "ns"},
    {"name": "BM_Write/1", "run_name": "BM_Write/1", "run_type": "iteration",
     "repetitions": 3, "repetition_index": 1, "iterations": 1000,
     "real_time": 1050.0, "cpu_time": 1040.0, "time_unit": "ns"},
    {"name": "BM_Write/1", "run_name": "BM_Write/1", "run_type": "iteration",
     "repetitions": 3, "repetition_index": 2, "iterations": 1000,
     "real_time": 1000.0, "cpu_time": 990.0, "time_unit": "ns"},
    {"name": "BM_Write/1_mean", "run_name": "BM_Write/1", "run_type": "aggregate",
     "aggregate_name": "mean", "real_time": 1000.0, "time_unit": "ns"},
    {"name": "BM_Write/1_cv", "run_name": "BM_Write/1", "run_type": "aggregate",
     "aggregate_name": "cv", "aggregate_unit": "percentage", "real_time": 0.05},
    {"name": "BM_Broken", "run_name": "BM_Broken", "run_type": "iteration",
     "error_occurred": true, "error_message": "setup failed"},
    {"name": "BM_Slow_median", "run_name": "BM_Slow", "run_type": "aggregate",
     "aggregate_name": "median", "real_time": 2.5, "time_unit": "ms"},
    {"name": "BM_Old", "real_time": 3, "iterations": 7}
  ]
})";

struct Loaded {
    sc_result_set set{};
    std::string err;
    int rc = 0;
    ~Loaded() { sc_result_set_free(&set); }
};

void load(const std::string &content, Loaded &out)
{
    TempFile f(content);
    char err[1024] = "";
    out.rc = sc_results_read(f.path(), &out.set, err, sizeof err);
    out.err = err;
    // Messages are compared without the temporary file's name.
    if (out.err.rfind(f.path(), 0) == 0)
        out.err = out.err.substr(std::string(f.path()).size());
}

} // namespace

TEST(GbenchJson, RepetitionsBecomeSamplesInMicroseconds)
{
    Loaded l;
    load(kGbench, l);
    ASSERT_EQ(0, l.rc) << l.err;
    ASSERT_EQ(3u, l.set.n); // BM_Broken is skipped
    const sc_result &w = l.set.rows[0];
    EXPECT_STREQ("BM_Write/1", w.test);
    ASSERT_EQ(3u, w.n_samples);
    EXPECT_DOUBLE_EQ(0.95, w.samples[0]);
    EXPECT_DOUBLE_EQ(1.05, w.samples[1]);
    EXPECT_DOUBLE_EQ(1.0, w.wall_median);
    EXPECT_EQ(1000u, w.cycles);
    EXPECT_STREQ("ci-7", w.hostname);
    EXPECT_TRUE(SC_HAS(&w, SC_COL_SAMPLES));

    // Only an aggregate median: one sample, and no samples column to speak of.
    const sc_result &s = l.set.rows[1];
    EXPECT_STREQ("BM_Slow", s.test);
    ASSERT_EQ(1u, s.n_samples);
    EXPECT_DOUBLE_EQ(2500.0, s.wall_median);
    EXPECT_FALSE(SC_HAS(&s, SC_COL_SAMPLES));

    // Old files have no run_type and no time_unit: iterations in nanoseconds.
    const sc_result &o = l.set.rows[2];
    EXPECT_STREQ("BM_Old", o.test);
    EXPECT_DOUBLE_EQ(0.003, o.wall_median);
}

TEST(GbenchJson, TheKitsOwnJsonReadsLikeItsCsv)
{
    Loaded l;
    load(R"({"context": {}, "benchmarks": [
      {"name": "S.C", "run_name": "S.C", "run_type": "iteration", "repetitions": 2,
       "iterations": 300, "real_time": 95.1, "time_unit": "us", "syscalls_per_call": 1024},
      {"name": "S.C", "run_name": "S.C", "run_type": "iteration", "repetitions": 2,
       "iterations": 300, "real_time": 96.3, "time_unit": "us", "syscalls_per_call": 1024},
      {"name": "S.C_median", "run_name": "S.C", "run_type": "aggregate",
       "aggregate_name": "median", "real_time": 95.7, "time_unit": "us"}]})",
         l);
    ASSERT_EQ(0, l.rc) << l.err;
    ASSERT_EQ(1u, l.set.n);
    EXPECT_EQ(2u, l.set.rows[0].n_samples); // the aggregate is not a third sample
    EXPECT_DOUBLE_EQ(95.7, l.set.rows[0].wall_median);
    EXPECT_DOUBLE_EQ(1024.0, l.set.rows[0].syscalls_per_call);
}

// What the CSV has per row and the kit's JSON once, in its context.
TEST(GbenchJson, TheContextGivesTracerThresholdAndPlatform)
{
    Loaded l;
    load(R"({"context": {"profile_tool": "libbpf", "cv_threshold": 0.02, "platform": "Linux 6"},
      "benchmarks": [{"name": "S.C", "real_time": 95, "time_unit": "us"},
                     {"name": "S.C", "real_time": 105, "time_unit": "us"}]})",
         l);
    ASSERT_EQ(0, l.rc) << l.err;
    const sc_result &r = l.set.rows[0];
    EXPECT_STREQ("libbpf", r.profile_tool);
    EXPECT_STREQ("Linux 6", r.platform);
    EXPECT_DOUBLE_EQ(0.02, r.cv_threshold);
    EXPECT_FALSE(r.stable); // CV 7% is above 2%
    EXPECT_TRUE(SC_HAS(&r, SC_COL_PROFILE_TOOL) && SC_HAS(&r, SC_COL_CV_THRESHOLD) &&
                SC_HAS(&r, SC_COL_STABLE) && SC_HAS(&r, SC_COL_PLATFORM));
    Loaded bare;
    load(R"({"benchmarks": [{"name": "S.C", "real_time": 95}]})", bare);
    ASSERT_EQ(0, bare.rc) << bare.err;
    EXPECT_EQ(nullptr, bare.set.rows[0].profile_tool);
    EXPECT_FALSE(SC_HAS(&bare.set.rows[0], SC_COL_CV_THRESHOLD));
}

TEST(GbenchJson, BadInputNamesLineAndColumn)
{
    Loaded a;
    load("{\"benchmarks\": [\n  {\"name\": \"X\", \"real_time\": \"fast\"}]}", a);
    EXPECT_EQ(-1, a.rc);
    EXPECT_EQ(":2:30: benchmarks[0] (X): \"real_time\" must be a number >= 0", a.err);

    Loaded b;
    load("{\"benchmarks\": [{\"name\": \"X\", \"real_time\": 1, \"time_unit\": \"h\"}]}", b);
    EXPECT_EQ(-1, b.rc);
    EXPECT_NE(std::string::npos, b.err.find("\"time_unit\" must be")) << b.err;

    Loaded c;
    load("{\"context\": {}}", c);
    EXPECT_EQ(-1, c.rc);
    EXPECT_NE(std::string::npos, c.err.find("\"benchmarks\" array")) << c.err;

    Loaded d;
    load("{\"benchmarks\": [}", d);
    EXPECT_EQ(-1, d.rc);
    EXPECT_EQ(0u, d.err.find(":1:17: ")) << d.err;

    Loaded e;
    load("{\"benchmarks\": [{\"name\": \"X\", \"real_time\": -1}]}", e);
    EXPECT_EQ(-1, e.rc);

    Loaded f;
    load("{\"benchmarks\": []}", f);
    EXPECT_EQ(-1, f.rc);
    EXPECT_NE(std::string::npos, f.err.find("no benchmark results")) << f.err;
}

// 1e305 s is a finite number of seconds but no finite number of
// microseconds: before, the samples became infinite, the median NaN, and a
// NaN ratio passed the gate as "not slower".
TEST(GbenchJson, ValuesMustStayFiniteOnceInMicroseconds)
{
    Loaded a;
    load("{\"benchmarks\": [\n  {\"name\": \"X\", \"real_time\": 1e305, \"time_unit\": \"s\"}]}", a);
    EXPECT_EQ(-1, a.rc);
    EXPECT_EQ(":2:30: benchmarks[0] (X): \"real_time\" 1e+305 s is too large: more than "
              "1.8e+308 microseconds", a.err);

    Loaded b; // past a double already in the file: strtod gives infinity
    load("{\"benchmarks\": [{\"name\": \"X\", \"real_time\": 1e400}]}", b);
    EXPECT_EQ(-1, b.rc);
    EXPECT_NE(std::string::npos, b.err.find("benchmarks[0] (X): \"real_time\" is too large: more than 1.8e+308"))
        << b.err;

    Loaded c; // the same for an aggregate row
    load("{\"benchmarks\": [{\"name\": \"X_median\", \"run_name\": \"X\", \"run_type\": "
         "\"aggregate\", \"aggregate_name\": \"median\", \"real_time\": 1e303, \"time_unit\": \"s\"}]}",
         c);
    EXPECT_EQ(-1, c.rc);
    EXPECT_NE(std::string::npos, c.err.find("(X_median): \"real_time\" 1e+303 s is too large"))
        << c.err;

    Loaded d;
    load("{\"benchmarks\": [{\"name\": \"X\", \"real_time\": 1, \"syscalls_per_call\": 1e999}]}", d);
    EXPECT_EQ(-1, d.rc);
    EXPECT_NE(std::string::npos, d.err.find("\"syscalls_per_call\" must be a finite number"))
        << d.err;

    // Derived numbers too: 1e6 / a median of 1e-320 us is no finite rate.
    Loaded e;
    load("{\"benchmarks\": [{\"name\": \"T\", \"real_time\": 1e-317, \"time_unit\": \"us\"}]}", e);
    EXPECT_EQ(-1, e.rc);
    EXPECT_EQ(":1:17: benchmark T: its calls per second is not a finite number (median 1e-317 "
              "us): the times are out of range", e.err);

    // Finite extremes that stay finite are read: the statistics do not overflow.
    Loaded f;
    load("{\"benchmarks\": [{\"name\": \"B\", \"real_time\": 1e300, \"time_unit\": \"s\"},"
         "{\"name\": \"B\", \"real_time\": 1.7e302, \"time_unit\": \"s\"}]}", f);
    ASSERT_EQ(0, f.rc) << f.err;
    EXPECT_TRUE(std::isfinite(f.set.rows[0].wall_mean));
    EXPECT_TRUE(std::isfinite(f.set.rows[0].wall_stddev));
    EXPECT_TRUE(std::isfinite(f.set.rows[0].wall_cv));
}

// The format is told by the first byte that is not white space: '{' or '['
// is JSON, anything else the CSV reader's.
TEST(ResultsInput, JsonIsToldByItsFirstByte)
{
    Loaded a;
    load("  \n[{\"name\": \"X\", \"real_time\": 1}]", a);
    EXPECT_EQ(-1, a.rc);
    EXPECT_EQ(":2:1: expected an object at the root, found an array (google benchmark JSON is "
              "an object with a \"benchmarks\" array)", a.err);

    Loaded b; // a byte order mark before the JSON
    load("\xEF\xBB\xBF{\"benchmarks\": [{\"name\": \"X\", \"real_time\": 1000}]}", b);
    ASSERT_EQ(0, b.rc) << b.err;
    EXPECT_DOUBLE_EQ(1.0, b.set.rows[0].wall_median);
}

// Many benchmarks group in linear time; grouping keeps the file's order.
TEST(GbenchJson, ManyBenchmarksKeepTheirOrder)
{
    std::string json = "{\"benchmarks\": [";
    for (int i = 0; i < 3000; i++)
        json += (i ? "," : "") + std::string("{\"name\": \"B") + std::to_string(i % 1000) +
                "\", \"real_time\": " + std::to_string(i + 1) + "}";
    json += "]}";
    Loaded l;
    load(json, l);
    ASSERT_EQ(0, l.rc) << l.err;
    ASSERT_EQ(1000u, l.set.n);
    for (size_t i = 0; i < l.set.n; i++) {
        EXPECT_EQ("B" + std::to_string(i), l.set.rows[i].test);
        EXPECT_EQ(3u, l.set.rows[i].n_samples);
    }
}

TEST(ResultsInput, RefusesWhatIsNotARegularFile)
{
    sc_result_set set;
    char err[1024] = "";
    EXPECT_EQ(-1, sc_results_read("/dev/zero", &set, err, sizeof err));
    EXPECT_EQ(0u, set.n);
    EXPECT_EQ(0, strncmp(err, "/dev/zero: not a regular file", 29)) << err;
}

TEST(ResultsInput, CsvStillGoesToTheCsvReader)
{
    Loaded l;
    load("\xEF\xBB\xBFtest,wallMedian,samples\nA,2,1;2;3\n", l);
    ASSERT_EQ(0, l.rc) << l.err;
    ASSERT_EQ(1u, l.set.n);
    EXPECT_EQ(3u, l.set.rows[0].n_samples);
}

namespace {

// Result rows backed by vectors the test keeps alive.
struct Case {
    std::string name;
    std::vector<double> samples;
    double cv_threshold = 0; // 0: column absent
};

struct Set {
    std::vector<Case> cases;
    std::vector<sc_result> rows;
    sc_result_set set{};

    explicit Set(std::vector<Case> cs) : cases(std::move(cs))
    {
        for (Case &c : cases) {
            sc_result r{};
            r.test = &c.name[0];
            r.samples = c.samples.size() > 1 ? c.samples.data() : nullptr;
            r.n_samples = c.samples.size() > 1 ? c.samples.size() : 0;
            r.wall_median = c.samples.empty() ? 0 : c.samples[0];
            r.present = 1u << SC_COL_TEST | 1u << SC_COL_WALL_MEDIAN;
            if (r.n_samples)
                r.present |= 1u << SC_COL_SAMPLES;
            if (c.cv_threshold > 0) {
                r.cv_threshold = c.cv_threshold;
                r.present |= 1u << SC_COL_CV_THRESHOLD;
            }
            rows.push_back(r);
        }
        set.rows = rows.data();
        set.n = rows.size();
    }
};

// n values step apart, symmetric around centre, which is their median.
std::vector<double> around(double centre, double step, int n)
{
    std::vector<double> v;
    for (int i = 0; i < n; i++)
        v.push_back(centre + step * (i - (n - 1) / 2.0));
    return v;
}

struct Built {
    compare_pair *pairs = nullptr;
    size_t n_pairs = 0;
    compare_result r{};
    ~Built()
    {
        compare_result_free(&r);
        free(pairs);
    }
    std::string warnings() const
    {
        std::string all;
        for (size_t i = 0; i < r.n_warnings; i++)
            all += std::string(r.warnings[i]) + "\n";
        return all;
    }
};

void build(const Set &b, const Set &c, Built &out, double alpha = 0.05, double threshold = 0.05)
{
    char err[256];
    ASSERT_EQ(0, compare_pairs_build(&b.set, &c.set, nullptr, nullptr, &out.pairs,
                                     &out.n_pairs, err, sizeof err));
    ASSERT_EQ(0, compare_build(out.pairs, out.n_pairs, true, false, alpha, threshold, &out.r));
}

std::string change(const compare_row &row)
{
    char buf[128];
    compare_change_text(&row, buf, sizeof buf);
    return buf;
}

std::string print(const compare_result &r, ex_format fmt, std::string *msgs = nullptr)
{
    char *out = nullptr, *err = nullptr;
    size_t out_len = 0, err_len = 0;
    FILE *fo = open_memstream(&out, &out_len), *fe = open_memstream(&err, &err_len);
    compare_print(&r, fmt, fo, fe);
    fclose(fo);
    fclose(fe);
    std::string s(out, out_len);
    if (msgs)
        *msgs = std::string(err, err_len);
    free(out);
    free(err);
    return s;
}

} // namespace

TEST(CompareBuild, ChangeTextFollowsTheDecision)
{
    // Complete separation of 10+10: p = 2 / C(20,10) = 2/184756 = 1.08e-05.
    Set b({{"Slow", around(100, 0.1, 10)}, {"Fast", around(800, 1, 10)},
           {"Same", around(5, 0.01, 10)}, {"Few", {1.0, 1.1, 1.2}}});
    Set c({{"Slow", around(120, 0.1, 10)}, {"Fast", around(800.0 / 1041, 1.0 / 1041, 10)},
           {"Same", around(5, 0.01, 10)}, {"Few", {2.0, 2.1, 2.2}}});
    Built out;
    build(b, c, out);
    ASSERT_EQ(4u, out.r.n_rows);
    EXPECT_EQ("+20.0% slower (p=1.1e-05 n=10+10)", change(out.r.rows[0]));
    EXPECT_EQ("1041x faster (p=1.1e-05 n=10+10)", change(out.r.rows[1]));
    EXPECT_EQ("~ (p=1.000 n=10+10)", change(out.r.rows[2]));
    EXPECT_EQ("~ (p=0.100 n=3+3, too few samples)", change(out.r.rows[3]));
    EXPECT_EQ(1u, out.r.n_regressions);
    EXPECT_TRUE(out.r.rows[0].d.regression);

    const std::string w = out.warnings();
    EXPECT_NE(std::string::npos,
              w.find("Few: 3+3 samples cannot reach significance at alpha 0.05 (the smallest "
                     "possible p is 0.100); run at least 4 repeats on each side"))
        << w;
    EXPECT_NE(std::string::npos, w.find("±? marks a median from too few samples (here as few as 3)"))
        << w;
}

// A sample that is not a time gets no verdict at all: never "~".
TEST(CompareBuild, RefusesSamplesThatAreNotTimes)
{
    const double kInf = INFINITY;
    for (double bad : {kInf, -kInf, (double)NAN, -1.0}) {
        Set b({{"A", around(100, 0.1, 5)}});
        Set c({{"A", {1e6, 1e6, bad, 1e6, 1e6}}});
        compare_pair *pairs = nullptr;
        size_t n = 0;
        char err[256];
        ASSERT_EQ(0, compare_pairs_build(&b.set, &c.set, nullptr, nullptr, &pairs, &n, err,
                                         sizeof err));
        compare_result r{};
        EXPECT_EQ(-1, compare_build(pairs, n, true, false, 0.05, 0.05, &r)) << bad;
        EXPECT_EQ(0u, r.n_regressions);
        EXPECT_EQ("A: the candidate's sample 3 is " + std::string(std::isnan(bad) ? "nan" :
                  bad == kInf ? "inf" : bad == -kInf ? "-inf" : "-1") +
                  ", not a time (a finite number >= 0)", std::string(r.error));
        compare_result_free(&r);
        free(pairs);
    }
}

// Finite medians so far apart that their ratio overflows: still slower,
// still a regression (before, only NaN was the problem; this stays right).
TEST(CompareBuild, AnOverflowingRatioIsARegression)
{
    Set b({{"A", around(1e-300, 1e-302, 5)}});
    Set c({{"A", around(1e300, 1e298, 5)}});
    Built out;
    build(b, c, out);
    EXPECT_TRUE(std::isinf(out.r.rows[0].d.ratio));
    EXPECT_TRUE(out.r.rows[0].d.regression);
    EXPECT_EQ(1u, out.r.n_regressions);
}

TEST(CompareBuild, ThresholdAndAlphaComeFromTheCaller)
{
    Set b({{"A", around(100, 0.1, 10)}});
    Set c({{"A", around(103, 0.1, 10)}}); // significantly slower, by 3%
    Built at5;
    build(b, c, at5);
    EXPECT_TRUE(at5.r.rows[0].d.slower);
    EXPECT_EQ(0u, at5.r.n_regressions);
    Built at2;
    build(b, c, at2, 0.05, 0.02);
    EXPECT_EQ(1u, at2.r.n_regressions);
}

TEST(CompareBuild, DifferentSetsAndGeomean)
{
    Set b({{"A", around(100, 0.1, 10)}, {"B", around(400, 0.1, 10)}, {"Gone", around(1, 0.01, 10)}});
    Set c({{"A", around(200, 0.1, 10)}, {"B", around(200, 0.1, 10)}, {"New", around(1, 0.01, 10)}});
    Built out;
    build(b, c, out);
    ASSERT_EQ(4u, out.r.n_rows);
    EXPECT_EQ("only in baseline", change(out.r.rows[2]));
    EXPECT_EQ("only in candidate", change(out.r.rows[3]));
    // geomean over A and B only: sqrt(100 * 400) = 200 against sqrt(200 * 200) = 200.
    EXPECT_EQ(2u, out.r.geomean_n);
    EXPECT_NEAR(200.0, out.r.geomean_base, 1e-9);
    EXPECT_NEAR(200.0, out.r.geomean_cand, 1e-9);
    EXPECT_NE(std::string::npos,
              out.warnings().find("the two files hold different sets of cases (only in the "
                                  "baseline: Gone; only in the candidate: New); 2 compared"))
        << out.warnings();
}

TEST(CompareBuild, CvWarningUsesTheFilesThreshold)
{
    std::vector<double> noisy = {90, 110, 95, 105, 100, 80, 120, 100, 100, 100}; // sd 10.8, mean 100
    Set b({{"Loose", noisy, 0.20}, {"Strict", noisy, 0.05}});
    Set c({{"Loose", noisy, 0.20}, {"Strict", noisy, 0.05}});
    Built out;
    build(b, c, out);
    const std::string w = out.warnings();
    EXPECT_EQ(std::string::npos, w.find("Loose")) << w;
    EXPECT_NE(std::string::npos,
              w.find("Strict: CV 10.8% in the baseline (threshold 5.0%), 10.8% in the "
                     "candidate (threshold 5.0%)\na CV above its threshold means a noisy run"))
        << w;
    EXPECT_EQ(1u, out.r.n_noisy);
}

TEST(CompareBuild, MedianOnlyFilesSayTheyHaveNoSamples)
{
    Set b({{"A", {100.0}}});
    Set c({{"A", {50.0}}});
    Built out;
    build(b, c, out);
    EXPECT_EQ("~ (p=1.000 n=1+1, too few samples)", change(out.r.rows[0]));
    EXPECT_NE(std::string::npos, out.warnings().find("the baseline file has no per-repeat samples"))
        << out.warnings();
}

TEST(CompareReport, TableShowsCentreIntervalAndGeomean)
{
    // 10 samples 95.0..96.8 (sorted x(r) = 94.8 + 0.2 r): median 95.9, 95% interval
    // [x(2), x(9)] = [95.2, 96.6]; both sides 0.7 -> 0.7 / 95.9 = 0.73%.
    std::vector<double> base;
    for (int i = 0; i < 10; i++)
        base.push_back(95.0 + 0.2 * i);
    Set b({{"A", base}, {"B", around(10, 0.01, 5)}});
    Set c({{"A", around(190, 0.1, 10)}, {"B", around(10, 0.01, 5)}});
    Built out;
    build(b, c, out);
    std::string t = print(out.r, EX_TABLE);
    EXPECT_NE(std::string::npos, t.find("95.9 us ±0.7%")) << t;
    EXPECT_NE(std::string::npos, t.find("10.0 us ±?")) << t;
    EXPECT_NE(std::string::npos, t.find("geomean")) << t;
    EXPECT_NE(std::string::npos, t.find("warning: ±? marks")) << t;

    std::string md = print(out.r, EX_MARKDOWN);
    EXPECT_EQ(0u, md.find("| Test")) << md;
    EXPECT_NE(std::string::npos, md.find("- warning: ")) << md;
}

TEST(CompareReport, JsonIsValidAndCarriesTheDecision)
{
    Set b({{"A", around(100, 0.1, 10)}, {"Only", around(1, 0.001, 10)}});
    Set c({{"A", around(120, 0.1, 10)}});
    Built out;
    build(b, c, out);
    std::string msgs;
    std::string text = print(out.r, EX_JSON, &msgs);
    sc_json_error err{};
    sc_json *doc = sc_json_parse(text.data(), text.size(), &err);
    ASSERT_NE(nullptr, doc) << err.line << ":" << err.col << " " << err.msg << "\n" << text;
    const sc_json *cases = sc_json_get(doc, "cases");
    ASSERT_NE(nullptr, cases);
    ASSERT_EQ(2u, cases->count);
    const sc_json *a = cases->items[0];
    EXPECT_STREQ("A", sc_json_get(a, "test")->string);
    EXPECT_NEAR(1.2, sc_json_get(a, "ratio")->number, 1e-9);
    EXPECT_NEAR(2.0 / 184756.0, sc_json_get(a, "p_value")->number, 1e-9);
    EXPECT_TRUE(sc_json_get(a, "regression")->boolean);
    EXPECT_EQ(10, sc_json_get(sc_json_get(a, "candidate"), "n")->number);
    EXPECT_EQ(SC_JSON_NULL, sc_json_get(cases->items[1], "candidate")->type);
    EXPECT_EQ(1, sc_json_get(doc, "regressions")->number);
    const sc_json *warnings = sc_json_get(doc, "warnings");
    ASSERT_EQ(1u, warnings->count) << text;
    sc_json_free(doc);
    // Machine formats keep the words off their data stream.
    EXPECT_NE(std::string::npos, msgs.find("warning: the two files hold different sets of cases (only in the baseline: Only); 1 compared")) << msgs;
}

TEST(CompareReport, CsvHasOneRowPerCaseAndFixedColumns)
{
    Set b({{"A,1", around(100, 0.1, 10)}, {"B", around(10, 0.1, 10)}});
    Set c({{"A,1", around(100, 0.1, 10)}, {"B", around(5, 0.1, 10)}});
    Built out;
    build(b, c, out);
    std::string csv = print(out.r, EX_CSV);
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = csv.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(csv.substr(start, nl - start));
    ASSERT_EQ(4u, lines.size()) << csv; // header, A,1, B, geomean
    EXPECT_EQ(0u, lines[1].find("\"A,1\",\"A,1\",\"A,1\",100,")) << lines[1];
    EXPECT_EQ(0u, lines[3].find("geomean,,,")) << lines[3];
    for (const std::string &l : {lines[0], lines[2], lines[3]}) {
        size_t commas = 0;
        for (char ch : l)
            commas += ch == ',';
        EXPECT_EQ(13u, commas) << l;
    }
}

TEST(CompareReport, FormatNames)
{
    auto format_of = [](const char *name) {
        for (const sc_opt_choice *c = ex_format_choices; c->name; c++)
            if (!strcmp(c->name, name))
                return c->value;
        return -1;
    };
    EXPECT_EQ(EX_MARKDOWN, format_of("md"));
    EXPECT_EQ(EX_CSV, format_of("csv"));
    EXPECT_EQ(EX_TABLE, format_of("text"));
    EXPECT_EQ(-1, format_of("xml"));
}
