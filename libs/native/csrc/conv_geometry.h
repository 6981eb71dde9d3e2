// One description of a 2-D convolution's geometry (NHWC input, HWIO / HWCM filter), shared by
// the forward and both backward kernels of the regular and the depthwise convolution.
// Padding is tfjs's: pad_bottom / pad_right may be smaller than needed ("valid" with a stride
// that does not divide the input), the surplus input rows / columns are then unused.
#pragma once
#include <cstddef>

namespace ssl_native {

struct ConvGeometry {
  int batch, in_h, in_w, in_c;
  int out_h, out_w, out_c;
  int filter_h, filter_w;
  int stride_h, stride_w;
  int dilation_h, dilation_w;
  int pad_top, pad_left, pad_bottom, pad_right;

  static constexpr int kFieldCount = 17;

  size_t taps() const { return static_cast<size_t>(filter_h) * filter_w; }
  size_t patch_size() const { return taps() * in_c; }
  size_t out_pixels() const { return static_cast<size_t>(out_h) * out_w * batch; }
  size_t input_size() const { return static_cast<size_t>(in_h) * in_w * batch * in_c; }
  size_t output_size() const { return out_pixels() * out_c; }
};

}  // namespace ssl_native
