// The demo report is written from a run's files alone: its tables and its
// computed conclusion must follow the numbers in them, including a run
// where profiling was skipped, and the HTML must carry its charts inline.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <string>
#include <vector>
#include <sys/stat.h>
#include <unistd.h>

extern "C" {
#include "base64.h"
#include "compare_pairs.h"
#include "overhead_table.h"
#include "report.h"
#include "report_chart.h"
#include "report_doc.h"
#include "sweep_table.h"
#include "syscall_cost.h"
}

namespace {

const std::string kFixtures = SYSCOST_FIXTURES "/report";

std::string markdown(const struct doc &d) {
  char *buf = nullptr;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  EXPECT_EQ(doc_write_markdown(&d, f), 0);
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

std::string html(const struct doc &d, int *rc) {
  char *buf = nullptr;
  size_t len = 0;
  char err[512] = "";
  FILE *f = open_memstream(&buf, &len);
  *rc = doc_write_html(&d, f, "t", err, sizeof(err));
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return *rc ? std::string(err) : s;
}

bool contains(const std::string &hay, const std::string &needle) {
  return hay.find(needle) != std::string::npos;
}

// A scratch copy of a fixture run, removed afterwards.
class RunCopy {
 public:
  explicit RunCopy(const std::string &fixture) {
    char tmpl[] = "/tmp/syscost_report_XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::string cmd = "cp -r '" + kFixtures + "/" + fixture + "/.' '" + dir_ + "'";
    if (system(cmd.c_str()) != 0) abort();
  }
  ~RunCopy() { std::string cmd = "rm -rf '" + dir_ + "'"; if (system(cmd.c_str())) {} }
  const std::string &dir() const { return dir_; }
  void write(const std::string &name, const std::string &content) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << content;
  }

 private:
  std::string dir_;
};

std::string b64(const std::string &in) {
  char *buf = nullptr;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  base64_write(f, reinterpret_cast<const unsigned char *>(in.data()), in.size());
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

TEST(Report, FullRunComputesTheConclusionFromTheFiles) {
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  std::string dir = kFixtures + "/full";
  ASSERT_EQ(report_build(dir.c_str(), &d, &fd, err, sizeof(err)), 0) << err;

  // slow.csv: 139 us per call, 1024 syscalls; fast.csv: 185 ns, 1 syscall.
  ASSERT_TRUE(fd.have_batching);
  EXPECT_EQ(std::string(fd.slow_test), "BpftraceProfiler.ManySmallWrites");
  EXPECT_EQ(std::string(fd.fast_test), "BpftraceProfiler.SingleBatchedWrite");
  EXPECT_NEAR(fd.batch_factor, 139.0 / 0.185, 0.01);
  EXPECT_NEAR(fd.ns_per_syscall, 139.0 * 1000 / 1024, 1e-6);
  EXPECT_NEAR(fd.fast_ns_per_syscall, 185.0, 1e-6);

  // overhead/: none 139 us, libbpf 200 us, bpftrace 420 us, strace 170 ms per 1024 writes.
  ASSERT_TRUE(fd.have_overhead);
  ASSERT_EQ(fd.overhead.n, 4u);
  EXPECT_EQ(std::string(fd.overhead.rows[0].label), "untraced");
  EXPECT_EQ(std::string(fd.overhead.rows[1].tool), "libbpf");
  EXPECT_EQ(std::string(fd.overhead.rows[3].tool), "strace");
  EXPECT_NEAR(fd.overhead.rows[1].added_ns, (200.0 - 139.0) * 1000 / 1024, 1e-6);
  EXPECT_NEAR(fd.overhead.rows[2].added_ns, (420.0 - 139.0) * 1000 / 1024, 1e-6);

  // The two syslat histograms; the slow case's is the one the conclusion quotes.
  EXPECT_EQ(fd.n_histograms, 2u);
  ASSERT_TRUE(fd.have_write_hist);
  EXPECT_EQ(fd.hist_calls, 512000u);
  EXPECT_GT(fd.hist_median_ns, 256);
  EXPECT_LT(fd.hist_median_ns, 512);
  EXPECT_EQ(fd.n_sweep, 9u);
  EXPECT_EQ(fd.n_plots, 0u);  // the fixture has no plots/

  std::string md = markdown(d);
  EXPECT_TRUE(contains(md, "**751x**: 185 ns against 139 us per call")) << md;
  EXPECT_TRUE(contains(md, "costs about **136 ns** here")) << md;
  EXPECT_TRUE(contains(md, "the price is paid per call, not per byte"));
  EXPECT_TRUE(contains(md, "median `write()` took about 329 ns (p99 511 ns) over 512,000 calls"));
  EXPECT_TRUE(contains(md, "Tracing with libbpf added +59.6 ns (+44%) per syscall."));
  EXPECT_TRUE(contains(md, "Tracing with bpftrace added +274 ns (3.02x as slow) per syscall."));
  EXPECT_TRUE(contains(md, "adds 22% of what bpftrace adds"));
  // Tables: environment from env.txt, summary, compare, overhead, sweep.
  EXPECT_TRUE(contains(md, "| clocksource | tsc "));
  EXPECT_TRUE(contains(md, "| `BpftraceProfiler.ManySmallWrites`    |      138 us |"));
  EXPECT_TRUE(contains(md, "|   139 us |    185 ns | 751x faster (p=1.1e-05 n=10+10) |"));
  EXPECT_TRUE(contains(md, "| libbpf   |      195 ns |"));
  EXPECT_TRUE(contains(md, "| untraced |      136 ns |"));
  EXPECT_TRUE(contains(md, "The same 64 KiB written N bytes per `write()`"));
  EXPECT_TRUE(contains(md, "| `WriteSize.Bytes/1`     |         65536 |     9.61 ms | `WriteSize.Bytes/65536` |"));
  EXPECT_TRUE(contains(md, "[256, 512)        353430 |"));
  EXPECT_TRUE(contains(md, "No charts in `plots/`"));
  EXPECT_FALSE(contains(md, "The floor is an empty")) << md;  // no floor row here
  EXPECT_FALSE(contains(md, "--profile-pairs")) << md;  // no run in pairs here

  // The Syscall suite: write() 152 ns less the null syscall's 95.0 ns.
  ASSERT_TRUE(fd.decomposition.have);
  EXPECT_EQ(std::string(fd.decomposition.call), "write()");
  EXPECT_NEAR(fd.decomposition.null_ns, 95.0, 1e-9);
  EXPECT_NEAR(fd.decomposition.own.ns, 152.15 - 95.0, 1e-9);
  EXPECT_TRUE(contains(md, "Of `write()`'s **152 ns**, about **95.0 ns** is the trip into and out "
                           "of the kernel (the null syscall) and **57.2 ns** (95% CI 56.3 ns to "
                           "59.3 ns) is `write()`'s own path (fd lookup, VFS, the /dev/null driver); "
                           "the vDSO answers `clock_gettime` in **20.1 ns** without entering the "
                           "kernel (through syscall(2): 130 ns).")) << md;
  EXPECT_TRUE(contains(md, "| read()                             | `Syscall.ReadDevZero`         |             1 |      160 ns |                    95.0 ns |  65.1 ns | 64.3 ns to 67.3 ns |")) << md;
  doc_free(&d);
}

// A libbpf run in pairs (--profile-pairs: the file also holds the case's
// NAME/detached row, same seed): the report says its added figure was
// measured inside the run, and takes it from the pair differences.
TEST(Report, OverheadSaysWhichToolsRanInPairs) {
  RunCopy run("full");
  const std::string head = SC_CSV_HEADER "\n";
  const std::string mid = ",0,0,1e4,1024,true,0.05,";
  const std::string tail = ",2026-11-26T12:35:31Z,0123456789ab,vm,Linux,";
  run.write("overhead/libbpf.csv",
            head + "BpftraceProfiler.ManySmallWrites,228,3,228,200,200,200,200,200,200" + mid +
                "libbpf" + tail + "200;210;190,42,1\n" +
                "BpftraceProfiler.ManySmallWrites/detached,228,3,228,150,150,150,150,150,150" +
                mid + "none" + tail + "151;158;140,42,1\n");
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  ASSERT_EQ(report_build(run.dir().c_str(), &d, &fd, err, sizeof(err)), 0) << err;
  std::string md = markdown(d);
  ASSERT_TRUE(fd.have_overhead);
  ASSERT_EQ(std::string(fd.overhead.rows[1].tool), "libbpf");
  EXPECT_TRUE(fd.overhead.rows[1].in_process);
  EXPECT_NEAR(fd.overhead.rows[1].added_ns, 50.0 * 1000 / 1024, 1e-6);  // pairs: 49, 52, 50
  EXPECT_TRUE(contains(md, "libbpf ran with `--profile-pairs`: inside each of their runs the "
                           "tracer was attached for one repeat and detached")) << md;
  doc_free(&d);
}

// The decomposition when write() is within noise of the null syscall, and
// when the vDSO falls back to the syscall (a clocksource without vDSO mode).
TEST(Report, DecompositionSaysWhatTheNumbersAllow) {
  RunCopy run("full");
  const std::string head =
      "test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,wallMean,"
      "wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,cvThreshold,profileTool,"
      "timestamp,gitHash,hostname,platform,samples\n";
  const std::string tail = ",true,0.05,none,2026-11-26T12:35:31Z,0123456789ab,vm,Linux,";
  run.write("demo.csv",
            head + "Syscall.Null,1,10,1,0.1,0.1,0.1,0.1,0.1,0.1,0,0,1e7,1" + tail +
                "0.09;0.11;0.1;0.1;0.1;0.1;0.1;0.1;0.09;0.11\n" +
                "Syscall.WriteDevNull,1,10,1,0.101,0.1,0.1,0.1,0.1,0.1,0,0,1e7,1" + tail +
                "0.09;0.11;0.101;0.101;0.101;0.101;0.101;0.101;0.09;0.11\n" +
                "Syscall.ClockGettimeVdso,1,10,1,0.3,0.3,0.3,0.3,0.3,0.3,0,0,1e7,1" + tail +
                "0.3;0.3;0.3;0.3;0.3;0.3;0.3;0.3;0.3;0.3\n");
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  ASSERT_EQ(report_build(run.dir().c_str(), &d, &fd, err, sizeof(err)), 0) << err;
  std::string md = markdown(d);
  EXPECT_TRUE(contains(md, "Of `write()`'s **101 ns**, about **100 ns** is the trip into and out "
                           "of the kernel (the null syscall); what is left, 1.00 ns (95% CI -20.0 ns "
                           "to 20.0 ns), cannot be told from zero in this run; the vDSO does not "
                           "answer `clock_gettime` here (the clocksource has no vDSO mode): each "
                           "call enters the kernel, **300 ns**.")) << md;
  doc_free(&d);
}

TEST(Report, RunWithoutProfilingSaysSoAndStillConcludes) {
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  std::string dir = kFixtures + "/no-profile";
  ASSERT_EQ(report_build(dir.c_str(), &d, &fd, err, sizeof(err)), 0) << err;
  EXPECT_TRUE(fd.have_batching);
  EXPECT_EQ(fd.n_histograms, 0u);
  EXPECT_FALSE(fd.have_write_hist);
  EXPECT_FALSE(fd.have_overhead);
  EXPECT_EQ(fd.n_sweep, 0u);
  std::string md = markdown(d);
  EXPECT_TRUE(contains(md, "Profiling was skipped in this run"));
  EXPECT_TRUE(contains(md, "No histogram in this run: profiling was skipped"));
  EXPECT_TRUE(contains(md, "What tracing adds was not measured"));
  EXPECT_TRUE(contains(md, "This run wrote no `env.txt`"));
  EXPECT_TRUE(contains(md, "| platform | Linux 6.18.44-fc-v595 x86_64 |"));
  EXPECT_FALSE(contains(md, "## Bytes per write()"));
  EXPECT_FALSE(contains(md, "Tracing with"));
  doc_free(&d);
}

TEST(Report, WritesBothFilesWithChartsInlinedInTheHtml) {
  RunCopy run("no-profile");
  mkdir((run.dir() + "/plots").c_str(), 0777);
  const std::string png("\x89PNG\r\n\x1a\n", 8);
  run.write("plots/compare.png", png);
  struct report_findings fd;
  char err[512] = "";
  ASSERT_EQ(report_write(run.dir().c_str(), &fd, err, sizeof(err)), 0) << err;
  EXPECT_EQ(fd.n_plots, 1u);
  std::stringstream md, page;
  md << std::ifstream(run.dir() + "/REPORT.md").rdbuf();
  page << std::ifstream(run.dir() + "/REPORT.html").rdbuf();
  EXPECT_TRUE(contains(md.str(), "](plots/compare.png)"));
  EXPECT_TRUE(contains(page.str(), "src=\"data:image/png;base64," + b64(png) + "\""));
  EXPECT_FALSE(contains(page.str(), "src=\"plots/"));
  EXPECT_TRUE(contains(page.str(), "<strong>751x</strong>"));
  EXPECT_TRUE(contains(page.str(), "<td class=\"num\">185 ns</td>"));
}

TEST(Report, HtmlInlinesTheBytesItWasGiven) {
  struct doc d = {};
  const char png[] = "\x89PNG\r\n\x1a\nrest";
  unsigned char *data = static_cast<unsigned char *>(malloc(sizeof(png) - 1));
  memcpy(data, png, sizeof(png) - 1);
  doc_image(&d, "plots/a b.png", "a <chart>", "image/png", data, sizeof(png) - 1);
  int rc = 0;
  std::string out = html(d, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_TRUE(contains(out, "alt=\"a &lt;chart&gt;\" src=\"data:image/png;base64," +
                                b64(std::string(png, sizeof(png) - 1)) + "\""))
      << out;
  EXPECT_TRUE(contains(markdown(d), "![a \\<chart>](plots/a%20b.png)")) << markdown(d);
  doc_free(&d);
}

// What may be inlined: a regular PNG or SVG file below the run folder.
TEST(ReportChart, LoadsOnlyWhatItsNamePromises) {
  RunCopy run("no-profile");
  mkdir((run.dir() + "/plots").c_str(), 0777);
  run.write("plots/a.png", std::string("\x89PNG\r\n\x1a\n", 8) + "x");
  run.write("plots/b.svg", "\xef\xbb\xbf\n<?xml version=\"1.0\"?><svg/>");
  run.write("plots/c.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  run.write("plots/d.svg", "<html><script>alert(1)</script>");
  run.write("plots/e.png", "<svg/>");
  unsigned char *data = nullptr;
  size_t size = 0;
  const char *mime = nullptr;
  char why[256] = "";
  auto load = [&](const char *rel) {
    free(data);
    data = nullptr;
    return report_chart_load(run.dir().c_str(), rel, &data, &size, &mime, why, sizeof(why));
  };
  ASSERT_EQ(load("plots/a.png"), REPORT_CHART_OK) << why;
  EXPECT_EQ(std::string(mime), "image/png");
  EXPECT_EQ(size, 9u);
  ASSERT_EQ(load("plots/b.svg"), REPORT_CHART_OK) << why;
  EXPECT_EQ(std::string(mime), "image/svg+xml");
  EXPECT_EQ(load("plots/c.svg"), REPORT_CHART_OK) << why;
  EXPECT_EQ(load("plots/d.svg"), REPORT_CHART_REFUSED);
  EXPECT_TRUE(contains(why, "not an SVG file")) << why;
  EXPECT_EQ(load("plots/e.png"), REPORT_CHART_REFUSED);
  EXPECT_TRUE(contains(why, "not a PNG file")) << why;
  EXPECT_EQ(load("plots/missing.png"), REPORT_CHART_ABSENT);
  EXPECT_EQ(load("plots/../demo.csv"), REPORT_CHART_REFUSED);
  EXPECT_EQ(load("plots"), REPORT_CHART_REFUSED);  // a directory: not a regular file
  EXPECT_EQ(symlink((run.dir() + "/plots/a.png").c_str(), (run.dir() + "/plots/f.png").c_str()), 0);
  EXPECT_EQ(load("plots/f.png"), REPORT_CHART_REFUSED);  // even a link inside the folder
  EXPECT_TRUE(contains(why, "f.png is a symbolic link")) << why;
  free(data);
}

TEST(Report, HtmlEscapesText) {
  struct doc d = {};
  doc_para(&d, "a <b> & `x<y` **bold <i>**");
  int rc = 0;
  std::string out = html(d, &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_TRUE(contains(out, "<p>a &lt;b&gt; &amp; <code>x&lt;y</code> <strong>bold &lt;i&gt;</strong></p>"))
      << out;
  doc_free(&d);
}

TEST(Report, BadEnvFileIsNamedWithItsLine) {
  RunCopy run("no-profile");
  run.write("env.txt", "kernel: 6.1\nno colon here\n");
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  EXPECT_EQ(report_build(run.dir().c_str(), &d, &fd, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "env.txt:2:1: expected 'key: value'")) << err;
}

// env.txt is read whole with a bound, like every other input: a long line
// is one line, and a file far larger than any environment is refused.
TEST(Report, EnvFileIsReadWithABound) {
  RunCopy run("no-profile");
  run.write("env.txt", "kernel: 6.1\nnote: " + std::string(3000, 'y') + "\nlast: no newline");
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  ASSERT_EQ(report_build(run.dir().c_str(), &d, &fd, err, sizeof(err)), 0) << err;
  std::string md = markdown(d);
  EXPECT_TRUE(contains(md, "| note   | " + std::string(3000, 'y') + " |"));
  EXPECT_TRUE(contains(md, "| last   | no newline "));
  doc_free(&d);

  run.write("env.txt", "kernel: 6.1\n" + std::string(70000, '#') + "\n");
  EXPECT_EQ(report_build(run.dir().c_str(), &d, &fd, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "env.txt: larger than 65536 bytes, the limit for this input")) << err;
}

TEST(Report, NotARunDirectory) {
  struct doc d;
  struct report_findings fd;
  char err[512] = "";
  EXPECT_EQ(report_build("/nonexistent-run", &d, &fd, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "/nonexistent-run: no such directory")) << err;
  std::string fixtures = kFixtures;
  EXPECT_EQ(report_build(fixtures.c_str(), &d, &fd, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "not a demo run directory")) << err;
}

TEST(Base64, KnownVectors) {
  EXPECT_EQ(b64(""), "");
  EXPECT_EQ(b64("f"), "Zg==");
  EXPECT_EQ(b64("fo"), "Zm8=");
  EXPECT_EQ(b64("foo"), "Zm9v");
  EXPECT_EQ(b64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(b64(std::string("\xff\x00\x80", 3)), "/wCA");
}

// ---- the tables behind both the charts and the report ------------------

struct sc_result row(const char *test, double median_us, double syscalls, const char *tool) {
  struct sc_result r = {};
  r.test = const_cast<char *>(test);
  r.wall_median = r.wall_p10 = r.wall_p90 = median_us;
  r.syscalls_per_call = syscalls;
  r.profile_tool = const_cast<char *>(tool);
  r.present = (1u << SC_COL_TEST) | (1u << SC_COL_WALL_MEDIAN);
  return r;
}

TEST(OverheadTable, NeedsAnUntracedRun) {
  struct sc_result a[] = {row("X.Y", 100, 1000, "libbpf")};
  struct sc_result b[] = {row("X.Y", 150, 1000, "bpftrace")};
  struct sc_result_set sets[] = {{a, 1}, {b, 1}};
  const char *names[] = {"a.csv", "b.csv"};
  struct overhead_table t;
  char err[256];
  EXPECT_EQ(overhead_table_build(sets, names, 2, nullptr, &t, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "no untraced run of X.Y")) << err;

  struct sc_result d[] = {row("X.Y", 50, 1000, "none")};
  struct sc_result_set ok[] = {{a, 1}, {b, 1}, {d, 1}};
  const char *three[] = {"a.csv", "b.csv", "d.csv"};
  ASSERT_EQ(overhead_table_build(ok, three, 3, nullptr, &t, err, sizeof(err)), 0) << err;
  ASSERT_EQ(t.n, 3u);
  EXPECT_EQ(std::string(t.rows[0].tool), "none");
  EXPECT_DOUBLE_EQ(t.rows[0].ns_per_syscall, 50.0);
  EXPECT_EQ(std::string(t.rows[1].tool), "libbpf");  // cheapest tracer first
  EXPECT_DOUBLE_EQ(t.rows[1].added_ns, 50.0);
  EXPECT_DOUBLE_EQ(t.rows[2].ratio, 3.0);
  char text[64];
  overhead_added_text(&t.rows[1], text, sizeof(text));
  EXPECT_EQ(std::string(text), "+50.0 ns (2.00x as slow)");
  EXPECT_EQ(t.floor, -1);
  EXPECT_TRUE(std::isnan(t.rows[1].above_floor_ns));
}

// Rows of one tool are rounds: the median round is shown, and what a tool
// adds is the median of its per-round differences, to the untraced run and
// to the floor (the empty program pair).
TEST(OverheadTable, PoolsRoundsAndMeasuresAboveTheFloor) {
  struct sc_result none[] = {row("X.Y", 100, 1000, "none"), row("X.Y", 130, 1000, "none"),
                             row("X.Y", 110, 1000, "none")};
  struct sc_result floor[] = {row("X.Y", 150, 1000, "libbpf-floor"),
                              row("X.Y", 175, 1000, "libbpf-floor"),
                              row("X.Y", 160, 1000, "libbpf-floor")};
  struct sc_result lb[] = {row("X.Y", 200, 1000, "libbpf"), row("X.Y", 240, 1000, "libbpf"),
                           row("X.Y", 215, 1000, "libbpf")};
  struct sc_result_set sets[] = {{none, 3}, {floor, 3}, {lb, 3}};
  const char *names[] = {"none.csv", "floor.csv", "libbpf.csv"};
  struct overhead_table t;
  char err[256];
  ASSERT_EQ(overhead_table_build(sets, names, 3, nullptr, &t, err, sizeof(err)), 0) << err;
  ASSERT_EQ(t.n, 3u);
  EXPECT_EQ(t.rows[0].rounds, 3u);
  EXPECT_DOUBLE_EQ(t.rows[0].ns_per_syscall, 110.0);
  ASSERT_EQ(t.floor, 1);
  EXPECT_EQ(std::string(t.rows[1].label), "floor");
  EXPECT_DOUBLE_EQ(t.rows[1].added_ns, 50.0);  // 50, 45, 50
  EXPECT_DOUBLE_EQ(t.rows[1].floor_ratio, 1.0);
  EXPECT_DOUBLE_EQ(t.rows[2].ns_per_syscall, 215.0);
  EXPECT_DOUBLE_EQ(t.rows[2].added_ns, 105.0);        // 100, 110, 105
  EXPECT_DOUBLE_EQ(t.rows[2].above_floor_ns, 55.0);   // 50, 65, 55
  EXPECT_DOUBLE_EQ(t.rows[2].floor_ratio, 2.1);
  EXPECT_TRUE(std::isnan(t.rows[2].bpf_ns));
  char text[96];
  overhead_added_text(&t.rows[2], text, sizeof(text));
  EXPECT_EQ(std::string(text), "+105 ns (+95%), +55.0 ns above the floor");
}

// --profile-pairs: a traced run's file holds NAME/detached, the same
// process's untraced repeats, sample k paired with traced sample k. What the
// tracer adds is then the median of each run's pair differences, and the
// median of those over rounds; the separate untraced process only gives the
// untraced row. Here the processes' levels differ (none at 90/150/95), so the
// across-process differences (170, 145, 180) would say otherwise.
struct sc_result paired(const char *test, std::vector<double> &v, const char *tool, uint32_t seed) {
  std::vector<double> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  struct sc_result r = row(test, sorted[sorted.size() / 2], 1000, tool);
  r.samples = v.data();
  r.n_samples = v.size();
  r.has_seed = true;
  r.seed = seed;
  r.processes = 1;
  return r;
}

TEST(OverheadTable, InProcessPairsMeasureWhatATracerAdds) {
  struct sc_result none[] = {row("X.Y", 90, 1000, "none"), row("X.Y", 150, 1000, "none"),
                             row("X.Y", 95, 1000, "none")};
  std::vector<std::vector<double>> fl_on = {{150, 160, 155}, {181, 179, 180}, {160, 166, 170}};
  std::vector<std::vector<double>> fl_off = {{100, 112, 104}, {140, 131, 129}, {110, 115, 122}};
  std::vector<std::vector<double>> lb_on = {{260, 262, 258}, {300, 290, 295}, {270, 275, 280}};
  std::vector<std::vector<double>> lb_off = {{100, 103, 98}, {140, 131, 129}, {110, 115, 122}};
  struct sc_result fl[3][2], lb[3][2];
  for (int k = 0; k < 3; k++) {
    fl[k][0] = paired("X.Y", fl_on[k], "libbpf-floor", 7);
    fl[k][1] = paired("X.Y" SC_DETACHED_SUFFIX, fl_off[k], "none", 7);
    lb[k][0] = paired("X.Y", lb_on[k], "libbpf", 9);
    lb[k][1] = paired("X.Y" SC_DETACHED_SUFFIX, lb_off[k], "none", 9);
  }
  struct sc_result_set sets[] = {{none, 3}, {fl[0], 2}, {lb[0], 2}, {fl[1], 2},
                                 {lb[1], 2}, {fl[2], 2}, {lb[2], 2}};
  const char *names[] = {"none.csv", "f1.csv", "l1.csv", "f2.csv", "l2.csv", "f3.csv", "l3.csv"};
  struct overhead_table t;
  char err[256];
  // No case named: X.Y and its X.Y/detached rows are one case.
  ASSERT_EQ(overhead_table_build(sets, names, 7, nullptr, &t, err, sizeof(err)), 0) << err;
  ASSERT_EQ(t.n, 3u);
  EXPECT_EQ(std::string(t.test), "X.Y");
  EXPECT_DOUBLE_EQ(t.rows[0].ns_per_syscall, 95.0);
  EXPECT_FALSE(t.rows[0].in_process);
  ASSERT_EQ(t.floor, 1);
  EXPECT_TRUE(t.rows[1].in_process);
  EXPECT_DOUBLE_EQ(t.rows[1].added_ns, 50.0);        // 50, 48, 50
  EXPECT_TRUE(t.rows[2].in_process);
  EXPECT_DOUBLE_EQ(t.rows[2].added_ns, 160.0);       // 160, 160, 160
  EXPECT_DOUBLE_EQ(t.rows[2].above_floor_ns, 110.0); // 110, 112, 110
  EXPECT_DOUBLE_EQ(t.rows[2].floor_ratio, 3.2);

  // A detached row from other rounds (another seed) is no pair: that round,
  // and so the tool, falls back to the differences across processes.
  lb[1][1].seed = 8;
  ASSERT_EQ(overhead_table_build(sets, names, 7, nullptr, &t, err, sizeof(err)), 0) << err;
  EXPECT_FALSE(t.rows[2].in_process);
  EXPECT_DOUBLE_EQ(t.rows[2].added_ns, 170.0);       // 260-90, 295-150, 275-95
  EXPECT_DOUBLE_EQ(t.rows[2].above_floor_ns, 109.0); // 260-155, 295-180, 275-166
}

TEST(OverheadTable, RowWithoutSyscallCountIsRefused) {
  struct sc_result a[] = {row("X.Y", 100, NAN, "none")};
  struct sc_result_set sets[] = {{a, 1}};
  const char *names[] = {"a.csv"};
  struct overhead_table t;
  char err[256];
  EXPECT_EQ(overhead_table_build(sets, names, 1, nullptr, &t, err, sizeof(err)), -1);
  EXPECT_TRUE(contains(err, "a.csv: X.Y has no syscallsPerCall")) << err;
}

TEST(ComparePairs, JoinsByNameOrPairsTheOnlyTwoCases) {
  struct sc_result b1[] = {row("A", 100, 1, "none"), row("B", 10, 1, "none"), row("C", 5, 1, "none")};
  struct sc_result c1[] = {row("A", 104, 1, "none"), row("B", 20, 1, "none"), row("C", 5.5, 1, "none")};
  struct sc_result_set base = {b1, 3}, cand = {c1, 3};
  struct compare_pair *p = nullptr;
  size_t n = 0;
  char err[256];
  ASSERT_EQ(compare_pairs_build(&base, &cand, nullptr, nullptr, &p, &n, err, sizeof(err)), 0);
  ASSERT_EQ(n, 3u);
  EXPECT_EQ(std::string(p[1].name), "B");
  EXPECT_DOUBLE_EQ(p[1].factor, 0.5);
  free(p);

  struct sc_result slow[] = {row("Many", 139, 1024, "none")};
  struct sc_result fast[] = {row("One", 0.185, 1, "none")};
  struct sc_result_set s = {slow, 1}, f = {fast, 1};
  ASSERT_EQ(compare_pairs_build(&s, &f, nullptr, nullptr, &p, &n, err, sizeof(err)), 0);
  ASSERT_EQ(n, 1u);
  EXPECT_EQ(std::string(p[0].name), "Many vs One");
  EXPECT_NEAR(p[0].factor, 139 / 0.185, 1e-9);
  free(p);
}

TEST(SyscallCost, EachCallLessTheNullSyscallWithAnIntervalFromBothMedians) {
  double null_s[] = {0.10, 0.11, 0.09, 0.10, 0.10, 0.12, 0.08, 0.10, 0.10, 0.10};
  double write_s[] = {0.15, 0.16, 0.14, 0.15, 0.15, 0.17, 0.13, 0.15, 0.15, 0.15};
  struct sc_result rows[] = {row("Syscall.WriteDevNull", 0.15, 1, "none"),
                             row("Syscall.Null", 0.10, 1, "none"),
                             row("Syscall.ClockGettimeVdso", 0.02, 1, "none")};
  rows[0].samples = write_s;
  rows[0].n_samples = 10;
  rows[1].samples = null_s;
  rows[1].n_samples = 10;
  struct sc_result_set set = {rows, 3};
  struct syscall_cost c;
  ASSERT_TRUE(syscall_cost_build(&set, &c));
  EXPECT_NEAR(c.null.ns, 100, 1e-9);
  ASSERT_EQ(c.n, 1u);
  const struct syscall_cost_row *w = syscall_cost_find(&c, "write()");
  ASSERT_NE(w, nullptr);
  EXPECT_NEAR(w->own.ns, 50, 1e-9);
  // At 97.5% with 10 samples the median's interval is the 2nd to the 9th of each sorted sample.
  ASSERT_TRUE(w->own.has_interval);
  EXPECT_NEAR(w->own.lo, 140 - 110, 1e-9);
  EXPECT_NEAR(w->own.hi, 160 - 90, 1e-9);
  // The vDSO case is no row of its own; here it fell back (1 syscall per call).
  ASSERT_NE(c.vdso_result, nullptr);
  EXPECT_EQ(c.vdso_result->syscalls_per_call, 1);
  // Without repeats' samples: a difference, no interval.
  rows[0].n_samples = 0;
  ASSERT_TRUE(syscall_cost_build(&set, &c));
  EXPECT_FALSE(c.rows[0].own.has_interval);
  // Without the null syscall there is nothing to subtract.
  struct sc_result_set no_null = {rows, 1};
  EXPECT_FALSE(syscall_cost_build(&no_null, &c));
  EXPECT_EQ(c.n, 0u);
}

TEST(SweepTable, CostPerByteAndPerCallFromTheSyscallCount) {
  struct sc_result rows[] = {row("WriteSize.Bytes/16", 64, 4096, "none"),
                             row("WriteSize.Bytes/1", 1000, 65536, "none"),
                             row("Other.Case", 1, 1, "none")};
  struct sc_result_set set = {rows, 3};
  struct sweep_table t;
  char err[256];
  ASSERT_EQ(sweep_table_build(&set, "WriteSize.Bytes/", &t, err, sizeof(err)), 0) << err;
  ASSERT_EQ(t.n, 2u);
  EXPECT_EQ(t.rows[0].bytes_per_write, 1);
  EXPECT_DOUBLE_EQ(t.rows[0].payload_bytes, 65536.0);
  EXPECT_DOUBLE_EQ(t.rows[1].ns_per_write, 64.0 * 1000 / 4096);
  EXPECT_DOUBLE_EQ(t.rows[1].ns_per_byte, 64.0 * 1000 / 65536);
  EXPECT_DOUBLE_EQ(t.rows[1].fixed_only_ns_per_byte, t.rows[0].ns_per_write / 16);
  sweep_table_free(&t);
}

}  // namespace
