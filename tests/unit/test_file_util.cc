// The shared file steps: whole-file reads, mkdir -p, the csv field writer,
// the share-folder search and the small formatters the dedup pass made public.
#include <gtest/gtest.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/file_util.h>
#include <syscost/input_error.h>
#include <syscost/results.h>
#include <syscost/share_dir.h>
#include <syscost/stats.h>
#include <syscost/units.h>

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/syscost_fu_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

void write_file(const std::string &path, const std::string &text) {
  FILE *f = fopen(path.c_str(), "wb");
  ASSERT_NE(nullptr, f);
  fwrite(text.data(), 1, text.size(), f);
  fclose(f);
}

}  // namespace

TEST(ReadFile, WholeFileIncludingNulAndLargerThanOneChunk) {
  TempDir d;
  std::string text(200000, 'x');
  text[7] = '\0';
  write_file(d.path + "/f", text);
  char *data = nullptr;
  size_t len = 0;
  ASSERT_EQ(SC_READ_OK, sc_read_file((d.path + "/f").c_str(), &data, &len));
  EXPECT_EQ(text, std::string(data, len));
  free(data);
}

TEST(ReadFile, EmptyFileGivesABuffer) {
  TempDir d;
  write_file(d.path + "/e", "");
  char *data = nullptr;
  size_t len = 1;
  ASSERT_EQ(SC_READ_OK, sc_read_file((d.path + "/e").c_str(), &data, &len));
  EXPECT_NE(nullptr, data);
  EXPECT_EQ(0u, len);
  free(data);
}

TEST(ReadFile, SaysWhichStepFailedAndWhy) {
  TempDir d;
  char *data = nullptr;
  size_t len = 0;
  EXPECT_EQ(SC_READ_CANNOT_OPEN, sc_read_file((d.path + "/none").c_str(), &data, &len));
  EXPECT_EQ(ENOENT, errno);
  char text[200];
  sc_read_status_text(SC_READ_CANNOT_OPEN, SC_READ_MAX_BYTES, text, sizeof text);
  EXPECT_STREQ("cannot open: No such file or directory", text);
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_file(d.path.c_str(), &data, &len));
  EXPECT_EQ(nullptr, data);
}

// /dev/zero never ends and a FIFO waits for a writer: both are refused
// before a byte is read (the test would hang or run out of memory if not).
TEST(ReadFile, RefusesWhatIsNotARegularFile) {
  TempDir d;
  char *data = nullptr;
  size_t len = 0;
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_file("/dev/zero", &data, &len));
  std::string fifo = d.path + "/fifo";
  ASSERT_EQ(0, mkfifo(fifo.c_str(), 0600));
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_file(fifo.c_str(), &data, &len));
  // A symlink to a regular file is a regular file; one to a device is not.
  write_file(d.path + "/f", "abc");
  ASSERT_EQ(0, symlink("f", (d.path + "/to-file").c_str()));
  ASSERT_EQ(0, symlink("/dev/zero", (d.path + "/to-zero").c_str()));
  ASSERT_EQ(SC_READ_OK, sc_read_file((d.path + "/to-file").c_str(), &data, &len));
  EXPECT_EQ("abc", std::string(data, len));
  free(data);
  data = nullptr;
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_file((d.path + "/to-zero").c_str(), &data, &len));
  EXPECT_EQ(nullptr, data);
  char text[200];
  sc_read_status_text(SC_READ_NOT_REGULAR, SC_READ_MAX_BYTES, text, sizeof text);
  EXPECT_NE(nullptr, strstr(text, "not a regular file")) << text;
}

TEST(ReadFile, RefusesAFileOverTheLimitBeforeReadingIt) {
  TempDir d;
  std::string big = d.path + "/big";
  write_file(big, "");
  // Sparse: takes no disk, claims one byte more than the limit.
  ASSERT_EQ(0, truncate(big.c_str(), (off_t)SC_READ_MAX_BYTES + 1));
  char *data = nullptr;
  size_t len = 0;
  EXPECT_EQ(SC_READ_TOO_LARGE, sc_read_file(big.c_str(), &data, &len));
  EXPECT_EQ(nullptr, data);
  ASSERT_EQ(0, truncate(big.c_str(), 100));
  EXPECT_EQ(SC_READ_TOO_LARGE, sc_read_file_max(big.c_str(), 99, &data, &len));
  ASSERT_EQ(SC_READ_OK, sc_read_file_max(big.c_str(), 100, &data, &len));
  EXPECT_EQ(100u, len);
  free(data);
  char text[200];
  sc_read_status_text(SC_READ_TOO_LARGE, SC_READ_MAX_BYTES, text, sizeof text);
  EXPECT_STREQ("larger than 256 MiB, the limit for an input file", text);
}

// /proc files claim 0 bytes: the limit must hold while reading, not only
// against what stat says (a file that grows is the same case).
TEST(ReadFile, EnforcesTheLimitWhileReading) {
  char *data = nullptr;
  size_t len = 0;
  struct stat sb;
  ASSERT_EQ(0, stat("/proc/self/maps", &sb));
  ASSERT_EQ(0, sb.st_size);
  EXPECT_EQ(SC_READ_TOO_LARGE, sc_read_file_max("/proc/self/maps", 64, &data, &len));
  EXPECT_EQ(nullptr, data);
  ASSERT_EQ(SC_READ_OK, sc_read_file("/proc/self/maps", &data, &len));
  EXPECT_GT(len, 64u);
  free(data);
}

TEST(MkdirP, CreatesParentsAndAcceptsExisting) {
  TempDir d;
  std::string deep = d.path + "/a/b/c";
  char err[256] = "";
  ASSERT_EQ(0, sc_mkdir_p(deep.c_str(), err, sizeof err)) << err;
  struct stat sb;
  ASSERT_EQ(0, stat(deep.c_str(), &sb));
  EXPECT_TRUE(S_ISDIR(sb.st_mode));
  EXPECT_EQ(0, sc_mkdir_p(deep.c_str(), err, sizeof err));
}

TEST(MkdirP, NamesTheDirectoryItCannotCreate) {
  TempDir d;
  write_file(d.path + "/file", "x");
  char err[256] = "";
  EXPECT_EQ(-1, sc_mkdir_p((d.path + "/file/sub").c_str(), err, sizeof err));
  EXPECT_EQ("cannot create directory " + d.path + "/file/sub: Not a directory",
            std::string(err));
}

TEST(MkdirP, RefusesAnExistingFile) {
  TempDir d;
  write_file(d.path + "/file", "x");
  char err[512] = "";
  EXPECT_EQ(-1, sc_mkdir_p((d.path + "/file").c_str(), err, sizeof err));
  EXPECT_EQ(d.path + "/file exists and is not a directory", std::string(err));
}

static std::string g_seen;
static int accept_none(const char *dir) {
  g_seen += std::string(dir) + "\n";
  return 0;
}
static int accept_all(const char *) { return 1; }

TEST(ShareDir, LooksBesideTheBinaryThenOneLevelUp) {
  char exe[4096];
  ASSERT_EQ(0, sc_exe_dir(exe, sizeof exe));
  g_seen.clear();
  char buf[4096];
  EXPECT_EQ(-1, sc_find_share_dir("plots", accept_none, buf, sizeof buf));
  EXPECT_EQ(std::string(exe) + "/../share/syscost/plots\n" + exe +
                "/../../share/syscost/plots\n",
            g_seen);
  ASSERT_EQ(0, sc_find_share_dir("bpf", accept_all, buf, sizeof buf));
  EXPECT_EQ(std::string(exe) + "/../share/syscost/bpf", std::string(buf));
}

static std::string csv_field(const char *s) {
  char *buf = nullptr;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  sc_csv_put_field(f, s);
  fclose(f);
  std::string out(buf, len);
  free(buf);
  return out;
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ("plain", csv_field("plain"));
  EXPECT_EQ("", csv_field(nullptr));
  EXPECT_EQ("\"a,b\"", csv_field("a,b"));
  EXPECT_EQ("\"say \"\"hi\"\"\"", csv_field("say \"hi\""));
  EXPECT_EQ("\"two\nlines\"", csv_field("two\nlines"));
}

TEST(ResultStats, FillsWallColumnsAndRate) {
  const double v[] = {2.0, 4.0, 6.0};
  sc_summary s;
  ASSERT_EQ(0, sc_summarize(v, 3, &s));
  sc_result r = {};
  r.cycles = 7;
  sc_result_fill_stats(&r, &s);
  EXPECT_DOUBLE_EQ(4.0, r.wall_median);
  EXPECT_DOUBLE_EQ(2.0, r.wall_min);
  EXPECT_DOUBLE_EQ(6.0, r.wall_max);
  EXPECT_DOUBLE_EQ(s.p10, r.wall_p10);
  EXPECT_DOUBLE_EQ(s.p90, r.wall_p90);
  EXPECT_DOUBLE_EQ(s.stddev, r.wall_stddev);
  EXPECT_DOUBLE_EQ(0.5, r.wall_cv);
  EXPECT_DOUBLE_EQ(250000.0, r.calls_per_second);
  EXPECT_EQ(7u, r.cycles);
  s.median = 0;
  sc_result_fill_stats(&r, &s);
  EXPECT_EQ(0.0, r.calls_per_second);
}

TEST(FormatGrouped, ThousandsSeparated) {
  char b[32];
  sc_format_grouped(0, b, sizeof b);
  EXPECT_STREQ("0", b);
  sc_format_grouped(999, b, sizeof b);
  EXPECT_STREQ("999", b);
  sc_format_grouped(512000, b, sizeof b);
  EXPECT_STREQ("512,000", b);
  sc_format_grouped(1234567, b, sizeof b);
  EXPECT_STREQ("1,234,567", b);
}

// The bounded read on a file the caller opened its own way (report_chart.c
// opens with O_NOFOLLOW below the run folder).
TEST(ReadFd, ReadsARegularFileAndRefusesStreamsBeforeReading) {
  TempDir d;
  write_file(d.path + "/f", "hello");
  int fd = open((d.path + "/f").c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  char *data = nullptr;
  size_t len = 0;
  ASSERT_EQ(SC_READ_OK, sc_read_fd_max(fd, 100, &data, &len));
  EXPECT_EQ("hello", std::string(data, len));
  free(data);
  ASSERT_EQ(0, lseek(fd, 0, SEEK_SET));
  EXPECT_EQ(SC_READ_TOO_LARGE, sc_read_fd_max(fd, 4, &data, &len));
  close(fd);

  fd = open("/dev/zero", O_RDONLY);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_fd_max(fd, 100, &data, &len));
  close(fd);
  std::string fifo = d.path + "/fifo";
  ASSERT_EQ(0, mkfifo(fifo.c_str(), 0600));
  fd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(SC_READ_NOT_REGULAR, sc_read_fd_max(fd, 100, &data, &len));
  close(fd);
}

TEST(ReadInput, ALimitOfItsOwnIsNamedInBytes) {
  TempDir d;
  write_file(d.path + "/f", std::string(2000, 'x'));
  char *data = nullptr;
  size_t len = 0;
  char err[512] = "";
  EXPECT_EQ(-1, sc_read_input_max((d.path + "/f").c_str(), 1000, &data, &len, err, sizeof err));
  EXPECT_EQ(d.path + "/f: larger than 1000 bytes, the limit for this input", std::string(err));
  ASSERT_EQ(0, sc_read_input_max((d.path + "/f").c_str(), 2000, &data, &len, err, sizeof err));
  EXPECT_EQ(2000u, len);
  free(data);
}

TEST(InputError, NamesFileLineAndColumnAsFarAsKnown) {
  char err[128];
  EXPECT_EQ(-1, sc_input_error(err, sizeof err, "a.csv", 3, 7, "bad %s", "cell"));
  EXPECT_STREQ("a.csv:3:7: bad cell", err);
  sc_input_error(err, sizeof err, "a.csv", 3, 0, "bad row");
  EXPECT_STREQ("a.csv:3: bad row", err);
  sc_input_error(err, sizeof err, "a.csv", 0, 0, "empty");
  EXPECT_STREQ("a.csv: empty", err);
  char tiny[8];
  sc_input_error(tiny, sizeof tiny, "long-name.csv", 1, 1, "x");
  EXPECT_STREQ("long-na", tiny);
}

TEST(BaseName, IsThePartAfterTheLastSlash) {
  EXPECT_STREQ("b.csv", sc_base_name("run/a/b.csv"));
  EXPECT_STREQ("b.csv", sc_base_name("b.csv"));
  EXPECT_STREQ("", sc_base_name("run/"));
}
