//===- Progress.cpp - How far the analysis is, on stderr ------------------===//
//
// Every write is one whole string to an unbuffered stream under the lock,
// so lines from worker threads never interleave. The live line is erased by
// overwriting it with spaces, not by a terminal escape, so it works on any
// terminal; it is kept one column short of the terminal's width, since a
// line that fills the width would wrap and '\r' would go back only to the
// start of its last row. When stderr cannot be written (closed, a full
// disk), the progress stops, and the stream's error is cleared: LLVM would
// make it a fatal error when the program exits.
//
//===----------------------------------------------------------------------===//

#include "Progress.h"

#include "TextOutput.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <cstdlib>

#if __has_include(<sys/ioctl.h>)
#include <sys/ioctl.h>
#include <unistd.h>
#endif

namespace ngx_pool_check {
namespace driver {

namespace {

constexpr unsigned DefaultColumns = 80;
/// Below this the line is not shortened further.
constexpr size_t MinimumFileWidth = 8;

/// "01:05"; minutes go past 59 when they must.
std::string minutesAndSeconds(double Seconds) {
  auto Whole = static_cast<unsigned long>(Seconds + 0.5);
  std::string Text;
  llvm::raw_string_ostream(Text)
      << llvm::format("%02lu:%02lu", Whole / 60, Whole % 60);
  return Text;
}

/// The last \p Width bytes of \p File after "...", not starting inside a
/// UTF-8 character.
std::string keepEnd(llvm::StringRef File, size_t Width) {
  if (File.size() <= Width)
    return File.str();
  if (Width <= 3)
    return std::string(Width, '.');
  size_t From = File.size() - (Width - 3);
  while (From < File.size() && (File[From] & 0xC0) == 0x80)
    ++From;
  return "..." + File.drop_front(From).str();
}

} // namespace

Progress::Progress(ProgressStyle Style, size_t Total, Clock::duration Interval,
                   unsigned Columns, llvm::raw_fd_ostream &OS)
    : Style(Style), Total(Total), Interval(Interval),
      Columns(Columns ? Columns : DefaultColumns), OS(OS) {}

Progress::~Progress() { done(); }

void Progress::started(llvm::StringRef File) {
  if (Style == ProgressStyle::None)
    return;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Done || Broken)
    return;
  ++Started;
  CurrentFile = displayPath(File);
  if (Style == ProgressStyle::Live)
    redrawLiveLine();
  else
    printLogLine();
}

void Progress::finished() {
  if (Style == ProgressStyle::None)
    return;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Done || Broken)
    return;
  ++Finished;
  // A new ETA; after the last unit, done() erases the line instead.
  if (Style == ProgressStyle::Live && Finished < Total)
    redrawLiveLine();
}

void Progress::done() {
  std::lock_guard<std::mutex> Guard(Lock);
  if (Done)
    return;
  Done = true;
  if (Style == ProgressStyle::Live && LiveWidth && !Broken)
    write("\r" + std::string(LiveWidth, ' ') + "\r");
}

void Progress::write(const std::string &Text) {
  OS << Text;
  OS.flush();
  if (OS.has_error()) {
    OS.clear_error();
    Broken = true;
  }
}

std::string Progress::eta() const {
  if (Finished == 0 || Finished >= Total)
    return "";
  double Elapsed = std::chrono::duration<double>(Clock::now() - Begin).count();
  double Remaining = Elapsed / Finished * (Total - Finished);
  return " (ETA " + minutesAndSeconds(Remaining) + ")";
}

std::string Progress::fitToWidth(std::string Count, std::string File,
                                 std::string Eta) const {
  size_t Width = std::max(Columns, 2u) - 1;
  if (Count.size() + File.size() + Eta.size() <= Width)
    return Count + File + Eta;
  if (Count.size() + MinimumFileWidth + Eta.size() > Width)
    Eta.clear(); // A very narrow terminal: the count and the file first.
  size_t Room =
      Width > Count.size() + Eta.size() ? Width - Count.size() - Eta.size() : 0;
  return (Count + keepEnd(File, Room) + Eta).substr(0, Width);
}

std::string Progress::countText() const {
  return "[" + std::to_string(Started) + "/" + std::to_string(Total) + "] ";
}

void Progress::redrawLiveLine() {
  std::string Text = fitToWidth(countText(), CurrentFile, eta());
  std::string Padding(LiveWidth > Text.size() ? LiveWidth - Text.size() : 0,
                      ' ');
  write("\r" + Text + Padding);
  LiveWidth = Text.size();
}

void Progress::printLogLine() {
  Clock::time_point Now = Clock::now();
  bool FirstOrLast = Started == 1 || Started == Total;
  if (!FirstOrLast && LastLogLine && Now - *LastLogLine < Interval)
    return;
  write(countText() + CurrentFile + "\n");
  LastLogLine = Now;
}

unsigned terminalColumns() {
#if defined(TIOCGWINSZ)
  struct winsize Size = {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &Size) == 0 && Size.ws_col > 0)
    return Size.ws_col;
#endif
  if (const char *Columns = std::getenv("COLUMNS")) {
    unsigned N = 0;
    if (!llvm::StringRef(Columns).getAsInteger(10, N) && N > 0)
      return N;
  }
  return DefaultColumns;
}

} // namespace driver
} // namespace ngx_pool_check
