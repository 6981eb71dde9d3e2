// Max pooling's gradient in one pass over x: each window's argmax receives the window's dy.
// oneDNN needs its argmax workspace from a training forward pass, which tfjs does not keep (it
// hands the kernel x), so the oneDNN path ran the pooling twice: 4.5x a forward pass at the 224-px
// ResNet stem, against 3x here (zeroing dx, reading x once, adding dy in).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels.h"
#include "parallel.h"
#include "simd.h"

namespace ssl_native {
namespace {

// Channels per task when the batch alone does not give every thread a few tasks.
constexpr size_t kSmallBatchChannelBlock = 16;

// Keeps, per channel, the first strict maximum in window order (as tfjs picks it; a NaN never
// wins and a window of -Infinity or NaN only has no argmax, so its dy is dropped, as in tfjs).
SSL_NATIVE_VECTORIZE void keep_maxima(const float* __restrict__ values, int64_t offset, size_t n,
                                      float* __restrict__ best, int64_t* __restrict__ where) {
  for (size_t c = 0; c < n; ++c) {
    const bool greater = values[c] > best[c];
    best[c] = greater ? values[c] : best[c];
    where[c] = greater ? offset : where[c];
  }
}

void add_at_maxima(const float* __restrict__ dy, const int64_t* __restrict__ where, size_t n, float* __restrict__ dx) {
  for (size_t c = 0; c < n; ++c) {
    if (where[c] >= 0) dx[static_cast<size_t>(where[c]) + c] += dy[c];
  }
}

}  // namespace

void max_pool_backward(const ConvGeometry& g, const float* x, const float* dy, float* dx) {
  const size_t channels = g.in_c, in_pixels = static_cast<size_t>(g.in_h) * g.in_w;
  const size_t out_pixels = static_cast<size_t>(g.out_h) * g.out_w;
  const bool few_images = static_cast<size_t>(g.batch) < static_cast<size_t>(thread_count()) * 4;
  const size_t block = few_images ? std::min(channels, kSmallBatchChannelBlock) : channels;
  const size_t blocks = (channels + block - 1) / block;
  // A task is one image's block of channels: windows overlap, so dx is only ever written by the
  // task that owns its image and channels.
  parallel_for(static_cast<size_t>(g.batch) * blocks, [&](size_t task, int) {
    const size_t image = task / blocks, first = (task % blocks) * block, n = std::min(block, channels - first);
    const float* x_image = x + image * in_pixels * channels + first;
    const float* dy_image = dy + image * out_pixels * channels + first;
    float* dx_image = dx + image * in_pixels * channels + first;
    for (size_t pixel = 0; pixel < in_pixels; ++pixel) std::fill_n(dx_image + pixel * channels, n, 0.0f);
    std::vector<float> best(n);
    std::vector<int64_t> where(n);
    for (int oy = 0; oy < g.out_h; ++oy) {
      const int top = oy * g.stride_h - g.pad_top;
      const int y_begin = std::max(top, 0), y_end = std::min(top + g.filter_h, g.in_h);
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int left = ox * g.stride_w - g.pad_left;
        const int x_begin = std::max(left, 0), x_end = std::min(left + g.filter_w, g.in_w);
        std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
        std::fill(where.begin(), where.end(), -1);
        for (int iy = y_begin; iy < y_end; ++iy) {
          for (int ix = x_begin; ix < x_end; ++ix) {
            const int64_t offset = static_cast<int64_t>((static_cast<size_t>(iy) * g.in_w + ix) * channels);
            keep_maxima(x_image + offset, offset, n, best.data(), where.data());
          }
        }
        add_at_maxima(dy_image + (static_cast<size_t>(oy) * g.out_w + ox) * channels, where.data(), n, dx_image);
      }
    }
  });
}

}  // namespace ssl_native
