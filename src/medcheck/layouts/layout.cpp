#include <medcheck/layouts/layout.hpp>

#include <medcheck/layouts/readers.hpp>
#include <medcheck/util/error.hpp>

namespace medcheck::layouts {

std::optional<Layout> parse_layout(std::string_view text) {
    if (text == "mimic-iv" || text == "mimic") {
        return Layout::mimic_iv;
    }
    if (text == "omop") {
        return Layout::omop;
    }
    if (text == "claims") {
        return Layout::claims;
    }
    return std::nullopt;
}

std::vector<TableInput> read_layout(Layout layout, const std::string& path, const LayoutOptions& options,
                                    batch::Ingest& ingest) {
    ExportReader reader(ingest);
    switch (layout) {
    case Layout::mimic_iv:
        read_mimic(path, reader);
        break;
    case Layout::omop:
        read_omop(path, reader);
        break;
    case Layout::claims:
        if (options.ndc_map.empty()) {
            throw util::Error(util::ErrorKind::usage, "--layout claims needs --ndc-map FILE");
        }
        read_claims(path, options.ndc_map, reader);
        break;
    }
    return reader.take_inputs();
}

} // namespace medcheck::layouts
