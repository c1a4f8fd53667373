// medcheck-gen: deterministic synthetic prescription exports (CSV, FHIR NDJSON, FHIR Bundle) for tests
// and benchmarks. Same arguments, same bytes: a fixed PRNG (splitmix64), no clock, no locale.
//
// usage: medcheck-gen --patients N [--seed S] [--out-dir DIR] [--formats csv,ndjson,bundle,mimic]
// [--malformed-per-100k K] [--profile adjacent|scattered]
// `scattered` is shaped like real exports: about 2.4 orders per patient, every order an in-scope
// (catalogue) analgesic-class drug, and each MedicationRequest / CSV row at a random place in the file, so
// a patient's rows are far apart. `adjacent` (default): a patient's rows close together, three quarters
// of them out-of-catalogue drugs.
// `mimic` writes DIR/mimic-iv/ in the MIMIC-IV hosp layout (about 40 orders per patient over a stay).
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

Patient make_patient(Random& random, std::size_t index, bool scattered) {
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
    // Adjacent: about 4.5 orders per patient, about one in four in the catalogue. Scattered: about 2.4,
    // all in the catalogue.
    const std::size_t count =
        scattered ? 1 + random.below(3) + (random.chance(40) ? 1 : 0) : 1 + random.below(8);
    for (std::size_t i = 0; i < count; ++i) {
        Order order;
        const bool in_scope = scattered || random.chance(24);
        order.regimen = in_scope ? &k_in_scope[random.below(k_in_scope.size())]
                                 : &k_out_of_scope[random.below(k_out_of_scope.size())];
        order.dose = order.regimen->dose * (random.chance(10) ? 2 : 1);
        order.stopped = random.chance(15) && !scattered; // scattered: every order is a CSV row
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

// MIMIC-IV-shaped export: drug names, routes and frequency codes as MIMIC writes them.
struct MimicDrug {
    const char* drug;
    const char* strength;
    const char* dose;
    const char* unit;
    const char* route;
    const char* frequency;
};
const std::array<MimicDrug, 20> k_mimic_drugs{{
    {"Acetaminophen", "500mg Tablet", "1000", "mg", "PO/NG", "Q6H"},
    {"Acetaminophen", "325mg Tablet", "650", "mg", "PO", "Q4H:PRN"},
    {"Acetaminophen IV", "1000mg/100mL Bag", "1000", "mg", "IV", "Q6H:PRN"},
    {"OxyCODONE (Immediate Release)", "5mg Tablet", "5-10", "mg", "PO/NG", "Q4H:PRN"},
    {"HYDROmorphone (Dilaudid)", "2mg Tablet", "2", "mg", "PO", "Q4H:PRN"},
    {"Ibuprofen", "400mg Tablet", "400", "mg", "PO", "Q8H:PRN"},
    {"Gabapentin", "300mg Capsule", "300", "mg", "PO/NG", "TID"},
    {"TraMADol", "50mg Tablet", "50", "mg", "PO", "Q6H:PRN"},
    {"Lorazepam", "1mg Tablet", "0.5", "mg", "PO", "ONCE MR1"},
    {"Insulin", "100 Units / mL - 10 mL Vial", "0", "UNIT", "SC", "ASDIR"},
    {"Heparin", "5000 Units / mL- 1mL Vial", "5000", "UNIT", "SC", "Q8H"},
    {"Potassium Chloride", "20mEq Tablet", "40", "mEq", "PO", "ONCE"},
    {"Sodium Chloride 0.9%  Flush", "10 mL Syringe", "3", "mL", "IV", "Q8H"},
    {"Docusate Sodium", "100mg Capsule", "100", "mg", "PO", "BID"},
    {"Senna", "8.6mg Tablet", "8.6", "mg", "PO", "BID:PRN"},
    {"Pantoprazole", "40mg Tablet", "40", "mg", "PO", "Q24H"},
    {"Ondansetron", "2mg/mL-2mL", "4", "mg", "IV", "Q8H:PRN"},
    {"Metoprolol Tartrate", "25mg Tablet", "25", "mg", "PO", "BID"},
    {"Furosemide", "10mg/mL-4mL", "20", "mg", "IV", "ONCE"},
    {"Magnesium Sulfate", "2 g / 50 mL Premix Bag", "2", "g", "IV", "ONCE"},
}};

// "2150-01-01 08:00:00" plus `hours`.
std::string mimic_time(int year, long hours) {
    static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long day = hours / 24;
    int month = 0;
    while (day >= k_days[static_cast<std::size_t>(month)]) {
        day -= k_days[static_cast<std::size_t>(month)];
        month = (month + 1) % 12;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02ld:00:00", year, month + 1, static_cast<int>(day) + 1,
                  hours % 24);
    return text;
}

// Writes DIR/mimic-iv/{patients,pharmacy,prescriptions,labevents,omr,diagnoses_icd}.csv; returns the
// number of prescription rows.
std::size_t write_mimic(const std::filesystem::path& dir, std::size_t patients, std::uint64_t seed) {
    std::filesystem::create_directories(dir);
    std::ofstream pat(dir / "patients.csv", std::ios::binary);
    std::ofstream pharmacy(dir / "pharmacy.csv", std::ios::binary);
    std::ofstream rx(dir / "prescriptions.csv", std::ios::binary);
    std::ofstream labs(dir / "labevents.csv", std::ios::binary);
    std::ofstream omr(dir / "omr.csv", std::ios::binary);
    std::ofstream dx(dir / "diagnoses_icd.csv", std::ios::binary);
    pat << "subject_id,gender,anchor_age,anchor_year,anchor_year_group,dod\n";
    pharmacy
        << "subject_id,hadm_id,pharmacy_id,poe_id,starttime,stoptime,medication,proc_type,status,"
           "entertime,verifiedtime,route,frequency,disp_sched,infusion_type,sliding_scale,lockout_interval,"
           "basal_rate,one_hr_max,doses_per_24_hrs,duration,duration_interval,expiration_value,"
           "expiration_unit,expirationdate,dispensation,fill_quantity\n";
    rx << "subject_id,hadm_id,pharmacy_id,poe_id,poe_seq,order_provider_id,starttime,stoptime,drug_type,drug,"
          "formulary_drug_cd,gsn,ndc,prod_strength,form_rx,dose_val_rx,dose_unit_rx,form_val_disp,form_unit_"
          "disp,"
          "doses_per_24_hrs,route\n";
    labs << "labevent_id,subject_id,hadm_id,specimen_id,itemid,order_provider_id,charttime,storetime,value,"
            "valuenum,valueuom,ref_range_lower,ref_range_upper,flag,priority,comments\n";
    omr << "subject_id,chartdate,seq_num,result_name,result_value\n";
    dx << "subject_id,hadm_id,seq_num,icd_code,icd_version\n";
    static constexpr std::array<const char*, 8> k_icd9{"4019",  "4280", "25000", "2724",
                                                       "V5861", "5849", "42731", "3051"};
    static constexpr std::array<const char*, 8> k_icd10{"I10",   "I5022", "E119",  "E785",
                                                        "Z7901", "N179",  "I4891", "F17210"};
    Random random(seed);
    std::size_t orders = 0;
    std::size_t lab_id = 0;
    for (std::size_t p = 0; p < patients; ++p) {
        const std::size_t subject = 10000000 + p;
        const std::size_t hadm = 20000000 + p;
        const int year = 2110 + static_cast<int>(random.below(80));
        const int age = 20 + static_cast<int>(random.below(71));
        pat << subject << ',' << (random.chance(50) ? 'F' : 'M') << ',' << age << ',' << year
            << ",2011 - 2013,\n";
        omr << subject << ',' << mimic_time(year, 0).substr(0, 10) << ",1,Weight (Lbs),"
            << 110 + random.below(150) << '\n';
        for (int l = 0; l < 3; ++l) {
            const std::string at = mimic_time(year, 6 + 72L * l);
            labs << ++lab_id << ',' << subject << ',' << hadm << ",1,50912,," << at << ',' << at << ",,"
                 << number(0.5 + static_cast<double>(random.below(25)) / 10.0)
                 << ",mg/dL,0.5,1.2,,ROUTINE,\n";
            labs << ++lab_id << ',' << subject << ',' << hadm << ",1,50971,," << at << ',' << at
                 << ",,4.1,mEq/L,3.3,5.1,,ROUTINE,\n";
        }
        const bool icd9 = year < 2150;
        for (int d = 0; d < 5; ++d) {
            dx << subject << ',' << hadm << ',' << d + 1 << ','
               << (icd9 ? k_icd9[random.below(k_icd9.size())] : k_icd10[random.below(k_icd10.size())]) << ','
               << (icd9 ? 9 : 10) << '\n';
        }
        const std::size_t count = 1 + random.below(80);
        for (std::size_t o = 0; o < count; ++o) {
            const MimicDrug& drug = k_mimic_drugs[random.below(k_mimic_drugs.size())];
            const long start = 8 + static_cast<long>(random.below(240));
            const long stop = start + 1 + static_cast<long>(random.below(72));
            const std::size_t pharmacy_id = 30000000 + ++orders;
            pharmacy << subject << ',' << hadm << ',' << pharmacy_id << ',' << subject << '-' << o + 1 << ','
                     << mimic_time(year, start) << ',' << mimic_time(year, stop) << ',' << drug.drug
                     << ",Unit Dose,Active,,," << drug.route << ',' << drug.frequency
                     << ",,,,,,,,,Ongoing,,,,,\n";
            rx << subject << ',' << hadm << ',' << pharmacy_id << ',' << subject << '-' << o + 1 << ','
               << o + 1 << ",," << mimic_time(year, start) << ',' << mimic_time(year, stop) << ",MAIN,\""
               << drug.drug << "\",X,,,\"" << drug.strength << "\",,\"" << drug.dose << "\"," << drug.unit
               << ",1,TAB,," << drug.route << '\n';
        }
    }
    return orders;
}

} // namespace

int main(int argc, char** argv) {
    std::size_t patients = 100;
    std::uint64_t seed = 42;
    std::filesystem::path out_dir = ".";
    std::string formats = "csv,ndjson,bundle";
    std::size_t malformed_per_100k = 10;
    bool scattered = false;
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
        } else if (arg == "--profile") {
            const std::string profile = value();
            if (profile != "adjacent" && profile != "scattered") {
                std::cerr << "medcheck-gen: --profile is adjacent or scattered\n";
                return 64;
            }
            scattered = profile == "scattered";
        } else {
            std::cerr << "usage: medcheck-gen --patients N [--seed S] [--out-dir DIR] [--formats "
                         "csv,ndjson,bundle,mimic] "
                         "[--malformed-per-100k K] [--profile adjacent|scattered]\n";
            return arg == "--help" ? 0 : 64;
        }
    }
    std::filesystem::create_directories(out_dir);
    if (formats.find("mimic") != std::string::npos) {
        const std::size_t orders = write_mimic(out_dir / "mimic-iv", patients, seed);
        std::cerr << "medcheck-gen: " << patients << " patients, " << orders << " MIMIC-IV prescriptions in "
                  << (out_dir / "mimic-iv").string() << '\n';
        if (formats == "mimic") {
            return 0;
        }
    }
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
    // Rows of a patient are not adjacent: patients are written in interleaved pairs (adjacent profile)
    // or each order at a random place (scattered profile).
    std::vector<Patient> window;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> scattered_orders;
    auto write_order = [&](const Patient& p, const Order& o) {
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
    };
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
        for (const auto& [patient, order] : scattered_orders) {
            write_order(window[patient], window[patient].orders[order]);
        }
        for (std::size_t i = 0; i < longest && scattered_orders.empty(); ++i) {
            for (const auto& p : window) {
                if (i < p.orders.size()) {
                    write_order(p, p.orders[i]);
                }
            }
        }
        window.clear();
    };
    if (scattered) {
        // Patient resources first, then every order at a random place (Fisher-Yates over all orders).
        std::vector<Patient> all;
        all.reserve(patients);
        std::vector<std::pair<std::uint32_t, std::uint32_t>> orders; // patient, order
        for (std::size_t i = 0; i < patients; ++i) {
            all.push_back(make_patient(random, i, true));
            for (std::size_t o = 0; o < all.back().orders.size(); ++o) {
                orders.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(o));
            }
        }
        for (std::size_t i = orders.size(); i > 1; --i) {
            std::swap(orders[i - 1], orders[random.below(i)]);
        }
        window = std::move(all);
        scattered_orders = std::move(orders);
    } else {
        for (std::size_t i = 0; i < patients; ++i) {
            window.push_back(make_patient(random, i, false));
            if (window.size() == 2) {
                flush();
            }
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
