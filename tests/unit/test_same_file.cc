// sc_same_file: one file however a user spells it (./x, a symlink, a hard
// link, a linked folder), for outputs that must not overlap.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <syscost/same_file.h>

namespace {

struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/syscost_sf_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
};

void write_file(const std::string &path, const std::string &text) {
  FILE *f = fopen(path.c_str(), "wb");
  ASSERT_NE(nullptr, f);
  fputs(text.c_str(), f);
  fclose(f);
}

}  // namespace

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
