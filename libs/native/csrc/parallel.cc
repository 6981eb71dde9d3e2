#include "parallel.h"

#include <omp.h>

#include <algorithm>

namespace ssl_native {

void set_thread_count(int threads) { omp_set_num_threads(threads); }

int thread_count() { return omp_get_max_threads(); }

ThreadLimit::ThreadLimit(int threads) : previous_(thread_count()) {
  if (threads < previous_) omp_set_num_threads(threads);
}

ThreadLimit::~ThreadLimit() { omp_set_num_threads(previous_); }

void parallel_for(size_t tasks, const std::function<void(size_t, int)>& body) {
  if (tasks == 1 || thread_count() == 1) {
    for (size_t task = 0; task < tasks; ++task) body(task, 0);
    return;
  }
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t task = 0; task < tasks; ++task) body(task, omp_get_thread_num());
}

void parallel_ranges(size_t total, size_t min_chunk,
                     const std::function<void(size_t, size_t, int)>& body) {
  if (total == 0) return;
  // A few ranges per thread balance uneven progress without much scheduling overhead.
  const size_t wanted = static_cast<size_t>(thread_count()) * 4;
  const size_t chunk = std::max(std::max<size_t>(min_chunk, 1), (total + wanted - 1) / wanted);
  const size_t ranges = (total + chunk - 1) / chunk;
  parallel_for(ranges, [&](size_t range, int worker) {
    const size_t begin = range * chunk;
    body(begin, std::min(total, begin + chunk), worker);
  });
}

}  // namespace ssl_native
