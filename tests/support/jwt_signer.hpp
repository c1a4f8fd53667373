#pragma once

// Test-only token issuer: keys generated at test time with OpenSSL (no private key is committed),
// their JWKS, and signed JWTs (ES384, RS384, and the forbidden HS256 / none for refusal tests).

#include <nlohmann/json.hpp>

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace medcheck::test {

class JwtSigner {
  public:
    // "ES384" (EC P-384) or "RS384" (RSA 2048); `kid` names the key in the JWKS.
    JwtSigner(const std::string& alg, const std::string& kid);

    // {"keys": [this key's public JWK]}.
    nlohmann::json jwk() const;
    // A signed compact JWT with header {"alg", "typ": "JWT", "kid"} and these claims.
    std::string sign(const nlohmann::json& claims) const;
    // A token with an explicit header, signed with this key when alg is ES384/RS384, with HMAC-SHA256
    // over `hmac_secret` when alg is HS256, unsigned when alg is none.
    std::string sign_with_header(const nlohmann::json& header, const nlohmann::json& claims,
                                 const std::string& hmac_secret = {}) const;

  private:
    std::string m_alg;
    std::string m_kid;
    std::shared_ptr<EVP_PKEY> m_key;
};

} // namespace medcheck::test
