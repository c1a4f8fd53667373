#include <medcheck/model/text.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using medcheck::model::Text;

TEST_SUITE("model::Text") {
    TEST_CASE("a borrowed text reads its string and follows it; an owned one copies") {
        std::string rule_message = "NSAID with an SSRI";
        const Text borrowed = Text::borrow(rule_message);
        const Text owned = rule_message;
        CHECK(borrowed.borrowed() == &rule_message);
        CHECK(owned.borrowed() == nullptr);
        CHECK(borrowed == "NSAID with an SSRI");
        CHECK(owned == borrowed);
        rule_message = "changed";
        CHECK(borrowed == "changed"); // a view, not a copy
        CHECK(owned == "NSAID with an SSRI");
        // NOLINTNEXTLINE(performance-unnecessary-copy-initialization): the copy is what is tested
        const Text copied = borrowed;
        CHECK(copied.borrowed() == &rule_message); // copies of a borrowed text borrow too
    }

    TEST_CASE("editing a borrowed text copies it first and leaves the borrowed string alone") {
        const std::string rule_message = "duration above 21 days";
        Text text = Text::borrow(rule_message);
        text += " (2 orders add up)";
        CHECK(text.borrowed() == nullptr);
        CHECK(text == "duration above 21 days (2 orders add up)");
        CHECK(rule_message == "duration above 21 days");
        text.edit().insert(0, "x: ");
        CHECK(text.str() == "x: duration above 21 days (2 orders add up)");
    }

    TEST_CASE("reads like a string: empty, size, find, joins, order and printing") {
        const std::string unit = "mg/day";
        const Text text = Text::borrow(unit);
        const Text none;
        CHECK(none.empty());
        CHECK(none == "");
        CHECK(text.size() == 6);
        CHECK(text.find('/') == 2);
        CHECK(text.find("day") == 3);
        CHECK(text.rfind("g") == 1);
        CHECK(text.starts_with("mg"));
        CHECK(text.ends_with("/day"));
        CHECK(text.find('x') == std::string_view::npos);
        CHECK("up to 40 " + text == "up to 40 mg/day");
        CHECK(text + " max" == "mg/day max");
        CHECK(std::string("a ") + text == "a mg/day");
        CHECK(text + std::string(" b") == "mg/day b");
        CHECK(text + Text("!") == "mg/day!");
        CHECK(Text("a") < Text("b"));
        CHECK_FALSE(Text::borrow(unit) < text);
        CHECK(text == std::string("mg/day"));
        CHECK(text != "mg");
        const std::string_view view = text;
        CHECK(view.data() == unit.data());
        std::ostringstream out;
        out << text;
        CHECK(out.str() == "mg/day");
    }
}
