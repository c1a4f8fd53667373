// Writes the large hostile inputs at test time (they are too big to keep in the repository), and two
// unusable rule databases made from the embedded one:
//   make_hostile OUT_DIR BUNDLE_ENTRIES INTERRUPT_PATIENTS
// Every input file mixes the hostile record with well-formed ones, so a test can tell that the bad
// record was rejected by name and that nothing around it was lost.
#include <medcheck/db/embedded.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr std::size_t k_big_field_bytes = 10U << 20U; // 10 MiB: ten times every record limit
constexpr std::size_t k_many = 100000;                // columns, fields
constexpr std::size_t k_deep = 10000;                 // JSON nesting levels
constexpr std::size_t k_orders = 10000;               // orders of one patient

const char* const k_header =
    "patient_id,prescription_id,age,weight_kg,sex,crcl_ml_min,serum_creatinine_mg_dl,hepatic,"
    "conditions,tried,drug,dose,unit,route,frequency,duration_days,prn,max_doses_per_day,"
    "continuing\n";

std::string csv_row(const std::string& patient, const std::string& drug) {
    return patient + ",RX-" + patient + ",72,60,female,45,,none,,nonpharmacologic," + drug +
           ",10,mg,oral,tid,14,false,,false\n";
}

const char* const k_patient =
    R"({"resourceType":"Patient","id":"F1","birthDate":"1950-06-15","gender":"female"})";

std::string medication_request(const std::string& id, const std::string& patient, const std::string& drug,
                               const std::string& extra = "") {
    return R"({"resourceType":"MedicationRequest","id":")" + id + R"(","status":"active",)" + extra +
           R"("subject":{"reference":"Patient/)" + patient +
           R"("},"authoredOn":"2024-03-01","medicationCodeableConcept":{"text":")" + drug +
           R"("},"dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":10,"unit":"mg","code":"mg"}}],)"
           R"("timing":{"code":{"coding":[{"code":"TID"}]}}}]})";
}

std::string nested(std::size_t levels) {
    return std::string(levels, '[') + "1" + std::string(levels, ']');
}

void write(const std::string& dir, const std::string& name, const std::string& text) {
    std::ofstream out(dir + "/" + name, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
        std::cerr << "make_hostile: cannot write " << dir << "/" << name << '\n';
        std::exit(1);
    }
}

std::string bundle(const std::string& entries) {
    return R"({"resourceType":"Bundle","type":"collection","entry":[)" + entries + "]}";
}

std::string entry(const std::string& resource) {
    return R"({"resource":)" + resource + "}";
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: make_hostile OUT_DIR BUNDLE_ENTRIES INTERRUPT_PATIENTS\n";
        return 64;
    }
    const std::string dir = argv[1];
    const std::size_t bundle_entries = std::strtoull(argv[2], nullptr, 10);
    const std::size_t interrupt_patients = std::strtoull(argv[3], nullptr, 10);
    const std::string big(k_big_field_bytes, 'x');

    // A 10 MiB field, unquoted and quoted, and a 100 KiB field (under the record limit, over the field
    // limit), between good rows.
    write(dir, "big-field.csv",
          k_header + csv_row("P1", "cyclobenzaprine") + csv_row("P2", big) +
              csv_row("P3", "\"" + big + "\"") + csv_row("P4", std::string(100U << 10U, 'y')) +
              csv_row("P5", "cyclobenzaprine"));
    write(dir, "big-field.ndjson",
          std::string(k_patient) + "\n" + medication_request("m1", "F1", big) + "\n" +
              medication_request("m2", "F1", "cyclobenzaprine") + "\n");
    write(dir, "big-field.bundle.json",
          bundle(entry(k_patient) + "," + entry(medication_request("m1", "F1", big)) + "," +
                 entry(medication_request("m2", "F1", "cyclobenzaprine"))));

    // 100k columns in the header; 100k fields in one row under a good header.
    std::string wide = "patient_id,drug";
    for (std::size_t i = 0; i < k_many; ++i) {
        wide += ",c" + std::to_string(i);
    }
    write(dir, "many-columns.csv", wide + "\nP1,ibuprofen\nP2,naproxen\n");
    write(dir, "many-fields-row.csv",
          k_header + csv_row("P1", "cyclobenzaprine") + "P2" + std::string(k_many, ',') + "\n" +
              csv_row("P3", "cyclobenzaprine"));

    // 10k levels of JSON nesting: in a case, in an NDJSON resource, in a Bundle.
    write(dir, "deep.case.json",
          R"({"patient":{"age":72,"conditions":)" + nested(k_deep) +
              R"(},"medications":[{"drug":"ibuprofen","dose":400,"unit":"mg","frequency":"q6h"}]})");
    write(dir, "deep.ndjson",
          std::string(k_patient) + "\n" +
              medication_request("m1", "F1", "cyclobenzaprine", R"("extension":)" + nested(k_deep) + ",") +
              "\n" + medication_request("m2", "F1", "cyclobenzaprine") + "\n");
    write(dir, "deep.bundle.json",
          bundle(entry(k_patient) + "," +
                 entry(medication_request("m1", "F1", "cyclobenzaprine",
                                          R"("extension":)" + nested(k_deep) + ","))));

    // One patient with 10k orders.
    std::string orders = k_header;
    for (std::size_t i = 0; i < k_orders; ++i) {
        orders += csv_row("P1", i % 2 == 0 ? "ibuprofen" : "naproxen");
    }
    write(dir, "many-orders.csv", orders);

    // Patients of one order each: enough that a signal lands while findings are being written.
    std::string patients = k_header;
    for (std::size_t i = 0; i < interrupt_patients; ++i) {
        patients += csv_row("P" + std::to_string(i), "cyclobenzaprine");
    }
    write(dir, "interrupt.csv", patients);

    // A small input that a test also names as the output (it must be refused, never overwritten).
    write(dir, "stdin-is-out.csv", k_header + csv_row("P1", "ibuprofen"));

    // Rule databases: the embedded image cut to a third, and a whole one claiming a newer schema.
    const auto image = medcheck::db::embedded_image();
    const std::string image_text(reinterpret_cast<const char*>(image.data()), image.size());
    write(dir, "truncated.db", image_text.substr(0, image_text.size() / 3));
    write(dir, "newer-schema.db", image_text);
    {
        SQLite::Database database(dir + "/newer-schema.db", SQLite::OPEN_READWRITE);
        database.exec("UPDATE meta SET value = '999' WHERE key = 'schema_version'");
    }

    // A Bundle of `bundle_entries` entries: a Patient, a MedicationRequest and an Observation of no
    // use to medcheck per patient (so three records per patient).
    {
        std::ofstream out(dir + "/huge.bundle.json", std::ios::binary | std::ios::trunc);
        out << R"({"resourceType":"Bundle","type":"collection","entry":[)";
        for (std::size_t i = 0; i < bundle_entries; ++i) {
            const std::string patient = "p" + std::to_string(i / 3);
            out << (i == 0 ? "" : ",");
            switch (i % 3) {
            case 0:
                out << R"({"resource":{"resourceType":"Patient","id":")" << patient
                    << R"(","birthDate":"1950-01-01","gender":"female"}})";
                break;
            case 1:
                out << entry(medication_request("m" + std::to_string(i), patient,
                                                i % 2 == 0 ? "cyclobenzaprine" : "ibuprofen"));
                break;
            default:
                out << R"({"resource":{"resourceType":"Observation","id":"o)" << i
                    << R"(","status":"final","subject":{"reference":"Patient/)" << patient
                    << R"("},"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]}}})";
                break;
            }
        }
        out << "]}";
        if (!out.flush()) {
            std::cerr << "make_hostile: cannot write the Bundle\n";
            return 1;
        }
    }
    return 0;
}
