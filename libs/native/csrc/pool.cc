// Max and average pooling, forward and backward, as oneDNN primitives on NHWC activations
// (JIT-compiled, multi-threaded), except max pooling's gradient (max_pool_grad.cc). The cpu
// backend's JS MaxPoolGrad took 92% of a 224-px ResNet training step. Primitives are created
// once per geometry and cached, as the convolutions are.
#include <array>
#include <map>
#include <mutex>
#include <unordered_map>

#include "kernels.h"
#include "onednn.h"
#include "parallel.h"

namespace ssl_native {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;

// Pools with fewer window reads than this run on one thread.
constexpr double kParallelWork = 1 << 18;

struct PoolDescs {
  memory::desc src, dst;
  memory::dims strides, kernel, pad_l, pad_r;
};

PoolDescs pool_descs(const ConvGeometry& g) {
  const auto f32 = memory::data_type::f32;
  return {
      memory::desc({g.batch, g.in_c, g.in_h, g.in_w}, f32, Tag::nhwc),
      memory::desc({g.batch, g.in_c, g.out_h, g.out_w}, f32, Tag::nhwc),
      {g.stride_h, g.stride_w},
      {g.filter_h, g.filter_w},
      {g.pad_top, g.pad_left},
      {g.pad_bottom, g.pad_right},
  };
}

// tfjs averages over the window's pixels inside the input (padding excluded); max pooling never
// picks padding.
dnnl::algorithm algorithm_of(bool max) {
  return max ? dnnl::algorithm::pooling_max : dnnl::algorithm::pooling_avg_exclude_padding;
}

dnnl::pooling_forward::primitive_desc forward_desc(const ConvGeometry& g, bool max, dnnl::prop_kind kind) {
  const PoolDescs d = pool_descs(g);
  return {dnnl::pooling_forward::desc(kind, algorithm_of(max), d.src, d.dst, d.strides, d.kernel, d.pad_l, d.pad_r),
          cpu_engine()};
}

// The forward pass (inference) or, for average pooling's gradient, the backward primitive
// (max pooling's gradient is max_pool_backward's, which needs no argmax workspace).
struct PoolPrimitives {
  dnnl::primitive forward;
  dnnl::primitive backward;
};

PoolPrimitives create(const ConvGeometry& g, bool max, bool backward) {
  if (!backward) return {dnnl::pooling_forward(forward_desc(g, max, dnnl::prop_kind::forward_inference)), {}};
  const PoolDescs d = pool_descs(g);
  const auto hint = forward_desc(g, max, dnnl::prop_kind::forward_training);
  const dnnl::pooling_backward::primitive_desc backward_pd(
      dnnl::pooling_backward::desc(algorithm_of(max), d.src, d.dst, d.strides, d.kernel, d.pad_l, d.pad_r),
      cpu_engine(), hint);
  return {{}, dnnl::pooling_backward(backward_pd)};
}

const PoolPrimitives& cached(const ConvGeometry& g, bool max, bool backward) {
  using Key = std::array<int, ConvGeometry::kFieldCount + 3>;
  static std::mutex mutex;
  static std::map<Key, PoolPrimitives> cache;
  const Key key{max, backward, thread_count(), g.batch, g.in_h, g.in_w, g.in_c, g.out_h, g.out_w, g.out_c,
                g.filter_h, g.filter_w, g.stride_h, g.stride_w, g.dilation_h, g.dilation_w,
                g.pad_top, g.pad_left, g.pad_bottom, g.pad_right};
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(key);
  if (found == cache.end()) found = cache.emplace(key, create(g, max, backward)).first;
  return found->second;
}

int threads_for(const ConvGeometry& g) {
  const double work = static_cast<double>(g.output_size()) * g.taps();
  return work < kParallelWork ? 1 : thread_count();
}

}  // namespace

void pool2d(const ConvGeometry& g, bool max, const float* x, float* out) {
  const ThreadLimit limit(threads_for(g));
  const PoolPrimitives& p = cached(g, max, false);
  const PoolDescs d = pool_descs(g);
  dnnl::stream& stream = cpu_stream();
  p.forward.execute(stream, {{DNNL_ARG_SRC, wrap(d.src, x)}, {DNNL_ARG_DST, wrap(d.dst, out)}});
  stream.wait();
}

void pool2d_backward(const ConvGeometry& g, bool max, const float* x, const float* dy, float* dx) {
  const ThreadLimit limit(threads_for(g));
  if (max) return max_pool_backward(g, x, dy, dx);
  const PoolPrimitives& p = cached(g, max, true);
  const PoolDescs d = pool_descs(g);
  dnnl::stream& stream = cpu_stream();
  p.backward.execute(stream, {{DNNL_ARG_DIFF_DST, wrap(d.dst, dy)}, {DNNL_ARG_DIFF_SRC, wrap(d.src, dx)}});
  stream.wait();
}

}  // namespace ssl_native
