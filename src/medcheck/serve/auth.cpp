#include <medcheck/serve/auth.hpp>

#include <medcheck/serve/json_input.hpp>
#include <medcheck/util/error.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace medcheck::serve {

namespace {

using json = nlohmann::json;

// Longest Authorization header value considered.
constexpr std::size_t k_max_token_bytes = 16384;

struct BnFree {
    void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;

Bn bignum(const std::string& bytes) {
    return Bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                        nullptr));
}

std::string member(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::shared_ptr<EVP_PKEY> from_params(const char* type, OSSL_PARAM_BLD* builder) {
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY* pkey = nullptr;
    if (params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx) == 1) {
        if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1) {
            pkey = nullptr;
        }
    }
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    return pkey != nullptr ? std::shared_ptr<EVP_PKEY>(pkey, EVP_PKEY_free) : nullptr;
}

// An EC P-384 public key from its JWK x and y.
std::shared_ptr<EVP_PKEY> ec_key(const json& jwk) {
    const auto x = base64url_decode(member(jwk, "x"));
    const auto y = base64url_decode(member(jwk, "y"));
    if (member(jwk, "crv") != "P-384" || !x || !y || x->size() != 48 || y->size() != 48) {
        return nullptr;
    }
    const std::string point = "\x04" + *x + *y;
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    std::shared_ptr<EVP_PKEY> out;
    if (builder != nullptr &&
        OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "secp384r1", 0) == 1 &&
        OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1) {
        out = from_params("EC", builder);
    }
    OSSL_PARAM_BLD_free(builder);
    return out;
}

// An RSA public key (2048 bits or more) from its JWK n and e.
std::shared_ptr<EVP_PKEY> rsa_key(const json& jwk) {
    const auto n = base64url_decode(member(jwk, "n"));
    const auto e = base64url_decode(member(jwk, "e"));
    if (!n || !e || n->size() < 256 || e->empty() || e->size() > 8) {
        return nullptr;
    }
    const Bn bn_n = bignum(*n);
    const Bn bn_e = bignum(*e);
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    std::shared_ptr<EVP_PKEY> out;
    if (builder != nullptr && bn_n && bn_e &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, bn_n.get()) == 1 &&
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, bn_e.get()) == 1) {
        out = from_params("RSA", builder);
    }
    OSSL_PARAM_BLD_free(builder);
    return out;
}

// JOSE ES384 signatures are r || s (48 bytes each); OpenSSL verifies DER.
std::optional<std::string> ecdsa_der(const std::string& raw) {
    if (raw.size() != 96) {
        return std::nullopt;
    }
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 48, nullptr);
    BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 48, 48, nullptr);
    if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return std::nullopt;
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &der);
    ECDSA_SIG_free(sig);
    if (length <= 0) {
        return std::nullopt;
    }
    std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

bool signature_valid(EVP_PKEY* pkey, std::string_view signed_part, const std::string& signature) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    bool ok =
        ctx != nullptr && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha384(), nullptr, pkey) == 1 &&
        EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                         reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

std::optional<std::int64_t> seconds(const json& claims, const char* key) {
    const auto it = claims.find(key);
    if (it == claims.end() || !it->is_number()) {
        return std::nullopt;
    }
    const double value = it->get<double>();
    if (!std::isfinite(value) || std::fabs(value) > 1e12) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
}

// A bearer token split at its dots and decoded: header and claims parsed as JSON objects, the
// signature as bytes, and the part the signature covers as sent.
struct DecodedJwt {
    json header;
    json claims;
    std::string signature;
    std::string_view signed_part;
};

std::optional<DecodedJwt> decode_bearer_jwt(std::string_view authorization_header) {
    constexpr std::string_view k_bearer = "Bearer ";
    if (authorization_header.size() > k_max_token_bytes || !authorization_header.starts_with(k_bearer)) {
        return std::nullopt;
    }
    const std::string_view token = authorization_header.substr(k_bearer.size());
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto header_text = base64url_decode(token.substr(0, first));
    const auto claims_text = base64url_decode(token.substr(first + 1, second - first - 1));
    auto signature = base64url_decode(token.substr(second + 1));
    if (!header_text || !claims_text || !signature) {
        return std::nullopt;
    }
    std::string error;
    auto header = parse_request_json(*header_text, error);
    auto claims = parse_request_json(*claims_text, error);
    if (!header || !claims || !header->is_object() || !claims->is_object()) {
        return std::nullopt;
    }
    return DecodedJwt{std::move(*header), std::move(*claims), std::move(*signature), token.substr(0, second)};
}

// The aud claim names `audience`: as a string, or as one string of an array.
bool jwt_audience_matches(const json& claims, std::string_view audience) {
    bool audience_ok = false;
    if (const auto aud = claims.find("aud"); aud != claims.end()) {
        if (aud->is_string()) {
            audience_ok = aud->get<std::string>() == audience;
        } else if (aud->is_array()) {
            for (const json& item : *aud) {
                audience_ok = audience_ok || (item.is_string() && item.get<std::string>() == audience);
            }
        }
    }
    return audience_ok;
}

// Not expired, not too long-lived, not before nbf, not issued in the future (each with the skew).
bool jwt_times_valid(const json& claims, std::int64_t exp, std::int64_t now) {
    const auto nbf = seconds(claims, "nbf");
    const auto iat = seconds(claims, "iat");
    return now <= exp + k_jwt_skew_s && exp <= now + k_jwt_max_lifetime_s &&
           (!nbf || now >= *nbf - k_jwt_skew_s) && (!iat || *iat <= now + k_jwt_skew_s);
}

} // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value = 0;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '-') {
            value = 62;
        } else if (c == '_') {
            value = 63;
        } else {
            return std::nullopt;
        }
        buffer = (buffer << 6U) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
        }
    }
    if (bits >= 6) {
        return std::nullopt; // a dangling character cannot be whole bytes
    }
    return out;
}

std::string base64url_encode(std::string_view bytes) {
    static constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8U) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += k_alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3FU];
        }
    }
    if (bits > 0) {
        out += k_alphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU];
    }
    return out;
}

JwtVerifier::JwtVerifier(std::string_view jwks_json, std::vector<std::string> issuers)
    : m_issuers(std::move(issuers)) {
    std::string error;
    const auto jwks = parse_request_json(jwks_json, error);
    if (!jwks || !jwks->is_object() || !jwks->contains("keys") || !(*jwks)["keys"].is_array()) {
        throw util::Error(util::ErrorKind::bad_data,
                          "the JWKS is not a JSON object with a 'keys' array" +
                              (error.empty() ? std::string() : " (" + error + ")"));
    }
    for (const json& jwk : (*jwks)["keys"]) {
        if (!jwk.is_object()) {
            continue;
        }
        const std::string kty = member(jwk, "kty");
        const std::string alg = member(jwk, "alg");
        Key key;
        key.kid = member(jwk, "kid");
        if (kty == "EC" && (alg.empty() || alg == "ES384")) {
            key.alg = "ES384";
            key.pkey = ec_key(jwk);
        } else if (kty == "RSA" && (alg.empty() || alg == "RS384")) {
            key.alg = "RS384";
            key.pkey = rsa_key(jwk);
        }
        if (key.pkey) {
            m_keys.push_back(std::move(key));
        }
    }
    if (m_keys.empty()) {
        throw util::Error(util::ErrorKind::bad_data,
                          "the JWKS holds no usable key (EC P-384 for ES384, or RSA of "
                          "2048 bits or more for RS384)");
    }
}

std::optional<TokenClaims> JwtVerifier::verify(std::string_view authorization_header,
                                               std::string_view audience, std::int64_t now) {
    const auto token = decode_bearer_jwt(authorization_header);
    if (!token) {
        return std::nullopt;
    }
    // Only the asymmetric algorithms CDS Hooks names; never none, never HS* (a public key as a secret).
    const std::string alg = member(token->header, "alg");
    if (alg != "ES384" && alg != "RS384") {
        return std::nullopt;
    }
    if (!signed_by_key(alg, member(token->header, "kid"), token->signed_part, token->signature)) {
        return std::nullopt;
    }
    const json& claims = token->claims;
    TokenClaims out{member(claims, "iss"), member(claims, "jti")};
    if (out.iss.empty() || std::find(m_issuers.begin(), m_issuers.end(), out.iss) == m_issuers.end()) {
        return std::nullopt;
    }
    const auto exp = seconds(claims, "exp");
    if (!jwt_audience_matches(claims, audience) || !exp || !jwt_times_valid(claims, *exp, now) ||
        out.jti.empty() || out.jti.size() > 256) {
        return std::nullopt;
    }
    if (!remember_jti(out, *exp + k_jwt_skew_s, now)) {
        return std::nullopt;
    }
    return out;
}

bool JwtVerifier::signed_by_key(const std::string& alg, const std::string& kid, std::string_view signed_part,
                                const std::string& signature) const {
    std::optional<std::string> der;
    if (alg == "ES384") {
        der = ecdsa_der(signature);
        if (!der) {
            return false;
        }
    }
    return std::any_of(m_keys.begin(), m_keys.end(), [&](const Key& key) {
        return key.alg == alg && (kid.empty() || key.kid == kid) &&
               signature_valid(key.pkey.get(), signed_part, der ? *der : signature);
    });
}

bool JwtVerifier::remember_jti(const TokenClaims& claims, std::int64_t forget_after, std::int64_t now) {
    const std::lock_guard lock(m_mutex);
    if (m_seen_jti.size() >= k_max_remembered_jti) {
        std::erase_if(m_seen_jti, [now](const auto& entry) { return entry.second < now; });
        if (m_seen_jti.size() >= k_max_remembered_jti) {
            return false;
        }
    }
    return m_seen_jti.emplace(claims.iss + '\n' + claims.jti, forget_after).second; // false: replayed
}

} // namespace medcheck::serve
