#pragma once

#include <compare>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace medcheck::model {

// A finding's text: either borrowed from a string that outlives the finding (a rule's message, source
// or id in the loaded rule set, which lives as long as the program checks against it) or owned.
// Borrowing spares a finding five string copies and their allocations: a batch of 1M rows writes
// about two million findings, nearly all of them a rule's text as it stands.
class Text {
  public:
    Text() = default;
    Text(std::string text) : m_owned(std::move(text)) {} // NOLINT(google-explicit-constructor)
    Text(const char* text) : m_owned(text) {}            // NOLINT(google-explicit-constructor)
    Text(std::string_view text) : m_owned(text) {}       // NOLINT(google-explicit-constructor)
    Text(const Text&) = default;
    Text& operator=(const Text&) = default;
    // A borrowed text moves as its pointer alone: findings (six texts each, nearly all borrowed) are
    // moved as they are added and sorted, and moving an empty std::string still copies its buffer.
    // The string is moved or made empty as it is constructed, not made empty and then assigned.
    Text(Text&& other) noexcept
        : m_borrowed(other.m_borrowed),
          m_owned(other.m_borrowed == nullptr ? std::move(other.m_owned) : std::string()) {}
    Text& operator=(Text&& other) noexcept {
        m_borrowed = other.m_borrowed;
        if (m_borrowed == nullptr) {
            m_owned = std::move(other.m_owned);
        } else {
            m_owned.clear();
        }
        return *this;
    }
    ~Text() = default;

    // A text that refers to `text` instead of copying it: `text` must outlive this Text and its copies.
    static Text borrow(const std::string& text) {
        Text out;
        out.m_borrowed = &text;
        return out;
    }

    // Makes this text borrow `text` as Text::borrow does, in place: a finding's texts are set this way
    // millions of times in a batch, and assigning a borrowed Text builds and destroys a temporary one.
    void assign_borrowed(const std::string& text) {
        m_borrowed = &text;
        m_owned.clear();
    }

    const std::string& str() const { return m_borrowed != nullptr ? *m_borrowed : m_owned; }
    operator const std::string&() const { return str(); } // NOLINT(google-explicit-constructor)
    operator std::string_view() const { return str(); }   // NOLINT(google-explicit-constructor)
    std::string_view view() const { return str(); }
    bool empty() const { return str().empty(); }
    std::size_t size() const { return str().size(); }
    const char* c_str() const { return str().c_str(); }
    std::size_t find(std::string_view what, std::size_t from = 0) const { return view().find(what, from); }
    std::size_t find(char what, std::size_t from = 0) const { return view().find(what, from); }
    std::size_t rfind(std::string_view what, std::size_t from = std::string_view::npos) const {
        return view().rfind(what, from);
    }
    bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
    bool ends_with(std::string_view suffix) const { return view().ends_with(suffix); }
    // The string this text borrows, or null when it owns its text.
    const std::string* borrowed() const { return m_borrowed; }

    // The text to change in place: a borrowed text is copied first, with room for what is usually
    // appended to it (a rule's message gets its orders or the ingredient measured), so that appending
    // does not allocate a second time.
    std::string& edit() {
        if (m_borrowed != nullptr) {
            constexpr std::size_t k_room_to_append = 96;
            m_owned.reserve(m_borrowed->size() + k_room_to_append);
            m_owned = *m_borrowed;
            m_borrowed = nullptr;
        }
        return m_owned;
    }
    Text& operator+=(std::string_view more) {
        edit() += more;
        return *this;
    }

    friend bool operator==(const Text& a, const Text& b) { return a.view() == b.view(); }
    friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const Text& a, const char* b) { return a.view() == b; }
    friend bool operator==(const Text& a, const std::string& b) { return a.view() == b; }
    friend std::strong_ordering operator<=>(const Text& a, const Text& b) { return a.view() <=> b.view(); }
    // Joining with + as with a std::string (one overload per kind of operand: a Text converts to a
    // string view and a string to a Text, so broader ones would be ambiguous).
    friend std::string operator+(const Text& a, const std::string& b) { return a.str() + b; }
    friend std::string operator+(const Text& a, const char* b) { return a.str() + b; }
    friend std::string operator+(const std::string& a, const Text& b) { return a + b.str(); }
    friend std::string operator+(const char* a, const Text& b) { return a + b.str(); }
    friend std::string operator+(const Text& a, const Text& b) { return a.str() + b.str(); }
    friend std::ostream& operator<<(std::ostream& out, const Text& text) { return out << text.view(); }

  private:
    const std::string* m_borrowed = nullptr;
    std::string m_owned;
};

} // namespace medcheck::model
