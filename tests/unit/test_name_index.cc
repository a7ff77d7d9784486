// The name index behind the readers' duplicate checks and compare's pairing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <syscost/name_index.h>

TEST(NameIndex, FindsWhatWasAddedAndRefusesDuplicates) {
  sc_name_index ix{};
  EXPECT_EQ(-1, sc_name_index_find(&ix, "a"));  // empty: never allocated
  std::vector<std::string> names;
  for (int i = 0; i < 5000; i++)
    names.push_back("Suite.Case/" + std::to_string(i));
  for (size_t i = 0; i < names.size(); i++)
    ASSERT_EQ(0, sc_name_index_add(&ix, names[i].c_str(), i, nullptr));
  EXPECT_EQ(names.size(), ix.n);
  for (size_t i = 0; i < names.size(); i++)
    EXPECT_EQ((long)i, sc_name_index_find(&ix, names[i].c_str()));
  EXPECT_EQ(-1, sc_name_index_find(&ix, "Suite.Case/5000"));
  EXPECT_EQ(-1, sc_name_index_find(&ix, ""));

  std::string again = "Suite.Case/42";  // another pointer, the same name
  size_t first = 0;
  EXPECT_EQ(1, sc_name_index_add(&ix, again.c_str(), 9999, &first));
  EXPECT_EQ(42u, first);
  EXPECT_EQ(42, sc_name_index_find(&ix, again.c_str()));
  EXPECT_EQ(names.size(), ix.n);
  sc_name_index_free(&ix);
  EXPECT_EQ(-1, sc_name_index_find(&ix, "Suite.Case/1"));
}
