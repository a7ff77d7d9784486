// The machine fingerprint's parsers and readers, on fixture trees under
// tests/fixtures/fingerprint that stand in for / (a cgroup v2 container on a
// Xen guest, a hybrid cgroup v1 host like this VM, an old kernel).
#include <gtest/gtest.h>

#include <cstring>
#include <string>

extern "C" {
#include "fingerprint.h"
}

namespace {

std::string root(const char *name) { return std::string(SYSCOST_FIXTURES "/fingerprint/") + name; }

std::string cmdline(const char *text, const char *key) {
  char out[128];
  sc_fp_cmdline_value(text, key, out, sizeof(out));
  return out;
}

}  // namespace

TEST(Fingerprint, EveryVulnerabilityLineSortedByName) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  ASSERT_TRUE(fp.vulns_known);
  ASSERT_EQ(4u, fp.n_vulns);
  EXPECT_STREQ("l1tf", fp.vulns[0].name);
  EXPECT_STREQ("Not affected", fp.vulns[0].line);
  EXPECT_STREQ("meltdown", fp.vulns[1].name);
  EXPECT_STREQ("Mitigation: PTI", fp.vulns[1].line);
  EXPECT_STREQ("spectre_v1", fp.vulns[2].name);
  EXPECT_STREQ("spectre_v2", fp.vulns[3].name);
  EXPECT_STREQ("Mitigation: Retpolines; IBPB: conditional; IBRS_FW; STIBP: conditional; RSB "
               "filling; PBRSB-eIBRS: Not affected; BHI: Not affected",
               fp.vulns[3].line);
}

TEST(Fingerprint, NoVulnerabilitiesFolderIsUnknownNotEmpty) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("old-kernel").c_str());
  EXPECT_FALSE(fp.vulns_known);
  EXPECT_EQ(0u, fp.n_vulns);
  EXPECT_STREQ("unknown", fp.microcode);
  EXPECT_STREQ("unknown", fp.hypervisor);
  EXPECT_STREQ("unknown", fp.cmdline[SC_FP_MITIGATIONS]);
  EXPECT_STREQ("unknown", fp.cgroup_cpu_limit);
}

TEST(Fingerprint, SeccompModeAndFilterCountFromStatus) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  EXPECT_EQ(2, fp.seccomp_mode);
  EXPECT_EQ(1, fp.seccomp_filters);
  EXPECT_STREQ("2 (filter)", sc_fp_seccomp_text(fp.seccomp_mode));
  sc_fingerprint_collect(&fp, root("hybrid-v1").c_str());
  EXPECT_EQ(0, fp.seccomp_mode);
  EXPECT_EQ(0, fp.seccomp_filters);
  // Kernels before 5.9 have no Seccomp_filters line: unknown, not zero.
  sc_fingerprint_collect(&fp, root("old-kernel").c_str());
  EXPECT_EQ(0, fp.seccomp_mode);
  EXPECT_EQ(-1, fp.seccomp_filters);
  int mode, filters;
  sc_fp_parse_status("Name:\tx\nSeccomp_filters:\t3\n", &mode, &filters);
  EXPECT_EQ(-1, mode);  // "Seccomp_filters" is not "Seccomp"
  EXPECT_EQ(3, filters);
}

TEST(Fingerprint, StatCpuLineAndStealBetweenTwoSamples) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  ASSERT_TRUE(fp.start.known);
  EXPECT_EQ(26323u, fp.start.steal);
  EXPECT_EQ(1176405u + 6542 + 598664 + 678991 + 7223 + 0 + 5583 + 26323, fp.start.total);
  sc_cpu_times end;
  ASSERT_EQ(0, sc_fp_parse_stat("cpu  1176505 6542 598664 678991 7223 0 5583 26373 0 0\n", &end));
  double ms, percent;
  sc_fp_steal(&fp.start, &end, 100, &ms, &percent);
  EXPECT_DOUBLE_EQ(500.0, ms);              // 50 ticks at USER_HZ 100
  EXPECT_DOUBLE_EQ(100.0 * 50 / 150, percent);  // of the 150 ticks that passed
  char text[64];
  sc_fp_steal_text(&fp.start, &end, 100, text, sizeof(text));
  EXPECT_STREQ("500 ms (33% of CPU time)", text);
  // Old kernels' cpu line has four fields: no steal column, so none stolen.
  sc_fingerprint_collect(&fp, root("old-kernel").c_str());
  ASSERT_TRUE(fp.start.known);
  EXPECT_EQ(0u, fp.start.steal);
  EXPECT_EQ(1150u, fp.start.total);
  // No end sample (or no cpu line): unknown, never 0 ms.
  sc_cpu_times none;
  EXPECT_EQ(-1, sc_fp_parse_stat("cpu0 1 2 3 4\nintr 5\n", &none));
  EXPECT_FALSE(none.known);
  sc_fp_steal_text(&fp.start, &none, 100, text, sizeof(text));
  EXPECT_STREQ("unknown", text);
  // A counter that went backwards (another boot, a bad sample): unknown.
  sc_cpu_times back = fp.start;
  back.steal = 0;
  fp.start.steal = 10;
  sc_fp_steal(&fp.start, &back, 100, &ms, &percent);
  EXPECT_EQ(-1, ms);
}

TEST(Fingerprint, CmdlineSettingsAsTheKernelTakesThem) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  EXPECT_STREQ("off", fp.cmdline[SC_FP_MITIGATIONS]);  // the last one given wins
  EXPECT_STREQ("on", fp.cmdline[SC_FP_PTI]);           // "pti=off" after "--" is init's
  EXPECT_STREQ("nohz,domain,2-3", fp.cmdline[SC_FP_ISOLCPUS]);
  EXPECT_STREQ("2-3", fp.cmdline[SC_FP_NOHZ_FULL]);
  sc_fingerprint_collect(&fp, root("hybrid-v1").c_str());
  EXPECT_STREQ("auto,no_guest_host,no_guest_guest", fp.cmdline[SC_FP_MITIGATIONS]);
  EXPECT_STREQ("off (nopti)", fp.cmdline[SC_FP_PTI]);
  EXPECT_STREQ("1 ", fp.cmdline[SC_FP_ISOLCPUS]);  // quotes removed, what they held kept
  EXPECT_STREQ("(not set)", fp.cmdline[SC_FP_NOHZ_FULL]);
  EXPECT_EQ("(set)", cmdline("quiet nohz_full", "nohz_full"));
  EXPECT_EQ("(not set)", cmdline("xpti=on ptix=1", "pti"));
}

TEST(Fingerprint, CpuinfoMicrocodeAndHypervisor) {
  sc_fingerprint fp;
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  EXPECT_STREQ("0xd0003a5", fp.microcode);
  EXPECT_STREQ("Xen", fp.hypervisor);  // sysfs names it
  sc_fingerprint_collect(&fp, root("hybrid-v1").c_str());
  EXPECT_STREQ("0x1000065", fp.microcode);
  EXPECT_STREQ("none", fp.hypervisor);  // no "hypervisor" flag
  char mc[32];
  int flag;
  sc_fp_parse_cpuinfo("processor\t: 0\nflags\t\t: fpu hypervisorx\n", mc, sizeof(mc), &flag);
  EXPECT_STREQ("", mc);
  EXPECT_EQ(0, flag);  // a whole word only
  sc_fp_parse_cpuinfo("processor\t: 0\nFeatures\t: fp asimd\n", mc, sizeof(mc), &flag);
  EXPECT_EQ(-1, flag);  // arm64: no flags line, no answer
  char name[64];
  sc_fp_hypervisor_name("KVMKVMKVM\0\0\0", name, sizeof(name));
  EXPECT_STREQ("KVM", name);
  sc_fp_hypervisor_name("Odd'sig\x01\x02\x03\x04\x05", name, sizeof(name));
  EXPECT_STREQ("unknown (CPUID signature 'Odd?sig?????" "')", name);
}

TEST(Fingerprint, CgroupCpuLimitIsTheTightestUpToTheRoot) {
  sc_fingerprint fp;
  // v2: the container's 0.5 CPUs, under a slice of 1.5.
  sc_fingerprint_collect(&fp, root("container-v2").c_str());
  EXPECT_STREQ("50000/100000 us = 0.50 CPUs", fp.cgroup_cpu_limit);
  EXPECT_DOUBLE_EQ(0.5, fp.cgroup_cpus);
  // Hybrid: cgroup2 without the cpu controller limits nothing; v1's parent holds 2 CPUs.
  sc_fingerprint_collect(&fp, root("hybrid-v1").c_str());
  EXPECT_STREQ("200000/100000 us = 2.00 CPUs", fp.cgroup_cpu_limit);
  EXPECT_DOUBLE_EQ(2.0, fp.cgroup_cpus);
  long long q, p;
  ASSERT_EQ(0, sc_fp_parse_cpu_max("max 100000\n", &q, &p));
  EXPECT_EQ(-1, q);
  EXPECT_EQ(-1, sc_fp_parse_cpu_max("50000\n", &q, &p));
  EXPECT_EQ(-1, sc_fp_parse_cpu_max("-5 100000\n", &q, &p));
}
