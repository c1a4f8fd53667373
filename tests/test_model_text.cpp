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
    TEST_CASE("moves and copies keep what a text is: borrowed stays borrowed, owned keeps its text") {
        const std::string rule_message = "Max 3000 mg/day: a message longer than a short string's buffer";
        Text borrowed = Text::borrow(rule_message);
        Text moved(std::move(borrowed));
        CHECK(moved.borrowed() == &rule_message);
        CHECK(moved.view().data() == rule_message.data());
        const Text copied = moved; // NOLINT(performance-unnecessary-copy-initialization)
        CHECK(copied.borrowed() == &rule_message);

        Text owned(std::string("an owned text longer than a short string's buffer: 12345"));
        Text owned_moved(std::move(owned));
        CHECK(owned_moved.borrowed() == nullptr);
        CHECK(owned_moved == "an owned text longer than a short string's buffer: 12345");

        // Assigning a borrowed text over an owned one drops the owned text; the reverse takes it.
        Text target("short owned");
        target = Text::borrow(rule_message);
        CHECK(target.borrowed() == &rule_message);
        CHECK(target == rule_message);
        target.edit() += " (edited)";
        CHECK(target.borrowed() == nullptr);
        CHECK(rule_message.find("(edited)") == std::string::npos);
        Text other = Text::borrow(rule_message);
        other = std::move(target);
        CHECK(other.borrowed() == nullptr);
        CHECK(other == rule_message + " (edited)");
        Text short_owned("mg");
        Text short_moved(std::move(short_owned));
        CHECK(short_moved == "mg");
    }

    TEST_CASE("assign_borrowed makes a text borrow in place, dropping what it owned") {
        const std::string rule_message = "Max 3000 mg/day: a message longer than a short string's buffer";
        Text text(std::string("an owned text longer than a short string's buffer: 12345"));
        text.assign_borrowed(rule_message);
        CHECK(text.borrowed() == &rule_message);
        CHECK(text.view().data() == rule_message.data());
        CHECK(text == rule_message);
        text.edit() += " (edited)"; // an edit copies the borrowed string, not the text dropped
        CHECK(text == rule_message + " (edited)");
        Text none;
        none.assign_borrowed(rule_message);
        CHECK(none.borrowed() == &rule_message);
        CHECK(none == Text::borrow(rule_message));
    }
}
