// N-API bindings: validate JS arguments (Float32Arrays owned by tfjs tensors, shapes as
// Int32Arrays) and call the kernels on the JS memory directly, without copies.
#include <malloc.h>
#include <node_api.h>

#include <dnnl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels.h"
#include "parallel.h"

namespace ssl_native {
namespace {

struct ArgumentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
struct Buffer {
  T* data = nullptr;
  size_t length = 0;
};
using Float32Buffer = Buffer<float>;

class CallArgs {
 public:
  CallArgs(napi_env env, napi_callback_info info, const char* function) : env_(env), function_(function) {
    size_t count = kMaxArgs;
    napi_get_cb_info(env, info, &count, values_, nullptr, nullptr);
    count_ = count < kMaxArgs ? count : kMaxArgs;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw ArgumentError(std::string(function_) + ": " + what);
  }

  napi_value at(size_t index, const char* name) const {
    if (index >= count_) fail(std::string("missing argument '") + name + "'");
    return values_[index];
  }

  bool is_null(size_t index) const {
    if (index >= count_) return true;
    napi_valuetype type;
    napi_typeof(env_, values_[index], &type);
    return type == napi_null || type == napi_undefined;
  }

  double number(size_t index, const char* name) const {
    double value;
    if (napi_get_value_double(env_, at(index, name), &value) != napi_ok) {
      fail(std::string("'") + name + "' must be a number");
    }
    return value;
  }

  Float32Buffer floats(size_t index, const char* name, size_t expected) const {
    return checked_length(floats(index, name), name, expected);
  }

  // nullptr when the argument is null/undefined; else one value or `channels` values.
  const float* optional_channel_values(size_t index, const char* name, size_t channels,
                                       size_t* size) const {
    *size = 0;
    if (is_null(index)) return nullptr;
    Float32Buffer buffer = floats(index, name);
    if (buffer.length != 1 && buffer.length != channels) {
      fail(std::string("'") + name + "' has " + std::to_string(buffer.length) +
           " values, expected 1 or " + std::to_string(channels) + " (one per channel)");
    }
    *size = buffer.length;
    return buffer.data;
  }

  Buffer<int32_t> shape(size_t index, const char* name) const {
    Buffer<int32_t> dims = typed<int32_t>(index, name, napi_int32_array, "Int32Array");
    for (size_t d = 0; d < dims.length; ++d) {
      if (dims.data[d] < 1) fail(std::string("'") + name + "' must hold positive sizes");
    }
    return dims;
  }

  Float32Buffer floats(size_t index, const char* name) const {
    return typed<float>(index, name, napi_float32_array, "Float32Array");
  }

  // A JS array of Float32Arrays, each `expected` values long.
  std::vector<const float*> float_list(size_t index, const char* name, size_t expected) const {
    napi_value list = at(index, name);
    bool is_array = false;
    uint32_t length = 0;
    napi_is_array(env_, list, &is_array);
    if (!is_array || napi_get_array_length(env_, list, &length) != napi_ok || length == 0) {
      fail(std::string("'") + name + "' must be a non-empty array of Float32Arrays");
    }
    std::vector<const float*> pointers(length);
    for (uint32_t i = 0; i < length; ++i) {
      napi_value element;
      napi_get_element(env_, list, i, &element);
      const std::string element_name = std::string(name) + "[" + std::to_string(i) + "]";
      pointers[i] = checked_length(typed_value<float>(element, element_name.c_str(), napi_float32_array, "Float32Array"),
                                   element_name.c_str(), expected).data;
    }
    return pointers;
  }

  const int32_t* ints(size_t index, const char* name, size_t expected) const {
    Buffer<int32_t> buffer = typed<int32_t>(index, name, napi_int32_array, "Int32Array");
    if (buffer.length != expected) {
      fail(std::string("'") + name + "' must hold " + std::to_string(expected) + " integers");
    }
    return buffer.data;
  }

  ConvGeometry geometry(size_t index) const {
    const int32_t* f = ints(index, "geometry", ConvGeometry::kFieldCount);
    ConvGeometry g{f[0], f[1], f[2],  f[3],  f[4],  f[5],  f[6],  f[7], f[8],
                   f[9], f[10], f[11], f[12], f[13], f[14], f[15], f[16]};
    const bool positive = g.batch > 0 && g.in_h > 0 && g.in_w > 0 && g.in_c > 0 && g.out_h > 0 &&
                          g.out_w > 0 && g.out_c > 0 && g.filter_h > 0 && g.filter_w > 0 &&
                          g.stride_h > 0 && g.stride_w > 0 && g.dilation_h > 0 && g.dilation_w > 0;
    if (!positive) fail("geometry sizes, strides and dilations must all be positive");
    return g;
  }

  // Arguments [index, index + 4): bias, activation code, leaky-relu alpha, prelu weights.
  Epilogue epilogue(size_t index, size_t channels) const {
    Epilogue e;
    e.bias = optional_channel_values(index, "bias", channels, &e.bias_size);
    const double activation = number(index + 1, "activation");
    if (activation < 0 || activation > static_cast<double>(Activation::kPrelu)) {
      fail("unknown activation code " + std::to_string(activation));
    }
    e.activation = static_cast<Activation>(static_cast<int>(activation));
    e.leaky_alpha = static_cast<float>(number(index + 2, "leakyAlpha"));
    e.prelu = optional_channel_values(index + 3, "preluWeights", channels, &e.prelu_size);
    if (e.activation == Activation::kPrelu && e.prelu == nullptr) fail("prelu needs 'preluWeights'");
    return e;
  }

 private:
  static constexpr size_t kMaxArgs = 12;

  template <typename T>
  Buffer<T> checked_length(Buffer<T> buffer, const char* name, size_t expected) const {
    if (buffer.length != expected) {
      fail(std::string("'") + name + "' has " + std::to_string(buffer.length) + " values, expected " +
           std::to_string(expected));
    }
    return buffer;
  }

  template <typename T>
  Buffer<T> typed(size_t index, const char* name, napi_typedarray_type wanted, const char* wanted_name) const {
    return typed_value<T>(at(index, name), name, wanted, wanted_name);
  }

  template <typename T>
  Buffer<T> typed_value(napi_value value, const char* name, napi_typedarray_type wanted,
                        const char* wanted_name) const {
    bool is_typed_array = false;
    napi_is_typedarray(env_, value, &is_typed_array);
    napi_typedarray_type type;
    size_t length = 0;
    void* data = nullptr;
    if (!is_typed_array ||
        napi_get_typedarray_info(env_, value, &type, &length, &data, nullptr, nullptr) != napi_ok ||
        type != wanted) {
      fail(std::string("'") + name + "' must be a " + wanted_name);
    }
    return {static_cast<T*>(data), length};
  }

  napi_env env_;
  const char* function_;
  napi_value values_[kMaxArgs];
  size_t count_ = 0;
};

using Body = void (*)(const CallArgs&);

template <Body body>
napi_value call(napi_env env, napi_callback_info info, const char* name) {
  try {
    body(CallArgs(env, info, name));
  } catch (const std::exception& error) {
    napi_throw_error(env, nullptr, error.what());
  }
  return nullptr;
}

void set_threads(const CallArgs& args) {
  const double threads = args.number(0, "threads");
  if (!(threads >= 1 && threads <= 1024)) args.fail("'threads' must be between 1 and 1024");
  set_thread_count(static_cast<int>(threads));
}

void conv2d_forward(const CallArgs& args) {
  const ConvGeometry g = args.geometry(2);
  const Float32Buffer x = args.floats(0, "x", g.input_size());
  const Float32Buffer filter = args.floats(1, "filter", g.patch_size() * g.out_c);
  const Float32Buffer out = args.floats(3, "out", g.output_size());
  conv2d(g, x.data, filter.data, args.epilogue(4, g.out_c), out.data);
}

void conv2d_input_gradient(const CallArgs& args) {
  const ConvGeometry g = args.geometry(2);
  const Float32Buffer dy = args.floats(0, "dy", g.output_size());
  const Float32Buffer filter = args.floats(1, "filter", g.patch_size() * g.out_c);
  const Float32Buffer dx = args.floats(3, "dx", g.input_size());
  conv2d_backprop_input(g, dy.data, filter.data, dx.data);
}

void conv2d_filter_gradient(const CallArgs& args) {
  const ConvGeometry g = args.geometry(2);
  const Float32Buffer x = args.floats(0, "x", g.input_size());
  const Float32Buffer dy = args.floats(1, "dy", g.output_size());
  const Float32Buffer dfilter = args.floats(3, "dfilter", g.patch_size() * g.out_c);
  conv2d_backprop_filter(g, x.data, dy.data, dfilter.data);
}

ConvGeometry depthwise_geometry(const CallArgs& args, size_t index) {
  const ConvGeometry g = args.geometry(index);
  if (g.out_c % g.in_c != 0) args.fail("depthwise out_c must be a multiple of in_c");
  return g;
}

void depthwise_forward(const CallArgs& args) {
  const ConvGeometry g = depthwise_geometry(args, 2);
  const Float32Buffer x = args.floats(0, "x", g.input_size());
  const Float32Buffer filter = args.floats(1, "filter", g.taps() * g.out_c);
  const Float32Buffer out = args.floats(3, "out", g.output_size());
  depthwise_conv2d(g, x.data, filter.data, args.epilogue(4, g.out_c), out.data);
}

void depthwise_input_gradient(const CallArgs& args) {
  const ConvGeometry g = depthwise_geometry(args, 2);
  const Float32Buffer dy = args.floats(0, "dy", g.output_size());
  const Float32Buffer filter = args.floats(1, "filter", g.taps() * g.out_c);
  const Float32Buffer dx = args.floats(3, "dx", g.input_size());
  depthwise_conv2d_backprop_input(g, dy.data, filter.data, dx.data);
}

void depthwise_filter_gradient(const CallArgs& args) {
  const ConvGeometry g = depthwise_geometry(args, 2);
  const Float32Buffer x = args.floats(0, "x", g.input_size());
  const Float32Buffer dy = args.floats(1, "dy", g.output_size());
  const Float32Buffer dfilter = args.floats(3, "dfilter", g.taps() * g.out_c);
  depthwise_conv2d_backprop_filter(g, x.data, dy.data, dfilter.data);
}

ConvGeometry pool_geometry(const CallArgs& args, size_t index) {
  const ConvGeometry g = args.geometry(index);
  if (g.out_c != g.in_c || g.dilation_h != 1 || g.dilation_w != 1) args.fail("pooling keeps the channels and has no dilation");
  return g;
}

template <bool kMax>
void pool_forward(const CallArgs& args) {
  const ConvGeometry g = pool_geometry(args, 1);
  const Float32Buffer x = args.floats(0, "x", g.input_size());
  const Float32Buffer out = args.floats(2, "out", g.output_size());
  pool2d(g, kMax, x.data, out.data);
}

// maxPoolGrad(dy, x, geometry, dx); avgPoolGrad(dy, geometry, dx).
void max_pool_gradient(const CallArgs& args) {
  const ConvGeometry g = pool_geometry(args, 2);
  const Float32Buffer dy = args.floats(0, "dy", g.output_size());
  const Float32Buffer x = args.floats(1, "x", g.input_size());
  const Float32Buffer dx = args.floats(3, "dx", g.input_size());
  pool2d_backward(g, true, x.data, dy.data, dx.data);
}

void avg_pool_gradient(const CallArgs& args) {
  const ConvGeometry g = pool_geometry(args, 1);
  const Float32Buffer dy = args.floats(0, "dy", g.output_size());
  const Float32Buffer dx = args.floats(2, "dx", g.input_size());
  pool2d_backward(g, false, nullptr, dy.data, dx.data);
}

void matmul_forward(const CallArgs& args) {
  const int32_t* f = args.ints(2, "shape", 7);
  const MatMulShape s{f[0], f[1], f[2], f[3], f[4], f[5] != 0, f[6] != 0};
  if (s.batch_a <= 0 || s.batch_b <= 0 || s.m <= 0 || s.n <= 0 || s.k <= 0) {
    args.fail("shape [batchA, batchB, m, n, k] must be positive");
  }
  const int batches = s.batch_a > s.batch_b ? s.batch_a : s.batch_b;
  if (batches % s.batch_a != 0 || batches % s.batch_b != 0) {
    args.fail("batchA and batchB must divide the larger of the two");
  }
  const Float32Buffer a = args.floats(0, "a", static_cast<size_t>(s.batch_a) * s.m * s.k);
  const Float32Buffer b = args.floats(1, "b", static_cast<size_t>(s.batch_b) * s.k * s.n);
  const Float32Buffer out = args.floats(3, "out", static_cast<size_t>(batches) * s.m * s.n);
  matmul(s, a.data, b.data, args.epilogue(4, s.n), out.data);
}

size_t element_count(const Buffer<int32_t>& shape) {
  size_t count = 1;
  for (size_t d = 0; d < shape.length; ++d) count *= shape.data[d];
  return count;
}

// Checks that `operand` (padded to out's rank) broadcasts to `out`.
void check_broadcast(const CallArgs& args, const Buffer<int32_t>& operand, const char* name,
                     const Buffer<int32_t>& out) {
  if (operand.length != out.length) args.fail(std::string("'") + name + "' must have the output's rank");
  for (size_t d = 0; d < out.length; ++d) {
    if (operand.data[d] != 1 && operand.data[d] != out.data[d]) {
      args.fail(std::string("'") + name + "' does not broadcast to the output shape at dim " + std::to_string(d));
    }
  }
}

void binary_op(const CallArgs& args) {
  const double op = args.number(0, "op");
  if (op < 0 || op >= static_cast<double>(BinaryOp::kFirst)) args.fail("unknown binary op " + std::to_string(op));
  const Buffer<int32_t> a_shape = args.shape(2, "aShape"), b_shape = args.shape(4, "bShape");
  const Buffer<int32_t> out_shape = args.shape(5, "outShape");
  check_broadcast(args, a_shape, "aShape", out_shape);
  check_broadcast(args, b_shape, "bShape", out_shape);
  const Float32Buffer a = args.floats(1, "a", element_count(a_shape));
  const Float32Buffer b = args.floats(3, "b", element_count(b_shape));
  const Float32Buffer out = args.floats(6, "out", element_count(out_shape));
  binary(static_cast<BinaryOp>(static_cast<int>(op)), a.data, a_shape.data, b.data, b_shape.data,
         out_shape.data, static_cast<int>(out_shape.length), out.data);
}

void unary_op(const CallArgs& args) {
  const double op = args.number(0, "op");
  if (op < 0 || op > static_cast<double>(UnaryOp::kSigmoid)) args.fail("unknown unary op " + std::to_string(op));
  const Float32Buffer x = args.floats(1, "x");
  const float alpha = static_cast<float>(args.number(2, "alpha"));
  const float beta = static_cast<float>(args.number(3, "beta"));
  const Float32Buffer out = args.floats(4, "out", x.length);
  unary(static_cast<UnaryOp>(static_cast<int>(op)), x.data, x.length, alpha, beta, out.data);
}

void clip_grad_op(const CallArgs& args) {
  const Float32Buffer dy = args.floats(0, "dy");
  const Float32Buffer x = args.floats(1, "x", dy.length);
  const float lo = static_cast<float>(args.number(2, "lo"));
  const float hi = static_cast<float>(args.number(3, "hi"));
  const Float32Buffer out = args.floats(4, "out", dy.length);
  clip_grad(dy.data, x.data, dy.length, lo, hi, out.data);
}

// reduceSum(x, shape, reduced, mean, out[, y]): with y, sums x * y (mean must be 0).
void reduce_op(const CallArgs& args) {
  const Buffer<int32_t> shape = args.shape(1, "shape");
  const int32_t* reduced = args.ints(2, "reduced", shape.length);
  const bool mean = args.number(3, "mean") != 0;
  const Float32Buffer x = args.floats(0, "x", element_count(shape));
  size_t kept = 1;
  for (size_t d = 0; d < shape.length; ++d) kept *= reduced[d] != 0 ? 1 : shape.data[d];
  const Float32Buffer out = args.floats(4, "out", kept);
  if (args.is_null(5)) {
    reduce_sum(x.data, shape.data, reduced, static_cast<int>(shape.length), mean, out.data);
    return;
  }
  if (mean) args.fail("'mean' must be 0 with a factor 'y'");
  const Float32Buffer y = args.floats(5, "y", x.length);
  multiply_sum(x.data, y.data, shape.data, reduced, static_cast<int>(shape.length), out.data);
}

void broadcast_op(const CallArgs& args) {
  const Buffer<int32_t> x_shape = args.shape(1, "xShape"), out_shape = args.shape(2, "outShape");
  check_broadcast(args, x_shape, "xShape", out_shape);
  const Float32Buffer x = args.floats(0, "x", element_count(x_shape));
  const Float32Buffer out = args.floats(3, "out", element_count(out_shape));
  broadcast_to(x.data, x_shape.data, out_shape.data, static_cast<int>(out_shape.length), out.data);
}

void batch_norm_op(const CallArgs& args) {
  const Float32Buffer x = args.floats(0, "x");
  const double channels = args.number(1, "channels");
  if (!(channels >= 1) || x.length % static_cast<size_t>(channels) != 0) {
    args.fail("'channels' must be positive and divide the size of 'x'");
  }
  const size_t c = static_cast<size_t>(channels);
  BatchNormParams p{};
  p.mean = args.optional_channel_values(2, "mean", c, &p.mean_size);
  p.variance = args.optional_channel_values(3, "variance", c, &p.variance_size);
  p.offset = args.optional_channel_values(4, "offset", c, &p.offset_size);
  p.scale = args.optional_channel_values(5, "scale", c, &p.scale_size);
  if (p.mean == nullptr || p.variance == nullptr) args.fail("'mean' and 'variance' are required");
  p.epsilon = static_cast<float>(args.number(6, "epsilon"));
  const Float32Buffer out = args.floats(7, "out", x.length);
  batch_norm(x.data, x.length, c, p, out.data);
}

void batch_norm_grad_op(const CallArgs& args) {
  const Float32Buffer x = args.floats(0, "x");
  const Float32Buffer dy = args.floats(1, "dy", x.length);
  const double channels = args.number(2, "channels");
  if (!(channels >= 1) || x.length % static_cast<size_t>(channels) != 0) {
    args.fail("'channels' must be positive and divide the size of 'x'");
  }
  const size_t c = static_cast<size_t>(channels);
  const Float32Buffer mean = args.floats(3, "mean", c), variance = args.floats(4, "variance", c);
  const Float32Buffer scale = args.floats(5, "scale", c);
  const float epsilon = static_cast<float>(args.number(6, "epsilon"));
  const BatchNormGradients out{args.floats(7, "dx", x.length).data, args.floats(8, "dMean", c).data,
                               args.floats(9, "dVariance", c).data, args.floats(10, "dScale", c).data,
                               args.floats(11, "dOffset", c).data};
  batch_norm_grad(x.data, dy.data, x.length, c, mean.data, variance.data, scale.data, epsilon, out);
}

void add_n_op(const CallArgs& args) {
  const Float32Buffer out = args.floats(1, "out");
  const std::vector<const float*> inputs = args.float_list(0, "inputs", out.length);
  add_n(inputs.data(), inputs.size(), out.length, out.data);
}

// addChain(a, b, c, out): c holds as many values as a, or one row that divides them.
void add_chain_op(const CallArgs& args) {
  const Float32Buffer a = args.floats(0, "a");
  const Float32Buffer b = args.floats(1, "b", a.length);
  const Float32Buffer c = args.floats(2, "c");
  if (c.length == 0 || a.length % c.length != 0) args.fail("'c' must hold a row that divides the size of 'a'");
  const Float32Buffer out = args.floats(3, "out", a.length);
  add_chain(a.data, b.data, c.data, a.length, c.length, out.data);
}

napi_value threads(napi_env env, napi_callback_info) {
  napi_value result;
  napi_create_int32(env, thread_count(), &result);
  return result;
}

// The oneDNN version, for logs.
napi_value info(napi_env env, napi_callback_info) {
  const dnnl_version_t* version = dnnl_version();
  const std::string text = "oneDNN " + std::to_string(version->major) + "." + std::to_string(version->minor) +
                           "." + std::to_string(version->patch) + ", " + std::to_string(thread_count()) + " threads";
  napi_value result;
  napi_create_string_utf8(env, text.c_str(), text.size(), &result);
  return result;
}

#define SSL_NATIVE_EXPORT(js_name, body)                                               \
  {js_name, nullptr,                                                                  \
   [](napi_env env, napi_callback_info info) { return call<body>(env, info, js_name); }, \
   nullptr, nullptr, nullptr, napi_enumerable, nullptr}

napi_value init(napi_env env, napi_value exports) {
  // Training allocates and frees tensors of megabytes many times a step. By default glibc maps
  // each one freshly (page faults, zeroing by the kernel: slower than the ops themselves) and
  // returns freed memory at once; keep up to 32 MB blocks in the heap and reuse it instead.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  const napi_property_descriptor properties[] = {
      SSL_NATIVE_EXPORT("setThreads", set_threads),
      SSL_NATIVE_EXPORT("conv2d", conv2d_forward),
      SSL_NATIVE_EXPORT("conv2dBackpropInput", conv2d_input_gradient),
      SSL_NATIVE_EXPORT("conv2dBackpropFilter", conv2d_filter_gradient),
      SSL_NATIVE_EXPORT("depthwiseConv2d", depthwise_forward),
      SSL_NATIVE_EXPORT("depthwiseConv2dBackpropInput", depthwise_input_gradient),
      SSL_NATIVE_EXPORT("depthwiseConv2dBackpropFilter", depthwise_filter_gradient),
      SSL_NATIVE_EXPORT("maxPool", pool_forward<true>),
      SSL_NATIVE_EXPORT("avgPool", pool_forward<false>),
      SSL_NATIVE_EXPORT("maxPoolGrad", max_pool_gradient),
      SSL_NATIVE_EXPORT("avgPoolGrad", avg_pool_gradient),
      SSL_NATIVE_EXPORT("matMul", matmul_forward),
      SSL_NATIVE_EXPORT("binary", binary_op),
      SSL_NATIVE_EXPORT("unary", unary_op),
      SSL_NATIVE_EXPORT("clipGrad", clip_grad_op),
      SSL_NATIVE_EXPORT("reduceSum", reduce_op),
      SSL_NATIVE_EXPORT("broadcastTo", broadcast_op),
      SSL_NATIVE_EXPORT("batchNorm", batch_norm_op),
      SSL_NATIVE_EXPORT("batchNormGrad", batch_norm_grad_op),
      SSL_NATIVE_EXPORT("addN", add_n_op),
      SSL_NATIVE_EXPORT("addChain", add_chain_op),
      {"threads", nullptr, threads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"info", nullptr, info, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  return exports;
}

}  // namespace
}  // namespace ssl_native

NAPI_MODULE(NODE_GYP_MODULE_NAME, ssl_native::init)
