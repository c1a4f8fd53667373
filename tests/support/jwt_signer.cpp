#include "support/jwt_signer.hpp"

#include <medcheck/serve/auth.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <stdexcept>
#include <vector>

namespace medcheck::test {

namespace {

std::string bn_bytes(const BIGNUM* bn, int width = 0) {
    const int size = std::max(width, BN_num_bytes(bn));
    std::string out(static_cast<std::size_t>(size), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    return out;
}

std::string big_param(EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) {
        throw std::runtime_error("cannot read key parameter");
    }
    std::string out = bn_bytes(bn);
    BN_free(bn);
    return out;
}

} // namespace

JwtSigner::JwtSigner(const std::string& alg, const std::string& kid) : m_alg(alg), m_kid(kid) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, alg == "ES384" ? "EC" : "RSA", nullptr);
    EVP_PKEY* key = nullptr;
    bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1;
    if (ok && alg == "ES384") {
        ok = EVP_PKEY_CTX_set_group_name(ctx, "P-384") == 1;
    } else if (ok) {
        ok = EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, 2048) == 1;
    }
    ok = ok && EVP_PKEY_generate(ctx, &key) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) {
        throw std::runtime_error("key generation failed");
    }
    m_key.reset(key, EVP_PKEY_free);
}

nlohmann::json JwtSigner::jwk() const {
    nlohmann::json key{{"kid", m_kid}, {"alg", m_alg}, {"use", "sig"}};
    if (m_alg == "ES384") {
        std::vector<unsigned char> point(200);
        std::size_t length = 0;
        EVP_PKEY_get_octet_string_param(m_key.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size(),
                                        &length);
        const std::string raw(reinterpret_cast<const char*>(point.data()), length);
        key["kty"] = "EC";
        key["crv"] = "P-384";
        key["x"] = serve::base64url_encode(raw.substr(1, 48));
        key["y"] = serve::base64url_encode(raw.substr(49, 48));
    } else {
        key["kty"] = "RSA";
        key["n"] = serve::base64url_encode(big_param(m_key.get(), OSSL_PKEY_PARAM_RSA_N));
        key["e"] = serve::base64url_encode(big_param(m_key.get(), OSSL_PKEY_PARAM_RSA_E));
    }
    return {{"keys", nlohmann::json::array({key})}};
}

std::string JwtSigner::sign(const nlohmann::json& claims) const {
    return sign_with_header({{"alg", m_alg}, {"typ", "JWT"}, {"kid", m_kid}}, claims);
}

std::string JwtSigner::sign_with_header(const nlohmann::json& header, const nlohmann::json& claims,
                                        const std::string& hmac_secret) const {
    const std::string input =
        serve::base64url_encode(header.dump()) + "." + serve::base64url_encode(claims.dump());
    const std::string alg = header.value("alg", "");
    if (alg == "none") {
        return input + ".";
    }
    if (alg == "HS256") {
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        HMAC(EVP_sha256(), hmac_secret.data(), static_cast<int>(hmac_secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
        return input + "." + serve::base64url_encode(std::string(reinterpret_cast<const char*>(mac), length));
    }
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t length = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha384(), nullptr, m_key.get());
    EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string signature(length, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    EVP_MD_CTX_free(ctx);
    signature.resize(length);
    if (m_alg == "ES384") {
        const auto* der = reinterpret_cast<const unsigned char*>(signature.data());
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(signature.size()));
        const BIGNUM* r = nullptr;
        const BIGNUM* s = nullptr;
        ECDSA_SIG_get0(sig, &r, &s);
        signature = bn_bytes(r, 48) + bn_bytes(s, 48);
        ECDSA_SIG_free(sig);
    }
    return input + "." + serve::base64url_encode(signature);
}

} // namespace medcheck::test
