// The CSV is the kit's contract with bench, plots and other tools: it must
// round-trip, and every bad input must be refused with file:line:col.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include <syscost/results.h>

namespace {

class TempFile {
 public:
  explicit TempFile(const std::string &content) {
    char tmpl[] = "/tmp/syscost_csv_XXXXXX";
    int fd = mkstemp(tmpl);
    path_ = tmpl;
    if (write(fd, content.data(), content.size()) != (ssize_t)content.size()) abort();
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  const char *path() const { return path_.c_str(); }

 private:
  std::string path_;
};

const std::string kHeader = SC_CSV_HEADER "\n";
// What the kit wrote before the seed and processes columns.
const std::string kOldHeader =
    "test,cycles,repeats,warmup,wallMedian,wallP10,wallP90,wallMin,wallMax,wallMean,"
    "wallStddev,wallCV,callsPerSecond,syscallsPerCall,stable,cvThreshold,profileTool,"
    "timestamp,gitHash,hostname,platform,samples\n";
const std::string kOldRow =
    "BpftraceProfiler.ManySmallWrites,300,10,300,95.1,94.2,97,93.9,99.5,95.4,1.2,0.0126,"
    "10515,1024,true,0.05,none,2026-11-26T12:00:00Z,abc123,vm,Linux 6.18 x86_64,"
    "95.1;94.2;97";
const std::string kRow = kOldRow + ",4000000000,3\n";

std::string read_err(const std::string &content) {
  TempFile f(content);
  sc_result_set set;
  char err[1024] = "";
  int rc = sc_results_read_csv(f.path(), &set, err, sizeof err);
  EXPECT_EQ(-1, rc) << "accepted: " << content;
  if (rc == 0) sc_result_set_free(&set);
  std::string e = err;
  // Every message names the file.
  EXPECT_EQ(0u, e.find(f.path())) << e;
  return e.substr(std::string(f.path()).size());
}

}  // namespace

TEST(ResultsCsv, RoundTrip) {
  double samples[] = {95.1, 94.2, 97.0};
  sc_result r = {};
  r.test = (char *)"A.B";
  r.cycles = 300;
  r.repeats = 3;
  r.warmup = 300;
  r.wall_median = 95.1;
  r.wall_p10 = 94.2;
  r.wall_p90 = 97;
  r.wall_min = 94.2;
  r.wall_max = 97;
  r.wall_mean = 95.4333;
  r.wall_stddev = 1.4;
  r.wall_cv = 0.0147;
  r.calls_per_second = 10515.2;
  r.syscalls_per_call = 1024;
  r.stable = true;
  r.cv_threshold = 0.05;
  r.profile_tool = (char *)"none";
  r.timestamp = (char *)"2026-11-26T12:00:00Z";
  r.git_hash = (char *)"abc";
  r.hostname = (char *)"host,with \"comma\"";
  r.platform = (char *)"Linux";
  r.samples = samples;
  r.n_samples = 3;
  r.has_seed = true;
  r.seed = 4294967295u;
  r.processes = 5;
  sc_result r2 = r;
  r2.test = (char *)"A.C";
  r2.syscalls_per_call = NAN;
  r2.stable = false;
  r2.has_seed = false;
  r2.processes = 0;
  sc_result rows[] = {r, r2};

  char path[] = "/tmp/syscost_rt_XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  ASSERT_EQ(0, sc_results_write_csv(f, rows, 2));
  fclose(f);

  sc_result_set set;
  char err[1024];
  ASSERT_EQ(0, sc_results_read_csv(path, &set, err, sizeof err)) << err;
  unlink(path);
  ASSERT_EQ(2u, set.n);
  const sc_result &a = set.rows[0];
  EXPECT_STREQ("A.B", a.test);
  EXPECT_EQ(300u, a.cycles);
  EXPECT_EQ(3u, a.repeats);
  EXPECT_DOUBLE_EQ(95.1, a.wall_median);
  EXPECT_DOUBLE_EQ(10515.2, a.calls_per_second);
  EXPECT_DOUBLE_EQ(1024, a.syscalls_per_call);
  EXPECT_TRUE(a.stable);
  EXPECT_STREQ("host,with \"comma\"", a.hostname);
  ASSERT_EQ(3u, a.n_samples);
  EXPECT_DOUBLE_EQ(97.0, a.samples[2]);
  EXPECT_TRUE(SC_HAS(&a, SC_COL_SAMPLES));
  EXPECT_TRUE(a.has_seed);
  EXPECT_EQ(4294967295u, a.seed);
  EXPECT_EQ(5u, a.processes);
  EXPECT_TRUE(std::isnan(set.rows[1].syscalls_per_call));
  EXPECT_FALSE(set.rows[1].stable);
  // Not interleaved, and a count that is not known: both written empty.
  EXPECT_FALSE(set.rows[1].has_seed);
  EXPECT_EQ(0u, set.rows[1].processes);
  EXPECT_EQ(1, sc_result_set_find(&set, "A.C"));
  EXPECT_EQ(-1, sc_result_set_find(&set, "A.D"));
  sc_result_set_free(&set);
}

TEST(ResultsCsv, AcceptsBomCrlfExtraAndMissingOptionalColumns) {
  TempFile f("\xEF\xBB\xBFtest,extra,wallMedian\r\nA.B,zzz,12.5\r\nA.C,yyy,0.25\r\n");
  sc_result_set set;
  char err[1024];
  ASSERT_EQ(0, sc_results_read_csv(f.path(), &set, err, sizeof err)) << err;
  ASSERT_EQ(2u, set.n);
  EXPECT_STREQ("A.B", set.rows[0].test);
  EXPECT_DOUBLE_EQ(0.25, set.rows[1].wall_median);
  EXPECT_FALSE(SC_HAS(&set.rows[0], SC_COL_SAMPLES));
  EXPECT_EQ(0u, set.rows[0].n_samples);
  EXPECT_TRUE(std::isnan(set.rows[0].syscalls_per_call));
  sc_result_set_free(&set);
}

TEST(ResultsCsv, ReadsTheKitsOwnRow) {
  TempFile f(kHeader + kRow);
  sc_result_set set;
  char err[1024];
  ASSERT_EQ(0, sc_results_read_csv(f.path(), &set, err, sizeof err)) << err;
  EXPECT_EQ(1u, set.n);
  EXPECT_EQ(3u, set.rows[0].n_samples);
  EXPECT_TRUE(set.rows[0].has_seed);
  EXPECT_EQ(4000000000u, set.rows[0].seed);
  EXPECT_EQ(3u, set.rows[0].processes);
  sc_result_set_free(&set);
}

TEST(ResultsCsv, ReadsAFileFromBeforeTheSeedAndProcessesColumns) {
  TempFile f(kOldHeader + kOldRow + "\n");
  sc_result_set set;
  char err[1024];
  ASSERT_EQ(0, sc_results_read_csv(f.path(), &set, err, sizeof err)) << err;
  ASSERT_EQ(1u, set.n);
  EXPECT_EQ(3u, set.rows[0].n_samples);
  EXPECT_FALSE(set.rows[0].has_seed);
  EXPECT_EQ(0u, set.rows[0].processes);
  EXPECT_FALSE(SC_HAS(&set.rows[0], SC_COL_SEED));
  sc_result_set_free(&set);
}

TEST(ResultsCsvBadInput, SeedAndProcesses) {
  EXPECT_EQ(":2:5: column 'seed': '4294967296' is over 4294967295",
            read_err("test,wallMedian,seed\nA,1,4294967296\n"));
  EXPECT_EQ(":2:5: column 'seed': '-1' is not a non-negative integer",
            read_err("test,wallMedian,seed\nA,1,-1\n"));
  EXPECT_EQ(":2:5: column 'processes': 'x' is not a non-negative integer",
            read_err("test,wallMedian,processes\nA,1,x\n"));
}

TEST(ResultsCsvBadInput, MissingFile) {
  sc_result_set set;
  char err[1024];
  EXPECT_EQ(-1, sc_results_read_csv("/nonexistent/x.csv", &set, err, sizeof err));
  EXPECT_NE(std::string::npos, std::string(err).find("/nonexistent/x.csv: cannot open"));
}

TEST(ResultsCsvBadInput, EmptyAndHeaderOnly) {
  EXPECT_EQ(": empty file: expected a header line and data rows", read_err(""));
  EXPECT_EQ(": no data rows: the file has only a header", read_err(kHeader));
}

TEST(ResultsCsvBadInput, Columns) {
  EXPECT_EQ(":1: missing required column 'wallMedian' (header: needs at least test,wallMedian)",
            read_err("test,cycles\nA,1\n"));
  EXPECT_EQ(":1:6: column 'test' appears twice", read_err("test,test,wallMedian\nA,A,1\n"));
  EXPECT_EQ(":1:6: column 2 has an empty name", read_err("test,,wallMedian\nA,x,1\n"));
  EXPECT_EQ(":2: row has 3 fields but the header has 2", read_err("test,wallMedian\nA,1,2\n"));
}

TEST(ResultsCsvBadInput, Values) {
  EXPECT_EQ(":2:3: column 'wallMedian': 'abc' is not a number",
            read_err("test,wallMedian\nA,abc\n"));
  EXPECT_EQ(":2:3: column 'wallMedian': '-1' is negative", read_err("test,wallMedian\nA,-1\n"));
  EXPECT_EQ(":2:3: column 'wallMedian': 'nan' is not a finite number",
            read_err("test,wallMedian\nA,nan\n"));
  EXPECT_EQ(":2:3: column 'wallMedian': 'inf' is not a finite number",
            read_err("test,wallMedian\nA,inf\n"));
  EXPECT_EQ(":2:3: column 'wallMedian': '1e999' is not a finite number",
            read_err("test,wallMedian\nA,1e999\n"));
  EXPECT_EQ(":2:3: column 'wallMedian': empty value, expected a number",
            read_err("test,wallMedian\nA,\n"));
  EXPECT_EQ(":2:7: column 'samples': sample 2 is empty",
            read_err("test,wallMedian,samples\nA,1,1;;2\n"));
  EXPECT_EQ(":2:9: column 'samples': 'x' is not a number",
            read_err("test,wallMedian,samples\nA,1,1;2;x\n"));
  EXPECT_EQ(":2:3: column 'cycles': '-5' is not a non-negative integer",
            read_err("test,cycles,wallMedian\nA,-5,1\n"));
  EXPECT_EQ(":2:3: column 'stable': 'maybe' is not true or false",
            read_err("test,stable,wallMedian\nA,maybe,1\n"));
  EXPECT_EQ(":2:1: column 'test': empty test name", read_err("test,wallMedian\n,1\n"));
}

TEST(ResultsCsvBadInput, DuplicateTestsQuotesBinaryAndLongLines) {
  EXPECT_EQ(":3:1: duplicate test 'A' (first at line 2)",
            read_err("test,wallMedian\nA,1\nA,2\n"));
  // Among many rows (an index now, not a search of every earlier row): the
  // same message, naming the first line.
  std::string many = "test,wallMedian\n";
  for (int i = 0; i < 20000; i++)
    many += "S.C" + std::to_string(i) + ",1\n";
  EXPECT_EQ(":20002:1: duplicate test 'S.C777' (first at line 779)",
            read_err(many + "S.C777,2\n"));
  EXPECT_EQ(":1:14: column 'test' appears twice", read_err("test,samples,test,wallMedian\nA,1,A,1\n"));
  EXPECT_EQ(":2:1: unterminated quoted field", read_err("test,wallMedian\n\"A,1\n"));
  EXPECT_EQ(":2:2: stray quote inside an unquoted field", read_err("test,wallMedian\nA\"B,1\n"));
  EXPECT_EQ(": binary data (NUL byte): not a CSV file",
            read_err(std::string("test,wallMedian\nA,1\0\n", 21)));
  std::string longline = "test,wallMedian\nA,1" + std::string(SC_CSV_MAX_LINE, '0') + "\n";
  EXPECT_EQ(":2: line is 1048579 bytes long, over the limit of 1048576", read_err(longline));
}
