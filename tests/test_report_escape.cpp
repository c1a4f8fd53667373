#include <medcheck/report/escape.hpp>
#include <medcheck/report/svg_chart.hpp>

#include <doctest/doctest.h>

using namespace medcheck;

TEST_SUITE("report::escape") {
    TEST_CASE("HTML: a script tag becomes text") {
        CHECK(report::html_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    TEST_CASE("HTML: every special character, in content and in quoted attributes") {
        CHECK(report::html_escape("a & b") == "a &amp; b");
        CHECK(report::html_escape("\"x\" 'y'") == "&quot;x&quot; &#39;y&#39;");
        CHECK(report::html_escape("\" onmouseover=\"alert(1)") == "&quot; onmouseover=&quot;alert(1)");
        CHECK(report::html_escape("&lt;") == "&amp;lt;");
    }

    TEST_CASE("HTML: control characters become U+FFFD, text and UTF-8 pass through") {
        CHECK(report::html_escape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD"
                                                             "b");
        CHECK(report::html_escape("a\x1b[31m") == "a\xEF\xBF\xBD[31m");
        CHECK(report::html_escape("line\nnext\ttab") == "line\nnext\ttab");
        CHECK(report::html_escape("\xC2\xB5g ibuprofen 400 mg") == "\xC2\xB5g ibuprofen 400 mg");
        CHECK(report::html_escape("") == "");
    }

    TEST_CASE("Markdown: syntax characters are escaped, words stay readable") {
        CHECK(report::markdown_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
        CHECK(report::markdown_escape("a | b") == "a \\| b");
        CHECK(report::markdown_escape("[x](http://e)") == "`[x](http://e)`"); // a link target: inert code
        CHECK(report::markdown_escape("[x](y)") == "\\[x\\](y)");
        CHECK(report::markdown_escape("*bold* _em_ `code` ~s~") == "\\*bold\\* \\_em\\_ \\`code\\` \\~s\\~");
        CHECK(report::markdown_escape("start_dose") == "start_dose");
        CHECK(report::markdown_escape("# heading\nline") == "\\# heading line");
        CHECK(report::markdown_escape("&amp; \\") == "\\&amp; \\\\");
    }

    TEST_CASE("bidirectional controls become U+FFFD in HTML and Markdown") {
        // "12\u202E34" would display as "1243"; every embedding, override, isolate and mark is replaced.
        for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                                    "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"}) {
            const std::string text = std::string("12") + control + "34";
            CHECK(report::html_escape(text) == "12\uFFFD34");
            CHECK(report::markdown_escape(text) == "12\uFFFD34");
        }
        CHECK(report::html_escape("\u2010 \u2070") == "\u2010 \u2070"); // neighbours untouched
    }

    TEST_CASE("Markdown: bare URLs and e-mail addresses become code spans, never links") {
        CHECK(report::markdown_escape("see https://evil.example/x now") ==
              "see `https://evil.example/x` now");
        CHECK(report::markdown_escape("www.evil.example") == "`www.evil.example`");
        CHECK(report::markdown_escape("(WWW.evil.example)") == "`(WWW.evil.example)`");
        CHECK(report::markdown_escape("mail bob@evil.example") == "mail `bob@evil.example`");
        CHECK(report::markdown_escape("mailto:bob") == "`mailto:bob`");
        CHECK(report::markdown_escape("http://a|b") == "`http://a\\|b`");
        CHECK(report::markdown_escape("http://a`b") == "``http://a`b``");
        CHECK(report::markdown_escape("`http://a") == "`` `http://a ``");
        CHECK(report::markdown_escape("50 @ night") == "50 @ night");
    }

    TEST_CASE("chart labels are cut on code points") {
        CHECK(report::shorten_label("short", 10) == "short");
        CHECK(report::shorten_label("abcdefghijk", 5) == "abcd\xE2\x80\xA6");
        CHECK(report::shorten_label("\xC2\xB5\xC2\xB5\xC2\xB5\xC2\xB5", 3) == "\xC2\xB5\xC2\xB5\xE2\x80\xA6");
    }
}
