#include <medcheck/io/case_json.hpp>

#include <medcheck/io/sig.hpp>
#include <medcheck/io/strict_json.hpp>
#include <medcheck/sig/reader.hpp>
#include <medcheck/util/error.hpp>
#include <medcheck/util/text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <iterator>
#include <string_view>

namespace medcheck::io {

namespace {

using nlohmann::json;

class CaseReader {
  public:
    explicit CaseReader(std::string origin) : m_origin(std::move(origin)) {}

    model::Case read(const json& root) {
        if (!root.is_object()) {
            fail("the case must be a JSON object");
        }
        check_keys(root, "case", {"indication", "patient", "medications"});
        if (const auto it = root.find("indication"); it != root.end() && !it->is_null()) {
            m_case.indication = text(*it, "indication");
        }
        const auto patient = root.find("patient");
        if (patient == root.end() || !patient->is_object()) {
            fail("'patient' must be present and be an object");
        }
        read_patient(*patient);
        const auto meds = root.find("medications");
        if (meds == root.end() || !meds->is_array()) {
            fail("'medications' must be present and be an array");
        }
        if (meds->size() > k_max_medications) {
            fail(fmt::format("more than {} medications in one case", k_max_medications));
        }
        for (std::size_t i = 0; i < meds->size(); ++i) {
            read_medication((*meds)[i], static_cast<int>(i));
        }
        return std::move(m_case);
    }

  private:
    [[noreturn]] void fail(const std::string& message) const {
        throw util::Error(util::ErrorKind::bad_data, m_origin + ": " + message);
    }

    void issue(const std::string& field, const std::string& message,
               std::optional<int> order = std::nullopt) {
        m_case.issues.push_back({field, message, order});
    }

    void check_keys(const json& object, const std::string& where,
                    std::initializer_list<std::string_view> allowed) {
        for (const auto& [key, value] : object.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                fail(fmt::format("unknown key '{}' in {} (allowed: {})", key, where,
                                 fmt::join(allowed, ", ")));
            }
        }
    }

    static std::string describe(const json& value) {
        std::string shown = value.dump();
        if (shown.size() > 60) {
            shown = shown.substr(0, 57) + "...";
        }
        return std::string(value.type_name()) + " " + shown;
    }

    std::optional<std::string> text(const json& value, const std::string& field,
                                    std::optional<int> order = std::nullopt) {
        if (value.is_null()) {
            return std::nullopt;
        }
        if (!value.is_string()) {
            issue(field, "expected a string, got " + describe(value), order);
            return std::nullopt;
        }
        return value.get<std::string>();
    }

    std::optional<double> number(const json& object, const char* key, const std::string& field,
                                 std::optional<int> order = std::nullopt) {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            return std::nullopt;
        }
        if (!it->is_number()) {
            issue(field, "expected a number, got " + describe(*it), order);
            return std::nullopt;
        }
        const double value = it->get<double>();
        if (!std::isfinite(value)) {
            issue(field, "number is not finite", order);
            return std::nullopt;
        }
        return value;
    }

    bool flag(const json& object, const char* key, const std::string& field, int order) {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            return false;
        }
        if (!it->is_boolean()) {
            issue(field, "expected true or false, got " + describe(*it), order);
            return false;
        }
        return it->get<bool>();
    }

    std::optional<std::vector<std::string>> list(const json& object, const char* key,
                                                 const std::string& field) {
        const auto it = object.find(key);
        if (it == object.end() || it->is_null()) {
            return std::nullopt;
        }
        if (!it->is_array()) {
            issue(field, "expected an array of strings, got " + describe(*it));
            return std::nullopt;
        }
        std::vector<std::string> out;
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (auto value = text((*it)[i], fmt::format("{}[{}]", field, i))) {
                out.push_back(std::move(*value));
            }
        }
        return out;
    }

    void read_patient(const json& p) {
        check_keys(p, "patient",
                   {"id", "age", "weight_kg", "sex", "serum_creatinine_mg_dl", "crcl_ml_min", "hepatic",
                    "pregnancy_weeks", "conditions", "tried"});
        model::Patient& patient = m_case.patient;
        if (const auto it = p.find("id"); it != p.end() && !it->is_null()) {
            if (it->is_string()) {
                patient.id = it->get<std::string>();
            } else if (it->is_number_integer()) {
                patient.id = it->dump();
            } else {
                issue("patient.id", "expected a string, got " + describe(*it));
            }
        }
        patient.age_years = number(p, "age", "patient.age");
        patient.weight_kg = number(p, "weight_kg", "patient.weight_kg");
        if (const auto it = p.find("sex"); it != p.end()) {
            if (const auto sex = text(*it, "patient.sex")) {
                const auto parsed = model::parse_sex(*sex);
                if (parsed && *parsed != model::Sex::absent) {
                    patient.sex = *parsed;
                } else {
                    issue("patient.sex", "unknown sex '" + *sex + "' (female or male)");
                }
            }
        }
        patient.serum_creatinine_mg_dl =
            number(p, "serum_creatinine_mg_dl", "patient.serum_creatinine_mg_dl");
        patient.crcl_ml_min = number(p, "crcl_ml_min", "patient.crcl_ml_min");
        if (const auto it = p.find("hepatic"); it != p.end()) {
            if (const auto hepatic = text(*it, "patient.hepatic")) {
                const auto parsed = model::parse_hepatic(*hepatic);
                if (parsed && *parsed != model::Hepatic::absent) {
                    patient.hepatic = *parsed;
                } else {
                    issue("patient.hepatic",
                          "unknown hepatic impairment '" + *hepatic +
                              "' (none, mild, moderate or severe); hepatic rules could not be checked");
                }
            }
        }
        patient.pregnancy_weeks = number(p, "pregnancy_weeks", "patient.pregnancy_weeks");
        if (auto conditions = list(p, "conditions", "patient.conditions")) {
            patient.conditions = std::move(*conditions);
        }
        patient.tried = list(p, "tried", "patient.tried");
    }

    void read_medication(const json& m, int index) {
        const std::string where = fmt::format("medications[{}]", index);
        if (!m.is_object()) {
            fail(where + " must be an object");
        }
        check_keys(m, where,
                   {"drug", "dose", "unit", "route", "frequency", "duration_days", "prn", "max_doses_per_day",
                    "continuing", "sig"});
        model::MedicationOrder order;
        order.reference = where;
        std::optional<std::string> sig_text;
        if (const auto it = m.find("sig"); it != m.end()) {
            sig_text = text(*it, where + ".sig", index);
        }
        if (const auto it = m.find("drug"); it != m.end()) {
            order.drug = text(*it, where + ".drug", index).value_or("");
        }
        if (const auto it = m.find("dose"); it != m.end() && it->is_string()) {
            // "1-2": read at its maximum (worst case), the minimum kept for the reading.
            if (const auto range = sig::read_dose(it->get<std::string>())) {
                order.dose = range->max;
                order.dose_min = range->min != range->max ? std::optional<double>(range->min) : std::nullopt;
            } else {
                issue(where + ".dose", "expected a number, got " + describe(*it), index);
            }
        } else {
            order.dose = number(m, "dose", where + ".dose", index);
            if (it != m.end() && !it->is_null() && !it->is_number()) {
                order.dose = std::nullopt; // reported as an issue already; keep the order
            }
        }
        if (const auto it = m.find("unit"); it != m.end()) {
            order.unit = text(*it, where + ".unit", index).value_or("");
        }
        if (const auto it = m.find("route"); it != m.end()) {
            order.route = util::to_lower(text(*it, where + ".route", index).value_or(""));
        }
        if (const auto it = m.find("frequency"); it != m.end()) {
            order.frequency = text(*it, where + ".frequency", index).value_or("");
        }
        order.duration_days = number(m, "duration_days", where + ".duration_days", index);
        order.prn = flag(m, "prn", where + ".prn", index);
        order.max_doses_per_day = number(m, "max_doses_per_day", where + ".max_doses_per_day", index);
        order.continuing = flag(m, "continuing", where + ".continuing", index);
        if (sig_text) {
            order = from_sig(*sig_text, order, m, where, index);
        }
        m_case.medications.push_back(std::move(order));
    }

    // A "sig" reads the whole order; structured fields given beside it must agree with it (io/sig.hpp).
    model::MedicationOrder from_sig(const std::string& sig_text, const model::MedicationOrder& given,
                                    const json& m, const std::string& where, int index) {
        const auto present = [&](const char* key) {
            const auto it = m.find(key);
            return it != m.end() && !it->is_null();
        };
        FieldsBesideSig beside;
        beside.drug = present("drug");
        beside.dose = present("dose");
        beside.unit = present("unit");
        beside.route = present("route");
        beside.frequency = present("frequency");
        beside.duration = given.duration_days.has_value();
        if (beside.dose) {
            beside.dose_text = m.at("dose").dump();
        }
        return io::order_from_sig(sig_text, given, beside, index, where, m_case.issues);
    }

    std::string m_origin;
    model::Case m_case;
};

// "line L, column C" for a byte offset into the text.
std::string position(const std::string& text, std::size_t byte) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return fmt::format("line {}, column {}", line, column);
}

} // namespace

model::Case read_case_json(std::istream& in, const std::string& origin) {
    std::string text;
    std::array<char, 1 << 16> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > k_max_case_bytes) {
            throw util::Error(util::ErrorKind::bad_data,
                              fmt::format("{}: case is larger than {} MiB", origin, k_max_case_bytes >> 20U));
        }
    }
    if (in.bad()) {
        throw util::Error(util::ErrorKind::cannot_open, origin + ": read error");
    }
    text.erase(0, util::utf8_bom_length(text));
    json root;
    try {
        root = parse_strict_json(text, k_max_json_depth);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        if (const auto colon = what.rfind(": "); colon != std::string::npos) {
            what = what.substr(colon + 2);
        }
        throw util::Error(util::ErrorKind::bad_data, origin + ": malformed JSON at " +
                                                         position(text, e.byte == 0 ? 0 : e.byte - 1) + ": " +
                                                         what);
    } catch (const json::out_of_range& e) {
        // A number beyond the range of double (1e309): nlohmann stops parsing, so the whole case is
        // bad data, located by the first occurrence of the number as written.
        std::string what = e.what();
        std::string where;
        if (const auto quote = what.find('\''); quote != std::string::npos) {
            const std::string literal = what.substr(quote + 1, what.size() - quote - 2);
            if (const auto at = text.find(literal); !literal.empty() && at != std::string::npos) {
                where = " at " + position(text, at);
            }
            what = "number " + literal.substr(0, 40) + " is out of range";
        }
        throw util::Error(util::ErrorKind::bad_data, origin + ": malformed JSON" + where + ": " + what);
    } catch (const StrictJsonError& e) {
        throw util::Error(util::ErrorKind::bad_data, origin + ": " + e.reason);
    }
    return CaseReader(origin).read(root);
}

} // namespace medcheck::io
