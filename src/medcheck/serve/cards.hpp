#pragma once

#include <medcheck/check/result.hpp>
#include <medcheck/rules/rule_set.hpp>
#include <medcheck/serve/hook_request.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace medcheck::serve {

// Longest card summary in bytes (CDS Hooks: under 140 characters).
inline constexpr std::size_t k_max_summary_bytes = 139;

// A card as issued, for the feedback log (which rule a card uuid stands for).
struct IssuedCard {
    std::string uuid;
    std::string rule_id;
    std::string indicator;
};

// Turns a check of a hook call into the CDS Hooks response {"cards": [...]}. Policy:
// contraindicated and violation -> critical, warning -> warning, unverifiable -> info "could not
// check: ..."; info findings are not carded; findings only about existing regimens are not carded;
// for order-select, only findings about a selected draft (or the patient as a whole). `new_uuid`
// gives every card and suggestion its uuid.
nlohmann::json build_cards(const HookRequest& request, const HookCase& hook_case,
                           const check::CheckResult& result, const rules::DatabaseInfo& database,
                           const std::function<std::string()>& new_uuid,
                           std::vector<IssuedCard>* issued = nullptr);

// A random (version 4) UUID from OpenSSL's generator.
std::string random_uuid();

// `text` cut to at most `max_bytes` bytes (UTF-8 safe) with "..." when cut.
std::string shorten(std::string_view text, std::size_t max_bytes);

} // namespace medcheck::serve
