#include "clinical_table.hpp"

#include <doctest/doctest.h>

namespace medcheck::test {

void check_table(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        const auto r = row.c.check();
        INFO(row.what, " | rule ", row.rule, " | findings: ", list_findings(r));
        const auto found = fired(r, row.rule);
        if (row.fires) {
            CHECK(found.size() == 1);
            if (!found.empty()) {
                CHECK(name(found.front().severity) == name(*row.fires));
            }
        } else {
            CHECK(found.empty());
        }
        CHECK(name(r.verdict) == name(row.verdict));
    }
}

} // namespace medcheck::test
