#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

// Short texts (patient ids, cells, units, drug names) read in machine words rather than byte by byte,
// for the hashes and lookups a batch makes for every row.
namespace medcheck::util {

// The `Word` at `at`, whatever its alignment.
template <typename Word> Word load_word(const char* at) {
    Word word = 0;
    std::memcpy(&word, at, sizeof word);
    return word;
}

// Stores `word` at `at`, whatever its alignment.
template <typename Word> void store_word(char* at, Word word) {
    std::memcpy(at, &word, sizeof word);
}

// Copies `text` to `to` (room for text.size() bytes): up to 16 bytes as two words that may overlap,
// as for_each_word reads them, without a call to memcpy.
inline void copy_words(char* to, std::string_view text) {
    const char* from = text.data();
    const std::size_t size = text.size();
    if (size > 16) {
        std::memcpy(to, from, size);
    } else if (size >= 8) {
        store_word(to, load_word<std::uint64_t>(from));
        store_word(to + size - 8, load_word<std::uint64_t>(from + size - 8));
    } else if (size >= 4) {
        store_word(to, load_word<std::uint32_t>(from));
        store_word(to + size - 4, load_word<std::uint32_t>(from + size - 4));
    } else if (size > 0) {
        to[0] = from[0];
        to[size / 2] = from[size / 2];
        to[size - 1] = from[size - 1];
    }
}

// a == b, compared in words from both ends up to 16 bytes (most texts compared for every row are
// short: patient ids, units, routes, frequencies), and without a call to memcmp.
inline bool same_short_text(std::string_view a, std::string_view b) {
    const std::size_t size = a.size();
    if (size != b.size()) {
        return false;
    }
    const char* x = a.data();
    const char* y = b.data();
    if (size >= 8 && size <= 16) {
        return load_word<std::uint64_t>(x) == load_word<std::uint64_t>(y) &&
               load_word<std::uint64_t>(x + size - 8) == load_word<std::uint64_t>(y + size - 8);
    }
    if (size >= 4 && size < 8) {
        return load_word<std::uint32_t>(x) == load_word<std::uint32_t>(y) &&
               load_word<std::uint32_t>(x + size - 4) == load_word<std::uint32_t>(y + size - 4);
    }
    if (size < 4) {
        return size == 0 || (x[0] == y[0] && x[size / 2] == y[size / 2] && x[size - 1] == y[size - 1]);
    }
    return a == b;
}

// a == b for texts of any size, compared in words (the last overlapping the one before) without a call
// to memcmp: a hash table's keys of a few dozen bytes, compared on every hit.
inline bool same_words(std::string_view a, std::string_view b) {
    const std::size_t size = a.size();
    if (size < 8 || size != b.size()) {
        return same_short_text(a, b);
    }
    const char* x = a.data();
    const char* y = b.data();
    for (std::size_t at = 0; at + 8 < size; at += 8) {
        if (load_word<std::uint64_t>(x + at) != load_word<std::uint64_t>(y + at)) {
            return false;
        }
    }
    return load_word<std::uint64_t>(x + size - 8) == load_word<std::uint64_t>(y + size - 8);
}

// Calls mix(word) with words that together hold every byte of `text`: eight bytes at a time, the last
// eight overlapping the word before where the size is not a multiple of eight; 4 to 7 bytes as one
// word of the first four and the last four; 1 to 3 bytes as one word of the first, middle and last.
// Nothing for an empty text. Texts of different sizes may give the same words: mix the size in too.
template <typename Mix> void for_each_word(std::string_view text, Mix&& mix) {
    const char* data = text.data();
    const std::size_t size = text.size();
    if (size >= 8) {
        for (std::size_t at = 0; at + 8 < size; at += 8) {
            mix(load_word<std::uint64_t>(data + at));
        }
        mix(load_word<std::uint64_t>(data + size - 8));
    } else if (size >= 4) {
        mix(load_word<std::uint32_t>(data) | std::uint64_t{load_word<std::uint32_t>(data + size - 4)} << 32U);
    } else if (size > 0) {
        mix(std::uint64_t{static_cast<unsigned char>(data[0])} |
            std::uint64_t{static_cast<unsigned char>(data[size / 2])} << 8U |
            std::uint64_t{static_cast<unsigned char>(data[size - 1])} << 16U);
    }
}

// A hash of words (for_each_word, or words of the caller's own), each mixed in by a multiply and a
// shift; value() spreads the result by a finaliser, as a hash table takes its bits from both ends. Not
// for anything kept across runs.
class WordHash {
  public:
    explicit WordHash(std::uint64_t seed) : m_hash(seed) {}
    void add(std::uint64_t word) {
        m_hash = (m_hash ^ word) * 0xBF58476D1CE4E5B9ULL;
        m_hash ^= m_hash >> 31U;
    }
    void add_words(std::string_view text) {
        for_each_word(text, [this](std::uint64_t word) { add(word); });
    }
    std::uint64_t value() const {
        std::uint64_t hash = m_hash ^ (m_hash >> 33U);
        hash *= 0xFF51AFD7ED558CCDULL;
        return hash ^ (hash >> 33U);
    }

  private:
    std::uint64_t m_hash;
};

// Hash and equality of a hash table of texts looked up by std::string_view (heterogeneous lookup):
// the text's words through WordHash, seeded with its size.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
        WordHash hash(text.size());
        hash.add_words(text);
        return static_cast<std::size_t>(hash.value());
    }
};
struct TextEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

// The slot of a small cache of recent answers for a text, from its size and three of its bytes: no
// hash of the whole text (the cache compares the text itself).
inline std::size_t recent_slot(std::string_view text, std::size_t slots) {
    const auto byte = [&](std::size_t at) {
        return at < text.size() ? static_cast<std::size_t>(static_cast<unsigned char>(text[at])) : 0;
    };
    return (text.size() * 7U + byte(0) * 3U + byte(text.size() / 2) * 5U + byte(text.size() - 1)) % slots;
}

} // namespace medcheck::util
