#pragma once

#include <string_view>

namespace medcheck::util {

// The program's allocator: "mimalloc" when the medcheck program is linked with it (CMake option
// MEDCHECK_MIMALLOC), else "system" (tests, the Python module, sanitizer builds).
std::string_view allocator_name();

// Hands memory freed so far back to the system at once, where the allocator keeps it resident for a
// while to reuse (mimalloc's decommit delay). A batch calls it once, between reading and checking:
// what reading freed (the patient index, read buffers, per-thread memos) would otherwise stay resident
// under the checking threads' new allocations, ~10 MB at the peak of a 1M-row batch. Only while no
// other thread allocates: the delay is a plain option, not made for changing under running threads.
void return_freed_memory();

} // namespace medcheck::util
