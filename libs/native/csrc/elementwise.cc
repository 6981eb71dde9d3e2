// Element-wise, broadcast and reduction kernels over dims collapsed to the fewest contiguous runs,
// with the innermost run as a vectorised loop.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels.h"
#include "parallel.h"
#include "scratch.h"
#include "simd.h"

namespace ssl_native {
namespace {

// Elements per task of a flat element-wise loop: large enough to amortise waking the pool.
constexpr size_t kElementsPerTask = 1 << 15;

template <BinaryOp op>
inline float apply(float a, float b) {
  if constexpr (op == BinaryOp::kAdd) return a + b;
  if constexpr (op == BinaryOp::kSub) return a - b;
  if constexpr (op == BinaryOp::kMul) return a * b;
  if constexpr (op == BinaryOp::kDiv) return a / b;
  if constexpr (op == BinaryOp::kSquaredDifference) return (a - b) * (a - b);
  if constexpr (op == BinaryOp::kReluGrad) return a * (b > 0.0f ? 1.0f : (b != b ? b : 0.0f));
  if constexpr (op == BinaryOp::kRelu6Grad) return a * (b != b ? b : (b > 0.0f && b <= 6.0f ? 1.0f : 0.0f));
  if constexpr (op == BinaryOp::kSquareGrad) return a * (b * 2.0f);
  if constexpr (op == BinaryOp::kSigmoidGrad) return a * (b * (1.0f - b));
  if constexpr (op == BinaryOp::kFirst) return a;
}

// The innermost run: a and b advance by 1 or stay put (stride 0, broadcast).
template <BinaryOp op>
inline void binary_run(const float* __restrict__ a, size_t a_step, const float* __restrict__ b,
                       size_t b_step, size_t n, float* __restrict__ out) {
  if (a_step == 1 && b_step == 1) {
    for (size_t i = 0; i < n; ++i) out[i] = apply<op>(a[i], b[i]);
  } else if (a_step == 1) {
    const float bv = b[0];
    for (size_t i = 0; i < n; ++i) out[i] = apply<op>(a[i], bv);
  } else if (b_step == 1) {
    const float av = a[0];
    for (size_t i = 0; i < n; ++i) out[i] = apply<op>(av, b[i]);
  } else {
    const float value = apply<op>(a[0], b[0]);
    for (size_t i = 0; i < n; ++i) out[i] = value;
  }
}

// `rows` consecutive runs of the two innermost dims, in one call so that short runs (a few
// channels) do not pay a call each.
template <BinaryOp op>
SSL_NATIVE_VECTORIZE void binary_rows(const float* __restrict__ a, size_t a_row, size_t a_step,
                                      const float* __restrict__ b, size_t b_row, size_t b_step, size_t rows,
                                      size_t n, float* __restrict__ out) {
  for (size_t r = 0; r < rows; ++r) binary_run<op>(a + r * a_row, a_step, b + r * b_row, b_step, n, out + r * n);
}

struct BroadcastPlan {
  std::vector<size_t> shape, a_stride, b_stride;  // outermost first; strides 0 where broadcast
};

BroadcastPlan plan_broadcast(const int* a_shape, const int* b_shape, const int* out_shape, int rank) {
  BroadcastPlan plan;
  size_t a_size = 1, b_size = 1;
  std::vector<size_t> shape, a_stride, b_stride;  // innermost first while building
  for (int d = rank - 1; d >= 0; --d) {
    const size_t size = out_shape[d];
    const size_t as = a_shape[d] == 1 ? 0 : a_size, bs = b_shape[d] == 1 ? 0 : b_size;
    a_size *= a_shape[d];
    b_size *= b_shape[d];
    if (size == 1) continue;
    // Merge with the inner dim when both operands continue the same way across it.
    if (!shape.empty() && as == a_stride.back() * shape.back() && bs == b_stride.back() * shape.back()) {
      shape.back() *= size;
    } else {
      shape.push_back(size);
      a_stride.push_back(as);
      b_stride.push_back(bs);
    }
  }
  if (shape.empty()) {
    shape.push_back(1);
    a_stride.push_back(0);
    b_stride.push_back(0);
  }
  plan.shape.assign(shape.rbegin(), shape.rend());
  plan.a_stride.assign(a_stride.rbegin(), a_stride.rend());
  plan.b_stride.assign(b_stride.rbegin(), b_stride.rend());
  return plan;
}

template <BinaryOp op>
void binary_typed(const float* a, const float* b, BroadcastPlan plan, float* out) {
  if (plan.shape.size() == 1) {  // one run: view it as a single row
    plan.shape.insert(plan.shape.begin(), 1);
    plan.a_stride.insert(plan.a_stride.begin(), 0);
    plan.b_stride.insert(plan.b_stride.begin(), 0);
  }
  const size_t rank = plan.shape.size();
  const size_t inner = plan.shape[rank - 1], row_dim = plan.shape[rank - 2];
  const size_t a_step = plan.a_stride[rank - 1], b_step = plan.b_stride[rank - 1];
  size_t rows = 1;
  for (size_t d = 0; d + 1 < rank; ++d) rows *= plan.shape[d];
  // Offsets of a row's first elements in a and b.
  const auto offsets = [&](size_t row, size_t& a_offset, size_t& b_offset) {
    a_offset = (row % row_dim) * plan.a_stride[rank - 2];
    b_offset = (row % row_dim) * plan.b_stride[rank - 2];
    size_t rest = row / row_dim;
    for (size_t d = rank - 2; d-- > 0;) {
      const size_t index = rest % plan.shape[d];
      rest /= plan.shape[d];
      a_offset += index * plan.a_stride[d];
      b_offset += index * plan.b_stride[d];
    }
  };
  // Tasks are ranges of output elements, not of rows: same-shape and scalar operands collapse
  // to one long row (and per-sample ones to a few), which must still spread over the threads.
  parallel_ranges(rows * inner, kElementsPerTask, [&](size_t begin, size_t end, int) {
    for (size_t at = begin; at < end;) {
      const size_t row = at / inner, column = at % inner;
      size_t a_offset, b_offset;
      offsets(row, a_offset, b_offset);
      if (column != 0 || end - at < inner) {  // part of a row
        const size_t count = std::min(inner - column, end - at);
        binary_rows<op>(a + a_offset + column * a_step, 0, a_step, b + b_offset + column * b_step, 0, b_step, 1,
                        count, out + at);
        at += count;
        continue;
      }
      // Whole rows that share their outer dims' indices: one binary_rows call.
      const size_t count = std::min((end - at) / inner, row_dim - row % row_dim);
      binary_rows<op>(a + a_offset, plan.a_stride[rank - 2], a_step, b + b_offset, plan.b_stride[rank - 2], b_step,
                      count, inner, out + at);
      at += count * inner;
    }
  });
}

// The sigmoid loop is compiled without trapping math: its clamps are comparisons that GCC
// otherwise will not turn into vector blends below AVX-512 (no value changes, only which
// floating-point exception flags could be raised, which nothing reads).
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")

// exp(x) in float without a libm call, so that a loop over it vectorises (glibc's expf does not,
// and the sigmoid of EfficientNet's swish and gates spent most of its time there). Cephes' expf:
// x = n ln2 + r with |r| <= ln2 / 2, a degree-5 polynomial for exp(r), and 2^n from the exponent
// bits; about 1 ulp. NaN stays NaN; the input is clamped to [-87.34, 88] (n in [-126, 127], a
// normal float's exponent): past those, exp is within a float's reach of 0 or of sigmoid's 1.
inline float vector_exp(float x) {
  x = x > 88.0f ? 88.0f : x;
  x = x < -87.3365478515625f ? -87.3365478515625f : x;
  // Round-to-nearest by the float-precision trick (no nearbyint call in the baseline clone).
  constexpr float kRound = 12582912.0f;  // 1.5 * 2^23
  float n = (x * 1.44269504088896341f + kRound) - kRound;
  n = n == n ? n : 0.0f;  // a NaN x: keep the int conversion below defined (r carries the NaN)
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  // 2^n from its biased exponent.
  const uint32_t bits = static_cast<uint32_t>(static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

SSL_NATIVE_VECTORIZE void sigmoid_run(const float* __restrict__ x, size_t n, float* __restrict__ out) {
  for (size_t i = 0; i < n; ++i) out[i] = 1.0f / (1.0f + vector_exp(-x[i]));
}
#pragma GCC pop_options

template <UnaryOp op>
SSL_NATIVE_VECTORIZE void unary_run(const float* __restrict__ x, size_t n, float alpha, float beta,
                                    float* __restrict__ out) {
  // Comparisons are written so that NaN propagates as in the cpu backend.
  for (size_t i = 0; i < n; ++i) {
    const float v = x[i];
    if constexpr (op == UnaryOp::kRelu) out[i] = v < 0.0f ? 0.0f : v;
    if constexpr (op == UnaryOp::kRelu6) out[i] = v < 0.0f ? 0.0f : (v > 6.0f ? 6.0f : v);
    if constexpr (op == UnaryOp::kStep) out[i] = v > 0.0f ? 1.0f : (v != v ? v : alpha);
    if constexpr (op == UnaryOp::kSquare) out[i] = v * v;
    if constexpr (op == UnaryOp::kNeg) out[i] = -v;
    if constexpr (op == UnaryOp::kClip) out[i] = v > beta ? beta : (v < alpha ? alpha : v);
    if constexpr (op == UnaryOp::kAbs) out[i] = std::fabs(v);
  }
}

template <UnaryOp op>
void unary_typed(const float* x, size_t size, float alpha, float beta, float* out) {
  parallel_ranges(size, kElementsPerTask, [&](size_t begin, size_t end, int) {
    if constexpr (op == UnaryOp::kSigmoid) {
      sigmoid_run(x + begin, end - begin, out + begin);
    } else {
      unary_run<op>(x + begin, end - begin, alpha, beta, out + begin);
    }
  });
}

// Dims collapsed into alternating runs of reduced and kept dims.
struct ReducePlan {
  std::vector<size_t> shape, x_stride, out_stride;
  std::vector<bool> reduced;
};

ReducePlan plan_reduce(const int* shape, const int* reduced, int rank) {
  std::vector<size_t> sizes;
  std::vector<bool> flags;
  for (int d = 0; d < rank; ++d) {
    if (shape[d] == 1) continue;
    if (!flags.empty() && flags.back() == (reduced[d] != 0)) {
      sizes.back() *= shape[d];
    } else {
      sizes.push_back(shape[d]);
      flags.push_back(reduced[d] != 0);
    }
  }
  if (sizes.empty()) {
    sizes.push_back(1);
    flags.push_back(false);
  }
  ReducePlan plan{sizes, std::vector<size_t>(sizes.size()), std::vector<size_t>(sizes.size()), flags};
  size_t x_size = 1, out_size = 1;
  for (size_t d = sizes.size(); d-- > 0;) {
    plan.x_stride[d] = x_size;
    plan.out_stride[d] = flags[d] ? 0 : out_size;
    x_size *= sizes[d];
    if (!flags[d]) out_size *= sizes[d];
  }
  return plan;
}

// The values a reduction sums: x[i], or x[i] * y[i] rounded to float as the Multiply kernel
// rounds it (kProduct), so that a fused multiply-and-sum gives the bits of Multiply then Sum.
template <bool kProduct>
struct Terms {
  const float* x;
  const float* y;  // kProduct only
  Terms at(size_t offset) const { return {x + offset, kProduct ? y + offset : nullptr}; }
};

template <bool kProduct>
SSL_NATIVE_VECTORIZE void accumulate_run(Terms<kProduct> t, size_t n, double* __restrict__ out) {
  const float* __restrict__ x = t.x;
  if constexpr (kProduct) {
    const float* __restrict__ y = t.y;
    // float * float, then widened: never contracted into the double add.
    for (size_t i = 0; i < n; ++i) out[i] += x[i] * y[i];
  } else {
    for (size_t i = 0; i < n; ++i) out[i] += x[i];
  }
}

// Sums `rows` rows of n values into out[0, n): in float over blocks of rows (vectorised, cheap),
// then into the double totals, which bounds the float rounding to one block.
template <bool kProduct>
SSL_NATIVE_VECTORIZE void accumulate_rows(Terms<kProduct> t, size_t rows, size_t n, double* __restrict__ out) {
  constexpr size_t kBlockRows = 64;
  thread_local std::vector<float> partial, products;
  partial.resize(n);
  if constexpr (kProduct) products.resize(n);
  for (size_t first = 0; first < rows; first += kBlockRows) {
    const size_t last = std::min(rows, first + kBlockRows);
    std::fill(partial.begin(), partial.end(), 0.0f);
    float* __restrict__ sums = partial.data();
    for (size_t r = first; r < last; ++r) {
      const float* __restrict__ x = t.x + r * n;
      if constexpr (kProduct) {
        // Through memory, in its own loop: a float product added in the same expression could
        // be contracted into an FMA, which rounds differently from Multiply's output.
        const float* __restrict__ y = t.y + r * n;
        float* __restrict__ row = products.data();
        for (size_t i = 0; i < n; ++i) row[i] = x[i] * y[i];
        for (size_t i = 0; i < n; ++i) sums[i] += row[i];
      } else {
        for (size_t i = 0; i < n; ++i) sums[i] += x[i];
      }
    }
    for (size_t i = 0; i < n; ++i) out[i] += sums[i];
  }
}

template <bool kProduct>
SSL_NATIVE_VECTORIZE double sum_run(Terms<kProduct> t, size_t n) {
  const float* x = t.x;
  double sum = 0.0;
  if constexpr (kProduct) {
    const float* y = t.y;
#pragma omp simd reduction(+ : sum)
    for (size_t i = 0; i < n; ++i) sum += x[i] * y[i];
  } else {
#pragma omp simd reduction(+ : sum)
    for (size_t i = 0; i < n; ++i) sum += x[i];
  }
  return sum;
}

// Adds indices [begin, end) of dim d (and everything inside them) into out.
template <bool kProduct>
void reduce_range(const ReducePlan& p, size_t d, size_t begin, size_t end, Terms<kProduct> t, double* out) {
  if (d + 1 == p.shape.size()) {
    if (p.reduced[d]) {
      out[0] += sum_run(t.at(begin), end - begin);
    } else {
      accumulate_run(t.at(begin), end - begin, out + begin);
    }
    return;
  }
  if (d + 2 == p.shape.size() && !p.reduced[d + 1]) {  // reduced rows of kept values
    accumulate_rows(t.at(begin * p.x_stride[d]), end - begin, p.shape[d + 1], out);
    return;
  }
  for (size_t i = begin; i < end; ++i) {
    reduce_range(p, d + 1, 0, p.shape[d + 1], t.at(i * p.x_stride[d]), out + i * p.out_stride[d]);
  }
}

template <bool kProduct>
void reduce_terms(Terms<kProduct> terms, const int* shape, const int* reduced, int rank, bool mean, float* out) {
  const ReducePlan plan = plan_reduce(shape, reduced, rank);
  size_t out_size = 1, count = 1;
  for (size_t d = 0; d < plan.shape.size(); ++d) (plan.reduced[d] ? count : out_size) *= plan.shape[d];
  const size_t inner = plan.x_stride[0];
  // Double accumulators keep long sums (a batch-norm channel over 100k pixels) exact enough.
  WorkerSums<double> sums(out_size);
  parallel_ranges(plan.shape[0], std::max<size_t>(1, kElementsPerTask / inner),
                  [&](size_t begin, size_t end, int worker) {
                    reduce_range(plan, 0, begin, end, terms, sums.of(worker));
                  });
  sums.reduce_into(out, mean ? 1.0 / static_cast<double>(count) : 1.0);
}

}  // namespace

#define SSL_NATIVE_DISPATCH_BINARY(name)                         \
  case BinaryOp::name:                                           \
    return binary_typed<BinaryOp::name>(a, b, plan, out);

void binary(BinaryOp op, const float* a, const int* a_shape, const float* b, const int* b_shape,
            const int* out_shape, int rank, float* out) {
  const BroadcastPlan plan = plan_broadcast(a_shape, b_shape, out_shape, rank);
  switch (op) {
    SSL_NATIVE_DISPATCH_BINARY(kAdd)
    SSL_NATIVE_DISPATCH_BINARY(kSub)
    SSL_NATIVE_DISPATCH_BINARY(kMul)
    SSL_NATIVE_DISPATCH_BINARY(kDiv)
    SSL_NATIVE_DISPATCH_BINARY(kSquaredDifference)
    SSL_NATIVE_DISPATCH_BINARY(kReluGrad)
    SSL_NATIVE_DISPATCH_BINARY(kRelu6Grad)
    SSL_NATIVE_DISPATCH_BINARY(kSquareGrad)
    SSL_NATIVE_DISPATCH_BINARY(kSigmoidGrad)
    SSL_NATIVE_DISPATCH_BINARY(kFirst)
  }
}

#define SSL_NATIVE_DISPATCH_UNARY(name) \
  case UnaryOp::name:                   \
    return unary_typed<UnaryOp::name>(x, size, alpha, beta, out);

void unary(UnaryOp op, const float* x, size_t size, float alpha, float beta, float* out) {
  switch (op) {
    SSL_NATIVE_DISPATCH_UNARY(kRelu)
    SSL_NATIVE_DISPATCH_UNARY(kRelu6)
    SSL_NATIVE_DISPATCH_UNARY(kStep)
    SSL_NATIVE_DISPATCH_UNARY(kSquare)
    SSL_NATIVE_DISPATCH_UNARY(kNeg)
    SSL_NATIVE_DISPATCH_UNARY(kClip)
    SSL_NATIVE_DISPATCH_UNARY(kAbs)
    SSL_NATIVE_DISPATCH_UNARY(kSigmoid)
  }
}

SSL_NATIVE_VECTORIZE static void clip_grad_run(const float* __restrict__ dy, const float* __restrict__ x,
                                               size_t n, float lo, float hi, float* __restrict__ out) {
  // A NaN x fails both comparisons: gradient 0, as tfjs's where() gives.
  for (size_t i = 0; i < n; ++i) out[i] = x[i] >= lo && x[i] <= hi ? dy[i] : 0.0f;
}

void clip_grad(const float* dy, const float* x, size_t size, float lo, float hi, float* out) {
  parallel_ranges(size, kElementsPerTask, [&](size_t begin, size_t end, int) {
    clip_grad_run(dy + begin, x + begin, end - begin, lo, hi, out + begin);
  });
}

void reduce_sum(const float* x, const int* shape, const int* reduced, int rank, bool mean, float* out) {
  reduce_terms(Terms<false>{x, nullptr}, shape, reduced, rank, mean, out);
}

void multiply_sum(const float* a, const float* b, const int* shape, const int* reduced, int rank, float* out) {
  reduce_terms(Terms<true>{a, b}, shape, reduced, rank, false, out);
}

void broadcast_to(const float* x, const int* x_shape, const int* out_shape, int rank, float* out) {
  binary_typed<BinaryOp::kFirst>(x, x, plan_broadcast(x_shape, x_shape, out_shape, rank), out);
}

SSL_NATIVE_VECTORIZE static void batch_norm_rows(const float* __restrict__ x, size_t rows,
                                                 size_t channels, const float* __restrict__ multiplier,
                                                 const float* __restrict__ shift, float* __restrict__ out) {
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < channels; ++c) out[r * channels + c] = x[r * channels + c] * multiplier[c] + shift[c];
  }
}

// Per channel: sums of dy and of dy * (x - mean) over rows [begin, end), added to sums[0, 2c).
SSL_NATIVE_VECTORIZE static void batch_norm_grad_sums(const float* __restrict__ x, const float* __restrict__ dy,
                                                      size_t rows, size_t channels, const float* __restrict__ mean,
                                                      double* __restrict__ sums) {
  double* sum_dy = sums;
  double* sum_dy_centered = sums + channels;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < channels; ++c) {
      const float g = dy[r * channels + c];
      sum_dy[c] += g;
      sum_dy_centered[c] += g * (x[r * channels + c] - mean[c]);
    }
  }
}

void batch_norm_grad(const float* x, const float* dy, size_t size, size_t channels, const float* mean,
                     const float* variance, const float* scale, float epsilon, const BatchNormGradients& out) {
  const size_t rows = size / channels;
  const size_t rows_per_task = std::max<size_t>(1, kElementsPerTask / channels);
  WorkerSums<double> sums(2 * channels);
  parallel_ranges(rows, rows_per_task, [&](size_t begin, size_t end, int worker) {
    batch_norm_grad_sums(x + begin * channels, dy + begin * channels, end - begin, channels, mean, sums.of(worker));
  });
  std::vector<float> totals(2 * channels), dx_multiplier(channels);
  sums.reduce_into(totals.data());
  for (size_t c = 0; c < channels; ++c) {
    // As tfjs: rsqrt = 1 / sqrt(variance + epsilon), with the scale (gamma) folded in where it applies.
    const double rsqrt = 1.0 / std::sqrt(static_cast<double>(variance[c]) + epsilon);
    const double gamma = scale[c];
    const double sum_dy = totals[c], sum_dy_centered = totals[channels + c];
    dx_multiplier[c] = static_cast<float>(rsqrt * gamma);
    out.d_mean[c] = static_cast<float>(-rsqrt * gamma * sum_dy);
    out.d_variance[c] = static_cast<float>(-0.5 * rsqrt * rsqrt * rsqrt * gamma * sum_dy_centered);
    out.d_scale[c] = static_cast<float>(rsqrt * sum_dy_centered);
    out.d_offset[c] = static_cast<float>(sum_dy);
  }
  const std::vector<float> no_shift(channels, 0.0f);
  parallel_ranges(rows, rows_per_task, [&](size_t begin, size_t end, int) {
    batch_norm_rows(dy + begin * channels, end - begin, channels, dx_multiplier.data(), no_shift.data(),
                    out.dx + begin * channels);
  });
}

SSL_NATIVE_VECTORIZE static void add_run(const float* const* inputs, size_t count, size_t begin, size_t end,
                                         float* __restrict__ out) {
  for (size_t i = begin; i < end; ++i) out[i] = inputs[0][i];
  for (size_t k = 1; k < count; ++k) {
    const float* __restrict__ input = inputs[k];
    for (size_t i = begin; i < end; ++i) out[i] += input[i];
  }
}

void add_n(const float* const* inputs, size_t count, size_t size, float* out) {
  parallel_ranges(size, kElementsPerTask, [&](size_t begin, size_t end, int) {
    // Blocks that stay in cache while every input is added in.
    for (size_t block = begin; block < end; block += 4096) add_run(inputs, count, block, std::min(end, block + 4096), out);
  });
}

void batch_norm(const float* x, size_t size, size_t channels, const BatchNormParams& p, float* out) {
  // Per channel: out = x * multiplier + shift, multiplier = scale / sqrt(variance + epsilon).
  std::vector<float> multiplier(channels), shift(channels);
  const auto at = [](const float* values, size_t values_size, size_t c, float absent) {
    return values_size == 0 ? absent : values[values_size == 1 ? 0 : c];
  };
  for (size_t c = 0; c < channels; ++c) {
    const double inv_std = 1.0 / std::sqrt(static_cast<double>(at(p.variance, p.variance_size, c, 1.0f)) + p.epsilon);
    const double m = at(p.scale, p.scale_size, c, 1.0f) * inv_std;
    multiplier[c] = static_cast<float>(m);
    shift[c] = static_cast<float>(at(p.offset, p.offset_size, c, 0.0f) - at(p.mean, p.mean_size, c, 0.0f) * m);
  }
  const size_t rows = size / channels;
  parallel_ranges(rows, std::max<size_t>(1, kElementsPerTask / channels), [&](size_t begin, size_t end, int) {
    batch_norm_rows(x + begin * channels, end - begin, channels, multiplier.data(), shift.data(),
                    out + begin * channels);
  });
}

}  // namespace ssl_native
