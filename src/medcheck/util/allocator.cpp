#include <medcheck/util/allocator.hpp>

#if MEDCHECK_HAVE_MIMALLOC
#include <mimalloc.h>
// Weak: only the medcheck program links mimalloc; in the other users of this library (tests, the
// Python module) these are null and the system allocator is left alone.
#pragma weak mi_collect
#pragma weak mi_option_get
#pragma weak mi_option_set
#endif

namespace medcheck::util {

namespace {

bool have_mimalloc() {
#if MEDCHECK_HAVE_MIMALLOC
    return mi_collect != nullptr && mi_option_get != nullptr && mi_option_set != nullptr;
#else
    return false;
#endif
}

} // namespace

std::string_view allocator_name() {
    return have_mimalloc() ? "mimalloc" : "system";
}

void return_freed_memory() {
#if MEDCHECK_HAVE_MIMALLOC
    if (!have_mimalloc()) {
        return;
    }
    // A collection alone leaves freed pages to the delay (measured: peak RSS of a 1M-row batch higher,
    // not lower); with no delay it returns them.
    const long delay = mi_option_get(mi_option_decommit_delay);
    mi_option_set(mi_option_decommit_delay, 0);
    mi_collect(true);
    mi_option_set(mi_option_decommit_delay, delay);
#endif
}

} // namespace medcheck::util
