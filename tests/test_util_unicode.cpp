#include <medcheck/util/unicode.hpp>

#include <doctest/doctest.h>

#include <string>

using medcheck::util::clean_name;

TEST_SUITE("util::clean_name") {
    TEST_CASE("plain ASCII passes unchanged") {
        const auto c = clean_name("OxyCODONE 5 mg");
        CHECK(c.text == "OxyCODONE 5 mg");
        CHECK(c.problem.empty());
        CHECK(c.look_alike.empty());
    }

    TEST_CASE("zero-width and format characters are removed") {
        SUBCASE("zero-width space") {
            CHECK(clean_name("oxy\u200Bcodone").text == "oxycodone");
        }
        SUBCASE("zero-width joiner and non-joiner") {
            CHECK(clean_name("oxy\u200Dco\u200Cdone").text == "oxycodone");
        }
        SUBCASE("byte order mark and word joiner") {
            CHECK(clean_name("\uFEFFoxycodone\u2060").text == "oxycodone");
        }
        SUBCASE("soft hyphen") {
            CHECK(clean_name("oxy\u00ADcodone").text == "oxycodone");
        }
        SUBCASE("bidirectional controls") {
            CHECK(clean_name("\u202Eoxycodone\u202C").text == "oxycodone");
            CHECK(clean_name("\u2066oxycodone\u2069").problem.empty());
        }
    }

    TEST_CASE("NFKC folds compatibility characters") {
        CHECK(clean_name("\uFF4F\uFF58\uFF59codone").text == "oxycodone");        // fullwidth
        CHECK(clean_name("oxycodone\u00A010\u2009mg").text == "oxycodone 10 mg"); // no-break, thin space
        CHECK(clean_name("\uFB01oricet").text == "fioricet");                     // fi ligature
        CHECK(clean_name("\U0001D428xycodone").text == "oxycodone");              // mathematical bold o
        CHECK(clean_name("oxycodone\u2013acetaminophen").text == "oxycodone-acetaminophen"); // en dash
    }

    TEST_CASE("trademark signs are dropped, not spelled out by NFKC") {
        CHECK(clean_name("Tylenol\u00AE Extra Strength").text == "Tylenol Extra Strength");
        CHECK(clean_name("Advil\u2122").text == "Advil");
        CHECK(clean_name("Advil\u2122").problem.empty());
    }

    TEST_CASE("confusable letters of another script are a problem with a look-alike") {
        const auto c = clean_name("\u043Exycodone"); // Cyrillic o
        CHECK_FALSE(c.problem.empty());
        CHECK(c.problem.find("Latin and Cyrillic") != std::string::npos);
        CHECK(c.problem.find("U+043E") != std::string::npos);
        CHECK(c.look_alike == "oxycodone");
        const auto greek = clean_name("\u03BFxycodone"); // Greek omicron
        CHECK(greek.problem.find("Greek") != std::string::npos);
        CHECK(greek.look_alike == "oxycodone");
        const auto upper = clean_name("TRAM\u0410DOL"); // Cyrillic A
        CHECK(upper.look_alike == "TRAMADOL");
    }

    TEST_CASE("a name wholly in another script is a problem") {
        const auto c = clean_name("\u043F\u0430\u0440\u0430\u0446\u0435\u0442\u0430\u043C\u043E\u043B");
        CHECK(c.problem.find("Cyrillic") != std::string::npos);
        CHECK(c.look_alike.empty()); // ц has no Latin look-alike
    }

    TEST_CASE("accented Latin letters are a problem; the bare letters are the look-alike") {
        const auto c = clean_name("parac\u00E9tamol");
        CHECK_FALSE(c.problem.empty());
        CHECK(c.look_alike == "paracetamol");
        const auto decomposed = clean_name("parace\u0301tamol"); // e + combining acute: NFKC composes
        CHECK(decomposed.text == "parac\u00E9tamol");
        CHECK(decomposed.look_alike == "paracetamol");
    }

    TEST_CASE("invalid UTF-8 is a problem, never a crash") {
        for (const std::string& bad : {std::string("oxy\xFF"
                                                   "codone"),
                                       std::string("\xC0\xAF"), std::string("\xED\xA0\x80"),
                                       std::string("\xF4\x90\x80\x80"), std::string("oxy\xE2\x82")}) {
            const auto c = clean_name(bad);
            CHECK(c.problem == "the name is not valid UTF-8");
        }
        // a Latin-1 export: the bytes read as Latin-1 give the look-alike
        CHECK(clean_name("ibuprof\xE8ne").look_alike == "ibuprofene");
    }

    TEST_CASE("control characters become spaces") {
        CHECK(clean_name(std::string("oxy\x01"
                                     "codone\xC2\x85"))
                  .text == "oxy codone ");
    }

    TEST_CASE("symbols that are not letters are named") {
        const auto c = clean_name("oxycodone \u2192 10");
        CHECK(c.problem.find("U+2192") != std::string::npos);
        CHECK(c.look_alike.empty());
    }
}
