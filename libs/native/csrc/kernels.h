// The addon's kernels on raw float buffers. Shapes are validated by the bindings beforehand.
#pragma once
#include <cstddef>

#include "conv_geometry.h"
#include "epilogue.h"

namespace ssl_native {

// x: NHWC, filter: [filter_h, filter_w, in_c, out_c], out: NHWC.
void conv2d(const ConvGeometry& g, const float* x, const float* filter, const Epilogue& epilogue,
            float* out);
void conv2d_backprop_input(const ConvGeometry& g, const float* dy, const float* filter, float* dx);
void conv2d_backprop_filter(const ConvGeometry& g, const float* x, const float* dy, float* dfilter);

// filter: [filter_h, filter_w, in_c, multiplier]; out_c = in_c * multiplier.
void depthwise_conv2d(const ConvGeometry& g, const float* x, const float* filter,
                      const Epilogue& epilogue, float* out);
void depthwise_conv2d_backprop_input(const ConvGeometry& g, const float* dy, const float* filter,
                                     float* dx);
void depthwise_conv2d_backprop_filter(const ConvGeometry& g, const float* x, const float* dy,
                                      float* dfilter);

// Max (max = true) or average pooling over a filter_h x filter_w window, NHWC, out_c = in_c.
// The backward pass reads x only for max pooling (to find each window's argmax).
void pool2d(const ConvGeometry& g, bool max, const float* x, float* out);
void pool2d_backward(const ConvGeometry& g, bool max, const float* x, const float* dy, float* dx);
// Max pooling's gradient without oneDNN's argmax workspace (max_pool_grad.cc); pool2d_backward's.
void max_pool_backward(const ConvGeometry& g, const float* x, const float* dy, float* dx);

struct MatMulShape {
  int batch_a, batch_b;  // the output has max(batch_a, batch_b) matrices; batch i uses a[i % batch_a]
  int m, n, k;
  bool transpose_a, transpose_b;
};
// out[i] = op(a[i]) * op(b[i]) (+ epilogue over the n columns).
void matmul(const MatMulShape& s, const float* a, const float* b, const Epilogue& epilogue,
            float* out);

}  // namespace ssl_native

namespace ssl_native {

// Element-wise and reduction kernels: the cpu backend's JS versions dominate a training step
// (batch norm and its gradient are a dozen full-size passes per layer).

// kReluGrad / kRelu6Grad / kSquareGrad: a = dy, b = x, out = dy * (the function's derivative at
// x), rounded as tfjs's own gradients (mul(dy, step(x)), mul(dy, mul(x, 2))) round, NaN included.
// kFirst (out = a) is how broadcast_to reuses the broadcasting loop.
// kSigmoidGrad: a = dy, b = y = sigmoid(x), out = dy * y * (1 - y).
enum class BinaryOp { kAdd = 0, kSub, kMul, kDiv, kSquaredDifference, kReluGrad, kRelu6Grad, kSquareGrad, kSigmoidGrad, kFirst };
enum class UnaryOp { kRelu = 0, kRelu6, kStep, kSquare, kNeg, kClip, kAbs, kSigmoid };

// out = a op b with NumPy broadcasting; a_shape and b_shape are padded to out_shape's rank.
void binary(BinaryOp op, const float* a, const int* a_shape, const float* b, const int* b_shape,
            const int* out_shape, int rank, float* out);
// alpha: Step's value at x <= 0; kClip's lower bound (beta its upper bound), as tfjs clips:
// v > hi ? hi : (v < lo ? lo : v).
void unary(UnaryOp op, const float* x, size_t size, float alpha, float beta, float* out);
// The gradient of clipByValue(x, lo, hi) as tfjs computes it: where(lo <= x <= hi, dy, 0).
void clip_grad(const float* dy, const float* x, size_t size, float lo, float hi, float* out);
// Sums (or averages) x over the dims where reduced[d] != 0; out holds the kept dims in order.
void reduce_sum(const float* x, const int* shape, const int* reduced, int rank, bool mean, float* out);
// The sum of a * b (two tensors of `shape`) over the reduced dims: a broadcast Multiply's gradient
// without its full-size product, with the bits of Multiply then reduce_sum.
void multiply_sum(const float* a, const float* b, const int* shape, const int* reduced, int rank, float* out);
// out = x broadcast to out_shape (x_shape padded to the same rank).
void broadcast_to(const float* x, const int* x_shape, const int* out_shape, int rank, float* out);

// out = (x - mean) * scale / sqrt(variance + epsilon) + offset, over rows of `channels` values;
// each parameter holds one value or one per channel (sizes in the *_size arguments, 0 = absent).
struct BatchNormParams {
  const float* mean; size_t mean_size;
  const float* variance; size_t variance_size;
  const float* offset; size_t offset_size;
  const float* scale; size_t scale_size;
  float epsilon;
};
void batch_norm(const float* x, size_t size, size_t channels, const BatchNormParams& p, float* out);

// The gradients of batch_norm with respect to x and its per-channel parameters, in one pass to
// reduce over pixels and one to write dx (tfjs composes a dozen full-size ops for this).
// Parameters and the outputs d_* hold `channels` values.
struct BatchNormGradients {
  float* dx;
  float* d_mean;
  float* d_variance;
  float* d_scale;
  float* d_offset;
};
void batch_norm_grad(const float* x, const float* dy, size_t size, size_t channels,
                     const float* mean, const float* variance, const float* scale, float epsilon,
                     const BatchNormGradients& out);

// out = inputs[0] + inputs[1] + ..., summed in that order.
void add_n(const float* const* inputs, size_t count, size_t size, float* out);

// out[i] = (a[i] + b[i]) + c[i % period]: c holds `size` values, or one row of `period` values
// broadcast over the rows (add_chain.cc).
void add_chain(const float* a, const float* b, const float* c, size_t size, size_t period, float* out);

}  // namespace ssl_native
