// (a + b) + c in one pass: a gradient accumulated twice in a row (tfjs adds each consumer's
// gradient into the running sum, a batch norm's input gets three) without writing out the sum
// in between. The two roundings are those of the two adds it replaces.
#include <cstddef>

#include "kernels.h"
#include "parallel.h"
#include "simd.h"

namespace ssl_native {
namespace {

constexpr size_t kElementsPerTask = 1 << 15;

SSL_NATIVE_VECTORIZE void add_chain_run(const float* __restrict__ a, const float* __restrict__ b,
                                        const float* __restrict__ c, size_t n, float* __restrict__ out) {
  for (size_t i = 0; i < n; ++i) out[i] = (a[i] + b[i]) + c[i];
}

// `rows` rows of `period` values, each adding all of c.
SSL_NATIVE_VECTORIZE void add_chain_rows(const float* __restrict__ a, const float* __restrict__ b,
                                         const float* __restrict__ c, size_t rows, size_t period,
                                         float* __restrict__ out) {
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < period; ++i) out[r * period + i] = (a[r * period + i] + b[r * period + i]) + c[i];
  }
}

}  // namespace

void add_chain(const float* a, const float* b, const float* c, size_t size, size_t period, float* out) {
  if (period == size) {
    parallel_ranges(size, kElementsPerTask, [&](size_t begin, size_t end, int) {
      add_chain_run(a + begin, b + begin, c + begin, end - begin, out + begin);
    });
    return;
  }
  parallel_ranges(size / period, period >= kElementsPerTask ? 1 : kElementsPerTask / period, [&](size_t first, size_t last, int) {
    const size_t at = first * period;
    add_chain_rows(a + at, b + at, c, last - first, period, out + at);
  });
}

}  // namespace ssl_native
