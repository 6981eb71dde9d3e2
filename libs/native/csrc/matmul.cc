#include <dnnl.h>

#include <algorithm>

#include "kernels.h"
#include "parallel.h"

namespace ssl_native {
namespace {

// Products with fewer multiply-adds than this run on one thread.
constexpr double kParallelWork = 1 << 20;

}  // namespace

void matmul(const MatMulShape& s, const float* a, const float* b, const Epilogue& epilogue, float* out) {
  const int batches = std::max(s.batch_a, s.batch_b);
  const size_t a_size = static_cast<size_t>(s.m) * s.k, b_size = static_cast<size_t>(s.k) * s.n;
  const size_t out_size = static_cast<size_t>(s.m) * s.n;
  const ThreadLimit limit(static_cast<double>(batches) * s.m * s.n * s.k < kParallelWork ? 1 : thread_count());
  // One product uses oneDNN's own threads; several run side by side, one thread each (oneDNN
  // runs sequentially inside a parallel region).
  parallel_for(batches, [&](size_t matrix, int) {
    dnnl_sgemm(s.transpose_a ? 'T' : 'N', s.transpose_b ? 'T' : 'N', s.m, s.n, s.k, 1.0f,
               a + (matrix % s.batch_a) * a_size, s.transpose_a ? s.m : s.k,
               b + (matrix % s.batch_b) * b_size, s.transpose_b ? s.k : s.n, 0.0f,
               out + matrix * out_size, s.n);
  });
  if (epilogue.is_identity()) return;
  parallel_ranges(static_cast<size_t>(batches) * s.m, 256, [&](size_t begin, size_t end, int) {
    apply_epilogue(epilogue, out + begin * s.n, end - begin, 0, s.n, s.n);
  });
}

}  // namespace ssl_native
