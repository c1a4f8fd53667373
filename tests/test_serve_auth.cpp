#include <medcheck/serve/auth.hpp>
#include <medcheck/util/error.hpp>

#include "support/jwt_signer.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace medcheck;
using json = nlohmann::json;

namespace {

constexpr std::int64_t k_now = 1'800'000'000;
const std::string k_aud = "https://cds.example.org/cds-services/medcheck-order-sign";
const std::string k_iss = "https://ehr.example.org";

json claims(const std::string& jti) {
    return {{"iss", k_iss}, {"aud", k_aud}, {"exp", k_now + 300}, {"iat", k_now}, {"jti", jti}};
}

std::string bearer(const std::string& token) {
    return "Bearer " + token;
}

} // namespace

TEST_SUITE("serve::JwtVerifier") {
    TEST_CASE("a valid ES384 token passes once; its jti replayed is refused") {
        const test::JwtSigner signer("ES384", "ec-1");
        serve::JwtVerifier verifier(signer.jwk().dump(), {k_iss});
        const std::string token = signer.sign(claims("a-1"));
        const auto first = verifier.verify(bearer(token), k_aud, k_now);
        REQUIRE(first);
        CHECK(first->iss == k_iss);
        CHECK(first->jti == "a-1");
        CHECK_FALSE(verifier.verify(bearer(token), k_aud, k_now + 1));
    }

    TEST_CASE("a valid RS384 token passes") {
        const test::JwtSigner signer("RS384", "rsa-1");
        serve::JwtVerifier verifier(signer.jwk().dump(), {k_iss});
        CHECK(verifier.verify(bearer(signer.sign(claims("r-1"))), k_aud, k_now));
    }

    TEST_CASE("refusals") {
        const test::JwtSigner signer("ES384", "ec-1");
        const std::string jwks = signer.jwk().dump();
        serve::JwtVerifier verifier(jwks, {k_iss});
        json c = claims("x");
        SUBCASE("expired beyond the 5 minute skew") {
            c["exp"] = k_now - 301;
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("expired within the skew still passes") {
            c["exp"] = k_now - 299;
            CHECK(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("not yet valid (nbf beyond the skew)") {
            c["nbf"] = k_now + 301;
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("wrong audience") {
            c["aud"] = "https://cds.example.org/cds-services/medcheck-order-select";
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("audience as an array holding the endpoint passes") {
            c["aud"] = json::array({"other", k_aud});
            CHECK(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("issuer not in the allowlist") {
            c["iss"] = "https://evil.example.org";
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("no exp") {
            c.erase("exp");
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("no jti") {
            c.erase("jti");
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("lifetime over an hour") {
            c["exp"] = k_now + 3601;
            CHECK_FALSE(verifier.verify(bearer(signer.sign(c)), k_aud, k_now));
        }
        SUBCASE("alg none") {
            CHECK_FALSE(verifier.verify(bearer(signer.sign_with_header({{"alg", "none"}, {"typ", "JWT"}}, c)),
                                        k_aud, k_now));
        }
        SUBCASE("HS256 with the public JWKS as the secret") {
            const std::string token = signer.sign_with_header({{"alg", "HS256"}, {"kid", "ec-1"}}, c, jwks);
            CHECK_FALSE(verifier.verify(bearer(token), k_aud, k_now));
        }
        SUBCASE("signed by another key with the same kid") {
            const test::JwtSigner other("ES384", "ec-1");
            CHECK_FALSE(verifier.verify(bearer(other.sign(c)), k_aud, k_now));
        }
        SUBCASE("payload changed after signing") {
            const std::string token = signer.sign(c);
            const auto dot = token.find('.');
            const auto dot2 = token.find('.', dot + 1);
            json changed = c;
            changed["iss"] = k_iss;
            changed["jti"] = "other";
            const std::string forged =
                token.substr(0, dot + 1) + serve::base64url_encode(changed.dump()) + token.substr(dot2);
            CHECK_FALSE(verifier.verify(bearer(forged), k_aud, k_now));
        }
        SUBCASE("not a bearer token, or garbage") {
            CHECK_FALSE(verifier.verify("Basic dXNlcjpwYXNz", k_aud, k_now));
            CHECK_FALSE(verifier.verify("Bearer ", k_aud, k_now));
            CHECK_FALSE(verifier.verify("Bearer a.b.c.d", k_aud, k_now));
            CHECK_FALSE(verifier.verify("Bearer !!!.???.***", k_aud, k_now));
            CHECK_FALSE(verifier.verify("", k_aud, k_now));
        }
    }

    TEST_CASE("the JWKS must hold a usable key") {
        CHECK_THROWS_AS(serve::JwtVerifier("{}", {k_iss}), util::Error);
        CHECK_THROWS_AS(serve::JwtVerifier(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})", {k_iss}),
                        util::Error);
        CHECK_THROWS_AS(serve::JwtVerifier("not json", {k_iss}), util::Error);
    }

    TEST_CASE("base64url round trip and rejection") {
        for (const std::string& text :
             std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
            const auto decoded = serve::base64url_decode(serve::base64url_encode(text));
            REQUIRE(decoded);
            CHECK(*decoded == text);
        }
        CHECK_FALSE(serve::base64url_decode("ab+/"));
        CHECK_FALSE(serve::base64url_decode("abcde"));
    }
}
