#include <stddef.h>

/// Bytes of heap memory in use (glibc's mallinfo2().uordblks), for kit-bench.
size_t kit_heap_in_use(void);
