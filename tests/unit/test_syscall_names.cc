// The syscall id -> name table the libbpf tracer prints from, generated at build time from the
// target's <asm/unistd.h>: it has the target's numbering (write is 1 on x86_64 and 64 on arm64,
// so a cross build must not read the host's headers), every syscall of that numbering (arm64
// defines some numbers through __NR3264_ aliases), and every syscall tracepoint the bpftrace
// scripts in bpf/ name exists there (bpftrace refuses a script with a probe the kernel lacks).
#include <gtest/gtest.h>

#include <dirent.h>
#include <fnmatch.h>
#include <sys/syscall.h>

#include <cstddef>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
extern const char *const syscost_syscall_names[];
extern const size_t syscost_syscall_names_count;
}

namespace {

std::string name_of(long nr) {
  if (nr < 0 || static_cast<size_t>(nr) >= syscost_syscall_names_count || !syscost_syscall_names[nr])
    return "(none)";
  return syscost_syscall_names[nr];
}

bool table_has(const std::string &pattern) {
  for (size_t i = 0; i < syscost_syscall_names_count; i++)
    if (syscost_syscall_names[i] && fnmatch(pattern.c_str(), syscost_syscall_names[i], 0) == 0)
      return true;
  return false;
}

}  // namespace

TEST(SyscallNames, WriteHasTheTargetsNumber) {
#if defined(__x86_64__)
  EXPECT_EQ("write", name_of(1)) << "x86_64 numbers write 1";
  EXPECT_EQ("getppid", name_of(110)) << "x86_64 numbers getppid 110";
  EXPECT_EQ("exit", name_of(60)) << "x86_64 numbers exit 60";
#elif defined(__aarch64__)
  EXPECT_EQ("write", name_of(64)) << "arm64 (asm-generic) numbers write 64, x86_64 1";
  EXPECT_EQ("getppid", name_of(173)) << "arm64 (asm-generic) numbers getppid 173, x86_64 110";
  EXPECT_EQ("exit", name_of(93)) << "arm64 (asm-generic) numbers exit 93, x86_64 60";
  EXPECT_EQ("timer_settime", name_of(110)) << "arm64's 110 is timer_settime, not getppid";
#endif
  // The C library's numbers come from the same target's headers as the table's.
  EXPECT_EQ("write", name_of(SYS_write));
  EXPECT_EQ("getppid", name_of(SYS_getppid));
  EXPECT_EQ("read", name_of(SYS_read));
  EXPECT_EQ("clock_gettime", name_of(SYS_clock_gettime));
}

TEST(SyscallNames, AliasedNumbersAreNamed) {
  // arm64 defines these as __NR_mmap __NR3264_mmap and so on; x86_64 as plain numbers.
  EXPECT_EQ("mmap", name_of(SYS_mmap));
  EXPECT_EQ("lseek", name_of(SYS_lseek));
  EXPECT_EQ("fcntl", name_of(SYS_fcntl));
  EXPECT_EQ("fstat", name_of(SYS_fstat));
  EXPECT_EQ("ftruncate", name_of(SYS_ftruncate));
}

TEST(SyscallNames, NoCountMacroAsASyscall) {
  // __NR_syscalls (the count) and __NR_arch_specific_syscall (a range start) are not syscalls.
  for (size_t i = 0; i < syscost_syscall_names_count; i++) {
    if (!syscost_syscall_names[i]) continue;
    EXPECT_STRNE("syscalls", syscost_syscall_names[i]) << "id " << i;
    EXPECT_STRNE("arch_specific_syscall", syscost_syscall_names[i]) << "id " << i;
  }
}

TEST(SyscallNames, EveryTracepointOfTheBpftraceScriptsExists) {
  DIR *dir = opendir(SYSCOST_BPF_DIR);
  ASSERT_NE(nullptr, dir) << SYSCOST_BPF_DIR;
  std::vector<std::string> scripts;
  while (struct dirent *e = readdir(dir)) {
    size_t n = strlen(e->d_name);
    if (n > 3 && strcmp(e->d_name + n - 3, ".bt") == 0) scripts.push_back(e->d_name);
  }
  closedir(dir);
  ASSERT_FALSE(scripts.empty()) << "no .bt script in " SYSCOST_BPF_DIR;

  const std::regex probe("tracepoint:syscalls:sys_(enter|exit)_([A-Za-z0-9_*?]+)");
  int probes = 0;
  for (const std::string &script : scripts) {
    std::ifstream in(std::string(SYSCOST_BPF_DIR) + "/" + script);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator m(s.begin(), s.end(), probe), end; m != end; ++m) {
      probes++;
      EXPECT_TRUE(table_has((*m)[2].str()))
          << script << " probes " << (*m)[0].str() << ", a syscall this architecture does not have";
    }
  }
  EXPECT_GT(probes, 0) << "no tracepoint:syscalls probe found in the scripts";
}
