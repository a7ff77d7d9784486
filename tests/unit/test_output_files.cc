// Output files: what an interrupt leaves behind, the one-line reasons a
// target cannot be written, and one file however a user spells it (./x, a
// symlink, a hard link, a linked folder), for outputs that must not overlap.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/atomic_file.h>
#include <syscost/same_file.h>

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/syscost_af_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

bool exists(const std::string &p) {
  struct stat sb;
  return lstat(p.c_str(), &sb) == 0;
}

void write_file(const std::string &path, const std::string &text) {
  FILE *f = fopen(path.c_str(), "wb");
  ASSERT_NE(nullptr, f);
  fputs(text.c_str(), f);
  fclose(f);
}

}  // namespace

TEST(AtomicFile, AbortFromSignalRemovesEveryPendingTemporaryFile) {
  TempDir d;
  write_file(d.path + "/a.csv", "old");
  struct sc_atomic_file a, b;
  char err[256] = "";
  ASSERT_EQ(0, sc_atomic_open(&a, (d.path + "/a.csv").c_str(), err, sizeof err)) << err;
  ASSERT_EQ(0, sc_atomic_open(&b, (d.path + "/b.json").c_str(), err, sizeof err)) << err;
  std::string ta = a.tmp_path, tb = b.tmp_path;
  fputs("new", a.f);
  ASSERT_TRUE(exists(ta));
  ASSERT_TRUE(exists(tb));

  sc_atomic_abort_all_from_signal();
  EXPECT_FALSE(exists(ta));
  EXPECT_FALSE(exists(tb));
  FILE *f = fopen((d.path + "/a.csv").c_str(), "r");
  ASSERT_NE(nullptr, f);
  char buf[8] = "";
  EXPECT_NE(nullptr, fgets(buf, sizeof buf, f));
  fclose(f);
  EXPECT_STREQ("old", buf);
  EXPECT_FALSE(exists(d.path + "/b.json"));
  sc_atomic_abort(&a);
  sc_atomic_abort(&b);
}

TEST(AtomicFile, AbortFromSignalForgetsCommittedAndAbortedFiles) {
  TempDir d;
  struct sc_atomic_file a, b;
  char err[256] = "";
  ASSERT_EQ(0, sc_atomic_open(&a, (d.path + "/a").c_str(), err, sizeof err)) << err;
  std::string ta = a.tmp_path;
  ASSERT_EQ(0, sc_atomic_commit(&a, err, sizeof err)) << err;
  ASSERT_EQ(0, sc_atomic_open(&b, (d.path + "/b").c_str(), err, sizeof err)) << err;
  std::string tb = b.tmp_path;
  sc_atomic_abort(&b);
  // Someone else's files at the old temporary names: a stale slot would remove them.
  write_file(ta, "x");
  write_file(tb, "x");
  sc_atomic_abort_all_from_signal();
  EXPECT_TRUE(exists(d.path + "/a"));
  EXPECT_TRUE(exists(ta));
  EXPECT_TRUE(exists(tb));
}

TEST(AtomicFile, KernelFilesAreNamedAsSuchNotAsMissingDirectories) {
  struct sc_atomic_file af;
  char err[256] = "";
  EXPECT_EQ(-1, sc_atomic_open(&af, "/proc/self/mem", err, sizeof err));
  EXPECT_STREQ("cannot write /proc/self/mem: it is a kernel file in /proc, not a regular file "
               "that can be replaced: name a file on a disk",
               err);
}

TEST(AtomicFile, AMissingDirectoryIsNamed) {
  TempDir d;
  struct sc_atomic_file af;
  char err[512] = "";
  std::string p = d.path + "/none/x.csv";
  EXPECT_EQ(-1, sc_atomic_open(&af, p.c_str(), err, sizeof err));
  EXPECT_EQ("cannot write " + p + ": directory " + d.path + "/none does not exist",
            std::string(err));
}

TEST(SameFile, SeesThroughSpellingsLinksAndHardLinks) {
  TempDir d;
  std::string x = d.path + "/x";
  write_file(x, "x");
  ASSERT_EQ(0, symlink(x.c_str(), (d.path + "/sym").c_str()));
  ASSERT_EQ(0, link(x.c_str(), (d.path + "/hard").c_str()));
  ASSERT_EQ(0, symlink(d.path.c_str(), (d.path + "/dirlink").c_str()));
  write_file(d.path + "/other", "y");

  EXPECT_TRUE(sc_same_file(x.c_str(), x.c_str()));
  EXPECT_TRUE(sc_same_file(x.c_str(), (d.path + "/./x").c_str()));
  EXPECT_TRUE(sc_same_file(x.c_str(), (d.path + "//x").c_str()));
  EXPECT_TRUE(sc_same_file(x.c_str(), (d.path + "/sym").c_str()));
  EXPECT_TRUE(sc_same_file(x.c_str(), (d.path + "/hard").c_str()));
  EXPECT_TRUE(sc_same_file(x.c_str(), (d.path + "/dirlink/x").c_str()));
  EXPECT_FALSE(sc_same_file(x.c_str(), (d.path + "/other").c_str()));
}

TEST(SameFile, ComparesResolvedPathsOfFilesNotYetWritten) {
  TempDir d;
  ASSERT_EQ(0, mkdir((d.path + "/sub").c_str(), 0777));
  ASSERT_EQ(0, symlink((d.path + "/sub").c_str(), (d.path + "/link").c_str()));
  std::string n = d.path + "/sub/new.csv";
  EXPECT_TRUE(sc_same_file(n.c_str(), (d.path + "/link/new.csv").c_str()));
  EXPECT_TRUE(sc_same_file(n.c_str(), (d.path + "/sub/../sub/new.csv").c_str()));
  EXPECT_FALSE(sc_same_file(n.c_str(), (d.path + "/sub/new.json").c_str()));
  char cwd[4096];
  ASSERT_NE(nullptr, getcwd(cwd, sizeof cwd));
  ASSERT_EQ(0, chdir((d.path + "/sub").c_str()));
  EXPECT_TRUE(sc_same_file("new.csv", "./new.csv"));
  EXPECT_TRUE(sc_same_file("new.csv", n.c_str()));
  ASSERT_EQ(0, chdir(cwd));
}

// A link is looked at, not through: one to a file (or to nothing) is
// refused, leaving the link and what it points to as they were; one to a
// stream (/dev/null here, /dev/stdout in use) is written in place.
TEST(AtomicFile, SymbolicLinksAreRefusedUnlessTheyLeadToAStream) {
  TempDir d;
  write_file(d.path + "/target.csv", "old");
  ASSERT_EQ(0, symlink("target.csv", (d.path + "/link.csv").c_str()));
  ASSERT_EQ(0, symlink("nowhere.csv", (d.path + "/dangling.csv").c_str()));
  ASSERT_EQ(0, symlink("/dev/null", (d.path + "/null").c_str()));
  struct sc_atomic_file af;
  char err[512] = "";
  for (const char *name : {"/link.csv", "/dangling.csv"}) {
    std::string p = d.path + name;
    EXPECT_EQ(-1, sc_atomic_open(&af, p.c_str(), err, sizeof err)) << name;
    EXPECT_EQ("cannot write " + p + ": it is a symbolic link; name the file it points to "
              "(outputs are replaced whole, never written through a link)",
              std::string(err));
  }
  struct stat sb;
  ASSERT_EQ(0, lstat((d.path + "/link.csv").c_str(), &sb));
  EXPECT_TRUE(S_ISLNK(sb.st_mode));
  EXPECT_FALSE(exists(d.path + "/nowhere.csv"));
  FILE *f = fopen((d.path + "/target.csv").c_str(), "r");
  ASSERT_NE(nullptr, f);
  char buf[8] = "";
  EXPECT_NE(nullptr, fgets(buf, sizeof buf, f));
  fclose(f);
  EXPECT_STREQ("old", buf);

  ASSERT_EQ(0, sc_atomic_open(&af, (d.path + "/null").c_str(), err, sizeof err)) << err;
  EXPECT_EQ(nullptr, af.tmp_path);
  fputs("x", af.f);
  EXPECT_EQ(0, sc_atomic_commit(&af, err, sizeof err)) << err;
  ASSERT_EQ(0, lstat((d.path + "/null").c_str(), &sb));
  EXPECT_TRUE(S_ISLNK(sb.st_mode));
}
