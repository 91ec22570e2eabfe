//===- Progress.h - How far the analysis is, on stderr --------------------===//
//
//   [3/12] src/http/ngx_http_foo_module.c (ETA 01:05)
//
// N is the unit just started (the Nth of M to start), the file is that
// unit's, and the ETA (minutes:seconds) comes from the units finished so far
// (absent until one has). Two styles:
//   - live, on a terminal: that one line, rewritten in place ('\r') when a
//     unit starts or ends, shortened to the terminal's width, and erased when
//     the analysis ends, so that the failures, findings and summary after it
//     start on a clean line;
//   - lines, elsewhere (CI logs): "[N/M] file" on a line of its own when a
//     unit starts, at most one per interval (5 s by default): the first and
//     the last unit are always shown, the ones between only when the
//     interval has passed since the last line shown.
// Only ever stderr: stdout stays the findings.
//
//===----------------------------------------------------------------------===//

#ifndef NGX_POOL_CHECK_DRIVER_PROGRESS_H
#define NGX_POOL_CHECK_DRIVER_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace ngx_pool_check {
namespace driver {

enum class ProgressStyle {
  None,  ///< Nothing shown.
  Live,  ///< One line rewritten in place (a terminal).
  Lines, ///< A line per unit, rate-limited (a log).
};

/// The progress of one analysis. started() and finished() may be called
/// from any thread.
class Progress {
public:
  using Clock = std::chrono::steady_clock;

  /// \p Total units; in the Lines style, at most one line per \p Interval.
  /// \p Columns is the width of the terminal in the Live style.
  Progress(ProgressStyle Style, size_t Total, Clock::duration Interval,
           unsigned Columns, llvm::raw_fd_ostream &OS = llvm::errs());
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// A unit starts: \p File is its main file (absolute).
  void started(llvm::StringRef File);
  /// A unit has ended, analysed or not.
  void finished();
  /// The analysis has ended: erases the live line. Called again, or by the
  /// destructor, it does nothing.
  void done();

private:
  std::string countText() const;
  std::string fitToWidth(std::string Count, std::string File,
                         std::string Eta) const;
  std::string eta() const;
  void redrawLiveLine();
  void printLogLine();
  /// Writes \p Text whole; on an error, stops the progress (see the .cpp).
  void write(const std::string &Text);

  const ProgressStyle Style;
  const size_t Total;
  const Clock::duration Interval;
  const unsigned Columns;
  llvm::raw_fd_ostream &OS;
  const Clock::time_point Begin = Clock::now();

  std::mutex Lock;
  size_t Started = 0;
  size_t Finished = 0;
  std::string CurrentFile; ///< As the text output shows it.
  size_t LiveWidth = 0;    ///< Characters of the live line.
  std::optional<Clock::time_point> LastLogLine;
  bool Done = false;
  bool Broken = false; ///< stderr could not be written.
};

/// The width of the terminal on stderr: its window size, else $COLUMNS,
/// else 80.
unsigned terminalColumns();

} // namespace driver
} // namespace ngx_pool_check

#endif // NGX_POOL_CHECK_DRIVER_PROGRESS_H
