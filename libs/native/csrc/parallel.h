// Parallel loops on the OpenMP runtime that oneDNN also uses, so the addon's own loops and the
// oneDNN primitives share one set of worker threads (no oversubscription of the cores).
#pragma once
#include <cstddef>
#include <functional>

namespace ssl_native {

void set_thread_count(int threads);
int thread_count();

// Caps the threads of parallel loops and oneDNN primitives within its scope: small operations
// are faster on one thread than with the wake-up and barrier of a parallel region (and much
// faster when other processes keep a core busy).
class ThreadLimit {
 public:
  explicit ThreadLimit(int threads);
  ~ThreadLimit();
  ThreadLimit(const ThreadLimit&) = delete;
  ThreadLimit& operator=(const ThreadLimit&) = delete;

 private:
  int previous_;
};

// Runs body(task, worker) for every task in [0, tasks), worker < thread_count().
void parallel_for(size_t tasks, const std::function<void(size_t task, int worker)>& body);

// Splits [0, total) into a few contiguous ranges per thread, each at least `min_chunk` long,
// and runs body(begin, end, worker) over them in parallel.
void parallel_ranges(size_t total, size_t min_chunk,
                     const std::function<void(size_t begin, size_t end, int worker)>& body);

}  // namespace ssl_native
