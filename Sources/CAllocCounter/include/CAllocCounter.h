#pragma once
#include <stdint.h>
/// Number of malloc/calloc/realloc/posix_memalign calls in this process so far.
uint64_t kalm_allocation_count(void);
