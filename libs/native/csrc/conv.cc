// Regular and depthwise convolutions (forward, backward data, backward weights) as oneDNN
// primitives on NHWC activations; oneDNN JIT-compiles direct-convolution kernels for the CPU
// (AVX-512 / AVX2), which are several times faster here than im2col + sgemm. Primitives are
// created once per geometry and cached.
#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "kernels.h"
#include "onednn.h"
#include "parallel.h"
#include "scratch.h"

namespace ssl_native {

dnnl::engine& cpu_engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpu_stream() {
  static dnnl::stream stream(cpu_engine());
  return stream;
}

namespace {

using dnnl::memory;
using Tag = memory::format_tag;

enum class Pass { kForward, kBackwardData, kBackwardWeights };

// Convolutions with fewer multiply-adds than this run on one thread.
constexpr double kParallelWork = 1 << 20;

struct ConvDescs {
  memory::desc src, dst, weights_user, weights_any;
  memory::dims strides, dilates, pad_l, pad_r;
};

ConvDescs conv_descs(const ConvGeometry& g, bool depthwise) {
  const auto f32 = memory::data_type::f32;
  ConvDescs d;
  d.src = memory::desc({g.batch, g.in_c, g.in_h, g.in_w}, f32, Tag::nhwc);
  d.dst = memory::desc({g.batch, g.out_c, g.out_h, g.out_w}, f32, Tag::nhwc);
  // tfjs filters: [h, w, in, out] and, depthwise, [h, w, channels, multiplier].
  const memory::dims weights = depthwise
      ? memory::dims{g.in_c, g.out_c / g.in_c, 1, g.filter_h, g.filter_w}
      : memory::dims{g.out_c, g.in_c, g.filter_h, g.filter_w};
  d.weights_user = memory::desc(weights, f32, depthwise ? Tag::hwigo : Tag::hwio);
  d.weights_any = memory::desc(weights, f32, Tag::any);
  d.strides = {g.stride_h, g.stride_w};
  d.dilates = {g.dilation_h - 1, g.dilation_w - 1};  // oneDNN counts the gaps
  d.pad_l = {g.pad_top, g.pad_left};
  d.pad_r = {g.pad_bottom, g.pad_right};
  return d;
}

// One pass of one geometry, ready to run: the primitive, and the reorder between the user's
// filter layout and the one the primitive chose (absent when they agree).
struct ConvPrimitive {
  dnnl::primitive primitive;
  memory::desc weights;
  std::optional<dnnl::reorder> weights_reorder;
};

ConvPrimitive create(const ConvGeometry& g, bool depthwise, Pass pass) {
  using namespace dnnl;
  const ConvDescs d = conv_descs(g, depthwise);
  const auto direct = algorithm::convolution_direct;
  const convolution_forward::primitive_desc forward(
      convolution_forward::desc(prop_kind::forward_training, direct, d.src, d.weights_any, d.dst,
                                d.strides, d.dilates, d.pad_l, d.pad_r),
      cpu_engine());
  ConvPrimitive result;
  if (pass == Pass::kForward) {
    result.primitive = convolution_forward(forward);
    result.weights = forward.weights_desc();
  } else if (pass == Pass::kBackwardData) {
    const convolution_backward_data::primitive_desc backward(
        convolution_backward_data::desc(direct, d.src, d.weights_any, d.dst, d.strides, d.dilates,
                                        d.pad_l, d.pad_r),
        cpu_engine(), forward);
    result.primitive = convolution_backward_data(backward);
    result.weights = backward.weights_desc();
  } else {
    const convolution_backward_weights::primitive_desc backward(
        convolution_backward_weights::desc(direct, d.src, d.weights_any, d.dst, d.strides,
                                           d.dilates, d.pad_l, d.pad_r),
        cpu_engine(), forward);
    result.primitive = convolution_backward_weights(backward);
    result.weights = backward.diff_weights_desc();
  }
  if (result.weights != d.weights_user) {
    const memory user(d.weights_user, cpu_engine(), DNNL_MEMORY_NONE);
    const memory chosen(result.weights, cpu_engine(), DNNL_MEMORY_NONE);
    result.weights_reorder = pass == Pass::kBackwardWeights ? reorder(chosen, user) : reorder(user, chosen);
  }
  return result;
}

const ConvPrimitive& cached(const ConvGeometry& g, bool depthwise, Pass pass) {
  using Key = std::array<int, ConvGeometry::kFieldCount + 3>;
  static std::mutex mutex;
  static std::map<Key, ConvPrimitive> cache;
  // Primitives are tuned for a thread count, so it is part of the key.
  const Key key{static_cast<int>(pass), depthwise, thread_count(), g.batch, g.in_h, g.in_w, g.in_c,
                g.out_h, g.out_w, g.out_c, g.filter_h, g.filter_w, g.stride_h, g.stride_w,
                g.dilation_h, g.dilation_w, g.pad_top, g.pad_left, g.pad_bottom, g.pad_right};
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(key);
  if (found == cache.end()) found = cache.emplace(key, create(g, depthwise, pass)).first;
  return found->second;
}

// Runs one pass. `weights` is the filter (or, backward weights, the filter gradient) in the
// user layout; `activations` gives the buffers of the pass's other oneDNN arguments.
void run(const ConvGeometry& g, bool depthwise, Pass pass, const float* weights,
         std::initializer_list<std::pair<int, const float*>> activations) {
  const double work = static_cast<double>(g.out_pixels()) * g.taps() * g.out_c * (depthwise ? 1 : g.in_c);
  const ThreadLimit limit(work < kParallelWork ? 1 : thread_count());
  const ConvPrimitive& p = cached(g, depthwise, pass);
  const ConvDescs d = conv_descs(g, depthwise);
  dnnl::stream& stream = cpu_stream();
  memory user_weights = wrap(d.weights_user, weights);
  memory weights_memory = p.weights_reorder
      ? wrap(p.weights, scratch(kScratchWeights, p.weights.get_size() / sizeof(float)))
      : user_weights;
  const int weights_arg = pass == Pass::kBackwardWeights ? DNNL_ARG_DIFF_WEIGHTS : DNNL_ARG_WEIGHTS;
  if (p.weights_reorder && pass != Pass::kBackwardWeights) {
    p.weights_reorder->execute(stream, user_weights, weights_memory);
  }
  std::unordered_map<int, memory> args{{weights_arg, weights_memory}};
  for (const auto& [arg, buffer] : activations) {
    const bool is_input_side = arg == DNNL_ARG_SRC || arg == DNNL_ARG_DIFF_SRC;
    args.emplace(arg, wrap(is_input_side ? d.src : d.dst, buffer));
  }
  p.primitive.execute(stream, args);
  if (p.weights_reorder && pass == Pass::kBackwardWeights) {
    p.weights_reorder->execute(stream, weights_memory, user_weights);
  }
  stream.wait();
}

void forward(const ConvGeometry& g, bool depthwise, const float* x, const float* filter,
             const Epilogue& epilogue, float* out) {
  run(g, depthwise, Pass::kForward, filter, {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, out}});
  if (epilogue.is_identity()) return;
  parallel_ranges(g.out_pixels(), 1024, [&](size_t begin, size_t end, int) {
    apply_epilogue(epilogue, out + begin * g.out_c, end - begin, 0, g.out_c, g.out_c);
  });
}

void backward_data(const ConvGeometry& g, bool depthwise, const float* dy, const float* filter, float* dx) {
  run(g, depthwise, Pass::kBackwardData, filter, {{DNNL_ARG_DIFF_DST, dy}, {DNNL_ARG_DIFF_SRC, dx}});
}

// oneDNN 2.6's jit_1x1 backward-weights kernels (AVX2 and AVX-512) reduce a strided 1x1
// convolution to unit stride by copying the sampled input pixels into a per-thread workspace
// ("rtus"). With NHWC input they address that workspace in steps of the SIMD channel block
// (8 / 16) while sizing it by the real channel count, so fewer input channels than the block
// write past it and corrupt the heap (uxlfoundation/oneDNN#6035): x [1,56,56,8] with a 1x1
// stride-2 filter crashed the process. We do that reduction here instead: gather the pixels the
// filter reads into a dense [batch, out_h, out_w, in_c] buffer (zeros where explicit padding is
// read) and take the stride-1 gradient over it, which oneDNN runs without the workspace.
bool needs_unit_stride_gather(const ConvGeometry& g, bool depthwise) {
  return !depthwise && g.filter_h == 1 && g.filter_w == 1 && (g.stride_h > 1 || g.stride_w > 1);
}

ConvGeometry unit_stride_geometry(const ConvGeometry& g) {
  ConvGeometry unit = g;
  unit.in_h = g.out_h;
  unit.in_w = g.out_w;
  unit.stride_h = unit.stride_w = unit.dilation_h = unit.dilation_w = 1;
  unit.pad_top = unit.pad_left = unit.pad_bottom = unit.pad_right = 0;
  return unit;
}

const float* gather_strided_pixels(const ConvGeometry& g, const float* x) {
  float* gathered = scratch(kScratchGather, g.out_pixels() * g.in_c);
  const size_t channels = g.in_c;
  parallel_ranges(g.out_pixels(), 256, [&](size_t begin, size_t end, int) {
    for (size_t pixel = begin; pixel < end; ++pixel) {
      const size_t ox = pixel % g.out_w;
      const size_t oy = (pixel / g.out_w) % g.out_h;
      const size_t b = pixel / (static_cast<size_t>(g.out_w) * g.out_h);
      const long iy = static_cast<long>(oy) * g.stride_h - g.pad_top;
      const long ix = static_cast<long>(ox) * g.stride_w - g.pad_left;
      float* to = gathered + pixel * channels;
      if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
        std::fill(to, to + channels, 0.0f);
      } else {
        const float* from = x + ((b * g.in_h + iy) * g.in_w + ix) * channels;
        std::copy(from, from + channels, to);
      }
    }
  });
  return gathered;
}

void backward_weights(const ConvGeometry& g, bool depthwise, const float* x, const float* dy, float* dfilter) {
  if (needs_unit_stride_gather(g, depthwise)) {
    const float* gathered = gather_strided_pixels(g, x);
    run(unit_stride_geometry(g), false, Pass::kBackwardWeights, dfilter, {{DNNL_ARG_SRC, gathered}, {DNNL_ARG_DIFF_DST, dy}});
    return;
  }
  run(g, depthwise, Pass::kBackwardWeights, dfilter, {{DNNL_ARG_SRC, x}, {DNNL_ARG_DIFF_DST, dy}});
}

}  // namespace

void conv2d(const ConvGeometry& g, const float* x, const float* filter, const Epilogue& epilogue, float* out) {
  forward(g, false, x, filter, epilogue, out);
}
void conv2d_backprop_input(const ConvGeometry& g, const float* dy, const float* filter, float* dx) {
  backward_data(g, false, dy, filter, dx);
}
void conv2d_backprop_filter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter) {
  backward_weights(g, false, x, dy, dfilter);
}
void depthwise_conv2d(const ConvGeometry& g, const float* x, const float* filter, const Epilogue& epilogue, float* out) {
  forward(g, true, x, filter, epilogue, out);
}
void depthwise_conv2d_backprop_input(const ConvGeometry& g, const float* dy, const float* filter, float* dx) {
  backward_data(g, true, dy, filter, dx);
}
void depthwise_conv2d_backprop_filter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter) {
  backward_weights(g, true, x, dy, dfilter);
}

}  // namespace ssl_native
