#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace medcheck::serve {

// Clock skew allowed on exp, nbf and iat.
inline constexpr std::int64_t k_jwt_skew_s = 300;
// Longest token lifetime accepted (exp - now): bounds how long a jti is remembered.
inline constexpr std::int64_t k_jwt_max_lifetime_s = 3600;
// Most jti values remembered at once; when full (after forgetting expired ones) tokens are refused.
inline constexpr std::size_t k_max_remembered_jti = 100000;

// Who called, from a verified token, for the access log.
struct TokenClaims {
    std::string iss;
    std::string jti;
};

// Verifies CDS Hooks bearer tokens (JWT, ES384 or RS384) against the keys of a JWKS, with OpenSSL.
// Refuses alg none and HS*; checks iss against the allowlist, aud, exp and nbf (with skew), and
// that no jti is used twice. Thread-safe.
class JwtVerifier {
  public:
    // Reads a JWKS document; throws util::Error (bad_data) when it holds no usable EC P-384 or RSA key.
    JwtVerifier(std::string_view jwks_json, std::vector<std::string> issuers);

    // The claims of a valid, unreplayed token for `audience` at `now` (seconds since 1970); nullopt
    // otherwise (the caller answers 401 without saying why).
    std::optional<TokenClaims> verify(std::string_view authorization_header, std::string_view audience,
                                      std::int64_t now);

    std::size_t key_count() const { return m_keys.size(); }

  private:
    struct Key {
        std::string kid;
        std::string alg; // ES384 | RS384
        std::shared_ptr<EVP_PKEY> pkey;
    };
    // Whether a key of the JWKS (of that alg, and that kid when given) signed `signed_part`.
    bool signed_by_key(const std::string& alg, const std::string& kid, std::string_view signed_part,
                       const std::string& signature) const;
    // Remembers the token's jti until `forget_after`; false for a replay, or when too many are
    // remembered.
    bool remember_jti(const TokenClaims& claims, std::int64_t forget_after, std::int64_t now);

    std::vector<Key> m_keys;
    std::vector<std::string> m_issuers;
    std::mutex m_mutex;
    std::map<std::string, std::int64_t> m_seen_jti; // jti -> forget after
};

// Base64url without padding, decoded; nullopt for any other character.
std::optional<std::string> base64url_decode(std::string_view text);
std::string base64url_encode(std::string_view bytes);

} // namespace medcheck::serve
