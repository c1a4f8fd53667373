// medcheck-gen: deterministic synthetic prescription exports (CSV, FHIR NDJSON, FHIR Bundle) for tests
// and benchmarks. Same arguments, same bytes: a fixed PRNG (splitmix64), no clock, no locale.
//
// usage: medcheck-gen --patients N [--seed S] [--out-dir DIR] [--formats csv,ndjson,bundle]
// [--malformed-per-100k K]
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// splitmix64: tiny, fast and identical everywhere.
class Random {
  public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    // Uniform in [0, n).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    // True with probability percent/100.
    bool chance(unsigned percent) { return below(100) < percent; }

  private:
    std::uint64_t m_state;
};

struct Regimen {
    const char* drug;    // CSV drug column
    const char* product; // FHIR medication text
    double dose;
    const char* unit;
    const char* frequency; // contract vocabulary
    int per_day;           // FHIR timing: frequency per day (0: use hours)
    int every_hours;
    bool prn;
};

// In-scope regimens (catalogue drugs, some above limits) and out-of-scope ones.
const std::array<Regimen, 16> k_in_scope{{
    {"acetaminophen", "Acetaminophen 500 MG Oral Tablet", 1000, "mg", "q6h", 0, 6, false},
    {"acetaminophen", "Acetaminophen 325 MG Oral Tablet", 1000, "mg", "q4h", 0, 4, false},
    {"ibuprofen", "Ibuprofen 400 MG Oral Tablet", 400, "mg", "tid", 3, 0, false},
    {"ibuprofen", "Ibuprofen 800 MG Oral Tablet", 800, "mg", "q6h", 0, 6, true},
    {"naproxen", "Naproxen 500 MG Oral Tablet", 500, "mg", "bid", 2, 0, false},
    {"cyclobenzaprine", "Cyclobenzaprine Hydrochloride 10 MG Oral Tablet", 10, "mg", "tid", 3, 0, false},
    {"cyclobenzaprine", "Cyclobenzaprine Hydrochloride 5 MG Oral Tablet", 5, "mg", "tid", 3, 0, false},
    {"tramadol", "Tramadol Hydrochloride 50 MG Oral Tablet", 50, "mg", "q6h", 0, 6, true},
    {"oxycodone", "Oxycodone Hydrochloride 5 MG Oral Tablet", 5, "mg", "q4h", 0, 4, true},
    {"meloxicam", "Meloxicam 15 MG Oral Tablet", 15, "mg", "daily", 1, 0, false},
    {"celecoxib", "Celecoxib 200 MG Oral Capsule", 200, "mg", "bid", 2, 0, false},
    {"diazepam", "Diazepam 5 MG Oral Tablet", 5, "mg", "tid", 3, 0, false},
    {"warfarin", "Warfarin Sodium 5 MG Oral Tablet", 5, "mg", "daily", 1, 0, false},
    {"sertraline", "Sertraline 50 MG Oral Tablet", 50, "mg", "daily", 1, 0, false},
    {"gabapentin", "Gabapentin 300 MG Oral Capsule", 300, "mg", "tid", 3, 0, false},
    {"prednisone", "Prednisone 10 MG Oral Tablet", 10, "mg", "daily", 1, 0, false},
}};

const std::array<Regimen, 10> k_out_of_scope{{
    {"metformin", "Metformin Hydrochloride 500 MG Oral Tablet", 500, "mg", "bid", 2, 0, false},
    {"atorvastatin", "Atorvastatin 20 MG Oral Tablet", 20, "mg", "daily", 1, 0, false},
    {"amlodipine", "Amlodipine 5 MG Oral Tablet", 5, "mg", "daily", 1, 0, false},
    {"levothyroxine", "Levothyroxine Sodium 0.05 MG Oral Tablet", 50, "mcg", "daily", 1, 0, false},
    {"tamsulosin", "Tamsulosin Hydrochloride 0.4 MG Oral Capsule", 0.4, "mg", "daily", 1, 0, false},
    {"insulin glargine", "insulin glargine 100 UNT/ML Injectable Solution", 20, "unit", "daily", 1, 0, false},
    {"albuterol", "Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", 2, "puff", "q4h", 0, 4, true},
    {"montelukast", "Montelukast 10 MG Oral Tablet", 10, "mg", "daily", 1, 0, false},
    {"metoprolol", "Metoprolol Tartrate 25 MG Oral Tablet", 25, "mg", "bid", 2, 0, false},
    {"simvastatin", "Simvastatin 20 MG Oral Tablet", 20, "mg", "daily", 1, 0, false},
}};

struct ConditionCode {
    const char* key; // CSV vocabulary
    const char* icd; // ICD-10-CM for FHIR
};
const std::array<ConditionCode, 6> k_conditions{{
    {"hypertension", "I10"},
    {"heart_failure", "I50.9"},
    {"ckd", "N18.3"},
    {"gi_bleed_history", "K92.2"},
    {"depression", "F32.9"},
    {"falls_history", "Z91.81"},
}};

struct Order {
    const Regimen* regimen;
    double dose;
    bool stopped;   // FHIR only: status stopped/completed (not in the CSV)
    bool text_only; // no structured dose or timing
    int duration_days;
};

struct Patient {
    std::string id;
    int age;
    double weight_kg;
    bool female;
    double scr_mg_dl;
    std::vector<const ConditionCode*> conditions;
    bool tried_known;
    std::vector<Order> orders;
};

Patient make_patient(Random& random, std::size_t index) {
    Patient p;
    char id[32];
    std::snprintf(id, sizeof id, "P%07zu", index + 1);
    p.id = id;
    p.age = 25 + static_cast<int>(random.below(66));
    p.weight_kg = 50 + static_cast<double>(random.below(60));
    p.female = random.chance(52);
    p.scr_mg_dl = 0.6 + static_cast<double>(random.below(15)) / 10.0;
    for (const auto& condition : k_conditions) {
        if (random.chance(8)) {
            p.conditions.push_back(&condition);
        }
    }
    p.tried_known = random.chance(70);
    // About 4.5 orders per patient; about one in four in the catalogue.
    const std::size_t count = 1 + random.below(8);
    for (std::size_t i = 0; i < count; ++i) {
        Order order;
        const bool in_scope = random.chance(24);
        order.regimen = in_scope ? &k_in_scope[random.below(k_in_scope.size())]
                                 : &k_out_of_scope[random.below(k_out_of_scope.size())];
        order.dose = order.regimen->dose * (random.chance(10) ? 2 : 1);
        order.stopped = random.chance(15);
        order.text_only = random.chance(4);
        order.duration_days = random.chance(50) ? 5 + static_cast<int>(random.below(30)) : 0;
        p.orders.push_back(order);
    }
    return p;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

void write_csv_header(std::ostream& out) {
    out << "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,serum_creatinine_mg_dl,hepatic,"
           "conditions,"
           "tried,drug,dose,unit,route,frequency,duration_days,prn,max_doses_per_day,continuing\n";
}

void write_csv_row(std::ostream& out, const Patient& p, const Order& o, std::size_t rx, bool malformed) {
    std::string conditions;
    for (const auto* c : p.conditions) {
        conditions += (conditions.empty() ? "" : ";") + std::string(c->key);
    }
    out << p.id << ",RX" << rx << ',' << p.age << ',' << number(p.weight_kg) << ','
        << (p.female ? "female" : "male") << ",," << number(p.scr_mg_dl) << ",none," << conditions << ','
        << (p.tried_known ? "nonpharmacologic" : "") << ','
        << (malformed ? "\"unterminated" : o.regimen->drug) << ',';
    if (!o.text_only) {
        out << number(o.dose) << ',' << o.regimen->unit << ",oral," << o.regimen->frequency;
    } else {
        out << ",,oral,";
    }
    out << ',' << (o.duration_days > 0 ? std::to_string(o.duration_days) : "") << ','
        << (o.regimen->prn ? "true" : "false") << ",,"
        << "false\n";
}

std::string patient_json(const Patient& p) {
    return "{\"resourceType\":\"Patient\",\"id\":\"" + p.id + "\",\"gender\":\"" +
           (p.female ? "female" : "male") + "\",\"birthDate\":\"" + std::to_string(2024 - p.age) +
           "-01-01\"}";
}

std::string condition_json(const Patient& p, const ConditionCode& c, std::size_t n) {
    return "{\"resourceType\":\"Condition\",\"id\":\"" + p.id + "-c" + std::to_string(n) +
           "\",\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":"
           "\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"" +
           c.icd + "\"}]},\"subject\":{\"reference\":\"Patient/" + p.id + "\"}}";
}

std::string observation_json(const Patient& p, bool creatinine) {
    return "{\"resourceType\":\"Observation\",\"id\":\"" + p.id + (creatinine ? "-scr" : "-wt") +
           "\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" +
           (creatinine ? "2160-0" : "29463-7") + "\"}]},\"subject\":{\"reference\":\"Patient/" + p.id +
           "\"},\"effectiveDateTime\":\"2024-01-15\",\"valueQuantity\":{\"value\":" +
           (creatinine ? number(p.scr_mg_dl) : number(p.weight_kg)) + ",\"unit\":\"" +
           (creatinine ? "mg/dL" : "kg") + "\"}}";
}

std::string medication_request_json(const Patient& p, const Order& o, std::size_t rx, bool malformed) {
    const Regimen& r = *o.regimen;
    std::string json = "{\"resourceType\":\"MedicationRequest\",\"id\":\"RX" + std::to_string(rx) +
                       "\",\"status\":\"" + (o.stopped ? (rx % 2 == 0 ? "stopped" : "completed") : "active") +
                       "\",\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/" + p.id +
                       "\"},\"authoredOn\":\"2024-03-01\",\"medicationCodeableConcept\":{\"text\":\"" +
                       r.product + "\"}";
    if (malformed) {
        return json; // truncated: not valid JSON
    }
    json += ",\"dosageInstruction\":[{";
    if (o.text_only) {
        json += "\"text\":\"Take as directed.\"}]";
    } else {
        json += "\"timing\":{\"repeat\":{";
        if (r.per_day > 0) {
            json += "\"frequency\":" + std::to_string(r.per_day) + ",\"period\":1,\"periodUnit\":\"d\"";
        } else {
            json += "\"frequency\":1,\"period\":" + std::to_string(r.every_hours) + ",\"periodUnit\":\"h\"";
        }
        if (o.duration_days > 0) {
            json += ",\"boundsDuration\":{\"value\":" + std::to_string(o.duration_days) + ",\"unit\":\"d\"}";
        }
        json += "}},\"asNeededBoolean\":" + std::string(r.prn ? "true" : "false") +
                ",\"doseAndRate\":[{\"doseQuantity\":{\"value\":" + number(o.dose) + ",\"unit\":\"" + r.unit +
                "\"}}]}]";
    }
    return json + "}";
}

} // namespace

int main(int argc, char** argv) {
    std::size_t patients = 100;
    std::uint64_t seed = 42;
    std::filesystem::path out_dir = ".";
    std::string formats = "csv,ndjson,bundle";
    std::size_t malformed_per_100k = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "medcheck-gen: " << arg << " needs a value\n";
                std::exit(64);
            }
            return argv[++i];
        };
        if (arg == "--patients") {
            patients = std::stoull(value());
        } else if (arg == "--seed") {
            seed = std::stoull(value());
        } else if (arg == "--out-dir") {
            out_dir = value();
        } else if (arg == "--formats") {
            formats = value();
        } else if (arg == "--malformed-per-100k") {
            malformed_per_100k = std::stoull(value());
        } else {
            std::cerr << "usage: medcheck-gen --patients N [--seed S] [--out-dir DIR] [--formats "
                         "csv,ndjson,bundle] "
                         "[--malformed-per-100k K]\n";
            return arg == "--help" ? 0 : 64;
        }
    }
    std::filesystem::create_directories(out_dir);
    const bool csv = formats.find("csv") != std::string::npos;
    const bool ndjson = formats.find("ndjson") != std::string::npos;
    const bool bundle = formats.find("bundle") != std::string::npos;
    std::ofstream csv_out;
    std::ofstream ndjson_out;
    std::ofstream bundle_out;
    if (csv) {
        csv_out.open(out_dir / "export.csv", std::ios::binary);
        write_csv_header(csv_out);
    }
    if (ndjson) {
        ndjson_out.open(out_dir / "export.ndjson", std::ios::binary);
    }
    if (bundle) {
        bundle_out.open(out_dir / "export.bundle.json", std::ios::binary);
        bundle_out << "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[";
    }
    Random random(seed);
    std::size_t rx = 0;
    std::size_t csv_rows = 0;
    std::size_t requests = 0;
    bool first_entry = true;
    auto entry = [&](const std::string& resource) {
        bundle_out << (first_entry ? "\n" : ",\n") << "{\"resource\":" << resource << "}";
        first_entry = false;
    };
    // Rows of a patient are not adjacent: patients are written in interleaved pairs.
    std::vector<Patient> window;
    auto flush = [&] {
        std::size_t longest = 0;
        for (const auto& p : window) {
            longest = std::max(longest, p.orders.size());
            if (ndjson) {
                ndjson_out << patient_json(p) << '\n';
                std::size_t n = 0;
                for (const auto* c : p.conditions) {
                    ndjson_out << condition_json(p, *c, ++n) << '\n';
                }
                ndjson_out << observation_json(p, true) << '\n' << observation_json(p, false) << '\n';
            }
            if (bundle) {
                entry(patient_json(p));
                std::size_t n = 0;
                for (const auto* c : p.conditions) {
                    entry(condition_json(p, *c, ++n));
                }
                entry(observation_json(p, true));
                entry(observation_json(p, false));
            }
        }
        for (std::size_t i = 0; i < longest; ++i) {
            for (const auto& p : window) {
                if (i >= p.orders.size()) {
                    continue;
                }
                const Order& o = p.orders[i];
                ++rx;
                const bool malformed = random.below(100000) < malformed_per_100k;
                if (csv && !o.stopped) {
                    write_csv_row(csv_out, p, o, rx, malformed);
                    ++csv_rows;
                }
                if (ndjson) {
                    ndjson_out << medication_request_json(p, o, rx, malformed) << '\n';
                }
                if (bundle) {
                    entry(medication_request_json(p, o, rx, false));
                }
                ++requests;
            }
        }
        window.clear();
    };
    for (std::size_t i = 0; i < patients; ++i) {
        window.push_back(make_patient(random, i));
        if (window.size() == 2) {
            flush();
        }
    }
    flush();
    if (bundle) {
        bundle_out << "\n]}\n";
    }
    std::cerr << "medcheck-gen: " << patients << " patients, " << csv_rows << " CSV rows, " << requests
              << " MedicationRequests in " << out_dir.string() << '\n';
    return 0;
}
